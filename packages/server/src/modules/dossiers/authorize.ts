/**
 * Who may act on a dossier (issue #5 item 11, PITFALLS E2): an officer acts only through a
 * position whose role the action needs and whose reach covers the agency (and department) that
 * performs it; a citizen only on their own dossier. The route layer checks only that someone is
 * signed in: what a dossier allows depends on its state, which only the service knows.
 */
import type { Actor, Position, Role } from '@motcua/core';
import type { FastifyRequest } from 'fastify';
import type { AuthContext } from '../../auth/access.js';
import type { Db } from '../../db/client.js';
import { DomainError, errors } from '../../errors.js';

/** Who is asking: an officer with their positions, or a signed-in citizen. */
export type Requester = { kind: 'officer'; auth: AuthContext } | { kind: 'citizen'; citizenId: number };

/** The requester of a `{signedIn: true}` route: the officer or the citizen whose session it is. */
export function requesterOf(req: FastifyRequest): Requester {
  if (req.auth) return { kind: 'officer', auth: req.auth };
  if (req.citizen) return { kind: 'citizen', citizenId: req.citizen.id };
  throw errors.unauthenticated();
}

export interface Place {
  agencyId: number;
  /** null = the whole agency (any department) */
  departmentId: number | null;
}

interface AgencyUnit {
  agencyId: number;
  unitAncestorIds: number[];
}

const unitCache = new WeakMap<Db, Map<number, AgencyUnit>>();

async function agencyUnit(db: Db, agencyId: number): Promise<AgencyUnit | null> {
  let m = unitCache.get(db);
  if (!m) {
    m = new Map();
    unitCache.set(db, m);
  }
  const hit = m.get(agencyId);
  if (hit) return hit;
  const r = await db
    .selectFrom('agencies as a')
    .innerJoin('admin_units as u', 'u.id', 'a.admin_unit_id')
    .select(['a.id', 'u.ancestor_ids'])
    .where('a.id', '=', agencyId)
    .executeTakeFirst();
  if (!r) return null;
  const v = { agencyId: r.id, unitAncestorIds: r.ancestor_ids };
  if (m.size > 5000) m.clear();
  m.set(agencyId, v);
  return v;
}

/**
 * Whether a position reaches a place. A department-scoped position reaches its department, and
 * a step open to any department of its agency; an agency-scoped one the whole agency; a
 * unit-subtree one every agency attached to a unit below its own.
 */
function reaches(p: Position, place: Place, unit: AgencyUnit): boolean {
  switch (p.scope) {
    case 'department':
      return (
        p.agencyId === place.agencyId &&
        (place.departmentId === null || p.departmentId === place.departmentId)
      );
    case 'agency':
      return p.agencyId === place.agencyId;
    case 'unit_subtree':
      return unit.unitAncestorIds.includes(p.agencyUnitId);
  }
}

/** The first position (in the order of `roles`) that holds one of the roles and reaches the place. */
export async function positionFor(
  db: Db,
  auth: AuthContext,
  roles: readonly Role[],
  place: Place,
): Promise<Position | null> {
  const unit = await agencyUnit(db, place.agencyId);
  if (!unit) return null;
  for (const role of roles)
    for (const p of auth.positions)
      if (p.role === role && p.tenantId === auth.tenantId && reaches(p, place, unit)) return p;
  return null;
}

export const notPermitted = (details: Record<string, unknown>) =>
  new DomainError(
    403,
    'FORBIDDEN',
    'You are not allowed to do this on this dossier',
    'Bạn không có quyền thực hiện thao tác này đối với hồ sơ',
    details,
  );

/** Like positionFor, but refuses with 403 naming the roles and place required. */
export async function requirePosition(
  db: Db,
  auth: AuthContext,
  roles: readonly Role[],
  place: Place,
): Promise<Position> {
  const p = await positionFor(db, auth, roles, place);
  if (!p)
    throw notPermitted({ requiredRoles: roles, agencyId: place.agencyId, departmentId: place.departmentId });
  return p;
}

const identifierCache = new WeakMap<Db, Map<number, string>>();

export async function officerActor(db: Db, auth: AuthContext, p: Position): Promise<Actor> {
  let m = identifierCache.get(db);
  if (!m) {
    m = new Map();
    identifierCache.set(db, m);
  }
  let identifier = m.get(p.agencyId);
  if (identifier === undefined) {
    const r = await db
      .selectFrom('agencies')
      .select('identifier')
      .where('id', '=', p.agencyId)
      .executeTakeFirstOrThrow();
    identifier = r.identifier;
    m.set(p.agencyId, identifier);
  }
  return { kind: 'officer', staffId: auth.staffId, role: p.role, agency: identifier };
}

/** The roles that may read any dossier their positions reach (besides the performers of its steps). */
export const READER_ROLES: readonly Role[] = [
  'receiving_officer',
  'specialist',
  'department_head',
  'agency_leader',
  'clerk',
  'inspector',
  'admin',
];
