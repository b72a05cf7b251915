import { randomBytes } from 'node:crypto';
import type { Role } from '@motcua/core';
import type { AuthContext } from '../../auth/access.js';
import { dummyHash, verifyPassword } from '../../auth/passwords.js';
import { ExpiringMap, needsTouch, onStaffChanged, sessionIdOf, staffChanged } from '../../auth/sessions.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { errors } from '../../errors.js';
import * as repo from './repository.js';

export const SESSION_COOKIE = 'motcua_sid';

const sessionId = sessionIdOf;

export interface LoginInput {
  username: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
}

export async function login(db: Db, config: Config, input: LoginInput) {
  const username = input.username.trim().toLowerCase();
  const staff = await repo.findStaffByUsername(db, username);
  if (!staff?.active) {
    await verifyPassword(await dummyHash(), input.password);
    throw errors.invalidCredentials();
  }
  if (staff.locked_until && new Date(staff.locked_until) > new Date())
    throw errors.accountLocked(new Date(staff.locked_until));
  if (!(await verifyPassword(staff.password_hash, input.password))) {
    const after = await repo.recordFailedLogin(
      db,
      staff.id,
      config.loginMaxFailures,
      config.loginLockMinutes,
    );
    if (after.locked_until && new Date(after.locked_until) > new Date())
      throw errors.accountLocked(new Date(after.locked_until));
    throw errors.invalidCredentials();
  }
  await repo.recordSuccessfulLogin(db, staff.id);
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await repo.insertSession(db, {
    id: sessionId(token),
    staffId: staff.id,
    csrfToken,
    ttlMinutes: config.sessionTtlMinutes,
    ip: input.ip,
    userAgent: input.userAgent?.slice(0, 300) ?? null,
  });
  return { token, csrfToken, staffId: staff.id };
}

interface CachedSession {
  auth: AuthContext;
  /** epoch ms, as the database last recorded them */
  expiresAt: number;
  lastSeenAt: number;
}

/**
 * Live sessions with their officer and positions, for MOTCUA_SESSION_CACHE_MS (config
 * sessionCacheMs): the look-up runs on every signed-in request, and most requests of an officer
 * come in bursts. Expiry and the idle timeout are still checked on every request, against the
 * cached instants; a sign-out, or a change of an officer's positions, password or active flag
 * made through this process (staffChanged), applies at once. The trade-off: such a change made
 * in another process of the installation (another server, the CLI, SQL) applies here only when
 * the entry expires, at most MOTCUA_SESSION_CACHE_MS later (0 turns the cache off). Keyed by the
 * Db as well: two databases never share a session.
 */
const sessionCaches = new WeakMap<Db, Map<number, ExpiringMap<string, CachedSession>>>();
const allSessionCaches = new Set<WeakRef<ExpiringMap<string, CachedSession>>>();

function sessionCache(db: Db, ttlMs: number): ExpiringMap<string, CachedSession> | null {
  if (ttlMs <= 0) return null;
  let byTtl = sessionCaches.get(db);
  if (!byTtl) {
    byTtl = new Map();
    sessionCaches.set(db, byTtl);
  }
  let cache = byTtl.get(ttlMs);
  if (!cache) {
    cache = new ExpiringMap(ttlMs);
    byTtl.set(ttlMs, cache);
    allSessionCaches.add(new WeakRef(cache));
  }
  return cache;
}

/**
 * Bumped by every sign-out and staff change: a look-up that started before one does not cache
 * what it read (it may be the session just ended).
 */
let generation = 0;

onStaffChanged((staffId) => {
  generation++;
  for (const ref of allSessionCaches) {
    const cache = ref.deref();
    if (!cache) allSessionCaches.delete(ref);
    else if (staffId === null) cache.clear();
    else cache.deleteWhere((s) => s.auth.staffId === staffId);
  }
});

/** Forgets a session in every cache of this process (sign-out). */
function forgetSession(id: string) {
  generation++;
  for (const ref of allSessionCaches) ref.deref()?.delete(id);
}

export async function authenticate(
  db: Db,
  config: Config,
  token: string | undefined,
): Promise<AuthContext | null> {
  if (!token || token.length > 200) return null;
  const id = sessionId(token);
  const cache = sessionCache(db, config.sessionCacheMs);
  const now = Date.now();
  const hit = cache?.get(id, now);
  if (hit && hit.expiresAt > now && hit.lastSeenAt > now - config.sessionIdleMinutes * 60_000) {
    if (needsTouch(hit.lastSeenAt, now)) {
      await repo.touchSession(db, id);
      hit.lastSeenAt = now;
    }
    return { ...hit.auth };
  }
  const seen = generation;
  const s = await repo.findLiveSession(db, id, config.sessionIdleMinutes);
  if (!s) {
    cache?.delete(id);
    return null;
  }
  let lastSeenAt = new Date(s.last_seen_at).getTime();
  if (needsTouch(s.last_seen_at, now)) {
    await repo.touchSession(db, id);
    lastSeenAt = now;
  }
  const auth: AuthContext = {
    sessionId: id,
    csrfToken: s.csrf_token,
    staffId: s.staff_id,
    username: s.username,
    fullName: s.full_name,
    tenantId: s.tenant_id,
    positions: repo.toPositions(s.positions),
  };
  if (seen === generation)
    cache?.set(id, { auth, expiresAt: new Date(s.expires_at).getTime(), lastSeenAt }, now);
  return { ...auth };
}

export async function logout(db: Db, auth: AuthContext) {
  await repo.deleteSession(db, auth.sessionId);
  forgetSession(auth.sessionId);
}

/**
 * Ends every session of an officer (for a password change or a deactivation) and forgets what
 * this process cached about them.
 */
export async function endSessionsOf(db: Db, staffId: number) {
  await repo.deleteSessionsOf(db, staffId);
  staffChanged(staffId);
}

export async function profile(db: Db, auth: AuthContext) {
  const positions = await repo.describePositions(db, auth.staffId);
  const tenant = await db
    .selectFrom('tenants')
    .select(['id', 'code', 'name', 'levels'])
    .where('id', '=', auth.tenantId)
    .executeTakeFirstOrThrow();
  return {
    staff: { id: auth.staffId, username: auth.username, fullName: auth.fullName },
    tenant,
    positions: positions.map((p) => ({
      id: p.id,
      role: p.role as Role,
      scope: p.scope,
      title: p.title,
      agency: { id: p.agencyId, name: p.agencyName },
      department: p.departmentId === null ? null : { id: p.departmentId, name: p.departmentName ?? '' },
      receptionPoint:
        p.receptionPointId === null ? null : { id: p.receptionPointId, name: p.receptionPointName ?? '' },
    })),
    csrfToken: auth.csrfToken,
  };
}
