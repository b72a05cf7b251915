/**
 * Legal deadlines (thời hạn giải quyết), exactly as the Time issue states them:
 * - working_days N: N × the standard day's working time, counted along working periods from the
 *   receipt instant (a receipt outside working periods starts at the next period; a count that ends
 *   exactly at a period's end is due at that end, e.g. 11:30, not 13:00);
 * - working_hours H: the same with H hours;
 * - calendar_days N / months N: the end of the working day of receipt date + N days / months (the
 *   day clamped to the month's length), or of the next working day when that date is not one;
 * - same_day: received on a working day before the cut-off (15:00) → the end of that day,
 *   otherwise the end of the next working day.
 * Pauses (supplement requests, financial obligations that stop the clock) do not count: working
 * units skip the paused working time as they walk; the other units move the due instant later by
 * the working time stopped (TIME.md §1.4: new due = old due + the stopped working time).
 */
import { addMonths, formatMinutes, isoDateOf, MS_PER_MINUTE, weekdayOf } from './days.js';
import { CalendarError } from './errors.js';
import {
  type DayPlan,
  dayPlan,
  instantOf,
  localOf,
  type NonWorkingReason,
  type WorkCalendar,
} from './work-calendar.js';

export const LIMIT_UNITS = ['working_days', 'working_hours', 'calendar_days', 'months', 'same_day'] as const;
export type LimitUnit = (typeof LIMIT_UNITS)[number];

export interface Limit {
  amount: number;
  unit: LimitUnit;
}

/** A stop of the clock, [from, to) in epoch milliseconds. */
export interface Pause {
  from: number;
  to: number;
  reason?: string;
}

export interface DeadlineInput {
  receivedAt: number;
  limit: Limit;
  pauses?: readonly Pause[];
}

export interface ExplanationDay {
  date: string;
  weekday: number;
  working: boolean;
  /** working time that counted towards the limit, local times */
  counted: { from: string; to: string }[];
  countedMinutes: number;
  /** working time inside a pause */
  pausedMinutes: number;
  reason: NonWorkingReason | null;
  makeup: { name: string; legalBasis: string | null } | null;
}

export interface Deadline {
  dueAt: number;
  limit: Limit;
  workingMinutesCounted: number;
  pausedWorkingMinutes: number;
  /** calendar units: the date the limit lands on before moving to a working day */
  targetDate?: string;
}

/** The longest limit accepted, in days (10 years): anything longer is a typing error. */
export const MAX_LIMIT_DAYS = 3650;
/** Safety bound for a walk: a calendar with no working time at all would never end. */
const MAX_WALK_DAYS = 40_000;

function fail(
  code: ConstructorParameters<typeof CalendarError>[0],
  en: string,
  vi: string,
  details = {},
): never {
  throw new CalendarError(code, en, vi, details);
}

function validate(cal: WorkCalendar, input: DeadlineInput): Pause[] {
  const { receivedAt, limit } = input;
  if (!Number.isFinite(receivedAt))
    fail('INVALID_INSTANT', 'receivedAt is not a valid instant', 'thời điểm tiếp nhận không hợp lệ');
  if (!(LIMIT_UNITS as readonly string[]).includes(limit.unit))
    fail(
      'UNKNOWN_UNIT',
      `unknown unit "${limit.unit}"; use ${LIMIT_UNITS.join(', ')}`,
      `đơn vị thời hạn "${limit.unit}" không hợp lệ`,
      { unit: limit.unit },
    );
  const a = limit.amount;
  const maxAmount = {
    working_days: MAX_LIMIT_DAYS,
    working_hours: MAX_LIMIT_DAYS * (cal.standardDayMinutes / 60),
    calendar_days: MAX_LIMIT_DAYS,
    months: MAX_LIMIT_DAYS / 30,
    same_day: 1,
  }[limit.unit];
  const whole = limit.unit === 'calendar_days' || limit.unit === 'months' || limit.unit === 'same_day';
  if (
    !Number.isFinite(a) ||
    a <= 0 ||
    a > maxAmount ||
    (whole && !Number.isInteger(a)) ||
    (limit.unit === 'same_day' && a !== 1)
  )
    fail(
      'AMOUNT_OUT_OF_RANGE',
      `amount ${a} is not allowed for ${limit.unit}: it must be ${limit.unit === 'same_day' ? 'exactly 1' : `${whole ? 'a whole number ' : ''}greater than 0 and at most ${maxAmount}`}`,
      `số lượng ${a} không hợp lệ với đơn vị ${limit.unit}`,
      { amount: a, max: maxAmount },
    );
  const pauses = [...(input.pauses ?? [])].sort((x, y) => x.from - y.from);
  pauses.forEach((p, i) => {
    if (!Number.isFinite(p.from) || !Number.isFinite(p.to) || p.to <= p.from)
      fail(
        'PAUSE_INVALID',
        `pause ${i + 1} must end after it starts`,
        `khoảng tạm dừng ${i + 1} phải kết thúc sau khi bắt đầu`,
        { index: i },
      );
    if (p.from < receivedAt)
      fail(
        'PAUSE_BEFORE_RECEIPT',
        `pause ${i + 1} starts before the receipt`,
        `khoảng tạm dừng ${i + 1} bắt đầu trước khi tiếp nhận`,
        { index: i },
      );
    const prev = pauses[i - 1];
    if (prev && p.from < prev.to)
      fail(
        'PAUSE_OVERLAP',
        `pauses ${i} and ${i + 1} overlap`,
        `các khoảng tạm dừng ${i} và ${i + 1} chồng lên nhau`,
        { index: i },
      );
  });
  return pauses;
}

