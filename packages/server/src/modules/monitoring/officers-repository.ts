/**
 * The SQL of the per-officer statistics and of the on-the-spot rate (issue #7 items 4 and 5). Both
 * need who recorded each action, which only the action log holds, so they select the dossiers a
 * period concerns by index and hand their logs (repository.ts logsOf) to the core's folds.
 */

import type { Role } from '@motcua/core';
import { sql } from 'kysely';
import type { Db } from '../../db/client.js';

export async function agencyOf(db: Db, tenantId: number, agencyId: number) {
  return db
    .selectFrom('agencies')
    .select(['id', 'name', 'identifier'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', agencyId)
    .executeTakeFirst();
}

/**
 * The active officers with a position at the agency in one of `roles` valid at some time in
 * [from, to) (valid_from/valid_to are civil dates in Vietnam), with those roles: the people a
 * statistics table lists even when they handled nothing.
 */
export async function agencyStaff(
  db: Db,
  tenantId: number,
  agencyId: number,
  roles: readonly Role[],
  from: Date,
  to: Date,
) {
  const last = new Date(to.getTime() - 1);
  return db
    .selectFrom('staff as s')
    .innerJoin('staff_positions as p', 'p.staff_id', 's.id')
    .select([
      's.id',
      's.full_name',
      's.username',
      sql<Role[]>`array_agg(distinct p.role order by p.role)`.as('roles'),
    ])
    .where('p.tenant_id', '=', tenantId)
    .where('p.agency_id', '=', agencyId)
    .where('p.role', 'in', roles)
    .where('s.active', '=', true)
    .where((eb) =>
      eb.or([
        eb('p.valid_from', 'is', null),
        eb(
          'p.valid_from',
          '<=',
          sql<string>`(${last}::timestamptz at time zone 'UTC' + interval '7 hours')::date`,
        ),
      ]),
    )
    .where((eb) =>
      eb.or([
        eb('p.valid_to', 'is', null),
        eb(
          'p.valid_to',
          '>=',
          sql<string>`(${from}::timestamptz at time zone 'UTC' + interval '7 hours')::date`,
        ),
      ]),
    )
    .groupBy(['s.id', 's.full_name', 's.username'])
    .execute();
}

export async function staffNames(db: Db, tenantId: number, ids: number[]) {
  if (!ids.length) return [];
  return db
    .selectFrom('staff')
    .select(['id', 'full_name', 'username'])
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', ids)
    .execute();
}

/**
 * The dossiers whose logs the agency's officer statistics of [from, to) read: those with an
 * action recorded in the period by an officer in a position of the agency (dossier_actions_tenant_at),
 * and those received by or competent at the agency still open at the period's end (what its officers
 * may be holding then).
 */
export async function officerDossierIds(
  db: Db,
  tenantId: number,
  agency: { id: number; identifier: string },
  from: Date,
  to: Date,
): Promise<number[]> {
  const { rows } = await sql<{ id: string }>`
    select a.dossier_id as id
      from dossier_actions a
     where a.tenant_id = ${tenantId} and a.at >= ${from} and a.at < ${to}
       and a.actor ->> 'kind' = 'officer' and a.actor ->> 'agency' = ${agency.identifier}
    union
    select f.dossier_id
      from dossier_facts f
     where f.tenant_id = ${tenantId}
       and (f.competent_agency_id = ${agency.id} or f.receiving_agency_id = ${agency.id})
       and f.received_at < ${to}
       and (f.end_at is null or f.end_at >= ${to})
       and (f.withdrawn_at is null or f.withdrawn_at >= ${to})
     order by 1`.execute(db);
  return rows.map((r) => Number(r.id));
}

/** The deployment's service centres and reception points, with the agency that runs each. */
export async function receptionPoints(db: Db, tenantId: number) {
  return db
    .selectFrom('reception_points as r')
    .innerJoin('agencies as a', 'a.id', 'r.agency_id')
    .select([
      'r.id',
      'r.code',
      'r.name',
      'r.kind',
      'r.parent_id',
      'a.id as agency_id',
      'a.name as agency_name',
      'a.identifier as agency_identifier',
    ])
    .where('r.tenant_id', '=', tenantId)
    .execute();
}

/** The dossiers received (accepted) at reception points of the deployment in [from, to), with their procedure. */
export async function receivedAtPoints(db: Db, tenantId: number, pointIds: number[], from: Date, to: Date) {
  if (!pointIds.length) return [];
  return db
    .selectFrom('dossiers as d')
    .innerJoin('dossier_facts as f', 'f.dossier_id', 'd.id')
    .innerJoin('procedures as p', 'p.id', 'd.procedure_id')
    .select(['d.id', 'd.reception_point_id', 'p.code as procedure_code', 'p.name as procedure_name'])
    .where('d.tenant_id', '=', tenantId)
    .where('d.reception_point_id', 'in', pointIds)
    .where('f.received_at', '>=', from)
    .where('f.received_at', '<', to)
    .orderBy('d.id')
    .execute();
}
