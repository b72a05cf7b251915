/**
 * Recording one action in a dossier's log (ARCHITECTURE.md §3): idempotent, concurrency-safe, and
 * written in one transaction with the derived state.
 *
 *   1. claim the idempotency key: a retry with the same request gets the first response back, the
 *      same key with another request is IDEMPOTENCY_KEY_REUSED (422); a new dossier's key is
 *      claimed by the statement that creates it (nothing is created when the key is taken);
 *   2. lock the dossier row (FOR UPDATE; one statement with the claim, which it follows) and
 *      compare its version with the client's (VERSION_CONFLICT, 409, with the current dossier);
 *   3. apply the core action to the stored snapshot (LifecycleError → 409/403/422, nothing written);
 *   4. insert the action as seq = version + 1, update the derived columns, store the response.
 *
 * Refusals are not remembered: they roll the whole transaction back, key included, so a retry of
 * a refused request is judged again against the dossier as it is then.
 */
import { createHash } from 'node:crypto';
import {
  apply as applyAction,
  type DossierAction,
  type DossierSnapshot,
  EMPTY_DOSSIER,
  LifecycleError,
  type LifecycleErrorCode,
  replay,
} from '@motcua/core';
import { sql } from 'kysely';
import type { Db } from '../../db/client.js';
import {
  claimIdempotencyKey,
  type StoredResponse,
  storedIdempotencyResponse,
  storeIdempotencyResponse,
} from '../../db/idempotency.js';
import { DomainError } from '../../errors.js';
import { enqueue, type NewOutboxMessage, outboxCte } from '../../jobs/outbox.js';
import type { CodeAllocation } from './codes.js';
import type { PlannedComponent } from './components.js';
import {
  type DossierBinding,
  type DossierRow,
  type DossierView,
  derivedColumns,
  getDossier,
  insertDossierWithAction,
  type LoggedAction,
  listActions,
  lockDossier,
  toView,
  updateDossierWithAction,
} from './repository.js';

export interface AppendActionInput {
  tenantId: number;
  /** null creates the dossier (the action must be `register` or `submit`) */
  dossierId: number | null;
  /** the version the client saw (0 to create) */
  expectedVersion: number;
  /**
   * The action, or a function deciding it inside the transaction once the key is claimed, the row
   * locked and the version checked: acceptance plans its code there (planDossierCode), so a retry
   * or a stale request never takes a number (PITFALLS C2).
   */
  action: DossierAction | ActionDecider;
  idempotency: { key: string; requestHash: string };
  /**
   * The request's key is claimed by the enclosing action of the same transaction (a registration
   * with its acceptance): this action claims and stores no key of its own (a retry replays the
   * enclosing response, which shows this action too); `idempotency.key` still names its action
   * row and its messages.
   */
  keyCovered?: boolean;
  /**
   * The dossier row as this transaction already holds it (it created or locked it, and nothing
   * changed it since): used instead of locking it again.
   */
  locked?: DossierRow;
  /**
   * What the dossier is bound to: required on creation (procedure, agencies), later for
   * acceptance. A function is called once the action is decided (acceptance learns its code's
   * scheme only then).
   */
  extra?: DossierBinding | (() => DossierBinding);
  /**
   * An acceptance's code to number in the statement that writes it, once the action is decided
   * (the decided action carries the code's template until then; see codes.ts planDossierCode).
   */
  code?: () => CodeAllocation | undefined;
  /**
   * Where this action's outbox messages go when an enclosing action of the same transaction
   * writes them (a registration with its acceptance, whose key covers both). Without it the
   * action writes its own with its stored response, or at once when its key is covered.
   */
  outbox?: NewOutboxMessage[];
  /** A new dossier's document components, written in the statement that creates it. */
  components?: readonly PlannedComponent[];
  /**
   * Runs after the action row is written, in the same transaction, before the response is
   * stored: the writes that belong to the action (components, files, notifications in the
   * outbox, a liên thông child dossier). Throwing rolls everything back, key included. When it
   * appends further actions to the same dossier it returns the dossier as it then is, and that
   * is what the response (and every retry) shows.
   */
  after?: (trx: Db, written: WrittenAction) => Promise<DossierView | undefined>;
}

