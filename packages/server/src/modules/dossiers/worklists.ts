/**
 * Officer worklists (issue #5 item 12; PITFALLS E1: fast permission-filtered lists at a million
 * dossiers). Each list is the dossiers in some states that the officer's positions reach, filtered,
 * sorted and paged in SQL (worklist-repository.ts); what "reach" means depends on the list:
 *
 * | list | states | reached through |
 * |---|---|---|
 * | to_receive | submitted | the receiving agency, by a receiving officer's position |
 * | to_assign | accepted, processing; unassigned | a specialist's or head's step in a department a head reaches |
 * | to_process | accepted, processing | assigned to me; or unassigned, at a step of a role I hold, in a place that position reaches |
 * | to_approve, to_sign, to_issue | the same | as to_process, for steps of a department head, agency leader, clerk |
 * | to_return | result_ready | the receiving agency, by a receiving officer's position |
 * | overdue | accepted, processing, awaiting payment, clock running; due before now | monitoring reach |
 * | due_soon | the same; due within `withinHours` | monitoring reach |
 * | supplement_waiting | supplement_requested | monitoring reach |
 *
 * A place (the agency and department performing the current step, StepPerformer) is reached as
 * modules/dossiers/authorize.ts decides it: a department-scoped position reaches its department
 * and the steps open to any department of its agency, an agency-scoped one the whole agency, a
 * unit-subtree one every agency under its unit. Monitoring reach (processing roles and inspectors):
 * the current step's place, or the competent or the receiving agency for agency-wide positions.
 *
 * Paging is by keyset (a cursor holding the last row's sort value and id), so page 100 costs what
 * page 1 costs. The first page carries the total, a count that stops at COUNT_CAP (1,000), in the
 * page's own statement; later pages carry none. The badge counters stop at 99. Every statement is
 * a prepared one (worklist-repository.ts `execute`).
 */
import type { Position, Role } from '@motcua/core';
import type { Static } from '@sinclair/typebox';
import type { AuthContext } from '../../auth/access.js';
import type { Db } from '../../db/client.js';
import {
  decodeCursor,
  encodeCursor,
  filtersOf,
  type WorklistQueryInput,
  worklistErrors,
} from './worklist-query.js';
import * as repo from './worklist-repository.js';
import {
  SORT_KEYS,
  type SortKey,
  type Timeliness,
  WORKLISTS,
  type Worklist,
  type WorklistItem,
} from './worklist-schemas.js';

/** Roles that perform workflow steps. */
const PERFORMERS: readonly Role[] = [
  'receiving_officer',
  'specialist',
  'department_head',
  'agency_leader',
  'clerk',
];
/** Roles that watch deadlines: the performers and the inspectors. */
const MONITORS: readonly Role[] = [...PERFORMERS, 'inspector'];
/** Dossiers an officer can act on now (the others wait for the applicant or are finished). */
const OPEN = ['accepted', 'processing'] as const;
/** The legal clock can be running: a supplement always stops it, a payment when the procedure says so. */
const RUNNING = ['accepted', 'processing', 'awaiting_payment'] as const;

const HOUR = 3_600_000;

export const DEFAULT_WITHIN_HOURS = 24;

interface ListDef {
  roles: readonly Role[];
  statuses: readonly string[];
  /** what sort keys make sense (a dossier not yet accepted has no code, receipt or due instant) */
  sorts: readonly SortKey[];
  defaultSort: SortKey;
}

const ALL_SORTS = SORT_KEYS;
const LISTS: Record<Worklist, ListDef> = {
  to_receive: {
    roles: ['receiving_officer'],
    statuses: ['submitted'],
    sorts: ['submittedAt'],
    defaultSort: 'submittedAt',
  },
  to_assign: { roles: ['department_head'], statuses: OPEN, sorts: ALL_SORTS, defaultSort: 'dueAt' },
  to_process: { roles: PERFORMERS, statuses: OPEN, sorts: ALL_SORTS, defaultSort: 'dueAt' },
  to_approve: { roles: ['department_head'], statuses: OPEN, sorts: ALL_SORTS, defaultSort: 'dueAt' },
  to_sign: { roles: ['agency_leader'], statuses: OPEN, sorts: ALL_SORTS, defaultSort: 'dueAt' },
  to_issue: { roles: ['clerk'], statuses: OPEN, sorts: ALL_SORTS, defaultSort: 'dueAt' },
  to_return: {
    roles: ['receiving_officer'],
    statuses: ['result_ready'],
    sorts: ALL_SORTS,
    defaultSort: 'dueAt',
  },
  overdue: { roles: MONITORS, statuses: RUNNING, sorts: ALL_SORTS, defaultSort: 'dueAt' },
  due_soon: { roles: MONITORS, statuses: RUNNING, sorts: ALL_SORTS, defaultSort: 'dueAt' },
  supplement_waiting: {
    roles: MONITORS,
    statuses: ['supplement_requested'],
    sorts: ALL_SORTS,
    defaultSort: 'dueAt',
  },
};

