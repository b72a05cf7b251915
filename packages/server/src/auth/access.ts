/**
 * The authorisation layer. Every route under /api declares `config.access`; a route without one
 * makes the server refuse to start. The declaration says who may call it: anyone, any signed-in
 * officer, officers holding one of some roles whose position reaches the target the request
 * touches (agency, department or administrative unit), a signed-in citizen, or anyone signed in.
 * Officers and citizens have separate sessions and cookies: neither opens the other's routes.
 */
import { canAct, type Position, type ResolvedTarget, type Role } from '@motcua/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { Db } from '../db/client.js';
import { errors } from '../errors.js';

export type TargetRef = { agencyId: number } | { departmentId: number } | { adminUnitId: number };

export type Access =
  | { public: true }
  | { authenticated: true }
  /** A signed-in citizen (modules/citizens). */
  | { citizen: true }
  /** A signed-in officer or citizen; the handler tells which from req.auth and req.citizen. */
  | { signedIn: true }
  | {
      roles: readonly Role[];
      /** The resource the request touches; omitted for lists, which services filter by scope. */
      target?: (req: FastifyRequest) => TargetRef | null | Promise<TargetRef | null>;
    };

export interface AuthContext {
  sessionId: string;
  csrfToken: string;
  staffId: number;
  username: string;
  fullName: string;
  tenantId: number;
  positions: Position[];
}

/** A signed-in citizen, from the `motcua_csid` cookie. */
export interface CitizenContext {
  id: number;
  sessionId: string;
  csrfToken: string;
  fullName: string;
  identityNumber: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    auth: AuthContext | null;
    citizen: CitizenContext | null;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The signed-in citizen of a `{citizen: true}` route, or 401. */
export function requireCitizen(req: FastifyRequest): CitizenContext {
  if (!req.citizen) throw errors.unauthenticated();
  return req.citizen;
}

export async function resolveTarget(db: Db, ref: TargetRef): Promise<ResolvedTarget | null> {
  if ('adminUnitId' in ref) {
    const unit = await db
      .selectFrom('admin_units')
      .select('ancestor_ids')
      .where('id', '=', ref.adminUnitId)
      .executeTakeFirst();
    return unit
      ? { tenantId: null, agencyId: null, departmentId: null, unitAncestorIds: unit.ancestor_ids }
      : null;
  }
  const q = db
    .selectFrom('agencies as a')
    .innerJoin('admin_units as u', 'u.id', 'a.admin_unit_id')
    .select(['a.id as agencyId', 'a.tenant_id as tenantId', 'u.ancestor_ids as ancestors']);
  const row =
    'agencyId' in ref
      ? await q.select(sql<null>`null`.as('departmentId')).where('a.id', '=', ref.agencyId).executeTakeFirst()
      : await q
          .innerJoin('departments as d', 'd.agency_id', 'a.id')
          .select('d.id as departmentId')
          .where('d.id', '=', ref.departmentId)
          .executeTakeFirst();
  if (!row) return null;
  return {
    tenantId: row.tenantId,
    agencyId: row.agencyId,
    departmentId: row.departmentId,
    unitAncestorIds: row.ancestors,
  };
}

export function registerAccessControl(app: FastifyInstance, db: Db): void {
  app.decorateRequest('auth', null);
  app.decorateRequest('citizen', null);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    if (!route.config?.access) throw new Error(`route ${route.method} ${route.url} declares no access rule`);
  });

  app.addHook('preHandler', async (req) => {
    const access = req.routeOptions.config.access;
    if (!access || 'public' in access) return;
    const unsafe = UNSAFE.has(req.method);
    if ('citizen' in access) {
      const citizen = requireCitizen(req);
      if (unsafe && req.headers['x-csrf-token'] !== citizen.csrfToken) throw errors.csrf();
      return;
    }
    if ('signedIn' in access) {
      const sessions = [req.auth, req.citizen].filter((s) => s !== null);
      if (sessions.length === 0) throw errors.unauthenticated();
      // a browser may hold both cookies; the token of either session proves the page is ours
      if (unsafe && !sessions.some((s) => req.headers['x-csrf-token'] === s.csrfToken)) throw errors.csrf();
      return;
    }
    const auth = req.auth;
    if (!auth) throw errors.unauthenticated();
    // Cookie sessions are what a cross-site form would ride on; the token only our pages can read
    // must come back in a header on every state-changing request.
    if (UNSAFE.has(req.method) && req.headers['x-csrf-token'] !== auth.csrfToken) throw errors.csrf();
    if ('authenticated' in access) return;
    const ref = access.target ? await access.target(req) : null;
    let target: ResolvedTarget | null = null;
    if (ref) {
      target = await resolveTarget(db, ref);
      if (!target) {
        const [entity, id] = Object.entries(ref)[0] as [string, number];
        throw errors.notFound(entity.replace(/Id$/, ''), id, 'đối tượng');
      }
    }
    if (!canAct(auth.positions, access.roles, target))
      throw errors.forbidden({ requiredRoles: access.roles, target: ref ?? undefined });
  });
}
