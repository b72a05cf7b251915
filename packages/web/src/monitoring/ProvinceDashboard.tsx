/**
 * The province overview at the top of /theo-doi: today's and the month's counts, the dossiers in
 * progress now, the channel mix, the Decision 766 score with its six-month trend, and the dossiers
 * overdue now with who holds them. The charts load on demand; their figures are in tables.
 */
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState } from '../ui/ErrorState.js';
import { formatNumber } from '../ui/format.js';
import { Loading } from '../ui/Page.js';
import { useDashboard } from './dashboard-data.js';
import {
  AsOf,
  ChannelTable,
  CountsTable,
  channelBars,
  OpenNow,
  OverdueTable,
  ScoreText,
  TrendTable,
  trendSeries,
  useGroupName,
} from './dashboard-parts.js';

const TrendChart = lazy(() => import('./charts.js').then((m) => ({ default: m.TrendChart })));
const ChannelChart = lazy(() => import('./charts.js').then((m) => ({ default: m.ChannelChart })));

export function ProvinceDashboard({ period }: { period: string }) {
  const { t, i18n } = useTranslation();
  const groupName = useGroupName();
  const q = useDashboard(period);
  if (q.error) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  if (!q.data) return <Loading />;
  const d = q.data;
  const trend = trendSeries(d, groupName, t('monitoring.dashboard.total'));
  return (
    <section className="province" aria-labelledby="province-title">
      <h2 id="province-title">
        {t('monitoring.dashboard.title')} — {d.period.label}
      </h2>
      <AsOf d={d} />
      <p className="meta">
        {t('monitoring.dashboard.asOfNote')}{' '}
        <Link to={`/theo-doi/man-hinh?period=${period}`}>{t('monitoring.dashboard.tvLink')}</Link>
      </p>
      <p className="meta">
        {t('monitoring.dashboard.countersLag', { n: formatNumber(d.countersLagSeconds, i18n.language) })}
      </p>
      <CountsTable d={d} />

      <h3>{t('monitoring.dashboard.openTitle')}</h3>
      <OpenNow d={d} />

      <div className="dash-grid">
        <div>
          <h3>{t('monitoring.dashboard.scoreTitle')}</h3>
          <p>
            {d.score.total === null ? (
              <ScoreText score={null} />
            ) : (
              t('monitoring.dashboard.scoreNow', { score: d.score.total, max: d.score.measuredMax })
            )}
          </p>
          <figure>
            <figcaption className="sr-only">{t('monitoring.dashboard.chartLabel')}</figcaption>
            <Suspense fallback={<div className="chart" />}>
              <TrendChart rows={trend.rows} series={trend.series} />
            </Suspense>
          </figure>
          <TrendTable d={d} />
        </div>
        <div>
          <h3>{t('monitoring.dashboard.channelsTitle')}</h3>
          <figure>
            <figcaption className="sr-only">{t('monitoring.dashboard.channelChartLabel')}</figcaption>
            <Suspense fallback={<div className="chart" />}>
              <ChannelChart bars={channelBars(d, (k) => t(`monitoring.dashboard.${k}`))} />
            </Suspense>
          </figure>
          <ChannelTable d={d} />
          <p className="meta">{t('monitoring.dashboard.digitisation')}</p>
        </div>
      </div>

      <h3>{t('monitoring.dashboard.overdueTitle')}</h3>
      <OverdueTable d={d} />
    </section>
  );
}
