import os from 'node:os';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../packages/server/src/app.js';
import { loadConfig } from '../packages/server/src/config.js';
import { createDb, type Db } from '../packages/server/src/db/client.js';
import { migrateToLatest } from '../packages/server/src/db/migrate.js';
import {
  type ProcedureSearch,
  ProcedureSearchItem,
  ProcedureSearchQuery,
  SEARCH_CHANNELS,
  searchProcedures,
} from '../packages/server/src/modules/catalog/search.js';
import { seedDemo } from '../packages/server/src/modules/demo/seed.js';
import { today } from '../packages/server/src/modules/org/service.js';
import { loadReferenceData } from '../packages/server/src/modules/reference/load.js';
import {
  abort,
  gitCommit,
  interrupted,
  median,
  onCleanup,
  openScratchDatabase,
  runBenchmark,
  type WindowOptions,
  windowOptions,
  writeReport,
} from './harness.js';
import { closedLoop, type KindedMeasurement } from './load.js';

/** What `npm start` uses (openDatabase's default). */
const POOL_SIZE = 10;
const TENANT = 'ha-noi';
const MIX_SIZE = 2000;
const TARGET_P99_MS = 10;

const log = (msg: string) => console.error(`[bench] ${msg}`);

// ---------------------------------------------------------------------------------------------
// Options

type Options = WindowOptions;

const options = () =>
  windowOptions(
    'usage: bench/catalog.ts [--seconds 10] [--warmup 2] [--concurrency 10] [--rounds 1]\n' +
      '  seconds, warmup: per scenario and mode; concurrency: callers in the loaded mode; rounds: interleaved repeats',
    { seconds: 10, warmup: 2, concurrency: POOL_SIZE, rounds: 1 },
  );

