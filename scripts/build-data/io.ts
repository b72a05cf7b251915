import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { normalizeText } from '../../packages/core/src/catalog/index.js';

/** Any surprise in the input aborts the build: a silently wrong dataset is worse than none. */
export class DataError extends Error {
  override name = 'DataError';
}

export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new DataError(message);
}

export type Row = Record<string, string>;

/**
 * Reads a CSV whose header must be exactly `columns` (a changed upstream layout must stop the
 * build, not shift values between fields). Every value is NFC-normalised and trimmed.
 */
export function readCsv(path: string, columns: readonly string[]): Row[] {
  const text = readFileSync(path, 'utf8');
  const records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: false }) as string[][];
  const [header, ...body] = records;
  check(
    header !== undefined && header.join(',') === columns.join(','),
    `${path}: header is "${header?.join(',')}", expected "${columns.join(',')}"`,
  );
  return body.map((cells) => {
    const row: Row = {};
    columns.forEach((col, i) => {
      row[col] = normalizeText(cells[i] ?? '');
    });
    return row;
  });
}

export function field(row: Row, column: string): string {
  const v = row[column];
  check(v !== undefined, `missing column ${column}`);
  return v;
}

function csvCell(v: string): string {
  return /[",\r\n]/u.test(v) || v !== v.trim() ? `"${v.replaceAll('"', '""')}"` : v;
}

/** LF line endings, a final newline, quoting only where needed: byte-stable output. */
export function toCsv(columns: readonly string[], rows: readonly Row[]): string {
  const lines = [columns.join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvCell(row[c] ?? '')).join(','));
  return `${lines.join('\n')}\n`;
}

export function writeFile(path: string, data: string | Buffer): number {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
  return Buffer.byteLength(data);
}

/**
 * gzip with the header fields that could vary pinned: mtime is 0 by default in node:zlib, and
 * the OS byte is forced to 3 (Unix) so a build on macOS or Windows yields the same bytes.
 */
export function gzipDeterministic(text: string): Buffer {
  const out = gzipSync(Buffer.from(text, 'utf8'), { level: 9 });
  check(out.readUInt32LE(4) === 0, 'gzip header carries an mtime');
  out[9] = 3;
  return out;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/u;

export function isIsoDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Sorts with plain code-unit comparison so the order never depends on the machine's locale. */
export function byKeys<T>(...keys: Array<(x: T) => string | number>): (a: T, b: T) => number {
  return (a, b) => {
    for (const key of keys) {
      const x = key(a);
      const y = key(b);
      if (x < y) return -1;
      if (x > y) return 1;
    }
    return 0;
  };
}
