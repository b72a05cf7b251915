/** The SQL of the monitoring read model (migration 0015). */
import type { DossierAction, LoggedFacts } from '@motcua/core';
import { type Selectable, sql } from 'kysely';
import type { Db } from '../../db/client.js';
import type { DossierFactsTable } from '../dossiers/tables.js';

export type FactsRow = Selectable<DossierFactsTable>;

export interface DossierBindingRow {
  id: number;
  tenant_id: number;
  procedure_id: number;
  receiving_agency_id: number;
  competent_agency_id: number;
  parent_id: number | null;
}

/** Dossiers by id after `afterId` (optionally of one tenant, or only those without facts). */
export async function dossiersAfter(
  db: Db,
  afterId: number,
  limit: number,
  opts: { onlyMissing?: boolean; tenantId?: number },
): Promise<DossierBindingRow[]> {
  let q = db
    .selectFrom('dossiers as d')
    .select([
      'd.id',
      'd.tenant_id',
      'd.procedure_id',
      'd.receiving_agency_id',
      'd.competent_agency_id',
      'd.parent_id',
    ])
    .where('d.id', '>', afterId);
  if (opts.tenantId !== undefined) q = q.where('d.tenant_id', '=', opts.tenantId);
  if (opts.onlyMissing)
    q = q.where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('dossier_facts as f').select('f.dossier_id').whereRef('f.dossier_id', '=', 'd.id'),
        ),
      ),
    );
  return q.orderBy('d.id').limit(limit).execute();
}

/** The logs of some dossiers, each in order. */
export async function logsOf(db: Db, ids: number[]): Promise<Map<number, DossierAction[]>> {
  const out = new Map<number, DossierAction[]>();
  if (!ids.length) return out;
  const rows = await db
    .selectFrom('dossier_actions')
    .select(['dossier_id', 'payload'])
    .where('dossier_id', 'in', ids)
    .orderBy('dossier_id')
    .orderBy('seq')
    .execute();
  for (const r of rows) {
    let log = out.get(r.dossier_id);
    if (!log) {
      log = [];
      out.set(r.dossier_id, log);
    }
    log.push(r.payload);
  }
  return out;
}

export async function factsOf(db: Db, ids: number[]): Promise<Map<number, FactsRow>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('dossier_facts').selectAll().where('dossier_id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.dossier_id, r]));
}

/** Writes a dossier's facts as the fold of its log made them (the rebuild). */
export async function writeFacts(db: Db, d: DossierBindingRow, f: LoggedFacts): Promise<void> {
  const at = (ms: number | null | undefined) => (ms == null ? null : new Date(ms));
  const { dueHistory, ...rest } = f;
  const row = {
    dossier_id: d.id,
    tenant_id: d.tenant_id,
    procedure_id: d.procedure_id,
    receiving_agency_id: d.receiving_agency_id,
    competent_agency_id: d.competent_agency_id,
    parent_id: d.parent_id,
    channel: f.channel,
    received_at: at(f.receivedAt),
    refused_at: at(f.refusedAt),
    end_kind: f.end?.kind ?? null,
    end_at: at(f.end?.at),
    withdrawn_at: at(f.withdrawnAt),
    due_at: at(f.dueAt),
    due_history: JSON.stringify(dueHistory),
    facts: JSON.stringify(rest),
    rating: f.rating,
    version: f.version,
  };
  const { dossier_id: _, ...update } = row;
  // a row the log changes goes back to the counters' queue (migration 0019); an unchanged one stays counted
  const changed = sql<boolean>`(dossier_facts.facts, dossier_facts.due_history, dossier_facts.competent_agency_id,
    dossier_facts.procedure_id, dossier_facts.channel, dossier_facts.version)
    is distinct from (excluded.facts, excluded.due_history, excluded.competent_agency_id,
    excluded.procedure_id, excluded.channel, excluded.version)`;
  await db
    .insertInto('dossier_facts')
    .values(row)
    .onConflict((oc) =>
      oc.column('dossier_id').doUpdateSet({
        ...update,
        counted_version: sql`case when ${changed} then null else dossier_facts.counted_version end`,
        changed_at: sql`case when ${changed} then now() else dossier_facts.changed_at end`,
      }),
    )
    .execute();
}

/**
 * The facts of an agency's dossiers that a period [from, to) counts: received before its end, and
 * neither ended nor withdrawn before its start (core report.ts addToRow decides the rest), with
 * their procedure and field.
 */
export async function periodFacts(db: Db, tenantId: number, agencyId: number, from: Date, to: Date) {
  return db
    .selectFrom('dossier_facts as f')
    .innerJoin('procedures as p', 'p.id', 'f.procedure_id')
    .leftJoin('fields as fl', 'fl.id', 'p.field_id')
    .select([
      'f.dossier_id',
      'f.facts',
      'f.due_history',
      'p.code as procedure_code',
      'p.name as procedure_name',
      'fl.code as field_code',
      'fl.name as field_name',
    ])
    .where('f.tenant_id', '=', tenantId)
    .where('f.competent_agency_id', '=', agencyId)
    .where('f.received_at', '<', to)
    .where((eb) => eb.or([eb('f.end_at', 'is', null), eb('f.end_at', '>=', from)]))
    .where((eb) => eb.or([eb('f.withdrawn_at', 'is', null), eb('f.withdrawn_at', '>=', from)]))
    .orderBy('f.dossier_id')
    .execute();
}

export async function agencyName(db: Db, tenantId: number, agencyId: number): Promise<string | undefined> {
  const r = await db
    .selectFrom('agencies')
    .select('name')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', agencyId)
    .executeTakeFirst();
  return r?.name;
}

/**
 * The facts of a deployment's lead and child dossiers that a period [from, to) counts, with the
 * competent agency, its level and its name (the indicators are per agency, ranked per level).
 */
export async function tenantPeriodFacts(db: Db, tenantId: number, from: Date, to: Date) {
  return db
    .selectFrom('dossier_facts as f')
    .innerJoin('agencies as a', 'a.id', 'f.competent_agency_id')
    .select([
      'f.dossier_id',
      'f.competent_agency_id',
      'f.facts',
      'f.due_history',
      'a.name as agency_name',
      'a.identifier as agency_identifier',
      'a.level as agency_level',
    ])
    .where('f.tenant_id', '=', tenantId)
    .where('f.received_at', '<', to)
    .where((eb) => eb.or([eb('f.end_at', 'is', null), eb('f.end_at', '>=', from)]))
    .where((eb) => eb.or([eb('f.withdrawn_at', 'is', null), eb('f.withdrawn_at', '>=', from)]))
    .orderBy('f.dossier_id')
    .execute();
}

/** Codes of some dossiers (a drill-down's list). */
export async function dossierCodes(db: Db, ids: number[]) {
  if (!ids.length) return [];
  return db
    .selectFrom('dossiers as d')
    .innerJoin('procedures as p', 'p.id', 'd.procedure_id')
    .select([
      'd.id',
      'd.code',
      'd.status',
      'd.due_at',
      'd.assignee_id',
      'd.current_step',
      'p.code as procedure_code',
      'p.name as procedure_name',
    ])
    .where('d.id', 'in', ids)
    .orderBy('d.due_at')
    .execute();
}
