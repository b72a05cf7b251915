import { LIMIT_UNITS, ONLINE_LEVELS, type ProcedureContent } from '@motcua/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, call, client } from '../app/api.js';
import { ErrorState } from '../ui/ErrorState.js';
import { formatDate, formatDateTime, formatMoney } from '../ui/format.js';
import { Loading, PageTitle } from '../ui/Page.js';
import { AdminNav } from './AdminHome.js';
import { EFormPreview } from './EFormPreview.js';
import { vi } from './messages.js';
import { agencyOptions, useAllAgencies } from './queries.js';
import { AdminOnly, Refusal, refusalText, showFieldErrors } from './shared.js';

export interface VersionRow {
  versionNo: number;
  status: 'draft' | 'published' | 'retired';
  decisionNo: string | null;
  decisionDate: string | null;
  effectiveFrom: string | null;
  retiredOn: string | null;
  source: string;
  publishedAt: string | null;
}
interface VersionView {
  code: string;
  versionNo: number;
  status: string;
  reviewFlags: string[];
  content: ProcedureContent;
}
interface Implementation {
  id: number;
  agency: string;
  agencyName: string;
  agencyLevel: string;
  localCode: string;
  feeOverrides: { label: string; amountVnd: number; note: string }[];
  active: boolean;
  workflow: { versionNo: number; longestPathHours: number; limitHours: number | null } | null;
}

const keys = {
  versions: (code: string) => ['admin', 'procedure', code, 'versions'] as const,
  draft: (code: string) => ['admin', 'procedure', code, 'draft'] as const,
  version: (code: string, n: number) => ['admin', 'procedure', code, 'version', n] as const,
  impls: (code: string) => ['admin', 'procedure', code, 'implementations'] as const,
};

function useVersions(code: string) {
  return useQuery({
    queryKey: keys.versions(code),
    queryFn: async () =>
      (await call(
        client.GET('/api/v1/admin/procedures/{code}/versions', { params: { path: { code } } }),
      )) as unknown as VersionRow[],
  });
}

function useDraft(code: string) {
  return useQuery({
    queryKey: keys.draft(code),
    queryFn: async () => {
      try {
        return (await call(
          client.GET('/api/v1/admin/procedures/{code}/draft', { params: { path: { code } } }),
        )) as unknown as VersionView;
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }
    },
  });
}

/** The newest published (or retired) version: what a new draft starts from. */
function usePublished(code: string, versions: VersionRow[] | undefined) {
  const latest = versions?.filter((v) => v.status !== 'draft').sort((a, b) => b.versionNo - a.versionNo)[0];
  return useQuery({
    queryKey: keys.version(code, latest?.versionNo ?? 0),
    queryFn: async () =>
      (await call(
        client.GET('/api/v1/procedures/{code}/versions/{versionNo}', {
          params: { path: { code, versionNo: latest?.versionNo ?? 1 } },
        }),
      )) as unknown as VersionView,
    enabled: !!latest,
  });
}

function useSaveDraft(code: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (content: ProcedureContent) =>
      call(
        client.PUT('/api/v1/admin/procedures/{code}/draft', {
          params: { path: { code } },
          body: content as never,
        }),
      ),
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: keys.draft(code) }),
        qc.invalidateQueries({ queryKey: keys.versions(code) }),
      ]),
  });
}

