/**
 * The PAKN use cases: a citizen (signed in, or anonymous with a contact) submits one; the agency's
 * officials list, classify, ask for information, refuse, resolve and publish; the citizen adds
 * information, rates the handling or raises it again; anyone reads the published answers; the
 * indicators read a period's facts (feedbackFactsByAgency).
 *
 * Every write is one transaction: the Idempotency-Key is claimed first (a retry gets the first
 * response and writes nothing), the row is locked and its version compared with the client's
 * (409 VERSION_CONFLICT), the core reducer decides (a refusal rolls everything back, key
 * included), then the action row, the derived columns and the stored response are written.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  applyFeedback,
  EMPTY_FEEDBACK,
  type FeedbackAction,
  type FeedbackActionType,
  type FeedbackActor,
  type FeedbackFacts,
  type FeedbackSnapshot,
  feedbackFactsOf,
  publishDeadline,
  type Role,
  receiptDeadlines,
} from '@motcua/core';
import type { AuthContext, CitizenContext } from '../../auth/access.js';
import type { Db } from '../../db/client.js';
import { claimIdempotencyKey, storeIdempotencyResponse } from '../../db/idempotency.js';
import { errors } from '../../errors.js';
import { profile } from '../citizens/service.js';
import { calendarOf } from '../dossiers/world.js';
import { asDomainError, feedbackErrors } from './errors.js';
import * as repo from './repository.js';
import type { Submitter } from './tables.js';
import { type FeedbackView, toLogEntry, toPublicAnswer, toView } from './views.js';

export interface Idempotency {
  key: string;
  requestHash: string;
}

export interface Written {
  status: 200 | 201;
  body: unknown;
  replayed: boolean;
}

/** Who may record which official action (the role table; the reach is checked per PAKN). */
export const OFFICER_ROLES: Readonly<Record<string, readonly Role[]>> = {
  classify: ['receiving_officer', 'specialist', 'department_head', 'agency_leader', 'admin'],
  request_info: ['receiving_officer', 'specialist', 'department_head', 'agency_leader', 'admin'],
  refuse: ['specialist', 'department_head', 'agency_leader', 'admin'],
  resolve: ['specialist', 'department_head', 'agency_leader', 'admin'],
  publish: ['department_head', 'agency_leader', 'admin'],
  close: ['department_head', 'agency_leader', 'admin'],
};
export const HANDLER_ROLES: readonly Role[] = [
  'receiving_officer',
  'specialist',
  'department_head',
  'agency_leader',
  'admin',
];
export const READER_ROLES: readonly Role[] = [...HANDLER_ROLES, 'inspector'];

const VN_OFFSET_MS = 7 * 3_600_000;
const codeOf = (id: number, receivedAt: number) =>
  `PAKN.${new Date(receivedAt + VN_OFFSET_MS).toISOString().slice(0, 10).replaceAll('-', '')}.${String(id).padStart(6, '0')}`;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const clean = (s: string | undefined) => s?.normalize('NFC').trim() || undefined;

/** Claims the key, runs the write, stores its response: one transaction. */
async function idempotent(
  db: Db,
  tenantId: number,
  idem: Idempotency,
  write: (trx: Db) => Promise<{ status: 200 | 201; body: unknown }>,
): Promise<Written> {
  return db.transaction().execute(async (trx) => {
    const key = `feedback:${idem.key}`;
    const earlier = await claimIdempotencyKey(trx, { tenantId, key, requestHash: idem.requestHash });
    if (earlier) {
      if (earlier.requestHash !== idem.requestHash) throw feedbackErrors.keyReused(idem.key);
      return { status: earlier.status as 200 | 201, body: earlier.body, replayed: true };
    }
    const r = await write(trx).catch(asDomainError);
    const body = await storeIdempotencyResponse(trx, { tenantId, key, status: r.status, body: r.body });
    return { status: r.status, body, replayed: false };
  });
}

function apply(s: FeedbackSnapshot, a: FeedbackAction): FeedbackSnapshot {
  try {
    return applyFeedback(s, a);
  } catch (e) {
    return asDomainError(e);
  }
}

