/**
 * Foundation benchmark: the HTTP and database costs of MotCua's first endpoints, each reported as
 * a ratio of a baseline measured in the same run (bench/README.md says why).
 *
 *   node --conditions=source --import tsx bench/run.ts [--duration 10] [--connections 50] [--warmup 3] [--rounds 1]
 *
 * Database: a scratch database `motcua_bench_<pid>` on the server of DATABASE_URL (created and
 * dropped here, so real data is never touched), or on an embedded PostgreSQL in a temporary
 * folder; migrated, with the reference data and the demo. Everything listens on 127.0.0.1, each
 * scenario runs for a fixed time, and everything started is stopped and removed, also on error
 * or Ctrl-C.
 */
import { type ChildProcess, fork } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type CompiledQuery, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { createDb, createPool } from '../packages/server/src/db/client.js';
import { migrateToLatest } from '../packages/server/src/db/migrate.js';
import type { Database } from '../packages/server/src/db/schema.js';
import { searchProcedures } from '../packages/server/src/modules/catalog/search.js';
import { DEMO_PASSWORD } from '../packages/server/src/modules/demo/definitions.js';
import { seedDemo } from '../packages/server/src/modules/demo/seed.js';
import { today } from '../packages/server/src/modules/org/service.js';
import { loadReferenceData } from '../packages/server/src/modules/reference/load.js';
import {
  abort,
  gitCommit,
  interrupted,
  intOption,
  median,
  onCleanup,
  openScratchDatabase,
  runBenchmark,
  writeReport,
} from './harness.js';
import { type HttpTarget, httpLoad, type Measurement, pgLoad, type Timing } from './load.js';
import type { ServersReady } from './servers.js';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const SEARCH_TEXT = 'giay phep xay dung';
const SEARCH_PATH = `/api/v1/procedures?q=${encodeURIComponent(SEARCH_TEXT)}&limit=20`;
/** A receiving officer: one position with agency, department and reception point to join. */
const SIGN_IN_AS = 'motcua.tinh';
/** What `npm start` uses (openDatabase's default). */
const APP_POOL_SIZE = 10;

const log = (msg: string) => console.error(`[bench] ${msg}`);

// ---------------------------------------------------------------------------------------------
// Options

interface Options {
  duration: number;
  warmup: number;
  connections: number;
  rounds: number;
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '3' },
      connections: { type: 'string', default: '50' },
      rounds: { type: 'string', default: '1' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(
      'usage: bench/run.ts [--duration 10] [--connections 50] [--warmup 3] [--rounds 1]\n' +
        '  duration, warmup: seconds per scenario; connections: concurrent clients; rounds: interleaved repeats',
    );
    process.exit(0);
  }
  return {
    duration: intOption('duration', values.duration, 1, 600),
    warmup: intOption('warmup', values.warmup, 0, 60),
    connections: intOption('connections', values.connections, 1, 500),
    rounds: intOption('rounds', values.rounds, 1, 20),
  };
}

// ---------------------------------------------------------------------------------------------
// Database