export interface WrittenAction {
  dossierId: number;
  seq: number;
  action: DossierAction;
  before: DossierSnapshot;
  state: DossierSnapshot;
  /** the dossier row as written (binding and derived columns) */
  dossier: DossierView;
  /** the same as the table holds it (for an action appended next in the same transaction) */
  row: DossierRow;
  /**
   * The outbox messages the action sends (notifications, postal orders): `after` adds them here
   * and they are written with the action's stored response, in one statement, so they exist
   * exactly when the action commits.
   */
  outbox: NewOutboxMessage[];
}

export type ActionDecider = (trx: Db, current: DossierSnapshot) => Promise<DossierAction>;

export interface AppendActionBody {
  dossier: DossierView;
  action: { seq: number; type: DossierAction['type']; at: string };
}

export interface AppendActionResult {
  status: 200 | 201;
  body: AppendActionBody;
  /** true when this is the stored response of an earlier request with the same key */
  replayed: boolean;
}

/** State conflicts are 409, the actor's kind 403, a bad payload or missing reason 422. */
const LIFECYCLE_STATUS: Record<LifecycleErrorCode, number> = {
  STATE_FINAL: 409,
  ACTION_NOT_ALLOWED_IN_STATE: 409,
  COMPLETION_ALREADY_REQUESTED: 409,
  CONSULTATION_UNKNOWN: 409,
  CONSULTATION_DUPLICATE: 409,
  CONSULTATIONS_OPEN: 409,
  JOINT_UNKNOWN: 409,
  JOINT_DUPLICATE: 409,
  JOINTS_OPEN: 409,
  NOT_SIGNED: 409,
  ALREADY_RATED: 409,
  CLOCK_STOPPED: 409,
  ACTOR_NOT_ALLOWED: 403,
  TIME_BEFORE_LAST: 422,
  REASON_REQUIRED: 422,
  SUPPLEMENT_REASON_REQUIRED: 422,
  NOTHING_LISTED: 422,
  APPOINTMENT_NOT_LATER: 422,
  DUE_BEFORE_RECEIPT: 422,
  SCORE_INVALID: 422,
  AMOUNT_INVALID: 422,
};

function applyOrRefuse(s: DossierSnapshot, a: DossierAction): DossierSnapshot {
  try {
    return applyAction(s, a);
  } catch (e) {
    if (e instanceof LifecycleError)
      throw new DomainError(LIFECYCLE_STATUS[e.code], e.code, e.message, e.messageVi, e.details);
    throw e;
  }
}

/** A foreign key the database refused (an unknown assignee, agency, procedure…). */
function refuseUnknownReference(e: unknown): never {
  const err = e as { code?: string; constraint?: string };
  if (err?.code === '23503')
    throw new DomainError(
      422,
      'REFERENCE_UNKNOWN',
      'The request refers to something that does not exist',
      'Yêu cầu tham chiếu đến đối tượng không tồn tại',
      { constraint: err.constraint },
    );
  throw e;
}

const versionConflict = (expected: number, current: DossierView) =>
  new DomainError(
    409,
    'VERSION_CONFLICT',
    `The dossier changed: it is at version ${current.version}, not ${expected}`,
    'Hồ sơ vừa được cập nhật bởi người khác; vui lòng tải lại và thực hiện lại',
    { expectedVersion: expected, currentVersion: current.version, dossier: current },
  );

const notFound = (id: number) =>
  new DomainError(404, 'NOT_FOUND', `Dossier ${id} not found`, `Không tìm thấy hồ sơ ${id}`, {
    entity: 'dossier',
    id,
  });

/** Records one action in its own transaction; see the module comment for the order of checks. */
export async function appendAction(db: Db, input: AppendActionInput): Promise<AppendActionResult> {
  return db.transaction().execute((trx) => appendActionIn(trx, input));
}

/**
 * The same inside the caller's transaction `trx`: for an action that causes another in the same
 * commit (a liên thông child's result closing its parent's joint step). Every dossier touched is
 * locked in the order the actions are appended.
 */
