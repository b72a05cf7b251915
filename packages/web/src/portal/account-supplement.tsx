/**
 * Answering a supplement request online: the citizen uploads files to the dossier's components
 * (POST /api/v1/dossiers/{id}/components/{componentId}/files, one Idempotency-Key per file kept
 * across its retries), then records the supplement (the supplement_received action, which the
 * applicant may record on their own dossier: the clock restarts).
 */
import { useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, newIdempotencyKey, upload } from '../app/api.js';
import { ErrorState } from '../ui/ErrorState.js';
import { describeError } from '../ui/ErrorText.js';
import {
  type DossierComponent,
  type DossierDetail,
  type DossierFile,
  detailKey,
  type LogEntry,
  useCitizenAction,
} from './account-data.js';

const ACCEPT = '.pdf,.jpg,.jpeg,.png,.tif,.tiff,.docx,.xlsx,.odt,.xml';
const MAX_BYTES = 20 * 1024 * 1024;

/** The items of the request being answered: the last supplement request in the log. */
function requestedItems(log: readonly LogEntry[]) {
  for (const e of [...log].reverse()) if (e.payload.type === 'request_supplement') return e.payload.items;
  return [];
}

const norm = (s: string) => s.normalize('NFC').trim().toLocaleLowerCase('vi');
/** An item names its component loosely ("Giấy chứng sinh" for the catalogue's long name). */
const refersTo = (item: string, component: string) => {
  const [a, b] = [norm(item), norm(component)];
  return a.length > 0 && (a === b || b.startsWith(a) || a.startsWith(b));
};

export function Supplement({
  detail,
  log,
  files,
  onSent,
}: {
  detail: DossierDetail;
  log: readonly LogEntry[];
  files: readonly DossierFile[];
  onSent: () => void;
}) {
  const { t } = useTranslation();
  const d = detail.dossier;
  const items = requestedItems(log);
  const [uploaded, setUploaded] = useState<DossierComponent[]>([]);
  const act = useCitizenAction(d.id);
  const [needFile, setNeedFile] = useState(false);

  const send = () => {
    if (uploaded.length === 0) {
      setNeedFile(true);
      return;
    }
    setNeedFile(false);
    const provided = [...new Set(uploaded.flatMap((c) => (c.documentCode ? [c.documentCode] : [])))];
    // the promise, not mutate's callbacks: this section is gone once the dossier reloads
    act
      .mutateAsync({
        type: 'supplement_received',
        expectedVersion: d.version,
        ...(provided.length ? { provided } : {}),
      })
      .then(onSent, () => undefined);
  };

  return (
    <section className="card" aria-labelledby="h-supplement">
      <h2 id="h-supplement">{t('portal.account.supplement.title')}</h2>
      <p>{t('portal.account.supplement.intro')}</p>
      {items.length > 0 && (
        <>
          <h3>{t('portal.account.supplement.requested')}</h3>
          <ul>
            {items.map((i) => (
              <li key={`${i.name}|${i.reason}`}>
                <strong>{i.name}</strong>: {i.reason}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>{t('portal.account.supplement.components')}</h3>
      <p className="meta">{t('portal.account.supplement.accepted')}</p>
      <ul className="component-list">
        {detail.components.map((c) => (
          <li key={c.id}>
            <ComponentUpload
              dossierId={d.id}
              component={c}
              asked={items.some((i) => refersTo(i.name, c.name))}
              files={files.filter((f) => f.componentId === c.id)}
              onUploaded={() => setUploaded((u) => [...u, c])}
            />
          </li>
        ))}
      </ul>
      {needFile && (
        <p className="field-error" role="alert">
          {t('portal.account.supplement.needFile')}
        </p>
      )}
      {act.isError && <ErrorState error={act.error} />}
      <p>
        <button type="button" className="button-primary" onClick={send} disabled={act.isPending}>
          {act.isPending ? t('portal.account.supplement.sending') : t('portal.account.supplement.send')}
        </button>
      </p>
    </section>
  );
}

function ComponentUpload({
  dossierId,
  component: c,
  asked,
  files,
  onUploaded,
}: {
  dossierId: number;
  component: DossierComponent;
  asked: boolean;
  files: readonly DossierFile[];
  onUploaded: () => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const qc = useQueryClient();
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  // one key per chosen file, kept if its upload is retried after a network failure
  const key = useRef<{ file: string; key: string } | null>(null);

  const choose = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    setDone(null);
    if (file.size > MAX_BYTES) {
      setError(t('errors.fileTooLarge', { name: file.name, max: '20 MB' }));
      return;
    }
    const same = `${file.name}|${file.size}|${file.lastModified}`;
    if (key.current?.file !== same) key.current = { file: same, key: newIdempotencyKey() };
    setProgress(0);
    try {
      await upload(`/api/v1/dossiers/${dossierId}/components/${c.id}/files`, file, {
        idempotencyKey: key.current.key,
        onProgress: setProgress,
      });
      key.current = null;
      setDone(file.name);
      onUploaded();
      await qc.invalidateQueries({ queryKey: [...detailKey(dossierId), 'files'] });
    } catch (e) {
      if (e instanceof ApiError && e.status >= 400 && e.status < 500) key.current = null;
      setError(e);
    } finally {
      setProgress(null);
    }
  };

  const names = files.map((f) => f.filename ?? `#${f.id}`);
  return (
    <>
      <p>
        <strong>{c.name}</strong>{' '}
        {asked && <span className="tag tag-asked">{t('portal.account.supplement.askedFor')}</span>}{' '}
        <span className={`tag ${c.provided ? 'tag-ok' : 'tag-missing'}`}>
          {c.provided ? t('portal.account.supplement.provided') : t('portal.account.supplement.notProvided')}
        </span>
      </p>
      {names.length > 0 && (
        <p className="meta">{t('portal.account.supplement.filesAttached', { names: names.join(', ') })}</p>
      )}
      <label htmlFor={`${id}-file`}>{t('portal.account.supplement.chooseFile', { name: c.name })}</label>
      <input
        id={`${id}-file`}
        type="file"
        accept={ACCEPT}
        disabled={progress !== null}
        onChange={(e) => {
          void choose(e.target.files?.[0]);
          e.target.value = '';
        }}
      />
      <div aria-live="polite">
        {progress !== null && (
          <p className="meta">
            {t('portal.account.supplement.uploading', { name: c.name, percent: Math.round(progress * 100) })}
          </p>
        )}
        {done && (
          <p className="notice-ok">{t('portal.account.supplement.uploaded', { file: done, name: c.name })}</p>
        )}
      </div>
      {error !== null && (
        <p className="field-error" role="alert">
          {typeof error === 'string' ? error : describeError(error, t, i18n.language)}
        </p>
      )}
    </>
  );
}