/** Collects the per-day explanation while walking; a no-op when not asked for. */
class Explainer {
  readonly days = new Map<number, ExplanationDay>();
  constructor(
    private readonly cal: WorkCalendar,
    readonly enabled: boolean,
  ) {}
  day(day: number, plan: DayPlan): ExplanationDay | null {
    if (!this.enabled) return null;
    let d = this.days.get(day);
    if (!d) {
      d = {
        date: isoDateOf(day),
        weekday: weekdayOf(day),
        working: plan.periods.length > 0,
        counted: [],
        countedMinutes: 0,
        pausedMinutes: 0,
        reason: plan.reason,
        makeup: plan.makeup ? { name: plan.makeup.name, legalBasis: plan.makeup.legalBasis } : null,
      };
      this.days.set(day, d);
    }
    return d;
  }
  counted(day: number, plan: DayPlan, from: number, to: number) {
    const d = this.day(day, plan);
    if (!d || to <= from) return;
    const a = localOf(this.cal, from).minute;
    const b = a + (to - from) / MS_PER_MINUTE;
    d.counted.push({ from: formatMinutes(a), to: formatMinutes(Math.round(b)) });
    d.countedMinutes += (to - from) / MS_PER_MINUTE;
  }
  paused(day: number, plan: DayPlan, ms: number) {
    const d = this.day(day, plan);
    if (d) d.pausedMinutes += ms / MS_PER_MINUTE;
  }
  list(): ExplanationDay[] {
    return [...this.days.entries()].sort((a, b) => a[0] - b[0]).map(([, d]) => d);
  }
}

/**
 * Walks working periods from `start`, skipping pauses, until `amountMs` of working time has been
 * counted (returns the instant) — or, with `until`, counts the working time up to that instant.
 */
function walk(
  cal: WorkCalendar,
  start: number,
  pauses: readonly Pause[],
  stop: { amountMs: number } | { until: number },
  ex: Explainer,
): { end: number; countedMs: number; pausedMs: number } {
  let remaining = 'amountMs' in stop ? stop.amountMs : Number.POSITIVE_INFINITY;
  const until = 'until' in stop ? stop.until : Number.POSITIVE_INFINITY;
  let counted = 0;
  let paused = 0;
  let pi = 0;
  const first = localOf(cal, start).day;
  for (let day = first; day < first + MAX_WALK_DAYS; day++) {
    const plan = dayPlan(cal, day);
    ex.day(day, plan);
    if (instantOf(cal, day, 0) >= until) return { end: until, countedMs: counted, pausedMs: paused };
    for (const period of plan.periods) {
      const pEnd = Math.min(instantOf(cal, day, period.end), until);
      let t = Math.max(instantOf(cal, day, period.start), start);
      while (t < pEnd) {
        while (pi < pauses.length && (pauses[pi] as Pause).to <= t) pi++;
        const p = pauses[pi];
        if (p && p.from <= t) {
          const resume = Math.min(p.to, pEnd);
          paused += resume - t;
          ex.paused(day, plan, resume - t);
          t = resume;
          continue;
        }
        const next = p ? Math.min(p.from, pEnd) : pEnd;
        const avail = next - t;
        if (avail >= remaining) {
          ex.counted(day, plan, t, t + remaining);
          return { end: t + remaining, countedMs: counted + remaining, pausedMs: paused };
        }
        ex.counted(day, plan, t, next);
        remaining -= avail;
        counted += avail;
        t = next;
      }
      if (pEnd >= until) return { end: until, countedMs: counted, pausedMs: paused };
    }
  }
  return fail(
    'CALENDAR_EXHAUSTED',
    'the calendar has no working time in the next 100 years',
    'lịch không có ngày làm việc nào trong 100 năm tới',
  );
}