const STEP_LIST_ROLE: Partial<Record<Worklist, Role>> = {
  to_approve: 'department_head',
  to_sign: 'agency_leader',
  to_issue: 'clerk',
};

export function isWorklist(s: string): s is Worklist {
  return (WORKLISTS as readonly string[]).includes(s);
}

// ---------------------------------------------------------------------------------------------
// Reach

interface AgencyUnits {
  id: number;
  ancestors: number[];
}

/**
 * A deployment's agencies and their units, for unit-subtree positions, kept a minute: agencies are
 * created rarely and never removed, and a new one missing from a list for a minute hides nothing
 * an officer could otherwise act on (every action checks its own target).
 */
const AGENCY_UNITS_TTL_MS = 60_000;
const agencyUnitsCache = new WeakMap<Db, Map<number, { at: number; rows: Promise<AgencyUnits[]> }>>();

function tenantAgencyUnits(db: Db, tenantId: number): Promise<AgencyUnits[]> {
  let byTenant = agencyUnitsCache.get(db);
  if (!byTenant) {
    byTenant = new Map();
    agencyUnitsCache.set(db, byTenant);
  }
  const hit = byTenant.get(tenantId);
  if (hit && Date.now() - hit.at < AGENCY_UNITS_TTL_MS) return hit.rows;
  const rows = repo.tenantAgencyUnits(db, tenantId);
  byTenant.set(tenantId, { at: Date.now(), rows });
  const cache = byTenant;
  rows.catch(() => cache.delete(tenantId));
  return rows;
}

/** The officer's positions in the signed-in tenant, and the tenant's agencies when a unit-subtree position needs them. */
export async function officerReach(db: Db, auth: AuthContext) {
  const positions = auth.positions.filter((p) => p.tenantId === auth.tenantId);
  const agencies: AgencyUnits[] | null = positions.some((p) => p.scope === 'unit_subtree')
    ? await tenantAgencyUnits(db, auth.tenantId)
    : null;
  return (roles: readonly Role[]) => reachOfPositions(positions, roles, agencies);
}

export function reachOfPositions(
  positions: readonly Position[],
  roles: readonly Role[],
  agencies: readonly AgencyUnits[] | null,
): repo.Reach {
  const whole = new Set<number>();
  const departments = new Set<number>();
  const departmentAgencies = new Set<number>();
  for (const p of positions) {
    if (!roles.includes(p.role)) continue;
    if (p.scope === 'unit_subtree') {
      for (const a of agencies ?? []) if (a.ancestors.includes(p.agencyUnitId)) whole.add(a.id);
    } else if (p.scope === 'agency') whole.add(p.agencyId);
    else if (p.departmentId !== null) {
      departments.add(p.departmentId);
      departmentAgencies.add(p.agencyId);
    }
  }
  return {
    all: agencies !== null && agencies.length > 0 && agencies.every((a) => whole.has(a.id)),
    agencies: [...whole].sort((a, b) => a - b),
    departments: [...departments].sort((a, b) => a - b),
    departmentAgencies: [...departmentAgencies].filter((a) => !whole.has(a)).sort((a, b) => a - b),
  };
}

const holds = (positions: readonly Position[], roles: readonly Role[]) =>
  positions.some((p) => roles.includes(p.role));

/** The list's own predicate for this officer, or null when none of their roles gives the list. */
async function listFilter(
  db: Db,
  auth: AuthContext,
  list: Worklist,
  now: number,
  withinHours: number,
  reachOf?: (roles: readonly Role[]) => repo.Reach,
): Promise<repo.ListFilter | null> {
  const def = LISTS[list];
  const positions = auth.positions.filter((p) => p.tenantId === auth.tenantId);
  if (!holds(positions, def.roles)) return null;
  const reach = reachOf ?? (await officerReach(db, auth));
  const base = { tenantId: auth.tenantId, statuses: def.statuses };
  switch (list) {
    case 'to_receive':
    case 'to_return':
      return { ...base, receiving: reach(['receiving_officer']) };
    case 'to_assign': {
      const heads = reach(['department_head']);
      return {
        ...base,
        step: {
          byRole: [
            { role: 'specialist', reach: heads },
            { role: 'department_head', reach: heads },
          ],
          unassignedOnly: true,
        },
      };
    }
    case 'to_process':
      return {
        ...base,
        step: {
          byRole: PERFORMERS.filter((r) => holds(positions, [r])).map((role) => ({
            role,
            reach: reach([role]),
          })),
          assignee: auth.staffId,
        },
      };
    case 'to_approve':
    case 'to_sign':
    case 'to_issue': {
      const role = STEP_LIST_ROLE[list]!;
      return {
        ...base,
        step: { byRole: [{ role, reach: reach([role]) }], assignee: auth.staffId, assigneeRole: role },
      };
    }
    case 'overdue':
      return { ...base, monitor: reach(MONITORS), due: { to: new Date(now) }, clockRunning: true };
    case 'due_soon':
      return {
        ...base,
        monitor: reach(MONITORS),
        due: { from: new Date(now), to: new Date(now + withinHours * HOUR) },
        clockRunning: true,
      };
    case 'supplement_waiting':
      return { ...base, monitor: reach(MONITORS) };
  }
}

