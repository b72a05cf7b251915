import { Alert, Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../app/api.js';

/**
 * Why something failed, in plain words, and the way forward: retry after a network failure,
 * reload after a conflict, sign in after an expired session. Never a blank screen.
 */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, i18n } = useTranslation();
  let message: string;
  let action: 'retry' | 'reload' | null = onRetry ? 'retry' : 'reload';
  if (error instanceof ApiError) {
    if (error.status === 0) message = t('errors.network');
    else if (error.status === 409) {
      message = t('errors.conflict');
      action = 'reload';
    } else if (error.status === 401) message = t('errors.unauthenticated');
    else if (error.status === 403) message = error.text(i18n.language) || t('errors.forbidden');
    else if (error.status === 404) message = error.text(i18n.language) || t('errors.notFound');
    else message = error.text(i18n.language) || t('errors.unexpected');
    if (error.status >= 400 && error.status < 500 && error.status !== 409 && error.status !== 408)
      action = null;
    if (error.status === 0 && onRetry) action = 'retry';
  } else message = t('errors.unexpected');
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={t('errors.title')}
      description={
        <Space orientation="vertical">
          <span>{message}</span>
          {action === 'retry' && <Button onClick={onRetry}>{t('retry')}</Button>}
          {action === 'reload' && <Button onClick={() => location.reload()}>{t('reload')}</Button>}
        </Space>
      }
    />
  );
}

export { describeError as errorText } from './ErrorText.js';
