/**
 * Catalogue search: accent- and case-insensitive ("giay phep xay dung" finds "Cấp giấy phép xây
 * dựng…"), over the national code, the name, the field, the ministry and the agency texts of the
 * version in force, with filters, relevance ordering and paging.
 *
 * Matching (full text): every word of the query must be a word of the procedure's stored folded
 * text (`procedures.search_vector`, migration 0005), the last word may be the start of one (it is
 * still being typed); "1.0011" matches the start of the national code, six digits its number. One
 * GIN-indexed condition, answered by the index without a recheck.
 *
 * Ranking, best first:
 *   1. the exact code (or its six digits);
 *   2. the name starts with the query (after an optional "Thủ tục"), then the name contains it;
 *   3. the query as a phrase anywhere (field, agency…);
 *   4. more of the query's words in the name rather than only in the field or agency texts;
 *   5. the shorter name (the more specific procedure); then the code.
 * So "khai sinh" gives "Thủ tục đăng ký khai sinh" first, then the longer names containing
 * "khai sinh", then those mentioning it elsewhere.
 *
 * Misspellings (trigram): when a query without filters matches nothing, it is run again with each
 * word the catalogue does not know replaced by the known words nearest to it by trigrams ("giay
 * phep xay dugn" → … & (dung | dun | …)), ranked the same way; the answer then says
 * `approximate: true`.
 */
import {
  LIMIT_UNITS,
  type LimitUnit,
  limitInWorkingHours,
  ONLINE_LEVELS,
  type OnlineLevel,
} from '@motcua/core';
import { type Static, Type } from '@sinclair/typebox';
import { type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/client.js';
import type { Database } from '../../db/schema.js';
import { StringEnum } from '../../http/schemas.js';

export const SEARCH_CHANNELS = ['direct', 'online', 'postal'] as const;
export type SearchChannel = (typeof SEARCH_CHANNELS)[number];

/** The querystring of GET /api/v1/procedures (the tenant comes from the route, not the query). */
export const ProcedureSearchQuery = Type.Object({
  q: Type.Optional(
    Type.String({
      maxLength: 200,
      description: 'words, with or without diacritics; a national code (or its start) also matches',
      examples: ['giay phep xay dung', 'khai sinh', '1.001193'],
    }),
  ),
  fieldId: Type.Optional(Type.Integer({ minimum: 1 })),
  level: Type.Optional(Type.String({ maxLength: 40, examples: ['Cấp xã', 'Cấp tỉnh'] })),
  agency: Type.Optional(
    Type.String({
      pattern: '^[0-9A-Z]{3}\\.[0-9A-Z]{2}\\.[0-9A-Z]{2}\\.[GH][0-9]{2}$',
      description: 'electronic identifier of an agency of the deployment that implements the procedure',
    }),
  ),
  channel: Type.Optional(StringEnum(SEARCH_CHANNELS, { description: 'a channel the procedure offers' })),
  onlineLevel: Type.Optional(
    StringEnum(ONLINE_LEVELS, { description: 'online public service: full (toàn trình), partial, none' }),
  ),
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
  offset: Type.Integer({ minimum: 0, default: 0 }),
});

export const ProcedureSearchItem = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  ministry: Type.Union([Type.String(), Type.Null()]),
  field_id: Type.Union([Type.Integer(), Type.Null()]),
  field_name: Type.Union([Type.String(), Type.Null()]),
  levels: Type.Array(Type.String()),
  version_no: Type.Integer(),
  review_flags: Type.Array(Type.String()),
  online_level: StringEnum(ONLINE_LEVELS),
  channels: Type.Array(StringEnum(SEARCH_CHANNELS)),
  time_limit: Type.Union(
    [Type.Object({ value: Type.Number(), unit: StringEnum(LIMIT_UNITS) }), Type.Null()],
    { description: 'the strictest legal time limit over the channels that state one' },
  ),
});
export type ProcedureSearchItem = Static<typeof ProcedureSearchItem>;

export interface ProcedureSearch {
  q?: string;
  fieldId?: number;
  level?: string;
  /** the deployment whose agencies `agency` is looked up in */
  tenantId?: number;
  /** electronic identifier of an agency of `tenantId` with an active implementation */
  agency?: string;
  channel?: SearchChannel;
  onlineLevel?: OnlineLevel;
  limit: number;
  offset: number;
}

/** The national public-sector working day (8 hours), to compare limits given in different units. */
const STANDARD_DAY_MINUTES = 480;
const MAX_WORDS = 12;
const CODE_PREFIX = /^[0-9]\.[0-9]{0,6}$/;
const CODE = /^[0-9]\.[0-9]{6}$/;
const CODE_NUMBER = /^[0-9]{6}$/;