export async function appendActionIn(trx: Db, input: AppendActionInput): Promise<AppendActionResult> {
  const { tenantId, idempotency } = input;
  const decide = (trx: Db, s: DossierSnapshot) =>
    typeof input.action === 'function' ? input.action(trx, s) : Promise.resolve(input.action);
  const extra = () => (typeof input.extra === 'function' ? input.extra() : input.extra);
  // the key first, and the dossier's row lock only once the key is ours (one statement)
  let held: DossierRow | undefined = input.locked;
  let earlier: StoredResponse | null = null;
  if (input.keyCovered || input.dossierId === null) {
    // claimed by the enclosing action, or (a new dossier) by the statement that creates it
  } else if (held) {
    earlier = await claimIdempotencyKey(trx, { tenantId, ...idempotency });
  } else {
    const r = await claimAndLock(trx, tenantId, input.dossierId, idempotency);
    if (r.claimed) held = r.row;
    else earlier = await claimIdempotencyKey(trx, { tenantId, ...idempotency });
    if (r.claimed && !held) throw notFound(input.dossierId);
  }
  if (earlier) return replayed(earlier, idempotency);

  let id: number;
  let status: 200 | 201;
  let written: DossierRow;
  let logged: LoggedAction;
  let action: DossierAction;
  let before: DossierSnapshot = EMPTY_DOSSIER;
  try {
    if (input.dossierId === null) {
      const x = extra() ?? {};
      if (input.expectedVersion !== 0 || x.procedureId === undefined || x.receivingAgencyId === undefined)
        throw new DomainError(
          400,
          'VALIDATION_FAILED',
          'A new dossier needs expectedVersion 0, a procedure and a receiving agency',
          'Hồ sơ mới cần phiên bản 0, thủ tục và cơ quan tiếp nhận',
          { expectedVersion: input.expectedVersion },
        );
      action = await decide(trx, EMPTY_DOSSIER);
      const next = applyOrRefuse(EMPTY_DOSSIER, action);
      const created = await insertDossierWithAction(
        trx,
        {
          tenantId,
          procedureId: x.procedureId,
          receivingAgencyId: x.receivingAgencyId,
          competentAgencyId: x.competentAgencyId ?? x.receivingAgencyId,
          binding: { ...x, ...extra() },
          state: next,
        },
        { action, requestId: idempotency.key },
        input.components,
        input.keyCovered ? undefined : idempotency,
      );
      if (!created)
        return replayed(await storedIdempotencyResponse(trx, tenantId, idempotency.key), idempotency);
      ({ row: written, logged } = created);
      id = written.id;
      status = 201;
    } else {
      const row = held ?? (await lockDossier(trx, tenantId, input.dossierId));
      if (!row || row.id !== input.dossierId || row.tenant_id !== tenantId) throw notFound(input.dossierId);
      if (row.version !== input.expectedVersion) throw versionConflict(input.expectedVersion, toView(row));
      action = await decide(trx, row.state);
      before = row.state;
      const next = applyOrRefuse(row.state, action);
      id = row.id;
      status = 200;
      const numbering = input.code?.();
      ({ row: written, logged } = await updateDossierWithAction(
        trx,
        row,
        extra() ?? {},
        { tenantId, action, requestId: idempotency.key, state: next },
        numbering,
      ));
      // the code the statement printed, as the log row and the snapshot now hold it
      if (numbering && action.type === 'accept' && written.code) action = { ...action, code: written.code };
    }
    let view = toView(written);
    const queue = input.outbox ?? [];
    if (input.after)
      view =
        (await input.after(trx, {
          dossierId: id,
          seq: logged.seq,
          action,
          before,
          state: view.state,
          dossier: view,
          row: written,
          outbox: queue,
        })) ?? view;
    const body: AppendActionBody = {
      dossier: view,
      action: { seq: logged.seq, type: logged.type, at: logged.at.toISOString() },
    };
    if (input.keyCovered) {
      if (!input.outbox) for (const m of queue.splice(0)) await enqueue(trx, m);
      return { status, body, replayed: false };
    }
    const messages = queue.splice(0);
    const stored = await storeIdempotencyResponse(
      trx,
      { tenantId, key: idempotency.key, dossierId: id, status, body },
      messages.length ? (p) => [outboxCte(p, 'o', messages)] : undefined,
    );
    // answer with the stored body, so the first response and every retry are the same bytes
    return { status, body: stored as AppendActionBody, replayed: false };
  } catch (e) {
    refuseUnknownReference(e);
  }
}

