/**
 * /xu-ly and /xu-ly/:list: the officer's worklists by role, each with its badge counter, and the
 * chosen one as a table. Heads of department assign the unassigned in bulk: one assign action
 * per dossier, each with its own Idempotency-Key and version, and the failures reported by row.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Space } from 'antd';
import { type Key, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import './workspace.css';
import { Navigate, NavLink, useParams } from 'react-router';
import { ApiError, newIdempotencyKey } from '../app/api.js';
import { rolesOf, useOfficer } from '../app/session.js';
import { ErrorState } from '../ui/ErrorState.js';
import { describeError } from '../ui/ErrorText.js';
import { Loading, PageTitle } from '../ui/Page.js';
import { postAction, useCounters } from './api.js';
import type { ListName, WorklistRow } from './types.js';
import { WorklistTable } from './WorklistTable.js';

/** The order lists appear in: what waits for me first, monitoring last. */
const ORDER: ListName[] = [
  'to_process',
  'to_assign',
  'to_approve',
  'to_sign',
  'to_issue',
  'to_receive',
  'to_return',
  'due_soon',
  'overdue',
  'supplement_waiting',
];

export function Worklists() {
  const { t } = useTranslation();
  const { list } = useParams();
  const counters = useCounters();
  if (counters.isPending) return <Loading />;
  if (counters.isError) return <ErrorState error={counters.error} onRetry={() => counters.refetch()} />;
  const lists = [...counters.data.lists].sort((a, b) => ORDER.indexOf(a.list) - ORDER.indexOf(b.list));
  if (!list) {
    const first = lists.find((l) => l.count > 0 && ORDER.indexOf(l.list) < 7) ?? lists[0];
    if (!first)
      return (
        <section>
          <PageTitle text={t('workspace.title')} />
          <p>{t('workspace.noLists')}</p>
        </section>
      );
    return <Navigate to={`/xu-ly/${first.list}`} replace />;
  }
  const current = lists.find((l) => l.list === list);
  return (
    <section>
      <PageTitle
        text={
          current ? `${t('workspace.title')}: ${t(`workspace.lists.${current.list}`)}` : t('workspace.title')
        }
      />
      <nav aria-label={t('workspace.listsNav')} className="list-tabs">
        {lists.map((l) => (
          <NavLink key={l.list} to={`/xu-ly/${l.list}`}>
            {t(`workspace.lists.${l.list}`)}{' '}
            <span className="badge" aria-hidden="true">
              {l.exact ? l.count : `${l.count}+`}
            </span>
            <span className="sr-only">
              {' '}
              ({t('workspace.badge', { n: l.exact ? l.count : `${l.count}+` })})
            </span>
          </NavLink>
        ))}
      </nav>
      {current ? (
        <ListView list={current.list} />
      ) : (
        <Alert type="warning" showIcon title={t('workspace.unknownList')} />
      )}
    </section>
  );
}

interface RowResult {
  id: number;
  code: string | null;
  ok: boolean;
  message: string;
}

function ListView({ list }: { list: ListName }) {
  const { t, i18n } = useTranslation();
  const me = useOfficer();
  const qc = useQueryClient();
  const heads = ['department_head', 'agency_leader'].some((r) => rolesOf(me.data).has(r as never));
  const bulk = list === 'to_assign' && heads;
  const [keys, setKeys] = useState<Key[]>([]);
  const [rows, setRows] = useState<WorklistRow[]>([]);
  const [running, setRunning] = useState(false);
  const [results, setResults] = useState<RowResult[] | null>(null);
  // one key per dossier for this intent: pressing again after a network failure retries it
  const intent = useRef(new Map<number, string>());

  const assignAll = async () => {
    setRunning(true);
    const out: RowResult[] = [];
    for (const r of rows) {
      const key = intent.current.get(r.id) ?? newIdempotencyKey();
      intent.current.set(r.id, key);
      try {
        const a = await postAction(r.id, { type: 'assign', expectedVersion: r.version }, key);
        out.push({ id: r.id, code: r.code, ok: true, message: String(a.dossier.assigneeId ?? '') });
        intent.current.delete(r.id);
      } catch (e) {
        if (e instanceof ApiError && e.status >= 400 && e.status < 500) intent.current.delete(r.id);
        out.push({ id: r.id, code: r.code, ok: false, message: describeError(e, t, i18n.language) });
      }
    }
    setResults(out);
    setRunning(false);
    const failed = new Set(out.filter((o) => !o.ok).map((o) => o.id));
    setKeys(keys.filter((k) => failed.has(Number(k))));
    setRows(rows.filter((r) => failed.has(r.id)));
    await qc.invalidateQueries({ queryKey: ['worklists'] });
  };

  const failed = results?.filter((r) => !r.ok) ?? [];
  return (
    <>
      {bulk && (
        <Space className="bulk-bar" wrap>
          <span>{t('workspace.bulk.selected', { n: keys.length })}</span>
          <Button type="primary" disabled={!keys.length} loading={running} onClick={assignAll}>
            {t('workspace.bulk.assign', { n: keys.length })}
          </Button>
          <span className="meta">{t('workspace.bulk.hint')}</span>
        </Space>
      )}
      {results && (
        <Alert
          role="status"
          showIcon
          type={failed.length ? 'warning' : 'success'}
          title={t('workspace.bulk.result', { ok: results.length - failed.length, failed: failed.length })}
          description={
            failed.length > 0 && (
              <ul className="plain-list">
                {failed.map((f) => (
                  <li key={f.id}>
                    <strong>{f.code ?? `#${f.id}`}</strong>: {f.message}
                  </li>
                ))}
              </ul>
            )
          }
          style={{ marginBottom: 12 }}
        />
      )}
      <WorklistTable
        list={list}
        caption={t(`workspace.lists.${list}`)}
        linkTo={(r) => (list === 'to_receive' ? `/mot-cua/truc-tuyen/${r.id}` : `/xu-ly/ho-so/${r.id}`)}
        columns={list === 'to_receive' ? 'intake' : 'processing'}
        {...(bulk
          ? {
              selection: {
                keys,
                onChange: (k: Key[], r: WorklistRow[]) => {
                  setKeys(k);
                  setRows(r);
                },
              },
            }
          : {})}
      />
    </>
  );
}