/** /quan-tri/thu-tuc/:code: one procedure's versions, its draft, e-form, publication and implementations. */
export function ProcedureAdmin() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const versions = useVersions(code);
  const draft = useDraft(code);
  const published = usePublished(code, versions.data);
  const [tab, setTab] = useState('versions');
  const name = draft.data?.content.name ?? published.data?.content.name ?? code;

  let body: React.ReactNode;
  if (versions.isPending || draft.isPending) body = <Loading />;
  else if (versions.isError) body = <ErrorState error={versions.error} onRetry={() => versions.refetch()} />;
  else if (draft.isError) body = <ErrorState error={draft.error} onRetry={() => draft.refetch()} />;
  else {
    const d = draft.data;
    const needDraft = <NoDraft code={code} from={published.data ?? null} />;
    body = (
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'versions',
            label: t('admin.procedure.tabs.versions'),
            children: <Versions rows={versions.data} draft={d} code={code} from={published.data ?? null} />,
          },
          {
            key: 'content',
            label: t('admin.procedure.tabs.content'),
            children: d ? <ContentEditor code={code} draft={d} /> : needDraft,
          },
          {
            key: 'eform',
            label: t('admin.procedure.tabs.eform'),
            children: d ? <EFormEditor code={code} draft={d} /> : needDraft,
          },
          {
            key: 'publish',
            label: t('admin.procedure.tabs.publish'),
            children: d ? <Publish code={code} /> : needDraft,
          },
          {
            key: 'implementations',
            label: t('admin.procedure.tabs.implementations'),
            children: <Implementations code={code} content={published.data?.content ?? d?.content ?? null} />,
          },
        ]}
      />
    );
  }
  return (
    <section>
      <AdminNav />
      <p className="admin-muted">
        <Link to="/quan-tri/thu-tuc">{t('admin.procedure.back')}</Link>
      </p>
      <PageTitle text={`${code} — ${name}`} />
      <AdminOnly>{body}</AdminOnly>
    </section>
  );
}

function NoDraft({ code, from }: { code: string; from: VersionView | null }) {
  const { t } = useTranslation();
  const save = useSaveDraft(code);
  return (
    <div>
      <p>{t('admin.procedure.noDraft')}</p>
      {from ? (
        <Button
          type="primary"
          loading={save.isPending}
          onClick={() =>
            save.mutate({ ...from.content, decisionNo: null, decisionDate: null, effectiveFrom: null })
          }
        >
          {t('admin.procedure.createDraft', { n: from.versionNo })}
        </Button>
      ) : (
        <p className="admin-muted">{t('admin.procedure.nothingToCopy')}</p>
      )}
      <div style={{ marginTop: 8 }}>
        <Refusal error={save.error} />
      </div>
    </div>
  );
}

function Versions({
  rows,
  draft,
  code,
  from,
}: {
  rows: VersionRow[];
  draft: VersionView | null;
  code: string;
  from: VersionView | null;
}) {
  const { t, i18n } = useTranslation();
  const date = (d: string | null) => (d ? formatDate(d, i18n.language) : '—');
  return (
    <>
      <Table
        size="small"
        rowKey="versionNo"
        pagination={false}
        dataSource={[...rows].sort((a, b) => b.versionNo - a.versionNo)}
        locale={{ emptyText: <span className="admin-empty">{t('admin.procedure.noVersions')}</span> }}
        columns={[
          { title: t('admin.procedure.versionNo'), dataIndex: 'versionNo', width: 90 },
          {
            title: t('admin.procedure.status'),
            dataIndex: 'status',
            width: 130,
            render: (s: VersionRow['status']) => (
              <span className="tag">{t(`admin.procedure.statuses.${s}`)}</span>
            ),
          },
          { title: t('admin.procedure.decisionNo'), dataIndex: 'decisionNo', render: (v) => v ?? '—' },
          { title: t('admin.procedure.decisionDate'), dataIndex: 'decisionDate', render: date },
          { title: t('admin.procedure.effectiveFrom'), dataIndex: 'effectiveFrom', render: date },
          { title: t('admin.procedure.retiredOn'), dataIndex: 'retiredOn', render: date },
          { title: t('admin.procedure.source'), dataIndex: 'source', width: 100 },
          {
            title: t('admin.procedure.publishedAt'),
            dataIndex: 'publishedAt',
            render: (v: string | null) => (v ? formatDateTime(v, i18n.language) : '—'),
          },
        ]}
      />
      {draft ? (
        draft.reviewFlags.length > 0 && (
          <Alert
            style={{ marginTop: 12 }}
            type="warning"
            showIcon
            title={t('admin.procedure.reviewFlags')}
            description={draft.reviewFlags.map((f) => flagText(f, t)).join('; ')}
          />
        )
      ) : (
        <div style={{ marginTop: 12 }}>
          <NoDraft code={code} from={from} />
        </div>
      )}
    </>
  );
}

const FLAGS = Object.keys(vi.procedure.flags) as (keyof typeof vi.procedure.flags)[];
const CHANNELS = ['direct', 'online', 'postal'] as const;
type T = {
  (
    k:
      | `admin.procedure.flags.${(typeof FLAGS)[number]}`
      | `admin.procedure.channelKinds.${(typeof CHANNELS)[number]}`,
  ): string;
  (k: 'admin.procedure.flagOn', o: { flag: string; channel: string }): string;
};