async function prepareDatabase(db: Db): Promise<number> {
  const started = Date.now();
  await migrateToLatest(db);
  await loadReferenceData(db);
  await seedDemo(db, today());
  // What a deployment declares: its commune People's Committees implement the commune-level
  // procedures, each department (Sở X) the province-level procedures of its ministry (Bộ X).
  const implemented = await sql`
    insert into procedure_implementations (tenant_id, procedure_id, agency_id, local_code)
    select a.tenant_id, p.id, a.id, p.code || '.' || a.identifier
    from agencies a
    join tenants t on t.id = a.tenant_id and t.code = ${TENANT}
    join procedures p on p.current_version_id is not null
    join procedure_versions v on v.id = p.current_version_id
    where (a.level = 'commune' and 'Cấp xã' = any(v.levels))
       or (a.kind in ('department', 'police') and 'Cấp tỉnh' = any(v.levels)
           and p.ministry = case a.kind when 'police' then 'Bộ Công an' else replace(a.name, 'Sở ', 'Bộ ') end)
    on conflict do nothing`.execute(db);
  // Planner statistics and visibility map as autovacuum would leave them, and no autovacuum
  // kicking in during the measurements.
  await sql`vacuum analyze`.execute(db);
  log(
    `database migrated and loaded (reference data, demo, ${Number(implemented.numAffectedRows ?? 0)} implementations) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  const t = await db.selectFrom('tenants').select('id').where('code', '=', TENANT).executeTakeFirstOrThrow();
  return t.id;
}

// ---------------------------------------------------------------------------------------------
// The query mix, drawn from the catalogue itself with a fixed seed (the same mix on every run)

type Kind = 'words' | 'words-accented' | 'typing' | 'misspelt' | 'code' | 'filters';

interface MixQuery {
  kind: Kind;
  search: ProcedureSearch;
}

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What a citizen types without a Vietnamese keyboard. */
const strip = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC')
    .toLowerCase();

async function queryMix(db: Db, tenantId: number): Promise<MixQuery[]> {
  const procedures = await db
    .selectFrom('procedures')
    .select(['code', 'name'])
    .where('current_version_id', 'is not', null)
    .orderBy('code')
    .execute();
  const fields = (await db.selectFrom('fields').select('id').orderBy('id').execute()).map((f) => f.id);
  const agencies = (
    await db
      .selectFrom('agencies as a')
      .innerJoin('procedure_implementations as i', 'i.agency_id', 'a.id')
      .select('a.identifier')
      .distinct()
      .where('a.tenant_id', '=', tenantId)
      .orderBy('a.identifier')
      .execute()
  ).map((a) => a.identifier);
  const levels = ['Cấp xã', 'Cấp tỉnh', 'Cấp bộ'];
  const random = prng(20261122);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const words = (name: string) => name.split(/[\s,;:()]+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
  const phrase = () => {
    const w = words(pick(procedures).name);
    const n = 1 + Math.floor(random() * Math.min(4, w.length));
    const from = Math.floor(random() * (w.length - n + 1));
    return w.slice(from, from + n).join(' ');
  };
  /** A filter or two, as the portal's facets add them. */
  const filters = (): Partial<ProcedureSearch> => {
    const f: Partial<ProcedureSearch> = {};
    const n = 1 + Math.floor(random() * 2);
    for (let i = 0; i < n; i++) {
      const r = random();
      if (r < 0.25) f.level = pick(levels);
      else if (r < 0.5) f.fieldId = pick(fields);
      else if (r < 0.65) f.channel = pick(SEARCH_CHANNELS);
      else if (r < 0.8) f.onlineLevel = pick(['partial', 'none'] as const);
      else f.agency = pick(agencies);
    }
    return f.agency ? { ...f, tenantId } : f;
  };
  /** Mostly the first page; some second and third pages. */
  const page = () => {
    const r = random();
    return { limit: 20, offset: r < 0.75 ? 0 : r < 0.92 ? 20 : 40 };
  };
  const mix: MixQuery[] = [];
  while (mix.length < MIX_SIZE) {
    const r = random();
    const withFilters = random() < 0.3 ? filters() : {};
    if (r < 0.4) mix.push({ kind: 'words', search: { q: strip(phrase()), ...withFilters, ...page() } });
    else if (r < 0.65)
      mix.push({ kind: 'words-accented', search: { q: phrase(), ...withFilters, ...page() } });
    else if (r < 0.77) {
      // typing: the query as it grows, the last word cut short
      const w = strip(phrase()).split(' ');
      const last = w.pop()!;
      w.push(last.slice(0, 1 + Math.floor(random() * Math.max(1, last.length - 1))));
      mix.push({ kind: 'typing', search: { q: w.join(' '), ...withFilters, limit: 20, offset: 0 } });
    } else if (r < 0.8) {
      // a typing error: two letters of one word swapped ("dung" → "dugn"), no filters
      const w = strip(phrase()).split(' ');
      const i = w.findIndex((x) => x.length >= 4);
      if (i < 0) continue;
      const x = w[i]!;
      w[i] = x.slice(0, -2) + x.at(-1) + x.at(-2);
      mix.push({ kind: 'misspelt', search: { q: w.join(' '), limit: 20, offset: 0 } });
    } else if (r < 0.84) {
      const code = pick(procedures).code;
      mix.push({
        kind: 'code',
        search: { q: random() < 0.7 ? code : code.slice(0, 5), limit: 20, offset: 0 },
      });
    } else mix.push({ kind: 'filters', search: { ...filters(), ...page() } });
  }
  return mix;
}

type Measurement = KindedMeasurement;

// ---------------------------------------------------------------------------------------------

/** The app as `npm start` builds it, plus the search route as the catalogue module will declare it. */
async function searchApp(db: Db, tenantId: number): Promise<FastifyInstance> {
  const config = loadConfig({ ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'silent' });
  const app = await buildApp({ db, config }, { logger: false });
  app.get(
    '/bench/procedures',
    {
      config: { access: { public: true } },
      schema: {
        querystring: ProcedureSearchQuery,
        response: { 200: Type.Object({ items: Type.Array(ProcedureSearchItem), total: Type.Integer() }) },
      },
    },
    async (req) => searchProcedures(db, { ...(req.query as ProcedureSearch), tenantId }),
  );
  await app.ready();
  onCleanup('close the app', () => app.close());
  return app;
}

function queryString(s: ProcedureSearch): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(s)) if (k !== 'tenantId' && v !== undefined) p.set(k, String(v));
  return p.toString();
}

async function run(opts: Options): Promise<void> {
  const started = new Date();
  const loadAtStart = os.loadavg().map((l) => Math.round(l * 100) / 100);
  const database = await openScratchDatabase();
  if (abort.signal.aborted) interrupted();
  const { db } = createDb(database.url, POOL_SIZE);
  onCleanup('close the pool', () => db.destroy());
  const tenantId = await prepareDatabase(db);
  if (abort.signal.aborted) interrupted();
  const mix = await queryMix(db, tenantId);
  const settings = Object.fromEntries(
    (
      await sql<{ name: string; setting: string; unit: string | null }>`
        select name, setting, unit from pg_settings
        where name in ('server_version', 'shared_buffers', 'work_mem', 'jit', 'lc_collate')`.execute(db)
    ).rows.map((r) => [r.name, r.unit ? `${r.setting} ${r.unit}` : r.setting]),
  ) as Record<string, string>;
  const app = await searchApp(db, tenantId);

  // The search answers, and the HTTP route answers the same as the function.
  let empty = 0;
  for (const [i, m] of mix.entries()) {
    const r = await searchProcedures(db, m.search);
    if (r.total === 0) empty++;
    if (i % 50 === 0) {
      const res = await app.inject(`/bench/procedures?${queryString(m.search)}`);
      if (res.statusCode !== 200) throw new Error(`GET /bench/procedures: ${res.statusCode} ${res.body}`);
      const h = res.json() as { items: { code: string }[]; total: number };
      if (h.total !== r.total || h.items.map((x) => x.code).join() !== r.items.map((x) => x.code).join())
        throw new Error(`the route and the function disagree on ${JSON.stringify(m.search)}`);
    }
  }
  const perKind = new Map<string, number>();
  for (const m of mix) perKind.set(m.kind, (perKind.get(m.kind) ?? 0) + 1);
  const kinds = [...perKind].map(([k, n]) => `${k} ${n}`);
  log(`query mix: ${mix.length} searches (${kinds.join(', ')}); ${empty} find nothing`);
  const maxId = Number(
    (
      await db
        .selectFrom('procedures')
        .select((eb) => eb.fn.max('id').as('m'))
        .executeTakeFirstOrThrow()
    ).m,
  );

  const plan: { id: string; name: string; op: (i: number) => Promise<string | undefined> }[] = [
    {
      id: 'a',
      name: 'baseline: procedure by primary key',
      op: async (i) => {
        await db
          .selectFrom('procedures')
          .select(['id', 'code', 'name'])
          .where('id', '=', 1 + (i % maxId))
          .executeTakeFirst();
        return undefined;
      },
    },
    {
      id: 'b',
      name: 'searchProcedures, query mix',
      op: async (i) => {
        const m = mix[i % mix.length]!;
        await searchProcedures(db, m.search);
        return m.kind;
      },
    },
    {
      id: 'c',
      name: 'HTTP baseline: GET /api/health (inject)',
      op: async () => {
        const res = await app.inject('/api/health');
        if (res.statusCode !== 200) throw new Error(`health: ${res.statusCode}`);
        return undefined;
      },
    },
    {
      id: 'd',
      name: 'HTTP search, query mix (inject)',
      op: async (i) => {
        const m = mix[i % mix.length]!;
        const res = await app.inject(`/bench/procedures?${queryString(m.search)}`);
        if (res.statusCode !== 200) throw new Error(`search: ${res.statusCode} ${res.body}`);
        return m.kind;
      },
    },
  ];
  const modes = [
    { mode: 'serial', callers: 1 },
    { mode: 'loaded', callers: opts.concurrency },
  ] as const;

  type Result = Measurement & { id: string; name: string; mode: string; callers: number };
  const rounds: Result[][] = [];
  for (let round = 1; round <= opts.rounds; round++) {
    const results: Result[] = [];
    for (const { mode, callers } of modes)
      for (const step of plan) {
        if (abort.signal.aborted) interrupted();
        const of = opts.rounds > 1 ? ` [round ${round}/${opts.rounds}]` : '';
        log(
          `(${step.id}) ${step.name}, ${mode} (${callers}): ${opts.warmup} s warm-up, ${opts.seconds} s${of}`,
        );
        const m = await closedLoop(
          callers,
          { warmup: opts.warmup, seconds: opts.seconds, signal: abort.signal },
          (_, i) => step.op(i),
        );
        results.push({ id: step.id, name: step.name, mode, callers, ...m });
      }
    rounds.push(results);
  }
  const results = rounds[0]!.map((r, i) => {
    const all = rounds.map((rs) => rs[i]!);
    return {
      ...r,
      rate: median(all.map((x) => x.rate)),
      p50: median(all.map((x) => x.p50)),
      p95: median(all.map((x) => x.p95)),
      p99: median(all.map((x) => x.p99)),
      count: all.reduce((n, x) => n + x.count, 0),
      errors: all.reduce((n, x) => n + x.errors, 0),
    };
  });
  const ratioIn = (rs: Result[], num: string, den: string, mode: string) =>
    rs.find((r) => r.id === num && r.mode === mode)!.rate /
    rs.find((r) => r.id === den && r.mode === mode)!.rate;
  const ratioDefs = [
    ['b', 'a', 'search ÷ primary-key select: the search costs 1/x lookups'],
    ['d', 'c', 'HTTP search ÷ HTTP health'],
    ['d', 'b', 'HTTP search ÷ the function: what the app adds around it'],
  ] as const;
  const ratios = modes.flatMap(({ mode }) =>
    ratioDefs.map(([num, den, meaning]) => ({
      id: `${num}/${den}`,
      mode,
      meaning,
      value: median(rounds.map((rs) => ratioIn(rs, num, den, mode))),
      rounds: rounds.map((rs) => Math.round(ratioIn(rs, num, den, mode) * 10000) / 10000),
    })),
  );

  const fmt = (n: number, d: number) => (Number.isFinite(n) ? n.toFixed(d) : '-');
  const rows = [
    ['scenario', 'mode', 'ops/s', 'p50 ms', 'p95 ms', 'p99 ms', 'count', 'errors'],
    ...results.map((r) => [
      `(${r.id}) ${r.name}`,
      `${r.mode} ×${r.callers}`,
      fmt(r.rate, 0),
      fmt(r.p50, 2),
      fmt(r.p95, 2),
      fmt(r.p99, 2),
      String(r.count),
      String(r.errors),
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const out = rows.map((r) =>
    r.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '),
  );
  out.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  if (opts.rounds > 1)
    out.push('', `(medians of ${opts.rounds} interleaved rounds; count and errors are totals)`);
  out.push('', 'ratio  mode    value  meaning');
  for (const r of ratios)
    out.push(`${r.id.padEnd(5)}  ${r.mode}  ${fmt(r.value, 4).padStart(6)}  ${r.meaning}`);
  const serial = rounds[0]!.find((r) => r.id === 'b' && r.mode === 'serial')!;
  out.push('', 'search by kind of query (serial, first round): count, p50 / p99 ms');
  for (const [k, v] of Object.entries(serial.byKind ?? {}))
    out.push(`  ${k.padEnd(15)} ${String(v.count).padStart(6)}  ${fmt(v.p50, 2)} / ${fmt(v.p99, 2)}`);
  const b = results.find((r) => r.id === 'b' && r.mode === 'serial')!;
  out.push(
    '',
    `target: p99 ≤ ${TARGET_P99_MS} ms for one search over the whole catalogue (serial): ${fmt(b.p99, 2)} ms, ${b.p99 <= TARGET_P99_MS ? 'met' : 'NOT met'}`,
  );
  console.log(out.join('\n'));

  const cpus = os.cpus();
  const report = {
    benchmark: 'catalog',
    startedAt: started.toISOString(),
    finishedAt: new Date().toISOString(),
    commit: gitCommit(),
    machine: {
      cpus: cpus.length,
      cpuModel: cpus[0]?.model ?? null,
      memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
      platform: `${os.platform()} ${os.release()} ${os.arch()}`,
      node: process.version,
      loadAverageAtStart: loadAtStart,
      loadAverageAtEnd: os.loadavg().map((l) => Math.round(l * 100) / 100),
    },
    postgres: { mode: database.mode, version: settings.server_version ?? null, settings },
    options: { ...opts, poolSize: POOL_SIZE, mixSize: mix.length, tenant: TENANT },
    results,
    ratios,
    ...(opts.rounds > 1 ? { rounds } : {}),
    mixSample: mix.slice(0, 40),
  };
  writeReport('catalog', started, report);
}

void runBenchmark(
  options,
  (opts) => (600 + 8 * opts.rounds * (opts.warmup + opts.seconds) * 2 + 120) * 1000,
  run,
);
