import type { Position } from '@motcua/core';
import { type ExpressionBuilder, sql } from 'kysely';
import type { Db } from '../../db/client.js';
import type { AgencyKind, AgencyLevel, Database, ReceptionPointKind } from '../../db/schema.js';

/** Units in force on a date (ISO); null bounds are open. */
export function inForce(date: string) {
  return (eb: ExpressionBuilder<Database, 'admin_units'>) =>
    eb.and([
      eb.or([eb('admin_units.valid_from', 'is', null), eb('admin_units.valid_from', '<=', date)]),
      eb.or([eb('admin_units.valid_to', 'is', null), eb('admin_units.valid_to', '>=', date)]),
    ]);
}

export async function listAdminUnits(
  db: Db,
  f: { date: string; level?: string; parentId?: number; q?: string; limit: number; offset: number },
) {
  let q = db.selectFrom('admin_units').where(inForce(f.date));
  if (f.level) q = q.where('level', '=', f.level as 'province');
  if (f.parentId !== undefined) q = q.where('parent_id', '=', f.parentId);
  if (f.q) q = q.where(sql<boolean>`lower(f_unaccent(full_name)) like ${`%${unaccentLike(f.q)}%`}`);
  const [items, total] = await Promise.all([
    q.selectAll().orderBy('code').limit(f.limit).offset(f.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** Escape LIKE wildcards in user input; accents and case are folded by SQL. */
export function unaccentLike(s: string): string {
  return s.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function getAdminUnit(db: Db, id: number) {
  return db.selectFrom('admin_units').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function unitSuccessions(db: Db, id: number) {
  const [successors, predecessors] = await Promise.all([
    db
      .selectFrom('admin_unit_successions as s')
      .innerJoin('admin_units as u', 'u.id', 's.new_unit_id')
      .select(['u.id', 'u.code', 'u.full_name', 's.effective', 's.kind', 's.confidence'])
      .where('s.old_unit_id', '=', id)
      .orderBy('u.code')
      .execute(),
    db
      .selectFrom('admin_unit_successions as s')
      .innerJoin('admin_units as u', 'u.id', 's.old_unit_id')
      .select(['u.id', 'u.code', 'u.full_name', 's.effective', 's.kind', 's.confidence'])
      .where('s.new_unit_id', '=', id)
      .orderBy('u.code')
      .execute(),
  ]);
  return { successors, predecessors };
}

export interface AgencyInsert {
  tenantId: number;
  identifier: string;
  name: string;
  shortName: string | null;
  kind: AgencyKind;
  level: AgencyLevel;
  adminUnitId: number;
  parentId: number | null;
  isDemo?: boolean;
}

export async function insertAgency(db: Db, a: AgencyInsert) {
  return db
    .insertInto('agencies')
    .values({
      tenant_id: a.tenantId,
      identifier: a.identifier,
      name: a.name,
      short_name: a.shortName,
      kind: a.kind,
      level: a.level,
      admin_unit_id: a.adminUnitId,
      parent_id: a.parentId,
      is_demo: a.isDemo ?? false,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function getAgency(db: Db, id: number) {
  return db.selectFrom('agencies').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findAgencyByIdentifier(db: Db, tenantId: number, identifier: string) {
  return db
    .selectFrom('agencies')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('identifier', '=', identifier)
    .executeTakeFirst();
}

export async function updateAgency(
  db: Db,
  id: number,
  patch: Partial<{ name: string; short_name: string | null; kind: AgencyKind; parent_id: number | null }>,
) {
  return db
    .updateTable('agencies')
    .set({ ...patch, updated_at: sql`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Agencies of a tenant, limited to what the positions reach when `within` is given (unit
 * subtrees and single agencies), searched by accent-insensitive name.
 */
export async function listAgencies(
  db: Db,
  tenantId: number,
  f: { q?: string; level?: string; unitIds?: number[]; agencyIds?: number[]; limit: number; offset: number },
) {
  let q = db
    .selectFrom('agencies as a')
    .innerJoin('admin_units as u', 'u.id', 'a.admin_unit_id')
    .where('a.tenant_id', '=', tenantId);
  if (f.level) q = q.where('a.level', '=', f.level as AgencyLevel);
  if (f.q) q = q.where(sql<boolean>`lower(f_unaccent(a.name)) like ${`%${unaccentLike(f.q)}%`}`);
  if (f.unitIds || f.agencyIds) {
    const unitIds = f.unitIds ?? [];
    const agencyIds = f.agencyIds ?? [];
    q = q.where((eb) =>
      eb.or([
        ...(unitIds.length ? [sql<boolean>`u.ancestor_ids && ${sql.val(unitIds)}::int[]`] : []),
        ...(agencyIds.length ? [eb('a.id', 'in', agencyIds)] : []),
        sql<boolean>`false`,
      ]),
    );
  }
  const [items, total] = await Promise.all([
    q
      .select([
        'a.id',
        'a.identifier',
        'a.name',
        'a.short_name',
        'a.kind',
        'a.level',
        'a.parent_id',
        'a.is_demo',
        'u.id as unit_id',
        'u.code as unit_code',
        'u.full_name as unit_name',
      ])
      .orderBy('a.level')
      .orderBy('a.name')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export async function insertDepartment(
  db: Db,
  d: { tenantId: number; agencyId: number; code: string; name: string },
) {
  return db
    .insertInto('departments')
    .values({ tenant_id: d.tenantId, agency_id: d.agencyId, code: d.code, name: d.name })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listDepartments(db: Db, agencyId: number) {
  return db.selectFrom('departments').selectAll().where('agency_id', '=', agencyId).orderBy('code').execute();
}

export async function insertReceptionPoint(
  db: Db,
  r: {
    tenantId: number;
    code: string;
    name: string;
    kind: ReceptionPointKind;
    agencyId: number;
    adminUnitId: number;
    parentId: number | null;
    address: string | null;
    isDemo?: boolean;
  },
) {
  return db
    .insertInto('reception_points')
    .values({
      tenant_id: r.tenantId,
      code: r.code,
      name: r.name,
      kind: r.kind,
      agency_id: r.agencyId,
      admin_unit_id: r.adminUnitId,
      parent_id: r.parentId,
      address: r.address,
      is_demo: r.isDemo ?? false,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listReceptionPoints(db: Db, tenantId: number) {
  return db
    .selectFrom('reception_points as r')
    .innerJoin('agencies as a', 'a.id', 'r.agency_id')
    .innerJoin('admin_units as u', 'u.id', 'r.admin_unit_id')
    .select([
      'r.id',
      'r.code',
      'r.name',
      'r.kind',
      'r.address',
      'r.parent_id',
      'a.id as agency_id',
      'a.name as agency_name',
      'u.id as unit_id',
      'u.full_name as unit_name',
    ])
    .where('r.tenant_id', '=', tenantId)
    .orderBy('r.kind')
    .orderBy('r.name')
    .execute();
}

export async function insertStaff(
  db: Db,
  s: {
    tenantId: number;
    username: string;
    fullName: string;
    email: string | null;
    phone: string | null;
    passwordHash: string;
    isDemo?: boolean;
  },
) {
  return db
    .insertInto('staff')
    .values({
      tenant_id: s.tenantId,
      username: s.username,
      full_name: s.fullName,
      email: s.email,
      phone: s.phone,
      password_hash: s.passwordHash,
      is_demo: s.isDemo ?? false,
    })
    .returning([
      'id',
      'tenant_id',
      'username',
      'full_name',
      'email',
      'phone',
      'active',
      'is_demo',
      'created_at',
    ])
    .executeTakeFirstOrThrow();
}

export async function insertPosition(
  db: Db,
  p: Omit<Position, 'agencyUnitId'> & {
    staffId: number;
    receptionPointId?: number | null;
    title?: string | null;
  },
) {
  return db
    .insertInto('staff_positions')
    .values({
      tenant_id: p.tenantId,
      staff_id: p.staffId,
      agency_id: p.agencyId,
      department_id: p.departmentId,
      reception_point_id: p.receptionPointId ?? null,
      role: p.role,
      scope: p.scope,
      title: p.title ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Staff holding at least one position in the given agencies or unit subtrees. */
export async function listStaff(
  db: Db,
  tenantId: number,
  f: { unitIds: number[]; agencyIds: number[]; q?: string; agencyId?: number; limit: number; offset: number },
) {
  let q = db
    .selectFrom('staff as s')
    .where('s.tenant_id', '=', tenantId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('staff_positions as p')
          .innerJoin('agencies as a', 'a.id', 'p.agency_id')
          .innerJoin('admin_units as u', 'u.id', 'a.admin_unit_id')
          .whereRef('p.staff_id', '=', 's.id')
          .where((e) =>
            e.or([
              ...(f.unitIds.length ? [sql<boolean>`u.ancestor_ids && ${sql.val(f.unitIds)}::int[]`] : []),
              ...(f.agencyIds.length ? [e('a.id', 'in', f.agencyIds)] : []),
              sql<boolean>`false`,
            ]),
          )
          .select(sql`1`.as('one')),
      ),
    );
  if (f.agencyId !== undefined) {
    const agencyId = f.agencyId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('staff_positions as p2')
          .whereRef('p2.staff_id', '=', 's.id')
          .where('p2.agency_id', '=', agencyId)
          .select(sql`1`.as('one')),
      ),
    );
  }
  if (f.q)
    q = q.where((eb) =>
      eb.or([
        sql<boolean>`lower(f_unaccent(s.full_name)) like ${`%${unaccentLike(f.q ?? '')}%`}`,
        eb('s.username', 'like', `%${unaccentLike(f.q ?? '')}%`),
      ]),
    );
  const [items, total] = await Promise.all([
    q
      .select(['s.id', 's.username', 's.full_name', 's.email', 's.active', 's.is_demo', 's.last_login_at'])
      .orderBy('s.username')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** The positions of some officers, with their agency's and department's names. */
export async function positionsOf(db: Db, staffIds: number[]) {
  if (!staffIds.length) return [];
  return db
    .selectFrom('staff_positions as p')
    .innerJoin('agencies as a', 'a.id', 'p.agency_id')
    .leftJoin('departments as d', 'd.id', 'p.department_id')
    .select([
      'p.id',
      'p.staff_id',
      'p.role',
      'p.scope',
      'p.title',
      'p.agency_id',
      'a.name as agency_name',
      'p.department_id',
      'd.code as department_code',
      'd.name as department_name',
      'p.reception_point_id',
      sql<string | null>`p.valid_to::text`.as('valid_to'),
    ])
    .where('p.staff_id', 'in', staffIds)
    .orderBy('p.staff_id')
    .orderBy('p.id')
    .execute();
}

export async function findStaff(db: Db, id: number) {
  return db
    .selectFrom('staff')
    .select(['id', 'tenant_id', 'username', 'full_name', 'email', 'phone', 'active', 'is_demo', 'created_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function usernameTaken(db: Db, username: string) {
  return !!(await db.selectFrom('staff').select('id').where('username', '=', username).executeTakeFirst());
}

/** Every deployment, oldest first (the first is the portal's default). */
export async function listTenants(db: Db) {
  const rows = await db
    .selectFrom('tenants')
    .select(['code', 'name', 'levels', 'is_demo'])
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ code: r.code, name: r.name, levels: r.levels, isDemo: r.is_demo }));
}
