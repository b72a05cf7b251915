import { randomBytes } from 'node:crypto';
import type { Role } from '@motcua/core';
import type { AuthContext } from '../../auth/access.js';
import { dummyHash, verifyPassword } from '../../auth/passwords.js';
import { needsTouch, sessionIdOf } from '../../auth/sessions.js';
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

export async function authenticate(
  db: Db,
  config: Config,
  token: string | undefined,
): Promise<AuthContext | null> {
  if (!token || token.length > 200) return null;
  const id = sessionId(token);
  const s = await repo.findLiveSession(db, id, config.sessionIdleMinutes);
  if (!s) return null;
  if (needsTouch(s.last_seen_at)) await repo.touchSession(db, id);
  return {
    sessionId: id,
    csrfToken: s.csrf_token,
    staffId: s.staff_id,
    username: s.username,
    fullName: s.full_name,
    tenantId: s.tenant_id,
    positions: repo.toPositions(s.positions),
  };
}

export async function logout(db: Db, auth: AuthContext) {
  await repo.deleteSession(db, auth.sessionId);
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
