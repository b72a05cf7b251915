import { Button, Progress, Space, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { newIdempotencyKey, upload } from '../app/api.js';
import { ActionError } from './ActionError.js';

/** The types the server accepts (decided from the bytes there; this only guides the picker). */
export const ACCEPTED_FILES = '.pdf,.jpg,.jpeg,.png,.tif,.tiff,.docx,.xlsx,.odt,.xml';

/**
 * Picks one file and uploads it at once to `url` with its progress; the answer goes to `onDone`.
 * The button's name says what it attaches to, so a list of them is told apart by ear.
 */
export function UploadFile<T>({
  url,
  label,
  fields,
  onDone,
}: {
  url: string;
  label: string;
  fields?: Record<string, string>;
  onDone: (answer: T) => void;
}) {
  const { t } = useTranslation();
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Upload
        accept={ACCEPTED_FILES}
        showUploadList={false}
        customRequest={({ file }) => {
          setError(null);
          setProgress(0);
          upload<T>(url, file as File, {
            onProgress: setProgress,
            idempotencyKey: newIdempotencyKey(),
            ...(fields ? { fields } : {}),
          })
            .then((a) => {
              setProgress(null);
              onDone(a);
            })
            .catch((e) => {
              setProgress(null);
              setError(e);
            });
        }}
      >
        <Button loading={progress !== null} aria-label={label}>
          {t('workspace.upload')}
        </Button>
      </Upload>
      {progress !== null && (
        <Progress
          percent={Math.round(progress * 100)}
          size="small"
          aria-label={t('workspace.uploadProgress')}
        />
      )}
      {error !== null && <ActionError error={error} />}
    </Space>
  );
}
