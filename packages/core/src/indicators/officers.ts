/**
 * Per-officer statistics (issue #7 item 4): what each officer of an agency did with its dossiers
 * in a period [from, to), folded from the dossiers' logs, since only the log says who recorded an
 * action (the facts read model counts dossiers, not people).
 *
 * MotCua's rules (the domain guide gives no per-officer report; docs/monitoring.md):
 * - A handling is an action the officer recorded in the period in a position of the agency
 *   (`actor.agency`), of a kind by its type: accept → received (tiếp nhận), approve → approved,
 *   sign → signed, issue_result → issued (ban hành), return_result → returned; a specialist's or a
 *   department head's forward, return to a previous step or stop → processed (thụ lý, thẩm định,
 *   xem xét). Each dossier counts once per officer and kind.
 * - Its timeliness is the officer's own step's: the step the action was recorded in (for an
 *   acceptance, the step it opens), judged against the step's due instant as the action that
 *   entered the step recorded it (StepPerformer.dueAt): on time when the dossier left the step at
 *   or before it, late after it; a step still open at the period's end is late once past its due
 *   instant, otherwise `open`. Not judged: a step without a budget, one during which the clock
 *   stopped (the log does not move a step's due instant by a pause, so the applicant's time would
 *   count against the officer), and the return of a result (after the result is issued the
 *   dossier is in no step: the log records no budget for it). A dossier handled twice in the same
 *   kind (sent back to the officer) takes its worst standing: late, then open, on time, unjudged.
 * - Holding: at the period's end the dossier is in a step of the agency with the clock running,
 *   assigned to the officer, or unassigned with the officer having acted in that step.
 */
import type { DossierAction, StepPerformer } from '../lifecycle/actions.js';
import type { Role } from '../org/roles.js';
import { type Ratio, ratio } from './ratio.js';

export const HANDLING_KINDS = ['received', 'processed', 'approved', 'signed', 'issued', 'returned'] as const;
export type HandlingKind = (typeof HANDLING_KINDS)[number];

export type HandlingTiming = 'on_time' | 'late' | 'open' | 'unjudged';

export interface KindCount {
  /** dossiers */
  total: number;
  onTime: number;
  late: number;
  /** still in the officer's step at the period's end, within its budget */
  open: number;
  /** no budget recorded, or the clock stopped during the step */
  unjudged: number;
}

export interface OfficerStats {
  staffId: number;
  /** the roles the officer acted in, as the log recorded them */
  roles: Role[];
  handled: Record<HandlingKind, KindCount>;
  /** on time ÷ (on time + late) over every kind */
  onTimeRate: Ratio;
  holding: { total: number; inTime: number; overdue: number; noBudget: number };
  /** supplement requests the officer recorded in the period */
  supplementRequests: number;
  /** apologies (văn bản xin lỗi) the officer recorded in the period */
  apologies: number;
}

export interface AgencyRef {
  id: number;
  /** the electronic identifier the log's actors carry */
  identifier: string;
}

const PROCESSING_ROLES: readonly Role[] = ['specialist', 'department_head'];

/** The kind of handling an officer's action is, or null when it is none. */
export function handlingKind(a: DossierAction): HandlingKind | null {
  if (a.actor.kind !== 'officer') return null;
  switch (a.type) {
    case 'accept':
      return 'received';
    case 'approve':
      return 'approved';
    case 'sign':
      return 'signed';
    case 'issue_result':
      return 'issued';
    case 'return_result':
      return 'returned';
    case 'forward':
    case 'return_step':
    case 'stop':
      return PROCESSING_ROLES.includes(a.actor.role) ? 'processed' : null;
    default:
      return null;
  }
}

/** One stay of the dossier in a step, from the action that entered it to the one that left it. */
interface Span {
  step: string;
  agencyId: number | null;
  dueAt: number | null;
  start: number;
  /** null while the dossier is still in the step */
  end: number | null;
  paused: boolean;
  /** the agency's officers who recorded an action in the step after entering it, latest last */
  actors: number[];
}