export interface SubmitInput {
  tenant: string;
  agency: string;
  procedureCode?: string;
  dossierCode?: string;
  title: string;
  content: string;
  submitter?: Submitter;
}

/** A new PAKN, received now, with its deadlines from the agency's working calendar. */
export async function submit(
  db: Db,
  now: number,
  citizen: CitizenContext | null,
  body: SubmitInput,
  idem: Idempotency,
): Promise<Written> {
  const tenantId = await repo.tenantIdByCode(db, body.tenant);
  if (tenantId === undefined) throw feedbackErrors.tenantUnknown(body.tenant);
  const agency = await repo.agencyByIdentifier(db, tenantId, body.agency);
  if (!agency) throw feedbackErrors.agencyUnknown(body.agency);
  if (body.procedureCode && !(await repo.procedureExists(db, body.procedureCode)))
    throw feedbackErrors.procedureUnknown(body.procedureCode);
  const dossier = body.dossierCode ? await repo.dossierOf(db, tenantId, body.dossierCode) : undefined;
  if (body.dossierCode && !dossier) throw feedbackErrors.dossierUnknown(body.dossierCode);
  const given: Submitter = {};
  for (const k of ['name', 'phone', 'email', 'address'] as const) {
    const v = clean(body.submitter?.[k]);
    if (v) given[k] = v;
  }
  let submitter = given;
  if (citizen) {
    const me = (await profile(db, citizen)).citizen;
    submitter = {
      name: me.fullName,
      ...(me.phone ? { phone: me.phone } : {}),
      ...(me.email ? { email: me.email } : {}),
      ...given,
    };
  } else if (!given.name || !(given.phone || given.email)) throw feedbackErrors.contactRequired();
  const title = clean(body.title);
  const content = clean(body.content);
  if (!title || !content)
    throw errors.validation(
      { field: title ? 'content' : 'title' },
      'Title and content are required',
      'Cần ghi tiêu đề và nội dung',
    );
  const calendar = await calendarOf(db, agency.id);
  const token = citizen ? null : randomBytes(24).toString('base64url');
  return idempotent(db, tenantId, idem, async (trx) => {
    const action: FeedbackAction = {
      type: 'submit',
      at: now,
      actor: { kind: 'citizen', citizenId: citizen?.id ?? null },
      deadlines: receiptDeadlines(calendar, now),
    };
    const row = await create(trx, {
      tenantId,
      agencyId: agency.id,
      procedureCode: body.procedureCode ?? null,
      dossierId: dossier?.id ?? null,
      citizenId: citizen?.id ?? null,
      accessTokenHash: token ? sha256(token) : null,
      submitter,
      title,
      content,
      previousId: null,
      action,
      requestId: idem.key,
    });
    // the token is shown once, to the anonymous submitter (and to a retry of the same request)
    return { status: 201, body: { feedback: toView(row, now, 'citizen'), accessToken: token } };
  });
}

async function create(
  trx: Db,
  f: Omit<repo.NewFeedback, 'id' | 'code' | 'state'> & { action: FeedbackAction; requestId: string },
) {
  const state = apply(EMPTY_FEEDBACK, f.action);
  const id = await repo.nextFeedbackId(trx);
  const row = await repo.insertFeedback(trx, { ...f, id, code: codeOf(id, f.action.at), state });
  await repo.insertAction(trx, {
    feedbackId: id,
    tenantId: f.tenantId,
    seq: 1,
    action: f.action,
    requestId: f.requestId,
  });
  return row;
}

/** The PAKN's agency lies within one of the positions holding one of the roles. */
async function reaches(
  db: Db,
  auth: AuthContext,
  roles: readonly Role[],
  agencyId: number,
): Promise<boolean> {
  const held = auth.positions.filter((p) => roles.includes(p.role) && p.tenantId === auth.tenantId);
  // a department's official handles the PAKN of the department's agency: PAKN are not routed to departments
  if (held.some((p) => p.scope !== 'unit_subtree' && p.agencyId === agencyId)) return true;
  const subtree = held.filter((p) => p.scope === 'unit_subtree');
  if (!subtree.length) return false;
  const a = await repo.agencyUnits(db, agencyId);
  return !!a && subtree.some((p) => a.ancestors.includes(p.agencyUnitId));
}

