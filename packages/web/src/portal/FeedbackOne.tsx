/**
 * /phan-anh/:id: one PAKN as its submitter sees it (GET /api/v1/feedback/{id}/mine, by the citizen's
 * session or the access token of this tab): where it stands and by when the agency must act, the
 * agency's request for more information and the answer to it, the refusal or the answer, whether
 * it is published, and the rating (satisfied or not) or raising it again. Only what the server's
 * `allowedActions` permits is offered. Anyone else, and a wrong token, get "not found".
 */
import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { ApiError } from '../app/api.js';
import { useCitizen } from '../app/session.js';
import { DateText } from '../ui/DateText.js';
import { DeadlineTag } from '../ui/DeadlineTag.js';
import { ErrorState } from '../ui/ErrorState.js';
import { Loading, PageTitle } from '../ui/Page.js';
import {
  feedbackToken,
  labelIn,
  type MyFeedbackView,
  OPEN_STATES,
  useFeedbackCitizenAction,
  useMyFeedback,
} from './feedback-data.js';
import './account.css';
import './feedback.css';
import './pages.css';

export function FeedbackOne() {
  const raw = useParams().id ?? '';
  const id = /^\d{1,12}$/.test(raw) ? Number(raw) : 0;
  const { t } = useTranslation();
  const location = useLocation();
  const sent = (location.state ?? null) as { sent?: boolean; accessToken?: string | null } | null;
  const citizen = useCitizen();
  const q = useMyFeedback(id);
  // what the citizen just did, announced once the section that did it has gone
  const [notice, setNotice] = useState<ReactNode>(null);

  if (id === 0 || (q.error instanceof ApiError && q.error.status === 404))
    return (
      <section className="account">
        <PageTitle text={t('portal.feedback.one.notFound')} />
        <p>{t('portal.feedback.one.notFoundHint')}</p>
        <p className="account-actions">
          <Link to="/phan-anh/theo-doi">{t('portal.feedback.one.followOther')}</Link>
          {citizen.data && <Link to="/ca-nhan/phan-anh">{t('portal.feedback.one.back')}</Link>}
        </p>
      </section>
    );
  if (q.isPending) return <Loading />;
  if (q.error) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  const f = q.data;
  return (
    <article className="account">
      {citizen.data && (
        <p className="crumbs">
          <Link to="/ca-nhan/phan-anh">← {t('portal.feedback.one.back')}</Link>
        </p>
      )}
      <PageTitle text={t('portal.feedback.one.title', { code: f.code })} />
      {sent?.sent && (
        <div className="card feedback-sent">
          <p className="notice-ok">{t('portal.feedback.one.sent', { code: f.code })}</p>
          {sent.accessToken && (
            <>
              <p>{t('portal.feedback.one.keepToken')}</p>
              <dl className="facts feedback-stack">
                <dt>{t('portal.feedback.follow.code')}</dt>
                <dd className="feedback-secret">{f.code}</dd>
                <dt>{t('portal.feedback.one.tokenLabel')}</dt>
                <dd className="feedback-secret">{sent.accessToken}</dd>
              </dl>
            </>
          )}
        </div>
      )}
      <div role="status">{notice && <p className="notice-ok">{notice}</p>}</div>
      <Summary f={f} />
      {f.status === 'info_requested' && f.infoRequest && f.allowedActions.includes('add_info') && (
        <AddInfo f={f} onSent={() => setNotice(t('portal.feedback.one.infoSent'))} />
      )}
      {f.status === 'refused' && (
        <section className="card" aria-labelledby="h-refused">
          <h2 id="h-refused">{t('portal.feedback.one.refused')}</h2>
          <p className="feedback-text">{f.refusalReason}</p>
          {f.refusedAt && (
            <p className="meta">
              {t('portal.feedback.one.refusedAt')}: <DateText value={f.refusedAt} />
            </p>
          )}
        </section>
      )}
      {f.answer !== null && f.status !== 'refused' && (
        <section className="card" aria-labelledby="h-answer">
          <h2 id="h-answer">{t('portal.feedback.one.answer')}</h2>
          <p className="feedback-text">{f.answer}</p>
          {f.resolvedAt && (
            <p className="meta">
              {t('portal.feedback.one.answeredAt', { date: '' })}
              <DateText value={f.resolvedAt} />
            </p>
          )}
          <p className="meta">
            {f.publishedAt ? (
              <>
                {t('portal.feedback.one.publishedAt', { date: '' })}
                <DateText value={f.publishedAt} /> · <Link to="/phan-anh-kien-nghi">{t('nav.feedback')}</Link>
              </>
            ) : (
              t('portal.feedback.one.notPublishedYet')
            )}
          </p>
        </section>
      )}
      {(f.allowedActions.includes('rate') || f.rating !== null) && <Rate f={f} />}
      {f.allowedActions.includes('raise_again') && (
        <RaiseAgain
          f={f}
          onRaised={(r) =>
            setNotice(
              <>
                {t('portal.feedback.one.raised', { code: r.code })}{' '}
                <Link to={`/phan-anh/${r.id}`}>{t('portal.feedback.one.openRaised')}</Link>
              </>,
            )
          }
        />
      )}
      <section className="card" aria-labelledby="h-content">
        <h2 id="h-content">{t('portal.feedback.one.content')}</h2>
        <p>
          <strong>{f.title}</strong>
        </p>
        <p className="feedback-text">{f.content}</p>
      </section>
    </article>
  );
}

