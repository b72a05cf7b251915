/** All SQL of citizen sign-in: citizens (read), one-time codes, citizen sessions. */
import { sql } from 'kysely';
import type { Db } from '../../db/client.js';
import type { CodeChannel } from './tables.js';

export async function findCitizenByIdentity(db: Db, identityNumber: string) {
  return db
    .selectFrom('citizens')
    .select(['id', 'full_name', 'email', 'phone'])
    .where('identity_number', '=', identityNumber)
    .executeTakeFirst();
}

/** What a receiving officer may fill the applicant in from: the citizen record by identity number. */
export async function applicantByIdentity(db: Db, identityNumber: string) {
  return db
    .selectFrom('citizens')
    .select(['id', 'kind', 'identity_number', 'full_name', 'address', 'email', 'phone'])
    .where('identity_number', '=', identityNumber)
    .executeTakeFirst();
}

export async function findCitizen(db: Db, id: number) {
  return db
    .selectFrom('citizens')
    .select(['id', 'full_name', 'identity_number', 'email', 'phone'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

/** The deployment whose outbox carries the codes: the installation's first one. */
export async function firstTenantId(db: Db): Promise<number | null> {
  const row = await db.selectFrom('tenants').select('id').orderBy('id').limit(1).executeTakeFirst();
  return row?.id ?? null;
}

export async function tenantIdByCode(db: Db, code: string): Promise<number | null> {
  const row = await db.selectFrom('tenants').select('id').where('code', '=', code).executeTakeFirst();
  return row?.id ?? null;
}

export async function decoyKey(db: Db): Promise<string> {
  const row = await db
    .selectFrom('citizen_auth_keys')
    .select('decoy_key')
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return row.decoy_key;
}

export interface CodeLimits {
  ttlSeconds: number;
  cooldownSeconds: number;
  windowSeconds: number;
  maxPerWindow: number;
}

const secs = (n: number) => sql<Date>`make_interval(secs => ${n})`;

/** Rows whose code and window are both over: forgetting them changes no answer. */
export async function sweepCodes(trx: Db, limits: CodeLimits) {
  await trx
    .deleteFrom('citizen_sign_in_codes')
    .where('window_started_at', '<', sql<Date>`now() - ${secs(limits.windowSeconds)}`)
    .where('expires_at', '<', sql<Date>`now()`)
    .execute();
}

/**
 * Stores a new code for the number and channel, replacing the previous one, in one statement so
 * two parallel requests cannot both pass the cooldown. Returns nothing while the cooldown runs or
 * the window's codes are used up.
 */
export async function issueCode(
  trx: Db,
  c: {
    identityNumber: string;
    channel: CodeChannel;
    citizenId: number | null;
    codeHash: string;
    salt: string;
  },
  limits: CodeLimits,
) {
  // in ON CONFLICT DO UPDATE the table's name is the row already there, `excluded` the new one
  const windowOver = sql<boolean>`citizen_sign_in_codes.window_started_at <= now() - ${secs(limits.windowSeconds)}`;
  return trx
    .insertInto('citizen_sign_in_codes')
    .values({
      identity_number: c.identityNumber,
      channel: c.channel,
      citizen_id: c.citizenId,
      code_hash: c.codeHash,
      salt: c.salt,
      expires_at: sql<Date>`now() + ${secs(limits.ttlSeconds)}`,
    })
    .onConflict((oc) =>
      oc
        .columns(['identity_number', 'channel'])
        .doUpdateSet({
          citizen_id: (eb) => eb.ref('excluded.citizen_id'),
          code_hash: (eb) => eb.ref('excluded.code_hash'),
          salt: (eb) => eb.ref('excluded.salt'),
          expires_at: (eb) => eb.ref('excluded.expires_at'),
          attempts: 0,
          issued_at: sql<Date>`now()`,
          window_started_at: sql<Date>`CASE WHEN ${windowOver} THEN now() ELSE citizen_sign_in_codes.window_started_at END`,
          window_count: sql<number>`CASE WHEN ${windowOver} THEN 1 ELSE citizen_sign_in_codes.window_count + 1 END`,
          serial: sql<number>`citizen_sign_in_codes.serial + 1`,
        })
        .where(sql<boolean>`citizen_sign_in_codes.issued_at <= now() - ${secs(limits.cooldownSeconds)}`)
        .where(sql<boolean>`(${windowOver} OR citizen_sign_in_codes.window_count < ${limits.maxPerWindow})`),
    )
    .returning(['id', 'serial'])
    .executeTakeFirst();
}

/** Seconds until the number and channel may have a new code (after issueCode refused). */
export async function secondsUntilNextCode(
  trx: Db,
  identityNumber: string,
  channel: CodeChannel,
  limits: CodeLimits,
): Promise<number> {
  const row = await trx
    .selectFrom('citizen_sign_in_codes')
    .select(
      sql<number>`ceil(extract(epoch FROM greatest(
        issued_at + ${secs(limits.cooldownSeconds)},
        CASE WHEN window_count >= ${limits.maxPerWindow}
          THEN window_started_at + ${secs(limits.windowSeconds)} ELSE now() END
      ) - now()))`.as('wait'),
    )
    .where('identity_number', '=', identityNumber)
    .where('channel', '=', channel)
    .executeTakeFirst();
  return Math.max(1, Number(row?.wait ?? 1));
}

/** The number's codes, locked against parallel guesses, with their state by the database clock. */
export async function lockCodes(trx: Db, identityNumber: string, maxAttempts: number) {
  return trx
    .selectFrom('citizen_sign_in_codes')
    .select([
      'channel',
      'citizen_id',
      'code_hash',
      'salt',
      'attempts',
      sql<boolean>`expires_at <= now()`.as('expired'),
      sql<boolean>`attempts >= ${maxAttempts}`.as('exhausted'),
    ])
    .where('identity_number', '=', identityNumber)
    .orderBy('channel')
    .forUpdate()
    .execute();
}

export async function countWrongCode(trx: Db, identityNumber: string, channels: CodeChannel[]) {
  return trx
    .updateTable('citizen_sign_in_codes')
    .set({ attempts: sql<number>`attempts + 1` })
    .where('identity_number', '=', identityNumber)
    .where('channel', 'in', channels)
    .returning('attempts')
    .execute();
}

export async function deleteCodes(trx: Db, identityNumber: string) {
  await trx.deleteFrom('citizen_sign_in_codes').where('identity_number', '=', identityNumber).execute();
}

// ---- sessions ------------------------------------------------------------------------------------

export async function insertSession(
  db: Db,
  s: {
    id: string;
    citizenId: number;
    csrfToken: string;
    ttlMinutes: number;
    ip: string | null;
    userAgent: string | null;
  },
) {
  await db
    .insertInto('citizen_sessions')
    .values({
      id: s.id,
      citizen_id: s.citizenId,
      csrf_token: s.csrfToken,
      expires_at: sql<Date>`now() + make_interval(mins => ${s.ttlMinutes})`,
      ip: s.ip,
      user_agent: s.userAgent,
    })
    .execute();
}

/** Sessions past their life or idle too long: nothing can use them again. */
export async function sweepSessions(db: Db, idleMinutes: number) {
  await db
    .deleteFrom('citizen_sessions')
    .where((w) =>
      w.or([
        w('expires_at', '<', sql<Date>`now()`),
        w('last_seen_at', '<', sql<Date>`now() - make_interval(mins => ${idleMinutes})`),
      ]),
    )
    .execute();
}

/** The live session with its citizen, or undefined when unknown, expired or idle too long. */
export async function findLiveSession(db: Db, id: string, idleMinutes: number) {
  return db
    .selectFrom('citizen_sessions as s')
    .innerJoin('citizens as c', 'c.id', 's.citizen_id')
    .select([
      's.id',
      's.csrf_token',
      's.last_seen_at',
      'c.id as citizen_id',
      'c.full_name',
      'c.identity_number',
    ])
    .where('s.id', '=', id)
    .where('s.expires_at', '>', sql<Date>`now()`)
    .where('s.last_seen_at', '>', sql<Date>`now() - make_interval(mins => ${idleMinutes})`)
    .executeTakeFirst();
}

export async function touchSession(db: Db, id: string) {
  await db.updateTable('citizen_sessions').set({ last_seen_at: sql`now()` }).where('id', '=', id).execute();
}

export async function deleteSession(db: Db, id: string) {
  await db.deleteFrom('citizen_sessions').where('id', '=', id).execute();
}
