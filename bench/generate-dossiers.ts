/**
 * Realistic dossiers in bulk, for benchmarks and tests (issue #5, worklists at 1 million
 * dossiers): `generateDossiers(db, {count})` or, on the command line,
 *
 *   DATABASE_URL=postgres://… node --conditions=source --import tsx bench/generate-dossiers.ts --count 1000000
 *
 * against a migrated database with the demo deployment (`npm run motcua -- seed-demo`).
 *
 * How. Intake is spread evenly over the history (one year by default, longer past 3 million so a
 * day's volume stays plausible); each dossier draws a kind (procedure × agency, weighted by
 * PROCEDURE_MIX and an agency factor) and one of its workflow's paths (dossier-templates.ts:
 * channel × scenario × pace). Its age, in the path's time (scaled by 0.6–1.4 per dossier), says how
 * many of the path's actions have happened: old dossiers are finished, recent ones are somewhere
 * along their workflow, slow and stuck paths leave a tail of overdue ones. The log is the first j
 * actions of the path and the state the snapshot core `apply` gave after them, both instantiated
 * by PostgreSQL format() with the dossier's times, officers, code and applicant; the derived
 * columns are read from that state as the server's derivedColumns() writes them. Codes follow the
 * agency-day counters (dossier_code_sequences, raised as they are used). Batches of
 * `batchSize` dossiers are one INSERT … SELECT each for dossiers and actions.
 *
 * Online dossiers belong to generated citizens (identity numbers 099…, a province code that does
 * not exist); every actor and assignee is a real officer (dossier-world.ts creates the missing ones).
 */
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { loadConfig } from '../packages/server/src/config.js';
import { createDb, type Db } from '../packages/server/src/db/client.js';
import { DAY, type Path, pathsOf } from './dossier-templates.js';
import { type Kind, loadWorld } from './dossier-world.js';

export interface GenerateOptions {
  count: number;
  /** the instant the data describes (ms); default now */
  now?: number;
  /** days of intake; default 365, or more past 3 million dossiers */
  historyDays?: number;
  seed?: number;
  /**
   * Share of dossiers forgotten somewhere along their path, whatever their age (default 0.01): the
   * tail of long-overdue dossiers a backlog is made of. 0 gives the steady state of diligent
   * officers (about 1.5% of dossiers live); benchmarks raise it to stress the lists.
   */
  stalled?: number;
  batchSize?: number;
  /** tenant codes; default every tenant with an implemented intake workflow */
  tenants?: string[];
  /**
   * Drop the secondary indexes, unique constraints and foreign keys of dossiers and
   * dossier_actions during the load and rebuild them after (loadShortcuts: about 40% faster);
   * default: when the dossiers table is empty and count ≥ 100,000, i.e. a scratch database. A
   * failed load rebuilds them before it rethrows; a killed one leaves them dropped.
   */
  rebuildIndexes?: boolean;
  log?: (msg: string) => void;
}

export interface GenerateResult {
  dossiers: number;
  actions: number;
  citizens: number;
  staffCreated: number;
  paths: number;
  templates: number;
  firstId: number;
  lastId: number;
  seconds: number;
  byStatus: Record<string, number>;
  byChannel: Record<string, number>;
}

const SCHEME = 'AGENCY-YYMMDD-NNNN';
/** Việt Nam's offset from UTC (no daylight saving): the local day of a receipt names its code. */
const UTC_OFFSET_MS = 7 * 3_600_000;
/** One generated citizen account per this many dossiers (some citizens come back). */
const DOSSIERS_PER_CITIZEN = 3;

const ms = (x: string) => `(timestamptz 'epoch' + (${x}) * interval '1 millisecond')`;

async function tenantIds(db: Db, codes: string[] | undefined): Promise<number[]> {
  let q = db.selectFrom('tenants').select('id').orderBy('id');
  if (codes?.length) q = q.where('code', 'in', codes);
  return (await q.execute()).map((t) => t.id);
}