function reachOfAuth(auth: AuthContext, roles: readonly Role[]): repo.Reach {
  const held = auth.positions.filter((p) => roles.includes(p.role) && p.tenantId === auth.tenantId);
  return {
    unitIds: [...new Set(held.filter((p) => p.scope === 'unit_subtree').map((p) => p.agencyUnitId))],
    agencyIds: [...new Set(held.filter((p) => p.scope !== 'unit_subtree').map((p) => p.agencyId))],
    departmentIds: [],
  };
}

/** The official actions this officer may take now (state allows it and a position reaches). */
async function offeredTo(db: Db, auth: AuthContext, row: repo.FeedbackRow, now: number) {
  const byState = toView(row, now, 'officer').allowedActions;
  const out: FeedbackActionType[] = [];
  for (const t of byState) if (await reaches(db, auth, OFFICER_ROLES[t] ?? [], row.agency_id)) out.push(t);
  return out;
}

async function readable(db: Db, auth: AuthContext, id: number) {
  const row = await repo.getFeedback(db, id);
  if (!row || row.tenant_id !== auth.tenantId || !(await reaches(db, auth, READER_ROLES, row.agency_id)))
    throw feedbackErrors.notFound(id);
  return row;
}

export async function list(db: Db, auth: AuthContext, f: repo.ListFilter, now: number) {
  const page = await repo.listFeedback(db, auth.tenantId, reachOfAuth(auth, READER_ROLES), f, now);
  return {
    total: page.total,
    items: page.items.map((r) => {
      const v = toView(
        { ...r, submitter: {}, content: '', dossier_id: null, previous_id: null } as never,
        now,
        'officer',
      );
      return {
        id: r.id,
        code: r.code,
        agency: { id: r.agency_id, name: r.agency_name },
        procedureCode: r.procedure_code,
        title: r.title,
        classification: v.classification,
        status: v.status,
        statusLabel: v.statusLabel,
        version: v.version,
        receivedAt: v.receivedAt,
        deadlines: v.deadlines,
        overdue: v.overdue,
        late: v.late,
      };
    }),
  };
}

export async function detail(db: Db, auth: AuthContext, id: number, now: number) {
  const row = await readable(db, auth, id);
  const log = await repo.listActions(db, id);
  return {
    ...toView(row, now, 'officer', await offeredTo(db, auth, row, now)),
    agency: await repo.agencyName(db, row.agency_id),
    log: log.map(toLogEntry),
  };
}

export type OfficerBody =
  | { type: 'classify'; expectedVersion: number; classification: 'rules' | 'behaviour' }
  | { type: 'request_info'; expectedVersion: number; question: string }
  | { type: 'refuse'; expectedVersion: number; reason: string }
  | { type: 'resolve'; expectedVersion: number; answer: string }
  | { type: 'publish'; expectedVersion: number; summary?: string }
  | { type: 'close'; expectedVersion: number };

export type CitizenBody =
  | { type: 'add_info'; expectedVersion: number; content: string }
  | { type: 'rate'; expectedVersion: number; satisfied: boolean }
  | { type: 'raise_again'; expectedVersion: number; reason: string };

