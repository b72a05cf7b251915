/**
 * /mot-cua/tiep-nhan: a dossier handed in at the counter, made for speed with the keyboard. Find
 * the procedure, the competent agency (any of the deployment: reception is boundary-free), the
 * applicant (looked up by identity number), tick the papers and attach their scans, then one
 * click: register and accept with the receipt (Mẫu 01), or guide the completion (Mẫu 02), or
 * refuse (Mẫu 03).
 */
import { useQueries, useQuery } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Form, Input, Modal, Progress, Radio, Select, Space } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import './desk.css';
import '../workspace/workspace.css';
import { Link } from 'react-router';
import { ApiError, call, client, newIdempotencyKey, upload } from '../app/api.js';
import { type OfficerProfile, useOfficer } from '../app/session.js';
import { DateText } from '../ui/DateText.js';
import { ErrorState } from '../ui/ErrorState.js';
import { describeError } from '../ui/ErrorText.js';
import { Loading, PageTitle } from '../ui/Page.js';
import { useDebounced } from '../ui/useDebounced.js';
import { ActionError } from '../workspace/ActionError.js';
import { formUrl, postAction } from '../workspace/api.js';
import { FormLink } from '../workspace/DossierScreen.js';
import type { ActionBody, ApplicantLookup, DossierDetail, DossierView } from '../workspace/types.js';
import {
  applies,
  CASE_GROUP,
  Checklist,
  type DocumentDef,
  emptyTick,
  isRequired,
  type Tick,
} from './Checklist.js';

type RegisterBody = NonNullable<
  import('../api/schema.js').paths['/api/v1/dossiers']['post']['requestBody']
>['content']['application/json'];

interface ApplicantValues {
  kind: 'individual' | 'organisation';
  name: string;
  identityNumber?: string;
  address?: string;
  phone?: string;
  email?: string;
}

type Outcome = 'accept' | 'completion' | 'refusal';
interface Finished {
  outcome: Outcome;
  dossier: DossierView;
}
interface UploadState {
  code: string;
  /** one per scan: a retry of the same scan is the same request (no second copy attached) */
  key: string;
  name: string;
  file: File;
  progress: number;
  error: unknown;
  done: boolean;
}

/** The officer's receiving positions with their agency's identifier (what the API names agencies by). */
function useReceivingPlaces(me: OfficerProfile | null | undefined) {
  const positions = (me?.positions ?? []).filter((p) => p.role === 'receiving_officer');
  const agencies = useQueries({
    queries: [...new Set(positions.map((p) => p.agency.id))].map((id) => ({
      queryKey: ['agency', id],
      queryFn: () => call(client.GET('/api/v1/agencies/{id}', { params: { path: { id } } })),
      staleTime: 10 * 60_000,
    })),
  });
  const identifiers = new Map(
    agencies.flatMap((a) => (a.data ? [[a.data.id, a.data.identifier] as const] : [])),
  );
  return positions.map((p) => ({
    id: p.id,
    agencyId: p.agency.id,
    identifier: identifiers.get(p.agency.id) ?? null,
    label: p.receptionPoint ? `${p.receptionPoint.name} — ${p.agency.name}` : p.agency.name,
  }));
}