export interface Handling {
  staffId: number;
  role: Role;
  kind: HandlingKind;
  at: number;
  timing: HandlingTiming;
}

export interface DossierOfficerFold {
  handlings: Handling[];
  /** who holds the dossier at `to`, and how it stands; null when nobody of the agency does */
  holding: { staffId: number; standing: 'in_time' | 'overdue' | 'no_budget' } | null;
  supplementRequests: { staffId: number; role: Role }[];
  apologies: { staffId: number; role: Role }[];
}

const entered = (a: DossierAction): { step: string; performer: StepPerformer | undefined } | null => {
  switch (a.type) {
    case 'accept':
    case 'receive_joint':
      return { step: a.step, performer: a.performer };
    case 'forward':
    case 'return_step':
      return { step: a.toStep, performer: a.performer };
    default:
      return null;
  }
};

const LEAVES: ReadonlySet<DossierAction['type']> = new Set(['issue_result', 'stop', 'withdraw']);

function judge(span: Span | null, to: number): HandlingTiming {
  if (!span || span.dueAt === null || span.paused) return 'unjudged';
  if (span.end !== null) return span.end <= span.dueAt ? 'on_time' : 'late';
  return to > span.dueAt ? 'late' : 'open';
}

/**
 * What one dossier's log says about the agency's officers in [from, to): only the actions before
 * `to` are read, so a past period is judged as it stood at its end.
 */
export function foldOfficers(
  log: readonly DossierAction[],
  agency: AgencyRef,
  from: number,
  to: number,
): DossierOfficerFold {
  let current: Span | null = null;
  let assignee: number | null = null;
  let clockStopped = false;
  // each handling points at the span it is judged by
  const pending: { h: Omit<Handling, 'timing'>; span: Span | null }[] = [];
  const out: DossierOfficerFold = { handlings: [], holding: null, supplementRequests: [], apologies: [] };
  const close = (at: number) => {
    if (current) current.end = at;
    current = null;
  };
  for (const a of log) {
    if (a.at >= to) break;
    const mine = a.actor.kind === 'officer' && a.actor.agency === agency.identifier && a.at >= from;
    const inSpan: Span | null = current;
    const enter = entered(a);
    const reassign = a.type === 'assign' && (a.step !== current?.step || a.performer !== undefined);
    if (enter || reassign || LEAVES.has(a.type)) close(a.at);
    if (enter || reassign) {
      const step = enter ? enter.step : (a as Extract<DossierAction, { type: 'assign' }>).step;
      const p = enter ? enter.performer : (a as Extract<DossierAction, { type: 'assign' }>).performer;
      // as the lifecycle's enterStep: a step entered without a performer has no place nor budget
      current = {
        step,
        agencyId: p?.agencyId ?? null,
        dueAt: p?.dueAt ?? null,
        start: a.at,
        end: null,
        paused: clockStopped,
        actors: [],
      };
    }
    if (a.type === 'assign') assignee = a.assigneeId;
    else if (enter || LEAVES.has(a.type)) assignee = null;
    if (a.type === 'request_supplement' || (a.type === 'request_payment' && a.pausesClock)) {
      clockStopped = true;
      if (current) current.paused = true;
    }
    if (a.type === 'supplement_received' || a.type === 'payment_received') clockStopped = false;
    if (a.actor.kind === 'officer' && a.actor.agency === agency.identifier && current && !enter && !reassign)
      current.actors.push(a.actor.staffId);
    if (!mine || a.actor.kind !== 'officer') continue;
    const who = { staffId: a.actor.staffId, role: a.actor.role };
    if (a.type === 'request_supplement') out.supplementRequests.push(who);
    if (a.type === 'apologise') out.apologies.push(who);
    const kind = handlingKind(a);
    if (!kind) continue;
    // an acceptance opens the desk's step and is judged by it; a return of the result has no step
    const span = kind === 'received' ? current : kind === 'returned' ? null : inSpan;
    pending.push({ h: { ...who, kind, at: a.at }, span });
  }
  out.handlings = pending.map(({ h, span }) => ({ ...h, timing: judge(span, to) }));
  const last: Span | null = current;
  if (last && !clockStopped && last.agencyId === agency.id) {
    const holder = assignee ?? last.actors.at(-1) ?? null;
    if (holder !== null)
      out.holding = {
        staffId: holder,
        standing: last.dueAt === null ? 'no_budget' : to > last.dueAt ? 'overdue' : 'in_time',
      };
  }
  return out;
}