/** One action on an existing PAKN, decided against the locked row. */
async function act(
  db: Db,
  id: number,
  expectedVersion: number,
  idem: Idempotency,
  now: number,
  viewer: 'officer' | 'citizen',
  check: (row: repo.FeedbackRow) => Promise<void>,
  decide: (row: repo.FeedbackRow) => Promise<FeedbackAction>,
  after?: (trx: Db, row: repo.FeedbackRow) => Promise<Record<string, unknown>>,
): Promise<Written> {
  const first = await repo.getFeedback(db, id);
  if (!first) throw feedbackErrors.notFound(id);
  await check(first);
  return idempotent(db, first.tenant_id, idem, async (trx) => {
    const row = await repo.lockFeedback(trx, id);
    if (!row) throw feedbackErrors.notFound(id);
    if (row.version !== expectedVersion)
      throw feedbackErrors.versionConflict(expectedVersion, toView(row, now, viewer));
    const action = await decide(row);
    const next = apply(row.state, action);
    const written = await repo.updateFeedback(trx, id, next);
    const logged = await repo.insertAction(trx, {
      feedbackId: id,
      tenantId: row.tenant_id,
      seq: next.version,
      action,
      requestId: idem.key,
    });
    const extra = after ? await after(trx, written) : {};
    return {
      status: 200,
      body: {
        feedback: toView(written, now, viewer),
        action: { seq: logged.seq, type: logged.type, at: logged.at.toISOString() },
        ...extra,
      },
    };
  });
}

export async function officerAction(
  db: Db,
  auth: AuthContext,
  id: number,
  body: OfficerBody,
  idem: Idempotency,
  now: number,
): Promise<Written> {
  const roles = OFFICER_ROLES[body.type] ?? [];
  const position = auth.positions.find((p) => roles.includes(p.role));
  const actor: FeedbackActor = { kind: 'officer', staffId: auth.staffId, role: position?.role ?? 'none' };
  return act(
    db,
    id,
    body.expectedVersion,
    idem,
    now,
    'officer',
    async (row) => {
      if (row.tenant_id !== auth.tenantId || !(await reaches(db, auth, READER_ROLES, row.agency_id)))
        throw feedbackErrors.notFound(id);
      if (!(await reaches(db, auth, roles, row.agency_id)))
        throw errors.forbidden({ requiredRoles: roles, action: body.type });
    },
    async (row) => {
      const base = { at: now, actor };
      switch (body.type) {
        case 'classify':
          return { ...base, type: 'classify', classification: body.classification };
        case 'request_info':
          return { ...base, type: 'request_info', question: body.question };
        case 'refuse':
          return { ...base, type: 'refuse', reason: body.reason };
        case 'resolve':
          return {
            ...base,
            type: 'resolve',
            answer: body.answer,
            publishBy: publishDeadline(await calendarOf(db, row.agency_id), now),
          };
        case 'publish':
          return { ...base, type: 'publish', ...(body.summary ? { summary: body.summary } : {}) };
        case 'close':
          return { ...base, type: 'close' };
      }
    },
  );
}

/** The submitter: the signed-in citizen who submitted it, or whoever holds its access token. */
export interface SubmitterProof {
  citizen: CitizenContext | null;
  token: string | undefined;
}