function Summary({ f }: { f: MyFeedbackView }) {
  const { t, i18n } = useTranslation();
  const open = OPEN_STATES.has(f.status);
  return (
    <section className="card" aria-labelledby="h-summary">
      <h2 id="h-summary">{t('portal.feedback.one.summary')}</h2>
      <dl className="facts">
        <dt>{t('portal.feedback.one.status')}</dt>
        <dd>
          <span className="tag">{labelIn(f.statusLabel, i18n.language)}</span>
        </dd>
        <dt>{t('portal.feedback.one.agency')}</dt>
        <dd>{f.agency}</dd>
        {f.procedureCode && (
          <>
            <dt>{t('portal.feedback.one.procedure')}</dt>
            <dd>
              <Link to={`/thu-tuc/${f.procedureCode}`}>{f.procedureCode}</Link>
            </dd>
          </>
        )}
        {f.classificationLabel && (
          <>
            <dt>{t('portal.feedback.one.classification')}</dt>
            <dd>{labelIn(f.classificationLabel, i18n.language)}</dd>
          </>
        )}
        <dt>{t('portal.feedback.one.sentAt')}</dt>
        <dd>
          <DateText value={f.receivedAt} time />
        </dd>
      </dl>
      {open && (
        <>
          <h3>{t('portal.feedback.one.deadlines')}</h3>
          <dl className="facts feedback-stack">
            <dt>{t('portal.feedback.one.resolveBy')}</dt>
            <dd>
              <DateText value={f.deadlines.resolveBy} /> <DeadlineTag dueAt={f.deadlines.resolveBy} />
            </dd>
            <dt>{t('portal.feedback.one.refuseBy')}</dt>
            <dd>
              <DateText value={f.deadlines.refuseBy} />
            </dd>
            <dt>{t('portal.feedback.one.requestInfoBy')}</dt>
            <dd>
              <DateText value={f.deadlines.requestInfoBy} />
            </dd>
          </dl>
          {f.status === 'received' && <p className="meta">{t('portal.feedback.one.waiting')}</p>}
        </>
      )}
      {f.status === 'resolved' && f.deadlines.publishBy && (
        <dl className="facts feedback-stack">
          <dt>{t('portal.feedback.one.publishBy')}</dt>
          <dd>
            <DateText value={f.deadlines.publishBy} />
          </dd>
        </dl>
      )}
    </section>
  );
}

