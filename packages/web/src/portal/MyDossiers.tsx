/**
 * /ca-nhan/ho-so: the signed-in citizen's dossiers, newest first (GET /api/v1/citizen/dossiers,
 * keyset pages of 20), each with its code, procedure, status, receipt and appointment, linking to
 * its page. The list gives the procedure's id only; its name comes from one dossier's detail per
 * distinct procedure (cached for the dossier's own page).
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DateText } from '../ui/DateText.js';
import { ErrorState } from '../ui/ErrorState.js';
import { Loading, PageTitle } from '../ui/Page.js';
import { StatusTag } from '../ui/StatusTag.js';
import {
  type MyDossierRow,
  procedureIdOf,
  useMyDossiers,
  useProcedureNames,
  useSignedOutOn401,
} from './account-data.js';
import { RequireCitizen } from './account-guard.js';
import './pages.css';

export function MyDossiers() {
  return <RequireCitizen>{() => <DossierList />}</RequireCitizen>;
}

function DossierList() {
  const { t } = useTranslation();
  const q = useMyDossiers();
  useSignedOutOn401(q.error);
  const rows = q.data?.pages.flatMap((p) => p.items) ?? [];
  const names = useProcedureNames(rows);
  return (
    <section className="account">
      <PageTitle text={t('portal.account.dossiers.title')} />
      <p>{t('portal.account.dossiers.intro')}</p>
      {q.isPending ? (
        <Loading />
      ) : q.error && rows.length === 0 ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : rows.length === 0 ? (
        <div className="card">
          <p>{t('portal.account.dossiers.empty')}</p>
          <p>
            {t('portal.account.dossiers.emptyHint')}{' '}
            <Link to="/">{t('portal.account.dossiers.findProcedure')}</Link>
          </p>
        </div>
      ) : (
        <>
          <p className="meta" aria-live="polite">
            {t('portal.account.dossiers.count', { n: rows.length })}
          </p>
          <ul className="dossier-list">
            {rows.map((d) => (
              <li key={d.id}>
                <DossierCard d={d} procedure={names.get(procedureIdOf(d) ?? 0)?.name} />
              </li>
            ))}
          </ul>
          {q.hasNextPage && (
            <p>
              <button
                type="button"
                className="button-secondary"
                onClick={() => q.fetchNextPage()}
                disabled={q.isFetchingNextPage}
              >
                {q.isFetchingNextPage
                  ? t('portal.account.dossiers.loadingMore')
                  : t('portal.account.dossiers.more')}
              </button>
            </p>
          )}
          {q.isFetchNextPageError && <ErrorState error={q.error} onRetry={() => q.fetchNextPage()} />}
        </>
      )}
    </section>
  );
}

function DossierCard({ d, procedure }: { d: MyDossierRow; procedure: string | undefined }) {
  const { t } = useTranslation();
  return (
    <article className="card dossier-card" aria-labelledby={`dossier-${d.id}`}>
      <h2 id={`dossier-${d.id}`}>
        <Link to={`/ca-nhan/ho-so/${d.id}`}>
          <span className="code">{d.code ?? t('portal.account.dossiers.noCode', { id: d.id })}</span>
          {procedure ?? <span className="meta">{t('portal.account.dossiers.procedureLoading')}</span>}
        </Link>
      </h2>
      <StatusTag state={d.status} />
      <dl className="facts">
        {d.receivedAt ? (
          <>
            <dt>{t('portal.account.dossiers.receivedAt')}</dt>
            <dd>
              <DateText value={d.receivedAt} />
            </dd>
          </>
        ) : (
          typeof d.createdAt === 'string' && (
            <>
              <dt>{t('portal.account.dossiers.submittedAt')}</dt>
              <dd>
                <DateText value={d.createdAt} /> ({t('portal.account.dossiers.notReceived')})
              </dd>
            </>
          )
        )}
        <dt>{t('portal.account.dossiers.appointment')}</dt>
        <dd>{d.appointmentAt ? <DateText value={d.appointmentAt} /> : t('portal.account.dossiers.none')}</dd>
      </dl>
    </article>
  );
}