function isSubmitter(row: repo.FeedbackRow, proof: SubmitterProof): boolean {
  if (proof.citizen && row.citizen_id === proof.citizen.id) return true;
  if (!proof.token || !row.access_token_hash) return false;
  const a = Buffer.from(sha256(proof.token));
  const b = Buffer.from(row.access_token_hash);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function mine(db: Db, proof: SubmitterProof, id: number, now: number) {
  const row = await repo.getFeedback(db, id);
  // a stranger learns nothing, not even that the number exists
  if (!row || !isSubmitter(row, proof)) throw feedbackErrors.notFound(id);
  // the submitter must see what the agency asks before adding it (the snapshot keeps only when)
  const asked = row.status === 'info_requested' ? await repo.lastInfoRequest(db, id) : undefined;
  const question = (asked?.payload as { question?: unknown } | undefined)?.question;
  return {
    ...toView(row, now, 'citizen'),
    agency: await repo.agencyName(db, row.agency_id),
    infoRequest: asked && typeof question === 'string' ? { question, at: asked.at.toISOString() } : null,
  };
}

const vnDay = (ms: number) => new Date(ms + VN_OFFSET_MS).toISOString().slice(0, 10);

/** Where a PAKN may be sent: the deployment's agencies in force today (public: names and identifiers). */
export async function agencies(db: Db, tenant: string, now: number) {
  const tenantId = await repo.tenantIdByCode(db, tenant);
  if (tenantId === undefined) throw feedbackErrors.tenantUnknown(tenant);
  return repo.agenciesInForce(db, tenantId, vnDay(now));
}

export async function myList(db: Db, citizen: CitizenContext, now: number) {
  const rows = await repo.feedbackOfCitizen(db, citizen.id, 100);
  return rows.map((r) => ({ ...toView(r, now, 'citizen'), agency: r.agency_name }));
}

export async function citizenAction(
  db: Db,
  proof: SubmitterProof,
  id: number,
  body: CitizenBody,
  idem: Idempotency,
  now: number,
): Promise<Written> {
  return act(
    db,
    id,
    body.expectedVersion,
    idem,
    now,
    'citizen',
    async (row) => {
      if (!isSubmitter(row, proof)) throw feedbackErrors.notFound(id);
    },
    async (row) => {
      const base = { at: now, actor: { kind: 'citizen' as const, citizenId: row.citizen_id } };
      switch (body.type) {
        case 'add_info':
          return { ...base, type: 'add_info', content: body.content };
        case 'rate':
          return { ...base, type: 'rate', satisfied: body.satisfied };
        case 'raise_again':
          return { ...base, type: 'raise_again', reason: body.reason };
      }
    },
    body.type === 'raise_again'
      ? async (trx, row) => {
          // raising again opens a new PAKN linked to this one, with fresh deadlines
          const calendar = await calendarOf(trx, row.agency_id);
          const next = await create(trx, {
            tenantId: row.tenant_id,
            agencyId: row.agency_id,
            procedureCode: row.procedure_code,
            dossierId: row.dossier_id,
            citizenId: row.citizen_id,
            accessTokenHash: row.access_token_hash,
            submitter: row.submitter,
            title: `Phản ánh lại: ${row.title}`.slice(0, 300),
            content: body.reason.normalize('NFC').trim(),
            previousId: row.id,
            action: {
              type: 'submit',
              at: now,
              actor: { kind: 'citizen', citizenId: row.citizen_id },
              deadlines: receiptDeadlines(calendar, now),
            },
            requestId: `${idem.key}:raised`,
          });
          return { raisedAs: { id: next.id, code: next.code } };
        }
      : undefined,
  );
}

export async function publicAnswers(
  db: Db,
  q: { tenant: string; agency?: string; procedureCode?: string; limit: number; offset: number },
) {
  const tenantId = await repo.tenantIdByCode(db, q.tenant);
  if (tenantId === undefined) throw feedbackErrors.tenantUnknown(q.tenant);
  let agencyId: number | undefined;
  if (q.agency) {
    const a = await repo.agencyByIdentifier(db, tenantId, q.agency);
    if (!a) throw feedbackErrors.agencyUnknown(q.agency);
    agencyId = a.id;
  }
  const page = await repo.publishedAnswers(db, tenantId, {
    limit: q.limit,
    offset: q.offset,
    ...(agencyId !== undefined ? { agencyId } : {}),
    ...(q.procedureCode ? { procedureCode: q.procedureCode } : {}),
  });
  return { total: page.total, items: page.items.map(toPublicAnswer) };
}

export interface AgencyFeedback {
  id: number;
  name: string;
  identifier: string;
  level: string;
  facts: FeedbackFacts[];
  ids: number[];
}

/** The PAKN a period [from, to) counts, by agency, as the indicators' facts (metrics 5.1–5.3). */
export async function feedbackFactsByAgency(
  db: Db,
  tenantId: number,
  from: number,
  to: number,
): Promise<Map<number, AgencyFeedback>> {
  const rows = await repo.periodFeedback(db, tenantId, new Date(from), new Date(to));
  const out = new Map<number, AgencyFeedback>();
  for (const r of rows) {
    let a = out.get(r.agency_id);
    if (!a) {
      a = {
        id: r.agency_id,
        name: r.agency_name,
        identifier: r.agency_identifier,
        level: r.agency_level,
        facts: [],
        ids: [],
      };
      out.set(a.id, a);
    }
    a.facts.push(feedbackFactsOf(r.state as FeedbackSnapshot));
    a.ids.push(r.id);
  }
  return out;
}

export type { FeedbackView };
