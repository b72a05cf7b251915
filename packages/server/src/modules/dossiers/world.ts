/**
 * What an action on a dossier needs to know besides its log: the procedure version and workflow it
 * is pinned to (never the ones in force today, PITFALLS D1/D5), the agencies that workflow names,
 * the calendar deadlines are counted on. Loaded once per request, inside the action's transaction.
 */
import {
  type Channel,
  computeDeadline,
  type Limit,
  type ProcedureContent,
  type StepPerformer,
  stepOf,
  type WorkCalendar,
  type WorkflowDefinition,
} from '@motcua/core';
import type { Db } from '../../db/client.js';
import { DomainError } from '../../errors.js';
import { asDomainError, calendarWrites, loadCalendar } from '../calendar/service.js';
import { getVersionById } from '../catalog/repository.js';
import { contentOf } from '../catalog/versions.js';
import * as repo from './world-repository.js';

export interface AgencyRef {
  id: number;
  identifier: string;
  name: string;
  shortName: string | null;
  parentName: string | null;
  place: string;
}

export interface DossierWorld {
  tenantId: number;
  procedure: { id: number; code: string; name: string };
  versionId: number;
  content: ProcedureContent;
  workflowId: number;
  workflow: WorkflowDefinition;
  receiving: AgencyRef;
  competent: AgencyRef;
  calendar: WorkCalendar;
  /** agencies and departments by identifier / code, for the agencies the workflow names */
  agencyByIdentifier(identifier: string): Promise<AgencyRef>;
  departmentId(agencyId: number, code: string): Promise<number>;
}

/**
 * Published procedure versions and saved workflow versions never change (triggers refuse it), so
 * they are cached for the life of the process; a dossier is pinned to them. Keyed by the Db too:
 * two databases (tests, a benchmark) never share rows by id. Bounded, cleared when full.
 */
const immutables = new WeakMap<Db, Map<string, unknown>>();
async function immutable<T>(
  db: Db,
  kind: string,
  id: number,
  load: () => Promise<T | undefined>,
): Promise<T | undefined> {
  let m = immutables.get(db);
  if (!m) {
    m = new Map();
    immutables.set(db, m);
  }
  const key = `${kind}:${id}`;
  if (m.has(key)) return m.get(key) as T;
  const v = await load();
  if (v === undefined) return v;
  if (m.size > 5000) m.clear();
  m.set(key, v);
  return v;
}

/** The content of a published procedure version (immutable, cached). */
export async function versionContent(db: Db, id: number): Promise<ProcedureContent> {
  const c = await immutable(db, 'version', id, async () => {
    const v = await getVersionById(db, id);
    return v ? contentOf(v) : undefined;
  });
  if (!c)
    throw new DomainError(
      500,
      'VERSION_MISSING',
      `procedure version ${id} is missing`,
      'Không tìm thấy phiên bản thủ tục',
    );
  return c;
}

/** Agencies change rarely (a rename, a new parent): names printed on forms may lag a minute. */
const AGENCY_TTL_MS = 60_000;
const agencyCache = new WeakMap<Db, Map<number, { at: number; ref: AgencyRef }>>();
async function agencyRef(db: Db, id: number): Promise<AgencyRef | undefined> {
  let m = agencyCache.get(db);
  if (!m) {
    m = new Map();
    agencyCache.set(db, m);
  }
  const hit = m.get(id);
  const now = Date.now();
  if (hit && now - hit.at < AGENCY_TTL_MS) return hit.ref;
  const ref = await repo.agencyById(db, id);
  if (ref) {
    if (m.size > 5000) m.clear();
    m.set(id, { at: now, ref });
  }
  return ref;
}

const worldError = (code: string, en: string, vi: string, details: Record<string, unknown> = {}) =>
  new DomainError(422, code, en, vi, details);

/**
 * How long an agency's built working calendar is reused (config catalogCacheMs,
 * MOTCUA_CATALOG_CACHE_MS; the dossier services set it from their configuration): a calendar
 * change (a holiday declared, a weekly pattern edited) made through this process applies at once
 * (calendarWrites), one made by another process reaches deadlines within that time. 0:
 * the calendar's chain is read, and checked against its revisions, on every call.
 */
let calendarTtlMs = 10_000;
export function useCatalogCacheMs(ms: number): void {
  calendarTtlMs = ms;
}

/** The working calendar of an agency: its own, else its deployment's, else the national one. */
export async function calendarOf(db: Db, agencyId: number): Promise<WorkCalendar> {
  let m = calendarIds.get(db);
  if (!m) {
    m = new Map();
    calendarIds.set(db, m);
  }
  const now = Date.now();
  const writes = calendarWrites();
  let e = m.get(agencyId);
  if (e?.calendar && e.writes === writes && now - e.builtAt < calendarTtlMs) return e.calendar;
  if (!e || now - e.at >= AGENCY_TTL_MS) {
    e = {
      at: now,
      id: await repo.calendarIdForAgency(db, agencyId),
      builtAt: 0,
      writes,
      calendar: undefined,
    };
    if (m.size > 5000) m.clear();
    m.set(agencyId, e);
  }
  // the calendar itself is checked against its revision whenever it is loaded (loadCalendar)
  const { calendar } = await loadCalendar(db, e.id);
  e.calendar = calendar;
  e.builtAt = now;
  // the count seen before loading: a write that committed meanwhile makes the next call load again
  e.writes = writes;
  return calendar;
}

/**
 * Which calendar an agency uses changes only when one is created for it: a minute's lag is fine.
 * The calendar as last loaded is kept beside it for calendarTtlMs.
 */