/** The templates and kinds as temporary tables of the generator's session. */
async function loadTables(c: Db, paths: Path[], kinds: Kind[], shapes: number) {
  await sql`
    create temp table gen_paths (path int primary key, shape int, channel text, action_times float8[], times float8[]);
    create temp table gen_tpl (path int, j int, status text, nat smallint, received int, state_fmt text, primary key (path, j));
    create temp table gen_actions (path int, seq int, type text, at int, reason text, payload_fmt text, primary key (path, seq));
    create temp table gen_shape_paths (shape int primary key, ids int[], bounds float8[]);
    create temp table gen_kinds (kind int primary key, tenant int, procedure int, version int, workflow int,
      recv int, comp int, shape int, points int[], place text, comp_ident text, recv_ident text,
      staff text[], idents text[], step_agencies text[], step_depts text[]);
    create temp table gen_kind_bounds (ids int[], bounds float8[]);
    create temp table gen_batch (id bigint primary key, kind int, path int, j int, base bigint, scale float8,
      ck int, rn float8, rpt float8)`.execute(c);
  const json = (rows: unknown[]) => JSON.stringify(rows);
  for (let i = 0; i < paths.length; i += 100) {
    const chunk = paths.slice(i, i + 100);
    await sql`insert into gen_paths select * from jsonb_to_recordset(${json(
      chunk.map((p) => ({
        path: p.id,
        shape: p.shape,
        channel: p.channel,
        action_times: p.actionTimes,
        times: p.times,
      })),
    )}::jsonb) as x(path int, shape int, channel text, action_times float8[], times float8[])`.execute(c);
    await sql`insert into gen_tpl select * from jsonb_to_recordset(${json(
      chunk.flatMap((p) =>
        p.templates.map((t) => ({
          path: p.id,
          j: t.j,
          status: t.status,
          nat: t.nationalStatus,
          received: t.received,
          state_fmt: t.state,
        })),
      ),
    )}::jsonb) as x(path int, j int, status text, nat smallint, received int, state_fmt text)`.execute(c);
    await sql`insert into gen_actions select * from jsonb_to_recordset(${json(
      chunk.flatMap((p) =>
        p.actions.map((a) => ({
          path: p.id,
          seq: a.seq,
          type: a.type,
          at: a.at,
          reason: a.reason,
          payload_fmt: a.payload,
        })),
      ),
    )}::jsonb) as x(path int, seq int, type text, at int, reason text, payload_fmt text)`.execute(c);
  }
  // cumulative bounds for width_bucket: the lower bound of each choice
  const bounds = (weights: number[]) => {
    const total = weights.reduce((a, b) => a + b, 0);
    let acc = 0;
    return weights.map((w) => {
      const lo = acc / total;
      acc += w;
      return lo;
    });
  };
  for (let s = 0; s < shapes; s++) {
    const mine = paths.filter((p) => p.shape === s);
    if (!mine.length) continue;
    await sql`insert into gen_shape_paths values (${s}, ${mine.map((p) => p.id)}::int[], ${bounds(mine.map((p) => p.weight))}::float8[])`.execute(
      c,
    );
  }
  for (let i = 0; i < kinds.length; i += 200)
    await sql`insert into gen_kinds select * from jsonb_to_recordset(${json(
      kinds.slice(i, i + 200).map((k) => ({
        kind: k.id,
        tenant: k.tenantId,
        procedure: k.procedureId,
        version: k.versionId,
        workflow: k.workflowId,
        recv: k.receivingAgencyId,
        comp: k.competentAgencyId,
        shape: k.shape,
        points: k.receptionPoints,
        place: k.place,
        comp_ident: k.competentIdentifier,
        recv_ident: k.receivingIdentifier,
        staff: k.staff,
        idents: k.identifiers,
        step_agencies: k.stepAgencies,
        step_depts: k.stepDepartments,
      })),
    )}::jsonb) as x(kind int, tenant int, procedure int, version int, workflow int, recv int, comp int, shape int,
      points int[], place text, comp_ident text, recv_ident text, staff text[], idents text[], step_agencies text[],
      step_depts text[])`.execute(c);
  await sql`insert into gen_kind_bounds values (${kinds.map((k) => k.id)}::int[], ${bounds(kinds.map((k) => k.weight))}::float8[])`.execute(
    c,
  );
  await sql`analyze gen_paths; analyze gen_tpl; analyze gen_actions; analyze gen_kinds`.execute(c);
}

