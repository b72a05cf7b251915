/**
 * Dossier codes (mã hồ sơ): `<receiving agency>-<receipt date>-<sequence of the day>`, printed on
 * Mẫu 01 and used to look a dossier up (shared/domain/CODES.md §1, Decree 61, Circular 01/2018).
 *
 * The syntax is versioned data, not code: a scheme is a pattern plus its sequence rule, and a
 * deployment chooses which scheme applies on which receipt dates. The law gives no cut-over date
 * for the 2026 variant (whether it is normative at all is a [GAP]), so nothing here hard-codes one:
 * the default choice is the pre-2025 `AGENCY-YYMMDD-NNNN` for every date, and a deployment that
 * must emit the 2026 shape configures it with its own validity dates.
 *
 * Pure: the counter itself lives in the database (server `modules/dossiers/codes.ts`), incremented
 * in the acceptance transaction (PITFALLS C7); this file only selects, formats and parses.
 */
import { isValidDate } from '../calendar/days.js';
import { parseAgencyIdentifier } from './agency-identifier.js';

export type DossierCodeSchemeId = 'AGENCY-YYMMDD-NNNN' | 'SHORT-YYYYMMDD-NNNNNNN' | 'REMOTE-ISSUED';

/**
 * `pattern` tokens: `{agency}` electronic identifier (Decision 20/2020), `{short}` short agency
 * code (an alias such as `G09.20`), `{yy}` `{yyyy}` `{mm}` `{dd}`, `{seq}` the zero-padded
 * sequence of `width` digits. Everything else is literal.
 */
export interface DossierCodeScheme {
  id: DossierCodeSchemeId;
  /** first and last local receipt dates (inclusive) on which the scheme is used; null = open */
  validFrom: string | null;
  validTo: string | null;
  pattern: string;
  /** who counts: a per-agency per-day counter in our database, or a national/ministry service */
  sequenceScope: 'agency-day' | 'remote';
  width: number;
}

/** The shipped schemes, without validity: a deployment gives the dates (SchemeChoice). */
export const DOSSIER_CODE_SCHEMES: Readonly<Record<DossierCodeSchemeId, DossierCodeScheme>> = {
  // 000.A0.01.H26-210212-9090 (CODES.md §1, real example)
  'AGENCY-YYMMDD-NNNN': {
    id: 'AGENCY-YYMMDD-NNNN',
    validFrom: null,
    validTo: null,
    pattern: '{agency}-{yy}{mm}{dd}-{seq}',
    sequenceScope: 'agency-day',
    width: 4,
  },
  // G09.20-20260609-0092637 (a 2026 ministry test payload; normative status is a [GAP])
  'SHORT-YYYYMMDD-NNNNNNN': {
    id: 'SHORT-YYYYMMDD-NNNNNNN',
    validFrom: null,
    validTo: null,
    pattern: '{short}-{yyyy}{mm}{dd}-{seq}',
    sequenceScope: 'agency-day',
    width: 7,
  },
  // Same shape, but the number comes from the national side (`GetNextValue?code=<agency>`). What
  // that service counts (per day or overall) is not documented, so we only format what it returns.
  'REMOTE-ISSUED': {
    id: 'REMOTE-ISSUED',
    validFrom: null,
    validTo: null,
    pattern: '{short}-{yyyy}{mm}{dd}-{seq}',
    sequenceScope: 'remote',
    width: 7,
  },
};

/** One line of a deployment's configuration: this scheme, on these dates, for these agencies. */
export interface SchemeChoice {
  schemeId: DossierCodeSchemeId;
  validFrom: string | null;
  validTo: string | null;
  /** receiving-agency identifiers this line is limited to; absent = every agency */
  agencies?: readonly string[];
}

export const DEFAULT_SCHEME_CHOICES: readonly SchemeChoice[] = [
  { schemeId: 'AGENCY-YYMMDD-NNNN', validFrom: null, validTo: null },
];

export type DossierCodeErrorCode =
  | 'SEQUENCE_OVERFLOW'
  | 'SEQUENCE_INVALID'
  | 'AGENCY_CODE_INVALID'
  | 'DATE_INVALID'
  | 'DATE_OUTSIDE_SCHEME'
  | 'CODE_INVALID'
  | 'SCHEME_UNKNOWN'
  | 'NO_SCHEME'
  | 'SCHEME_AMBIGUOUS';

export class DossierCodeError extends Error {
  constructor(
    readonly code: DossierCodeErrorCode,
    message: string,
    readonly messageVi: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DossierCodeError';
  }
}

export interface DossierCodeParts {
  /** the agency segment as printed: an electronic identifier or a short code, per the scheme */
  agencyCode: string;
  /** local receipt date YYYY-MM-DD */
  date: string;
  sequence: number;
}

