/**
 * /tra-cuu and /tra-cuu/:code (the QR on every receipt points here): where a dossier stands, for
 * anyone holding its code, without signing in: procedure, status, the unit holding it, received
 * and appointment dates. No personal data: the API gives none.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ApiError, call, client } from '../app/api.js';
import { DateText } from '../ui/DateText.js';
import { ErrorState } from '../ui/ErrorState.js';
import { Loading, PageTitle } from '../ui/Page.js';
import { StatusTag } from '../ui/StatusTag.js';
import './pages.css';

/** Agency identifier (Decision 20), YYMMDD, sequence: 000.04.99.H26-261207-0001. */
const CODE = /^[0-9A-Z.]{5,20}-\d{6}-\d{4,6}$/;

export function TrackDossier() {
  const { t } = useTranslation();
  const code = (useParams().code ?? '').trim().toUpperCase();
  const navigate = useNavigate();
  const [text, setText] = useState(code);
  const [invalid, setInvalid] = useState(false);
  const inputId = useId();
  const result = useRef<HTMLElement>(null);
  useEffect(() => setText(code), [code]);
  const q = useQuery({
    queryKey: ['public', 'tracking', code],
    queryFn: () => call(client.GET('/api/v1/tracking/{code}', { params: { path: { code } } })),
    enabled: CODE.test(code),
    retry: (n, e) => !(e instanceof ApiError && e.status === 404) && n < 2,
  });
  // the answer is announced and takes the focus, as a new page would
  useEffect(() => {
    if (q.data || q.error) result.current?.focus();
  }, [q.data, q.error]);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const c = text.trim().toUpperCase();
    if (!CODE.test(c)) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    navigate(`/tra-cuu/${encodeURIComponent(c)}`);
  };

  const d = q.data;
  return (
    <section className="tracking">
      <PageTitle text={t('portal.tracking.title')} />
      <form onSubmit={submit} className="tracking-form" noValidate>
        <label htmlFor={inputId}>{t('portal.tracking.codeLabel')}</label>
        <p className="meta" id={`${inputId}-hint`}>
          {t('portal.tracking.codeHint')}
        </p>
        <div className="tracking-row">
          <input
            id={inputId}
            className="search-input"
            value={text}
            onChange={(e) => setText(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={invalid || undefined}
            aria-describedby={`${inputId}-hint${invalid ? ` ${inputId}-error` : ''}`}
          />
          <button type="submit" className="button-primary">
            {t('portal.tracking.submit')}
          </button>
        </div>
        {invalid && (
          <p className="field-error" id={`${inputId}-error`} role="alert">
            {t('portal.tracking.codeInvalid')}
          </p>
        )}
      </form>
      {code && !CODE.test(code) && <p role="alert">{t('portal.tracking.codeInvalid')}</p>}
      {q.isFetching && !d && <Loading />}
      {q.error instanceof ApiError && q.error.status === 404 ? (
        <section ref={result} tabIndex={-1} aria-labelledby="h-none" className="card">
          <h2 id="h-none">{t('portal.tracking.notFoundTitle')}</h2>
          <p>{t('portal.tracking.notFound', { code })}</p>
        </section>
      ) : q.error ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : null}
      {d && (
        <section ref={result} tabIndex={-1} aria-labelledby="h-found" className="card">
          <h2 id="h-found">
            {t('portal.tracking.dossier')} {d.code}
          </h2>
          <dl className="facts">
            <dt>{t('portal.tracking.procedure')}</dt>
            <dd>
              {d.procedure.name} ({d.procedure.code})
            </dd>
            <dt>{t('portal.tracking.status')}</dt>
            <dd>
              <StatusTag state={d.status} />
              {d.clockStopped ? ` · ${t('portal.tracking.clockStopped')}` : ''}
            </dd>
            <dt>{t('portal.tracking.currentUnit')}</dt>
            <dd>{d.currentUnit ?? '—'}</dd>
            <dt>{t('portal.tracking.receivedBy')}</dt>
            <dd>{d.receivingAgency ?? '—'}</dd>
            <dt>{t('portal.tracking.receivedAt')}</dt>
            <dd>{d.receivedAt ? <DateText value={d.receivedAt} time /> : '—'}</dd>
            <dt>{t('portal.tracking.appointment')}</dt>
            <dd>{d.appointmentAt ? <DateText value={d.appointmentAt} time lunar /> : '—'}</dd>
            {d.finishedAt && (
              <>
                <dt>{t('portal.tracking.finishedAt')}</dt>
                <dd>
                  <DateText value={d.finishedAt} time />
                </dd>
              </>
            )}
          </dl>
        </section>
      )}
    </section>
  );
}
