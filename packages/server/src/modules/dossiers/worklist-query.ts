/**
 * The worklists' query string (worklist-schemas.ts WorklistQuery) as the repository's filters, the
 * keyset cursor, and the refusals with their codes and messages.
 */
import { DomainError } from '../../errors.js';
import type { Filters } from './worklist-repository.js';
import { type SortKey, WORKLISTS, type Worklist } from './worklist-schemas.js';

/** Việt Nam's offset from UTC: a date filter means the local day (calendars.utc_offset_minutes). */
const LOCAL_OFFSET = '+07:00';

export const worklistErrors = {
  unknown: (list: string) =>
    new DomainError(
      404,
      'WORKLIST_UNKNOWN',
      `There is no worklist "${list}"`,
      `Không có danh sách công việc "${list}"`,
      { list, lists: WORKLISTS },
    ),
  dateRangeReversed: (from: string, to: string) =>
    new DomainError(
      400,
      'DATE_RANGE_REVERSED',
      `receivedFrom (${from}) is after receivedTo (${to})`,
      `Ngày bắt đầu (${from}) sau ngày kết thúc (${to}) của khoảng thời gian tiếp nhận`,
      { receivedFrom: from, receivedTo: to },
    ),
  dateInvalid: (field: string, value: string) =>
    new DomainError(
      400,
      'DATE_INVALID',
      `${field} is not a calendar date: ${value}`,
      `${field} không phải ngày hợp lệ: ${value}`,
      {
        field,
        value,
      },
    ),
  sortNotAvailable: (list: Worklist, sort: string, sorts: readonly string[]) =>
    new DomainError(
      400,
      'SORT_NOT_AVAILABLE',
      `The ${list} list cannot be sorted by ${sort}; use ${sorts.join(', ')}`,
      `Danh sách này không sắp xếp được theo tiêu chí đã chọn (dùng ${sorts.join(', ')})`,
      { list, sort, sorts },
    ),
  cursorInvalid: () =>
    new DomainError(
      400,
      'CURSOR_INVALID',
      'The cursor is malformed or belongs to another sort order; start again from the first page',
      'Con trỏ phân trang không hợp lệ hoặc thuộc cách sắp xếp khác; vui lòng tải lại từ trang đầu',
    ),
};

export interface WorklistQueryInput {
  procedure?: string;
  agencyId?: number;
  status?: string[];
  channel?: 'direct' | 'online' | 'postal';
  receivedFrom?: string;
  receivedTo?: string;
  q?: string;
  sort?: SortKey;
  order?: 'asc' | 'desc';
  limit: number;
  cursor?: string;
  withinHours?: number;
}

/** The instant a local date starts; refuses 2026-02-30 and friends. */
function localDayStart(field: string, date: string, plusDays = 0): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const check = new Date(Date.UTC(y, m - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d)
    throw worklistErrors.dateInvalid(field, date);
  const next = new Date(Date.UTC(y, m - 1, d + plusDays)).toISOString().slice(0, 10);
  return new Date(`${next}T00:00:00${LOCAL_OFFSET}`);
}

interface Cursor {
  s: SortKey;
  o: 'asc' | 'desc';
  v: string;
  i: number;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.s, c.o, c.v, c.i])).toString('base64url');
}

/** An instant as worklist-repository.ts writes it into a cursor (UTC, microseconds). */
const INSTANT_TEXT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export function decodeCursor(
  raw: string,
  sort: SortKey,
  order: 'asc' | 'desc',
): { value: string; id: number } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw worklistErrors.cursorInvalid();
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 4 ||
    parsed[0] !== sort ||
    parsed[1] !== order ||
    typeof parsed[2] !== 'string' ||
    parsed[2].length > 100 ||
    !Number.isSafeInteger(parsed[3]) ||
    (parsed[3] as number) < 1
  )
    throw worklistErrors.cursorInvalid();
  // an instant, epoch ms for the submission, or a dossier code
  const v = parsed[2];
  const ok = sort === 'code' ? true : sort === 'submittedAt' ? /^\d{1,16}$/.test(v) : INSTANT_TEXT.test(v);
  if (!ok) throw worklistErrors.cursorInvalid();
  return { value: parsed[2], id: parsed[3] as number };
}

export function filtersOf(list: Worklist, q: WorklistQueryInput): Filters {
  const from = q.receivedFrom ? localDayStart('receivedFrom', q.receivedFrom) : undefined;
  const to = q.receivedTo ? localDayStart('receivedTo', q.receivedTo, 1) : undefined;
  if (q.receivedFrom && q.receivedTo && q.receivedFrom > q.receivedTo)
    throw worklistErrors.dateRangeReversed(q.receivedFrom, q.receivedTo);
  const text = q.q?.normalize('NFC').trim();
  return {
    procedureCode: q.procedure,
    agencyId: q.agencyId,
    channel: q.channel,
    received: from || to ? { from, to, of: list === 'to_receive' ? 'submission' : 'receipt' } : undefined,
    q: text || undefined,
  };
}
