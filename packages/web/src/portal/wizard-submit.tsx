/**
 * Step 5: the submission and what follows it. The order is the server's: the dossier is created
 * first (POST /api/v1/citizen/dossiers, with the e-form checked against the schema), then each
 * file is uploaded to its component, or a stored document reused, since components exist only
 * once the dossier does. Each upload has its own Idempotency-Key, kept across its retries: a file
 * whose answer was lost is not attached twice.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Progress } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { paths } from '../api/schema.js';
import { ApiError, call, client, newIdempotencyKey, upload } from '../app/api.js';
import { DateText } from '../ui/DateText.js';
import { describeError } from '../ui/ErrorText.js';
import { StatusTag } from '../ui/StatusTag.js';
import type { ProcedureDetail } from './wizard-data.js';
import { type Attachments, applicableDocuments } from './wizard-documents.js';
import type { ServerFieldError } from './wizard-schema.js';

export type SubmitBody =
  paths['/api/v1/citizen/dossiers']['post']['requestBody']['content']['application/json'];

export type FieldError = ServerFieldError;

interface Submitted {
  id: number;
  code: string | null;
  status: string;
  at: string;
}

export interface UploadItem {
  docKey: string;
  name: string;
  file?: File;
  documentId?: number;
  /** one key per file, kept across the retries of its upload */
  idem: string;
  progress: number;
  error: unknown;
  done: boolean;
}

export type Phase = 'idle' | 'sending' | 'uploading' | 'done';

/** The dossier's components, as GET /api/v1/dossiers/{id} lists them (an open object in the API). */
interface DetailComponents {
  components: { id: number; documentCode: string | null }[];
}

export function useSubmission(o: {
  onFormErrors: (fields: FieldError[]) => void;
  onSubmitted: () => void;
  onSignedOut: () => void;
}) {
  const qc = useQueryClient();
  const [phase, setPhase] = useState<Phase>('idle');
  const [error, setError] = useState<unknown>(null);
  const [dossier, setDossier] = useState<Submitted | null>(null);
  const [uploads, setUploads] = useState<UploadItem[]>([]);
  const running = useRef(false);

  const patch = (docKey: string, p: Partial<UploadItem>) =>
    setUploads((all) => all.map((u) => (u.docKey === docKey ? { ...u, ...p } : u)));

  async function attach(id: number, list: UploadItem[]) {
    setPhase('uploading');
    const todo = list.filter((u) => !u.done);
    if (todo.length) {
      let detail: DetailComponents;
      try {
        detail = (await call(
          client.GET('/api/v1/dossiers/{id}', { params: { path: { id } } }),
        )) as unknown as DetailComponents;
      } catch (e) {
        for (const u of todo) patch(u.docKey, { error: e });
        setPhase('done');
        return;
      }
      for (const u of todo) {
        const component = detail.components.find((c) => c.documentCode === u.docKey);
        if (!component) {
          patch(u.docKey, { error: new ApiError(404, 'COMPONENT_MISSING', '', '') });
          continue;
        }
        patch(u.docKey, { error: null, progress: 0 });
        try {
          if (u.file)
            await upload(`/api/v1/dossiers/${id}/components/${component.id}/files`, u.file, {
              idempotencyKey: u.idem,
              onProgress: (p) => patch(u.docKey, { progress: p }),
            });
          else if (u.documentId !== undefined)
            await call(
              client.POST('/api/v1/dossiers/{id}/components/{componentId}/reuse', {
                params: { path: { id, componentId: component.id } },
                body: { documentId: u.documentId },
              }),
            );
          patch(u.docKey, { done: true, progress: 1 });
        } catch (e) {
          patch(u.docKey, { error: e });
        }
      }
    }
    setPhase('done');
    void qc.invalidateQueries({ queryKey: ['citizen'] });
  }

  async function submit(
    body: SubmitBody,
    key: string,
    procedure: ProcedureDetail,
    a: Attachments,
    cases: string[],
  ) {
    if (running.current) return;
    running.current = true;
    setError(null);
    setPhase('sending');
    const list: UploadItem[] = applicableDocuments(procedure, cases).flatMap(({ d, key: docKey }) => {
      const file = a.files[docKey];
      const documentId = a.reuse[docKey];
      if (!file && documentId === undefined) return [];
      return [
        {
          docKey,
          name: d.name,
          ...(file ? { file } : { documentId }),
          idem: newIdempotencyKey(),
          progress: 0,
          error: null,
          done: false,
        },
      ];
    });
    try {
      const r = await call(
        client.POST('/api/v1/citizen/dossiers', { params: { header: { 'idempotency-key': key } }, body }),
      );
      const d: Submitted = {
        id: r.dossier.id,
        code: r.dossier.code,
        status: r.dossier.status,
        at: r.action.at,
      };
      setDossier(d);
      setUploads(list);
      o.onSubmitted();
      await attach(d.id, list);
    } catch (e) {
      setPhase('idle');
      if (e instanceof ApiError && e.code === 'FORM_DATA_INVALID' && Array.isArray(e.details.fields))
        o.onFormErrors(e.details.fields as FieldError[]);
      else if (e instanceof ApiError && e.status === 401) o.onSignedOut();
      else setError(e);
    } finally {
      running.current = false;
    }
  }

  const retryUploads = () => {
    if (dossier && !running.current) {
      running.current = true;
      void attach(dossier.id, uploads).finally(() => {
        running.current = false;
      });
    }
  };

  return { phase, error, dossier, uploads, submit, retryUploads };
}

