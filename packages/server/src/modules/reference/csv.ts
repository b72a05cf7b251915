import { parse } from 'csv-parse/sync';
import type { ImportContext } from './types.js';

export type CsvRow<K extends string> = { line: number } & Record<K, string>;

/**
 * Parses CSV with a header line. The header must hold every required column (extra columns are
 * refused too, since they usually mean the wrong file); values are trimmed.
 */
export function parseCsv<K extends string>(
  text: string,
  columns: readonly K[],
  ctx: ImportContext,
  optional: readonly string[] = [],
): CsvRow<K>[] {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  let header: string[] = [];
  try {
    records = parse(text, {
      columns: (h: string[]) => {
        header = h;
        return h;
      },
      skip_empty_lines: true,
      trim: true,
      info: true,
      relax_column_count: false,
    });
  } catch (e) {
    const err = e as { lines?: number; message: string };
    ctx.reject(err.lines ?? 1, null, `CSV syntax: ${err.message}`, `lỗi cú pháp CSV: ${err.message}`);
    return [];
  }
  const missing = columns.filter((c) => !header.includes(c));
  const unknown = header.filter((h) => !columns.includes(h as K) && !optional.includes(h));
  if (missing.length || unknown.length) {
    ctx.reject(
      1,
      null,
      `header must be ${columns.join(',')}${missing.length ? `; missing ${missing.join(', ')}` : ''}${unknown.length ? `; unknown ${unknown.join(', ')}` : ''}`,
      `dòng tiêu đề phải là ${columns.join(',')}${missing.length ? `; thiếu ${missing.join(', ')}` : ''}${unknown.length ? `; cột lạ ${unknown.join(', ')}` : ''}`,
    );
    return [];
  }
  return records.map(({ record, info }) => ({ ...(record as Record<K, string>), line: info.lines }));
}

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Reports each row whose key was already seen, naming the first line with it. */
export function rejectDuplicates<R extends { line: number }>(
  rows: R[],
  key: (r: R) => string,
  field: string,
  ctx: ImportContext,
): R[] {
  const first = new Map<string, number>();
  return rows.filter((r) => {
    const k = key(r);
    const seen = first.get(k);
    if (seen !== undefined) {
      ctx.reject(
        r.line,
        field,
        `duplicate ${field} ${k} (first at line ${seen})`,
        `trùng ${field} ${k} (đã có ở dòng ${seen})`,
      );
      return false;
    }
    first.set(k, r.line);
    return true;
  });
}
