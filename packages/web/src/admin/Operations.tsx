import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, Select, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { call, client, type Schemas } from '../app/api.js';
import { ErrorState } from '../ui/ErrorState.js';
import { formatDateTime, formatNumber } from '../ui/format.js';
import { PageTitle } from '../ui/Page.js';
import { useDebounced } from '../ui/useDebounced.js';
import { AdminNav } from './AdminHome.js';
import { vi } from './messages.js';
import { AdminOnly, pretty, Refusal } from './shared.js';
import './admin.css';

type OutboxMessage = Schemas['OutboxMessage'];
type OutboxState = OutboxMessage['state'];
const STATES: OutboxState[] = ['dead', 'pending', 'delivered'];
const PAGE = 20;

/** A code ("dossier.accepted") as a key of a label table, whose keys cannot hold i18next's dots. */
const keyOf = (code: string) => code.replace(/\./g, '_');
const known = <K extends string>(table: Record<K, string>, code: string): code is K => code in table;

/** /quan-tri/cau-hinh: what the system sends out (and the dead letters to send again), and the audit log. */
export function Operations() {
  const { t } = useTranslation();
  return (
    <section>
      <AdminNav />
      <PageTitle text={t('admin.ops.title')} />
      <AdminOnly>
        <p>{t('admin.ops.intro')}</p>
        <Outbox />
        <AuditLog />
      </AdminOnly>
    </section>
  );
}

function Outbox() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const asked = params.get('trang-thai') as OutboxState | null;
  const state: OutboxState = asked && STATES.includes(asked) ? asked : 'dead';
  const channel = params.get('kenh') ?? '';
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['admin', 'outbox', state, channel, page],
    queryFn: () =>
      call(
        client.GET('/api/v1/admin/outbox', {
          params: {
            query: { state, limit: PAGE, offset: (page - 1) * PAGE, ...(channel ? { channel } : {}) },
          },
        }),
      ),
    placeholderData: (prev) => prev,
  });
  const retry = useMutation({
    mutationFn: (id: number) =>
      call(client.POST('/api/v1/admin/outbox/{id}/retry', { params: { path: { id } } })),
    onSuccess: async (m) => {
      await Promise.all([
        qc.invalidateQueries({ queryKey: ['admin', 'outbox'] }),
        qc.invalidateQueries({ queryKey: ['admin', 'audit'] }),
      ]);
      void message.success(t('admin.ops.retried', { id: m.id }));
    },
  });
  const filter = (next: { 'trang-thai'?: string; kenh?: string }) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) v ? p.set(k, v) : p.delete(k);
    setParams(p, { replace: true });
    setPage(1);
  };
  const at = (iso: string | null) => (iso ? formatDateTime(iso, i18n.language) : '—');
  const channels = vi.ops.channels;
  const topics = vi.ops.topics;
  const refTypes = vi.ops.refTypes;

  return (
    <section aria-labelledby="outbox-title">
      <h2 id="outbox-title" className="admin-h2">
        {t('admin.ops.outbox')}
      </h2>
      <p>{t('admin.ops.outboxIntro')}</p>
      <div className="admin-toolbar">
        <label htmlFor="outbox-state">{t('admin.ops.state')}</label>
        <Select
          id="outbox-state"
          style={{ width: 200 }}
          value={state}
          onChange={(s: OutboxState) => filter({ 'trang-thai': s })}
          options={STATES.map((s) => ({ value: s, label: t(`admin.ops.states.${s}`) }))}
        />
        <label htmlFor="outbox-channel">{t('admin.ops.channel')}</label>
        <Select
          id="outbox-channel"
          style={{ width: 220 }}
          value={channel}
          onChange={(c: string) => filter({ kenh: c })}
          options={[
            { value: '', label: t('admin.ops.allChannels') },
            ...(Object.keys(channels) as (keyof typeof channels)[]).map((c) => ({
              value: c,
              label: t(`admin.ops.channels.${c}`),
            })),
          ]}
        />
        {list.data && (
          <span className="admin-muted" aria-live="polite">
            {t('admin.ops.total', { n: formatNumber(list.data.total, i18n.language) })}
          </span>
        )}
      </div>
      <Refusal error={retry.error} />
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Table
          size="small"
          rowKey="id"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: <span className="admin-empty">{t('admin.ops.noMessages')}</span> }}
          pagination={{
            current: page,
            pageSize: PAGE,
            total: list.data?.total ?? 0,
            onChange: setPage,
            showSizeChanger: false,
          }}
          columns={[
            { title: t('admin.ops.id'), dataIndex: 'id', width: 70 },
            {
              title: t('admin.ops.channel'),
              dataIndex: 'channel',
              width: 120,
              render: (c: string) => (known(channels, c) ? t(`admin.ops.channels.${c}`) : c),
            },
            {
              title: t('admin.ops.topic'),
              dataIndex: 'topic',
              render: (topic: string, m: OutboxMessage) => {
                const k = keyOf(topic);
                return (
                  <>
                    {known(topics, k) ? t(`admin.ops.topics.${k}`) : topic}
                    {m.summary && (
                      <>
                        <br />
                        <span className="admin-muted">{m.summary}</span>
                      </>
                    )}
                  </>
                );
              },
            },
            { title: t('admin.ops.recipient'), dataIndex: 'recipient', width: 200 },
            { title: t('admin.ops.attempts'), dataIndex: 'attempts', width: 90 },
            {
              title: t('admin.ops.lastError'),
              dataIndex: 'lastError',
              render: (e: string | null) => (e ? <span className="admin-error-text">{e}</span> : '—'),
            },
            {
              title: t('admin.ops.when'),
              key: 'when',
              width: 190,
              render: (_: unknown, m: OutboxMessage) => (
                <>
                  {t('admin.ops.createdAt')}: {at(m.createdAt)}
                  <br />
                  {m.state === 'dead'
                    ? t('admin.ops.deadAt', { at: at(m.deadAt) })
                    : m.state === 'delivered'
                      ? t('admin.ops.deliveredAt', { at: at(m.deliveredAt) })
                      : t('admin.ops.nextAttemptAt', { at: at(m.nextAttemptAt) })}
                </>
              ),
            },
            {
              title: t('admin.ops.ref'),
              dataIndex: 'ref',
              width: 200,
              render: (r: OutboxMessage['ref']) =>
                r ? `${known(refTypes, r.type) ? t(`admin.ops.refTypes.${r.type}`) : r.type} ${r.id}` : '—',
            },
            {
              title: '',
              key: 'retry',
              width: 110,
              render: (_: unknown, m: OutboxMessage) =>
                m.state === 'dead' ? (
                  <Button
                    size="small"
                    loading={retry.isPending && retry.variables === m.id}
                    onClick={() => retry.mutate(m.id)}
                    aria-label={t('admin.ops.retryOf', { id: m.id })}
                  >
                    {t('admin.ops.retry')}
                  </Button>
                ) : null,
            },
          ]}
        />
      )}
    </section>
  );
}