async function prepareDatabase(url: string): Promise<void> {
  const started = Date.now();
  const { db } = createDb(url, 2);
  try {
    await migrateToLatest(db);
    await loadReferenceData(db);
    await seedDemo(db, today());
    // Planner statistics and visibility map as autovacuum would leave them after a while, and no
    // autovacuum kicking in during the measurements.
    await sql`vacuum analyze`.execute(db);
  } finally {
    await db.destroy();
  }
  log(
    `database migrated and loaded (reference data, demo) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

/** The statements searchProcedures sends for the benchmark's query, as Kysely compiles them. */
async function searchStatements(url: string): Promise<CompiledQuery[]> {
  const seen: CompiledQuery[] = [];
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: createPool(url, 2) }),
    log: (event) => {
      if (event.level === 'query') seen.push(event.query);
    },
  });
  try {
    await searchProcedures(db, { q: SEARCH_TEXT, limit: 20, offset: 0 });
  } finally {
    await db.destroy();
  }
  if (seen.length === 0) throw new Error('searchProcedures sent no statement');
  return seen;
}

// ---------------------------------------------------------------------------------------------
// Servers (child process)

async function startServers(databaseUrl: string): Promise<ServersReady> {
  const child: ChildProcess = fork(path.join(BENCH_DIR, 'servers.ts'), [], {
    execArgv: process.execArgv,
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', NODE_ENV: 'production' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  onCleanup('stop the servers', () => stopChild(child));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the servers did not start within 60 s')), 60_000);
    const fail = (why: string) => {
      clearTimeout(timer);
      reject(new Error(why));
    };
    child.once('exit', (code, signal) => fail(`the servers exited during start-up (${code ?? signal})`));
    child.once('error', (e) => fail(`the servers could not be started: ${e.message}`));
    abort.signal.addEventListener('abort', () => fail('interrupted'), { once: true });
    child.once('message', (m) => {
      clearTimeout(timer);
      const ready = m as ServersReady;
      if (ready?.type === 'ready') resolve(ready);
      else reject(new Error(`unexpected message from the servers: ${JSON.stringify(m)}`));
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  if (child.connected) child.send('stop');
  else child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

async function signIn(base: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: SIGN_IN_AS, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200)
    throw new Error(`sign-in as ${SIGN_IN_AS} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .join('; ');
  if (!cookie) throw new Error('sign-in set no cookie');
  return cookie;
}

async function getJson(target: HttpTarget): Promise<unknown> {
  const res = await fetch(target.url, { headers: target.headers ?? {} });
  if (res.status !== 200) throw new Error(`GET ${target.url}: ${res.status} ${await res.text()}`);
  return res.json();
}

// ---------------------------------------------------------------------------------------------
// Report

interface Scenario extends Measurement {
  id: string;
  name: string;
  unit: string;
}

interface Ratio {
  id: string;
  meaning: string;
  value: number;
}

function ratios(s: Record<string, Scenario>): Ratio[] {
  const r = (num: string, den: string, meaning: string): Ratio => ({
    id: `${num}/${den}`,
    meaning,
    value: s[num]!.rate / s[den]!.rate,
  });
  return [
    r('b', 'a', 'health endpoint vs bare Fastify: cost of the app’s hooks and plugins'),
    r('c', 'a', 'procedure search vs bare Fastify'),
    r('d', 'a', 'signed-in /auth/me vs bare Fastify'),
    r('c', 'f', 'search endpoint vs its own SQL sent directly: cost of the app around the query'),
    r('f', 'e', 'search SQL vs select 1: cost of the query itself in PostgreSQL'),
  ];
}

function table(scenarios: Scenario[], rs: Ratio[], rounds: number): string {
  const fmt = (n: number, digits: number) => (Number.isFinite(n) ? n.toFixed(digits) : '-');
  const rows = [
    ['scenario', 'rate', 'unit', 'p50 ms', 'p99 ms', 'count', 'errors'],
    ...scenarios.map((s) => [
      `(${s.id}) ${s.name}`,
      fmt(s.rate, 0),
      s.unit,
      fmt(s.p50, 2),
      fmt(s.p99, 2),
      String(s.count),
      String(s.errors),
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) =>
    r.map((c, i) => (i === 0 || i === 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const out = rows.map(line);
  out.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  if (rounds > 1) out.push('', `(medians of ${rounds} interleaved rounds; count and errors are totals)`);
  out.push('', 'ratio   value  meaning');
  for (const r of rs) out.push(`${r.id.padEnd(6)}  ${r.value.toFixed(3).padStart(5)}  ${r.meaning}`);
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------

async function run(opts: Options): Promise<void> {
  const started = new Date();
  const loadAtStart = os.loadavg().map((l) => Math.round(l * 100) / 100);
  const database = await openScratchDatabase();
  if (abort.signal.aborted) interrupted();
  const probe = new pg.Client({ connectionString: database.url, application_name: 'motcua-bench' });
  await probe.connect();
  onCleanup('close the probe connection', () => probe.end());
  const settings = Object.fromEntries(
    (
      await probe.query<{ name: string; setting: string; unit: string | null }>(
        `select name, setting, unit from pg_settings
          where name in ('server_version', 'max_connections', 'shared_buffers', 'work_mem', 'jit', 'fsync',
                         'synchronous_commit', 'lc_collate', 'superuser_reserved_connections')`,
      )
    ).rows.map((r) => [r.name, r.unit ? `${r.setting} ${r.unit}` : r.setting]),
  ) as Record<string, string>;
  const { rows: inUse } = await probe.query<{ n: number }>('select count(*)::int as n from pg_stat_activity');
  const free =
    Number.parseInt(settings.max_connections ?? '100', 10) -
    Number.parseInt(settings.superuser_reserved_connections ?? '3', 10) -
    (inUse[0]?.n ?? 0);
  if (opts.connections + APP_POOL_SIZE + 5 > free)
    throw new Error(
      `--connections ${opts.connections} needs ${opts.connections + APP_POOL_SIZE + 5} PostgreSQL connections; the server has ${free} free (max_connections ${settings.max_connections})`,
    );

  await prepareDatabase(database.url);
  if (abort.signal.aborted) interrupted();
  const search = await searchStatements(database.url);

  const servers = await startServers(database.url);
  const app = `http://127.0.0.1:${servers.appPort}`;
  const cookie = await signIn(app);
  const targets: Record<'a' | 'b' | 'c' | 'd', HttpTarget> = {
    a: { url: `http://127.0.0.1:${servers.barePort}/` },
    b: { url: `${app}/api/health` },
    c: { url: `${app}${SEARCH_PATH}` },
    d: { url: `${app}/api/v1/auth/me`, headers: { cookie } },
  };

  // Each scenario answers as expected, and the raw search returns what the endpoint returns.
  const bare = (await getJson(targets.a)) as { status?: string };
  if (bare.status !== 'ok') throw new Error('bare Fastify does not answer {"status":"ok"}');
  const me = (await getJson(targets.d)) as { staff?: { username?: string } };
  if (me.staff?.username !== SIGN_IN_AS) throw new Error('/auth/me does not return the signed-in officer');
  const found = (await getJson(targets.c)) as { items: { code: string }[]; total: number };
  // the first statement returns the page (with the total as a window count)
  const [first] = search as [CompiledQuery];
  const raw = await probe.query<{ code: string; total: string | number }>(first.sql, [...first.parameters]);
  if (found.total === 0) throw new Error(`the search for "${SEARCH_TEXT}" finds nothing`);
  if (
    Number(raw.rows[0]?.total) !== found.total ||
    raw.rows.map((r) => r.code).join() !== found.items.map((i) => i.code).join()
  )
    throw new Error('the SQL sent directly does not return what the search endpoint returns');
  log(`search "${SEARCH_TEXT}": ${found.total} procedures, first ${found.items[0]?.code}`);

  const clients: pg.Client[] = [];
  onCleanup('close the benchmark connections', async () => {
    await Promise.allSettled(clients.map((c) => c.end()));
  });
  for (let i = 0; i < opts.connections; i++)
    clients.push(new pg.Client({ connectionString: database.url, application_name: 'motcua-bench' }));
  await Promise.all(clients.map((c) => c.connect()));

  const plan: {
    id: string;
    name: string;
    unit: string;
    measure: (t: Timing) => Promise<Measurement>;
  }[] = [
    ...(
      [
        ['a', 'bare Fastify hello'],
        ['b', 'GET /api/health'],
        ['c', 'GET /api/v1/procedures?q=…'],
        ['d', 'GET /api/v1/auth/me (session)'],
      ] as const
    ).map(([id, name]) => ({
      id,
      name,
      unit: 'req/s',
      measure: (t: Timing) => httpLoad(targets[id], opts.connections, t),
    })),
    {
      id: 'e',
      name: 'pg: select 1',
      unit: 'queries/s',
      measure: (t) => pgLoad(clients, (c) => c.query('select 1'), t),
    },
    {
      id: 'f',
      name: 'pg: search SQL (as the endpoint sends it)',
      unit: 'searches/s',
      measure: (t) =>
        pgLoad(
          clients,
          async (c) => {
            for (const q of search) await c.query(q.sql, [...q.parameters]);
          },
          t,
        ),
    },
  ];

  // With several rounds the scenarios are interleaved (a…f, a…f, …) and each ratio is taken
  // within a round, so a neighbour's load that comes and goes weighs on both sides of it.
  const rounds: Scenario[][] = [];
  for (let round = 1; round <= opts.rounds; round++) {
    const measured: Scenario[] = [];
    for (const step of plan) {
      if (abort.signal.aborted) interrupted();
      const of = opts.rounds > 1 ? ` [round ${round}/${opts.rounds}]` : '';
      log(`(${step.id}) ${step.name}: ${opts.warmup} s warm-up, ${opts.duration} s measured${of}`);
      const m = await step.measure({ warmup: opts.warmup, seconds: opts.duration, signal: abort.signal });
      if (abort.signal.aborted) interrupted();
      if (m.errors > 0) log(`(${step.id}) ${m.errors} failed operations`);
      measured.push({ id: step.id, name: step.name, unit: step.unit, ...m });
    }
    rounds.push(measured);
  }
  const scenarios = plan.map((_step, i): Scenario => {
    const all = rounds.map((r) => r[i]!);
    return {
      ...all[0]!,
      rate: median(all.map((m) => m.rate)),
      p50: median(all.map((m) => m.p50)),
      p99: median(all.map((m) => m.p99)),
      count: all.reduce((n, m) => n + m.count, 0),
      seconds: all.reduce((n, m) => n + m.seconds, 0),
      errors: all.reduce((n, m) => n + m.errors, 0),
    };
  });
  const perRound = rounds.map((r) => ratios(Object.fromEntries(r.map((s) => [s.id, s]))));
  const rs = perRound[0]!.map((r, i) => ({ ...r, value: median(perRound.map((pr) => pr[i]!.value)) }));
  console.log(table(scenarios, rs, opts.rounds));

  const cpus = os.cpus();
  const report = {
    benchmark: 'foundation',
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
    options: { ...opts, appPoolSize: APP_POOL_SIZE, signedInAs: SIGN_IN_AS, search: SEARCH_TEXT },
    scenarios: scenarios.map((s) => ({
      ...s,
      rate: Math.round(s.rate * 10) / 10,
      p50: Math.round(s.p50 * 1000) / 1000,
      p99: Math.round(s.p99 * 1000) / 1000,
      seconds: Math.round(s.seconds * 100) / 100,
    })),
    ratios: rs.map((r) => ({ ...r, value: Math.round(r.value * 10000) / 10000 })),
    ...(opts.rounds > 1
      ? {
          rounds: rounds.map((r, i) => ({
            rates: Object.fromEntries(r.map((s) => [s.id, Math.round(s.rate * 10) / 10])),
            ratios: Object.fromEntries(perRound[i]!.map((x) => [x.id, Math.round(x.value * 10000) / 10000])),
          })),
        }
      : {}),
    searchSql: search.map((q) => ({ sql: q.sql, parameters: q.parameters })),
  };
  writeReport('foundation', started, report);
}

void runBenchmark(
  options,
  (opts) => (600 + 6 * opts.rounds * (opts.warmup + opts.duration) * 2 + 120) * 1000,
  run,
);
