/**
 * The dossier's papers: each component with its files (viewed inline: PDF in a frame, images as
 * images; anything else downloaded), the digitised mark, and uploads where the officer may add one.
 */
import { Button, Modal, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, call, client } from '../app/api.js';
import { DateText } from '../ui/DateText.js';
import { ErrorState } from '../ui/ErrorState.js';
import { formatBytes } from '../ui/format.js';
import { Loading } from '../ui/Page.js';
import { ActionError } from './ActionError.js';
import { fileUrl, useDossierFiles, useRefreshDossier } from './api.js';
import type { Component, DossierDetail, DossierFile } from './types.js';
import { UploadFile } from './UploadFile.js';

const VIEWABLE = new Set(['pdf', 'jpeg', 'png']);

/** One file shown where it is: a PDF in a frame, an image as an image. */
export function FileViewer({ file, onClose }: { file: DossierFile; onClose: () => void }) {
  const { t } = useTranslation();
  const name = file.filename ?? `#${file.id}`;
  return (
    <Modal open title={name} onCancel={onClose} footer={null} width="min(1100px, 96vw)" destroyOnHidden>
      {file.kind === 'pdf' ? (
        <iframe title={t('workspace.viewerOf', { name })} src={fileUrl(file.id)} className="pdf-frame" />
      ) : (
        <img src={fileUrl(file.id)} alt={t('workspace.viewerOf', { name })} className="image-view" />
      )}
      <p>
        <a href={fileUrl(file.id, false)} download>
          {t('workspace.download', { name })}
        </a>
      </p>
    </Modal>
  );
}

export function FileLinks({ files, onView }: { files: DossierFile[]; onView: (f: DossierFile) => void }) {
  const { t, i18n } = useTranslation();
  if (!files.length) return <span className="meta">{t('workspace.noFile')}</span>;
  return (
    <ul className="plain-list">
      {files.map((f) => {
        const name = f.filename ?? `#${f.id}`;
        return (
          <li key={f.id}>
            {VIEWABLE.has(f.kind) ? (
              <Button
                type="link"
                size="small"
                onClick={() => onView(f)}
                aria-label={t('workspace.view', { name })}
              >
                {name}
              </Button>
            ) : (
              <a href={fileUrl(f.id, false)} download>
                {name}
              </a>
            )}{' '}
            <span className="meta">
              {f.kind.toUpperCase()} · {formatBytes(f.size, i18n.language)}
              {f.reused ? ` · ${t('workspace.reused')}` : ''}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

export function Documents({
  detail,
  canUpload,
  canDigitise,
}: {
  detail: DossierDetail;
  canUpload: boolean;
  canDigitise: boolean;
}) {
  const { t } = useTranslation();
  const d = detail.dossier;
  const files = useDossierFiles(d.id);
  const refresh = useRefreshDossier();
  const [viewing, setViewing] = useState<DossierFile | null>(null);
  const [digitiseError, setDigitiseError] = useState<unknown>(null);
  if (files.isPending) return <Loading />;
  if (files.isError) return <ErrorState error={files.error} onRetry={() => files.refetch()} />;
  const of = (c: Component) => files.data.filter((f) => f.componentId === c.id);
  const digitise = async (c: Component) => {
    setDigitiseError(null);
    try {
      await call(
        client.POST('/api/v1/dossiers/{id}/components/{componentId}/digitised', {
          params: { path: { id: d.id, componentId: c.id } },
        }),
      );
    } catch (e) {
      if (!(e instanceof ApiError && e.code === 'ALREADY_DIGITISED')) setDigitiseError(e);
    }
    await refresh(d.id);
  };
  const shown = detail.components.filter((c) => c.provided || c.required || of(c).length);
  return (
    <>
      {digitiseError !== null && <ActionError error={digitiseError} />}
      <Table<Component>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={shown}
        columns={[
          {
            title: t('workspace.component'),
            dataIndex: 'name',
            render: (name: string, c) => (
              <>
                {name}
                {c.required && <span className="meta"> ({t('workspace.required')})</span>}
              </>
            ),
          },
          {
            title: t('workspace.handedIn'),
            width: 150,
            render: (_, c) =>
              c.provided ? (
                <span>
                  {t('workspace.copiesLine', {
                    originals: c.originals,
                    certified: c.certifiedCopies,
                    copies: c.copies,
                  })}
                </span>
              ) : (
                <span className="tag tag-missing">{t('workspace.notHandedIn')}</span>
              ),
          },
          {
            title: t('workspace.files'),
            width: 300,
            render: (_, c) => (
              <Space orientation="vertical" style={{ width: '100%' }}>
                <FileLinks files={of(c)} onView={setViewing} />
                {canUpload && (
                  <UploadFile
                    url={`/api/v1/dossiers/${d.id}/components/${c.id}/files`}
                    label={t('workspace.uploadTo', { name: c.name.slice(0, 60) })}
                    onDone={() => refresh(d.id)}
                  />
                )}
              </Space>
            ),
          },
          {
            title: t('workspace.digitised'),
            width: 150,
            render: (_, c) =>
              c.digitisedAt ? (
                <span>
                  {t('workspace.digitisedOn')} <DateText value={c.digitisedAt} />
                </span>
              ) : canDigitise && of(c).length > 0 ? (
                <Button
                  size="small"
                  onClick={() => digitise(c)}
                  aria-label={t('workspace.markDigitised', { name: c.name.slice(0, 60) })}
                >
                  {t('workspace.markDigitisedShort')}
                </Button>
              ) : (
                <span className="meta">{t('workspace.notDigitised')}</span>
              ),
          },
        ]}
      />
      {viewing && <FileViewer file={viewing} onClose={() => setViewing(null)} />}
    </>
  );
}

/** The result documents issued (or being prepared) for the dossier. */
export function ResultFiles({ dossierId }: { dossierId: number }) {
  const files = useDossierFiles(dossierId);
  const [viewing, setViewing] = useState<DossierFile | null>(null);
  if (files.isPending) return <Loading />;
  if (files.isError) return <ErrorState error={files.error} onRetry={() => files.refetch()} />;
  return (
    <>
      <FileLinks files={files.data.filter((f) => f.purpose === 'result')} onView={setViewing} />
      {viewing && <FileViewer file={viewing} onClose={() => setViewing(null)} />}
    </>
  );
}
