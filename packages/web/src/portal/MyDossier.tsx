/**
 * /ca-nhan/ho-so/:id: one of the citizen's dossiers (GET /api/v1/dossiers/{id}, its log and files,
 * read as the citizen: another citizen's dossier is 404). Where it stands, the appointment and
 * how it was set, what to do now (supplement, rating), what to take away (the agency's papers,
 * the result), and the timeline of what happened.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../app/api.js';
import { DateText } from '../ui/DateText.js';
import { ErrorState } from '../ui/ErrorState.js';
import { Loading, PageTitle } from '../ui/Page.js';
import { StatusTag } from '../ui/StatusTag.js';
import { Appointment } from './account-appointment.js';
import {
  type DossierDetail,
  isoOf,
  useDossierDetail,
  useDossierFiles,
  useDossierLog,
  useSignedOutOn401,
} from './account-data.js';
import { Forms, Results } from './account-downloads.js';
import { RequireCitizen } from './account-guard.js';
import { Rating } from './account-rating.js';
import { Supplement } from './account-supplement.js';
import { Timeline } from './account-timeline.js';
import './pages.css';

const RESULT_STATES = new Set(['result_ready', 'returned']);

export function MyDossier() {
  const raw = useParams().id ?? '';
  const id = /^\d{1,12}$/.test(raw) ? Number(raw) : 0;
  return <RequireCitizen>{() => <DossierPage id={id} />}</RequireCitizen>;
}

function DossierPage({ id }: { id: number }) {
  const { t } = useTranslation();
  const detail = useDossierDetail(id);
  const log = useDossierLog(id);
  const files = useDossierFiles(id);
  // what the citizen just did, announced once the section that did it has gone
  const [notice, setNotice] = useState<string | null>(null);
  useSignedOutOn401(detail.error, log.error, files.error);

  if (id === 0 || (detail.error instanceof ApiError && detail.error.status === 404))
    return (
      <section className="account">
        <PageTitle text={t('portal.account.dossier.notFound')} />
        <p>
          <Link to="/ca-nhan/ho-so">{t('portal.account.dossier.back')}</Link>
        </p>
      </section>
    );
  if (detail.isPending) return <Loading />;
  if (detail.error) return <ErrorState error={detail.error} onRetry={() => detail.refetch()} />;
  const d = detail.data.dossier;
  const title = d.code
    ? t('portal.account.dossier.title', { code: d.code })
    : t('portal.account.dossier.titleNoCode', { id: d.id });
  const entries = log.data ?? [];
  return (
    <article className="account">
      <p className="crumbs">
        <Link to="/ca-nhan/ho-so">← {t('portal.account.dossier.back')}</Link>
      </p>
      <PageTitle text={title} />
      <div role="status">{notice && <p className="notice-ok">{notice}</p>}</div>
      <Summary detail={detail.data} />
      {d.status === 'supplement_requested' &&
        (log.data && files.data ? (
          <Supplement
            detail={detail.data}
            log={log.data}
            files={files.data.items}
            onSent={() => setNotice(t('portal.account.supplement.sent'))}
          />
        ) : (
          <Loading />
        ))}
      {d.status === 'returned' && <Rating detail={detail.data} />}
      <Appointment detail={detail.data} />
      {RESULT_STATES.has(d.status) &&
        (files.error ? (
          <ErrorState error={files.error} onRetry={() => files.refetch()} />
        ) : files.data ? (
          <Results files={files.data.items} online={d.state.delivery === 'online'} />
        ) : (
          <Loading />
        ))}
      {log.data && <Forms detail={detail.data} log={log.data} />}
      <section className="card" aria-labelledby="h-timeline">
        <h2 id="h-timeline">{t('portal.account.timeline.title')}</h2>
        {log.isPending ? (
          <Loading />
        ) : log.error ? (
          <ErrorState error={log.error} onRetry={() => log.refetch()} />
        ) : (
          <Timeline log={entries} />
        )}
      </section>
    </article>
  );
}

function Summary({ detail }: { detail: DossierDetail }) {
  const { t } = useTranslation();
  const d = detail.dossier;
  const stopped = d.state.pauses.some((p) => p.to === null);
  return (
    <section className="card" aria-labelledby="h-summary">
      <h2 id="h-summary">{t('portal.account.dossier.summary')}</h2>
      <dl className="facts">
        <dt>{t('portal.account.dossier.procedure')}</dt>
        <dd>
          {detail.procedure.name}{' '}
          {detail.procedure.code && <span className="meta">({detail.procedure.code})</span>}
        </dd>
        <dt>{t('portal.account.dossier.status')}</dt>
        <dd>
          <StatusTag state={d.status} />
          {stopped ? ` · ${t('portal.account.dossier.clockStopped')}` : ''}
        </dd>
        {detail.step && d.status === 'processing' && (
          <>
            <dt>{t('portal.account.dossier.step')}</dt>
            <dd>{detail.step.name}</dd>
          </>
        )}
        {d.channel && (
          <>
            <dt>{t('portal.account.dossier.channel')}</dt>
            <dd>{t(`portal.account.dossier.channels.${d.channel}`)}</dd>
          </>
        )}
        <dt>{t('portal.account.dossier.submittedAt')}</dt>
        <dd>
          <DateText value={d.state.submittedAt ? isoOf(d.state.submittedAt) : d.createdAt} time />
        </dd>
        {d.receivedAt && (
          <>
            <dt>{t('portal.account.dossier.receivedAt')}</dt>
            <dd>
              <DateText value={d.receivedAt} time />
            </dd>
          </>
        )}
        {d.finishedAt && (
          <>
            <dt>{t('portal.account.dossier.finishedAt')}</dt>
            <dd>
              <DateText value={d.finishedAt} time />
            </dd>
          </>
        )}
        {d.state.returnedAt && (
          <>
            <dt>{t('portal.account.dossier.returnedAt')}</dt>
            <dd>
              <DateText value={isoOf(d.state.returnedAt)} time />
            </dd>
          </>
        )}
      </dl>
      {d.code && (
        <p>
          <Link to={`/tra-cuu/${encodeURIComponent(d.code)}`}>{t('portal.account.dossier.track')}</Link>
        </p>
      )}
    </section>
  );
}
