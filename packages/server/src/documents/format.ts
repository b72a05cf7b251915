/**
 * Text and time formatting shared by the PDF and Excel renderers: NFC normalisation and the
 * Vietnamese ways of writing an instant.
 *
 * Vietnam (Asia/Ho_Chi_Minh) has kept UTC+07:00 without daylight saving since 1975, so local time
 * is a fixed offset and needs no time-zone database.
 */
import { DocumentInputError } from './errors.js';
import type { IsoInstant } from './types.js';

export const VIETNAM_UTC_OFFSET_MINUTES = 7 * 60;
const OFFSET_MS = VIETNAM_UTC_OFFSET_MINUTES * 60_000;

/** An instant must carry its offset: "2026-02-13T10:30" alone would be a guess about the zone. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export function parseInstant(value: IsoInstant, field: string): number {
  const ms = typeof value === 'string' && INSTANT.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms))
    throw new DocumentInputError(
      field,
      `"${String(value)}" is not an ISO-8601 instant with an offset (e.g. 2026-02-13T10:30:00+07:00)`,
      `"${String(value)}" không phải thời điểm ISO-8601 có múi giờ (ví dụ 2026-02-13T10:30:00+07:00)`,
    );
  return ms;
}

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** Wall-clock parts of an instant in Vietnam. */
export function vietnamParts(ms: number): LocalParts {
  const d = new Date(ms + OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
  };
}

/** The local date in Vietnam as "YYYY-MM-DD" (what an effective date is compared with). */
export function vietnamDate(value: IsoInstant, field: string): string {
  const p = vietnamParts(parseInstant(value, field));
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/**
 * A Date whose UTC fields hold the Vietnam wall clock. Spreadsheet cells have no time zone and
 * exceljs writes a Date by its UTC fields, so this is how "10:30 in Hà Nội" reaches the cell.
 */
export function vietnamWallClock(value: IsoInstant, field: string): Date {
  return new Date(parseInstant(value, field) + OFFSET_MS);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "13/02/2026" */
export function formatDate(value: IsoInstant, field: string): string {
  const p = vietnamParts(parseInstant(value, field));
  return `${pad(p.day)}/${pad(p.month)}/${p.year}`;
}

/** "13/02/2026 10:30", for table cells. */
export function formatDateTime(value: IsoInstant, field: string): string {
  const p = vietnamParts(parseInstant(value, field));
  return `${pad(p.day)}/${pad(p.month)}/${p.year} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** "10 giờ 30 phút, ngày 13/02/2026": how the receipt writes the receipt and appointment times. */
export function formatTimeOfDay(value: IsoInstant, field: string): string {
  const p = vietnamParts(parseInstant(value, field));
  return `${pad(p.hour)} giờ ${pad(p.minute)} phút, ngày ${pad(p.day)}/${pad(p.month)}/${p.year}`;
}

/**
 * "ngày 05 tháng 02 năm 2026": the date of an administrative document. Days below 10 and the
 * months 1 and 2 take a leading zero, other months do not (Decree 30/2020/NĐ-CP, Appendix I, on
 * the format of administrative documents [M]); the zero stops "tháng 1" being altered to "tháng 11".
 */
export function formatLongDate(value: IsoInstant, field: string): string {
  const p = vietnamParts(parseInstant(value, field));
  const month = p.month <= 2 ? pad(p.month) : String(p.month);
  return `ngày ${pad(p.day)} tháng ${month} năm ${p.year}`;
}

/** "Hà Nội, ngày 22 tháng 11 năm 2026" */
export function placeAndDate(place: string, value: IsoInstant, field: string): string {
  return `${nfc(place).trim()}, ${formatLongDate(value, field)}`;
}

/** "01", "15": counts on the forms are written with two digits, as the templates print them. */
export function formatCount(n: number): string {
  return n < 10 && n >= 0 ? pad(n) : String(n);
}

export function nfc(text: string): string {
  return text.normalize('NFC');
}

/**
 * Every string of a plain-data input in NFC. Text pasted from macOS or some Vietnamese input
 * methods arrives decomposed (NFD); drawn as is, the combining marks can land on the wrong glyph
 * and the extracted text no longer compares equal to what the applicant typed.
 */
export function deepNfc<T>(value: T): T {
  if (typeof value === 'string') return nfc(value) as T;
  if (Array.isArray(value)) return value.map((v) => deepNfc(v)) as T;
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = deepNfc(v);
    return out as T;
  }
  return value;
}
