/**
 * /dang-nhap?next=…: a citizen signs in with a one-time code. First the identity number and where
 * the code goes (POST /api/v1/citizen/auth/code: the answer names the masked destination and the
 * wait before a new code), then the code (POST /api/v1/citizen/auth/verify, which sets the
 * session cookie). The server never says whether a number has an account, so neither does this.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import type { paths } from '../api/schema.js';
import { ApiError, call, client } from '../app/api.js';
import { citizenKey, useCitizen } from '../app/session.js';
import { describeError } from '../ui/ErrorText.js';
import { Loading, PageTitle } from '../ui/Page.js';
import { safeNext } from './account-data.js';
import { useWaitText } from './account-wait.js';
import { usePortalTenant } from './tenant.js';
import './account.css';
import './pages.css';

type Channel = 'email' | 'sms';
type CodeSent = paths['/api/v1/citizen/auth/code']['post']['responses'][202]['content']['application/json'];

const IDENTITY = /^[0-9A-Za-z-]{9,20}$/;
const CODE = /^\d{6}$/;
const HOME = '/ca-nhan/ho-so';

/** Seconds the server asks us to wait, from an error's details (OTP_COOLDOWN, RATE_LIMITED). */
const retryAfter = (e: unknown) => {
  const s = e instanceof ApiError ? Number(e.details.retryAfterSeconds) : Number.NaN;
  return Number.isFinite(s) && s > 0 ? s : null;
};