/**
 * A review flag in words. The import writes "fee_missing:online" (a flag per channel); the
 * colon would read as i18next's namespace separator, so the two halves are translated apart.
 */
export function flagText(flag: string, t: T): string {
  const [kind = '', channel] = flag.split(':');
  const known = (FLAGS as string[]).includes(kind)
    ? t(`admin.procedure.flags.${kind as (typeof FLAGS)[number]}`)
    : kind;
  if (!channel) return known;
  const where = (CHANNELS as readonly string[]).includes(channel)
    ? t(`admin.procedure.channelKinds.${channel as (typeof CHANNELS)[number]}`)
    : channel;
  return t('admin.procedure.flagOn', { flag: known, channel: where });
}

/** '' and undefined from the form become the null the content wants. */
const nul = <X,>(v: X | '' | undefined | null): X | null => (v === '' || v === undefined ? null : v);

function ContentEditor({ code, draft }: { code: string; draft: VersionView }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<ProcedureContent>();
  const save = useSaveDraft(code);
  const { message } = App.useApp();
  const submit = () => {
    const v = form.getFieldsValue(true) as ProcedureContent;
    const content: ProcedureContent = {
      ...draft.content,
      ...v,
      fieldName: nul(v.fieldName),
      conditions: nul(v.conditions),
      documents: (v.documents ?? []).map((d) => ({
        ...d,
        group: nul(d.group),
        code: d.code || undefined,
        templateFile: nul(d.templateFile),
        originals: nul(d.originals),
        certifiedCopies: nul(d.certifiedCopies),
        copies: nul(d.copies),
      })),
      channels: (v.channels ?? []).map((c) => ({
        ...c,
        rawText: c.rawText ?? null,
        timeLimit: {
          value: nul(c.timeLimit?.value),
          unit: nul(c.timeLimit?.unit),
          raw: nul(c.timeLimit?.raw),
        },
        fees: {
          note: c.fees?.note ?? '',
          ambiguous: c.fees?.ambiguous ?? false,
          items: (c.fees?.items ?? []).map((f) => ({
            ...f,
            label: nul(f.label),
            amountVnd: nul(f.amountVnd),
            free: !!f.free,
            text: f.text ?? '',
          })),
        },
      })),
      legalBasis: (v.legalBasis ?? []).map((l) => ({ number: nul(l.number), title: nul(l.title) })),
    };
    save.mutate(content, {
      onSuccess: () => void message.success(t('admin.procedure.saved')),
      onError: (e) => showFieldErrors(form, e, t, i18n.language),
    });
  };
  return (
    <Form
      name="procedure-content"
      form={form}
      layout="vertical"
      initialValues={draft.content}
      onFinish={submit}
    >
      <p className="admin-muted">{t('admin.procedure.draftOf', { n: draft.versionNo })}</p>
      <Form.Item
        name="name"
        label={t('admin.procedure.name')}
        rules={[{ required: true, min: 3, message: t('admin.common.required') }]}
      >
        <Input.TextArea autoSize />
      </Form.Item>
      <Space.Compact block>
        <Form.Item name="fieldName" label={t('admin.procedure.field')} style={{ flex: 2, marginRight: 8 }}>
          <Input />
        </Form.Item>
        <Form.Item name="onlineLevel" label={t('admin.procedure.onlineLevel')} style={{ flex: 1 }}>
          <Select
            options={ONLINE_LEVELS.map((l) => ({ value: l, label: t(`admin.procedure.online.${l}`) }))}
          />
        </Form.Item>
      </Space.Compact>

      <h2 className="admin-h2">{t('admin.procedure.channels')}</h2>
      <Form.List name="channels">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, i) => (
              <fieldset key={f.key} className="admin-step">
                <legend>{t('admin.procedure.channelN', { n: i + 1 })}</legend>
                <div className="admin-step-grid">
                  <Form.Item name={[f.name, 'channel']} label={t('admin.procedure.channel')}>
                    <Select
                      options={(['direct', 'online', 'postal'] as const).map((c) => ({
                        value: c,
                        label: t(`admin.procedure.channelKinds.${c}`),
                      }))}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'timeLimit', 'value']} label={t('admin.procedure.limitValue')}>
                    <InputNumber min={0} max={3650} style={{ width: '100%' }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'timeLimit', 'unit']} label={t('admin.procedure.limitUnit')}>
                    <Select
                      allowClear
                      options={LIMIT_UNITS.map((u) => ({ value: u, label: t(`admin.units.${u}`) }))}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'timeLimit', 'raw']} label={t('admin.procedure.limitRaw')}>
                    <Input />
                  </Form.Item>
                </div>
                <h3 className="admin-h3">{t('admin.procedure.fees')}</h3>
                <Form.List name={[f.name, 'fees', 'items']}>
                  {(fees, feeOps) => (
                    <>
                      {fees.map((fee, j) => (
                        <div key={fee.key} className="admin-step-grid" style={{ alignItems: 'end' }}>
                          <Form.Item
                            name={[fee.name, 'label']}
                            label={t('admin.procedure.feeLabel', { n: j + 1 })}
                          >
                            <Input />
                          </Form.Item>
                          <Form.Item name={[fee.name, 'amountVnd']} label={t('admin.procedure.feeAmount')}>
                            <InputNumber min={0} style={{ width: '100%' }} />
                          </Form.Item>
                          <Form.Item name={[fee.name, 'text']} label={t('admin.procedure.feeText')}>
                            <Input />
                          </Form.Item>
                          <Space wrap style={{ marginBottom: 16 }}>
                            <Form.Item name={[fee.name, 'free']} valuePropName="checked" noStyle>
                              <Checkbox>{t('admin.procedure.feeFree')}</Checkbox>
                            </Form.Item>
                            <Form.Item name={[fee.name, 'councilSet']} valuePropName="checked" noStyle>
                              <Checkbox>{t('admin.procedure.feeCouncil')}</Checkbox>
                            </Form.Item>
                            <Form.Item name={[fee.name, 'payableOnline']} valuePropName="checked" noStyle>
                              <Checkbox>{t('admin.procedure.feeOnline')}</Checkbox>
                            </Form.Item>
                            <Button size="small" onClick={() => feeOps.remove(fee.name)}>
                              {t('admin.procedure.removeFee', { n: j + 1 })}
                            </Button>
                          </Space>
                        </div>
                      ))}
                      <Space>
                        <Button
                          size="small"
                          onClick={() => feeOps.add({ label: '', amountVnd: null, free: false, text: '' })}
                        >
                          {t('admin.procedure.addFee')}
                        </Button>
                        <Button size="small" danger onClick={() => remove(f.name)}>
                          {t('admin.procedure.removeChannel', { n: i + 1 })}
                        </Button>
                      </Space>
                    </>
                  )}
                </Form.List>
              </fieldset>
            ))}
            <Button
              onClick={() =>
                add({
                  channel: 'direct',
                  timeLimit: { value: null, unit: null, raw: null },
                  fees: { items: [], note: '', ambiguous: false },
                  rawText: null,
                })
              }
            >
              {t('admin.procedure.addChannel')}
            </Button>
          </>
        )}
      </Form.List>

      <h2 className="admin-h2">{t('admin.procedure.documents')}</h2>
      <Form.List name="documents">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, i) => (
              <fieldset key={f.key} className="admin-step">
                <legend>{t('admin.procedure.documentN', { n: i + 1 })}</legend>
                <div className="admin-step-grid">
                  <Form.Item
                    name={[f.name, 'group']}
                    label={t('admin.procedure.docGroup')}
                    style={{ gridColumn: 'span 2' }}
                  >
                    <Input />
                  </Form.Item>
                  <Form.Item name={[f.name, 'code']} label={t('admin.procedure.docCode')}>
                    <Input />
                  </Form.Item>
                  <Form.Item name={[f.name, 'templateFile']} label={t('admin.procedure.docTemplate')}>
                    <Input />
                  </Form.Item>
                </div>
                <Form.Item
                  name={[f.name, 'name']}
                  label={t('admin.procedure.docName')}
                  rules={[{ required: true, message: t('admin.common.required') }]}
                >
                  <Input.TextArea autoSize />
                </Form.Item>
                <div className="admin-step-grid" style={{ alignItems: 'end' }}>
                  <Form.Item name={[f.name, 'originals']} label={t('admin.procedure.docOriginals')}>
                    <InputNumber min={0} max={100} style={{ width: '100%' }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'certifiedCopies']} label={t('admin.procedure.docCertified')}>
                    <InputNumber min={0} max={100} style={{ width: '100%' }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'copies']} label={t('admin.procedure.docCopies')}>
                    <InputNumber min={0} max={100} style={{ width: '100%' }} />
                  </Form.Item>
                  <Space wrap style={{ marginBottom: 16 }}>
                    <Form.Item name={[f.name, 'required']} valuePropName="checked" noStyle>
                      <Checkbox>{t('admin.procedure.docRequired')}</Checkbox>
                    </Form.Item>
                    <Form.Item name={[f.name, 'mustDigitise']} valuePropName="checked" noStyle>
                      <Checkbox>{t('admin.procedure.docDigitise')}</Checkbox>
                    </Form.Item>
                    <Form.Item name={[f.name, 'providedByEform']} valuePropName="checked" noStyle>
                      <Checkbox>{t('admin.procedure.docEform')}</Checkbox>
                    </Form.Item>
                    <Button size="small" danger onClick={() => remove(f.name)}>
                      {t('admin.procedure.removeDocument', { n: i + 1 })}
                    </Button>
                  </Space>
                </div>
              </fieldset>
            ))}
            <Button
              onClick={() =>
                add({
                  group: null,
                  name: '',
                  templateFile: null,
                  originals: 1,
                  certifiedCopies: 0,
                  copies: 0,
                  required: true,
                })
              }
            >
              {t('admin.procedure.addDocument')}
            </Button>
          </>
        )}
      </Form.List>

      <h2 className="admin-h2">{t('admin.procedure.legalBasis')}</h2>
      <Form.List name="legalBasis">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, i) => (
              <div key={f.key} className="admin-step-grid" style={{ alignItems: 'end' }}>
                <Form.Item name={[f.name, 'number']} label={t('admin.procedure.lawNumber', { n: i + 1 })}>
                  <Input />
                </Form.Item>
                <Form.Item
                  name={[f.name, 'title']}
                  label={t('admin.procedure.lawTitle')}
                  style={{ gridColumn: 'span 2' }}
                >
                  <Input />
                </Form.Item>
                <Form.Item>
                  <Button size="small" onClick={() => remove(f.name)}>
                    {t('admin.procedure.removeLaw', { n: i + 1 })}
                  </Button>
                </Form.Item>
              </div>
            ))}
            <Button onClick={() => add({ number: '', title: '' })}>{t('admin.procedure.addLaw')}</Button>
          </>
        )}
      </Form.List>

      <Form.Item name="conditions" label={t('admin.procedure.conditions')} style={{ marginTop: 16 }}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
      </Form.Item>
      <Refusal error={save.error} />
      <Button type="primary" htmlType="submit" loading={save.isPending}>
        {t('admin.procedure.saveDraft')}
      </Button>
    </Form>
  );
}

