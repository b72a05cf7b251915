/**
 * Citizen sign-in with a one-time code: request a code by e-mail or SMS (sent through the outbox
 * in the request's transaction, never from the handler), verify it, and the citizen sessions that
 * follow (cookie `motcua_csid`, CSRF token, longest life and idle timeout as officers have).
 *
 * No answer tells whether an identity number belongs to a citizen. A number without one (or a
 * citizen without the requested contact) goes through the same steps with a code nobody receives:
 * the same 202 with a plausible masked destination, the same cooldown, the same wrong-code and
 * expiry answers. Nothing is enqueued for it.
 */
import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { AuthContext, CitizenContext } from '../../auth/access.js';
import { needsTouch, sessionIdOf } from '../../auth/sessions.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { errors } from '../../errors.js';
import { isEmailAddress } from '../../integrations/email/index.js';
import { normalizePhone } from '../../integrations/sms/index.js';
import { enqueue } from '../../jobs/outbox.js';
import { actorOf, recordAudit } from '../audit/repository.js';
import { citizenErrors } from './errors.js';
import { CODE_TOPIC, codeEmail, codeSms, decoyMask, maskEmail, maskPhone } from './messages.js';
import * as repo from './repository.js';
import type { CodeChannel } from './tables.js';

export const CITIZEN_SESSION_COOKIE = 'motcua_csid';

/**
 * Ten minutes covers a slow SMS; five tries, a minute between requests and five codes an hour per
 * number and channel bound an attacker to 50 guesses an hour at a million codes.
 */
export const CODE_LIMITS: repo.CodeLimits = {
  ttlSeconds: 10 * 60,
  cooldownSeconds: 60,
  windowSeconds: 60 * 60,
  maxPerWindow: 5,
};
export const MAX_ATTEMPTS = 5;

const hmac = (key: string, data: string) => createHmac('sha256', key).update(data).digest();
const sessionId = sessionIdOf;
const newCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

/** Identity numbers are compared as the table stores them (organisation codes in capitals). */
const normalizeIdentity = (s: string) => s.trim().toUpperCase();

function destinationOf(
  citizen: { email: string | null; phone: string | null },
  channel: CodeChannel,
): { recipient: string; masked: string } | null {
  if (channel === 'email') {
    const email = citizen.email?.trim();
    return email && isEmailAddress(email) ? { recipient: email, masked: maskEmail(email) } : null;
  }
  const phone = citizen.phone ? normalizePhone(citizen.phone) : null;
  return phone ? { recipient: phone, masked: maskPhone(phone) } : null;
}

export interface CodeSent {
  channel: CodeChannel;
  destination: string;
  expiresInSeconds: number;
  resendAfterSeconds: number;
}

export async function requestCode(
  db: Db,
  input: { identityNumber: string; channel: CodeChannel; tenant?: string },
): Promise<CodeSent> {
  const identityNumber = normalizeIdentity(input.identityNumber);
  const { channel } = input;
  const destination = await db.transaction().execute(async (trx) => {
    // Citizens belong to the installation, outbox rows to a deployment: the deployment whose portal
    // the citizen is on sends the code (its SMS and mail settings, its administrators' dead
    // letters), the first one when the portal does not say. Checked before anything else, so even
    // these refusals are the same for every number.
    const tenantId = input.tenant
      ? await repo.tenantIdByCode(trx, input.tenant)
      : await repo.firstTenantId(trx);
    if (tenantId === null)
      throw input.tenant ? citizenErrors.unknownTenant(input.tenant) : citizenErrors.unavailable();
    await repo.sweepCodes(trx, CODE_LIMITS);
    const citizen = await repo.findCitizenByIdentity(trx, identityNumber);
    const to = citizen ? destinationOf(citizen, channel) : null;
    const code = to ? newCode() : null;
    const salt = randomBytes(16).toString('hex');
    // a decoy's hash is of 32 random bytes: no six-digit code matches it
    const codeHash = hmac(salt, code ?? randomBytes(32).toString('hex')).toString('hex');
    const issued = await repo.issueCode(
      trx,
      { identityNumber, channel, citizenId: to && citizen ? citizen.id : null, codeHash, salt },
      CODE_LIMITS,
    );
    if (!issued)
      throw citizenErrors.cooldown(
        await repo.secondsUntilNextCode(trx, identityNumber, channel, CODE_LIMITS),
      );
    if (!to || !code || !citizen)
      return decoyMask(channel, hmac(await repo.decoyKey(trx), `${channel}:${identityNumber}`));
    const minutes = CODE_LIMITS.ttlSeconds / 60;
    await enqueue(trx, {
      tenantId,
      channel,
      topic: CODE_TOPIC,
      recipient: to.recipient,
      payload:
        channel === 'email' ? codeEmail(citizen.full_name, code, minutes) : { text: codeSms(code, minutes) },
      // one message per issued code: the row's id and how many codes it has carried
      idempotencyKey: `${CODE_TOPIC}:${issued.id}:${issued.serial}`,
      ref: { type: 'citizen', id: citizen.id },
    });
    return to.masked;
  });
  return {
    channel,
    destination,
    expiresInSeconds: CODE_LIMITS.ttlSeconds,
    resendAfterSeconds: CODE_LIMITS.cooldownSeconds,
  };
}

