import { useTranslation } from 'react-i18next';
import { ApiError } from '../app/api.js';

/** What went wrong, in the interface's words, for any error a request can raise. */
export function describeError(
  error: unknown,
  t: (k: 'errors.network' | 'errors.conflict' | 'errors.unexpected') => string,
  lang: string,
) {
  if (error instanceof ApiError) {
    if (error.status === 0) return t('errors.network');
    if (error.status === 409) return t('errors.conflict');
    return error.text(lang) || t('errors.unexpected');
  }
  return t('errors.unexpected');
}

/** A light error line with a retry, for screens outside Ant Design (the portal's home). */
export function ErrorText({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, i18n } = useTranslation();
  return (
    <p role="alert" className="error">
      {describeError(error, t, i18n.language)}{' '}
      {onRetry && (
        <button type="button" className="link-button" onClick={onRetry}>
          {t('retry')}
        </button>
      )}
    </p>
  );
}