export function SubmitStep({
  s,
  agencyName,
  procedureName,
  onRetry,
  onBack,
}: {
  s: ReturnType<typeof useSubmission>;
  agencyName: string;
  procedureName: string;
  onRetry: () => void;
  onBack: () => void;
}) {
  const { t, i18n } = useTranslation();
  if (!s.dossier)
    return (
      <div className="wz-submit" aria-busy={s.phase === 'sending'}>
        {s.phase === 'sending' && (
          <p role="status" className="wz-status">
            {t('portal.wizard.submit.sending')}
          </p>
        )}
        {s.error != null && (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={t('portal.wizard.submit.failed')}
            description={describeError(s.error, t, i18n.language)}
          />
        )}
        {s.phase !== 'sending' && (
          <div className="wz-actions">
            <Button onClick={onBack}>{t('portal.wizard.back')}</Button>
            <Button type="primary" onClick={onRetry}>
              {t('portal.wizard.submit.retry')}
            </Button>
          </div>
        )}
      </div>
    );
  const d = s.dossier;
  const failed = s.uploads.filter((u) => u.error && !u.done);
  return (
    <div className="wz-submit">
      <Alert
        type="success"
        showIcon
        role="status"
        title={t('portal.wizard.submit.done')}
        description={t('portal.wizard.submit.doneText', { agency: agencyName })}
      />
      <dl className="facts wz-confirm">
        <dt>{t('portal.wizard.submit.procedure')}</dt>
        <dd>{procedureName}</dd>
        <dt>{t('portal.wizard.submit.status')}</dt>
        <dd>
          <StatusTag state={d.status} />
        </dd>
        <dt>{t('portal.wizard.submit.code')}</dt>
        <dd>{d.code ?? t('portal.wizard.submit.noCode')}</dd>
        <dt>{t('portal.wizard.submit.at')}</dt>
        <dd>
          <DateText value={d.at} time />
        </dd>
      </dl>
      {s.uploads.length > 0 && (
        <section aria-labelledby="wz-uploads-title" className="wz-uploads">
          <h3 id="wz-uploads-title">{t('portal.wizard.submit.files')}</h3>
          <ul className="wz-plain-list">
            {s.uploads.map((u) => (
              <li key={u.docKey} className="wz-upload">
                <span className="wz-doc-title">{u.file?.name ?? u.name}</span>
                <Progress
                  percent={Math.round(u.progress * 100)}
                  status={u.done ? 'success' : u.error ? 'exception' : 'active'}
                  aria-label={t('portal.wizard.submit.progressOf', { name: u.file?.name ?? u.name })}
                />
                <span className="wz-upload-state" role={u.error ? 'alert' : undefined}>
                  {u.done
                    ? u.file
                      ? t('portal.wizard.submit.uploaded')
                      : t('portal.wizard.submit.reusedDone')
                    : u.error
                      ? describeError(u.error, t, i18n.language)
                      : t('portal.wizard.submit.uploading')}
                </span>
              </li>
            ))}
          </ul>
          {s.phase === 'done' && failed.length > 0 && (
            <Alert
              type="warning"
              showIcon
              title={t('portal.wizard.submit.uploadFailed', { count: failed.length })}
              action={<Button onClick={s.retryUploads}>{t('portal.wizard.submit.retryUploads')}</Button>}
            />
          )}
        </section>
      )}
      {s.phase === 'uploading' && (
        <p role="status" className="wz-status">
          {t('portal.wizard.submit.uploadingAll')}
        </p>
      )}
      {s.phase === 'done' && (
        <p className="wz-actions">
          <Link className="button-link" to={`/ca-nhan/ho-so/${d.id}`}>
            {t('portal.wizard.submit.open')}
          </Link>
        </p>
      )}
    </div>
  );
}
