/**
 * Step 3: the procedure's documents (thành phần hồ sơ). For each, a file from the device or a
 * document already in the citizen's data store (reused, not uploaded again). Files are checked
 * here for type and size, so a wrong one is refused before the submission; they are sent after
 * the dossier exists (its components are the targets of the uploads).
 */
import { Alert, Button, Checkbox, Select } from 'antd';
import type { TFunction } from 'i18next';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBytes, formatDate } from '../ui/format.js';
import {
  ACCEPTED_EXTENSIONS,
  ACCEPTED_LABEL,
  applies,
  caseGroups,
  type DocumentDef,
  docKey,
  givenByEform,
  isRequired,
  MAX_UPLOAD_BYTES,
  type MyDocument,
  type ProcedureDetail,
} from './wizard-data.js';

export interface Attachments {
  files: Record<string, File>;
  reuse: Record<string, number>;
}

/** Why a file cannot be sent, in the interface's language; null when it can. */
export function fileProblem(file: File, t: TFunction, lang: string): string | null {
  const ext = file.name.includes('.') ? (file.name.split('.').pop() ?? '').toLowerCase() : '';
  if (!(ACCEPTED_EXTENSIONS as readonly string[]).includes(ext))
    return t('errors.fileType', { name: file.name, types: ACCEPTED_LABEL });
  if (file.size === 0) return t('portal.wizard.documents.empty', { name: file.name });
  if (file.size > MAX_UPLOAD_BYTES)
    return t('errors.fileTooLarge', { name: file.name, max: formatBytes(MAX_UPLOAD_BYTES, lang) });
  return null;
}

/** The documents that apply to the chosen cases, with their keys. */
export const applicableDocuments = (p: ProcedureDetail, cases: readonly string[]) =>
  p.content.documents.map((d, i) => ({ d, key: docKey(d, i) })).filter(({ d }) => applies(d, cases));

export const missingRequired = (p: ProcedureDetail, cases: readonly string[], a: Attachments) =>
  applicableDocuments(p, cases).filter(
    ({ d, key }) =>
      isRequired(d, cases) && !givenByEform(p, d) && !a.files[key] && a.reuse[key] === undefined,
  );

export function DocumentsStep({
  procedure,
  cases,
  onCases,
  attachments,
  onAttachments,
  myDocuments,
}: {
  procedure: ProcedureDetail;
  cases: string[];
  onCases: (c: string[]) => void;
  attachments: Attachments;
  onAttachments: (a: Attachments) => void;
  myDocuments: MyDocument[] | undefined;
}) {
  const { t } = useTranslation();
  const groups = caseGroups(procedure);
  const docs = applicableDocuments(procedure, cases);
  const missing = missingRequired(procedure, cases, attachments);
  const valid = (myDocuments ?? []).filter((d) => d.valid);
  return (
    <div className="wz-documents">
      <Alert type="info" showIcon title={t('portal.wizard.documents.notKept')} />
      {groups.length > 0 && (
        <fieldset className="wz-section">
          <legend>{t('portal.wizard.documents.cases')}</legend>
          <p className="wz-help">{t('portal.wizard.documents.casesHelp')}</p>
          <Checkbox.Group
            className="wz-checks"
            value={cases}
            onChange={(v) => onCases(v as string[])}
            options={groups.map((g) => ({ value: g, label: g }))}
          />
        </fieldset>
      )}
      <ol className="wz-doc-list">
        {docs.map(({ d, key }) =>
          givenByEform(procedure, d) ? (
            <EformItem key={key} doc={d} required={isRequired(d, cases)} />
          ) : (
            <DocumentItem
              key={key}
              doc={d}
              required={isRequired(d, cases)}
              file={attachments.files[key]}
              reused={attachments.reuse[key]}
              stored={valid}
              onFile={(f) => {
                const files = { ...attachments.files };
                const reuse = { ...attachments.reuse };
                if (f) {
                  files[key] = f;
                  delete reuse[key];
                } else delete files[key];
                onAttachments({ files, reuse });
              }}
              onReuse={(id) => {
                const files = { ...attachments.files };
                const reuse = { ...attachments.reuse };
                if (id === undefined) delete reuse[key];
                else {
                  reuse[key] = id;
                  delete files[key];
                }
                onAttachments({ files, reuse });
              }}
            />
          ),
        )}
      </ol>
      {missing.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('portal.wizard.documents.missing', { count: missing.length })}
          description={
            <ul className="wz-plain-list">
              {missing.map(({ d, key }) => (
                <li key={key}>{d.name}</li>
              ))}
            </ul>
          }
        />
      )}
    </div>
  );
}

