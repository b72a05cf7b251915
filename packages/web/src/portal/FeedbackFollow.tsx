/**
 * /phan-anh/theo-doi: following an anonymous PAKN by its code and the access token given when it was
 * sent. The token is kept for this tab only and travels as X-Feedback-Token, never in the address.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useCitizen } from '../app/session.js';
import { PageTitle } from '../ui/Page.js';
import { feedbackIdOf, feedbackToken } from './feedback-data.js';
import './account.css';
import './pages.css';

export function FeedbackFollow() {
  const { t } = useTranslation();
  const id = useId();
  const navigate = useNavigate();
  const citizen = useCitizen();
  const [code, setCode] = useState('');
  const [token, setToken] = useState('');
  const [errors, setErrors] = useState<{ code?: string; token?: string }>({});

  const open = (e: React.FormEvent) => {
    e.preventDefault();
    const n = feedbackIdOf(code);
    const found = {
      ...(n ? {} : { code: t('portal.feedback.follow.codeInvalid') }),
      ...(token.trim() ? {} : { token: t('portal.feedback.follow.tokenRequired') }),
    };
    setErrors(found);
    if (!n || found.token) return;
    feedbackToken.set(n, token.trim());
    navigate(`/phan-anh/${n}`);
  };

  const field = (f: 'code' | 'token', label: string, value: string, set: (v: string) => void) => (
    <div className="field">
      <label htmlFor={`${id}-${f}`}>{label}</label>
      <input
        id={`${id}-${f}`}
        className="account-input"
        value={value}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => set(e.target.value)}
        {...(errors[f] ? { 'aria-invalid': true, 'aria-describedby': `${id}-${f}-error` } : {})}
      />
      {errors[f] && (
        <p className="field-error" id={`${id}-${f}-error`} role="alert">
          {errors[f]}
        </p>
      )}
    </div>
  );

  return (
    <section className="account">
      <PageTitle text={t('portal.feedback.follow.title')} />
      <p>{t('portal.feedback.follow.intro')}</p>
      {citizen.data && (
        <p>
          <Link to="/ca-nhan/phan-anh">{t('portal.feedback.answers.mine')}</Link>
        </p>
      )}
      <form className="account-form card" onSubmit={open} noValidate>
        {field('code', t('portal.feedback.follow.code'), code, setCode)}
        <p className="meta">{t('portal.feedback.follow.codeHint')}</p>
        {field('token', t('portal.feedback.follow.token'), token, setToken)}
        <p>
          <button type="submit" className="button-primary">
            {t('portal.feedback.follow.open')}
          </button>
        </p>
      </form>
    </section>
  );
}