/** Vietnamese names and addresses, deterministic from a number. */
async function nameFunctions(c: Db) {
  await sql
    .raw(`
    create function pg_temp.gen_name(h bigint) returns text language sql immutable as $$
      select (array['Nguyễn','Nguyễn','Nguyễn','Nguyễn','Nguyễn','Nguyễn','Nguyễn','Trần','Trần','Trần','Lê','Lê',
                    'Phạm','Phạm','Hoàng','Huỳnh','Phan','Vũ','Võ','Đặng','Bùi','Đỗ','Hồ','Ngô','Dương','Lý','Đinh',
                    'Mai','Trịnh','Đào'])[1 + h % 30]
        || ' ' || (array['Văn','Thị','Đức','Minh','Ngọc','Thanh','Hữu','Quang','Thu','Hoàng','Xuân','Hồng','Thế',
                         'Công','Kim','Bảo','Gia','Anh'])[1 + (h / 30) % 18]
        || ' ' || (array['An','Anh','Bình','Châu','Chi','Cường','Dũng','Dương','Đạt','Giang','Hà','Hải','Hạnh',
                         'Hiếu','Hoa','Hùng','Hương','Huy','Khánh','Khoa','Lan','Linh','Long','Mai','Minh','Nam',
                         'Nga','Ngọc','Nhung','Phong','Phúc','Phương','Quân','Quang','Sơn','Tâm','Thảo','Thắng',
                         'Thủy','Trang','Trung','Tú','Tuấn','Việt','Vy','Yến'])[1 + (h / 540) % 46]
    $$;
    create function pg_temp.gen_street(h bigint) returns text language sql immutable as $$
      select 'Số ' || (1 + h % 199) || ' ' || (array['phố Hàng Bạc','đường Lý Thường Kiệt','phố Trần Hưng Đạo',
        'đường Nguyễn Trãi','phố Láng Hạ','phố Kim Mã','đường Cầu Giấy','đường Hoàng Quốc Việt','đường Giải Phóng',
        'phố Đội Cấn','phố Huế','phố Bà Triệu','thôn Đông','thôn Đoài','xóm Mới'])[1 + (h / 199) % 15]
    $$`)
    .execute(c);
}

/** Generated citizens 1..n (kept if they exist), with a dense number k for drawing them. */
async function ensureCitizens(c: Db, n: number): Promise<number> {
  await sql`
    insert into citizens (identity_number, full_name, phone, address, is_demo)
    select '099' || lpad(k::text, 9, '0'), pg_temp.gen_name(k * 2654435761 % 4294967296),
           '09' || lpad(k::text, 8, '0'), pg_temp.gen_street(k * 40503 % 65536) || ', Hà Nội', true
    from generate_series(1, ${n}::bigint) k
    on conflict do nothing`.execute(c);
  await sql`
    create temp table gen_citizens as
    select row_number() over (order by id)::int as k, id, full_name, identity_number, phone
    from citizens where identity_number like '099%' and substr(identity_number, 4)::bigint <= ${n}`.execute(
    c,
  );
  await sql`create index on gen_citizens (k); analyze gen_citizens`.execute(c);
  const r = await sql<{ n: number }>`select count(*)::int as n from gen_citizens`.execute(c);
  return r.rows[0]!.n;
}

