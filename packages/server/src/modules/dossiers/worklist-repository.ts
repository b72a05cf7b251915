/**
 * The SQL of the officer worklists (worklists.ts says what each list is). A list is a union of
 * "arms", one per way of reaching a dossier (assigned to me; the pool of role R at agency A; at
 * department D; the competent agency A; …), each a range scan of one partial index of migration
 * 0011 in the list's order with its own LIMIT, so a page reads about `limit` index entries per arm
 * however long the list is, and the planner has no OR of reaches to misjudge. The union is
 * deduplicated (a dossier may be reached twice), ordered, cut to the page, and only then joined to
 * its procedure and assignee. Counting reads each arm up to the cap; a first page carries its
 * count in the same statement.
 *
 * Every statement runs as a named prepared statement (`execute` below): planning a union of arms
 * over a table with some twenty indexes costs 1–7 ms, three to ten times its execution, and the
 * text of a statement depends only on the shape of the officer's reach and of the query (which
 * arms, which filters, which sort), never on ids, dates or text, which are parameters.
 */
import { createHash } from 'node:crypto';
import {
  type Compilable,
  type CompiledQuery,
  type Expression,
  type ExpressionBuilder,
  type QueryCreator,
  type RawBuilder,
  type SqlBool,
  sql,
} from 'kysely';
import type { Db } from '../../db/client.js';
import type { Database } from '../../db/schema.js';
import type { SortKey } from './worklist-schemas.js';

/** Counting a list's first page stops here ("more than 1,000"). */
export const COUNT_CAP = 1000;
/** Counting for a badge stops here ("99+"): ten lists in one statement stay cheap. */
export const BADGE_CAP = 99;
/** Beyond this many arms, the ids of a column are folded into one `= any(…)` arm. */
const MAX_ARMS = 12;

/**
 * At most this many statement texts are prepared by a process; later ones run unprepared. A
 * prepared statement lives as long as its connection (the pool closes idle ones) and holds its
 * cached plan in that backend, so this bounds the memory of a backend whatever the officers ask.
 * A province's reach shapes × lists × sorts and filters in use stay well under it.
 */
const MAX_PREPARED = 300;
const preparedNames = new Map<string, string>();

/** The prepared statement's name for a text, or undefined beyond MAX_PREPARED. */
export function statementName(text: string): string | undefined {
  let name = preparedNames.get(text);
  if (name === undefined && preparedNames.size < MAX_PREPARED) {
    name = `motcua_wl_${createHash('sha256').update(text).digest('hex').slice(0, 40)}`;
    preparedNames.set(text, name);
  }
  return name;
}

/**
 * Runs a query as a named prepared statement: node-postgres parses a name once per connection and
 * then only binds and executes it, and PostgreSQL keeps its plan (a generic one after five custom
 * plans, when it costs no more). Kysely has no notion of named statements, so the name travels in
 * the place of the SQL text: Kysely's PostgresDriver hands `sql` to pg's `client.query(config,
 * values)` as it is, and pg takes a `{ name, text }` object there (copying it before adding the
 * values). The statement's parameters are still Kysely's.
 */
async function execute<R>(db: Db, query: Compilable<R>): Promise<R[]> {
  const compiled = query.compile();
  const name = statementName(compiled.sql);
  if (name === undefined) return (await db.executeQuery(compiled)).rows;
  const named: CompiledQuery<R> = { ...compiled, sql: { name, text: compiled.sql } as unknown as string };
  return (await db.executeQuery(named)).rows;
}

/** What a set of positions reaches, as SQL needs it. */
export interface Reach {
  /** every agency of the tenant (a unit-subtree position at its root): no place condition at all */
  all?: boolean;
  /** agencies reached whole: agency-scoped positions, and every agency under a unit-subtree one */
  agencies: number[];
  /** departments of department-scoped positions */
  departments: number[];
  /** the agencies of those departments: their steps open to any department are reached too */
  departmentAgencies: number[];
}

/**
 * The predicate of one list, built from these parts (ANDed): states, and the officer's reach in
 * one of three forms.
 */