const STARTER = { type: 'object', properties: {} };

function parse(text: string): { value: Record<string, unknown> | null; error: string | null } {
  try {
    const v = JSON.parse(text) as unknown;
    if (!v || typeof v !== 'object' || Array.isArray(v)) return { value: null, error: 'object' };
    return { value: v as Record<string, unknown>, error: null };
  } catch (e) {
    return { value: null, error: (e as Error).message };
  }
}

function EFormEditor({ code, draft }: { code: string; draft: VersionView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const save = useSaveDraft(code);
  const [schemaText, setSchemaText] = useState(() =>
    JSON.stringify(draft.content.eform?.schema ?? STARTER, null, 2),
  );
  const [uiText, setUiText] = useState(() => JSON.stringify(draft.content.eform?.uiSchema ?? {}, null, 2));
  const schema = useMemo(() => parse(schemaText), [schemaText]);
  const ui = useMemo(() => parse(uiText), [uiText]);
  const [shown, setShown] = useState({ schema: schema.value ?? STARTER, ui: ui.value ?? {} });
  // the preview follows the last text that parses, so a half-typed brace does not blank it
  if (schema.value && ui.value && (schema.value !== shown.schema || ui.value !== shown.ui))
    setShown({ schema: schema.value, ui: ui.value });
  const jsonError = (e: string | null) =>
    e === null
      ? null
      : e === 'object'
        ? t('admin.eform.mustBeObject')
        : t('admin.eform.notJson', { detail: e });
  const ok = !!schema.value && !!ui.value;
  return (
    <div>
      <p>{t('admin.eform.intro')}</p>
      <div className="admin-eform-grid">
        <div>
          <label htmlFor="eform-schema" className="admin-h3" style={{ display: 'block' }}>
            {t('admin.eform.schema')}
          </label>
          <textarea
            id="eform-schema"
            className="admin-code-editor"
            spellCheck={false}
            value={schemaText}
            aria-invalid={!schema.value}
            aria-describedby="eform-schema-error"
            onChange={(e) => setSchemaText(e.target.value)}
          />
          <p id="eform-schema-error" className="error" role="status">
            {jsonError(schema.error)}
          </p>
          <label htmlFor="eform-ui" className="admin-h3" style={{ display: 'block' }}>
            {t('admin.eform.uiSchema')}
          </label>
          <textarea
            id="eform-ui"
            className="admin-code-editor"
            style={{ minHeight: 200 }}
            spellCheck={false}
            value={uiText}
            aria-invalid={!ui.value}
            aria-describedby="eform-ui-error"
            onChange={(e) => setUiText(e.target.value)}
          />
          <p id="eform-ui-error" className="error" role="status">
            {jsonError(ui.error)}
          </p>
        </div>
        <div>
          <h2 className="admin-h3">{t('admin.eform.preview')}</h2>
          <div className="admin-panel">
            <EFormPreview schema={shown.schema} uiSchema={shown.ui} />
          </div>
        </div>
      </div>
      <Refusal error={save.error} />
      <Button
        type="primary"
        disabled={!ok}
        loading={save.isPending}
        onClick={() =>
          schema.value &&
          ui.value &&
          save.mutate(
            { ...draft.content, eform: { schema: schema.value, uiSchema: ui.value } },
            { onSuccess: () => void message.success(t('admin.eform.saved')) },
          )
        }
      >
        {t('admin.eform.save')}
      </Button>
    </div>
  );
}

function Publish({ code }: { code: string }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<{ decisionNo: string; decisionDate: string; effectiveFrom: string }>();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const refresh = () => qc.invalidateQueries({ queryKey: ['admin', 'procedure', code] });
  const publish = useMutation({
    mutationFn: (body: { decisionNo: string; decisionDate: string; effectiveFrom: string }) =>
      call(client.POST('/api/v1/admin/procedures/{code}/publish', { params: { path: { code } }, body })),
    onSuccess: async (r) => {
      await refresh();
      void message.success(
        t('admin.procedure.published', { n: r.versionNo, date: formatDate(r.effectiveFrom, i18n.language) }),
      );
    },
    onError: (e) => showFieldErrors(form, e, t, i18n.language),
  });
  const discard = useMutation({
    mutationFn: () =>
      call(client.DELETE('/api/v1/admin/procedures/{code}/draft', { params: { path: { code } } })),
    onSuccess: refresh,
  });
  return (
    <>
      <p>{t('admin.procedure.publishIntro')}</p>
      <Form
        name="procedure-publish"
        form={form}
        layout="vertical"
        style={{ maxWidth: 520 }}
        onFinish={(v) => publish.mutate(v)}
      >
        <Form.Item
          name="decisionNo"
          label={t('admin.procedure.decisionNo')}
          rules={[{ required: true, message: t('admin.common.required') }]}
        >
          <Input placeholder="123/QĐ-UBND" />
        </Form.Item>
        <Form.Item
          name="decisionDate"
          label={t('admin.procedure.decisionDate')}
          rules={[{ required: true, message: t('admin.common.required') }]}
        >
          <Input type="date" />
        </Form.Item>
        <Form.Item
          name="effectiveFrom"
          label={t('admin.procedure.effectiveFrom')}
          extra={t('admin.procedure.effectiveHelp')}
          rules={[{ required: true, message: t('admin.common.required') }]}
        >
          <Input type="date" />
        </Form.Item>
        <Refusal error={publish.error ?? discard.error} />
        <Space>
          <Button type="primary" htmlType="submit" loading={publish.isPending}>
            {t('admin.procedure.publish')}
          </Button>
          <Popconfirm
            title={t('admin.procedure.discardConfirm')}
            okText={t('admin.procedure.discard')}
            cancelText={t('cancel')}
            onConfirm={() => discard.mutate()}
          >
            <Button danger loading={discard.isPending}>
              {t('admin.procedure.discard')}
            </Button>
          </Popconfirm>
        </Space>
      </Form>
    </>
  );
}

function Implementations({ code, content }: { code: string; content: ProcedureContent | null }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const agencies = useAllAgencies();
  const [editing, setEditing] = useState<Implementation | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const list = useQuery({
    queryKey: keys.impls(code),
    queryFn: async () =>
      (await call(
        client.GET('/api/v1/admin/procedures/{code}/implementations', { params: { path: { code } } }),
      )) as unknown as Implementation[],
  });
  const refresh = () => qc.invalidateQueries({ queryKey: keys.impls(code) });
  const assign = useMutation({
    mutationFn: (body: { agencies: string[] } | { allCommunes: true }) =>
      call(
        client.POST('/api/v1/admin/procedures/{code}/implementations', { params: { path: { code } }, body }),
      ),
    onSuccess: async (r) => {
      setChosen([]);
      await refresh();
      void message.success(
        t('admin.impl.assigned', { created: r.created, reactivated: r.reactivated, unchanged: r.unchanged }),
      );
    },
  });
  const toggle = useMutation({
    mutationFn: (v: { id: number; active: boolean }) =>
      call(
        client.PATCH('/api/v1/admin/implementations/{id}', {
          params: { path: { id: v.id } },
          body: { active: v.active },
        }),
      ),
    onSuccess: refresh,
  });
  if (list.isPending) return <Loading />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => list.refetch()} />;
  return (
    <>
      <div className="admin-toolbar">
        <Select
          mode="multiple"
          aria-label={t('admin.impl.agencies')}
          placeholder={t('admin.impl.agencies')}
          style={{ minWidth: 420 }}
          value={chosen}
          onChange={setChosen}
          showSearch={{ optionFilterProp: 'label' }}
          options={agencyOptions(agencies.data, 'identifier')}
        />
        <Button
          type="primary"
          disabled={!chosen.length}
          loading={assign.isPending}
          onClick={() => assign.mutate({ agencies: chosen })}
        >
          {t('admin.impl.assign')}
        </Button>
        <Popconfirm
          title={t('admin.impl.allCommunesConfirm')}
          okText={t('admin.impl.allCommunes')}
          cancelText={t('cancel')}
          onConfirm={() => assign.mutate({ allCommunes: true })}
        >
          <Button>{t('admin.impl.allCommunes')}</Button>
        </Popconfirm>
      </div>
      <Refusal error={assign.error ?? toggle.error} />
      <Table
        size="small"
        rowKey="id"
        dataSource={list.data}
        locale={{ emptyText: <span className="admin-empty">{t('admin.impl.none')}</span> }}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        columns={[
          {
            title: t('admin.impl.agency'),
            dataIndex: 'agencyName',
            render: (n: string, r) => (
              <>
                {n}
                <br />
                <span className="admin-muted">{r.localCode}</span>
              </>
            ),
          },
          {
            title: t('admin.impl.fees'),
            dataIndex: 'feeOverrides',
            render: (f: Implementation['feeOverrides']) =>
              f.length
                ? f.map((x) => `${x.label}: ${formatMoney(x.amountVnd, i18n.language)}`).join('; ')
                : '—',
          },
          {
            title: t('admin.impl.workflow'),
            dataIndex: 'workflow',
            render: (w: Implementation['workflow'], r) => {
              // The link's name starts with its visible text (WCAG 2.5.3 label in name).
              const text = w
                ? t('admin.impl.workflowVersion', {
                    n: w.versionNo,
                    hours: w.longestPathHours,
                    limit: w.limitHours ?? '—',
                  })
                : t('admin.impl.noWorkflow');
              return (
                <Link
                  to={`/quan-tri/quy-trinh/${r.id}`}
                  aria-label={t('admin.impl.openWorkflowOf', { text, agency: r.agencyName })}
                >
                  {text}
                </Link>
              );
            },
          },
          {
            title: t('admin.impl.active'),
            dataIndex: 'active',
            width: 120,
            render: (a: boolean, r) => (
              <Switch
                checked={a}
                aria-label={t('admin.impl.activeOf', { agency: r.agencyName })}
                checkedChildren={t('admin.common.yes')}
                unCheckedChildren={t('admin.common.no')}
                loading={toggle.isPending && toggle.variables?.id === r.id}
                onChange={(v) => toggle.mutate({ id: r.id, active: v })}
              />
            ),
          },
          {
            title: '',
            key: 'edit',
            width: 140,
            render: (_: unknown, r) => (
              <Button
                size="small"
                onClick={() => setEditing(r)}
                aria-label={t('admin.impl.editFeesOf', { agency: r.agencyName })}
              >
                {t('admin.impl.editFees')}
              </Button>
            ),
          },
        ]}
      />
      {editing && (
        <FeeOverrides impl={editing} content={content} onClose={() => setEditing(null)} onSaved={refresh} />
      )}
    </>
  );
}

