/**
 * The SQL behind service.ts that is not the log itself (log.ts, repository.ts), and the reads of
 * the forms, the register and the liên thông views.
 */
import { stepOf, type WorkflowDefinition } from '@motcua/core';
import { sql } from 'kysely';
import type { AuthContext } from '../../auth/access.js';
import { ExpiringMap, onStaffChanged } from '../../auth/sessions.js';
import type { Db } from '../../db/client.js';
import { versionIdInForce } from '../catalog/versions.js';
import type { DossierRow } from './repository.js';

/**
 * The procedure, its version in force on `date`, and the agencies of the tenant implementing it,
 * reused for `cacheMs` (MOTCUA_CATALOG_CACHE_MS): a publication, a retirement or a change of the
 * implementing agencies or their workflow reaches new dossiers within that time.
 */
export async function implementationsOf(
  db: Db,
  tenantId: number,
  procedureCode: string,
  date: string,
  prefer: { identifier?: string; agencyId?: number | null } = {},
  cacheMs = 0,
): Promise<Implementations> {
  const cache = cacheOf<Implementations>(db, 'implementations', cacheMs);
  const key = JSON.stringify([
    tenantId,
    procedureCode,
    date,
    prefer.identifier ?? null,
    prefer.agencyId ?? null,
  ]);
  const hit = cache?.get(key);
  if (hit) return hit;
  const found = await readImplementations(db, tenantId, procedureCode, date, prefer);
  cache?.set(key, found);
  return found;
}

interface Implementations {
  procedure: { id: number; code: string; name: string } | undefined;
  version: { id: number } | undefined;
  rows: { agency_id: number; identifier: string; workflow_id: number | null }[];
}

async function readImplementations(
  db: Db,
  tenantId: number,
  procedureCode: string,
  date: string,
  prefer: { identifier?: string; agencyId?: number | null },
): Promise<Implementations> {
  const procedure = await db
    .selectFrom('procedures')
    .select(['id', 'code', 'name'])
    .where('code', '=', procedureCode)
    .executeTakeFirst();
  if (!procedure) return { procedure: undefined, version: undefined, rows: [] };
  const id = await versionIdInForce(db, procedure.id, date);
  const version = id === null ? undefined : { id };
  const rows = await db
    .selectFrom('procedure_implementations as i')
    .innerJoin('agencies as a', 'a.id', 'i.agency_id')
    .select(['i.agency_id', 'a.identifier', 'i.workflow_id'])
    .where('i.tenant_id', '=', tenantId)
    .where('i.procedure_id', '=', procedure.id)
    .where('i.active', '=', true)
    // the agency asked for, or the receiving one, first: a procedure implemented by every commune
    // has a hundred rows, of which the caller needs one (or the first few to list as choices)
    .orderBy(
      sql`CASE WHEN a.identifier = ${prefer.identifier ?? ''} THEN 0 WHEN a.id = ${prefer.agencyId ?? -1} THEN 1 ELSE 2 END`,
    )
    .orderBy('a.identifier')
    .limit(51)
    .execute();
  return { procedure, version, rows };
}

/**
 * The receiving officer's position to register under: the one at `identifier`, else the first.
 * An officer's receiving positions are reused for `cacheMs` (MOTCUA_SESSION_CACHE_MS, like the
 * session and positions they come with) and forgotten at once on a staff change in this process.
 */