const RANK: Record<HandlingTiming, number> = { late: 3, open: 2, on_time: 1, unjudged: 0 };

const emptyKind = (): KindCount => ({ total: 0, onTime: 0, late: 0, open: 0, unjudged: 0 });

export function emptyOfficer(staffId: number): OfficerStats {
  return {
    staffId,
    roles: [],
    handled: Object.fromEntries(HANDLING_KINDS.map((k) => [k, emptyKind()])) as Record<
      HandlingKind,
      KindCount
    >,
    onTimeRate: ratio(0, 0),
    holding: { total: 0, inTime: 0, overdue: 0, noBudget: 0 },
    supplementRequests: 0,
    apologies: 0,
  };
}

/**
 * The agency's officers' statistics over a set of dossier logs. `staffIds` lists officers to show
 * even without any handling (the agency's staff): their zeros are real, they handled nothing.
 */
export function officerStats(
  logs: Iterable<readonly DossierAction[]>,
  agency: AgencyRef,
  from: number,
  to: number,
  staffIds: Iterable<number> = [],
): Map<number, OfficerStats> {
  const out = new Map<number, OfficerStats>();
  const of = (id: number) => {
    let o = out.get(id);
    if (!o) {
      o = emptyOfficer(id);
      out.set(id, o);
    }
    return o;
  };
  for (const id of staffIds) of(id);
  const addRole = (o: OfficerStats, r: Role) => {
    if (!o.roles.includes(r)) o.roles.push(r);
  };
  for (const log of logs) {
    const f = foldOfficers(log, agency, from, to);
    // one dossier, one officer, one kind: the worst standing among its handlings
    const worst = new Map<string, Handling>();
    for (const h of f.handlings) {
      const key = `${h.staffId}:${h.kind}`;
      const seen = worst.get(key);
      if (!seen || RANK[h.timing] > RANK[seen.timing]) worst.set(key, h);
      addRole(of(h.staffId), h.role);
    }
    for (const h of worst.values()) {
      const c = of(h.staffId).handled[h.kind];
      c.total++;
      if (h.timing === 'on_time') c.onTime++;
      else if (h.timing === 'late') c.late++;
      else if (h.timing === 'open') c.open++;
      else c.unjudged++;
    }
    for (const s of f.supplementRequests) {
      const o = of(s.staffId);
      o.supplementRequests++;
      addRole(o, s.role);
    }
    for (const s of f.apologies) {
      const o = of(s.staffId);
      o.apologies++;
      addRole(o, s.role);
    }
    if (f.holding) {
      const hold = of(f.holding.staffId).holding;
      hold.total++;
      if (f.holding.standing === 'in_time') hold.inTime++;
      else if (f.holding.standing === 'overdue') hold.overdue++;
      else hold.noBudget++;
    }
  }
  for (const o of out.values()) {
    const kinds = HANDLING_KINDS.map((k) => o.handled[k]);
    const onTime = kinds.reduce((n, c) => n + c.onTime, 0);
    const late = kinds.reduce((n, c) => n + c.late, 0);
    o.onTimeRate = ratio(onTime, onTime + late);
  }
  return out;
}
