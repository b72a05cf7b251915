/**
 * The outbox table (migrations/0007_outbox.sql): writing a message in the caller's transaction,
 * and the queries the worker and the administrators' screens run on it. All SQL on
 * outbox_messages lives here.
 */
import { createHash } from 'node:crypto';
import { type ColumnType, type Generated, type Kysely, sql } from 'kysely';
import type { Db } from '../db/client.js';
import type { Params } from '../db/text.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type OutboxState = 'pending' | 'delivered' | 'dead';
export const OUTBOX_STATES: readonly OutboxState[] = ['pending', 'delivered', 'dead'];

/** Mirrors outbox_messages; to be listed in db/schema.ts's Database. */
export interface OutboxMessagesTable {
  id: Generated<number>;
  tenant_id: number;
  channel: string;
  topic: string;
  recipient: string;
  payload: ColumnType<unknown, string, string>;
  idempotency_key: string;
  ref_type: string | null;
  ref_id: string | null;
  state: ColumnType<OutboxState, OutboxState | undefined, OutboxState>;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: Timestamp;
  claim_token: string | null;
  claimed_at: Date | null;
  last_error: string | null;
  provider_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  delivered_at: Date | null;
  dead_at: Date | null;
}

interface OutboxDatabase {
  outbox_messages: OutboxMessagesTable;
}

// db/schema.ts does not list the table yet; this view of the same connection does.
const ob = (db: Db) => db as unknown as Kysely<OutboxDatabase>;

export interface NewOutboxMessage {
  tenantId: number;
  /** Name of the adapter that delivers it ('email', 'sms', …). */
  channel: string;
  /** What happened, e.g. 'dossier.accepted'. */
  topic: string;
  recipient: string;
  /** The content the channel's adapter needs, already rendered (e-mail: subject, text, html; SMS: text). */
  payload: Record<string, unknown>;
  /**
   * Unique within the tenant. Derive it from what makes the message unique (the action's request
   * id and the channel), never from a clock or a random value, or a retried action enqueues twice.
   */
  idempotencyKey: string;
  ref?: { type: string; id: string | number } | null;
}

export class OutboxUsageError extends Error {
  override name = 'OutboxUsageError';
}

/**
 * Writes a message to the outbox inside the caller's transaction: it exists only if the action it
 * reports commits. A key already present leaves the first message as it is and returns its id.
 */
