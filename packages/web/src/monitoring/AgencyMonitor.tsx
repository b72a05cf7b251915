/**
 * /theo-doi/co-quan/:id: an agency's month: the periodic report by procedure, and the dossiers
 * counted against its on-time figure with where each one is now.
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { paths } from '../api/schema.js';
import { call, client } from '../app/api.js';
import { DateText } from '../ui/DateText.js';
import { ErrorState } from '../ui/ErrorState.js';
import { NotFound } from '../ui/NotFound.js';
import { Loading, PageTitle } from '../ui/Page.js';
import './monitoring.css';
import { PeriodForm } from './PeriodForm.js';
import { percent, usePeriod } from './period.js';

type Report = paths['/api/v1/agencies/{id}/report']['get']['responses']['200']['content']['application/json'];
type Row = Report['total'];

function ReportCells({ row }: { row: Row }) {
  const { t, i18n } = useTranslation();
  const cells = [
    row.received.total,
    row.received.carriedOver,
    row.received.newOnline,
    row.received.newDirectOrPostal,
    row.resolved.total,
    row.resolved.early,
    row.resolved.onTime,
    row.resolved.late,
    row.pending.total,
    row.pending.inTime,
    row.pending.overdue,
    row.suspended.total,
    row.withdrawn,
    row.apologies,
  ];
  return (
    <>
      {cells.map((n, i) => (
        // the columns are fixed: their position is their identity
        // biome-ignore lint/suspicious/noArrayIndexKey: a fixed column layout
        <td className="num" key={i}>
          {n}
        </td>
      ))}
      <td className="num">{percent(row.onTimeRate.percent, i18n.language) ?? t('monitoring.noData')}</td>
    </>
  );
}

export function AgencyMonitor() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const [period, setPeriod] = usePeriod();
  const ok = Number.isInteger(id) && id > 0;
  const report = useQuery({
    queryKey: ['report', id, period],
    queryFn: () =>
      call(client.GET('/api/v1/agencies/{id}/report', { params: { path: { id }, query: { period } } })),
    enabled: ok,
  });
  const against = useQuery({
    queryKey: ['indicator-dossiers', id, period],
    queryFn: () =>
      call(
        client.GET('/api/v1/agencies/{id}/indicators/dossiers', {
          params: { path: { id }, query: { period } },
        }),
      ),
    enabled: ok,
  });
  if (!ok) return <NotFound />;
  if (report.error) return <ErrorState error={report.error} onRetry={() => report.refetch()} />;
  if (!report.data) return <Loading />;
  const r = report.data;
  const heads = [
    'received',
    'carriedOver',
    'newOnline',
    'newOther',
    'resolved',
    'early',
    'onTime',
    'late',
    'pending',
    'inTime',
    'overdue',
    'suspended',
    'withdrawn',
    'apologies',
    'rate',
  ] as const;
  return (
    <section className="monitoring">
      <p>
        <Link to={`/theo-doi?period=${period}`}>← {t('monitoring.title')}</Link>
      </p>
      <PageTitle text={r.agency.name} />
      <PeriodForm period={period} onChange={setPeriod} />
      <p>
        <Link to={`/theo-doi/co-quan/${id}/can-bo?period=${period}`}>{t('monitoring.officers.link')}</Link>
      </p>
      <h2>
        {t('monitoring.report.title')} — {r.period.label}
      </h2>
      {r.groups.length === 0 ? (
        <p>{t('monitoring.report.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="dense">
            <caption>{t('monitoring.report.byProcedure')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('monitoring.against.procedure')}</th>
                {heads.map((h) => (
                  <th scope="col" key={h}>
                    {t(`monitoring.report.${h}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {r.groups.map((g) => (
                <tr key={g.key ?? g.name}>
                  <th scope="row">
                    {g.code ? `${g.code} — ` : ''}
                    {g.name}
                  </th>
                  <ReportCells row={g.row} />
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('monitoring.report.total')}</th>
                <ReportCells row={r.total} />
              </tr>
            </tfoot>
          </table>
        </div>
      )}

      <h2>{t('monitoring.against.title')}</h2>
      <p className="meta">{t('monitoring.against.intro')}</p>
      {against.error ? (
        <ErrorState error={against.error} onRetry={() => against.refetch()} />
      ) : !against.data ? (
        <Loading />
      ) : against.data.dossiers.length === 0 ? (
        <p>{t('monitoring.against.none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="dense">
            <caption>{t('monitoring.against.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('monitoring.against.code')}</th>
                <th scope="col">{t('monitoring.against.procedure')}</th>
                <th scope="col">{t('monitoring.against.count')}</th>
                <th scope="col">{t('monitoring.against.due')}</th>
                <th scope="col">{t('monitoring.against.step')}</th>
              </tr>
            </thead>
            <tbody>
              {against.data.dossiers.map((d) => (
                <tr key={d.id}>
                  <th scope="row">
                    <Link to={`/xu-ly/ho-so/${d.id}`}>{d.code ?? d.id}</Link>
                  </th>
                  <td>{d.procedure.name}</td>
                  <td>{t(`monitoring.against.${d.count === 'on_time' ? 'onTime' : d.count}`)}</td>
                  <td>{d.dueAt ? <DateText value={d.dueAt} time /> : '—'}</td>
                  <td>{d.currentStep ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