interface ParsedQuery {
  /** words matched as text (folded in SQL by f_search_fold, like the stored text) */
  words: string[];
  /** code-like words ("1.001193", "1.00"): prefixes of the code */
  codes: string[];
}

/** Splits a query into words; punctuation around a word is dropped, duplicates too. */
export function parseQuery(q: string | undefined): ParsedQuery {
  const words: string[] = [];
  const codes: string[] = [];
  const seen = new Set<string>();
  for (const raw of (q ?? '').normalize('NFC').split(/\s+/)) {
    const w = raw.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    if (!w || seen.has(w.toLowerCase()) || seen.size >= MAX_WORDS) continue;
    seen.add(w.toLowerCase());
    (CODE_PREFIX.test(w) ? codes : words).push(w);
  }
  return { words, codes };
}

type Base = SelectQueryBuilder<Database, 'procedures', object>;
const searchText = sql.ref('procedures.search_text');
const searchName = sql.ref('procedures.search_name');

/** How the words are matched: as typed, or with unknown words replaced by the nearest known ones. */
type Mode = 'words' | 'similar';

/** The query's words as one folded phrase, as f_search_fold stores text: " giay phep xay dung". */
const folded = (parsed: ParsedQuery) => sql<string>`f_search_fold(${parsed.words.join(' ')})`;

function filtered(db: Db, f: ProcedureSearch, parsed: ParsedQuery, mode: Mode = 'words'): Base {
  let q: Base = db.selectFrom('procedures').where('procedures.current_version_id', 'is not', null);
  // codes: digits and one dot, nothing to_tsquery reads as syntax; folded words: f_search_query
  const terms = [
    ...(parsed.words.length
      ? [
          mode === 'words'
            ? sql`f_search_query(${parsed.words}::text[])`
            : sql`f_search_query_similar(${parsed.words}::text[])`,
        ]
      : []),
    ...parsed.codes.map((c) => sql`to_tsquery('simple', ${`${c}:*`})`),
  ];
  if (terms.length) q = q.where(sql<SqlBool>`procedures.search_vector @@ (${sql.join(terms, sql` && `)})`);
  if (f.fieldId !== undefined) q = q.where('procedures.field_id', '=', f.fieldId);
  // the version in force's levels, channels and online level, copied onto the row (migration 0005)
  if (f.level !== undefined) q = q.where(sql<SqlBool>`${f.level} = any(procedures.search_levels)`);
  if (f.channel !== undefined) q = q.where(sql<SqlBool>`${f.channel} = any(procedures.search_channels)`);
  if (f.onlineLevel !== undefined)
    q = q.where(sql<SqlBool>`procedures.search_online_level = ${f.onlineLevel}`);
  if (f.agency !== undefined) {
    const { agency, tenantId } = f;
    // an agency is only known within a deployment: without one, no procedure is implemented by it
    q =
      tenantId === undefined
        ? q.where(sql<SqlBool>`false`)
        : q.where('procedures.id', 'in', (eb) =>
            eb
              .selectFrom('procedure_implementations as i')
              .innerJoin('agencies as a', (j) =>
                j.onRef('a.id', '=', 'i.agency_id').onRef('a.tenant_id', '=', 'i.tenant_id'),
              )
              .select('i.procedure_id')
              .where('i.tenant_id', '=', tenantId)
              .where('i.active', '=', true)
              .where('a.identifier', '=', agency),
          );
  }
  return q;
}

/**
 * Relevance as one integer, higher first (see the module comment), so that the sort compares one
 * number and the code breaks ties: bit 24 the exact code; bits 22–23 the name starting with the
 * query (2) or containing it (1); bit 21 the query as a phrase anywhere; bits 16–20 how many words
 * are in the name; bits 0–15 the shortness of the name. The tests use strpos on the stored folded
 * texts, where every word has a space on both sides: " giay phep" starts a word, " giay " is one.
 */
function score(parsed: ParsedQuery) {
  const parts = [];
  const exact = [
    ...parsed.codes.filter((c) => CODE.test(c)).map((c) => sql`procedures.code = ${c}`),
    ...parsed.words.filter((w) => CODE_NUMBER.test(w)).map((w) => sql`substr(procedures.code, 3) = ${w}`),
  ];
  if (exact.length) parts.push(sql`(case when ${sql.join(exact, sql` or `)} then 16777216 else 0 end)`);
  if (parsed.words.length) {
    const phrase = folded(parsed);
    // position 9 is just after " thu tuc", the opening of most names
    parts.push(sql`(case strpos(${searchName}, ${phrase}) when 0 then 0 when 1 then 8388608
      when 9 then (case when starts_with(${searchName}, ' thu tuc ') then 8388608 else 4194304 end)
      else 4194304 end)`);
    if (parsed.words.length > 1) {
      parts.push(sql`(case when strpos(${searchText}, ${phrase}) > 0 then 2097152 else 0 end)`);
      const last = parsed.words.length - 1;
      parts.push(
        sql`65536 * (${sql.join(
          parsed.words.map(
            (w, i) =>
              sql`(strpos(${searchName}, f_search_fold(${w})${i === last ? sql`` : sql` || ' '`}) > 0)::int`,
          ),
          sql` + `,
        )})`,
      );
    }
    parts.push(sql`(65535 - least(length(${searchName}), 65535))`);
  }
  return parts.length ? sql<number>`${sql.join(parts, sql` + `)}` : sql<number>`0`;
}