export async function receivingPositionOf(
  db: Db,
  auth: AuthContext,
  identifier: string | undefined,
  cacheMs = 0,
) {
  const cache = receivingCache(db, cacheMs);
  const key = `${auth.tenantId}:${auth.staffId}`;
  let rows = cache?.get(key);
  if (!rows) {
    const seen = receivingGeneration;
    rows = await db
      .selectFrom('staff_positions as p')
      .innerJoin('agencies as a', 'a.id', 'p.agency_id')
      .select(['p.agency_id as agencyId', 'p.reception_point_id as receptionPointId', 'a.identifier'])
      .where('p.staff_id', '=', auth.staffId)
      .where('p.tenant_id', '=', auth.tenantId)
      .where('p.role', '=', 'receiving_officer')
      .where(sql<boolean>`(p.valid_to IS NULL OR p.valid_to >= current_date)`)
      .orderBy('p.id')
      .execute();
    if (seen === receivingGeneration) cache?.set(key, rows);
  }
  return identifier ? rows.find((r) => r.identifier === identifier) : rows[0];
}

type ReceivingRows = { agencyId: number; receptionPointId: number | null; identifier: string }[];
let receivingGeneration = 0;
const receivingCache = (db: Db, ttlMs: number) => cacheOf<ReceivingRows>(db, 'receiving', ttlMs);

// rare: forgetting every officer's is simpler than finding the one
onStaffChanged(() => {
  receivingGeneration++;
  for (const ref of allCaches.receiving ?? []) ref.deref()?.clear();
});

/** Short-lived caches of this module, per Db (two databases never share rows by id) and lifetime. */
const caches = new WeakMap<Db, Map<string, ExpiringMap<string, unknown>>>();
const allCaches: Record<string, Set<WeakRef<ExpiringMap<string, unknown>>>> = {};

function cacheOf<V>(db: Db, name: string, ttlMs: number): ExpiringMap<string, V> | null {
  if (ttlMs <= 0) return null;
  let m = caches.get(db);
  if (!m) {
    m = new Map();
    caches.set(db, m);
  }
  const key = `${name}:${ttlMs}`;
  let cache = m.get(key);
  if (!cache) {
    cache = new ExpiringMap<string, unknown>(ttlMs, 5000);
    m.set(key, cache);
    let all = allCaches[name];
    if (!all) {
      all = new Set();
      allCaches[name] = all;
    }
    all.add(new WeakRef(cache));
  }
  return cache as ExpiringMap<string, V>;
}

export async function tenantByCode(db: Db, code: string) {
  return db.selectFrom('tenants').select(['id', 'code']).where('code', '=', code).executeTakeFirst();
}