export function Reception() {
  const { t, i18n } = useTranslation();
  const me = useOfficer();
  const places = useReceivingPlaces(me.data);
  const [placeId, setPlaceId] = useState<number | null>(null);
  const place = places.find((p) => p.id === placeId) ?? places[0];

  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const tenant = me.data?.tenant.code;
  const found = useQuery({
    queryKey: ['public', 'procedures', tenant, q],
    queryFn: () =>
      call(
        client.GET('/api/v1/procedures', {
          params: { query: { q, limit: 20, channel: 'direct', ...(tenant ? { tenant } : {}) } },
        }),
      ),
    enabled: q.length >= 2,
    staleTime: 60_000,
  });
  const [code, setCode] = useState<string | null>(null);
  const procedure = useQuery({
    queryKey: ['public', 'procedure', code, tenant],
    queryFn: () =>
      call(
        client.GET('/api/v1/procedures/{code}', {
          params: { path: { code: code as string }, query: tenant ? { tenant } : {} },
        }),
      ),
    enabled: !!code,
    staleTime: 10 * 60_000,
  });
  const [competent, setCompetent] = useState<string | null>(null);
  const [cases, setCases] = useState<string[]>([]);
  const [ticks, setTicks] = useState<Record<string, Tick>>({});
  const [form] = Form.useForm<ApplicantValues>();
  const [lookupState, setLookupState] = useState<'idle' | 'busy' | 'found' | 'none' | { error: unknown }>(
    'idle',
  );
  const [busy, setBusy] = useState<Outcome | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [finished, setFinished] = useState<Finished | null>(null);
  const [uploads, setUploads] = useState<UploadState[]>([]);
  const [asking, setAsking] = useState<'completion' | 'refusal' | null>(null);
  const [showReceipt, setShowReceipt] = useState(false);
  // one intent = one pair of keys: the registration and the action after it; a retry reuses them
  const keys = useRef<{ register: string; action: string } | null>(null);

  const content = procedure.data?.content;
  const implementations = procedure.data?.implementations ?? [];
  const chosenCompetent =
    competent ??
    implementations.find((i) => i.agency === place?.identifier && i.hasWorkflow)?.agency ??
    (implementations.filter((i) => i.hasWorkflow).length === 1
      ? implementations.find((i) => i.hasWorkflow)?.agency
      : undefined) ??
    null;
  const caseGroups = useMemo(
    () => [
      ...new Set(
        (content?.documents ?? []).map((d) => d.group).filter((g): g is string => !!g && CASE_GROUP.test(g)),
      ),
    ],
    [content],
  );
  const documents = useMemo(
    () =>
      (content?.documents ?? []).flatMap((d): (DocumentDef & { code: string })[] =>
        d.code && applies(d, cases) ? [{ ...d, code: d.code }] : [],
      ),
    [content, cases],
  );
  const tickOf = (d: DocumentDef & { code: string }) => ticks[d.code] ?? emptyTick(d);
  const missing = documents.filter((d) => isRequired(d) && !tickOf(d).provided);

  if (me.isPending) return <Loading />;
  if (!me.data) return null;
  if (!places.length)
    return (
      <section>
        <PageTitle text={t('desk.reception.title')} />
        <Alert type="warning" showIcon title={t('desk.notReceiving')} />
      </section>
    );

  const reset = () => {
    setCode(null);
    setSearch('');
    setCompetent(null);
    setCases([]);
    setTicks({});
    form.resetFields();
    setFinished(null);
    setUploads([]);
    setError(null);
    setLookupState('idle');
    setShowReceipt(false);
    keys.current = null;
  };

  const lookup = async () => {
    const id = (form.getFieldValue('identityNumber') as string | undefined)?.trim();
    if (!id) return;
    setLookupState('busy');
    try {
      const a: ApplicantLookup = await call(
        client.GET('/api/v1/citizens/lookup', { params: { query: { identityNumber: id } } }),
      );
      form.setFieldsValue({
        kind: a.kind,
        name: a.name,
        identityNumber: a.identityNumber,
        address: a.address ?? '',
        phone: a.phone ?? '',
        email: a.email ?? '',
      });
      setLookupState('found');
    } catch (e) {
      setLookupState(e instanceof ApiError && e.status === 404 ? 'none' : { error: e });
    }
  };

  const bodyOf = async (accept: boolean): Promise<RegisterBody | null> => {
    let v: ApplicantValues;
    try {
      v = await form.validateFields();
    } catch {
      return null;
    }
    const clean = (s?: string) => (s?.trim() ? s.trim() : undefined);
    const applicant = {
      name: v.name.trim(),
      kind: v.kind,
      ...(clean(v.identityNumber) ? { identityNumber: clean(v.identityNumber) } : {}),
      ...(clean(v.address) ? { address: clean(v.address) } : {}),
      ...(clean(v.phone) ? { phone: clean(v.phone) } : {}),
      ...(clean(v.email) ? { email: clean(v.email) } : {}),
    };
    return {
      procedureCode: code as string,
      ...(chosenCompetent ? { competentAgency: chosenCompetent } : {}),
      ...(places.length > 1 && place?.identifier ? { receivingAgency: place.identifier } : {}),
      channel: 'direct',
      applicant,
      ...(cases.length ? { cases } : {}),
      documents: documents.map((d) => {
        const tick = tickOf(d);
        return {
          code: d.code,
          provided: tick.provided,
          ...(tick.provided
            ? { originals: tick.originals, certifiedCopies: tick.certifiedCopies, copies: tick.copies }
            : {}),
        };
      }),
      ...(accept ? { accept: true } : {}),
    } as RegisterBody;
  };

  /** Uploads the chosen scans into the new dossier's components, each with its progress. */
  const uploadScans = async (dossierId: number, list: UploadState[]) => {
    if (!list.length) return;
    const detail = (await call(
      client.GET('/api/v1/dossiers/{id}', { params: { path: { id: dossierId } } }),
    )) as unknown as DossierDetail;
    for (const u of list) {
      if (u.done) continue;
      const component = detail.components.find((c) => c.documentCode === u.code);
      const set = (patch: Partial<UploadState>) =>
        setUploads((all) => all.map((x) => (x.code === u.code ? { ...x, ...patch } : x)));
      if (!component) {
        set({ error: new Error('component') });
        continue;
      }
      set({ error: null, progress: 0 });
      try {
        await upload(`/api/v1/dossiers/${dossierId}/components/${component.id}/files`, u.file, {
          onProgress: (p) => set({ progress: p }),
          idempotencyKey: u.key,
        });
        set({ done: true, progress: 1 });
      } catch (e) {
        set({ error: e });
      }
    }
  };

  const run = async (outcome: Outcome, action?: (d: DossierView) => ActionBody) => {
    const body = await bodyOf(outcome === 'accept');
    if (!body) return;
    setError(null);
    setBusy(outcome);
    keys.current ??= { register: newIdempotencyKey(), action: newIdempotencyKey() };
    const k = keys.current;
    try {
      const registered = await call(
        client.POST('/api/v1/dossiers', { params: { header: { 'idempotency-key': k.register } }, body }),
      );
      let dossier = registered.dossier as unknown as DossierView;
      if (action)
        dossier = (await postAction(dossier.id, action(dossier), k.action)).dossier as unknown as DossierView;
      const scans = documents
        .map((d) => ({ d, tick: tickOf(d) }))
        .filter((x) => x.tick.file)
        .map(
          (x): UploadState => ({
            code: x.d.code,
            key: newIdempotencyKey(),
            name: x.d.name,
            file: x.tick.file as File,
            progress: 0,
            error: null,
            done: false,
          }),
        );
      setUploads(scans);
      setFinished({ outcome, dossier });
      setAsking(null);
      keys.current = null;
      await uploadScans(dossier.id, scans);
    } catch (e) {
      // the server answered: the next press is a new intent (with the corrected form)
      if (e instanceof ApiError && e.status >= 400 && e.status < 500) keys.current = null;
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const accept = () => run('accept');

  if (finished)
    return (
      <Done
        finished={finished}
        uploads={uploads}
        onRetryUploads={() => uploadScans(finished.dossier.id, uploads)}
        onNew={reset}
        showReceipt={showReceipt}
        setShowReceipt={setShowReceipt}
      />
    );

  return (
    <section className="reception">
      <PageTitle text={t('desk.reception.title')} />
      <Form
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={{ kind: 'individual' }}
        disabled={busy !== null}
        onFinish={accept}
      >
        <div className="reception-grid">
          <fieldset className="card">
            <legend>
              <h2>{t('desk.reception.procedure')}</h2>
            </legend>
            {places.length > 1 && (
              <Form.Item label={t('desk.reception.place')} htmlFor="reception-place">
                <Select
                  id="reception-place"
                  value={place?.id}
                  onChange={setPlaceId}
                  options={places.map((p) => ({ value: p.id, label: p.label }))}
                />
              </Form.Item>
            )}
            {places.length === 1 && place && (
              <p>
                {t('desk.reception.place')}: <strong>{place.label}</strong>
              </p>
            )}
            <Form.Item
              label={t('desk.reception.findProcedure')}
              htmlFor="procedure"
              extra={t('desk.reception.findHint')}
              required
            >
              <Select
                id="procedure"
                showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
                autoFocus
                value={code}
                placeholder={t('desk.reception.findPlaceholder')}
                onChange={(v: string) => {
                  setCode(v);
                  setCompetent(null);
                  setCases([]);
                  setTicks({});
                }}
                notFoundContent={
                  q.length < 2
                    ? t('desk.reception.typeMore')
                    : found.isFetching
                      ? t('loading')
                      : t('desk.reception.noProcedure')
                }
                options={(found.data?.items ?? []).map((p) => ({
                  value: p.code,
                  label: `${p.code} — ${p.name}`,
                }))}
              />
            </Form.Item>
            {procedure.isError && <ErrorState error={procedure.error} onRetry={() => procedure.refetch()} />}
            {code && procedure.isPending && <Loading />}
            {content && (
              <>
                <Form.Item label={t('desk.reception.competent')} htmlFor="competent" required>
                  <Select
                    id="competent"
                    showSearch={{ optionFilterProp: 'label' }}
                    value={chosenCompetent}
                    onChange={setCompetent}
                    placeholder={t('desk.reception.chooseAgency')}
                    options={implementations.map((i) => ({
                      value: i.agency,
                      label: `${i.agencyName}${i.hasWorkflow ? '' : ` (${t('desk.reception.noWorkflow')})`}`,
                      disabled: !i.hasWorkflow,
                    }))}
                  />
                </Form.Item>
                {caseGroups.length > 0 && (
                  <Form.Item label={t('desk.reception.cases')}>
                    <Checkbox.Group
                      className="stacked-checks"
                      value={cases}
                      onChange={(v) => setCases(v as string[])}
                      options={caseGroups.map((g) => ({ value: g, label: g }))}
                    />
                  </Form.Item>
                )}
              </>
            )}
          </fieldset>

          <fieldset className="card">
            <legend>
              <h2>{t('desk.reception.applicant')}</h2>
            </legend>
            <Form.Item name="kind" label={t('desk.reception.kind')}>
              <Radio.Group
                options={[
                  { value: 'individual', label: t('desk.reception.individual') },
                  { value: 'organisation', label: t('desk.reception.organisation') },
                ]}
              />
            </Form.Item>
            <Form.Item
              label={t('desk.reception.identityNumber')}
              extra={
                lookupState === 'found'
                  ? t('desk.reception.lookupFound')
                  : lookupState === 'none'
                    ? t('desk.reception.lookupNone')
                    : t('desk.reception.lookupHint')
              }
            >
              <Space.Compact style={{ width: '100%' }}>
                <Form.Item
                  name="identityNumber"
                  noStyle
                  rules={[{ pattern: /^[0-9A-Z-]{9,20}$/, message: t('desk.reception.identityInvalid') }]}
                >
                  <Input
                    aria-label={t('desk.reception.identityNumber')}
                    inputMode="numeric"
                    maxLength={20}
                    onPressEnter={(e) => {
                      e.preventDefault();
                      void lookup();
                    }}
                  />
                </Form.Item>
                <Button onClick={lookup} loading={lookupState === 'busy'}>
                  {t('desk.reception.lookup')}
                </Button>
              </Space.Compact>
            </Form.Item>
            {typeof lookupState === 'object' && <ActionError error={lookupState.error} />}
            <Form.Item
              name="name"
              label={t('desk.reception.name')}
              rules={[{ required: true, whitespace: true, message: t('desk.reception.nameRequired') }]}
            >
              <Input maxLength={200} autoComplete="off" />
            </Form.Item>
            <Form.Item name="address" label={t('desk.reception.address')}>
              <Input maxLength={500} autoComplete="off" />
            </Form.Item>
            <div className="two-cols">
              <Form.Item
                name="phone"
                label={t('desk.reception.phone')}
                rules={[{ pattern: /^\+?[0-9 .-]{8,20}$/, message: t('desk.reception.phoneInvalid') }]}
              >
                <Input inputMode="tel" maxLength={20} autoComplete="off" />
              </Form.Item>
              <Form.Item
                name="email"
                label={t('desk.reception.email')}
                rules={[{ type: 'email', message: t('desk.reception.emailInvalid') }]}
              >
                <Input type="email" maxLength={254} autoComplete="off" />
              </Form.Item>
            </div>
          </fieldset>
        </div>

        {content && (
          <section className="card" aria-labelledby="h-checklist">
            <h2 id="h-checklist">{t('desk.checklist')}</h2>
            <Checklist
              documents={documents}
              ticks={ticks}
              onChange={(c, tick) => setTicks((all) => ({ ...all, [c]: tick }))}
            />
            <p className="meta" role="status" aria-live="polite">
              {missing.length
                ? t('desk.reception.missingCount', { n: missing.length })
                : t('desk.reception.complete')}
            </p>
          </section>
        )}

        {error !== null && <ActionError error={error} />}
        <Space className="reception-actions" wrap>
          <Button
            type="primary"
            htmlType="submit"
            disabled={!code || !content || missing.length > 0}
            loading={busy === 'accept'}
          >
            {t('desk.reception.accept')}
          </Button>
          <Button
            disabled={!code || !content}
            onClick={() => setAsking('completion')}
            loading={busy === 'completion'}
          >
            {t('desk.reception.completion')}
          </Button>
          <Button
            danger
            disabled={!code || !content}
            onClick={() => setAsking('refusal')}
            loading={busy === 'refusal'}
          >
            {t('desk.reception.refuse')}
          </Button>
        </Space>
        {code && content && missing.length > 0 && (
          <p className="meta">{t('desk.reception.acceptNeedsAll')}</p>
        )}
      </Form>

      {asking === 'completion' && (
        <ReasonsModal
          kind="completion"
          missing={missing.map((d) => d.name)}
          busy={busy === 'completion'}
          error={error}
          onCancel={() => setAsking(null)}
          onSubmit={(items, note) =>
            run('completion', (d) => ({
              type: 'request_completion',
              expectedVersion: d.version,
              ...(items.length ? { missing: items } : {}),
              ...(note ? { reason: note } : {}),
            }))
          }
        />
      )}
      {asking === 'refusal' && (
        <ReasonsModal
          kind="refusal"
          missing={[]}
          busy={busy === 'refusal'}
          error={error}
          onCancel={() => setAsking(null)}
          onSubmit={(_items, reason) =>
            run('refusal', (d) => ({
              type: 'refuse_intake',
              expectedVersion: d.version,
              reason: reason ?? '',
            }))
          }
        />
      )}
      <p className="meta">
        {t('desk.reception.shortcuts')} <span lang={i18n.language}>{t('desk.reception.shortcutsText')}</span>
      </p>
    </section>
  );
}

/** What is missing and why (Mẫu 02), or why the dossier is refused (Mẫu 03). */
function ReasonsModal({
  kind,
  missing,
  busy,
  error,
  onCancel,
  onSubmit,
}: {
  kind: 'completion' | 'refusal';
  missing: string[];
  busy: boolean;
  error: unknown;
  onCancel: () => void;
  onSubmit: (items: { name: string; reason: string }[], note: string | undefined) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  return (
    <Modal
      open
      title={kind === 'completion' ? t('desk.reception.completionTitle') : t('desk.reception.refuseTitle')}
      onCancel={onCancel}
      footer={null}
      width={680}
      destroyOnHidden
      maskClosable={false}
    >
      <Form
        form={form}
        layout="vertical"
        disabled={busy}
        initialValues={{
          items: missing.map((name) => ({ name, reason: t('workspace.form.missingReason') })),
        }}
        onFinish={(v: { items?: { name: string; reason: string }[]; note?: string }) =>
          onSubmit(
            (v.items ?? []).map((i) => ({ name: i.name.trim(), reason: i.reason.trim() })),
            v.note?.trim() || undefined,
          )
        }
      >
        {kind === 'completion' ? (
          <>
            <p>{t('workspace.form.completionOnce')}</p>
            <Form.List name="items">
              {(rows, { add, remove }) => (
                <fieldset className="items-list">
                  <legend>{t('workspace.form.items')}</legend>
                  {rows.map((row, i) => (
                    <div key={row.key} className="item-row">
                      <Form.Item
                        name={[row.name, 'name']}
                        label={t('workspace.form.itemName', { n: i + 1 })}
                        rules={[
                          { required: true, whitespace: true, message: t('workspace.form.itemNameRequired') },
                        ]}
                      >
                        <Input.TextArea rows={2} maxLength={500} />
                      </Form.Item>
                      <Form.Item
                        name={[row.name, 'reason']}
                        label={t('workspace.form.itemReason', { n: i + 1 })}
                        rules={[
                          {
                            required: true,
                            whitespace: true,
                            message: t('workspace.form.itemReasonRequired'),
                          },
                        ]}
                      >
                        <Input maxLength={1000} />
                      </Form.Item>
                      <Button onClick={() => remove(row.name)}>
                        {t('workspace.form.removeItem', { n: i + 1 })}
                      </Button>
                    </div>
                  ))}
                  <Button onClick={() => add({ name: '', reason: '' })}>{t('workspace.form.addItem')}</Button>
                </fieldset>
              )}
            </Form.List>
            <Form.Item name="note" label={t('workspace.form.note')}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          </>
        ) : (
          <Form.Item
            name="note"
            label={t('desk.reception.refuseReason')}
            rules={[{ required: true, whitespace: true, message: t('workspace.form.reasonRequired') }]}
          >
            <Input.TextArea rows={4} maxLength={2000} />
          </Form.Item>
        )}
        {error !== null && <ActionError error={error} />}
        <Space style={{ marginTop: 12 }}>
          <Button type="primary" htmlType="submit" loading={busy} danger={kind === 'refusal'}>
            {kind === 'completion' ? t('desk.reception.completionSubmit') : t('desk.reception.refuseSubmit')}
          </Button>
          <Button onClick={onCancel}>{t('cancel')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}

function Done({
  finished,
  uploads,
  onRetryUploads,
  onNew,
  showReceipt,
  setShowReceipt,
}: {
  finished: Finished;
  uploads: UploadState[];
  onRetryUploads: () => void;
  onNew: () => void;
  showReceipt: boolean;
  setShowReceipt: (v: boolean) => void;
}) {
  const { t, i18n } = useTranslation();
  const d = finished.dossier;
  const form =
    finished.outcome === 'accept'
      ? 'RECEIPT'
      : finished.outcome === 'completion'
        ? 'SUPPLEMENT_REQUEST'
        : 'REFUSAL';
  const failed = uploads.filter((u) => u.error);
  return (
    <section className="reception">
      <PageTitle text={t(`desk.reception.done.${finished.outcome}`)} />
      <Alert
        type={finished.outcome === 'refusal' ? 'warning' : 'success'}
        showIcon
        role="status"
        title={
          finished.outcome === 'accept'
            ? t('desk.reception.acceptedAs', { code: d.code })
            : finished.outcome === 'completion'
              ? t('desk.reception.completionSent')
              : t('desk.reception.refused')
        }
        description={
          <Space orientation="vertical">
            {d.appointmentAt && (
              <span>
                {t('workspace.appointmentAt')}: <DateText value={d.appointmentAt} time lunar />
              </span>
            )}
            <span>
              <FormLink id={d.id} form={form} />{' '}
              <Button size="small" onClick={() => setShowReceipt(!showReceipt)} aria-expanded={showReceipt}>
                {showReceipt ? t('desk.reception.hidePdf') : t('desk.reception.showPdf')}
              </Button>
            </span>
          </Space>
        }
      />
      {uploads.length > 0 && (
        <section className="card" aria-labelledby="h-uploads">
          <h2 id="h-uploads">{t('desk.reception.uploads')}</h2>
          <ul className="plain-list">
            {uploads.map((u) => (
              <li key={u.code}>
                {u.file.name} <span className="meta">({u.name.slice(0, 60)})</span>
                <Progress
                  percent={Math.round(u.progress * 100)}
                  size="small"
                  status={u.error ? 'exception' : u.done ? 'success' : 'active'}
                  aria-label={t('desk.reception.uploadOf', { name: u.file.name })}
                />
                {u.error !== null && (
                  <span className="error">{describeError(u.error, t, i18n.language)}</span>
                )}
              </li>
            ))}
          </ul>
          {failed.length > 0 && <Button onClick={onRetryUploads}>{t('retry')}</Button>}
        </section>
      )}
      {showReceipt && (
        <iframe title={t(`workspace.forms.${form}`)} src={formUrl(d.id, form)} className="pdf-frame" />
      )}
      <Space style={{ marginTop: 16 }}>
        <Button type="primary" onClick={onNew} autoFocus>
          {t('desk.reception.new')}
        </Button>
        <Link to={`/xu-ly/ho-so/${d.id}`}>{t('desk.reception.openDossier')}</Link>
      </Space>
    </section>
  );
}
