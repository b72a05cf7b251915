/** The SQL behind world.ts: the pinned workflow, agencies, departments and calendars of a dossier. */
import { sql } from 'kysely';
import type { Db } from '../../db/client.js';
import type { AgencyRef } from './world.js';

export async function workflowById(db: Db, id: number) {
  return db
    .selectFrom('workflows')
    .select(['id', 'agency_id', 'procedure_id', 'definition'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function procedureById(db: Db, id: number) {
  return db.selectFrom('procedures').select(['id', 'code', 'name']).where('id', '=', id).executeTakeFirst();
}

function agencyQuery(db: Db) {
  return db
    .selectFrom('agencies as a')
    .innerJoin('tenants as t', 't.id', 'a.tenant_id')
    .leftJoin('agencies as p', 'p.id', 'a.parent_id')
    .leftJoin('admin_units as u', 'u.id', 't.root_unit_id')
    .select([
      'a.id',
      'a.identifier',
      'a.name',
      'a.short_name as shortName',
      'p.name as parentName',
      sql<string>`coalesce(u.name, t.name)`.as('place'),
    ]);
}

export async function agencyById(db: Db, id: number): Promise<AgencyRef | undefined> {
  return agencyQuery(db).where('a.id', '=', id).executeTakeFirst();
}

export async function agencyByIdentifier(
  db: Db,
  tenantId: number,
  identifier: string,
): Promise<AgencyRef | undefined> {
  return agencyQuery(db)
    .where('a.tenant_id', '=', tenantId)
    .where('a.identifier', '=', identifier)
    .executeTakeFirst();
}

export async function departmentId(db: Db, agencyId: number, code: string): Promise<number | undefined> {
  const r = await db
    .selectFrom('departments')
    .select('id')
    .where('agency_id', '=', agencyId)
    .where('code', '=', code)
    .executeTakeFirst();
  return r?.id;
}

/** The agency's own calendar, else its deployment's; undefined means the national calendar. */
export async function calendarIdForAgency(db: Db, agencyId: number): Promise<number | undefined> {
  const r = await db
    .selectFrom('calendars as c')
    .innerJoin('agencies as a', (j) =>
      j.on((eb) =>
        eb.or([
          eb('c.agency_id', '=', eb.ref('a.id')),
          eb.and([eb('c.agency_id', 'is', null), eb('c.tenant_id', '=', eb.ref('a.tenant_id'))]),
        ]),
      ),
    )
    .select('c.id')
    .where('a.id', '=', agencyId)
    // the agency's own calendar first
    .orderBy(sql`c.agency_id IS NULL`)
    .executeTakeFirst();
  return r?.id;
}
