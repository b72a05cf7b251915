/**
 * Reporting periods in Vietnam's civil time (UTC+7 all year: Vietnam has no daylight saving).
 * Decision 766 scores a month, a quarter or a year; the Government's periodic reports use a
 * cut-off from the 15th of the month before the period to the 14th of its last month
 * (INDICATORS-766.md §6). Ranges are half-open instants [from, to).
 */

export const VN_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

export type PeriodKind = 'month' | 'quarter' | 'year';
export interface Period {
  kind: PeriodKind;
  year: number;
  /** 1–12, for a month */
  month?: number;
  /** 1–4, for a quarter */
  quarter?: number;
}
/** 'calendar': whole months; 'government': the 15th-to-14th reporting cut-off */
export type Cutoff = 'calendar' | 'government';

export class PeriodError extends Error {
  constructor(
    readonly code: 'PERIOD_INVALID' | 'PERIOD_RANGE_REVERSED' | 'PERIOD_TOO_LONG',
    message: string,
  ) {
    super(message);
  }
}

/** The instant a Vietnamese civil day starts (00:00 at UTC+7). */
export const vnMidnight = (year: number, month: number, day: number) =>
  Date.UTC(year, month - 1, day) - VN_OFFSET_MS;

/** The Vietnamese civil date of an instant as a day number (days since 1970-01-01 in UTC+7). */
export const vnDayNumber = (t: number) => Math.floor((t + VN_OFFSET_MS) / DAY_MS);

export function periodRange(p: Period, cutoff: Cutoff = 'calendar'): { from: number; to: number } {
  if (!Number.isInteger(p.year) || p.year < 2000 || p.year > 2100)
    throw new PeriodError('PERIOD_INVALID', `year ${p.year} is outside 2000–2100`);
  let first: number; // first month of the period, 1–12
  let months: number;
  if (p.kind === 'month') {
    if (!Number.isInteger(p.month) || (p.month ?? 0) < 1 || (p.month ?? 0) > 12)
      throw new PeriodError('PERIOD_INVALID', `month ${p.month} is not 1–12`);
    first = p.month as number;
    months = 1;
  } else if (p.kind === 'quarter') {
    if (!Number.isInteger(p.quarter) || (p.quarter ?? 0) < 1 || (p.quarter ?? 0) > 4)
      throw new PeriodError('PERIOD_INVALID', `quarter ${p.quarter} is not 1–4`);
    first = ((p.quarter as number) - 1) * 3 + 1;
    months = 3;
  } else if (p.kind === 'year') {
    first = 1;
    months = 12;
  } else throw new PeriodError('PERIOD_INVALID', `unknown period kind ${String((p as Period).kind)}`);
  const after = first + months; // first month after the period (may be 13)
  if (cutoff === 'calendar') return { from: vnMidnight(p.year, first, 1), to: vnMidnight(p.year, after, 1) };
  // 15th of the month before the period … 14th of the last month, inclusive
  return { from: vnMidnight(p.year, first - 1, 15), to: vnMidnight(p.year, after - 1, 15) };
}

/** The label officials write: "Tháng 3/2026", "Quý I/2026", "Năm 2026". */
export function periodLabel(p: Period): string {
  if (p.kind === 'month') return `Tháng ${p.month}/${p.year}`;
  if (p.kind === 'quarter') return `Quý ${['I', 'II', 'III', 'IV'][(p.quarter ?? 1) - 1]}/${p.year}`;
  return `Năm ${p.year}`;
}

/** A free range of civil dates (inclusive), checked: not reversed, not longer than `maxDays`. */
export function dateRange(
  fromDate: { year: number; month: number; day: number },
  toDate: { year: number; month: number; day: number },
  maxDays = 366,
): { from: number; to: number } {
  const from = vnMidnight(fromDate.year, fromDate.month, fromDate.day);
  const to = vnMidnight(toDate.year, toDate.month, toDate.day) + DAY_MS;
  if (to <= from) throw new PeriodError('PERIOD_RANGE_REVERSED', 'the range ends before it starts');
  if ((to - from) / DAY_MS > maxDays)
    throw new PeriodError('PERIOD_TOO_LONG', `a range may cover at most ${maxDays} days`);
  return { from, to };
}
