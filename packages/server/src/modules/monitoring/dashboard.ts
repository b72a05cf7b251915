/**
 * The dashboards (issue #7 item 6): the province overview for leaders and inspectors, and the
 * public transparency figures per agency. Everything is read from the facts read model, which is
 * written in the transaction of each action (migration 0015), so the figures are as of the instant
 * they were read (`asOf`, lag 0). Counts come from the core's rules (standingAt, reportRow); the
 * score and its trend come from indicators(); the overdue list is limited and ordered in SQL.
 *
 * The SQL of this file stays here rather than in repository.ts (owned by the indicators work): it
 * is the dashboard's own, and used by nothing else.
 */
import {
  type LoggedFacts,
  type Ratio,
  type ReportFacts,
  ratio,
  reportRow,
  standingAt,
  VN_OFFSET_MS,
  vnMidnight,
} from '@motcua/core';
import { sql } from 'kysely';
import type { Db } from '../../db/client.js';
import { DomainError } from '../../errors.js';
import { countersLag } from './counters-repository.js';
import { storedFacts } from './facts.js';
import { indicators } from './indicators.js';
import { resolvePeriod } from './report.js';
import * as repo from './repository.js';

/** A rating of 1 or 2 is "dissatisfied" (core lifecycle/actions.ts SURVEY_QUESTIONS, 766 §5.4). */
export const SATISFIED_FROM = 3;
/** The overdue list's default and largest length. */
export const OVERDUE_LIMIT = { default: 20, max: 100 } as const;
const TREND_MONTHS = 6;

type Window = { from: number; to: number };

/** The civil day of `now` in Vietnam, up to now (half-open, as resolvePeriod does). */
export function todayWindow(now: number): Window {
  const d = new Date(now + VN_OFFSET_MS);
  return { from: vnMidnight(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()), to: now + 1 };
}

/** "2026-12" of an instant in Vietnam. */
export const monthOf = (t: number) => {
  const d = new Date(t + VN_OFFSET_MS);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
};

/** The `n` months ending with `period` (YYYY-MM), oldest first. */
export function monthsEndingAt(period: string, n: number): string[] {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const out: string[] = [];
  for (let i = n - 1; i >= 0; i--) {
    const k = y * 12 + (m - 1) - i;
    out.push(`${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`);
  }
  return out;
}

/**
 * A dossier fell overdue within [from, to): it was not overdue (nor finished) at the start, and at
 * the end it is open overdue or was resolved late within the window.
 */
export function fellOverdue(f: ReportFacts, w: Window): boolean {
  const before = standingAt(f, w.from);
  if (before.bucket === 'resolved' || before.bucket === 'withdrawn') return false;
  if (before.bucket === 'open' && before.overdue === true) return false;
  const after = standingAt(f, w.to);
  if (after.bucket === 'open') return after.overdue === true;
  return after.bucket === 'resolved' && after.kind === 'result' && after.timing === 'late';
}

export interface WindowCounts {
  /** newly received in the window (accepted: the clock started) */
  received: number;
  /** resolved with a result in the window */
  resolved: number;
  /** of them, resolved after the due instant */
  resolvedLate: number;
  /** fell overdue in the window: the due instant passed while the dossier was unresolved */
  overdue: number;
}

function windowCounts(facts: ReportFacts[], w: Window): WindowCounts {
  const row = reportRow(facts, w.from, w.to);
  return {
    received: row.received.newOnline + row.received.newDirectOrPostal,
    resolved: row.resolved.total,
    resolvedLate: row.resolved.late,
    overdue: facts.filter((f) => fellOverdue(f, w)).length,
  };
}

const factsOfRows = (rows: { facts: LoggedFacts; due_history: LoggedFacts['dueHistory'] }[]) =>
  rows.map((r) => storedFacts({ facts: r.facts, due_history: r.due_history } as repo.FactsRow));

/** The channel mix of the dossiers received in the window; a missing channel counts as direct (766 §3.3). */
function channelMix(facts: ReportFacts[], w: Window) {
  const n = { online: 0, direct: 0, postal: 0 };
  for (const f of facts) {
    if (f.receivedAt == null || f.receivedAt < w.from || f.receivedAt >= w.to) continue;
    n[f.channel === 'online' ? 'online' : f.channel === 'postal' ? 'postal' : 'direct']++;
  }
  const total = n.online + n.direct + n.postal;
  return {
    total,
    online: ratio(n.online, total),
    direct: ratio(n.direct, total),
    postal: ratio(n.postal, total),
  };
}

/** Open dossiers now: running within time, overdue, clock stopped, or without a due instant. */
function openNow(facts: ReportFacts[], now: number) {
  const out = { total: 0, inTime: 0, overdue: 0, paused: 0, noDueDate: 0 };
  for (const f of facts) {
    const s = standingAt(f, now + 1);
    if (s.bucket !== 'open') continue;
    out.total++;
    if (s.overdue === true) out.overdue++;
    else if (s.overdue === null) out.noDueDate++;
    else if (s.paused) out.paused++;
    else out.inTime++;
  }
  return out;
}