/** An earlier request's stored response, if this request is the same one (else 422). */
function replayed(
  earlier: StoredResponse,
  idempotency: { key: string; requestHash: string },
): AppendActionResult {
  if (earlier.requestHash !== idempotency.requestHash)
    throw new DomainError(
      422,
      'IDEMPOTENCY_KEY_REUSED',
      'This request id was already used for a different request',
      'Mã yêu cầu này đã được dùng cho một yêu cầu khác',
      { key: idempotency.key },
    );
  return { status: earlier.status as 200 | 201, body: earlier.body as AppendActionBody, replayed: true };
}

/**
 * Claims the key and, only when it is claimed, locks the dossier row: one round trip. The lock
 * waits for the claim (it reads the claim's result), so two requests with the same key queue on
 * the key and never hold the row while waiting for it. Not claimed: the key was there (or a
 * concurrent holder committed it); its stored response needs a statement of its own, whose
 * snapshot sees that commit.
 */
async function claimAndLock(
  trx: Db,
  tenantId: number,
  dossierId: number,
  k: { key: string; requestHash: string },
): Promise<{ claimed: boolean; row: DossierRow | undefined }> {
  const { rows } = await sql<DossierRow & { claimed_key: boolean }>`
    WITH claim AS (
      INSERT INTO idempotency_keys (tenant_id, key, request_hash)
      VALUES (${tenantId}, ${k.key}, ${k.requestHash})
      ON CONFLICT (tenant_id, key) DO NOTHING
      RETURNING key
    ), locked AS MATERIALIZED (
      SELECT d.* FROM dossiers d
       WHERE d.tenant_id = ${tenantId} AND d.id = ${dossierId} AND EXISTS (SELECT 1 FROM claim)
       FOR UPDATE OF d
    )
    SELECT EXISTS (SELECT 1 FROM claim) AS claimed_key, l.*
      FROM (SELECT 1) AS one LEFT JOIN locked l ON true`.execute(trx);
  const r = rows[0];
  if (!r) throw new Error('claimAndLock returned no row');
  const { claimed_key, ...row } = r;
  return { claimed: claimed_key, row: row.id === null ? undefined : (row as DossierRow) };
}

/** The hash an idempotency key is bound to: method, path and the body in canonical JSON. */
export function requestHash(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method.toUpperCase()}\n${path}\n${canonicalJson(body)}`)
    .digest('hex');
}

/** JSON with object keys sorted at every level (undefined members dropped, as JSON does). */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : canonicalJson(x))).join(',')}]`;
  const entries = Object.entries(v as Record<string, unknown>)
    .filter(([, x]) => x !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(',')}}`;
}

export interface Difference {
  path: string;
  stored: unknown;
  replayed: unknown;
}

/**
 * Folds the dossier's log again and compares the result with what is stored: the snapshot in
 * `state`, and every derived column. An empty list means the stored state is what the log says.
 */
export async function replayCheck(db: Db, dossierId: number): Promise<Difference[]> {
  const rows = await listActions(db, dossierId);
  const out: Difference[] = [];
  rows.forEach((r, i) => {
    if (r.seq !== i + 1) out.push({ path: `actions[${i}].seq`, stored: r.seq, replayed: i + 1 });
  });
  const first = rows[0];
  const dossier = first ? await getDossier(db, first.tenant_id, dossierId) : undefined;
  if (!dossier) return [...out, { path: '', stored: undefined, replayed: rows.length }];
  let replayed: DossierSnapshot;
  try {
    replayed = replay(rows.map((r) => r.payload));
  } catch (e) {
    return [...out, { path: 'log', stored: dossier.version, replayed: (e as Error).message }];
  }
  diff('state', dossier.state, replayed, out);
  const expected = derivedColumns(replayed);
  const cols = Object.keys(expected) as (keyof typeof expected)[];
  for (const c of cols) {
    if (c === 'state') continue;
    const s = normalise(dossier[c]);
    const r = normalise(expected[c]);
    if (s !== r) out.push({ path: c, stored: s, replayed: r });
  }
  return out;
}

const normalise = (v: unknown) => (v instanceof Date ? v.getTime() : v);

function diff(path: string, a: unknown, b: unknown, out: Difference[]): void {
  if (a === b) return;
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    for (const k of new Set([...ka, ...kb])) {
      const sub = Array.isArray(a) ? `${path}[${k}]` : `${path}.${k}`;
      diff(sub, (a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], out);
    }
    return;
  }
  out.push({ path, stored: a, replayed: b });
}
