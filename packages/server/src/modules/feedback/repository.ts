/**
 * All SQL of the PAKN module (migrations/0016_feedback.sql): the feedback row and its log, written
 * together; the officials' list, paged and scoped in SQL; the public answers; the indicators'
 * period read; and the idempotency keys of its requests (the table of 0008, keyed `feedback:…`).
 */
import type { FeedbackAction, FeedbackClassification, FeedbackSnapshot, FeedbackState } from '@motcua/core';
import { type Selectable, sql } from 'kysely';
import type { Db } from '../../db/client.js';
import type { FeedbackActionsTable, FeedbackTable, Submitter } from './tables.js';

export type FeedbackRow = Selectable<FeedbackTable>;
export type FeedbackActionRow = Selectable<FeedbackActionsTable>;

const at = (ms: number | null) => (ms === null ? null : new Date(ms));

/** The columns derived from the snapshot (written with every action). */
function derived(s: FeedbackSnapshot) {
  return {
    status: s.status as FeedbackState,
    version: s.version,
    state: JSON.stringify(s),
    classification: s.classification,
    publish_by: at(s.publishBy),
    refused_at: at(s.refusedAt),
    resolved_at: at(s.resolvedAt),
    published_at: at(s.publishedAt),
  };
}

export async function tenantIdByCode(db: Db, code: string): Promise<number | undefined> {
  const r = await db.selectFrom('tenants').select('id').where('code', '=', code).executeTakeFirst();
  return r?.id;
}

export async function agencyByIdentifier(db: Db, tenantId: number, identifier: string) {
  return db
    .selectFrom('agencies')
    .select(['id', 'name', 'identifier'])
    .where('tenant_id', '=', tenantId)
    .where('identifier', '=', identifier)
    .executeTakeFirst();
}

/** The agencies of a deployment in force on `day` (YYYY-MM-DD), by name: where a PAKN may be sent. */
export async function agenciesInForce(db: Db, tenantId: number, day: string) {
  return db
    .selectFrom('agencies')
    .select(['identifier', 'name', 'level'])
    .where('tenant_id', '=', tenantId)
    .where((eb) => eb.or([eb('valid_from', 'is', null), eb('valid_from', '<=', day)]))
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', day)]))
    .orderBy('name')
    .orderBy('identifier')
    .execute();
}

export async function procedureExists(db: Db, code: string): Promise<boolean> {
  return !!(await db.selectFrom('procedures').select('id').where('code', '=', code).executeTakeFirst());
}

export async function dossierOf(db: Db, tenantId: number, code: string) {
  return db
    .selectFrom('dossiers')
    .select(['id', 'citizen_id'])
    .where('tenant_id', '=', tenantId)
    .where('code', '=', code)
    .executeTakeFirst();
}

export async function nextFeedbackId(trx: Db): Promise<number> {
  const { rows } = await sql<{ id: number }>`
    select nextval(pg_get_serial_sequence('feedback', 'id'))::bigint as id`.execute(trx);
  return Number(rows[0]!.id);
}

export interface NewFeedback {
  id: number;
  tenantId: number;
  code: string;
  agencyId: number;
  procedureCode: string | null;
  dossierId: number | null;
  citizenId: number | null;
  accessTokenHash: string | null;
  submitter: Submitter;
  title: string;
  content: string;
  previousId: number | null;
  state: FeedbackSnapshot;
}

