/**
 * Pure parsers for the fields of the national procedure (TTHC) catalogue as crawled from the
 * National Public Service Portal. They never guess: anything they cannot read with certainty is
 * kept as text and reported as ambiguous so that a person can check it against the source.
 */
import { normalizeText } from './text.js';

export * from './fees.js';
export * from './text.js';

export type TimeUnit = 'working_days' | 'calendar_days' | 'working_hours' | 'months';
export type Channel = 'direct' | 'online' | 'postal';

// Maps rather than object literals so that inputs like "constructor" cannot hit the prototype.
const TIME_UNITS: ReadonlyMap<string, TimeUnit> = new Map([
  ['ngày làm việc', 'working_days'],
  ['ngày', 'calendar_days'],
  ['giờ', 'working_hours'],
  ['giờ làm việc', 'working_hours'],
  ['tháng', 'months'],
]);

const CHANNELS: ReadonlyMap<string, Channel> = new Map([
  ['trực tiếp', 'direct'],
  ['trực tuyến', 'online'],
  ['dịch vụ bưu chính', 'postal'],
]);

/** "Ngày làm việc" → working_days … ; a missing or unknown unit is null, never a default. */
export function parseTimeUnit(raw: string): TimeUnit | null {
  return TIME_UNITS.get(normalizeText(raw).toLowerCase()) ?? null;
}

export function parseChannel(raw: string): Channel | null {
  return CHANNELS.get(normalizeText(raw).toLowerCase()) ?? null;
}

export interface Quantity {
  originals: number;
  certifiedCopies: number;
  copies: number;
  raw: string;
  ambiguous: boolean;
}

const COUNT =
  /(\d+)\s*(?:\([^()]*\)\s*)?bản\s+(chính|sao(?:\s+(?:có\s+|được\s+)?(?:chứng\s+thực|công\s+chứng))?)/giu;

/**
 * A count is trusted when it is one digit or a zero-padded two-digit number ("01").
 * Longer digit runs ("20261 bản chính", "181 bản chính") are the tail of the document name
 * (a year, a form number) glued onto the count by the crawler.
 */
function readCount(digits: string): { n: number; ok: boolean } {
  if (/^(?:\d|0\d)$/u.test(digits)) return { n: Number(digits), ok: true };
  // The digit right before "bản" is what the portal displayed as the count.
  return { n: Number(digits.slice(-1)), ok: false };
}

/** Parses "1 bản chính", "0 bản chính,1 bản sao", "01 bản chính và 01 bản sao chứng thực". */
export function parseQuantity(raw: string): Quantity {
  const text = normalizeText(raw);
  const q: Quantity = { originals: 0, certifiedCopies: 0, copies: 0, raw: text, ambiguous: false };
  if (text === '') return { ...q, ambiguous: true };
  const seen = new Set<string>();
  let leftover = text;
  for (const m of text.matchAll(COUNT)) {
    const digits = m[1] ?? '';
    const kind = (m[2] ?? '').toLowerCase();
    const { n, ok } = readCount(digits);
    if (!ok) q.ambiguous = true;
    const key = kind === 'chính' ? 'originals' : kind === 'sao' ? 'copies' : 'certifiedCopies';
    if (seen.has(key)) q.ambiguous = true;
    seen.add(key);
    q[key] += n;
    leftover = leftover.replace(m[0], ' ');
  }
  // Anything other than separators between the counts is text we do not understand.
  if (seen.size === 0 || leftover.replace(/và/gu, '').replace(/[\s,;+.]/gu, '') !== '') {
    q.ambiguous = true;
  }
  return q;
}

/** National result codes ("KQ.G01.00262", "KQ.H11.000123"), unique, in order of appearance. */
export function extractResultCodes(text: string): string[] {
  const out: string[] = [];
  // The crawler glued the next word on ("KQ.G12.000429Văn bản"), so only digits may not follow.
  for (const m of text.normalize('NFC').matchAll(/KQ\.([A-Z])(\d{2})\.(\d{4,7})(?!\d)/giu)) {
    const code = `KQ.${(m[1] ?? '').toUpperCase()}${m[2]}.${m[3]}`;
    if (!out.includes(code)) out.push(code);
  }
  return out;
}

/**
 * Re-joins applicant types that the crawler split at every comma: "Tổ chức (không bao gồm
 * doanh nghiệp" + "HTX)" and "Cán bộ" + "công chức" + "viên chức". A fragment continues the
 * previous one while a parenthesis is open or when it starts with a lower-case letter
 * (applicant types on the portal are capitalised).
 */
export function joinApplicantFragments(parts: readonly string[]): string[] {
  const out: string[] = [];
  const open = (s: string) => (s.match(/\(/gu)?.length ?? 0) - (s.match(/\)/gu)?.length ?? 0);
  for (const part of parts) {
    const p = normalizeText(part);
    if (p === '') continue;
    const last = out.length - 1;
    const prev = out[last];
    if (prev !== undefined && (open(prev) > 0 || /^\p{Ll}/u.test(p))) out[last] = `${prev}, ${p}`;
    else out.push(p);
  }
  return out;
}
