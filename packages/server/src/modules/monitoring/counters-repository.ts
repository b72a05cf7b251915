/**
 * The SQL of the day counters (migration 0019): the worker's queue and its writes, the rebuild's,
 * the lag, and the levels a report reads.
 *
 * Invariant kept by every write here: for each tenant, monitoring_counters is the sum of the
 * dossier_facts rows' counted_deltas. The worker holds the rows it counts (FOR UPDATE) and changes
 * counters and counted_deltas in one transaction; the rebuild replaces both while holding the
 * counters' lock exclusively, so no worker batch is half-way through.
 */
import type { LoggedFacts } from '@motcua/core';
import { sql } from 'kysely';
import type { Db } from '../../db/client.js';
import type { CountedDeltas, CounterChannel } from './tables.js';

/** One counter's change (or value), keyed as the table's primary key. */
export interface CounterRow {
  tenant_id: number;
  agency_id: number;
  procedure_id: number;
  channel: CounterChannel;
  class: string;
  day: number;
  value: number;
}

/** A facts row as the counters need it. */
export interface CountableFacts {
  dossier_id: number;
  tenant_id: number;
  competent_agency_id: number;
  procedure_id: number;
  channel: 'direct' | 'online' | 'postal' | null;
  facts: LoggedFacts;
  due_history: LoggedFacts['dueHistory'];
  version: number;
  counted_deltas: CountedDeltas | null;
}

/**
 * Worker batches take it shared, the rebuild exclusively: the rebuild then sees no batch in flight
 * and none starts until it commits. A transaction-level advisory lock: released at commit or
 * rollback, whatever happens to the process.
 */
const LOCK = sql`hashtext('motcua-counters')`;

export async function lockForBatch(trx: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock_shared(${LOCK})`.execute(trx);
}

export async function lockForRebuild(trx: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(${LOCK})`.execute(trx);
}

const COUNTABLE = sql`dossier_id, tenant_id, competent_agency_id, procedure_id, channel, facts,
  due_history, version, counted_deltas`;

/**
 * The oldest `limit` facts rows not counted at their version, locked; rows another transaction
 * holds (a batch of another worker, an action being written) are skipped, not waited for.
 */
export async function claimUncounted(trx: Db, limit: number): Promise<CountableFacts[]> {
  const r = await sql<CountableFacts>`select ${COUNTABLE} from dossier_facts
    where counted_version is distinct from version
    order by changed_at limit ${limit} for update skip locked`.execute(trx);
  return r.rows.map(numbers);
}

/** pg reads bigint as text; dossier ids stay far below 2^53. */
const numbers = <R extends { dossier_id: number }>(r: R): R => ({ ...r, dossier_id: Number(r.dossier_id) });

/**
 * Adds changes to the counters in one multi-row upsert, then deletes the counters brought to 0.
 * Rows go in key order, so two workers lock common counters in the same order (no deadlock).
 */
export async function addToCounters(trx: Db, rows: readonly CounterRow[]): Promise<void> {
  if (!rows.length) return;
  const json = JSON.stringify(rows);
  await sql`insert into monitoring_counters (tenant_id, agency_id, procedure_id, channel, class, day, value)
    select tenant_id, agency_id, procedure_id, channel, class, day, value
      from jsonb_to_recordset(${json}::jsonb) as v(tenant_id integer, agency_id integer,
        procedure_id integer, channel text, class text, day integer, value bigint)
    on conflict (tenant_id, agency_id, procedure_id, channel, class, day)
    do update set value = monitoring_counters.value + excluded.value`.execute(trx);
  // a zero is the same as no counter; leaving none keeps the live table equal to a rebuild, row for row
  await sql`delete from monitoring_counters m
    using jsonb_to_recordset(${json}::jsonb) as v(tenant_id integer, agency_id integer,
      procedure_id integer, channel text, class text, day integer)
    where m.tenant_id = v.tenant_id and m.agency_id = v.agency_id and m.procedure_id = v.procedure_id
      and m.channel = v.channel and m.class = v.class and m.day = v.day and m.value = 0`.execute(trx);
}

/** Records what was applied for rows the caller holds locked. */
export async function markCounted(
  trx: Db,
  rows: readonly { id: number; version: number; deltas: CountedDeltas }[],
): Promise<void> {
  if (!rows.length) return;
  await sql`update dossier_facts f set counted_version = v.version, counted_deltas = v.deltas
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(id bigint, version integer, deltas jsonb)
    where f.dossier_id = v.id`.execute(trx);
}

/**
 * Seconds since the oldest change the counters have not taken yet (0 when none waits), for one
 * tenant or the whole installation. Measured by the database's clock, which set changed_at.
 */
export async function countersLag(db: Db, tenantId?: number): Promise<number> {
  const tenant = tenantId === undefined ? sql`` : sql`and tenant_id = ${tenantId}`;
  const r = await sql<{ lag: number | string | null }>`
    select extract(epoch from now() - min(changed_at)) as lag from dossier_facts
    where counted_version is distinct from version ${tenant}`.execute(db);
  return Math.max(0, Number(r.rows[0]?.lag ?? 0));
}

/** How many facts rows wait for the counters. */
export async function uncountedCount(db: Db, tenantId?: number): Promise<number> {
  const tenant = tenantId === undefined ? sql`` : sql`and tenant_id = ${tenantId}`;
  const r = await sql<{ n: number }>`select count(*)::int as n from dossier_facts
    where counted_version is distinct from version ${tenant}`.execute(db);
  return r.rows[0]?.n ?? 0;
}