export async function enqueue(trx: Db, message: NewOutboxMessage): Promise<{ id: number; created: boolean }> {
  if (!trx.isTransaction)
    throw new OutboxUsageError('enqueue() must run inside the transaction of the action it reports');
  const inserted = await ob(trx)
    .insertInto('outbox_messages')
    .values({
      tenant_id: message.tenantId,
      channel: message.channel,
      topic: message.topic,
      recipient: message.recipient,
      payload: JSON.stringify(message.payload),
      idempotency_key: message.idempotencyKey,
      ref_type: message.ref?.type ?? null,
      ref_id: message.ref ? String(message.ref.id) : null,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'idempotency_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { id: inserted.id, created: true };
  const existing = await ob(trx)
    .selectFrom('outbox_messages')
    .select('id')
    .where('tenant_id', '=', message.tenantId)
    .where('idempotency_key', '=', message.idempotencyKey)
    .executeTakeFirstOrThrow();
  return { id: existing.id, created: false };
}

/**
 * The same messages as a CTE named `name`, for a statement that writes them together with
 * something else (an action's stored response, db/idempotency.ts): one round trip less, and the
 * same rule for a key already present (the first message stays).
 */
export function outboxCte(p: Params, name: string, messages: readonly NewOutboxMessage[]): string {
  const rows = messages.map(
    (m) =>
      `(${[
        m.tenantId,
        m.channel,
        m.topic,
        m.recipient,
        JSON.stringify(m.payload),
        m.idempotencyKey,
        m.ref?.type ?? null,
        m.ref ? String(m.ref.id) : null,
      ]
        .map((v) => p.add(v))
        .join(', ')})`,
  );
  return `${name} AS (INSERT INTO outbox_messages
    (tenant_id, channel, topic, recipient, payload, idempotency_key, ref_type, ref_id)
    VALUES ${rows.join(', ')} ON CONFLICT (tenant_id, idempotency_key) DO NOTHING)`;
}

/**
 * The key handed to providers (SMS gateway id, e-mail Message-ID): the same for every attempt of
 * a message, distinct across tenants, and free of whatever characters the writer's key contains.
 */
export function deliveryKey(tenantId: number, idempotencyKey: string): string {
  return createHash('sha256').update(`${tenantId}\n${idempotencyKey}`).digest('base64url').slice(0, 32);
}

export interface ClaimedMessage {
  id: number;
  tenantId: number;
  channel: string;
  topic: string;
  recipient: string;
  payload: unknown;
  idempotencyKey: string;
  deliveryKey: string;
  /** This attempt's number, from 1. */
  attempt: number;
  claimToken: string;
}

/**
 * Claims up to `limit` due messages of the given channels for `leaseMs`. SKIP LOCKED lets
 * concurrent workers take disjoint batches without waiting on each other; a row whose previous
 * claim's lease ran out is due again, and the lost attempt is noted in last_error.
 */
export async function claimBatch(
  db: Db,
  opts: { channels: readonly string[]; limit: number; leaseMs: number; claimToken: string },
): Promise<ClaimedMessage[]> {
  if (opts.channels.length === 0 || opts.limit < 1) return [];
  const { rows } = await sql<{
    id: number;
    tenant_id: number;
    channel: string;
    topic: string;
    recipient: string;
    payload: unknown;
    idempotency_key: string;
    attempts: number;
  }>`
    WITH due AS (
      SELECT id FROM outbox_messages
      WHERE state = 'pending' AND next_attempt_at <= now() AND channel = ANY(${[...opts.channels]}::text[])
      ORDER BY next_attempt_at, id
      LIMIT ${opts.limit}
      FOR UPDATE SKIP LOCKED
    )
    UPDATE outbox_messages m SET
      attempts = m.attempts + 1,
      last_error = CASE WHEN m.claim_token IS NULL THEN m.last_error
        ELSE 'attempt ' || m.attempts || ': the worker''s lease expired without an outcome' END,
      claim_token = ${opts.claimToken}::uuid,
      claimed_at = now(),
      next_attempt_at = now() + ${opts.leaseMs} * interval '1 millisecond',
      updated_at = now()
    FROM due WHERE m.id = due.id
    RETURNING m.id, m.tenant_id, m.channel, m.topic, m.recipient, m.payload, m.idempotency_key, m.attempts`.execute(
    db,
  );
  return rows
    .map((r) => ({
      id: r.id,
      tenantId: r.tenant_id,
      channel: r.channel,
      topic: r.topic,
      recipient: r.recipient,
      payload: r.payload,
      idempotencyKey: r.idempotency_key,
      deliveryKey: deliveryKey(r.tenant_id, r.idempotency_key),
      attempt: r.attempts,
      claimToken: opts.claimToken,
    }))
    .sort((a, b) => a.id - b.id);
}

/**
 * Records a delivery. It holds even if this worker's lease ran out meanwhile (the message did go
 * out); a second worker's later success changes nothing.
 */
export async function markDelivered(db: Db, id: number, providerId: string | null): Promise<void> {
  await ob(db)
    .updateTable('outbox_messages')
    .set({
      state: 'delivered',
      delivered_at: sql<Date>`now()`,
      dead_at: null,
      claim_token: null,
      provider_id: providerId,
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .where('state', '<>', 'delivered')
    .execute();
}

/**
 * Records a failed attempt: back to pending after `delayMs`, or dead. Only the holder of the
 * current claim may do so; a worker whose lease expired and was overtaken changes nothing.
 * Returns the state the message is in afterwards, or null when the claim had been lost.
 */
export async function markFailed(
  db: Db,
  m: { id: number; claimToken: string },
  outcome: { error: string; dead: boolean; delayMs: number },
): Promise<OutboxState | null> {
  const row = await ob(db)
    .updateTable('outbox_messages')
    .set({
      state: outcome.dead ? 'dead' : 'pending',
      dead_at: outcome.dead ? sql<Date>`now()` : null,
      next_attempt_at: outcome.dead
        ? sql<Date>`next_attempt_at`
        : sql<Date>`now() + ${Math.max(0, Math.round(outcome.delayMs))} * interval '1 millisecond'`,
      last_error: outcome.error.slice(0, 2000),
      claim_token: null,
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', m.id)
    .where('state', '=', 'pending')
    .where('claim_token', '=', m.claimToken)
    .returning('state')
    .executeTakeFirst();
  return row?.state ?? null;
}

/**
 * Moves to dead the messages whose last lease ran out when they had no attempt left: a message
 * that kills every worker touching it must not be claimed forever.
 */
export async function buryExpired(db: Db, channels: readonly string[], maxAttempts: number): Promise<number> {
  if (channels.length === 0) return 0;
  const r = await sql`
    WITH lost AS (
      SELECT id FROM outbox_messages
      WHERE state = 'pending' AND claim_token IS NOT NULL AND next_attempt_at <= now()
        AND attempts >= ${maxAttempts} AND channel = ANY(${[...channels]}::text[])
      FOR UPDATE SKIP LOCKED
    )
    UPDATE outbox_messages m SET
      state = 'dead', dead_at = now(), claim_token = NULL, updated_at = now(),
      last_error = 'attempt ' || m.attempts || ': the worker''s lease expired without an outcome'
    FROM lost WHERE m.id = lost.id`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

// ---- administrators' view ------------------------------------------------------------------------

export interface OutboxListItem {
  id: number;
  channel: string;
  topic: string;
  recipient: string;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  ref: { type: string; id: string } | null;
  /** The e-mail subject or the start of the SMS, so an administrator can tell messages apart. */
  summary: string | null;
  createdAt: string;
  deliveredAt: string | null;
  deadAt: string | null;
}

const LIST_COLUMNS = [
  'id',
  'channel',
  'topic',
  'recipient',
  'state',
  'attempts',
  'next_attempt_at',
  'last_error',
  'ref_type',
  'ref_id',
  'created_at',
  'delivered_at',
  'dead_at',
] as const;

// the e-mail subject or the start of the SMS, without fetching whole HTML bodies for a list
const summary = sql<string | null>`coalesce(payload->>'subject', left(payload->>'text', 80))`.as('summary');

interface ListRow {
  id: number;
  channel: string;
  topic: string;
  recipient: string;
  state: OutboxState;
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  ref_type: string | null;
  ref_id: string | null;
  created_at: Date;
  delivered_at: Date | null;
  dead_at: Date | null;
  summary: string | null;
}

function toListItem(r: ListRow): OutboxListItem {
  return {
    id: r.id,
    channel: r.channel,
    topic: r.topic,
    recipient: r.recipient,
    state: r.state,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at.toISOString(),
    lastError: r.last_error,
    ref: r.ref_type && r.ref_id ? { type: r.ref_type, id: r.ref_id } : null,
    summary: r.summary,
    createdAt: r.created_at.toISOString(),
    deliveredAt: r.delivered_at?.toISOString() ?? null,
    deadAt: r.dead_at?.toISOString() ?? null,
  };
}

export async function listMessages(
  db: Db,
  tenantId: number,
  q: { state: OutboxState; channel?: string | undefined; limit: number; offset: number },
): Promise<{ items: OutboxListItem[]; total: number }> {
  let base = ob(db)
    .selectFrom('outbox_messages')
    .where('tenant_id', '=', tenantId)
    .where('state', '=', q.state);
  if (q.channel) base = base.where('channel', '=', q.channel);
  const [rows, count] = await Promise.all([
    base
      .select([...LIST_COLUMNS, summary])
      .orderBy('id', 'desc')
      .limit(q.limit)
      .offset(q.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toListItem), total: Number(count.n) };
}

export async function getMessageForUpdate(trx: Db, tenantId: number, id: number) {
  const row = await ob(trx)
    .selectFrom('outbox_messages')
    .select([...LIST_COLUMNS, summary])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row ? toListItem(row) : null;
}

/** A dead message becomes due at once with its attempts reset; its last error stays for reference. */
export async function requeueDead(trx: Db, tenantId: number, id: number): Promise<OutboxListItem | null> {
  const row = await ob(trx)
    .updateTable('outbox_messages')
    .set({
      state: 'pending',
      dead_at: null,
      attempts: 0,
      next_attempt_at: sql<Date>`now()`,
      claim_token: null,
      updated_at: sql<Date>`now()`,
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('state', '=', 'dead')
    .returning([...LIST_COLUMNS, summary])
    .executeTakeFirst();
  return row ? toListItem(row) : null;
}
