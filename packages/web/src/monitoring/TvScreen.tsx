/**
 * /theo-doi/man-hinh: the big screen of a service centre. Covers the whole window (and the screen,
 * with the browser's full-screen mode), large type, asks the server again every 30 seconds and
 * says when the figures were read. No interaction is needed once it is open.
 */
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState } from '../ui/ErrorState.js';
import { formatNumber } from '../ui/format.js';
import { Loading, PageTitle } from '../ui/Page.js';
import './monitoring.css';
import { TV_REFRESH_MS, useDashboard } from './dashboard-data.js';
import {
  ChannelTable,
  channelBars,
  OverdueTable,
  ScoreText,
  TrendTable,
  trendSeries,
  useGroupName,
} from './dashboard-parts.js';
import { usePeriod } from './period.js';

const TrendChart = lazy(() => import('./charts.js').then((m) => ({ default: m.TrendChart })));
const ChannelChart = lazy(() => import('./charts.js').then((m) => ({ default: m.ChannelChart })));

const clockTime = (iso: string, lang: string) =>
  new Intl.DateTimeFormat(lang.startsWith('en') ? 'en-GB' : 'vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour12: false,
  }).format(new Date(iso));

function Tile({ label, value, bad = false }: { label: string; value: number; bad?: boolean }) {
  const { i18n } = useTranslation();
  return (
    <div className={bad && value > 0 ? 'tile bad' : 'tile'}>
      <dt>{label}</dt>
      <dd>{formatNumber(value, i18n.language)}</dd>
    </div>
  );
}

export function TvScreen() {
  const { t, i18n } = useTranslation();
  const [period] = usePeriod();
  const groupName = useGroupName();
  const q = useDashboard(period, { refetchInterval: TV_REFRESH_MS, overdueLimit: 8 });
  const d = q.data;
  return (
    <div className="tv">
      <header className="tv-head">
        <PageTitle text={t('monitoring.tv.title')} />
        {d && (
          <p className="tv-asof" role="status">
            {t('monitoring.dashboard.asOf', { time: clockTime(d.asOf, i18n.language) })}
          </p>
        )}
        <p className="tv-tools">
          <span>{t('monitoring.tv.refresh', { s: TV_REFRESH_MS / 1000 })}</span>{' '}
          <button type="button" onClick={() => void document.documentElement.requestFullscreen?.()}>
            {t('monitoring.tv.fullscreen')}
          </button>{' '}
          <Link to={`/theo-doi?period=${period}`}>{t('monitoring.tv.back')}</Link>
        </p>
      </header>
      {q.error && !d ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : !d ? (
        <Loading />
      ) : (
        <div className="tv-body">
          <section className="tv-counts">
            <h2 id="tv-today">{t('monitoring.dashboard.today')}</h2>
            <dl className="tiles">
              <Tile label={t('monitoring.dashboard.received')} value={d.today.received} />
              <Tile label={t('monitoring.dashboard.resolved')} value={d.today.resolved} />
              <Tile label={t('monitoring.dashboard.overdue')} value={d.today.overdue} bad />
            </dl>
            <h2>{t('monitoring.dashboard.month', { period: d.period.label })}</h2>
            <dl className="tiles">
              <Tile label={t('monitoring.dashboard.received')} value={d.month.received} />
              <Tile label={t('monitoring.dashboard.resolved')} value={d.month.resolved} />
              <Tile label={t('monitoring.dashboard.overdue')} value={d.month.overdue} bad />
            </dl>
            <h2>{t('monitoring.dashboard.openTitle')}</h2>
            <dl className="tiles">
              <Tile label={t('monitoring.dashboard.inTime')} value={d.open.inTime} />
              <Tile label={t('monitoring.dashboard.openOverdue')} value={d.open.overdue} bad />
            </dl>
          </section>
          <section className="tv-score">
            <h2>{t('monitoring.tv.score')}</h2>
            <p className="tv-big">
              <ScoreText score={d.score.total} />
              {d.score.total !== null && <span className="tv-max"> / {d.score.measuredMax}</span>}
            </p>
            <figure>
              <figcaption className="sr-only">{t('monitoring.dashboard.chartLabel')}</figcaption>
              <Suspense fallback={<div className="chart" />}>
                <TrendChart
                  {...trendSeries(d, groupName, t('monitoring.dashboard.total'))}
                  height={300}
                  large
                />
              </Suspense>
            </figure>
            <TrendTable d={d} hidden />
            <h2>{t('monitoring.dashboard.channelsTitle')}</h2>
            <figure>
              <figcaption className="sr-only">{t('monitoring.dashboard.channelChartLabel')}</figcaption>
              <Suspense fallback={<div className="chart" />}>
                <ChannelChart
                  bars={channelBars(d, (k) => t(`monitoring.dashboard.${k}`))}
                  height={220}
                  large
                />
              </Suspense>
            </figure>
            <div className="sr-only">
              <ChannelTable d={d} />
            </div>
          </section>
          <section className="tv-overdue">
            <h2>{t('monitoring.tv.topOverdue')}</h2>
            <OverdueTable d={d} compact />
          </section>
        </div>
      )}
    </div>
  );
}
