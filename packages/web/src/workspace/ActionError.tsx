import { Alert, Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../app/api.js';
import { describeError } from '../ui/ErrorText.js';

/**
 * Why an action was refused. A stale version (someone else acted first) is said so and offers
 * the reload; every other refusal is the server's own words (the step does not permit it, a
 * reason is missing, documents are missing…), with the fields it names listed.
 */
export function ActionError({ error, onReload }: { error: unknown; onReload?: () => void }) {
  const { t, i18n } = useTranslation();
  const stale = error instanceof ApiError && error.code === 'VERSION_CONFLICT';
  const text =
    error instanceof ApiError && error.status === 409 && !stale
      ? error.text(i18n.language) || t('errors.conflict')
      : describeError(error, t, i18n.language);
  const missing =
    error instanceof ApiError && Array.isArray(error.details.missing)
      ? (error.details.missing as { name?: string }[]).map((m) => m.name).filter(Boolean)
      : [];
  const fields =
    error instanceof ApiError && Array.isArray(error.details.fields)
      ? (error.details.fields as { message?: string; messageVi?: string; path?: string }[])
      : [];
  return (
    <Alert
      type="error"
      role="alert"
      showIcon
      title={stale ? t('workspace.conflictTitle') : t('errors.title')}
      description={
        <Space orientation="vertical">
          <span>{text}</span>
          {missing.length > 0 && (
            <ul className="plain-list">
              {missing.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          )}
          {fields.length > 0 && (
            <ul className="plain-list">
              {fields.map((f) => (
                <li key={`${f.path}-${f.message}`}>
                  {f.path ? `${f.path}: ` : ''}
                  {i18n.language.startsWith('en') ? f.message : (f.messageVi ?? f.message)}
                </li>
              ))}
            </ul>
          )}
          {stale && onReload && (
            <Button type="primary" onClick={onReload}>
              {t('workspace.reloadDossier')}
            </Button>
          )}
        </Space>
      }
    />
  );
}
