/**
 * /theo-doi/co-quan/:id/can-bo: an agency's officers over a month: what each received, processed,
 * approved, signed, issued and returned (on time / late against their own step), what they hold
 * at the end, supplement requests and apologies; with the Excel and PDF exports of the same figures.
 */
import { ROLE_LABELS } from '@motcua/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { paths } from '../api/schema.js';
import { call, client } from '../app/api.js';
import { ErrorState } from '../ui/ErrorState.js';
import { NotFound } from '../ui/NotFound.js';
import { Loading, PageTitle } from '../ui/Page.js';
import './monitoring.css';
import './officers.css';
import { PeriodForm } from './PeriodForm.js';
import { percent, usePeriod } from './period.js';

type Stats =
  paths['/api/v1/agencies/{id}/officer-statistics']['get']['responses']['200']['content']['application/json'];
type Figures = Stats['total'];
const KINDS = ['received', 'processed', 'approved', 'signed', 'issued', 'returned'] as const;

function Cells({ f }: { f: Figures }) {
  const { t, i18n } = useTranslation();
  const cells = [
    ...KINDS.flatMap((k) => [f.handled[k].total, f.handled[k].onTime, f.handled[k].late]),
    f.holding.total,
    f.holding.overdue,
    f.supplementRequests,
    f.apologies,
  ];
  return (
    <>
      {cells.map((n, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a fixed column layout
        <td className="num" key={i}>
          {n}
        </td>
      ))}
      <td className="num">{percent(f.onTimeRate.percent, i18n.language) ?? t('monitoring.noData')}</td>
    </>
  );
}

export function OfficerStats() {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const id = Number(useParams().id);
  const [period, setPeriod] = usePeriod();
  const ok = Number.isInteger(id) && id > 0;
  const q = useQuery({
    queryKey: ['officer-statistics', id, period],
    queryFn: () =>
      call(
        client.GET('/api/v1/agencies/{id}/officer-statistics', {
          params: { path: { id }, query: { period } },
        }),
      ),
    enabled: ok,
  });
  if (!ok) return <NotFound />;
  if (q.error) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  if (!q.data) return <Loading />;
  const s = q.data;
  const file = (format: 'xlsx' | 'pdf') =>
    `/api/v1/agencies/${id}/officer-statistics?period=${encodeURIComponent(period)}&format=${format}`;
  return (
    <section className="monitoring">
      <p>
        <Link to={`/theo-doi/co-quan/${id}?period=${period}`}>← {s.agency.name}</Link>
      </p>
      <PageTitle text={`${t('monitoring.officers.title')} — ${s.agency.name}`} />
      <p className="meta">{t('monitoring.officers.intro')}</p>
      <PeriodForm period={period} onChange={setPeriod} />
      <p className="exports">
        <a href={file('xlsx')} download>
          {t('monitoring.officers.xlsx')}
        </a>{' '}
        <a href={file('pdf')} download>
          {t('monitoring.officers.pdf')}
        </a>
      </p>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a table wider than the screen scrolls, and a scrollable region must be reachable by keyboard (WCAG 2.1.1) */}
      <section className="table-wrap" tabIndex={0} aria-label={t('monitoring.officers.caption')}>
        <table className="dense">
          <caption>
            {t('monitoring.officers.caption')} — {s.period.label}
          </caption>
          <thead>
            <tr>
              <th scope="col" rowSpan={2}>
                {t('monitoring.officers.officer')}
              </th>
              {KINDS.map((k) => (
                <th scope="colgroup" colSpan={3} key={k}>
                  {t(`monitoring.officers.kind.${k}`)}
                </th>
              ))}
              <th scope="colgroup" colSpan={2}>
                {t('monitoring.officers.holding')}
              </th>
              <th scope="col" rowSpan={2}>
                {t('monitoring.officers.supplements')}
              </th>
              <th scope="col" rowSpan={2}>
                {t('monitoring.officers.apologies')}
              </th>
              <th scope="col" rowSpan={2}>
                {t('monitoring.officers.rate')}
              </th>
            </tr>
            <tr>
              {KINDS.flatMap((k) =>
                (['total', 'onTime', 'late'] as const).map((c) => (
                  <th scope="col" key={`${k}-${c}`}>
                    {t(`monitoring.officers.${c}`)}
                  </th>
                )),
              )}
              <th scope="col">{t('monitoring.officers.total')}</th>
              <th scope="col">{t('monitoring.officers.overdue')}</th>
            </tr>
          </thead>
          <tbody>
            {s.officers.map((o) => (
              <tr key={o.staff.id}>
                <th scope="row">
                  {o.staff.fullName}
                  <span className="sub">
                    {o.roles.map((r) => ROLE_LABELS[r][en ? 'en' : 'vi']).join(', ')}
                  </span>
                </th>
                <Cells f={o} />
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('monitoring.report.total')}</th>
              <Cells f={s.total} />
            </tr>
          </tfoot>
        </table>
      </section>
      <p className="meta">{t('monitoring.officers.rule')}</p>
    </section>
  );
}