export interface ParsedDossierCode extends DossierCodeParts {
  scheme: DossierCodeSchemeId;
}

// Short codes seen: `G09.20`, `H<nn>.<nn>` (CODES.md §3). Their full grammar is unpublished, so we
// accept G/H + two digits and up to three dot-separated groups; never a `-`, which separates fields.
const SHORT_CODE = /^[GH][0-9]{2}(?:\.[0-9A-Z]{1,3}){0,3}$/;
const TOKEN_RE: Record<string, string> = {
  agency: '(?<agency>[0-9A-Z]{3}\\.[0-9A-Z]{2}\\.[0-9A-Z]{2}\\.[A-Z][0-9]{2})',
  short: `(?<agency>${SHORT_CODE.source.slice(1, -1)})`,
  yyyy: '(?<yyyy>[0-9]{4})',
  yy: '(?<yy>[0-9]{2})',
  mm: '(?<mm>[0-9]{2})',
  dd: '(?<dd>[0-9]{2})',
};
const ISO_DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

function compile(scheme: DossierCodeScheme): RegExp {
  const body = scheme.pattern.replace(/\{(\w+)\}|[^{]+/g, (whole, token?: string) => {
    if (token === undefined) return whole.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
    if (token === 'seq') return `(?<seq>[0-9]{${scheme.width}})`;
    const re = TOKEN_RE[token];
    if (!re) throw new Error(`unknown token {${token}} in dossier code pattern ${scheme.pattern}`);
    return re;
  });
  return new RegExp(`^${body}$`);
}
const compiled = new Map<string, RegExp>();
function regexOf(scheme: DossierCodeScheme): RegExp {
  const key = `${scheme.pattern}|${scheme.width}`;
  let re = compiled.get(key);
  if (!re) {
    re = compile(scheme);
    compiled.set(key, re);
  }
  return re;
}

const usesShortCode = (scheme: DossierCodeScheme) => scheme.pattern.includes('{short}');

/**
 * The agency segment a scheme prints: the electronic identifier, or the short code kept as the
 * agency's alias. A missing alias is an error, never a fallback to another segment.
 */
export function agencyCodeFor(
  scheme: DossierCodeScheme,
  agency: { identifier: string; shortCode?: string | null },
): string {
  if (!usesShortCode(scheme)) return agency.identifier;
  if (agency.shortCode) return agency.shortCode;
  throw new DossierCodeError(
    'AGENCY_CODE_INVALID',
    `Agency ${agency.identifier} has no short code, which scheme ${scheme.id} prints`,
    `Cơ quan ${agency.identifier} chưa có mã rút gọn, là mã cần in theo mẫu ${scheme.id}`,
    { agency: agency.identifier, scheme: scheme.id },
  );
}

function checkAgencyCode(scheme: DossierCodeScheme, agencyCode: string): DossierCodeError | null {
  const ok = usesShortCode(scheme)
    ? SHORT_CODE.test(agencyCode)
    : (() => {
        const p = parseAgencyIdentifier(agencyCode);
        // the canonical form only: a code is printed once and must read back identically
        return p.ok && p.value === agencyCode;
      })();
  if (ok) return null;
  return usesShortCode(scheme)
    ? new DossierCodeError(
        'AGENCY_CODE_INVALID',
        `"${agencyCode}" is not a short agency code (such as G09.20) for scheme ${scheme.id}`,
        `"${agencyCode}" không phải mã rút gọn của cơ quan (ví dụ G09.20) theo mẫu ${scheme.id}`,
        { agencyCode, scheme: scheme.id },
      )
    : new DossierCodeError(
        'AGENCY_CODE_INVALID',
        `"${agencyCode}" is not an agency identifier XXX.XX.XX.HNN for scheme ${scheme.id}`,
        `"${agencyCode}" không phải mã định danh cơ quan dạng XXX.XX.XX.HNN theo mẫu ${scheme.id}`,
        { agencyCode, scheme: scheme.id },
      );
}

function dateError(date: string, why: string, whyVi: string): DossierCodeError {
  return new DossierCodeError(
    'DATE_INVALID',
    `"${date}" is not a usable receipt date: ${why}`,
    `"${date}" không phải ngày tiếp nhận hợp lệ: ${whyVi}`,
    { date },
  );
}

/** The local calendar date (YYYY-MM-DD) of an instant, at a fixed offset (Việt Nam: +420, no DST). */
export function receiptDateOf(instantMs: number, utcOffsetMinutes: number): string {
  if (!Number.isFinite(instantMs) || !Number.isInteger(utcOffsetMinutes))
    throw dateError(String(instantMs), 'not an instant', 'không phải thời điểm hợp lệ');
  return new Date(instantMs + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

const inWindow = (date: string, from: string | null, to: string | null) =>
  (from === null || from <= date) && (to === null || date <= to);

function checkDate(date: string): DossierCodeError | null {
  const m = ISO_DATE.exec(date);
  if (!m || !isValidDate(Number(m[1]), Number(m[2]), Number(m[3])))
    return dateError(date, 'expected YYYY-MM-DD', 'cần dạng YYYY-MM-DD');
  return null;
}

/**
 * The scheme for a dossier received on `receivedOn` (local date) by `agency` (the RECEIVING
 * agency's identifier: with boundary-free reception it may differ from the competent agency).
 * A line limited to named agencies wins over a general line; two matching lines at the same level
 * are a configuration error, never a silent pick.
 */
export function schemeFor(
  receivedOn: string,
  agency: string,
  choices: readonly SchemeChoice[] = DEFAULT_SCHEME_CHOICES,
): DossierCodeScheme {
  const bad = checkDate(receivedOn);
  if (bad) throw bad;
  const matching = choices.filter((c) => inWindow(receivedOn, c.validFrom, c.validTo));
  const specific = matching.filter((c) => c.agencies?.includes(agency));
  const general = matching.filter((c) => c.agencies === undefined);
  const pick = specific.length > 0 ? specific : general;
  if (pick.length === 0)
    throw new DossierCodeError(
      'NO_SCHEME',
      `No dossier code scheme is configured for ${agency} on ${receivedOn}`,
      `Chưa cấu hình mẫu mã hồ sơ cho cơ quan ${agency} vào ngày ${receivedOn}`,
      { agency, receivedOn },
    );
  if (pick.length > 1)
    throw new DossierCodeError(
      'SCHEME_AMBIGUOUS',
      `Several dossier code schemes apply to ${agency} on ${receivedOn}`,
      `Có nhiều mẫu mã hồ sơ cùng áp dụng cho cơ quan ${agency} vào ngày ${receivedOn}`,
      { agency, receivedOn, schemes: pick.map((c) => c.schemeId) },
    );
  const choice = pick[0]!;
  const base = DOSSIER_CODE_SCHEMES[choice.schemeId];
  if (!base)
    throw new DossierCodeError(
      'SCHEME_UNKNOWN',
      `Unknown dossier code scheme ${choice.schemeId}`,
      `Không có mẫu mã hồ sơ ${choice.schemeId}`,
      { scheme: choice.schemeId },
    );
  return { ...base, validFrom: choice.validFrom, validTo: choice.validTo };
}

/**
 * Problems in a deployment's scheme choices, for a start-up / admin check, so a bad configuration
 * fails when saved rather than at the counter: unknown ids, malformed or reversed dates, and two
 * lines that could both apply to the same agency on the same day.
 */
export function checkSchemeChoices(choices: readonly SchemeChoice[]): string[] {
  const problems: string[] = [];
  choices.forEach((c, i) => {
    if (!(c.schemeId in DOSSIER_CODE_SCHEMES)) problems.push(`#${i}: unknown scheme ${c.schemeId}`);
    for (const d of [c.validFrom, c.validTo])
      if (d !== null && checkDate(d)) problems.push(`#${i}: ${d} is not a date YYYY-MM-DD`);
    if (c.validFrom !== null && c.validTo !== null && c.validFrom > c.validTo)
      problems.push(`#${i}: validFrom ${c.validFrom} is after validTo ${c.validTo}`);
  });
  const overlap = (a: SchemeChoice, b: SchemeChoice) =>
    (a.validFrom === null || b.validTo === null || a.validFrom <= b.validTo) &&
    (b.validFrom === null || a.validTo === null || b.validFrom <= a.validTo);
  const shareAgency = (a: SchemeChoice, b: SchemeChoice) =>
    a.agencies === undefined
      ? b.agencies === undefined
      : b.agencies !== undefined && a.agencies.some((x) => b.agencies?.includes(x));
  for (let i = 0; i < choices.length; i++)
    for (let j = i + 1; j < choices.length; j++)
      if (overlap(choices[i]!, choices[j]!) && shareAgency(choices[i]!, choices[j]!))
        problems.push(`#${i} and #${j} overlap in time for the same agencies`);
  return problems;
}

/**
 * The printed code. Throws DossierCodeError: SEQUENCE_OVERFLOW past 10^width − 1 (never wraps:
 * CODES.md requirement 5), SEQUENCE_INVALID below 1, AGENCY_CODE_INVALID, DATE_INVALID,
 * DATE_OUTSIDE_SCHEME when the date is outside the scheme's configured validity.
 */
export function formatDossierCode(scheme: DossierCodeScheme, parts: DossierCodeParts): string {
  const { agencyCode, date, sequence } = parts;
  const badAgency = checkAgencyCode(scheme, agencyCode);
  if (badAgency) throw badAgency;
  const badDate = checkDate(date);
  if (badDate) throw badDate;
  if (!inWindow(date, scheme.validFrom, scheme.validTo))
    throw new DossierCodeError(
      'DATE_OUTSIDE_SCHEME',
      `Scheme ${scheme.id} is not in use on ${date}`,
      `Mẫu mã hồ sơ ${scheme.id} không áp dụng vào ngày ${date}`,
      { scheme: scheme.id, date, validFrom: scheme.validFrom, validTo: scheme.validTo },
    );
  const yyyy = date.slice(0, 4);
  if (scheme.pattern.includes('{yy}') && !yyyy.startsWith('20'))
    throw dateError(date, 'a two-digit year covers 2000–2099 only', 'năm hai chữ số chỉ dùng cho 2000–2099');
  if (!Number.isSafeInteger(sequence) || sequence < 1)
    throw new DossierCodeError(
      'SEQUENCE_INVALID',
      `Sequence ${sequence} is not a positive whole number`,
      `Số thứ tự ${sequence} không phải số nguyên dương`,
      { sequence },
    );
  const max = 10 ** scheme.width - 1;
  if (sequence > max)
    throw new DossierCodeError(
      'SEQUENCE_OVERFLOW',
      `The daily sequence of ${agencyCode} on ${date} is exhausted (more than ${max} dossiers)`,
      `Đã hết số thứ tự trong ngày ${date} của cơ quan ${agencyCode} (quá ${max} hồ sơ)`,
      { agencyCode, date, sequence, max, scheme: scheme.id },
    );
  return fill(scheme, agencyCode, date, String(sequence).padStart(scheme.width, '0'));
}

function fill(scheme: DossierCodeScheme, agencyCode: string, date: string, seq: string): string {
  const [yyyy, mm, dd] = date.split('-') as [string, string, string];
  const values: Record<string, string> = {
    agency: agencyCode,
    short: agencyCode,
    yyyy,
    yy: yyyy.slice(2),
    mm,
    dd,
    seq,
  };
  return scheme.pattern.replace(/\{(\w+)\}/g, (_, t: string) => values[t] ?? '');
}

/**
 * The code with everything but its number filled in: `{seq}` stands where the number goes,
 * padded with zeros to `width` digits. For a store that takes the number and prints the code in
 * the same statement (the acceptance's, server dossiers/codes.ts); the same checks as
 * formatDossierCode, so a code that could not be printed takes no number.
 */
export function dossierCodeTemplate(
  scheme: DossierCodeScheme,
  parts: Omit<DossierCodeParts, 'sequence'>,
): { template: string; width: number; max: number } {
  formatDossierCode(scheme, { ...parts, sequence: 1 });
  return {
    template: fill(scheme, parts.agencyCode, parts.date, '{seq}'),
    width: scheme.width,
    max: 10 ** scheme.width - 1,
  };
}

/**
 * Reads a code back (trimmed, upper-cased: citizens type it into a search box). Tries `schemes` in
 * order and answers with the first whose pattern fits; the 2026 and remote-issued shapes are the
 * same string, so a parse cannot tell which service counted: the dossier row records its scheme.
 * Validity windows are not checked (they are deployment configuration).
 */
export function parseDossierCode(
  raw: string,
  schemes: readonly DossierCodeScheme[] = Object.values(DOSSIER_CODE_SCHEMES),
): { ok: true; value: ParsedDossierCode } | { ok: false; error: DossierCodeError } {
  const code = raw.trim().toUpperCase();
  let firstProblem: DossierCodeError | null = null;
  for (const scheme of schemes) {
    const g = regexOf(scheme).exec(code)?.groups;
    if (!g) continue;
    const agencyCode = g.agency!;
    const date = `${g.yyyy ?? `20${g.yy}`}-${g.mm}-${g.dd}`;
    const sequence = Number(g.seq);
    const problem =
      checkAgencyCode(scheme, agencyCode) ??
      checkDate(date) ??
      (sequence < 1
        ? new DossierCodeError('SEQUENCE_INVALID', 'Sequence 0 is never issued', 'Không cấp số thứ tự 0', {
            code,
          })
        : null);
    if (!problem) return { ok: true, value: { scheme: scheme.id, agencyCode, date, sequence } };
    firstProblem ??= problem;
  }
  return {
    ok: false,
    error:
      firstProblem ??
      new DossierCodeError(
        'CODE_INVALID',
        `"${raw}" is not a dossier code such as 000.A0.01.H26-210212-9090`,
        `"${raw}" không phải mã hồ sơ hợp lệ (ví dụ 000.A0.01.H26-210212-9090)`,
        { code: raw },
      ),
  };
}