function FeeOverrides({
  impl,
  content,
  onClose,
  onSaved,
}: {
  impl: Implementation;
  content: ProcedureContent | null;
  onClose: () => void;
  onSaved: () => Promise<unknown>;
}) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<{ feeOverrides: Implementation['feeOverrides'] }>();
  const labels = [
    ...new Set(
      (content?.channels ?? [])
        .flatMap((c) => c.fees.items.map((f) => f.label))
        .filter((l): l is string => !!l),
    ),
  ];
  const save = useMutation({
    mutationFn: (v: { feeOverrides: Implementation['feeOverrides'] }) =>
      call(
        client.PATCH('/api/v1/admin/implementations/{id}', {
          params: { path: { id: impl.id } },
          body: { feeOverrides: (v.feeOverrides ?? []).map((f) => ({ ...f, note: f.note ?? '' })) },
        }),
      ),
    onSuccess: async () => {
      await onSaved();
      onClose();
    },
    onError: (e) => showFieldErrors(form, e, t, i18n.language),
  });
  return (
    <Modal
      open
      width={720}
      title={t('admin.impl.feesTitle', { agency: impl.agencyName })}
      okText={t('save')}
      cancelText={t('cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <p className="admin-muted">{t('admin.impl.feesIntro')}</p>
      <Form
        name="fee-overrides"
        form={form}
        layout="vertical"
        initialValues={{ feeOverrides: impl.feeOverrides }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.List name="feeOverrides">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <div key={f.key} className="admin-step-grid" style={{ alignItems: 'end' }}>
                  <Form.Item
                    name={[f.name, 'label']}
                    label={t('admin.impl.feeLabel', { n: i + 1 })}
                    rules={[{ required: true, message: t('admin.common.required') }]}
                    style={{ gridColumn: 'span 2' }}
                  >
                    <Select options={labels.map((l) => ({ value: l, label: l }))} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'amountVnd']}
                    label={t('admin.procedure.feeAmount')}
                    rules={[{ required: true, message: t('admin.common.required') }]}
                  >
                    <InputNumber min={0} style={{ width: '100%' }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'note']} label={t('admin.impl.feeNote')}>
                    <Input />
                  </Form.Item>
                  <Form.Item>
                    <Button size="small" onClick={() => remove(f.name)}>
                      {t('admin.procedure.removeFee', { n: i + 1 })}
                    </Button>
                  </Form.Item>
                </div>
              ))}
              <Button
                onClick={() => add({ label: labels[0], amountVnd: 0, note: '' })}
                disabled={!labels.length}
              >
                {t('admin.procedure.addFee')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
      <div style={{ marginTop: 12 }}>
        {save.error ? (
          <Alert type="error" role="alert" showIcon title={refusalText(save.error, t, i18n.language)} />
        ) : null}
      </div>
      <Descriptions
        size="small"
        column={1}
        items={[{ key: 'c', label: t('admin.impl.localCode'), children: impl.localCode }]}
      />
    </Modal>
  );
}