export async function tenantIds(db: Db, only?: number): Promise<number[]> {
  let q = db.selectFrom('tenants').select('id').orderBy('id');
  if (only !== undefined) q = q.where('id', '=', only);
  return (await q.execute()).map((r) => r.id);
}

/**
 * A tenant's facts rows by id after `afterId`, with the row version (xmin) they were read at, so
 * the rebuild can tell a row an action changed since.
 */
export async function tenantFactsPage(
  trx: Db,
  tenantId: number,
  afterId: number,
  limit: number,
): Promise<(CountableFacts & { xmin: string })[]> {
  const r = await sql<CountableFacts & { xmin: string }>`select ${COUNTABLE}, xmin::text as xmin
    from dossier_facts where tenant_id = ${tenantId} and dossier_id > ${afterId}
    order by dossier_id limit ${limit}`.execute(trx);
  return r.rows.map(numbers);
}

/** The rebuild's write of a tenant's counters: all of them, replaced. */
export async function replaceTenantCounters(
  trx: Db,
  tenantId: number,
  rows: readonly CounterRow[],
): Promise<void> {
  await sql`delete from monitoring_counters where tenant_id = ${tenantId}`.execute(trx);
  for (let i = 0; i < rows.length; i += 5000) {
    await sql`insert into monitoring_counters (tenant_id, agency_id, procedure_id, channel, class, day, value)
      select tenant_id, agency_id, procedure_id, channel, class, day, value
        from jsonb_to_recordset(${JSON.stringify(rows.slice(i, i + 5000))}::jsonb) as v(tenant_id integer,
          agency_id integer, procedure_id integer, channel text, class text, day integer, value bigint)`.execute(
      trx,
    );
  }
}

/**
 * The rebuild's record of what it counted. A row an action changed after it was read (its xmin
 * moved) keeps the deltas the counters now hold but is left uncounted, so the worker moves it on.
 */
export async function markRebuilt(
  trx: Db,
  rows: readonly { id: number; version: number; xmin: string; deltas: CountedDeltas }[],
): Promise<void> {
  if (!rows.length) return;
  await sql`update dossier_facts f set counted_deltas = v.deltas,
      counted_version = case when f.xmin::text = v.xmin then v.version else null end
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(id bigint, version integer, xmin text, deltas jsonb)
    where f.dossier_id = v.id`.execute(trx);
}

/** Every counter of a tenant (the check; tests). */
export async function tenantCounters(db: Db, tenantId: number): Promise<CounterRow[]> {
  const rows = await db
    .selectFrom('monitoring_counters')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('agency_id')
    .orderBy('procedure_id')
    .orderBy('channel')
    .orderBy('class')
    .orderBy('day')
    .execute();
  return rows.map((r) => ({ ...r, value: Number(r.value) }));
}

/**
 * An agency's levels per procedure, channel and class at the midnights starting days `fromDay`
 * and `toDay` (the sums of the deltas up to each), with the procedure's code, name and field.
 */
export async function agencyLevels(
  db: Db,
  tenantId: number,
  agencyId: number,
  fromDay: number,
  toDay: number,
) {
  const r = await sql<{
    procedure_code: string;
    procedure_name: string;
    field_code: string | null;
    field_name: string | null;
    channel: CounterChannel;
    class: string;
    at_from: string;
    at_to: string;
  }>`select p.code as procedure_code, p.name as procedure_name, fl.code as field_code,
      fl.name as field_name, l.channel, l.class, l.at_from, l.at_to
    from (select procedure_id, channel, class,
            coalesce(sum(value) filter (where day <= ${fromDay}), 0) as at_from, sum(value) as at_to
          from monitoring_counters
          where tenant_id = ${tenantId} and agency_id = ${agencyId} and day <= ${toDay}
          group by procedure_id, channel, class) l
    join procedures p on p.id = l.procedure_id
    left join fields fl on fl.id = p.field_id`.execute(db);
  return r.rows.map((x) => ({ ...x, at_from: Number(x.at_from), at_to: Number(x.at_to) }));
}

/**
 * A tenant's levels per competent agency, channel and class at the midnights starting days
 * `fromDay` and `toDay`, with the agency as the rankings show it: what the Decision 766 dossier
 * metrics of every agency need (indicators-counters.ts), without the procedure key.
 */
export async function tenantLevels(db: Db, tenantId: number, fromDay: number, toDay: number) {
  const r = await sql<{
    agency_id: number;
    agency_name: string;
    agency_identifier: string;
    agency_level: string;
    channel: CounterChannel;
    class: string;
    at_from: string;
    at_to: string;
  }>`select l.agency_id, a.name as agency_name, a.identifier as agency_identifier,
      a.level as agency_level, l.channel, l.class, l.at_from, l.at_to
    from (select agency_id, channel, class,
            coalesce(sum(value) filter (where day <= ${fromDay}), 0) as at_from, sum(value) as at_to
          from monitoring_counters
          where tenant_id = ${tenantId} and day <= ${toDay}
          group by agency_id, channel, class) l
    join agencies a on a.id = l.agency_id
    order by l.agency_id`.execute(db);
  return r.rows.map((x) => ({ ...x, at_from: Number(x.at_from), at_to: Number(x.at_to) }));
}