function AddInfo({ f, onSent }: { f: MyFeedbackView; onSent: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const act = useFeedbackCitizenAction(f.id);
  const [text, setText] = useState('');
  const [missing, setMissing] = useState(false);
  const send = (e: React.FormEvent) => {
    e.preventDefault();
    const content = text.normalize('NFC').trim();
    setMissing(!content);
    if (!content) return;
    // the promise, not mutate's callbacks: this section is gone once the PAKN reloads
    act.mutateAsync({ type: 'add_info', expectedVersion: f.version, content }).then(onSent, () => undefined);
  };
  return (
    <section className="card feedback-ask" aria-labelledby="h-ask">
      <h2 id="h-ask">{t('portal.feedback.one.asked')}</h2>
      <p className="feedback-text">{f.infoRequest?.question}</p>
      {f.infoRequest && (
        <p className="meta">
          <DateText value={f.infoRequest.at} time />
        </p>
      )}
      <form className="account-form" onSubmit={send} noValidate>
        <div className="field">
          <label htmlFor={`${id}-info`}>{t('portal.feedback.one.addInfo')}</label>
          <textarea
            id={`${id}-info`}
            className="account-input"
            value={text}
            maxLength={10000}
            onChange={(e) => setText(e.target.value)}
            {...(missing ? { 'aria-invalid': true, 'aria-describedby': `${id}-info-error` } : {})}
          />
          {missing && (
            <p className="field-error" id={`${id}-info-error`} role="alert">
              {t('portal.feedback.one.addInfoRequired')}
            </p>
          )}
        </div>
        {act.isError && <ErrorState error={act.error} />}
        <p>
          <button type="submit" className="button-primary" disabled={act.isPending}>
            {act.isPending ? t('portal.feedback.send.sending') : t('portal.feedback.one.sendInfo')}
          </button>
        </p>
      </form>
    </section>
  );
}

function Rate({ f }: { f: MyFeedbackView }) {
  const { t } = useTranslation();
  const id = useId();
  const act = useFeedbackCitizenAction(f.id);
  const [choice, setChoice] = useState<'yes' | 'no' | ''>('');
  const [missing, setMissing] = useState(false);
  if (f.rating !== null)
    return (
      <section className="card" aria-labelledby="h-rate">
        <h2 id="h-rate">{t('portal.feedback.one.rating')}</h2>
        <p className="notice-ok" role="status">
          {t('portal.feedback.one.rated', {
            rating:
              f.rating === 'satisfied'
                ? t('portal.feedback.one.satisfied')
                : t('portal.feedback.one.dissatisfied'),
          })}
        </p>
      </section>
    );
  const send = (e: React.FormEvent) => {
    e.preventDefault();
    setMissing(!choice);
    if (!choice) return;
    act.mutate({ type: 'rate', expectedVersion: f.version, satisfied: choice === 'yes' });
  };
  return (
    <section className="card" aria-labelledby="h-rate">
      <h2 id="h-rate">{t('portal.feedback.one.rating')}</h2>
      <form className="account-form" onSubmit={send} noValidate>
        <fieldset className="choices" {...(missing ? { 'aria-describedby': `${id}-rate-error` } : {})}>
          <legend className="sr-only">{t('portal.feedback.one.rating')}</legend>
          {(['yes', 'no'] as const).map((v) => (
            <label key={v} className="choice">
              <input
                type="radio"
                name={`${id}-rate`}
                value={v}
                checked={choice === v}
                onChange={() => setChoice(v)}
              />{' '}
              {v === 'yes' ? t('portal.feedback.one.satisfied') : t('portal.feedback.one.dissatisfied')}
            </label>
          ))}
        </fieldset>
        {missing && (
          <p className="field-error" id={`${id}-rate-error`} role="alert">
            {t('portal.feedback.one.ratingRequired')}
          </p>
        )}
        {act.isError && <ErrorState error={act.error} />}
        <p>
          <button type="submit" className="button-primary" disabled={act.isPending}>
            {act.isPending ? t('portal.feedback.send.sending') : t('portal.feedback.one.rate')}
          </button>
        </p>
      </form>
    </section>
  );
}

function RaiseAgain({
  f,
  onRaised,
}: {
  f: MyFeedbackView;
  onRaised: (r: { id: number; code: string }) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const act = useFeedbackCitizenAction(f.id);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const send = (e: React.FormEvent) => {
    e.preventDefault();
    const text = reason.normalize('NFC').trim();
    setMissing(!text);
    if (!text) return;
    act.mutateAsync({ type: 'raise_again', expectedVersion: f.version, reason: text }).then(
      (r) => {
        if (!r.raisedAs) return;
        // the new PAKN answers to the same access token as the one raised again
        const token = feedbackToken.get(f.id);
        if (token) feedbackToken.set(r.raisedAs.id, token);
        onRaised(r.raisedAs);
      },
      () => undefined,
    );
  };
  return (
    <details className="card survey">
      <summary>{t('portal.feedback.one.raise')}</summary>
      <form className="account-form" onSubmit={send} noValidate>
        <div className="field">
          <label htmlFor={`${id}-reason`}>{t('portal.feedback.one.raiseReason')}</label>
          <textarea
            id={`${id}-reason`}
            className="account-input"
            value={reason}
            maxLength={10000}
            onChange={(e) => setReason(e.target.value)}
            {...(missing ? { 'aria-invalid': true, 'aria-describedby': `${id}-reason-error` } : {})}
          />
          {missing && (
            <p className="field-error" id={`${id}-reason-error`} role="alert">
              {t('portal.feedback.one.raiseRequired')}
            </p>
          )}
        </div>
        {act.isError && <ErrorState error={act.error} />}
        <p>
          <button type="submit" className="button-secondary" disabled={act.isPending}>
            {t('portal.feedback.one.raiseSend')}
          </button>
        </p>
      </form>
    </details>
  );
}
