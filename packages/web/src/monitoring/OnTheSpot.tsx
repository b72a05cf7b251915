/**
 * /theo-doi/tai-cho: the on-the-spot rate of every service centre for a month, as a share of
 * dossiers and of procedures, the latter against the target of the centre's kind; no data is
 * shown as such, never as 0 %. A province has a centre per commune, most of which may receive
 * nothing in a month: those are listed apart, so the table holds the centres with figures.
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { paths } from '../api/schema.js';
import { call, client } from '../app/api.js';
import { ErrorState } from '../ui/ErrorState.js';
import { Loading, PageTitle } from '../ui/Page.js';
import './monitoring.css';
import './officers.css';
import { PeriodForm } from './PeriodForm.js';
import { percent, usePeriod } from './period.js';

type Centre =
  paths['/api/v1/on-the-spot']['get']['responses']['200']['content']['application/json']['centres'][number];

function CentreTable({ centres, label }: { centres: Centre[]; label: string }) {
  const { t, i18n } = useTranslation();
  const pct = (p: number | null) => percent(p, i18n.language) ?? t('monitoring.noData');
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a phone scrolls the table sideways, and a scrollable region must be reachable by keyboard (WCAG 2.1.1)
    <section className="table-wrap" tabIndex={0} aria-label={t('monitoring.onTheSpot.caption')}>
      <table className="dense">
        <caption>
          {t('monitoring.onTheSpot.caption')} — {label}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('monitoring.onTheSpot.centre')}</th>
            <th scope="col">{t('monitoring.onTheSpot.kind')}</th>
            <th scope="col">{t('monitoring.onTheSpot.dossiers')}</th>
            <th scope="col">{t('monitoring.onTheSpot.procedures')}</th>
            <th scope="col">{t('monitoring.onTheSpot.target')}</th>
            <th scope="col">{t('monitoring.onTheSpot.verdict')}</th>
          </tr>
        </thead>
        <tbody>
          {centres.map((c) => (
            <tr key={c.centre.id}>
              <th scope="row">
                {c.centre.name}
                <span className="sub">{c.centre.agency.name}</span>
              </th>
              <td>{t(`monitoring.onTheSpot.kinds.${c.centre.kind}`)}</td>
              <td className="num">
                {pct(c.dossiers.percent)}
                <span className="sub">
                  {t('monitoring.onTheSpot.of', { n: c.dossiers.numerator, d: c.dossiers.denominator })}
                </span>
              </td>
              <td className="num">
                {pct(c.procedures.percent)}
                <span className="sub">
                  {t('monitoring.onTheSpot.ofProcedures', {
                    n: c.procedures.numerator,
                    d: c.procedures.denominator,
                  })}
                </span>
              </td>
              <td className="num">
                {c.target ? `≥ ${pct(c.target.percent)}` : t('monitoring.onTheSpot.noTarget')}
              </td>
              <td>
                {c.meetsTarget === null
                  ? t('monitoring.noData')
                  : c.meetsTarget
                    ? t('monitoring.onTheSpot.met')
                    : t('monitoring.onTheSpot.notMet')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function OnTheSpot() {
  const { t } = useTranslation();
  const [period, setPeriod] = usePeriod();
  const q = useQuery({
    queryKey: ['on-the-spot', period],
    queryFn: () => call(client.GET('/api/v1/on-the-spot', { params: { query: { period } } })),
  });
  const busy = q.data?.centres.filter((c) => c.dossiers.denominator > 0) ?? [];
  const idle = q.data?.centres.filter((c) => c.dossiers.denominator === 0) ?? [];
  return (
    <section className="monitoring">
      <p>
        <Link to={`/theo-doi?period=${period}`}>← {t('monitoring.title')}</Link>
      </p>
      <PageTitle text={t('monitoring.onTheSpot.title')} />
      <p className="meta">{t('monitoring.onTheSpot.rule')}</p>
      <PeriodForm period={period} onChange={setPeriod} />
      {q.error ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : !q.data ? (
        <Loading />
      ) : (
        <>
          {busy.length ? (
            <CentreTable centres={busy} label={q.data.period.label} />
          ) : (
            <p>{t('monitoring.onTheSpot.none')}</p>
          )}
          {idle.length > 0 && (
            <details className="idle-centres">
              <summary>{t('monitoring.onTheSpot.idle', { count: idle.length })}</summary>
              <ul>
                {idle.map((c) => (
                  <li key={c.centre.id}>{c.centre.name}</li>
                ))}
              </ul>
            </details>
          )}
        </>
      )}
      <p className="meta">{t('monitoring.onTheSpot.targetBasis')}</p>
    </section>
  );
}