type VerifyOutcome =
  | { ok: true; token: string; csrfToken: string; citizenId: number }
  | { ok: false; error: 'invalid'; attemptsLeft: number | null }
  | { ok: false; error: 'expired' | 'locked' };

/**
 * Checks the code against the number's live codes (e-mail and SMS both count) and opens a session.
 * A wrong code counts against every live code of the number; the count is committed before the
 * refusal is thrown, or a rollback would give an attacker unlimited tries.
 */
export async function verifyCode(
  db: Db,
  config: Config,
  input: { identityNumber: string; code: string; ip: string | null; userAgent: string | null },
): Promise<{ token: string; csrfToken: string; citizenId: number }> {
  const identityNumber = normalizeIdentity(input.identityNumber);
  const outcome = await db.transaction().execute(async (trx): Promise<VerifyOutcome> => {
    const rows = await repo.lockCodes(trx, identityNumber, MAX_ATTEMPTS);
    const live = rows.filter((r) => !r.expired && !r.exhausted);
    const match = live.find(
      (r) =>
        r.citizen_id !== null && timingSafeEqual(hmac(r.salt, input.code), Buffer.from(r.code_hash, 'hex')),
    );
    if (match?.citizen_id) {
      // one-time: a sign-in spends every code the number has
      await repo.deleteCodes(trx, identityNumber);
      await repo.sweepSessions(trx, config.sessionIdleMinutes);
      const token = randomBytes(32).toString('base64url');
      const csrfToken = randomBytes(24).toString('base64url');
      await repo.insertSession(trx, {
        id: sessionId(token),
        citizenId: match.citizen_id,
        csrfToken,
        ttlMinutes: config.sessionTtlMinutes,
        ip: input.ip,
        userAgent: input.userAgent?.slice(0, 300) ?? null,
      });
      return { ok: true, token, csrfToken, citizenId: match.citizen_id };
    }
    if (rows.length === 0) return { ok: false, error: 'invalid', attemptsLeft: null };
    if (live.length === 0) return { ok: false, error: rows.some((r) => !r.expired) ? 'locked' : 'expired' };
    const after = await repo.countWrongCode(
      trx,
      identityNumber,
      live.map((r) => r.channel),
    );
    const left = Math.max(0, MAX_ATTEMPTS - Math.min(...after.map((a) => a.attempts)));
    return left === 0 ? { ok: false, error: 'locked' } : { ok: false, error: 'invalid', attemptsLeft: left };
  });
  if (outcome.ok) return outcome;
  if (outcome.error === 'invalid') throw citizenErrors.invalid(outcome.attemptsLeft);
  throw outcome.error === 'expired' ? citizenErrors.expired() : citizenErrors.locked();
}

export async function authenticateCitizen(
  db: Db,
  config: Config,
  token: string | undefined,
): Promise<CitizenContext | null> {
  if (!token || token.length > 200) return null;
  const id = sessionId(token);
  const s = await repo.findLiveSession(db, id, config.sessionIdleMinutes);
  if (!s) return null;
  if (needsTouch(s.last_seen_at)) await repo.touchSession(db, id);
  return {
    id: s.citizen_id,
    sessionId: id,
    csrfToken: s.csrf_token,
    fullName: s.full_name,
    identityNumber: s.identity_number,
  };
}

export async function logout(db: Db, citizen: CitizenContext) {
  await repo.deleteSession(db, citizen.sessionId);
}

export async function profile(db: Db, citizen: CitizenContext) {
  const c = await repo.findCitizen(db, citizen.id);
  return {
    citizen: {
      id: c.id,
      fullName: c.full_name,
      identityNumber: c.identity_number,
      email: c.email,
      phone: c.phone,
    },
    csrfToken: citizen.csrfToken,
  };
}

/**
 * A receiving officer fills the applicant in from the citizen record: the whole identity number
 * only (no browsing by name or part of a number), and every look-up is written to the audit log,
 * because the answer is personal data (Decree 13/2023).
 */
export async function lookupApplicant(
  db: Db,
  auth: AuthContext,
  identityNumber: string,
  meta: { requestId: string; ip: string },
) {
  const row = await repo.applicantByIdentity(db, identityNumber);
  await recordAudit(db, {
    ...actorOf(auth),
    action: 'citizen.lookup',
    entityType: 'citizen',
    entityId: row?.id ?? null,
    after: { identityNumber, found: !!row },
    ...meta,
  });
  if (!row) throw errors.notFound('citizen', identityNumber, 'công dân');
  return {
    kind: row.kind,
    identityNumber: row.identity_number,
    name: row.full_name,
    address: row.address,
    email: row.email,
    phone: row.phone,
  };
}
