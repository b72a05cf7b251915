import { type Insertable, sql } from 'kysely';
import type { Db } from '../../db/client.js';
import type { ProcedureVersionsTable } from '../../db/schema.js';

export async function listFields(db: Db) {
  return db
    .selectFrom('fields as f')
    .leftJoin('procedures as p', 'p.field_id', 'f.id')
    .select(['f.id', 'f.code', 'f.name', (eb) => eb.fn.count<number>('p.id').as('procedures')])
    .groupBy('f.id')
    .orderBy('f.name')
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Versions

const VERSION_COLUMNS = [
  'v.id',
  'v.procedure_id',
  'v.version_no',
  'v.status',
  'v.name',
  'v.decision_no',
  'v.decision_date',
  'v.field_name',
  'v.effective_from',
  'v.retired_on',
  'v.levels',
  'v.procedure_type',
  'v.applicant_types',
  'v.competent_agency',
  'v.implementing_agency',
  'v.coordinating_agency',
  'v.channels',
  'v.documents',
  'v.eform',
  'v.results',
  'v.online_level',
  'v.conditions',
  'v.legal_basis',
  'v.steps_text',
  'v.source',
  'v.source_url',
  'v.review_flags',
  'v.content_hash',
  'v.created_at',
  'v.published_at',
] as const;

export type VersionRow = Awaited<ReturnType<typeof getVersion>> & {};

export async function findProcedure(db: Db, code: string) {
  return db
    .selectFrom('procedures as p')
    .leftJoin('fields as f', 'f.id', 'p.field_id')
    .select(['p.id', 'p.code', 'p.name', 'p.ministry', 'p.current_version_id', 'f.name as field_name'])
    .where('p.code', '=', code)
    .executeTakeFirst();
}

export async function getVersion(db: Db, procedureId: number, versionNo: number) {
  return db
    .selectFrom('procedure_versions as v')
    .select(VERSION_COLUMNS)
    .where('v.procedure_id', '=', procedureId)
    .where('v.version_no', '=', versionNo)
    .executeTakeFirst();
}

export async function getVersionById(db: Db, id: number) {
  return db
    .selectFrom('procedure_versions as v')
    .select(VERSION_COLUMNS)
    .where('v.id', '=', id)
    .executeTakeFirst();
}

export async function getDraft(db: Db, procedureId: number) {
  return db
    .selectFrom('procedure_versions as v')
    .select(VERSION_COLUMNS)
    .where('v.procedure_id', '=', procedureId)
    .where('v.status', '=', 'draft')
    .executeTakeFirst();
}

/**
 * The version a dossier received on `date` is bound to: the published (or since retired) version
 * with the latest effective date not after `date`; none when that version's procedure was
 * abolished by then. A version without an effective date has been in force since the beginning.
 */
function inForce(db: Db, procedureId: number, date: string) {
  return db
    .selectFrom('procedure_versions as v')
    .where('v.procedure_id', '=', procedureId)
    .where('v.status', '<>', 'draft')
    .where(sql<boolean>`coalesce(v.effective_from, '-infinity'::date) <= ${date}::date`)
    .orderBy(sql`coalesce(v.effective_from, '-infinity'::date)`, 'desc')
    .limit(1);
}

export async function versionInForce(db: Db, procedureId: number, date: string) {
  const v = await inForce(db, procedureId, date).select(VERSION_COLUMNS).executeTakeFirst();
  if (!v || (v.retired_on !== null && v.retired_on <= date)) return null;
  return v;
}

/** The same rule, the id only (a dossier binds the id; published content is cached by it). */
export async function versionIdInForce(db: Db, procedureId: number, date: string): Promise<number | null> {
  const v = await inForce(db, procedureId, date).select(['v.id', 'v.retired_on']).executeTakeFirst();
  if (!v || (v.retired_on !== null && v.retired_on <= date)) return null;
  return v.id;
}

export async function listVersions(db: Db, procedureId: number) {
  return db
    .selectFrom('procedure_versions as v')
    .select([
      'v.version_no',
      'v.status',
      'v.decision_no',
      'v.decision_date',
      'v.effective_from',
      'v.retired_on',
      'v.source',
      'v.created_at',
      'v.published_at',
    ])
    .where('v.procedure_id', '=', procedureId)
    .orderBy('v.version_no', 'desc')
    .execute();
}

export async function maxVersionNo(db: Db, procedureId: number): Promise<number> {
  const r = await db
    .selectFrom('procedure_versions')
    .select((eb) => eb.fn.max<number | null>('version_no').as('n'))
    .where('procedure_id', '=', procedureId)
    .executeTakeFirstOrThrow();
  return Number(r.n ?? 0);
}

/** The latest effective date among published versions ('-infinity' stands for "since always"). */
export async function latestEffective(db: Db, procedureId: number) {
  return db
    .selectFrom('procedure_versions')
    .select(['version_no', 'effective_from'])
    .where('procedure_id', '=', procedureId)
    .where('status', '<>', 'draft')
    .orderBy(sql`coalesce(effective_from, '-infinity'::date)`, 'desc')
    .limit(1)
    .executeTakeFirst();
}

export type VersionValues = Omit<
  Insertable<ProcedureVersionsTable>,
  | 'id'
  | 'created_at'
  | 'published_at'
  | 'retired_on'
  | 'published_by'
  | 'status'
  | 'procedure_id'
  | 'version_no'
>;

export async function insertDraft(db: Db, procedureId: number, versionNo: number, values: VersionValues) {
  return db
    .insertInto('procedure_versions')
    .values({ ...values, procedure_id: procedureId, version_no: versionNo, status: 'draft' })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function updateDraft(db: Db, id: number, values: VersionValues) {
  await db
    .updateTable('procedure_versions')
    .set(values)
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .execute();
}

export async function deleteDraft(db: Db, id: number) {
  await db.deleteFrom('procedure_versions').where('id', '=', id).where('status', '=', 'draft').execute();
}

export async function publishDraft(
  db: Db,
  id: number,
  p: { effectiveFrom: string; decisionNo: string; decisionDate: string; by: number | null },
) {
  await db
    .updateTable('procedure_versions')
    .set({
      status: 'published',
      effective_from: p.effectiveFrom,
      decision_no: p.decisionNo,
      decision_date: p.decisionDate,
      published_at: sql`now()`,
      published_by: p.by,
    })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .execute();
}

export async function retireVersion(db: Db, id: number, retiredOn: string) {
  await db
    .updateTable('procedure_versions')
    .set({ status: 'retired', retired_on: retiredOn })
    .where('id', '=', id)
    .execute();
}

export async function insertProcedure(db: Db, p: { code: string; name: string; fieldId: number | null }) {
  return db
    .insertInto('procedures')
    .values({ code: p.code, name: p.name, field_id: p.fieldId, ministry: null })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function fieldIdByName(db: Db, name: string | null): Promise<number | null> {
  if (!name) return null;
  await db
    .insertInto('fields')
    .values({ name })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  return (await db.selectFrom('fields').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
}

/**
 * Points procedures at the version in force on `today` (all procedures, or one). The catalogue
 * lists and searches by that pointer, so it must move when a future-dated version takes effect.
 */
export async function refreshCurrentVersions(db: Db, today: string, procedureId?: number): Promise<number> {
  const r = await sql`
    with latest as (
      select distinct on (v.procedure_id) v.procedure_id, v.id, v.status, v.retired_on
      from procedure_versions v
      where v.status <> 'draft' and coalesce(v.effective_from, '-infinity'::date) <= ${today}::date
        ${procedureId === undefined ? sql`` : sql`and v.procedure_id = ${procedureId}`}
      order by v.procedure_id, coalesce(v.effective_from, '-infinity'::date) desc
    ), target as (
      select p.id, case when l.retired_on is not null and l.retired_on <= ${today}::date then null else l.id end as vid
      from procedures p left join latest l on l.procedure_id = p.id
      ${procedureId === undefined ? sql`` : sql`where p.id = ${procedureId}`}
    ), moved as (
      update procedures p set current_version_id = t.vid, updated_at = now()
      from target t where t.id = p.id and p.current_version_id is distinct from t.vid
      returning p.id, t.vid
    )
    update procedures p set name = v.name, field_id = coalesce((select f.id from fields f where f.name = v.field_name), p.field_id)
    from moved m join procedure_versions v on v.id = m.vid
    where p.id = m.id`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

export async function tenantIdByCode(db: Db, code: string): Promise<number | undefined> {
  return (await db.selectFrom('tenants').select('id').where('code', '=', code).executeTakeFirst())?.id;
}

/** Where a deployment implements a procedure (active implementations), for the public detail. */
export async function implementationsInTenant(db: Db, tenantCode: string, procedureId: number) {
  return db
    .selectFrom('procedure_implementations as i')
    .innerJoin('tenants as t', 't.id', 'i.tenant_id')
    .innerJoin('agencies as a', 'a.id', 'i.agency_id')
    .select(['a.identifier', 'a.name', 'a.level', 'i.local_code', 'i.fee_overrides', 'i.workflow_id'])
    .where('t.code', '=', tenantCode)
    .where('i.procedure_id', '=', procedureId)
    .where('i.active', '=', true)
    .orderBy('a.identifier')
    .execute();
}
