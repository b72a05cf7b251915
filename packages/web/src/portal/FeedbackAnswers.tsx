/**
 * /phan-anh-kien-nghi: the published answers of the deployment (GET /api/v1/feedback/answers), newest
 * first, in pages of 20: the question as published, the agency, the dates and the answer. Nothing
 * personal is in the API's answer, so nothing personal can show here.
 */
import { CLASSIFICATION_LABELS } from '@motcua/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCitizen } from '../app/session.js';
import { DateText } from '../ui/DateText.js';
import { ErrorState } from '../ui/ErrorState.js';
import { Loading, PageTitle } from '../ui/Page.js';
import { labelIn, usePublishedAnswers } from './feedback-data.js';
import { usePortalTenant } from './tenant.js';
import './account.css';
import './feedback.css';
import './pages.css';

export function FeedbackAnswers() {
  const { t, i18n } = useTranslation();
  const tenant = usePortalTenant();
  const citizen = useCitizen();
  const q = usePublishedAnswers(tenant.current?.code);
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];
  const total = q.data?.pages[0]?.total ?? 0;
  return (
    <section className="account">
      <PageTitle text={t('portal.feedback.answers.title')} />
      <p>{t('portal.feedback.answers.intro')}</p>
      <p className="account-actions">
        <Link className="button-link" to="/gui-phan-anh">
          {t('portal.feedback.answers.send')}
        </Link>{' '}
        <Link to="/phan-anh/theo-doi">{t('portal.feedback.follow.title')}</Link>{' '}
        {citizen.data && <Link to="/ca-nhan/phan-anh">{t('portal.feedback.answers.mine')}</Link>}
      </p>
      {tenant.isPending || q.isPending ? (
        <Loading />
      ) : q.error && items.length === 0 ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : items.length === 0 ? (
        <p className="card">{t('portal.feedback.answers.empty')}</p>
      ) : (
        <>
          <p className="meta" aria-live="polite">
            {t('portal.feedback.answers.count', { n: total })}
          </p>
          <ul className="dossier-list">
            {items.map((a) => (
              <li key={a.code}>
                <article className="card" aria-labelledby={`answer-${a.code}`}>
                  <h2 id={`answer-${a.code}`}>
                    <span className="code">{a.code}</span>
                    {a.question}
                  </h2>
                  {a.classification && (
                    <span className="tag">
                      {labelIn(CLASSIFICATION_LABELS[a.classification], i18n.language)}
                    </span>
                  )}
                  <dl className="facts">
                    <dt>{t('portal.feedback.answers.agency')}</dt>
                    <dd>{a.agency}</dd>
                    {a.procedureCode && (
                      <>
                        <dt>{t('portal.feedback.answers.procedure')}</dt>
                        <dd>
                          <Link to={`/thu-tuc/${a.procedureCode}`}>{a.procedureCode}</Link>
                        </dd>
                      </>
                    )}
                    <dt>{t('portal.feedback.answers.receivedAt')}</dt>
                    <dd>
                      <DateText value={a.receivedAt} />
                    </dd>
                    {a.resolvedAt && (
                      <>
                        <dt>{t('portal.feedback.answers.resolvedAt')}</dt>
                        <dd>
                          <DateText value={a.resolvedAt} />
                        </dd>
                      </>
                    )}
                    {a.publishedAt && (
                      <>
                        <dt>{t('portal.feedback.answers.publishedAt')}</dt>
                        <dd>
                          <DateText value={a.publishedAt} />
                        </dd>
                      </>
                    )}
                  </dl>
                  <h3>{t('portal.feedback.answers.answer')}</h3>
                  <p className="feedback-text">{a.answer}</p>
                </article>
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
                {t('portal.feedback.answers.more')}
              </button>
            </p>
          )}
          {q.isFetchNextPageError && <ErrorState error={q.error} onRetry={() => q.fetchNextPage()} />}
        </>
      )}
    </section>
  );
}