export interface ListFilter {
  tenantId: number;
  statuses: readonly string[];
  /** `step`: the current step's performer is reached by a position with the step's role */
  step?: {
    byRole: { role: string; reach: Reach }[];
    /** and what is assigned to this officer (at a step of `assigneeRole` only, when given) */
    assignee?: number;
    assigneeRole?: string;
    unassignedOnly?: boolean;
  };
  /** the receiving agency is reached (the one-stop unit's lists) */
  receiving?: Reach;
  /** monitoring: the step, the competent or the receiving agency is reached */
  monitor?: Reach;
  /** due instant window [from, to) */
  due?: { from?: Date; to?: Date };
  /** leave out dossiers whose clock is stopped by a payment (awaiting_payment with an open pause) */
  clockRunning?: boolean;
}

export interface Filters {
  procedureCode?: string;
  agencyId?: number;
  channel?: 'direct' | 'online' | 'postal';
  /** instants [from, to) of the receipt (or of the submission, for lists before acceptance) */
  received?: { from?: Date; to?: Date; of: 'receipt' | 'submission' };
  q?: string;
}

/**
 * The expression each sort key orders by. submittedAt is the legal submission instant
 * (NgayNopHoSo) the state carries, in epoch ms; the others are derived columns.
 */
const SORT_SQL: Record<SortKey, RawBuilder<unknown>> = {
  dueAt: sql`dossiers.due_at`,
  receivedAt: sql`dossiers.received_at`,
  appointmentAt: sql`dossiers.appointment_at`,
  code: sql`dossiers.code`,
  submittedAt: sql`((dossiers.state ->> 'submittedAt')::bigint)`,
};
/** The submission instant (epoch ms) as migration 0011 indexes it for to_receive. */
const SUBMITTED_MS = SORT_SQL.submittedAt;

/**
 * The sort value as the cursor carries it: instants in UTC with their microseconds (PostgreSQL
 * reads that form back exactly whatever the session's DateStyle and TimeZone), codes and epoch ms
 * as they are.
 */
