/**
 * /ca-nhan/phan-anh: the PAKN the signed-in citizen sent (GET /api/v1/citizen/feedback, newest
 * first), each with its status, the agency, when it was sent and, while the agency owes an answer,
 * by when; each opens its page.
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DateText } from '../ui/DateText.js';
import { DeadlineTag } from '../ui/DeadlineTag.js';
import { ErrorState } from '../ui/ErrorState.js';
import { Loading, PageTitle } from '../ui/Page.js';
import { useSignedOutOn401 } from './account-data.js';
import { RequireCitizen } from './account-guard.js';
import { labelIn, type MyFeedbackRow, OPEN_STATES, useMyFeedbackList } from './feedback-data.js';
import './pages.css';

export function MyFeedback() {
  return <RequireCitizen>{() => <FeedbackList />}</RequireCitizen>;
}

function FeedbackList() {
  const { t } = useTranslation();
  const q = useMyFeedbackList();
  useSignedOutOn401(q.error);
  return (
    <section className="account">
      <PageTitle text={t('portal.feedback.mine.title')} />
      <p>{t('portal.feedback.mine.intro')}</p>
      <p className="account-actions">
        <Link className="button-link" to="/gui-phan-anh">
          {t('portal.feedback.mine.send')}
        </Link>
        <Link to="/phan-anh-kien-nghi">{t('portal.feedback.mine.answers')}</Link>
      </p>
      {q.isPending ? (
        <Loading />
      ) : q.error ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : q.data.length === 0 ? (
        <p className="card">{t('portal.feedback.mine.empty')}</p>
      ) : (
        <ul className="dossier-list">
          {q.data.map((f) => (
            <li key={f.id}>
              <Card f={f} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Card({ f }: { f: MyFeedbackRow }) {
  const { t, i18n } = useTranslation();
  return (
    <article className="card dossier-card" aria-labelledby={`feedback-${f.id}`}>
      <h2 id={`feedback-${f.id}`}>
        <Link to={`/phan-anh/${f.id}`}>
          <span className="code">{f.code}</span>
          {f.title}
        </Link>
      </h2>
      <span className="tag">{labelIn(f.statusLabel, i18n.language)}</span>
      <dl className="facts">
        <dt>{t('portal.feedback.one.agency')}</dt>
        <dd>{f.agency}</dd>
        <dt>{t('portal.feedback.mine.sentAt')}</dt>
        <dd>
          <DateText value={f.receivedAt} />
        </dd>
        {OPEN_STATES.has(f.status) ? (
          <>
            <dt>{t('portal.feedback.mine.resolveBy')}</dt>
            <dd>
              <DateText value={f.deadlines.resolveBy} /> <DeadlineTag dueAt={f.deadlines.resolveBy} />
            </dd>
          </>
        ) : (
          f.resolvedAt && (
            <>
              <dt>{t('portal.feedback.mine.answered')}</dt>
              <dd>
                <DateText value={f.resolvedAt} />
              </dd>
            </>
          )
        )}
      </dl>
    </article>
  );
}
