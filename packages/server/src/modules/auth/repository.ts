import type { Position, Role } from '@motcua/core';
import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Db } from '../../db/client.js';

export async function findStaffByUsername(db: Db, username: string) {
  return db.selectFrom('staff').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function recordFailedLogin(db: Db, staffId: number, maxFailures: number, lockMinutes: number) {
  // One statement, so two parallel wrong guesses both count.
  return db
    .updateTable('staff')
    .set({
      failed_logins: sql`CASE WHEN failed_logins + 1 >= ${maxFailures} THEN 0 ELSE failed_logins + 1 END`,
      locked_until: sql`CASE WHEN failed_logins + 1 >= ${maxFailures} THEN now() + make_interval(mins => ${lockMinutes}) ELSE locked_until END`,
    })
    .where('id', '=', staffId)
    .returning(['failed_logins', 'locked_until'])
    .executeTakeFirstOrThrow();
}

export async function recordSuccessfulLogin(db: Db, staffId: number) {
  await db
    .updateTable('staff')
    .set({ failed_logins: 0, locked_until: null, last_login_at: sql`now()` })
    .where('id', '=', staffId)
    .execute();
}

export async function insertSession(
  db: Db,
  s: {
    id: string;
    staffId: number;
    csrfToken: string;
    ttlMinutes: number;
    ip: string | null;
    userAgent: string | null;
  },
) {
  await db
    .insertInto('sessions')
    .values({
      id: s.id,
      staff_id: s.staffId,
      csrf_token: s.csrfToken,
      expires_at: sql`now() + make_interval(mins => ${s.ttlMinutes})`,
      ip: s.ip,
      user_agent: s.userAgent,
    })
    .execute();
}

/**
 * The live session with its officer and the positions in force today, in one statement (it runs
 * on every signed-in request), or undefined when unknown, expired or idle too long.
 */
export async function findLiveSession(db: Db, id: string, idleMinutes: number) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('staff as st', 'st.id', 's.staff_id')
    .select((eb) => [
      's.id',
      's.csrf_token',
      's.last_seen_at',
      's.expires_at',
      'st.id as staff_id',
      'st.username',
      'st.full_name',
      'st.tenant_id',
      jsonArrayFrom(
        eb
          .selectFrom('staff_positions as p')
          .innerJoin('agencies as a', 'a.id', 'p.agency_id')
          .select(['p.role', 'p.scope', 'p.tenant_id', 'p.agency_id', 'p.department_id', 'a.admin_unit_id'])
          .whereRef('p.staff_id', '=', 'st.id')
          .where((w) =>
            w.or([w('p.valid_from', 'is', null), w('p.valid_from', '<=', sql<string>`current_date`)]),
          )
          .where((w) => w.or([w('p.valid_to', 'is', null), w('p.valid_to', '>=', sql<string>`current_date`)]))
          .orderBy('p.id'),
      ).as('positions'),
    ])
    .where('s.id', '=', id)
    .where('s.expires_at', '>', sql<Date>`now()`)
    .where('s.last_seen_at', '>', sql<Date>`now() - make_interval(mins => ${idleMinutes})`)
    .where('st.active', '=', true)
    .executeTakeFirst();
}

export async function touchSession(db: Db, id: string) {
  await db.updateTable('sessions').set({ last_seen_at: sql`now()` }).where('id', '=', id).execute();
}

export async function deleteSession(db: Db, id: string) {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteSessionsOf(db: Db, staffId: number) {
  await db.deleteFrom('sessions').where('staff_id', '=', staffId).execute();
}

export async function deleteExpiredSessions(db: Db) {
  await db.deleteFrom('sessions').where('expires_at', '<', sql<Date>`now()`).execute();
}

/** Positions as the access layer uses them. */
export function toPositions(
  rows: {
    role: string;
    scope: Position['scope'];
    tenant_id: number;
    agency_id: number;
    department_id: number | null;
    admin_unit_id: number;
  }[],
): Position[] {
  return rows.map((r) => ({
    role: r.role as Role,
    scope: r.scope,
    tenantId: r.tenant_id,
    agencyId: r.agency_id,
    departmentId: r.department_id,
    agencyUnitId: r.admin_unit_id,
  }));
}

/** Positions with names, for the officer's own profile. */
export async function describePositions(db: Db, staffId: number) {
  return db
    .selectFrom('staff_positions as p')
    .innerJoin('agencies as a', 'a.id', 'p.agency_id')
    .leftJoin('departments as d', 'd.id', 'p.department_id')
    .leftJoin('reception_points as r', 'r.id', 'p.reception_point_id')
    .select([
      'p.id',
      'p.role',
      'p.scope',
      'p.title',
      'a.id as agencyId',
      'a.name as agencyName',
      'd.id as departmentId',
      'd.name as departmentName',
      'r.id as receptionPointId',
      'r.name as receptionPointName',
    ])
    .where('p.staff_id', '=', staffId)
    .orderBy('p.id')
    .execute();
}
