/**
 * The working calendar: a weekly pattern of working periods plus per-date exceptions from the
 * annual government notices (holidays, compensatory days, swapped days off, make-up working
 * Saturdays). Built once from plain data, then queried per day by the deadline engine.
 *
 * Vietnam (Asia/Ho_Chi_Minh) has kept UTC+07:00 without daylight saving since 1975, so local
 * time is a fixed offset; it stays configurable for a deployment elsewhere.
 */
import { dayNumberOf, isoDateOf, parseClock, parseIsoDate, weekdayOf } from './days.js';
import { CalendarError } from './errors.js';

export const EXCEPTION_KINDS = [
  'statutory',
  'compensatory',
  'swapped_day_off',
  'makeup_working_day',
] as const;
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number];

export interface CalendarException {
  date: string;
  kind: ExceptionKind;
  name: string;
  legalBasis: string | null;
  status: 'official' | 'provisional';
}

/** Periods as "HH:MM-HH:MM" strings, keyed by ISO weekday "1" (Monday) … "7" (Sunday). */
export type WeeklyPatternInput = Partial<Record<string, string[]>>;

export interface CalendarInput {
  weekly: WeeklyPatternInput;
  exceptions: readonly CalendarException[];
  /** Periods of a make-up working day (and of the standard day); default: Monday's. */
  standardDay?: string[];
  utcOffsetMinutes?: number;
  /** Latest receipt time for a same-day result, "HH:MM"; default 15:00 (Decree 61 Art. 17). */
  sameDayCutoff?: string;
}

export interface WorkingPeriod {
  start: number;
  end: number;
}

export interface WorkCalendar {
  offsetMs: number;
  utcOffsetMinutes: number;
  /** index 1..7 (ISO weekday) → periods in minutes from local midnight */
  weekly: WorkingPeriod[][];
  standardDay: WorkingPeriod[];
  /** Working time of a standard day: what "1 working day" means (8 h by default). */
  standardDayMinutes: number;
  sameDayCutoff: number;
  exceptions: Map<number, CalendarException>;
}

export type NonWorkingReason =
  | { kind: 'weekend' }
  | {
      kind: Exclude<ExceptionKind, 'makeup_working_day'>;
      name: string;
      legalBasis: string | null;
      status: 'official' | 'provisional';
    };

export interface DayPlan {
  periods: WorkingPeriod[];
  /** why the day has no working time; null on a working day */
  reason: NonWorkingReason | null;
  /** a weekend day worked in exchange for a swapped day off */
  makeup: CalendarException | null;
}

export const DEFAULT_PERIODS = ['07:30-11:30', '13:00-17:00'];
export const DEFAULT_WEEKLY: WeeklyPatternInput = {
  '1': DEFAULT_PERIODS,
  '2': DEFAULT_PERIODS,
  '3': DEFAULT_PERIODS,
  '4': DEFAULT_PERIODS,
  '5': DEFAULT_PERIODS,
};

export function parsePeriods(list: readonly string[], where: string): WorkingPeriod[] {
  const periods = list.map((p) => {
    const m = /^(\d{2}:\d{2})-(\d{2}:\d{2})$/.exec(p);
    if (!m)
      throw new CalendarError(
        'INVALID_PERIOD',
        `${where}: "${p}" is not a period HH:MM-HH:MM`,
        `${where}: "${p}" không phải khoảng giờ HH:MM-HH:MM`,
      );
    const start = parseClock(m[1] as string);
    const end = parseClock(m[2] as string);
    if (end <= start)
      throw new CalendarError(
        'INVALID_PERIOD',
        `${where}: "${p}" ends before it starts`,
        `${where}: "${p}" kết thúc trước khi bắt đầu`,
      );
    return { start, end };
  });
  periods.sort((a, b) => a.start - b.start);
  for (let i = 1; i < periods.length; i++)
    if ((periods[i] as WorkingPeriod).start < (periods[i - 1] as WorkingPeriod).end)
      throw new CalendarError(
        'INVALID_PERIOD',
        `${where}: periods overlap`,
        `${where}: các khoảng giờ làm việc chồng lên nhau`,
      );
  return periods;
}

const minutesOf = (ps: readonly WorkingPeriod[]) => ps.reduce((s, p) => s + p.end - p.start, 0);

export function buildCalendar(input: CalendarInput): WorkCalendar {
  const weekly: WorkingPeriod[][] = [[]];
  for (let d = 1; d <= 7; d++) weekly.push(parsePeriods(input.weekly[String(d)] ?? [], `weekday ${d}`));
  const standardDay = input.standardDay
    ? parsePeriods(input.standardDay, 'standard day')
    : (weekly[1] as WorkingPeriod[]);
  const standardDayMinutes = minutesOf(standardDay);
  if (standardDayMinutes === 0)
    throw new CalendarError(
      'INVALID_PERIOD',
      'the standard working day has no working time',
      'ngày làm việc chuẩn không có giờ làm việc',
    );
  const exceptions = new Map<number, CalendarException>();
  for (const e of input.exceptions) {
    const day = parseIsoDate(e.date);
    if (exceptions.has(day))
      throw new CalendarError(
        'INVALID_DATE',
        `two exceptions on ${e.date}`,
        `có hai ngày ngoại lệ trùng ngày ${e.date}`,
        { date: e.date },
      );
    exceptions.set(day, e);
  }
  const offset = input.utcOffsetMinutes ?? 420;
  return {
    offsetMs: offset * 60_000,
    utcOffsetMinutes: offset,
    weekly,
    standardDay,
    standardDayMinutes,
    sameDayCutoff: parseClock(input.sameDayCutoff ?? '15:00'),
    exceptions,
  };
}

export function dayPlan(cal: WorkCalendar, day: number): DayPlan {
  const e = cal.exceptions.get(day);
  if (e) {
    if (e.kind === 'makeup_working_day') return { periods: cal.standardDay, reason: null, makeup: e };
    return {
      periods: [],
      reason: { kind: e.kind, name: e.name, legalBasis: e.legalBasis, status: e.status },
      makeup: null,
    };
  }
  const periods = cal.weekly[weekdayOf(day)] as WorkingPeriod[];
  return { periods, reason: periods.length ? null : { kind: 'weekend' }, makeup: null };
}

export function isWorkingDay(cal: WorkCalendar, day: number): boolean {
  return dayPlan(cal, day).periods.length > 0;
}

/** Local day number and minute of day of an instant. */
export function localOf(cal: WorkCalendar, instantMs: number): { day: number; minute: number } {
  const local = instantMs + cal.offsetMs;
  const day = Math.floor(local / 86_400_000);
  return { day, minute: Math.floor((local - day * 86_400_000) / 60_000) };
}

/** The instant of a local day + minute. */
export function instantOf(cal: WorkCalendar, day: number, minute: number): number {
  return day * 86_400_000 + minute * 60_000 - cal.offsetMs;
}

export function describeDay(cal: WorkCalendar, day: number) {
  const plan = dayPlan(cal, day);
  return {
    date: isoDateOf(day),
    weekday: weekdayOf(day),
    working: plan.periods.length > 0,
    minutes: minutesOf(plan.periods),
    reason: plan.reason,
    makeup: plan.makeup
      ? { name: plan.makeup.name, legalBasis: plan.makeup.legalBasis, status: plan.makeup.status }
      : null,
  };
}

export { dayNumberOf };
