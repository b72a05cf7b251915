import { type CalendarException, EXCEPTION_KINDS } from '@motcua/core';
import { sql } from 'kysely';
import type { Db } from '../../db/client.js';

export const NATIONAL_CALENDAR = 'vn-public-sector';

export interface CalendarRow {
  id: number;
  code: string;
  name: string;
  tenant_id: number | null;
  agency_id: number | null;
  parent_id: number | null;
  weekly_pattern: Record<string, string[]> | null;
  standard_day: string[] | null;
  same_day_cutoff: string;
  utc_offset_minutes: number;
  revision: number;
}

/** The calendar and its ancestors, itself first. */
export async function calendarChain(db: Db, id: number): Promise<CalendarRow[]> {
  const { rows } = await sql<CalendarRow & { depth: number }>`
    with recursive chain as (
      select c.*, 0 as depth from calendars c where c.id = ${id}
      union all
      select p.*, chain.depth + 1 from calendars p join chain on p.id = chain.parent_id where chain.depth < 10
    )
    select id, code, name, tenant_id, agency_id, parent_id, weekly_pattern, standard_day, same_day_cutoff,
           utc_offset_minutes, revision, depth
    from chain order by depth`.execute(db);
  return rows;
}

export async function calendarIdByCode(db: Db, code: string): Promise<number | undefined> {
  return (await db.selectFrom('calendars').select('id').where('code', '=', code).executeTakeFirst())?.id;
}

export async function listCalendars(db: Db, tenantId: number) {
  return db
    .selectFrom('calendars as c')
    .leftJoin('agencies as a', 'a.id', 'c.agency_id')
    .select([
      'c.id',
      'c.code',
      'c.name',
      'c.tenant_id',
      'c.parent_id',
      'c.agency_id',
      'a.name as agency_name',
      'c.revision',
    ])
    .where((eb) => eb.or([eb('c.tenant_id', 'is', null), eb('c.tenant_id', '=', tenantId)]))
    .orderBy('c.id')
    .execute();
}

export interface ExceptionRow extends CalendarException {
  calendarId: number;
  confidence: string | null;
}

export async function exceptionsOf(
  db: Db,
  calendarIds: number[],
  range?: { from: string; to: string },
): Promise<ExceptionRow[]> {
  if (!calendarIds.length) return [];
  let q = db
    .selectFrom('calendar_exceptions')
    .select(['calendar_id', 'date', 'kind', 'name', 'legal_basis', 'status', 'confidence'])
    .where('calendar_id', 'in', calendarIds);
  if (range) q = q.where('date', '>=', range.from).where('date', '<=', range.to);
  const rows = await q.orderBy('date').execute();
  return rows.map((r) => ({
    calendarId: r.calendar_id,
    date: r.date,
    kind: r.kind,
    name: r.name,
    legalBasis: r.legal_basis,
    status: r.status,
    confidence: r.confidence,
  }));
}

export async function findException(db: Db, calendarId: number, date: string) {
  return db
    .selectFrom('calendar_exceptions')
    .selectAll()
    .where('calendar_id', '=', calendarId)
    .where('date', '=', date)
    .executeTakeFirst();
}