/** One row of the audit log as the server stores it (the route declares no response schema). */
interface AuditRow {
  id: number;
  at: string;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  request_id: string | null;
  ip: string | null;
}

const LIMITS = [50, 100, 200, 500];

function AuditLog() {
  const { t, i18n } = useTranslation();
  const [entityType, setEntityType] = useState('');
  const [entityId, setEntityId] = useState('');
  const [limit, setLimit] = useState(100);
  const id = useDebounced(entityId.trim(), 300);
  const log = useQuery({
    queryKey: ['admin', 'audit', entityType, id, limit],
    queryFn: async () =>
      (await call(
        client.GET('/api/v1/audit-log', {
          params: {
            query: { limit, ...(entityType ? { entityType } : {}), ...(id ? { entityId: id } : {}) },
          },
        }),
      )) as unknown as { items: AuditRow[] },
    placeholderData: (prev) => prev,
  });
  const entities = vi.ops.entities;
  const actions = vi.ops.actions;
  return (
    <section aria-labelledby="audit-title">
      <h2 id="audit-title" className="admin-h2">
        {t('admin.ops.audit')}
      </h2>
      <p>{t('admin.ops.auditIntro')}</p>
      <div className="admin-toolbar">
        <label htmlFor="audit-type">{t('admin.ops.entityType')}</label>
        <Select
          id="audit-type"
          style={{ width: 240 }}
          value={entityType}
          onChange={setEntityType}
          options={[
            { value: '', label: t('admin.ops.allEntities') },
            ...(Object.keys(entities) as (keyof typeof entities)[]).map((e) => ({
              value: e,
              label: t(`admin.ops.entities.${e}`),
            })),
          ]}
        />
        <label htmlFor="audit-id">{t('admin.ops.entityId')}</label>
        <Input
          id="audit-id"
          style={{ width: 200 }}
          value={entityId}
          maxLength={40}
          allowClear
          onChange={(e) => setEntityId(e.target.value)}
        />
        <label htmlFor="audit-limit">{t('admin.ops.limit')}</label>
        <Select
          id="audit-limit"
          style={{ width: 90 }}
          value={limit}
          onChange={setLimit}
          options={LIMITS.map((n) => ({ value: n, label: String(n) }))}
        />
      </div>
      {log.isError ? (
        <ErrorState error={log.error} onRetry={() => log.refetch()} />
      ) : (
        <Table
          size="small"
          rowKey="id"
          loading={log.isFetching}
          dataSource={log.data?.items ?? []}
          locale={{ emptyText: <span className="admin-empty">{t('admin.ops.noAudit')}</span> }}
          pagination={{ pageSize: 25, showSizeChanger: false }}
          expandable={{
            expandedRowRender: (r) => <BeforeAfter row={r} />,
            rowExpandable: (r) => r.before !== null || r.after !== null,
          }}
          columns={[
            {
              title: t('admin.ops.at'),
              dataIndex: 'at',
              width: 150,
              render: (v: string) => formatDateTime(v, i18n.language),
            },
            { title: t('admin.ops.actor'), dataIndex: 'actor_label', width: 160 },
            {
              title: t('admin.ops.action'),
              dataIndex: 'action',
              render: (a: string) => {
                const k = keyOf(a);
                return (
                  <>
                    {known(actions, k) ? t(`admin.ops.actions.${k}`) : a}{' '}
                    <code className="admin-muted">{a}</code>
                  </>
                );
              },
            },
            {
              title: t('admin.ops.entity'),
              key: 'entity',
              render: (_: unknown, r: AuditRow) =>
                `${known(entities, r.entity_type) ? t(`admin.ops.entities.${r.entity_type}`) : r.entity_type}${r.entity_id ? ` ${r.entity_id}` : ''}`,
            },
          ]}
        />
      )}
    </section>
  );
}

function BeforeAfter({ row }: { row: AuditRow }) {
  const { t } = useTranslation();
  return (
    <div>
      <div className="admin-eform-grid">
        <div>
          <h3 className="admin-h3">{t('admin.ops.before')}</h3>
          <pre className="admin-json admin-json-full">{pretty(row.before)}</pre>
        </div>
        <div>
          <h3 className="admin-h3">{t('admin.ops.after')}</h3>
          <pre className="admin-json admin-json-full">{pretty(row.after)}</pre>
        </div>
      </div>
      {row.request_id && (
        <p className="admin-muted">{t('admin.ops.request', { id: row.request_id, ip: row.ip ?? '—' })}</p>
      )}
    </div>
  );
}