/**
 * The dossiers overdue now, most late first, `limit` of them, in SQL: open (accepted, neither
 * ended nor withdrawn), the due instant passed, and not stopped before it (a dossier whose clock
 * stopped within time is not late: core timeliness.ts). With who holds the current step: the
 * assigned officer, otherwise the step's role at its department or agency (a pool not yet taken).
 */
export async function overdueDossiers(db: Db, tenantId: number, now: number, limit: number) {
  const at = new Date(now);
  const nowMs = sql.lit(now);
  // the instant the clock stopped, when it is stopped now (an open pause: `to` null)
  const stoppedAt = sql<number | null>`(
    select min((p->>'from')::bigint) from jsonb_array_elements(f.facts->'pauses') p
    where p->>'to' is null or p->>'to' = 'null')`;
  const lateUntil = sql<number>`coalesce(${stoppedAt}, ${nowMs})`;
  const base = db
    .selectFrom('dossier_facts as f')
    .where('f.tenant_id', '=', tenantId)
    .where('f.received_at', 'is not', null)
    .where('f.end_at', 'is', null)
    .where('f.withdrawn_at', 'is', null)
    .where('f.due_at', '<', at)
    .where(sql<boolean>`${lateUntil} > (extract(epoch from f.due_at) * 1000)::bigint`);
  const [count, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    base
      .innerJoin('dossiers as d', 'd.id', 'f.dossier_id')
      .innerJoin('procedures as p', 'p.id', 'f.procedure_id')
      .innerJoin('agencies as a', 'a.id', 'f.competent_agency_id')
      .leftJoin('workflows as w', 'w.id', 'd.workflow_id')
      .leftJoin('staff as s', 's.id', 'd.assignee_id')
      .leftJoin('departments as dep', 'dep.id', 'd.step_department_id')
      .leftJoin('agencies as sa', 'sa.id', 'd.step_agency_id')
      .select([
        'd.id',
        'd.code',
        'd.current_step',
        'd.step_role',
        'f.due_at',
        'p.code as procedure_code',
        'p.name as procedure_name',
        'a.id as agency_id',
        'a.name as agency_name',
        's.id as assignee_id',
        's.full_name as assignee_name',
        'dep.name as department_name',
        'sa.name as step_agency_name',
        sql<string | null>`(select st->>'name' from jsonb_array_elements(w.definition->'steps') st
          where st->>'code' = d.current_step limit 1)`.as('step_name'),
        sql<string>`(${lateUntil} - (extract(epoch from f.due_at) * 1000)::bigint)::text`.as('late_ms'),
        sql<boolean>`${stoppedAt} is not null`.as('paused'),
      ])
      .orderBy('f.due_at')
      .orderBy('d.id')
      .limit(limit)
      .execute(),
  ]);
  return {
    total: Number(count.n),
    dossiers: rows.map((r) => ({
      id: r.id,
      code: r.code,
      procedure: { code: r.procedure_code, name: r.procedure_name },
      agency: { id: r.agency_id, name: r.agency_name },
      step: r.current_step ? { code: r.current_step, name: r.step_name ?? r.current_step } : null,
      holder: {
        assignee: r.assignee_id == null ? null : { id: r.assignee_id, name: r.assignee_name as string },
        role: r.step_role,
        department: r.department_name,
        agency: r.step_agency_name,
      },
      dueAt: new Date(r.due_at as Date).toISOString(),
      lateMinutes: Math.floor(Number(r.late_ms) / 60_000),
      paused: r.paused,
    })),
  };
}

/** The score of a unit: null when MotCua measured nothing in the period (0 ÷ 0 is not zero). */
const scoreOrNull = (s: { total: number; measuredMax: number }) => (s.measuredMax === 0 ? null : s.total);

async function trend(db: Db, tenantId: number, period: string, now: number) {
  const out = [];
  for (const month of monthsEndingAt(period, TREND_MONTHS)) {
    const r = await indicators(db, tenantId, { period: month }, now);
    out.push({
      period: month,
      label: r.period.label,
      total: scoreOrNull(r.deployment),
      measuredMax: r.deployment.measuredMax,
      groups: r.deployment.groups.map((g) => ({ group: g.group, max: g.max, score: g.score })),
    });
  }
  return out;
}

export interface DashboardQuery {
  /** YYYY-MM; this month by default */
  period?: string;
  overdueLimit?: number;
}

const monthOnly = (period: string) => {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(period))
    throw new DomainError(
      400,
      'PERIOD_INVALID',
      'the dashboard period is a month, YYYY-MM',
      'Kỳ phải là một tháng (YYYY-MM)',
      {},
    );
  return period;
};

/**
 * The province overview: today's and the month's counts, open dossiers now, the month's channel
 * mix, the score with its groups over the last six months, the dossiers overdue now. `today` is
 * always today; the month and the trend follow `period`.
 */
