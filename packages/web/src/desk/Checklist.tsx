/**
 * The documents of the procedure version as a checklist: handed in or not, how many originals,
 * certified copies and copies, and the scan to attach (uploaded once the dossier exists).
 */
import { Button, Checkbox, InputNumber, Table, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import { ACCEPTED_FILES } from '../workspace/UploadFile.js';

export interface DocumentDef {
  code?: string;
  name: string;
  group: string | null;
  required?: boolean;
  originals: number | null;
  certifiedCopies: number | null;
  copies: number | null;
  quantityRaw?: string | null;
  nationalData?: string | null;
}

export interface Tick {
  provided: boolean;
  originals: number;
  certifiedCopies: number;
  copies: number;
  file: File | null;
}

export const CASE_GROUP = /^trường hợp/i;

/** Whether a document applies: general groups always, a "Trường hợp …" group when ticked. */
export const applies = (d: DocumentDef, cases: readonly string[]) =>
  !d.group || !CASE_GROUP.test(d.group.normalize('NFC')) || cases.includes(d.group);

/** Required for this dossier: required in the version (a case's papers once the case is ticked). */
export const isRequired = (d: DocumentDef) => d.required !== false;

export const emptyTick = (d: DocumentDef): Tick => ({
  provided: false,
  originals: d.originals ?? 0,
  certifiedCopies: d.certifiedCopies ?? 0,
  copies: d.copies ?? 0,
  file: null,
});

export function Checklist({
  documents,
  ticks,
  onChange,
}: {
  documents: (DocumentDef & { code: string })[];
  ticks: Record<string, Tick>;
  onChange: (code: string, tick: Tick) => void;
}) {
  const { t } = useTranslation();
  const count = (
    d: DocumentDef & { code: string },
    field: 'originals' | 'certifiedCopies' | 'copies',
    label: string,
  ) => {
    const tick = ticks[d.code] ?? emptyTick(d);
    return (
      <InputNumber
        size="small"
        min={0}
        max={100}
        value={tick[field]}
        aria-label={`${label}: ${d.name.slice(0, 80)}`}
        onChange={(v) => onChange(d.code, { ...tick, [field]: v ?? 0 })}
        style={{ width: 64 }}
      />
    );
  };
  return (
    <Table<DocumentDef & { code: string }>
      size="small"
      rowKey="code"
      pagination={false}
      dataSource={documents}
      caption={<span className="sr-only">{t('desk.checklist')}</span>}
      columns={[
        {
          title: t('desk.handedIn'),
          width: 90,
          render: (_, d) => {
            const tick = ticks[d.code] ?? emptyTick(d);
            return (
              <Checkbox
                checked={tick.provided}
                onChange={(e) => onChange(d.code, { ...tick, provided: e.target.checked })}
                aria-label={t('desk.tick', { name: d.name.slice(0, 120) })}
              />
            );
          },
        },
        {
          title: t('desk.document'),
          render: (_, d) => (
            <>
              {d.name}
              <span className="meta">
                {' '}
                {isRequired(d) ? `(${t('desk.required')})` : `(${t('desk.optional')})`}
                {d.quantityRaw ? ` · ${d.quantityRaw}` : ''}
                {d.nationalData ? ` · ${t('desk.nationalData')}` : ''}
              </span>
            </>
          ),
        },
        {
          title: t('desk.originals'),
          width: 80,
          render: (_, d) => count(d, 'originals', t('desk.originals')),
        },
        {
          title: t('desk.certifiedCopies'),
          width: 80,
          render: (_, d) => count(d, 'certifiedCopies', t('desk.certifiedCopies')),
        },
        { title: t('desk.copies'), width: 80, render: (_, d) => count(d, 'copies', t('desk.copies')) },
        {
          title: t('desk.scan'),
          width: 220,
          render: (_, d) => {
            const tick = ticks[d.code] ?? emptyTick(d);
            return tick.file ? (
              <span>
                {tick.file.name}{' '}
                <Button
                  size="small"
                  type="link"
                  onClick={() => onChange(d.code, { ...tick, file: null })}
                  aria-label={t('desk.removeScan', { name: tick.file.name })}
                >
                  {t('desk.remove')}
                </Button>
              </span>
            ) : (
              <Upload
                accept={ACCEPTED_FILES}
                showUploadList={false}
                beforeUpload={(file) => {
                  // kept until the dossier exists; a scanned paper is a paper handed in
                  onChange(d.code, { ...tick, file, provided: true });
                  return false;
                }}
              >
                <Button size="small" aria-label={t('desk.chooseScan', { name: d.name.slice(0, 80) })}>
                  {t('desk.chooseFile')}
                </Button>
              </Upload>
            );
          },
        },
      ]}
    />
  );
}
