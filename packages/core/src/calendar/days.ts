/**
 * Civil dates as day numbers (days since 1970-01-01) and times of day as minutes. Pure integer
 * arithmetic: the deadline engine walks thousands of days a second and must not build strings or
 * Date objects per step.
 */
import { CalendarError } from './errors.js';

export const MS_PER_MINUTE = 60_000;
export const MS_PER_DAY = 86_400_000;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number of a Gregorian date (proleptic), via Date.UTC which is exact for these years. */
export function dayNumberOf(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

export function isValidDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

export function parseIsoDate(s: string): number {
  const m = ISO_DATE.exec(s);
  if (!m || !isValidDate(Number(m[1]), Number(m[2]), Number(m[3])))
    throw new CalendarError(
      'INVALID_DATE',
      `"${s}" is not a date YYYY-MM-DD`,
      `"${s}" không phải ngày dạng YYYY-MM-DD`,
      {
        value: s,
      },
    );
  return dayNumberOf(Number(m[1]), Number(m[2]), Number(m[3]));
}

export function isoDateOf(dayNumber: number): string {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
}

export function ymdOf(dayNumber: number): { year: number; month: number; day: number } {
  const d = new Date(dayNumber * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** ISO weekday, 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function weekdayOf(dayNumber: number): number {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

export function formatMinutes(m: number): string {
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** "07:30" → 450 */
export function parseClock(s: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(s);
  if (!m)
    throw new CalendarError(
      'INVALID_PERIOD',
      `"${s}" is not a time HH:MM`,
      `"${s}" không phải giờ dạng HH:MM`,
      { value: s },
    );
  return Number(m[1]) * 60 + Number(m[2]);
}

/** Adds calendar months to a date, clamping the day to the target month's length (31/1 + 1 → 28 or 29/2). */
export function addMonths(dayNumber: number, months: number): number {
  const { year, month, day } = ymdOf(dayNumber);
  const total = year * 12 + (month - 1) + months;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return dayNumberOf(y, m, Math.min(day, last));
}