export async function insertFeedback(trx: Db, f: NewFeedback): Promise<FeedbackRow> {
  return trx
    .insertInto('feedback')
    .values({
      id: f.id,
      tenant_id: f.tenantId,
      code: f.code,
      agency_id: f.agencyId,
      procedure_code: f.procedureCode,
      dossier_id: f.dossierId,
      citizen_id: f.citizenId,
      access_token_hash: f.accessTokenHash,
      submitter: JSON.stringify(f.submitter),
      title: f.title,
      content: f.content,
      previous_id: f.previousId,
      received_at: new Date(f.state.receivedAt),
      refuse_by: new Date(f.state.refuseBy),
      request_info_by: new Date(f.state.requestInfoBy),
      resolve_by: new Date(f.state.resolveBy),
      ...derived(f.state),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function getFeedback(db: Db, id: number): Promise<FeedbackRow | undefined> {
  return db.selectFrom('feedback').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function lockFeedback(trx: Db, id: number): Promise<FeedbackRow | undefined> {
  return trx.selectFrom('feedback').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateFeedback(trx: Db, id: number, s: FeedbackSnapshot): Promise<FeedbackRow> {
  return trx
    .updateTable('feedback')
    .set({ ...derived(s), updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertAction(
  trx: Db,
  a: { feedbackId: number; tenantId: number; seq: number; action: FeedbackAction; requestId: string },
): Promise<FeedbackActionRow> {
  return trx
    .insertInto('feedback_actions')
    .values({
      feedback_id: a.feedbackId,
      tenant_id: a.tenantId,
      seq: a.seq,
      type: a.action.type,
      at: new Date(a.action.at),
      actor: JSON.stringify(a.action.actor),
      payload: JSON.stringify(a.action),
      request_id: a.requestId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The latest request for more information, when one is open (what the submitter must answer). */
export async function lastInfoRequest(db: Db, feedbackId: number) {
  return db
    .selectFrom('feedback_actions')
    .select(['payload', 'at'])
    .where('feedback_id', '=', feedbackId)
    .where('type', '=', 'request_info')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function listActions(db: Db, feedbackId: number): Promise<FeedbackActionRow[]> {
  return db
    .selectFrom('feedback_actions')
    .selectAll()
    .where('feedback_id', '=', feedbackId)
    .orderBy('seq')
    .execute();
}

/** What an official's positions reach, as SQL filters on an agency (core reachOf). */
export interface Reach {
  unitIds: number[];
  agencyIds: number[];
  departmentIds: number[];
}

export interface ListFilter {
  status?: FeedbackState;
  classification?: FeedbackClassification | 'unclassified';
  /** true: a deadline owed is past; false: none is */
  overdue?: boolean;
  agencyId?: number;
  limit: number;
  offset: number;
}

/**
 * The PAKN of the agencies the reach covers (an agency, a department's agency, a unit subtree),
 * soonest due first, one page and the total. "Overdue" at `now`: still owed a refusal-or-answer
 * past resolve_by, or an answer still unpublished past publish_by.
 */
export async function listFeedback(db: Db, tenantId: number, reach: Reach, f: ListFilter, now: number) {
  const t = new Date(now);
  let q = db
    .selectFrom('feedback as f')
    .innerJoin('agencies as a', 'a.id', 'f.agency_id')
    .innerJoin('admin_units as u', 'u.id', 'a.admin_unit_id')
    .where('f.tenant_id', '=', tenantId)
    .where((eb) => {
      const ors = [];
      if (reach.agencyIds.length) ors.push(eb('f.agency_id', 'in', reach.agencyIds));
      if (reach.departmentIds.length)
        ors.push(
          eb(
            'f.agency_id',
            'in',
            eb.selectFrom('departments').select('agency_id').where('id', 'in', reach.departmentIds),
          ),
        );
      if (reach.unitIds.length)
        ors.push(sql<boolean>`u.ancestor_ids && ${sql.val(reach.unitIds)}::integer[]`);
      return ors.length ? eb.or(ors) : sql<boolean>`false`;
    });
  if (f.agencyId !== undefined) q = q.where('f.agency_id', '=', f.agencyId);
  if (f.status) q = q.where('f.status', '=', f.status);
  if (f.classification === 'unclassified') q = q.where('f.classification', 'is', null);
  else if (f.classification) q = q.where('f.classification', '=', f.classification);
  if (f.overdue !== undefined) {
    const overdue = sql<boolean>`(
      (f.status IN ('received', 'info_requested') AND f.resolve_by < ${t})
      OR (f.status = 'resolved' AND f.publish_by < ${t}))`;
    q = q.where(f.overdue ? overdue : sql<boolean>`NOT ${overdue}`);
  }
  const [items, total] = await Promise.all([
    q
      .select([
        'f.id',
        'f.code',
        'f.agency_id',
        'a.name as agency_name',
        'f.procedure_code',
        'f.title',
        'f.classification',
        'f.status',
        'f.version',
        'f.received_at',
        'f.refuse_by',
        'f.request_info_by',
        'f.resolve_by',
        'f.publish_by',
        'f.resolved_at',
        'f.published_at',
        'f.state',
      ])
      .orderBy('f.resolve_by')
      .orderBy('f.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export async function agencyUnits(db: Db, agencyId: number) {
  return db
    .selectFrom('agencies as a')
    .innerJoin('admin_units as u', 'u.id', 'a.admin_unit_id')
    .select(['a.id', 'a.name', 'u.ancestor_ids as ancestors'])
    .where('a.id', '=', agencyId)
    .executeTakeFirst();
}

/** The name the citizen and the officer read a PAKN's agency by. */
export async function agencyName(db: Db, agencyId: number): Promise<string> {
  const a = await db.selectFrom('agencies').select('name').where('id', '=', agencyId).executeTakeFirst();
  return a?.name ?? '';
}

export async function departmentAgencies(db: Db, departmentIds: number[]): Promise<number[]> {
  if (!departmentIds.length) return [];
  const rows = await db
    .selectFrom('departments')
    .select('agency_id')
    .where('id', 'in', departmentIds)
    .execute();
  return rows.map((r) => r.agency_id);
}

/** Published answers of a deployment (optionally one agency), newest first: no personal data. */
export async function publishedAnswers(
  db: Db,
  tenantId: number,
  f: { agencyId?: number; procedureCode?: string; limit: number; offset: number },
) {
  let q = db
    .selectFrom('feedback as f')
    .innerJoin('agencies as a', 'a.id', 'f.agency_id')
    .where('f.tenant_id', '=', tenantId)
    .where('f.published_at', 'is not', null);
  if (f.agencyId !== undefined) q = q.where('f.agency_id', '=', f.agencyId);
  if (f.procedureCode) q = q.where('f.procedure_code', '=', f.procedureCode);
  const [items, total] = await Promise.all([
    q
      .select([
        'f.code',
        'a.name as agency_name',
        'f.procedure_code',
        'f.title',
        'f.classification',
        'f.received_at',
        'f.resolved_at',
        'f.published_at',
        'f.state',
      ])
      .orderBy('f.published_at', 'desc')
      .orderBy('f.id', 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** A deployment's PAKN that a period [from, to) counts: received before its end, not handled before its start. */
export async function periodFeedback(db: Db, tenantId: number, from: Date, to: Date) {
  return db
    .selectFrom('feedback as f')
    .innerJoin('agencies as a', 'a.id', 'f.agency_id')
    .select([
      'f.id',
      'f.agency_id',
      'a.name as agency_name',
      'a.identifier as agency_identifier',
      'a.level as agency_level',
      'f.state',
    ])
    .where('f.tenant_id', '=', tenantId)
    .where('f.received_at', '<', to)
    .where((eb) =>
      eb.or([
        eb.and([eb('f.refused_at', 'is', null), eb('f.resolved_at', 'is', null)]),
        eb(sql`coalesce(f.refused_at, f.resolved_at)`, '>=', from),
      ]),
    )
    .orderBy('f.id')
    .execute();
}

export async function feedbackOfCitizen(db: Db, citizenId: number, limit: number) {
  return db
    .selectFrom('feedback as f')
    .innerJoin('agencies as a', 'a.id', 'f.agency_id')
    .selectAll('f')
    .select('a.name as agency_name')
    .where('f.citizen_id', '=', citizenId)
    .orderBy('f.id', 'desc')
    .limit(limit)
    .execute();
}
