/**
 * Typed failures of the lunar calendar: a machine code plus English and Vietnamese messages, and
 * the Gregorian date validation shared by the lunar modules.
 */
import { julianDayNumber } from './astronomy.js';

export type LunarErrorCode = 'LUNAR_OUT_OF_RANGE' | 'LUNAR_INVALID_DATE';

/** Base class of the calendar's errors: a machine code plus English and Vietnamese messages. */
export abstract class LunarError extends Error {
  abstract readonly code: LunarErrorCode;
  readonly messageVi: string;
  constructor(message: string, messageVi: string) {
    super(message);
    this.name = new.target.name;
    this.messageVi = messageVi;
  }
}

/** A date (solar or lunar) outside the supported range 1900-01-31 .. 2100-12-31. */
export class LunarRangeError extends LunarError {
  readonly code = 'LUNAR_OUT_OF_RANGE' as const;
}

/** A date that does not exist: an invalid Gregorian date, or a lunar month/day the year does not have. */
export class LunarInvalidDateError extends LunarError {
  readonly code = 'LUNAR_INVALID_DATE' as const;
}

export const isInt = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n);
export const show = (d: { year: number; month: number; day: number }) =>
  `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

function daysInGregorianMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Julian day number of a valid Gregorian date (any year); throws LunarInvalidDateError otherwise. */
export function gregorianJdn(d: { year: number; month: number; day: number }): number {
  if (
    !d ||
    !isInt(d.year) ||
    !isInt(d.month) ||
    !isInt(d.day) ||
    d.month < 1 ||
    d.month > 12 ||
    d.day < 1 ||
    d.day > daysInGregorianMonth(d.year, d.month)
  ) {
    const s = d ? `${d.year}-${d.month}-${d.day}` : String(d);
    throw new LunarInvalidDateError(
      `${s} is not a valid Gregorian date`,
      `${s} không phải là ngày dương lịch hợp lệ`,
    );
  }
  return julianDayNumber(d.year, d.month, d.day);
}