/** End of the last working period of the first working day on or after `day`. */
function endOfWorkingDayFrom(cal: WorkCalendar, day: number): number {
  for (let d = day; d < day + MAX_WALK_DAYS; d++) {
    const { periods } = dayPlan(cal, d);
    const last = periods[periods.length - 1];
    if (last) return instantOf(cal, d, last.end);
  }
  return fail(
    'CALENDAR_EXHAUSTED',
    'the calendar has no working day in the next 100 years',
    'lịch không có ngày làm việc nào trong 100 năm tới',
  );
}

/** Working time (ms) between two instants, pauses not subtracted. */
export function workingTimeBetween(cal: WorkCalendar, from: number, to: number): number {
  if (to <= from) return 0;
  return walk(cal, from, [], { until: to }, new Explainer(cal, false)).countedMs;
}

export function computeDeadline(
  cal: WorkCalendar,
  input: DeadlineInput,
  opts: { explain?: boolean } = {},
): Deadline & { explanation?: ExplanationDay[] } {
  const pauses = validate(cal, input);
  const { receivedAt, limit } = input;
  const ex = new Explainer(cal, !!opts.explain);
  let result: Deadline;

  if (limit.unit === 'working_days' || limit.unit === 'working_hours') {
    const minutes = limit.unit === 'working_days' ? limit.amount * cal.standardDayMinutes : limit.amount * 60;
    const w = walk(cal, receivedAt, pauses, { amountMs: Math.round(minutes * MS_PER_MINUTE) }, ex);
    result = {
      dueAt: w.end,
      limit,
      workingMinutesCounted: w.countedMs / MS_PER_MINUTE,
      pausedWorkingMinutes: w.pausedMs / MS_PER_MINUTE,
    };
  } else {
    const { day, minute } = localOf(cal, receivedAt);
    let target: number;
    if (limit.unit === 'same_day')
      target =
        dayPlan(cal, day).periods.length > 0 && minute < cal.sameDayCutoff
          ? day
          : nextWorkingDay(cal, day + 1);
    else target = limit.unit === 'calendar_days' ? day + limit.amount : addMonths(day, limit.amount);
    let due = endOfWorkingDayFrom(cal, target);
    // Each stop that begins before the (current) due instant pushes it by the working time stopped.
    let pausedMs = 0;
    for (const p of pauses) {
      if (p.from >= due) break;
      const stopped = workingTimeBetween(cal, p.from, p.to);
      pausedMs += stopped;
      if (stopped > 0) due = walk(cal, due, [], { amountMs: stopped }, new Explainer(cal, false)).end;
    }
    const w = walk(cal, receivedAt, pauses, { until: due }, ex);
    result = {
      dueAt: due,
      limit,
      workingMinutesCounted: w.countedMs / MS_PER_MINUTE,
      pausedWorkingMinutes: pausedMs / MS_PER_MINUTE,
      targetDate: isoDateOf(target),
    };
  }
  return opts.explain ? { ...result, explanation: ex.list() } : result;
}

function nextWorkingDay(cal: WorkCalendar, day: number): number {
  for (let d = day; d < day + MAX_WALK_DAYS; d++) if (dayPlan(cal, d).periods.length > 0) return d;
  return fail(
    'CALENDAR_EXHAUSTED',
    'the calendar has no working day in the next 100 years',
    'lịch không có ngày làm việc nào trong 100 năm tới',
  );
}

/**
 * A finished dossier against its ORIGINAL due instant (an apology and new appointment never
 * changes lateness). Compared as instants; "early" = finished on an earlier local date than the
 * due date (TIME.md §1.6: the early/on-time boundary is [GAP]; this is the documented proposal).
 */
export type FinishedTimeliness = 'early' | 'on_time' | 'late';
export function classifyFinished(cal: WorkCalendar, finishedAt: number, dueAt: number): FinishedTimeliness {
  if (finishedAt > dueAt) return 'late';
  return localOf(cal, finishedAt).day < localOf(cal, dueAt).day ? 'early' : 'on_time';
}

/** An open dossier at an instant: overdue, due soon (remaining working time ≤ threshold) or in time. */
export type OpenTimeliness = 'in_time' | 'due_soon' | 'overdue';
export function classifyOpen(
  cal: WorkCalendar,
  at: number,
  dueAt: number,
  dueSoonMinutes = cal.standardDayMinutes,
): OpenTimeliness {
  if (at > dueAt) return 'overdue';
  return workingTimeBetween(cal, at, dueAt) <= dueSoonMinutes * MS_PER_MINUTE ? 'due_soon' : 'in_time';
}