export async function dashboard(db: Db, tenantId: number, q: DashboardQuery, now: number = Date.now()) {
  const period = monthOnly(q.period ?? monthOf(now));
  const month = resolvePeriod({ period }, now);
  const today = todayWindow(now);
  const limit = Math.min(OVERDUE_LIMIT.max, Math.max(1, q.overdueLimit ?? OVERDUE_LIMIT.default));
  const first = Math.min(month.from, today.from);
  const [rows, openRows, overdue, trendRows, lag] = await Promise.all([
    repo.tenantPeriodFacts(db, tenantId, new Date(first), new Date(Math.max(month.to, today.to))),
    // running now: received, neither ended nor withdrawn before this instant
    repo.tenantPeriodFacts(db, tenantId, new Date(now + 1), new Date(now + 1)),
    overdueDossiers(db, tenantId, now, limit),
    trend(db, tenantId, period, now),
    countersLag(db, tenantId),
  ]);
  const facts = factsOfRows(rows);
  const current = trendRows.at(-1)!;
  return {
    asOf: new Date(now).toISOString(),
    // written in each action's own transaction (migration 0015): nothing to catch up
    lagSeconds: 0,
    // the day counters are kept by a worker (migration 0019): its lag, measured, tenths of a second
    countersLagSeconds: Math.round(lag * 10) / 10,
    period: {
      period,
      from: new Date(month.from).toISOString(),
      to: new Date(month.to).toISOString(),
      label: month.label,
    },
    today: { from: new Date(today.from).toISOString(), ...windowCounts(facts, today) },
    month: windowCounts(facts, month),
    open: openNow(factsOfRows(openRows), now),
    channels: channelMix(facts, month),
    digitisation: {
      status: 'not_measured' as const,
      reason: 'the facts read model does not hold digitised or reused components yet (766 group 4: 4.2, 4.3)',
    },
    score: { total: current.total, measuredMax: current.measuredMax, groups: current.groups },
    trend: trendRows,
    overdue: { limit, ...overdue },
  };
}

/** The deployment a public request names (`tenant` code), or the first the installation serves. */
async function publicTenant(db: Db, code: string | undefined) {
  let q = db.selectFrom('tenants').select(['id', 'code', 'name']);
  q = code ? q.where('code', '=', code) : q.orderBy('id').limit(1);
  const t = await q.executeTakeFirst();
  if (!t)
    throw new DomainError(404, 'NOT_FOUND', 'no such deployment', 'Không tìm thấy đơn vị triển khai', {
      tenant: code ?? null,
    });
  return t;
}

/** Satisfaction from the ratings: of the dossiers resolved in the period and rated, the share not dissatisfied. */
function satisfactionOf(facts: LoggedFacts[], w: Window): Ratio {
  let rated = 0;
  let satisfied = 0;
  for (const f of facts) {
    if (f.rating == null || f.end?.kind !== 'result' || f.end.at < w.from || f.end.at >= w.to) continue;
    rated++;
    if (f.rating >= SATISFIED_FROM) satisfied++;
  }
  return ratio(satisfied, rated);
}

/**
 * The public transparency figures of a deployment's agencies for a month: 2.1 on time, the
 * satisfaction of the ratings, the projected score. Only counts and agency names: no dossier code,
 * no person.
 */
export async function transparency(
  db: Db,
  q: { period?: string; tenant?: string },
  now: number = Date.now(),
) {
  const tenant = await publicTenant(db, q.tenant);
  const period = monthOnly(q.period ?? monthOf(now));
  const range = resolvePeriod({ period }, now);
  const [ind, rows] = await Promise.all([
    indicators(db, tenant.id, { period }, now),
    repo.tenantPeriodFacts(db, tenant.id, new Date(range.from), new Date(range.to)),
  ]);
  const byAgency = new Map<number, LoggedFacts[]>();
  for (const r of rows) {
    const list = byAgency.get(r.competent_agency_id) ?? [];
    list.push(storedFacts({ facts: r.facts, due_history: r.due_history } as repo.FactsRow));
    byAgency.set(r.competent_agency_id, list);
  }
  const onTimeOf = (groups: (typeof ind)['deployment']['groups']) =>
    groups.flatMap((g) => g.metrics).find((m) => m.code === 'DOSSIER_ON_TIME')?.ratio ?? ratio(0, 0);
  const agencies = ind.rankings
    .flatMap((r) => r.agencies)
    .map((u) => ({
      agency: { id: u.agency.id, name: u.agency.name, level: u.agency.level },
      rank: u.rank,
      onTime: onTimeOf(u.groups),
      satisfaction: satisfactionOf(byAgency.get(u.agency.id) ?? [], range),
      score: { total: scoreOrNull(u), measuredMax: u.measuredMax },
    }));
  return {
    tenant: { code: tenant.code, name: tenant.name },
    asOf: new Date(now).toISOString(),
    period: { period, label: range.label },
    measured: ind.measured,
    deployment: {
      onTime: onTimeOf(ind.deployment.groups),
      satisfaction: satisfactionOf(
        rows.map((r) => storedFacts({ facts: r.facts, due_history: r.due_history } as repo.FactsRow)),
        range,
      ),
      score: { total: scoreOrNull(ind.deployment), measuredMax: ind.deployment.measuredMax },
    },
    agencies,
  };
}