interface Row {
  id: number;
  code: string;
  name: string;
  ministry: string | null;
  field_id: number | null;
  field_name: string | null;
  levels: string[];
  version_no: number;
  review_flags: string[];
  online_level: OnlineLevel;
  channels: SearchChannel[];
  limits: { value: number | null; unit: LimitUnit | null }[];
  total: number;
}

function strictest(limits: Row['limits']): ProcedureSearchItem['time_limit'] {
  let best: { value: number; unit: LimitUnit; hours: number } | null = null;
  for (const { value, unit } of limits) {
    if (value === null || unit === null || !(value > 0) || !LIMIT_UNITS.includes(unit)) continue;
    const { hours } = limitInWorkingHours({ value, unit }, STANDARD_DAY_MINUTES);
    if (!best || hours < best.hours) best = { value, unit, hours };
  }
  return best && { value: best.value, unit: best.unit };
}

export interface ProcedureSearchResult {
  items: ProcedureSearchItem[];
  total: number;
  /** the words matched nothing and these are procedures with similar words (misspellings) */
  approximate: boolean;
}

/**
 * One page of the procedures in force that match, best first, with the number of matches. One
 * statement: the matches are ranked and counted by id, and only the page's rows read their version
 * (the channels jsonb). A page past the end costs a second statement for the count, and a query
 * that matches nothing (without filters) a second one by similarity.
 */
export async function searchProcedures(db: Db, f: ProcedureSearch): Promise<ProcedureSearchResult> {
  const parsed = parseQuery(f.q);
  const exact = await searchPage(db, f, parsed, 'words');
  const filters = [f.fieldId, f.level, f.agency, f.channel, f.onlineLevel].some((x) => x !== undefined);
  // with filters, nothing is an answer (the agency does not implement it…), not a misspelling
  if (exact.total > 0 || filters || parsed.codes.length || parsed.words.length === 0) return exact;
  const similar = await searchPage(db, f, parsed, 'similar');
  return similar.total > 0 ? similar : exact;
}

async function searchPage(db: Db, f: ProcedureSearch, parsed: ParsedQuery, mode: Mode) {
  const base = filtered(db, f, parsed, mode);
  const ranked = parsed.words.length > 0 || parsed.codes.length > 0;
  // Ranked: the window count rides along the top-N sort of the matches. Unranked (filters only):
  // the page is the first rows of the code index and the total a plain count, both cheap.
  const page = (
    ranked
      ? base
          .select([
            'procedures.id',
            'procedures.code',
            score(parsed).as('score'),
            sql<number>`count(*) over ()`.as('total'),
          ])
          .orderBy('score', 'desc')
      : base.select([
          'procedures.id',
          'procedures.code',
          sql<number>`0`.as('score'),
          filtered(db, f, parsed)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .as('total'),
        ])
  )
    .orderBy('procedures.code')
    .limit(f.limit)
    .offset(f.offset);
  const rows = (await db
    .selectFrom(page.as('m'))
    .innerJoin('procedures as p', 'p.id', 'm.id')
    .innerJoin('procedure_versions as v', 'v.id', 'p.current_version_id')
    .leftJoin('fields as f', 'f.id', 'p.field_id')
    .select([
      'p.id',
      'p.code',
      'p.name',
      'p.ministry',
      'p.field_id',
      'f.name as field_name',
      'v.levels',
      'v.version_no',
      'v.review_flags',
      'v.online_level',
      sql<SearchChannel[]>`jsonb_path_query_array(v.channels, '$[*].channel')`.as('channels'),
      sql<Row['limits']>`jsonb_path_query_array(v.channels, '$[*].timeLimit')`.as('limits'),
      'm.total',
    ])
    .orderBy('m.score', 'desc')
    .orderBy('m.code')
    .execute()) as Row[];
  const total =
    rows[0]?.total ??
    (f.offset > 0
      ? (await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n
      : 0);
  return {
    items: rows.map(({ limits, total: _total, ...item }) => ({ ...item, time_limit: strictest(limits) })),
    total: Number(total),
    approximate: mode === 'similar',
  };
}