export async function citizenById(db: Db, id: number) {
  return db.selectFrom('citizens').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Online dossiers go to the one-stop unit the workflow's first step names, else the competent agency. */
export async function receivingAgencyOfWorkflow(
  db: Db,
  tenantId: number,
  workflowId: number,
  competentAgencyId: number,
) {
  const w = await db
    .selectFrom('workflows')
    .select('definition')
    .where('id', '=', workflowId)
    .executeTakeFirstOrThrow();
  const def = w.definition as WorkflowDefinition;
  const first = stepOf(def, def.start);
  if (first.kind !== 'task' || first.role !== 'receiving_officer' || !first.agency) return competentAgencyId;
  const a = await db
    .selectFrom('agencies')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('identifier', '=', first.agency)
    .executeTakeFirst();
  return a?.id ?? competentAgencyId;
}

export async function dossierById(db: Db, id: number): Promise<DossierRow | undefined> {
  return db.selectFrom('dossiers').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Whether an officer's agency takes part in a dossier without leading it: it was consulted, or
 * it processes one of its liên thông children.
 */
export async function takesPart(db: Db, auth: AuthContext, dossierId: number): Promise<boolean> {
  const agencyIds = [...new Set(auth.positions.map((p) => p.agencyId))];
  if (!agencyIds.length) return false;
  const r = await sql<{ one: number }>`
    SELECT 1 AS one FROM dossiers c
     WHERE c.parent_id = ${dossierId} AND c.competent_agency_id = ANY(${agencyIds}::int[])
    UNION ALL
    SELECT 1 FROM dossier_actions a
      JOIN agencies g ON g.tenant_id = a.tenant_id AND g.identifier = split_part(a.payload ->> 'unit', '/', 1)
     WHERE a.dossier_id = ${dossierId} AND a.type = 'consult' AND g.id = ANY(${agencyIds}::int[])
    LIMIT 1`.execute(db);
  return r.rows.length > 0;
}

/** What public tracking shows: no applicant, no officer, nothing personal. */
export async function tracking(db: Db, code: string) {
  return db
    .selectFrom('dossiers as d')
    .innerJoin('procedures as p', 'p.id', 'd.procedure_id')
    .innerJoin('agencies as r', 'r.id', 'd.receiving_agency_id')
    .leftJoin('agencies as s', 's.id', 'd.step_agency_id')
    .select([
      'd.code',
      'd.status',
      'd.national_status',
      'd.state',
      'd.received_at',
      'd.appointment_at',
      'd.finished_at',
      'p.code as procedure_code',
      'p.name as procedure_name',
      'r.name as receiving_agency',
      's.name as step_agency',
    ])
    .where('d.code', '=', code)
    .where('d.parent_id', 'is', null)
    .orderBy('d.id')
    .executeTakeFirst();
}

export async function dossiersOfCitizen(db: Db, citizenId: number, limit: number, before?: number) {
  let q = db
    .selectFrom('dossiers')
    .selectAll()
    .where('citizen_id', '=', citizenId)
    .where('parent_id', 'is', null);
  if (before !== undefined) q = q.where('id', '<', before);
  return q.orderBy('id', 'desc').limit(limit).execute();
}

/**
 * Active officers holding `role` where a step is performed: in its agency, and in its department
 * when it names one (agency-wide positions reach every department). Who may be assigned a step,
 * and who is warned when an unassigned step is due.
 */
export async function staffHolding(
  db: Db,
  role: string,
  place: { agencyId: number; departmentId: number | null },
  limit = 500,
) {
  const rows = await db
    .selectFrom('staff_positions as p')
    .innerJoin('staff as s', 's.id', 'p.staff_id')
    .select(['s.id', 's.email'])
    .distinct()
    .where('p.role', '=', role)
    .where('p.agency_id', '=', place.agencyId)
    .where('s.active', '=', true)
    .where((eb) =>
      place.departmentId === null
        ? eb.lit(true)
        : eb.or([eb('p.department_id', '=', place.departmentId), eb('p.scope', '<>', 'department')]),
    )
    .orderBy('s.id')
    .limit(limit)
    .execute();
  return rows;
}

/** How many open dossiers each of these officers holds (absent: none). */
export async function openLoads(db: Db, staffIds: readonly number[]): Promise<Map<number, number>> {
  if (!staffIds.length) return new Map();
  const rows = await db
    .selectFrom('dossiers')
    .select(['assignee_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('assignee_id', 'in', staffIds)
    .where('status', 'in', ['accepted', 'processing', 'supplement_requested', 'awaiting_payment'])
    .groupBy('assignee_id')
    .execute();
  return new Map(rows.map((r) => [r.assignee_id as number, Number(r.n)]));
}

export async function agencyIdentifier(db: Db, agencyId: number): Promise<string> {
  const r = await db
    .selectFrom('agencies')
    .select('identifier')
    .where('id', '=', agencyId)
    .executeTakeFirstOrThrow();
  return r.identifier;
}

/** The implementation (with its workflow) of a procedure by an agency, for a liên thông child. */
export async function implementationAt(db: Db, tenantId: number, agencyId: number, procedureCode: string) {
  return db
    .selectFrom('procedure_implementations as i')
    .innerJoin('procedures as p', 'p.id', 'i.procedure_id')
    .innerJoin('agencies as a', 'a.id', 'i.agency_id')
    .select(['i.workflow_id', 'p.id as procedure_id', 'a.identifier', 'a.short_name'])
    .where('i.tenant_id', '=', tenantId)
    .where('i.agency_id', '=', agencyId)
    .where('p.code', '=', procedureCode)
    .where('i.active', '=', true)
    .executeTakeFirst();
}

/**
 * A page of a deployment's lead dossiers whose due instant runs (accepted, in processing, awaiting
 * a payment), by id after `afterId`: what a calendar change may move (recalculate.ts).
 */
export async function openDossiersForRecalculation(db: Db, tenantId: number, afterId: number, limit: number) {
  return db
    .selectFrom('dossiers')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('status', 'in', ['accepted', 'processing', 'awaiting_payment'])
    .where('parent_id', 'is', null)
    .where('due_at', 'is not', null)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** The liên thông children of a dossier that have not ended (their status is not final). */
export async function openChildrenOf(db: Db, tenantId: number, parentId: number) {
  return db
    .selectFrom('dossiers')
    .select(['id', 'code'])
    .where('tenant_id', '=', tenantId)
    .where('parent_id', '=', parentId)
    .where('status', 'not in', ['refused', 'stopped', 'withdrawn', 'returned'])
    .orderBy('id')
    .execute();
}

/** A dossier's liên thông children with their competent agency, in the order they were opened. */
export async function childrenWithAgency(db: Db, parentId: number) {
  return db
    .selectFrom('dossiers as d')
    .innerJoin('agencies as a', 'a.id', 'd.competent_agency_id')
    .selectAll('d')
    .select(['a.name as agency_name', 'a.identifier as agency_identifier'])
    .where('d.parent_id', '=', parentId)
    .orderBy('d.id')
    .execute();
}

/** The names of the agencies a dossier's liên thông children went to (the control slip's header). */
export async function childAgencyNames(db: Db, parentId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('dossiers as d')
    .innerJoin('agencies as a', 'a.id', 'd.competent_agency_id')
    .select('a.name')
    .where('d.parent_id', '=', parentId)
    .execute();
  return rows.map((r) => r.name);
}

/** Officers' names and a title of theirs, for the signatures and rows of the forms. */
export async function staffNamesAndTitles(db: Db, ids: readonly number[]) {
  const m = new Map<number, { name: string; title: string | null }>();
  if (!ids.length) return m;
  const rows = await db
    .selectFrom('staff as s')
    .leftJoin('staff_positions as p', 'p.staff_id', 's.id')
    .select(['s.id', 's.full_name', 'p.title'])
    .where('s.id', 'in', [...ids])
    .execute();
  for (const r of rows) if (!m.has(r.id)) m.set(r.id, { name: r.full_name, title: r.title });
  return m;
}

/** An agency's name by id ('' when there is none). */
export async function agencyName(db: Db, id: number): Promise<string> {
  const r = await db.selectFrom('agencies').select('name').where('id', '=', id).executeTakeFirst();
  return r?.name ?? '';
}

/** The dossier register's rows (Sổ theo dõi hồ sơ): what an agency received in [from, to). */
export async function registerRows(db: Db, agencyId: number, from: Date, to: Date) {
  return db
    .selectFrom('dossiers as d')
    .innerJoin('procedures as p', 'p.id', 'd.procedure_id')
    .innerJoin('agencies as c', 'c.id', 'd.competent_agency_id')
    .select([
      'd.id',
      'd.code',
      'd.applicant',
      'd.received_at',
      'd.appointment_at',
      'd.finished_at',
      'd.status',
      'd.state',
      'p.name as procedure_name',
      'c.name as lead_agency',
      // T6: when the one-stop unit handed the dossier on (its first move out of reception)
      sql<Date | null>`(SELECT min(a.at) FROM dossier_actions a WHERE a.dossier_id = d.id AND a.type = 'forward')`.as(
        'forwarded_at',
      ),
    ])
    .where('d.receiving_agency_id', '=', agencyId)
    .where('d.parent_id', 'is', null)
    .where('d.received_at', '>=', from)
    .where('d.received_at', '<', to)
    .orderBy('d.received_at')
    .orderBy('d.id')
    .execute();
}