function cursorText(k: SortKey): RawBuilder<string | null> {
  const key = SORT_SQL[k];
  return k === 'code' || k === 'submittedAt'
    ? sql<string | null>`(${key})::text`
    : sql<string | null>`to_char((${key}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

export interface Keyset {
  sort: SortKey;
  order: 'asc' | 'desc';
  /** the sort column's value of the last row seen, as PostgreSQL printed it, and its id */
  after?: { value: string; id: number };
}

type Eb = ExpressionBuilder<Database, 'dossiers'>;

/** One way of reaching a dossier: equalities (or a set) on one column, and conditions that go with it. */
interface Arm {
  column:
    | 'assignee_id'
    | 'step_agency_id'
    | 'step_department_id'
    | 'competent_agency_id'
    | 'receiving_agency_id'
    | null;
  ids: number[];
  role?: string;
  unassigned?: boolean;
  anyDepartment?: boolean;
}

/** The arms of a list; an empty array reaches nothing. */
function armsOf(f: ListFilter): Arm[] {
  const arms: Arm[] = [];
  const each = (column: Arm['column'], ids: readonly number[], extra: Omit<Arm, 'column' | 'ids'> = {}) => {
    for (const id of ids) arms.push({ column, ids: [id], ...extra });
  };
  if (f.step) {
    const { byRole, assignee, assigneeRole, unassignedOnly } = f.step;
    for (const { role, reach } of byRole) {
      const pool = { role, unassigned: true };
      if (reach.all) arms.push({ column: null, ids: [], ...pool });
      else {
        each('step_agency_id', reach.agencies, pool);
        each('step_department_id', reach.departments, pool);
        each('step_agency_id', reach.departmentAgencies, { ...pool, anyDepartment: true });
      }
    }
    if (assignee !== undefined && !unassignedOnly)
      arms.push({ column: 'assignee_id', ids: [assignee], role: assigneeRole });
  }
  if (f.receiving) {
    if (f.receiving.all) arms.push({ column: null, ids: [] });
    else
      each('receiving_agency_id', [...new Set([...f.receiving.agencies, ...f.receiving.departmentAgencies])]);
  }
  if (f.monitor) {
    const r = f.monitor;
    if (r.all) arms.push({ column: null, ids: [] });
    else {
      each('step_agency_id', r.agencies);
      each('competent_agency_id', r.agencies);
      each('receiving_agency_id', r.agencies);
      each('step_department_id', r.departments);
      each('step_agency_id', r.departmentAgencies, { anyDepartment: true });
    }
  }
  if (arms.length <= MAX_ARMS) return arms;
  // a wide reach that is not the whole tenant: one arm per column and kind, sorted after reading
  const folded = new Map<string, Arm>();
  for (const a of arms) {
    const key = JSON.stringify([a.column, a.role, a.unassigned, a.anyDepartment]);
    const f2 = folded.get(key);
    if (f2) f2.ids.push(...a.ids);
    else folded.set(key, { ...a, ids: [...a.ids] });
  }
  return [...folded.values()];
}

function armConditions(eb: Eb, a: Arm): Expression<SqlBool>[] {
  const out: Expression<SqlBool>[] = [];
  if (a.column) {
    const ref = sql.ref(`dossiers.${a.column}`);
    out.push(
      a.ids.length === 1
        ? sql<SqlBool>`${ref} = ${a.ids[0]}`
        : sql<SqlBool>`${ref} = any(${sql.val(a.ids)}::int[])`,
    );
  }
  if (a.role) out.push(eb('dossiers.step_role', '=', a.role));
  if (a.unassigned) out.push(eb('dossiers.assignee_id', 'is', null));
  if (a.anyDepartment) out.push(eb('dossiers.step_department_id', 'is', null));
  return out;
}

/** The conditions every arm of a list shares: tenant, states, due window, clock, filters. */
function common(eb: Eb, f: ListFilter, x: Filters): Expression<SqlBool>[] {
  const parts: Expression<SqlBool>[] = [
    eb('dossiers.tenant_id', '=', f.tenantId),
    // literal states, as the partial indexes' predicates are written: the planner then knows the
    // index has already applied them
    sql<SqlBool>`dossiers.status in (${sql.join(f.statuses.map((v) => sql.lit(v)))})`,
  ];
  if (f.due?.from) parts.push(eb('dossiers.due_at', '>=', f.due.from));
  if (f.due?.to) parts.push(eb('dossiers.due_at', '<', f.due.to));
  if (f.clockRunning)
    // the few payments that stop the clock, found once per statement (the CTE of `statement`):
    // each arm tests only its id against them (a hashed subplan), and stays an index-only scan
    parts.push(sql<SqlBool>`dossiers.id not in (select wl_paused.id from wl_paused)`);
  parts.push(...filterParts(eb, x));
  return parts;
}

/**
 * What a text filter searches: the code and the applicant's name, lower case without diacritics.
 * Migration 0018 indexes exactly this expression; change both together.
 */
const SEARCH_TEXT = sql`lower(f_unaccent(coalesce(dossiers.code, '') || ' ' || coalesce(dossiers.applicant ->> 'name', '')))`;

/** LIKE pattern text with its wildcards escaped. */
const likeEscaped = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function filterParts(eb: Eb, x: Filters): Expression<SqlBool>[] {
  const parts: Expression<SqlBool>[] = [];
  if (x.procedureCode)
    parts.push(
      sql<SqlBool>`dossiers.procedure_id = (select p.id from procedures p where p.code = ${x.procedureCode})`,
    );
  if (x.agencyId !== undefined)
    parts.push(
      eb.or([
        eb('dossiers.competent_agency_id', '=', x.agencyId),
        eb('dossiers.receiving_agency_id', '=', x.agencyId),
      ]),
    );
  if (x.channel) parts.push(eb('dossiers.channel', '=', x.channel));
  const r = x.received;
  if (r?.of === 'submission') {
    if (r.from) parts.push(sql<SqlBool>`${SUBMITTED_MS} >= ${r.from.getTime()}`);
    if (r.to) parts.push(sql<SqlBool>`${SUBMITTED_MS} < ${r.to.getTime()}`);
  } else if (r) {
    if (r.from) parts.push(eb('dossiers.received_at', '>=', r.from));
    if (r.to) parts.push(eb('dossiers.received_at', '<', r.to));
  }
  if (x.q) {
    const q = `%${likeEscaped(x.q)}%`;
    // one expression for the code and the name, indexed by trigrams (0018); f_unaccent is
    // IMMUTABLE (0001), so the pattern's own folding is done once per execution
    parts.push(sql<SqlBool>`${SEARCH_TEXT} like lower(f_unaccent(${q}))`);
  }
  return parts;
}

export interface WorklistRow {
  id: number;
  code: string | null;
  version: number;
  status: string;
  national_status: number | null;
  channel: 'direct' | 'online' | 'postal' | null;
  current_step: string | null;
  step_role: string | null;
  assignee_id: number | null;
  assignee_name: string | null;
  procedure_code: string;
  procedure_name: string;
  applicant_name: string | null;
  submitted_ms: string | null;
  received_at: Date | null;
  due_at: Date | null;
  appointment_at: Date | null;
  finished_at: Date | null;
  step_due_at: Date | null;
  clock_stopped: boolean;
  /** the sort column as text, for the cursor */
  sort_value: string | null;
}

/**
 * Where a statement starts: with the CTE `wl_paused` when one of its lists leaves out stopped
 * clocks (the awaiting payments whose pause is open, read from the heap once for the statement
 * rather than once per arm; dossier ids are unique across tenants, so one CTE serves every list).
 */
function statement(db: Db, lists: readonly ListFilter[]): QueryCreator<Database> {
  const tenants = [...new Set(lists.filter((f) => f.clockRunning).map((f) => f.tenantId))];
  if (!tenants.length) return db;
  return db.with('wl_paused', (qb) =>
    qb
      .selectFrom('dossiers as p')
      .select('p.id')
      .where('p.tenant_id', 'in', tenants)
      .where(sql<SqlBool>`p.status = 'awaiting_payment'`)
      .where(sql<SqlBool>`jsonb_path_exists(p.state, '$.pauses[*] ? (@.to == null)')`),
  ) as unknown as QueryCreator<Database>;
}

/**
 * One page of a list: `limit + 1` rows, so the caller knows whether another page follows, and
 * with `countCap` the list's count up to that cap + 1 in the same statement (null without it, or
 * when the page is empty: then the list is too).
 */
export async function listPage(
  db: Db,
  f: ListFilter,
  x: Filters,
  k: Keyset,
  limit: number,
  countCap?: number,
): Promise<{ rows: WorklistRow[]; total: number | null }> {
  const arms = armsOf(f);
  if (!arms.length) return { rows: [], total: countCap === undefined ? null : 0 };
  const key = SORT_SQL[k.sort];
  const dir = k.order === 'desc' ? sql`desc` : sql`asc`;
  const after = k.after;
  const members = arms.map((a) =>
    db
      .selectFrom('dossiers')
      .select(['dossiers.id', key.as('sort_key'), cursorText(k.sort).as('sort_value')])
      .where((eb) => eb.and([...common(eb, f, x), ...armConditions(eb, a)]))
      .$if(after !== undefined, (q) =>
        q.where(
          k.order === 'desc'
            ? sql<SqlBool>`(${key}, dossiers.id) < (${after!.value}, ${after!.id}::bigint)`
            : sql<SqlBool>`(${key}, dossiers.id) > (${after!.value}, ${after!.id}::bigint)`,
        ),
      )
      .orderBy(sql`${key} ${dir}`)
      .orderBy(sql`dossiers.id ${dir}`)
      .limit(limit + 1),
  );
  const union = sql<{
    id: number;
    sort_key: unknown;
    sort_value: string | null;
  }>`(${sql.join(members, sql` union `)})`;
  const page = db
    .selectFrom(union.as('c'))
    .select(['c.id', 'c.sort_key', 'c.sort_value'])
    .orderBy(sql`c.sort_key ${dir}`)
    .orderBy(sql`c.id ${dir}`)
    .limit(limit + 1);
  const query = statement(db, [f])
    .selectFrom(page.as('c'))
    .innerJoin('dossiers', 'dossiers.id', 'c.id')
    .innerJoin('procedures as p', 'p.id', 'dossiers.procedure_id')
    .select([
      'dossiers.id',
      'dossiers.code',
      'dossiers.version',
      'dossiers.status',
      'dossiers.national_status',
      'dossiers.channel',
      'dossiers.current_step',
      'dossiers.step_role',
      'dossiers.assignee_id',
      // a lookup per row of the page, never a scan of the staff table
      (eb) =>
        eb
          .selectFrom('staff as s')
          .select('s.full_name')
          .whereRef('s.id', '=', 'dossiers.assignee_id')
          .as('assignee_name'),
      'p.code as procedure_code',
      'p.name as procedure_name',
      sql<string | null>`dossiers.applicant ->> 'name'`.as('applicant_name'),
      sql<string | null>`${SUBMITTED_MS}`.as('submitted_ms'),
      'dossiers.received_at',
      'dossiers.due_at',
      'dossiers.appointment_at',
      'dossiers.finished_at',
      'dossiers.step_due_at',
      sql<boolean>`dossiers.status = 'supplement_requested' or (dossiers.status = 'awaiting_payment'
        and jsonb_path_exists(dossiers.state, '$.pauses[*] ? (@.to == null)'))`.as('clock_stopped'),
      'c.sort_value',
      // an uncorrelated subquery: computed once for the statement (an InitPlan), not per row
      (countCap === undefined ? sql<number | null>`null::int` : countExpression(db, f, x, countCap)).as(
        'total',
      ),
    ])
    .orderBy(sql`c.sort_key ${dir}`)
    .orderBy(sql`c.id ${dir}`);
  const rows = (await execute(db, query)) as (WorklistRow & { total: number | null })[];
  return {
    rows,
    total: countCap === undefined ? null : rows.length ? Number(rows[0]!.total) : 0,
  };
}

/** The capped count of a list as an expression: each arm read up to cap + 1 ids, deduplicated. */
function countExpression(db: Db, f: ListFilter, x: Filters, cap: number): RawBuilder<number> {
  const arms = armsOf(f);
  if (!arms.length) return sql<number>`0`;
  const members = arms.map((a) =>
    db
      .selectFrom('dossiers')
      .select('dossiers.id')
      .where((eb) => eb.and([...common(eb, f, x), ...armConditions(eb, a)]))
      .limit(cap + 1),
  );
  return sql<number>`(select count(*) from (${sql.join(members, sql` union `)}) c)::int`;
}

/** How many dossiers match, counted up to cap + 1. */
export async function countList(db: Db, f: ListFilter, x: Filters, cap = COUNT_CAP): Promise<number> {
  const [r] = await execute(db, statement(db, [f]).selectNoFrom(countExpression(db, f, x, cap).as('n')));
  return Number(r!.n);
}

/** Several counts in one statement, each up to cap + 1 (the badge counters). */
export async function countLists(db: Db, lists: ListFilter[], cap = BADGE_CAP): Promise<number[]> {
  if (!lists.length) return [];
  const [r] = (await execute(
    db,
    statement(db, lists).selectNoFrom(lists.map((f, i) => countExpression(db, f, {}, cap).as(`n${i}`))),
  )) as Record<string, unknown>[];
  return lists.map((_, i) => Number(r![`n${i}`]));
}

/**
 * The tenant's agencies with the ancestors of their administrative unit (itself included): a
 * unit-subtree position reaches those whose ancestors hold its unit. A few hundred rows at most.
 */
export async function tenantAgencyUnits(
  db: Db,
  tenantId: number,
): Promise<{ id: number; ancestors: number[] }[]> {
  return db
    .selectFrom('agencies as a')
    .innerJoin('admin_units as u', 'u.id', 'a.admin_unit_id')
    .select(['a.id', 'u.ancestor_ids as ancestors'])
    .where('a.tenant_id', '=', tenantId)
    .execute();
}
