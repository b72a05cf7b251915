/**
 * Idempotency keys (the Idempotency-Key header of every state-changing request): the one table
 * that the dossier actions, the uploads and the feedback actions share, so its SQL lives here
 * once rather than in one module's repository the others would reach into.
 */
import { sql } from 'kysely';
import type { Db } from './client.js';
import { Params, runText } from './text.js';

export interface StoredResponse {
  requestHash: string;
  status: number | null;
  body: unknown;
}

/**
 * Claims an idempotency key for this transaction. Returns null when claimed; otherwise the row
 * already there. A concurrent claim of the same key waits on the unique index until the first
 * transaction ends, then sees its committed row (or claims the key if it rolled back).
 */
export async function claimIdempotencyKey(
  trx: Db,
  k: { tenantId: number; key: string; requestHash: string },
): Promise<StoredResponse | null> {
  const claimed = await trx
    .insertInto('idempotency_keys')
    .values({ tenant_id: k.tenantId, key: k.key, request_hash: k.requestHash })
    .onConflict((oc) => oc.columns(['tenant_id', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  if (claimed) return null;
  return storedIdempotencyResponse(trx, k.tenantId, k.key);
}

/**
 * The claim as a CTE named `name` of a statement that writes only when the key is claimed (its
 * other parts test `EXISTS (SELECT 1 FROM name)`): a new dossier is created in the statement that
 * claims its request's key. Not claimed: storedIdempotencyResponse, in a statement of its own,
 * whose snapshot sees the holder's commit.
 */
export function claimCte(p: Params, name: string, k: { tenantId: number; key: string; requestHash: string }) {
  return `${name} AS (INSERT INTO idempotency_keys (tenant_id, key, request_hash)
    VALUES (${p.add(k.tenantId)}, ${p.add(k.key)}, ${p.add(k.requestHash)})
    ON CONFLICT (tenant_id, key) DO NOTHING RETURNING key)`;
}

/** The row of a key already there (an earlier request's, committed). */
export async function storedIdempotencyResponse(
  trx: Db,
  tenantId: number,
  key: string,
): Promise<StoredResponse> {
  const row = await trx
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'response_status', 'response_body'])
    .where('tenant_id', '=', tenantId)
    .where('key', '=', key)
    .executeTakeFirstOrThrow();
  return { requestHash: row.request_hash, status: row.response_status, body: row.response_body };
}

/**
 * Records the response of a claimed key; returns the body as stored (what every retry gets).
 * `alongside` adds data-modifying CTEs to the same statement (the outbox messages the action
 * queued): written in the same round trip, and only with the response.
 */
export async function storeIdempotencyResponse(
  trx: Db,
  r: { tenantId: number; key: string; dossierId?: number; status: number; body: unknown },
  alongside?: (p: Params) => string[],
): Promise<unknown> {
  const p = new Params();
  const ctes = alongside?.(p) ?? [];
  const set = p.assignments({
    ...(r.dossierId === undefined ? {} : { dossier_id: r.dossierId }),
    response_status: r.status,
    response_body: JSON.stringify(r.body),
  });
  const [row] = await runText<{ response_body: unknown }>(
    trx,
    `${ctes.length ? `WITH ${ctes.join(',\n')}\n` : ''}UPDATE idempotency_keys SET ${set}
      WHERE tenant_id = ${p.add(r.tenantId)} AND key = ${p.add(r.key)} RETURNING response_body`,
    p,
  );
  if (!row) throw new Error(`idempotency key ${r.key} was not claimed in this transaction`);
  return row.response_body;
}

/** Forgets keys older than `days` days (a retry after that is treated as a new request). */
export async function purgeIdempotencyKeys(db: Db, days: number): Promise<number> {
  if (!Number.isFinite(days) || days < 0) throw new RangeError('days must be a non-negative number');
  const r = await db
    .deleteFrom('idempotency_keys')
    .where('created_at', '<', sql<Date>`now() - ${days}::float8 * interval '1 day'`)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