// ---------------------------------------------------------------------------------------------
// Use cases

export type WorklistItemView = Static<typeof WorklistItem>;

export interface WorklistPageView {
  list: Worklist;
  items: WorklistItemView[];
  nextCursor: string | null;
  total: number | null;
  totalExact: boolean;
}

export function timelinessOf(
  r: Pick<repo.WorklistRow, 'due_at' | 'finished_at' | 'clock_stopped'>,
  now: number,
  withinHours: number,
): Timeliness | null {
  if (r.due_at === null) return null;
  const due = r.due_at.getTime();
  if (r.finished_at) return r.finished_at.getTime() <= due ? 'in_time' : 'overdue';
  if (r.clock_stopped) return 'paused';
  if (due < now) return 'overdue';
  return due < now + withinHours * HOUR ? 'due_soon' : 'in_time';
}

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

function itemOf(r: repo.WorklistRow, now: number, withinHours: number): WorklistItemView {
  return {
    id: r.id,
    code: r.code,
    version: r.version,
    procedure: { code: r.procedure_code, name: r.procedure_name },
    applicantName: r.applicant_name,
    status: r.status as WorklistItemView['status'],
    nationalStatus: r.national_status,
    channel: r.channel,
    currentStep: r.current_step,
    stepRole: r.step_role,
    assignee: r.assignee_id === null ? null : { id: r.assignee_id, fullName: r.assignee_name ?? '' },
    submittedAt: new Date(Number(r.submitted_ms)).toISOString(),
    receivedAt: iso(r.received_at),
    dueAt: iso(r.due_at),
    appointmentAt: iso(r.appointment_at),
    stepDueAt: iso(r.step_due_at),
    timeliness: timelinessOf(r, now, withinHours),
  };
}

/** One page of one list for the signed-in officer. */
export async function worklistPage(
  db: Db,
  auth: AuthContext,
  listName: string,
  q: WorklistQueryInput,
  now: number,
): Promise<WorklistPageView> {
  if (!isWorklist(listName)) throw worklistErrors.unknown(listName);
  const list = listName;
  const def = LISTS[list];
  const sort = q.sort ?? def.defaultSort;
  if (!def.sorts.includes(sort)) throw worklistErrors.sortNotAvailable(list, sort, def.sorts);
  const order = q.order ?? 'asc';
  const after = q.cursor ? decodeCursor(q.cursor, sort, order) : undefined;
  const filters = filtersOf(list, q);
  const withinHours = q.withinHours ?? DEFAULT_WITHIN_HOURS;
  const empty: WorklistPageView = {
    list,
    items: [],
    nextCursor: null,
    total: after ? null : 0,
    totalExact: true,
  };
  const f = await listFilter(db, auth, list, now, withinHours);
  if (!f) return empty;
  const statuses = q.status ? f.statuses.filter((s) => q.status!.includes(s)) : f.statuses;
  if (!statuses.length) return empty;
  const filter = { ...f, statuses };
  // the total comes with the first page, counted in the same statement up to COUNT_CAP
  const { rows, total } = await repo.listPage(
    db,
    filter,
    filters,
    { sort, order, after },
    q.limit,
    after ? undefined : repo.COUNT_CAP,
  );
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    list,
    items: page.map((r) => itemOf(r, now, withinHours)),
    nextCursor:
      rows.length > q.limit && last && last.sort_value !== null
        ? encodeCursor({ s: sort, o: order, v: last.sort_value, i: last.id })
        : null,
    total: total === null ? null : Math.min(total, repo.COUNT_CAP),
    totalExact: total === null ? true : total <= repo.COUNT_CAP,
  };
}

/** The badge counters: every list the officer's roles give, counted up to BADGE_CAP ("99+"), in one statement. */
export async function worklistCounts(
  db: Db,
  auth: AuthContext,
  now: number,
  withinHours = DEFAULT_WITHIN_HOURS,
) {
  const reach = await officerReach(db, auth);
  const filters: { list: Worklist; f: repo.ListFilter }[] = [];
  for (const list of WORKLISTS) {
    const f = await listFilter(db, auth, list, now, withinHours, reach);
    if (f) filters.push({ list, f });
  }
  const counts = await repo.countLists(
    db,
    filters.map((x) => x.f),
  );
  return {
    withinHours,
    lists: filters.map((x, i) => ({
      list: x.list,
      count: Math.min(counts[i]!, repo.BADGE_CAP),
      exact: counts[i]! <= repo.BADGE_CAP,
    })),
  };
}