export function CitizenSignIn() {
  const { t, i18n } = useTranslation();
  const me = useCitizen();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next')) ?? HOME;
  const wait = useWaitText();
  const id = useId();

  const [identity, setIdentity] = useState('');
  const [channel, setChannel] = useState<Channel>('sms');
  const [code, setCode] = useState('');
  const tenant = usePortalTenant();
  const [step, setStep] = useState<'ask' | 'code'>('ask');
  const [sent, setSent] = useState<CodeSent | null>(null);
  const [identityInvalid, setIdentityInvalid] = useState(false);
  const [codeInvalid, setCodeInvalid] = useState(false);
  const [resendAt, setResendAt] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  const codeInput = useRef<HTMLInputElement>(null);
  const identityInput = useRef<HTMLInputElement>(null);

  // the wait before a new code, counted down; not announced each second (it is not a live region)
  useEffect(() => {
    if (resendAt <= now) return;
    const timer = setTimeout(() => setNow(Date.now()), 1000);
    return () => clearTimeout(timer);
  }, [resendAt, now]);
  const secondsLeft = Math.max(0, Math.ceil((resendAt - now) / 1000));

  const request = useMutation({
    // the deployment whose portal this is sends the code (its SMS and mail settings)
    mutationFn: (body: { identityNumber: string; channel: Channel }) =>
      call(
        client.POST('/api/v1/citizen/auth/code', {
          body: tenant.current ? { ...body, tenant: tenant.current.code } : body,
        }),
      ),
    onSuccess: (r) => {
      setSent(r);
      setResendAt(Date.now() + r.resendAfterSeconds * 1000);
      setNow(Date.now());
      setCode('');
      setStep('code');
      verify.reset();
    },
    onError: (e) => {
      const s = retryAfter(e);
      if (s === null) return;
      setResendAt(Date.now() + s * 1000);
      setNow(Date.now());
      // a code went out less than a minute ago: the citizen may hold it already
      if (e instanceof ApiError && e.code === 'OTP_COOLDOWN') setStep('code');
    },
  });

  const verify = useMutation({
    mutationFn: (body: { identityNumber: string; code: string }) =>
      call(client.POST('/api/v1/citizen/auth/verify', { body })),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: citizenKey });
      // another citizen's data may linger from earlier in this tab
      qc.removeQueries({ queryKey: ['citizen'] });
      navigate(next, { replace: true });
    },
  });

  // the code field takes the focus as soon as it appears (the citizen switches to the SMS and back)
  useEffect(() => {
    if (step === 'code') codeInput.current?.focus();
    else identityInput.current?.focus();
  }, [step]);
  useEffect(() => {
    if (sent) codeInput.current?.focus();
  }, [sent]);

  if (me.isPending) return <Loading />;
  if (me.data && !verify.isSuccess) return <Navigate to={next} replace />;

  const number = identity.trim().toUpperCase();
  const ask = (e?: FormEvent) => {
    e?.preventDefault();
    if (!IDENTITY.test(number)) {
      setIdentityInvalid(true);
      identityInput.current?.focus();
      return;
    }
    setIdentityInvalid(false);
    request.mutate({ identityNumber: number, channel });
  };
  const submitCode = (e: FormEvent) => {
    e.preventDefault();
    const c = code.replace(/\s+/g, '');
    if (!CODE.test(c)) {
      setCodeInvalid(true);
      codeInput.current?.focus();
      return;
    }
    setCodeInvalid(false);
    verify.mutate({ identityNumber: number, code: c });
  };

  const errorOf = (e: unknown): string => {
    if (!(e instanceof ApiError)) return describeError(e, t, i18n.language);
    const s = retryAfter(e);
    switch (e.code) {
      case 'OTP_INVALID': {
        const left = Number(e.details.attemptsLeft);
        return Number.isFinite(left) && left > 0
          ? t('portal.account.signIn.wrongCodeLeft', { n: left })
          : t('portal.account.signIn.wrongCode');
      }
      case 'OTP_EXPIRED':
        return t('portal.account.signIn.expired');
      case 'OTP_LOCKED':
        return t('portal.account.signIn.locked');
      case 'OTP_COOLDOWN':
        return t('portal.account.signIn.cooldown', { wait: wait(s ?? 60) });
      case 'RATE_LIMITED':
        return s
          ? t('portal.account.signIn.tooMany', { wait: wait(s) })
          : t('portal.account.signIn.tooManyLater');
      default:
        return describeError(e, t, i18n.language);
    }
  };

  const identityHint = `${id}-identity-hint`;
  const codeHint = `${id}-code-hint`;
  return (
    <section className="account account-signin">
      <PageTitle text={t('portal.account.signIn.title')} />
      <p>{t('portal.account.signIn.intro')}</p>

      {step === 'ask' ? (
        <form className="card account-form" onSubmit={ask} noValidate>
          <div className="field">
            <label htmlFor={`${id}-identity`}>{t('portal.account.signIn.identityLabel')}</label>
            <p className="meta" id={identityHint}>
              {t('portal.account.signIn.identityHint')}
            </p>
            <input
              ref={identityInput}
              id={`${id}-identity`}
              className="account-input"
              value={identity}
              onChange={(e) => setIdentity(e.target.value)}
              autoComplete="off"
              spellCheck={false}
              inputMode="numeric"
              maxLength={20}
              aria-invalid={identityInvalid || undefined}
              aria-describedby={`${identityHint}${identityInvalid ? ` ${id}-identity-error` : ''}`}
            />
            {identityInvalid && (
              <p className="field-error" id={`${id}-identity-error`} role="alert">
                {t('portal.account.signIn.identityInvalid')}
              </p>
            )}
          </div>
          <fieldset className="field choices">
            <legend>{t('portal.account.signIn.channelLegend')}</legend>
            {(['sms', 'email'] as const).map((c) => (
              <label key={c} className="choice">
                <input
                  type="radio"
                  name={`${id}-channel`}
                  value={c}
                  checked={channel === c}
                  onChange={() => setChannel(c)}
                />{' '}
                {c === 'sms'
                  ? t('portal.account.signIn.channelSms')
                  : t('portal.account.signIn.channelEmail')}
              </label>
            ))}
          </fieldset>
          {request.isError && (
            <p className="field-error" role="alert">
              {errorOf(request.error)}
            </p>
          )}
          <button type="submit" className="button-primary" disabled={request.isPending}>
            {request.isPending ? t('portal.account.signIn.sending') : t('portal.account.signIn.sendCode')}
          </button>
        </form>
      ) : (
        <form className="card account-form" onSubmit={submitCode} noValidate>
          <div role="status" className="account-sent">
            {sent && (
              <>
                <p>
                  {sent.channel === 'email'
                    ? t('portal.account.signIn.sentEmail', { destination: sent.destination })
                    : t('portal.account.signIn.sentSms', { destination: sent.destination })}
                </p>
                <p className="meta">
                  {t('portal.account.signIn.sentNote', { minutes: Math.round(sent.expiresInSeconds / 60) })}
                </p>
              </>
            )}
          </div>
          <div className="field">
            <label htmlFor={`${id}-code`}>{t('portal.account.signIn.codeLabel')}</label>
            <input
              ref={codeInput}
              id={`${id}-code`}
              className="account-input account-code"
              value={code}
              onChange={(e) => setCode(e.target.value.replace(/[^\d\s]/g, ''))}
              autoComplete="one-time-code"
              inputMode="numeric"
              pattern="[0-9]*"
              maxLength={7}
              spellCheck={false}
              aria-invalid={codeInvalid || verify.isError || undefined}
              aria-describedby={codeInvalid || verify.isError ? codeHint : undefined}
            />
            {codeInvalid ? (
              <p className="field-error" id={codeHint} role="alert">
                {t('portal.account.signIn.codeInvalid')}
              </p>
            ) : verify.isError ? (
              <p className="field-error" id={codeHint} role="alert">
                {errorOf(verify.error)}
              </p>
            ) : null}
          </div>
          {request.isError && (
            <p className="field-error" role="alert">
              {errorOf(request.error)}
            </p>
          )}
          <button type="submit" className="button-primary" disabled={verify.isPending || verify.isSuccess}>
            {verify.isPending || verify.isSuccess
              ? t('portal.account.signIn.verifying')
              : t('portal.account.signIn.verify')}
          </button>
          <div className="account-actions">
            <button
              type="button"
              className="button-secondary"
              disabled={secondsLeft > 0 || request.isPending}
              onClick={() => ask()}
            >
              {t('portal.account.signIn.resend')}
            </button>
            <button
              type="button"
              className="link-button"
              onClick={() => {
                setStep('ask');
                setSent(null);
                request.reset();
                verify.reset();
              }}
            >
              {t('portal.account.signIn.change')}
            </button>
          </div>
          {secondsLeft > 0 && (
            <p className="meta">{t('portal.account.signIn.resendIn', { wait: wait(secondsLeft) })}</p>
          )}
        </form>
      )}
    </section>
  );
}
