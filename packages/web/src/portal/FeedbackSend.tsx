/**
 * /gui-phan-anh: sending a PAKN (POST /api/v1/feedback). About a rule or procedure (the procedure is
 * then chosen from the catalogue) or about an official's behaviour; always to one agency of the
 * deployment. A signed-in citizen's contact comes from the account; anyone else gives a name and a
 * phone or an e-mail, and gets an access token, shown once on the next page. The form checks what
 * it can before sending; what the server refuses is shown on the field it names.
 * `?thu-tuc=<code>` (the procedure page's link) preselects the procedure.
 */
import { useQuery } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { call, client } from '../app/api.js';
import { useCitizen } from '../app/session.js';
import { ErrorState } from '../ui/ErrorState.js';
import { ErrorText } from '../ui/ErrorText.js';
import { Loading, PageTitle } from '../ui/Page.js';
import { useDebounced } from '../ui/useDebounced.js';
import { signInPath } from './account-data.js';
import {
  feedbackToken,
  fieldErrorsOf,
  type SendField,
  useFeedbackAgencies,
  useSubmitFeedback,
} from './feedback-data.js';
import { usePortalTenant } from './tenant.js';
import './account.css';
import './feedback.css';
import './pages.css';

type Topic = 'procedure' | 'behaviour';
/** the server's rule for a phone number (schemas.ts SubmitterSchema) */
const PHONE = /^\+?[0-9 .-]{8,20}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PROCEDURE_CODE = /^[0-9]\.[0-9]{6}$/;