export async function upsertException(
  db: Db,
  calendarId: number,
  e: CalendarException & { confidence?: string | null },
) {
  return db
    .insertInto('calendar_exceptions')
    .values({
      calendar_id: calendarId,
      date: e.date,
      kind: e.kind,
      name: e.name,
      legal_basis: e.legalBasis,
      status: e.status,
      confidence: e.confidence ?? null,
    })
    .onConflict((oc) =>
      oc.columns(['calendar_id', 'date']).doUpdateSet({
        kind: e.kind,
        name: e.name,
        legal_basis: e.legalBasis,
        status: e.status,
        confidence: e.confidence ?? null,
        updated_at: sql`now()`,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteException(db: Db, calendarId: number, date: string) {
  return db
    .deleteFrom('calendar_exceptions')
    .where('calendar_id', '=', calendarId)
    .where('date', '=', date)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteProvisionalYear(db: Db, calendarId: number, year: number) {
  return db
    .deleteFrom('calendar_exceptions')
    .where('calendar_id', '=', calendarId)
    .where('status', '=', 'provisional')
    .where('date', '>=', `${year}-01-01`)
    .where('date', '<=', `${year}-12-31`)
    .returningAll()
    .execute();
}

export async function confirmYear(db: Db, calendarId: number, year: number) {
  return db
    .updateTable('calendar_exceptions')
    .set({ status: 'official', updated_at: sql`now()` })
    .where('calendar_id', '=', calendarId)
    .where('status', '=', 'provisional')
    .where('date', '>=', `${year}-01-01`)
    .where('date', '<=', `${year}-12-31`)
    .returning(['date', 'kind', 'name'])
    .execute();
}

export async function bumpRevision(db: Db, calendarId: number) {
  await db
    .updateTable('calendars')
    .set({ revision: sql`revision + 1`, updated_at: sql`now()` })
    .where('id', '=', calendarId)
    .execute();
}

export async function updateWorkingTime(
  db: Db,
  calendarId: number,
  v: { weekly: Record<string, string[]> | null; standardDay: string[] | null; sameDayCutoff: string },
) {
  return db
    .updateTable('calendars')
    .set({
      weekly_pattern: v.weekly === null ? null : JSON.stringify(v.weekly),
      standard_day: v.standardDay === null ? null : JSON.stringify(v.standardDay),
      same_day_cutoff: v.sameDayCutoff,
      revision: sql`revision + 1`,
      updated_at: sql`now()`,
    })
    .where('id', '=', calendarId)
    .returning(['id', 'weekly_pattern', 'standard_day', 'same_day_cutoff', 'revision'])
    .executeTakeFirstOrThrow();
}

export async function enabledHolidayRules(db: Db, calendarIds: number[]) {
  if (!calendarIds.length) return [];
  return db
    .selectFrom('holiday_rules')
    .selectAll()
    .where('calendar_id', 'in', calendarIds)
    .where('enabled', '=', true)
    .execute();
}

export const isExceptionKind = (k: string): k is CalendarException['kind'] =>
  (EXCEPTION_KINDS as readonly string[]).includes(k);

export async function holidayRulesOf(db: Db, calendarIds: number[]) {
  if (!calendarIds.length) return [];
  return db
    .selectFrom('holiday_rules')
    .selectAll()
    .where('calendar_id', 'in', calendarIds)
    .orderBy('id')
    .execute();
}

export async function insertHolidayRule(
  db: Db,
  r: {
    calendarId: number;
    name: string;
    calendarKind: 'solar' | 'lunar';
    month: number;
    day: number;
    legalBasis: string | null;
    enabled: boolean;
    validFrom: string | null;
  },
) {
  return db
    .insertInto('holiday_rules')
    .values({
      calendar_id: r.calendarId,
      name: r.name,
      calendar_kind: r.calendarKind,
      month: r.month,
      day: r.day,
      legal_basis: r.legalBasis,
      enabled: r.enabled,
      valid_from: r.validFrom,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function setHolidayRuleEnabled(db: Db, ruleId: number, calendarId: number, enabled: boolean) {
  return db
    .updateTable('holiday_rules')
    .set({ enabled })
    .where('id', '=', ruleId)
    .where('calendar_id', '=', calendarId)
    .returningAll()
    .executeTakeFirst();
}

/**
 * The deployments a calendar serves: its own, or every deployment for a calendar of none (the
 * national one, which every deployment's chain ends in).
 */
export async function calendarTenants(db: Db, calendarId: number): Promise<number[]> {
  const c = await db
    .selectFrom('calendars')
    .select('tenant_id')
    .where('id', '=', calendarId)
    .executeTakeFirst();
  if (!c) return [];
  if (c.tenant_id !== null) return [c.tenant_id];
  return (await db.selectFrom('tenants').select('id').orderBy('id').execute()).map((t) => t.id);
}

export async function revisionOf(db: Db, calendarId: number): Promise<number> {
  const r = await db
    .selectFrom('calendars')
    .select('revision')
    .where('id', '=', calendarId)
    .executeTakeFirstOrThrow();
  return r.revision;
}
