/**
 * /theo-doi: the deployment's agencies ranked within their level on Decision 766 indicator 2.1
 * for a month, with the online share beside it, each opening its own report and the dossiers
 * behind its figure; above the ranking, the province overview (ProvinceDashboard).
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { paths } from '../api/schema.js';
import { call, client } from '../app/api.js';
import { ErrorState } from '../ui/ErrorState.js';
import { Loading, PageTitle } from '../ui/Page.js';
import './monitoring.css';
import { PeriodForm } from './PeriodForm.js';
import { ProvinceDashboard } from './ProvinceDashboard.js';
import { percent, usePeriod } from './period.js';

type Indicators = paths['/api/v1/indicators']['get']['responses']['200']['content']['application/json'];
type Unit = Indicators['rankings'][number]['agencies'][number];

const metricOf = (u: Pick<Unit, 'groups'>, code: string) =>
  u.groups.flatMap((g) => g.metrics).find((m) => m.code === code);

function RatioCell({ unit, code }: { unit: Pick<Unit, 'groups'>; code: string }) {
  const { t, i18n } = useTranslation();
  const m = metricOf(unit, code);
  if (!m?.ratio) return <td>—</td>;
  const p = percent(m.ratio.percent, i18n.language);
  return (
    <td className="num">
      {p ?? t('monitoring.noData')}
      <span className="meta">
        {' '}
        ({t('monitoring.onTimeOf', { n: m.ratio.numerator, d: m.ratio.denominator })})
      </span>
    </td>
  );
}

export function Overview() {
  const { t } = useTranslation();
  const [period, setPeriod] = usePeriod();
  const q = useQuery({
    queryKey: ['indicators', period],
    queryFn: () => call(client.GET('/api/v1/indicators', { params: { query: { period } } })),
  });
  return (
    <section className="monitoring">
      <PageTitle text={t('monitoring.title')} />
      <p className="meta">{t('monitoring.intro')}</p>
      <PeriodForm period={period} onChange={setPeriod} />
      <p>
        <Link to={`/theo-doi/tai-cho?period=${period}`}>{t('monitoring.onTheSpot.link')}</Link>
      </p>
      <ProvinceDashboard period={period} />
      <h2>{t('monitoring.rankingTitle')}</h2>
      {q.error ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : !q.data ? (
        <Loading />
      ) : (
        <>
          <p>
            <strong>{t('monitoring.deployment')}</strong> — {q.data.period.label}:{' '}
            {t('monitoring.scoreOf', { score: q.data.deployment.total, max: q.data.deployment.measuredMax })}
          </p>
          {q.data.rankings.length === 0 && <p>{t('monitoring.noAgencies')}</p>}
          {q.data.rankings.map((r) => (
            <div className="table-wrap" key={r.level}>
              <table className="dense">
                <caption>
                  {t(`monitoring.level.${r.level as 'province' | 'district' | 'commune' | 'ministry'}`, {
                    defaultValue: r.level,
                  })}{' '}
                  — {q.data.period.label}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('monitoring.rank')}</th>
                    <th scope="col">{t('monitoring.agency')}</th>
                    <th scope="col">{t('monitoring.onTime')}</th>
                    <th scope="col">{t('monitoring.score')}</th>
                    <th scope="col">{t('monitoring.online')}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.agencies.map((u) => (
                    <tr key={u.agency.id}>
                      <td className="num">{u.rank ?? '—'}</td>
                      <th scope="row">
                        <Link to={`/theo-doi/co-quan/${u.agency.id}?period=${period}`}>{u.agency.name}</Link>
                      </th>
                      <RatioCell unit={u} code="DOSSIER_ON_TIME" />
                      <td className="num">
                        {t('monitoring.scoreOf', { score: u.total, max: u.measuredMax })}
                      </td>
                      <RatioCell unit={u} code="ONLINE_CHANNEL_SHARE" />
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
        </>
      )}
    </section>
  );
}