/** A document the e-form stands for: given already, nothing to upload. */
function EformItem({ doc, required }: { doc: DocumentDef; required: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <li className="wz-doc" aria-labelledby={`${id}-name`}>
      <h3 id={`${id}-name`} className="wz-doc-name">
        {doc.name}
      </h3>
      <p className="wz-doc-meta">
        <span className={required ? 'wz-tag wz-tag-required' : 'wz-tag'}>
          {required ? t('portal.wizard.documents.required') : t('portal.wizard.documents.optional')}
        </span>{' '}
        <span className="wz-tag wz-tag-given">{t('portal.wizard.documents.eformGiven')}</span>
      </p>
      <p className="wz-help">{t('portal.wizard.documents.eformGivenHelp')}</p>
    </li>
  );
}

function DocumentItem({
  doc,
  required,
  file,
  reused,
  stored,
  onFile,
  onReuse,
}: {
  doc: DocumentDef;
  required: boolean;
  file: File | undefined;
  reused: number | undefined;
  stored: MyDocument[];
  onFile: (f: File | null) => void;
  onReuse: (id: number | undefined) => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  // the message of the last refused file, while the step is shown
  const [problem, setProblem] = useState<string | null>(null);
  // documents of the same kind first: a stored birth certificate for a birth certificate
  const options = [...stored]
    .sort((a, b) => Number(b.documentCode === doc.code) - Number(a.documentCode === doc.code))
    .map((s) => ({
      value: s.id,
      label: t('portal.wizard.documents.reuseOption', {
        name: s.name,
        date: formatDate(s.createdAt, i18n.language),
      }),
    }));
  return (
    <li className="wz-doc" aria-labelledby={`${id}-name`}>
      <h3 id={`${id}-name`} className="wz-doc-name">
        {doc.name}
      </h3>
      <p className="wz-doc-meta">
        <span className={required ? 'wz-tag wz-tag-required' : 'wz-tag'}>
          {required ? t('portal.wizard.documents.required') : t('portal.wizard.documents.optional')}
        </span>
        {doc.quantityRaw ? ` ${t('portal.wizard.documents.quantity', { q: doc.quantityRaw })}` : ''}
        {doc.group ? ` · ${doc.group}` : ''}
      </p>
      {doc.nationalData && <p className="wz-help">{t('portal.wizard.documents.nationalData')}</p>}
      {doc.templateFile && (
        <p>
          <a href={doc.templateFile}>{t('portal.wizard.documents.template')}</a>
        </p>
      )}
      <div className="wz-file">
        {/* the browser's own file button speaks the browser's language; this label speaks ours */}
        <input
          id={`${id}-file`}
          type="file"
          className="wz-file-input"
          accept={ACCEPTED_EXTENSIONS.map((e) => `.${e}`).join(',')}
          aria-describedby={`${id}-hint${problem ? ` ${id}-error` : ''}`}
          aria-invalid={problem ? true : undefined}
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (!f) return;
            const why = fileProblem(f, t, i18n.language);
            setProblem(why);
            if (!why) onFile(f);
          }}
        />
        <label htmlFor={`${id}-file`} className="wz-file-button">
          {file ? t('portal.wizard.documents.chooseOther') : t('portal.wizard.documents.chooseFile')}
        </label>
        <p id={`${id}-hint`} className="wz-help">
          {t('portal.wizard.documents.fileHint', {
            types: ACCEPTED_LABEL,
            max: formatBytes(MAX_UPLOAD_BYTES, i18n.language),
          })}
        </p>
        {problem && (
          <p id={`${id}-error`} role="alert" className="field-error">
            {problem}
          </p>
        )}
        {file && (
          <p className="wz-chosen">
            <span>
              {t('portal.wizard.documents.chosen', {
                name: file.name,
                size: formatBytes(file.size, i18n.language),
              })}
            </span>{' '}
            <Button size="small" onClick={() => onFile(null)}>
              {t('portal.wizard.documents.removeFile', { name: file.name })}
            </Button>
          </p>
        )}
      </div>
      <div className="wz-reuse">
        {options.length ? (
          <>
            <label htmlFor={`${id}-reuse`} className="wz-label">
              {t('portal.wizard.documents.reuseLabel')}
            </label>
            <Select
              id={`${id}-reuse`}
              className="wz-reuse-select"
              allowClear
              placeholder={t('portal.wizard.documents.reusePlaceholder')}
              value={reused}
              options={options}
              onChange={(v: number | undefined) => {
                setProblem(null);
                onReuse(v ?? undefined);
              }}
            />
          </>
        ) : (
          <p className="wz-help">{t('portal.wizard.documents.reuseNone')}</p>
        )}
      </div>
    </li>
  );
}