export function FeedbackSend() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const preset = params.get('thu-tuc') ?? '';
  const tenant = usePortalTenant();
  const citizen = useCitizen();
  const agencies = useFeedbackAgencies(tenant.current?.code);
  const submit = useSubmitFeedback();
  const [topic, setTopic] = useState<Topic | ''>(PROCEDURE_CODE.test(preset) ? 'procedure' : '');
  const [agency, setAgency] = useState('');
  const [procedure, setProcedure] = useState(PROCEDURE_CODE.test(preset) ? preset : '');
  const [q, setQ] = useState(PROCEDURE_CODE.test(preset) ? preset : '');
  const [dossierCode, setDossierCode] = useState('');
  const [title, setTitle] = useState('');
  const [content, setContent] = useState('');
  const [contact, setContact] = useState({ name: '', phone: '', email: '', address: '' });
  const [errors, setErrors] = useState<Partial<Record<SendField | 'topic', string>>>({});
  const summary = useRef<HTMLParagraphElement>(null);

  const search = useDebounced(q.trim(), 250);
  const procedures = useQuery({
    queryKey: ['public', 'procedures', search, 8],
    queryFn: () => call(client.GET('/api/v1/procedures', { params: { query: { q: search, limit: 8 } } })),
    enabled: topic === 'procedure' && search.length >= 2,
    placeholderData: (prev) => prev,
  });

  if (tenant.isPending || citizen.isPending) return <Loading />;
  const me = citizen.data?.citizen;
  const anonymous = !me;

  /** What the form can tell before sending: the same rules as the server's, in the citizen's words. */
  const check = () => {
    const e: Partial<Record<SendField | 'topic', string>> = {};
    if (!topic) e.topic = t('portal.feedback.send.topicRequired');
    if (!agency) e.agency = t('portal.feedback.send.agencyRequired');
    if (topic === 'procedure' && !procedure) e.procedure = t('portal.feedback.send.procedureRequired');
    if (!title.trim()) e.title = t('portal.feedback.send.subjectRequired');
    if (!content.trim()) e.content = t('portal.feedback.send.contentRequired');
    if (anonymous) {
      if (!contact.name.trim()) e.name = t('portal.feedback.send.nameRequired');
      if (!contact.phone.trim() && !contact.email.trim()) e.phone = t('portal.feedback.send.contactRequired');
    }
    if (contact.phone.trim() && !PHONE.test(contact.phone.trim()))
      e.phone = t('portal.feedback.send.phoneInvalid');
    if (contact.email.trim() && !EMAIL.test(contact.email.trim()))
      e.email = t('portal.feedback.send.emailInvalid');
    return e;
  };

  /** A schema refusal names the field only: say what the field expects. */
  const expected: Record<SendField, string> = {
    agency: t('portal.feedback.send.agencyRequired'),
    procedure: t('portal.feedback.send.procedureRequired'),
    dossierCode: t('portal.feedback.send.dossierCodeHint'),
    title: t('portal.feedback.send.tooLong'),
    content: t('portal.feedback.send.tooLong'),
    name: t('portal.feedback.send.tooLong'),
    phone: t('portal.feedback.send.phoneInvalid'),
    email: t('portal.feedback.send.emailInvalid'),
    address: t('portal.feedback.send.tooLong'),
  };

  const send = (ev: React.FormEvent) => {
    ev.preventDefault();
    const found = check();
    setErrors(found);
    if (Object.keys(found).length) {
      summary.current?.focus();
      return;
    }
    const given = Object.fromEntries(
      Object.entries(contact)
        .map(([k, v]) => [k, v.normalize('NFC').trim()])
        .filter(([, v]) => v),
    );
    submit.mutate(
      {
        tenant: tenant.current?.code as string,
        agency,
        ...(topic === 'procedure' ? { procedureCode: procedure } : {}),
        ...(dossierCode.trim() ? { dossierCode: dossierCode.trim() } : {}),
        title: title.normalize('NFC').trim(),
        content: content.normalize('NFC').trim(),
        ...(Object.keys(given).length ? { submitter: given } : {}),
      },
      {
        onSuccess: (r) => {
          if (r.accessToken) feedbackToken.set(r.feedback.id, r.accessToken);
          navigate(`/phan-anh/${r.feedback.id}`, {
            state: { sent: true, accessToken: r.accessToken },
          });
        },
        onError: (e) => {
          const byField = fieldErrorsOf(e, i18n.language);
          const next: Partial<Record<SendField, string>> = {};
          for (const [f, v] of Object.entries(byField) as [SendField, string | true][])
            next[f] = v === true ? expected[f] : v;
          setErrors(next);
          if (Object.keys(next).length) summary.current?.focus();
        },
      },
    );
  };

  const invalid = (f: SendField | 'topic') =>
    errors[f] ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-${f}-error` } : {};
  const fieldError = (f: SendField | 'topic') =>
    errors[f] ? (
      <p className="field-error" id={`${id}-${f}-error`}>
        {errors[f]}
      </p>
    ) : null;
  const text = (
    f: 'name' | 'phone' | 'email' | 'address',
    label: string,
    type: 'text' | 'tel' | 'email' = 'text',
    autoComplete = 'off',
  ) => (
    <div className="field">
      <label htmlFor={`${id}-${f}`}>{label}</label>
      <input
        id={`${id}-${f}`}
        className="account-input"
        type={type}
        autoComplete={autoComplete}
        value={contact[f]}
        maxLength={f === 'address' ? 500 : f === 'email' ? 254 : 200}
        onChange={(e) => setContact((c) => ({ ...c, [f]: e.target.value }))}
        {...invalid(f)}
      />
      {fieldError(f)}
    </div>
  );
  const serverRefused = submit.error && Object.keys(fieldErrorsOf(submit.error, i18n.language)).length === 0;
  const hasErrors = Object.keys(errors).length > 0;

  return (
    <section className="account">
      <PageTitle text={t('portal.feedback.send.title')} />
      <p>{t('portal.feedback.send.intro')}</p>
      <p className="account-actions">
        <Link to="/phan-anh-kien-nghi">{t('portal.feedback.mine.answers')}</Link>
        <Link to="/phan-anh/theo-doi">{t('portal.feedback.follow.title')}</Link>
      </p>
      <form className="account-form card" onSubmit={send} noValidate>
        <p ref={summary} tabIndex={-1} className={hasErrors ? 'field-error' : 'sr-only'} role="alert">
          {hasErrors ? t('portal.feedback.send.fixErrors') : ''}
        </p>
        <fieldset className="choices" {...(errors.topic ? { 'aria-describedby': `${id}-topic-error` } : {})}>
          <legend>{t('portal.feedback.send.topic')}</legend>
          {(['procedure', 'behaviour'] as const).map((v) => (
            <label key={v} className="choice">
              <input
                type="radio"
                name={`${id}-topic`}
                value={v}
                checked={topic === v}
                onChange={() => setTopic(v)}
              />{' '}
              {t(`portal.feedback.send.topics.${v}`)}
            </label>
          ))}
          {fieldError('topic')}
        </fieldset>
        {topic === 'behaviour' && <p className="meta">{t('portal.feedback.send.behaviourHint')}</p>}

        <div className="field">
          <label htmlFor={`${id}-agency`}>{t('portal.feedback.send.agency')}</label>
          {agencies.isError ? (
            <ErrorText error={agencies.error} onRetry={() => agencies.refetch()} />
          ) : (
            <select
              id={`${id}-agency`}
              className="account-input"
              value={agency}
              onChange={(e) => setAgency(e.target.value)}
              {...invalid('agency')}
            >
              <option value="">{t('portal.feedback.send.agencyChoose')}</option>
              {(agencies.data ?? []).map((a) => (
                <option key={a.identifier} value={a.identifier}>
                  {a.name}
                </option>
              ))}
            </select>
          )}
          {fieldError('agency')}
        </div>

        {topic === 'procedure' && (
          <div className="field">
            <label htmlFor={`${id}-q`}>{t('portal.feedback.send.procedureSearch')}</label>
            <input
              id={`${id}-q`}
              className="account-input"
              type="search"
              value={q}
              onChange={(e) => setQ(e.target.value)}
              {...invalid('procedure')}
            />
            {fieldError('procedure')}
            {procedures.isError && (
              <ErrorText error={procedures.error} onRetry={() => procedures.refetch()} />
            )}
            {procedures.data && search.length >= 2 && (
              <fieldset className="choices procedure-choices" aria-busy={procedures.isFetching}>
                <legend className="sr-only">{t('portal.feedback.send.procedureFound')}</legend>
                {procedures.data.items.length === 0 && <p>{t('portal.feedback.send.procedureNone')}</p>}
                {procedures.data.items.map((p) => (
                  <label key={p.code} className="choice">
                    <input
                      type="radio"
                      name={`${id}-procedure`}
                      value={p.code}
                      checked={procedure === p.code}
                      onChange={() => setProcedure(p.code)}
                    />{' '}
                    <span>
                      <span className="code">{p.code}</span> {p.name}
                    </span>
                  </label>
                ))}
              </fieldset>
            )}
          </div>
        )}

        <div className="field">
          <label htmlFor={`${id}-dossier`}>{t('portal.feedback.send.dossierCode')}</label>
          <input
            id={`${id}-dossier`}
            className="account-input"
            value={dossierCode}
            maxLength={60}
            autoComplete="off"
            aria-describedby={errors.dossierCode ? `${id}-dossierCode-error` : `${id}-dossier-hint`}
            {...(errors.dossierCode ? { 'aria-invalid': true } : {})}
            onChange={(e) => setDossierCode(e.target.value)}
          />
          <p className="meta" id={`${id}-dossier-hint`}>
            {t('portal.feedback.send.dossierCodeHint')}
          </p>
          {fieldError('dossierCode')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-title`}>{t('portal.feedback.send.subject')}</label>
          <input
            id={`${id}-title`}
            className="account-input"
            value={title}
            maxLength={300}
            onChange={(e) => setTitle(e.target.value)}
            {...invalid('title')}
          />
          {fieldError('title')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-content`}>{t('portal.feedback.send.content')}</label>
          <textarea
            id={`${id}-content`}
            className="account-input feedback-content"
            value={content}
            maxLength={10000}
            onChange={(e) => setContent(e.target.value)}
            {...invalid('content')}
          />
          {fieldError('content')}
        </div>

        {me ? (
          <p className="meta">
            {t('portal.feedback.send.contact', {
              name: me.fullName,
              contact: me.phone ?? me.email ?? '—',
            })}
          </p>
        ) : (
          <fieldset className="choices contact">
            <legend>{t('portal.feedback.send.anonymous')}</legend>
            <p>
              <Link to={signInPath('/gui-phan-anh')}>{t('portal.feedback.send.signIn')}</Link>
            </p>
            {text('name', t('portal.feedback.send.name'), 'text', 'name')}
            {text('phone', t('portal.feedback.send.phone'), 'tel', 'tel')}
            {text('email', t('portal.feedback.send.email'), 'email', 'email')}
            {text('address', t('portal.feedback.send.address'), 'text', 'street-address')}
          </fieldset>
        )}

        {serverRefused && <ErrorState error={submit.error} />}
        <p>
          <button type="submit" className="button-primary" disabled={submit.isPending}>
            {submit.isPending ? t('portal.feedback.send.sending') : t('portal.feedback.send.submit')}
          </button>
        </p>
      </form>
    </section>
  );
}