/**
 * What a bulk load into empty tables can do without and rebuild at the end, much faster than
 * maintaining it row by row: the secondary indexes of dossiers and dossier_actions, their unique
 * constraints that no foreign key depends on, and their foreign keys (re-adding one validates
 * every row in a single join, so a wrong reference still fails the load).
 */
async function loadShortcuts(c: Db, log: (m: string) => void) {
  const tables = sql`('dossiers'::regclass, 'dossier_actions'::regclass)`;
  const indexes = (
    await sql<{ name: string; def: string }>`
      select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
      from pg_index i
      where i.indrelid in ${tables}
        and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)
      order by 1`.execute(c)
  ).rows;
  const constraints = (
    await sql<{ name: string; tbl: string; def: string; kind: string }>`
      select k.conname as name, k.conrelid::regclass::text as tbl, pg_get_constraintdef(k.oid) as def,
             k.contype as kind
      from pg_constraint k
      where k.conrelid in ${tables}
        and (k.contype = 'f'
             or (k.contype = 'u'
                 and not exists (select 1 from pg_constraint f where f.contype = 'f' and f.conindid = k.conindid)))
      -- unique constraints come back before the foreign keys
      order by k.contype desc, k.conname`.execute(c)
  ).rows;
  let dropped = false;
  return {
    async drop() {
      dropped = true;
      for (const k of [...constraints].reverse())
        await sql.raw(`alter table ${k.tbl} drop constraint ${k.name}`).execute(c);
      for (const x of indexes) await sql.raw(`drop index ${x.name}`).execute(c);
    },
    async restore() {
      if (!dropped) return;
      dropped = false;
      const t = Date.now();
      await sql`set maintenance_work_mem = '512MB'`.execute(c);
      for (const k of constraints)
        await sql.raw(`alter table ${k.tbl} add constraint ${k.name} ${k.def}`).execute(c);
      for (const x of indexes) await sql.raw(x.def).execute(c);
      log(
        `${constraints.length} constraints and ${indexes.length} indexes rebuilt in ${((Date.now() - t) / 1000).toFixed(1)} s`,
      );
    },
  };
}