const calendarIds = new WeakMap<
  Db,
  Map<
    number,
    {
      at: number;
      id: number | undefined;
      builtAt: number;
      writes: number;
      calendar: WorkCalendar | undefined;
    }
  >
>();

export async function loadWorld(
  db: Db,
  d: {
    tenantId: number;
    procedureId: number;
    procedureVersionId: number | null;
    workflowId: number | null;
    receivingAgencyId: number;
    competentAgencyId: number;
  },
): Promise<DossierWorld> {
  if (d.procedureVersionId === null || d.workflowId === null)
    throw worldError(
      'DOSSIER_UNBOUND',
      'The dossier is not bound to a procedure version and workflow',
      'Hồ sơ chưa gắn với phiên bản thủ tục và quy trình',
    );
  const versionId = d.procedureVersionId;
  const workflowId = d.workflowId;
  const [content, workflow, procedure, receiving, competent] = await Promise.all([
    immutable(db, 'version', versionId, async () => {
      const v = await getVersionById(db, versionId);
      return v ? contentOf(v) : undefined;
    }),
    immutable(
      db,
      'workflow',
      workflowId,
      async () => (await repo.workflowById(db, workflowId))?.definition as WorkflowDefinition | undefined,
    ),
    immutable(db, 'procedure', d.procedureId, () => repo.procedureById(db, d.procedureId)),
    agencyRef(db, d.receivingAgencyId),
    agencyRef(db, d.competentAgencyId),
  ]);
  if (!content || !workflow || !procedure || !receiving || !competent)
    throw new DomainError(
      500,
      'DOSSIER_BINDING_BROKEN',
      'The dossier refers to missing rows',
      'Dữ liệu hồ sơ không toàn vẹn',
    );
  const calendar = await calendarOf(db, competent.id);
  const agencies = new Map<string, AgencyRef>([
    [receiving.identifier, receiving],
    [competent.identifier, competent],
  ]);
  return {
    tenantId: d.tenantId,
    procedure,
    versionId,
    content,
    workflowId,
    workflow,
    receiving,
    competent,
    calendar,
    async agencyByIdentifier(identifier) {
      const hit = agencies.get(identifier);
      if (hit) return hit;
      const a = await repo.agencyByIdentifier(db, d.tenantId, identifier);
      if (!a)
        throw worldError(
          'AGENCY_UNKNOWN',
          `No agency ${identifier} in this deployment`,
          `Không có cơ quan ${identifier}`,
          {
            identifier,
          },
        );
      agencies.set(identifier, a);
      return a;
    },
    async departmentId(agencyId, code) {
      const id = await repo.departmentId(db, agencyId, code);
      if (id === undefined)
        throw worldError('DEPARTMENT_UNKNOWN', `No department ${code}`, `Không có phòng ban ${code}`, {
          agencyId,
          code,
        });
      return id;
    },
  };
}

/** The legal limit of the channel the dossier came through (B1: none means it cannot be accepted). */
export function limitOf(content: ProcedureContent, channel: Channel): Limit {
  const c =
    content.channels.find((x) => x.channel === channel) ??
    content.channels.find((x) => x.channel === 'direct');
  const v = c?.timeLimit.value;
  const unit = c?.timeLimit.unit;
  if (!c || v === null || v === undefined || !unit || !(v > 0))
    throw worldError(
      'TIME_LIMIT_MISSING',
      `The procedure version states no time limit for the ${channel} channel: the due date cannot be computed`,
      'Phiên bản thủ tục chưa quy định thời hạn giải quyết cho cách thức nộp này: không tính được ngày hẹn trả',
      { channel },
    );
  return { amount: v, unit };
}

/** The limit as the applicant reads it on Mẫu 01 ("05 ngày làm việc"). */
export function limitText(content: ProcedureContent, channel: Channel): string {
  const c =
    content.channels.find((x) => x.channel === channel) ??
    content.channels.find((x) => x.channel === 'direct');
  return c?.timeLimit.raw ?? '';
}

export function deadlineFrom(
  cal: WorkCalendar,
  from: number,
  limit: Limit,
  pauses: { from: number; to: number }[] = [],
) {
  try {
    return computeDeadline(cal, { receivedAt: from, limit, pauses }, { explain: false }).dueAt;
  } catch (e) {
    return asDomainError(e);
  }
}

/**
 * Who performs `stepCode` and its due instant when entered at `at`. The one-stop steps (a
 * receiving officer's) are performed where the dossier was handed in, whatever agency the workflow
 * names: with boundary-free reception the applicant collects the result where they submitted.
 */
export async function performerOf(w: DossierWorld, stepCode: string, at: number): Promise<StepPerformer> {
  const step = stepOf(w.workflow, stepCode);
  const dueAt =
    step.budgetHours > 0
      ? deadlineFrom(w.calendar, at, { amount: step.budgetHours, unit: 'working_hours' })
      : null;
  if (step.kind === 'joint') {
    const a = await w.agencyByIdentifier(step.agency);
    return { role: null, agencyId: a.id, departmentId: null, dueAt };
  }
  if (step.role === 'receiving_officer')
    return { role: step.role, agencyId: w.receiving.id, departmentId: null, dueAt };
  const agency = step.agency ? await w.agencyByIdentifier(step.agency) : w.competent;
  const departmentId = step.department ? await w.departmentId(agency.id, step.department) : null;
  return { role: step.role, agencyId: agency.id, departmentId, dueAt };
}