/** One batch: draw the dossiers, then insert them, their logs and the raised code counters. */
async function batch(
  c: Db,
  b: {
    lo: number;
    hi: number;
    firstId: number;
    now: number;
    history: number;
    count: number;
    citizens: number;
    stalled: number;
  },
) {
  await sql`truncate gen_batch`.execute(c);
  await sql`
    insert into gen_batch (id, kind, path, j, base, scale, ck, rn, rpt)
    select y.id, y.kind, y.path,
           -- the actions its age allows; a stalled dossier stops earlier, before the end of its path
           least(width_bucket((${b.now}::float8 - y.base) / y.scale, p.action_times),
                 case when y.rs < ${b.stalled}::float8
                      then 1 + floor(y.rj * (cardinality(p.action_times) - 1))::int end),
           y.base, y.scale, y.ck, y.rn, y.rpt
    from (
      select x.id, x.kind, sp.ids[width_bucket(x.rp, sp.bounds)] as path, x.base, x.scale, x.ck, x.rn, x.rpt,
             x.rs, x.rj
      from (
        select ${b.firstId}::bigint + (i - ${b.lo}) as id, kb.ids[width_bucket(random(), kb.bounds)] as kind,
               random() as rp,
               (${b.now - b.history}::float8 + (i - 1 + random()) * ${b.history / b.count}::float8)::bigint as base,
               0.6 + 0.8 * random() as scale, 1 + floor(random() * ${b.citizens})::int as ck,
               random() as rn, random() as rpt, random() as rs, random() as rj
        from generate_series(${b.lo}::bigint, ${b.hi}::bigint) i cross join gen_kind_bounds kb
      ) x
      join gen_kinds k on k.kind = x.kind
      join gen_shape_paths sp on sp.shape = k.shape
    ) y
    join gen_paths p on p.path = y.path`.execute(c);
  const r = await sql<{ dossiers: number; actions: number; max_seq: number | null }>`
    with v as materialized (
      select b.id, b.j, b.path, b.base, b.rn, b.rpt, k.*, t.status, t.nat, t.state_fmt, pt.channel,
             c.id as citizen_id, c.full_name as cname, c.identity_number as cident, c.phone as cphone, tt.tv,
             case when t.received is null then null else tt.tv[t.received + 1] end as recv_ms
      from gen_batch b
      join gen_kinds k on k.kind = b.kind
      join gen_paths pt on pt.path = b.path
      join gen_tpl t on t.path = b.path and t.j = b.j
      left join gen_citizens c on c.k = b.ck and pt.channel = 'online'
      cross join lateral (
        select array_agg((b.base + round(o * b.scale))::bigint order by n) as tv
        from unnest(pt.times) with ordinality u(o, n)
      ) tt
    ), w as materialized (
      select v.*, d.day,
             case when v.recv_ms is null then null
                  else coalesce(s.last_value, 0)
                       + row_number() over (partition by v.recv, d.day order by v.recv_ms, v.id) end as seq
      from v
      cross join lateral (
        select case when v.recv_ms is null then null
                    else (timestamp 'epoch' + (v.recv_ms + ${UTC_OFFSET_MS}) * interval '1 millisecond')::date end as day
      ) d
      left join dossier_code_sequences s on s.agency_id = v.recv and s.scheme = ${SCHEME} and s.scope_date = d.day
    ), x as materialized (
      select w.*, q.code,
             array[coalesce(q.code, ''), coalesce(w.citizen_id::text, '0'), w.comp_ident]
               || w.staff || w.idents || w.step_agencies || w.step_depts || w.tv::text[] as args
      from w
      cross join lateral (
        select case when w.seq is null then null
                    else w.recv_ident || '-' || to_char(w.day, 'YYMMDD') || '-' || lpad(w.seq::text, 4, '0') end as code
      ) q
    ), s as materialized (
      select x.*, format(x.state_fmt, variadic x.args)::jsonb as st from x
    ), d as (
      insert into dossiers (id, tenant_id, procedure_id, procedure_version_id, workflow_id, receiving_agency_id,
        competent_agency_id, reception_point_id, code, code_scheme, channel, status, national_status, version, state,
        due_at, appointment_at, received_at, finished_at, current_step, assignee_id, applicant, created_at, updated_at,
        citizen_id, step_role, step_agency_id, step_department_id, step_started_at, step_due_at)
      overriding system value
      select s.id, s.tenant, s.procedure, s.version, s.workflow, s.recv, s.comp,
             s.points[1 + floor(s.rpt * cardinality(s.points))::int],
             s.st ->> 'code', case when s.st ->> 'code' is not null then ${SCHEME} end, s.st ->> 'channel',
             s.st ->> 'status', s.nat, (s.st ->> 'version')::int, s.st,
             ${sql.raw(ms("(s.st ->> 'dueAt')::bigint"))}, ${sql.raw(ms("(s.st ->> 'appointmentAt')::bigint"))},
             ${sql.raw(ms("(s.st ->> 'receivedAt')::bigint"))}, ${sql.raw(ms("(s.st ->> 'finishedAt')::bigint"))},
             s.st ->> 'currentStep', (s.st ->> 'assigneeId')::int,
             jsonb_build_object(
               'name', coalesce(s.cname, pg_temp.gen_name(floor(s.rn * 4294967296)::bigint)),
               'identityNumber', coalesce(s.cident, '098' || lpad((s.id % 1000000000)::text, 9, '0')),
               'phone', coalesce(s.cphone, '08' || lpad((s.id % 100000000)::text, 8, '0')),
               'address', pg_temp.gen_street(floor(s.rn * 65536)::bigint) || ', ' || s.place),
             ${sql.raw(ms('s.base'))}, ${sql.raw(ms("(s.st ->> 'lastActionAt')::bigint"))},
             s.citizen_id, s.st ->> 'stepRole', (s.st ->> 'stepAgencyId')::int, (s.st ->> 'stepDepartmentId')::int,
             ${sql.raw(ms("(s.st ->> 'stepStartedAt')::bigint"))}, ${sql.raw(ms("(s.st ->> 'stepDueAt')::bigint"))}
      from s
      returning 1
    ), a as (
      insert into dossier_actions (dossier_id, tenant_id, seq, type, at, actor, reason, payload, created_at)
      select s.id, s.tenant, ga.seq, ga.type, ${sql.raw(ms('s.tv[ga.at + 1]'))}, y.pl -> 'actor', ga.reason, y.pl,
             ${sql.raw(ms('s.tv[ga.at + 1]'))}
      from s
      join gen_actions ga on ga.path = s.path and ga.seq <= s.j
      cross join lateral (select format(ga.payload_fmt, variadic s.args)::jsonb as pl) y
      returning 1
    ), q as (
      insert into dossier_code_sequences (agency_id, scheme, scope_date, last_value)
      select s.recv, ${SCHEME}, s.day, max(s.seq) from s where s.seq is not null group by s.recv, s.day
      on conflict (agency_id, scheme, scope_date)
      do update set last_value = greatest(dossier_code_sequences.last_value, excluded.last_value), updated_at = now()
      returning 1
    )
    select (select count(*) from d)::int as dossiers, (select count(*) from a)::int as actions,
           (select max(seq) from s)::int as max_seq`.execute(c);
  const row = r.rows[0]!;
  if ((row.max_seq ?? 0) > 9999)
    throw new Error(
      `more than 9,999 acceptances in one agency-day (${SCHEME} has four digits): use a longer historyDays`,
    );
  return row;
}

export async function generateDossiers(db: Db, o: GenerateOptions): Promise<GenerateResult> {
  const started = Date.now();
  const log = o.log ?? (() => {});
  const count = o.count;
  if (!Number.isInteger(count) || count < 1) throw new Error('count must be a positive integer');
  const now = o.now ?? Date.now();
  const seed = o.seed ?? 20261204;
  const history = (o.historyDays ?? Math.max(365, Math.round((365 * count) / 3_000_000))) * DAY;
  const batchSize = o.batchSize ?? 50_000;
  const stalled = o.stalled ?? 0.01;
  if (!(stalled >= 0 && stalled <= 1)) throw new Error('stalled is a share, from 0 to 1');
  const tenants = await tenantIds(db, o.tenants);
  const world = await loadWorld(db, tenants, seed);
  if (!world.kinds.length)
    throw new Error('no agency implements a procedure with an intake workflow: create the demo first');
  const paths: Path[] = [];
  for (const shape of world.shapes) paths.push(...pathsOf(shape, paths.length + 1));
  const templates = paths.reduce((n, p) => n + p.templates.length, 0);
  log(
    `${world.kinds.length} kinds of dossier over ${world.shapes.length} workflows, ${paths.length} paths, ${templates} templates; ${world.staffCreated} officers created`,
  );

  return db.connection().execute(async (c) => {
    // one session: temporary tables, a seeded random(), no parallel plans (they would reorder it)
    await sql`set temp_buffers = '64MB'`.execute(c);
    await sql`set work_mem = '64MB'`.execute(c);
    await sql`set max_parallel_workers_per_gather = 0`.execute(c);
    await sql`set synchronous_commit = off`.execute(c);
    await sql`select setseed(${(seed % 1000) / 1000})`.execute(c);
    const empty = !(await sql`select 1 from dossiers limit 1`.execute(c)).rows.length;
    const rebuild = o.rebuildIndexes ?? (empty && count >= 100_000);
    await nameFunctions(c);
    await loadTables(c, paths, world.kinds, world.shapes.length);
    const citizens = await ensureCitizens(c, Math.max(10, Math.ceil(count / DOSSIERS_PER_CITIZEN)));
    const shortcuts = rebuild ? await loadShortcuts(c, log) : null;
    let dossiers = 0;
    let actions = 0;
    let firstId = 0;
    try {
      await shortcuts?.drop();
      const seq = await sql<{ seq: string }>`select pg_get_serial_sequence('dossiers', 'id') as seq`.execute(
        c,
      );
      const seqName = seq.rows[0]!.seq;
      for (let lo = 1; lo <= count; lo += batchSize) {
        const hi = Math.min(count, lo + batchSize - 1);
        const done = await c.transaction().execute(async (trx) => {
          // a block of ids in intake order; the lock keeps other writers out of the block
          await sql`lock table dossiers in exclusive mode`.execute(trx);
          const r = await sql<{ first: string }>`select nextval(${seqName}::regclass) as first`.execute(trx);
          const first = Number(r.rows[0]!.first);
          await sql`select setval(${seqName}::regclass, ${first + (hi - lo)})`.execute(trx);
          firstId ||= first;
          return batch(trx, { lo, hi, firstId: first, now, history, count, citizens, stalled });
        });
        dossiers += done.dossiers;
        actions += done.actions;
        log(
          `${hi.toLocaleString('en')} / ${count.toLocaleString('en')} dossiers, ${actions.toLocaleString('en')} actions (${((Date.now() - started) / 1000).toFixed(0)} s)`,
        );
      }
    } finally {
      await shortcuts?.restore();
      // the connection goes back to the pool as it came: no seeded random, no session settings
      await sql`reset all`.execute(c);
      await sql`drop function if exists pg_temp.gen_name(bigint), pg_temp.gen_street(bigint)`.execute(c);
      await sql`drop table if exists gen_paths, gen_tpl, gen_actions, gen_shape_paths, gen_kinds, gen_kind_bounds, gen_batch, gen_citizens`.execute(
        c,
      );
    }
    await sql`analyze dossiers`.execute(c);
    await sql`analyze dossier_actions`.execute(c);
    const lastId = firstId + count - 1;
    const group = async (col: 'status' | 'channel') => {
      const rows = await sql<{ k: string | null; n: number }>`
        select ${sql.ref(col)} as k, count(*)::int as n from dossiers where id between ${firstId} and ${lastId}
        group by 1 order by 2 desc`.execute(c);
      return Object.fromEntries(rows.rows.map((x) => [x.k ?? 'none', x.n]));
    };
    return {
      dossiers,
      actions,
      citizens,
      staffCreated: world.staffCreated,
      paths: paths.length,
      templates,
      firstId,
      lastId,
      seconds: (Date.now() - started) / 1000,
      byStatus: await group('status'),
      byChannel: await group('channel'),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Command line

async function main() {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '1000000' },
      'history-days': { type: 'string' },
      seed: { type: 'string' },
      stalled: { type: 'string' },
      'batch-size': { type: 'string' },
      tenant: { type: 'string', multiple: true },
      force: { type: 'boolean', default: false },
    },
  });
  const url = loadConfig(process.env).databaseUrl;
  if (!url) throw new Error('DATABASE_URL names the database to fill (migrated, with the demo)');
  const { db } = createDb(url, 2);
  try {
    const real = await db.selectFrom('tenants').select('code').where('is_demo', '=', false).execute();
    if (real.length && !values.force)
      throw new Error(
        `the database holds deployments that are not demos (${real.map((t) => t.code).join(', ')}); refusing without --force`,
      );
    const r = await generateDossiers(db, {
      count: Number(values.count),
      historyDays: values['history-days'] ? Number(values['history-days']) : undefined,
      seed: values.seed ? Number(values.seed) : undefined,
      stalled: values.stalled ? Number(values.stalled) : undefined,
      batchSize: values['batch-size'] ? Number(values['batch-size']) : undefined,
      tenants: values.tenant,
      log: (m) => console.error(`[generate] ${m}`),
    });
    console.log(JSON.stringify(r, null, 2));
  } finally {
    await db.destroy();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
