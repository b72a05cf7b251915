/**
 * Officer worklists at a million dossiers (issue #5, PITFALLS E1):
 *
 *   npm run bench:worklists -- [--dossiers 1000000] [--stalled 0.05] [--seconds 15] [--warmup 3] [--users 16] [--rounds 1]
 *
 * A scratch database (harness.ts: embedded PostgreSQL, or DATABASE_URL on this machine) with the
 * reference data, the demo and `--dossiers` generated dossiers with their logs
 * (generate-dossiers.ts), then VACUUM ANALYZE. The app runs as `npm start` builds it in a child
 * process (bench/servers.ts: real HTTP on 127.0.0.1, a pool of 10), so the load generator does not
 * share its event loop. `--users` signed-in demo officers of different roles and agencies (16 by
 * default, from communes and provincial departments to the city's inspector) each run a closed
 * loop of their own mix: their main list, the next page by cursor, filters, the badge counters,
 * overdue and due soon. Scenarios, each with `--users` callers for warm-up + window (only
 * operations completing in the window count, as in catalog.ts):
 *
 *   a  baseline: a primary-key SELECT on dossiers, through a pool of 10 (the app's size)
 *   b  HTTP baseline: GET /api/health on the same server
 *   c  the officers' mix through worklistPage / worklistCounts in this process (SQL and service, no HTTP)
 *   d  the officers' mix through HTTP, back to back: the server saturated, latency is queueing
 *   e  the same officers each asking every 500 ms (open loop, latency from the instant due): the
 *      latency an officer sees when 16 of them work at once, what the target (p99 ≤ 50 ms) is about
 *
 * Results: a table, the ratios, per-list latencies and bench/results/<date>-worklists.json.
 */
import { type ChildProcess, fork } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import type { AuthContext } from '../packages/server/src/auth/access.js';
import { loadConfig } from '../packages/server/src/config.js';
import { createDb, type Db } from '../packages/server/src/db/client.js';
import { migrateToLatest } from '../packages/server/src/db/migrate.js';
import { authenticate, SESSION_COOKIE } from '../packages/server/src/modules/auth/service.js';
import { DEMO_PASSWORD } from '../packages/server/src/modules/demo/definitions.js';
import { seedDemo } from '../packages/server/src/modules/demo/seed.js';
import { worklistCounts, worklistPage } from '../packages/server/src/modules/dossiers/worklists.js';
import { today } from '../packages/server/src/modules/org/service.js';
import { loadReferenceData } from '../packages/server/src/modules/reference/load.js';
import { prng } from './dossier-templates.js';
import { generateDossiers } from './generate-dossiers.js';
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
import { closedLoop, type KindedMeasurement, Latencies } from './load.js';
import type { ServersReady } from './servers.js';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
/** What `npm start` uses (openDatabase's default), in the server and for the in-process scenarios. */
const POOL_SIZE = 10;
const TARGET_P99_MS = 50;
/** Scenario (e): each officer asks every this many ms — briskly paging through their lists. */
const PACE_MS = 500;
const log = (msg: string) => console.error(`[bench] ${msg}`);

/** The officers and the list each works on most: every role, communes and provincial departments. */
const OFFICERS: { username: string; main: string }[] = [
  { username: 'chuyenvien.hoankiem', main: 'to_process' },
  { username: 'chuyenvien.kt.caugiay', main: 'to_process' },
  { username: 'chuyenvien.socson', main: 'to_process' },
  { username: 'chuyenvien.stp', main: 'to_process' },
  { username: 'chuyenvien.snnmt', main: 'to_process' },
  { username: 'truongphong.hoankiem', main: 'to_assign' },
  { username: 'truongphong.snnmt', main: 'to_approve' },
  { username: 'lanhdao.caugiay', main: 'to_sign' },
  { username: 'lanhdao.sxd', main: 'to_sign' },
  { username: 'vanthu.socson', main: 'to_issue' },
  { username: 'vanthu.snnmt', main: 'to_issue' },
  { username: 'motcua.hoankiem', main: 'to_receive' },
  { username: 'motcua.tinh', main: 'to_receive' },
  { username: 'motcua.cn1', main: 'to_return' },
  { username: 'thanhtra', main: 'overdue' },
  { username: 'lanhdao.snnmt', main: 'overdue' },
];
const TEXTS = ['nguyen', 'tran van', 'thi hoa', 'le', 'minh'];
const PROCEDURES = ['2.000815', '1.001193', '1.012783', '2.000635'];

interface Options {
  dossiers: number;
  stalled: number;
  seconds: number;
  warmup: number;
  users: number;
  rounds: number;
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      dossiers: { type: 'string', default: '1000000' },
      stalled: { type: 'string', default: '0.05' },
      seconds: { type: 'string', default: '15' },
      warmup: { type: 'string', default: '3' },
      users: { type: 'string', default: '16' },
      rounds: { type: 'string', default: '1' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(
      'usage: bench/worklists.ts [--dossiers 1000000] [--stalled 0.05] [--seconds 15] [--warmup 3] [--users 16] [--rounds 1]\n' +
        '  dossiers: generated (100000 to 10000000); stalled: share forgotten along the way (the backlog)',
    );
    process.exit(0);
  }
  const stalled = Number(values.stalled);
  if (!(stalled >= 0 && stalled <= 0.5))
    throw new Error(`--stalled expects a share from 0 to 0.5, got "${values.stalled}"`);
  return {
    dossiers: intOption('dossiers', values.dossiers, 1000, 10_000_000),
    stalled,
    seconds: intOption('seconds', values.seconds, 1, 600),
    warmup: intOption('warmup', values.warmup, 0, 60),
    users: intOption('users', values.users, 1, 64),
    rounds: intOption('rounds', values.rounds, 1, 10),
  };
}

// ---------------------------------------------------------------------------------------------
// Servers (child process, as bench/run.ts starts them)

async function startServers(databaseUrl: string): Promise<ServersReady> {
  const child: ChildProcess = fork(path.join(BENCH_DIR, 'servers.ts'), [], {
    execArgv: process.execArgv,
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', NODE_ENV: 'production' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  onCleanup('stop the servers', async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    if (child.connected) child.send('stop');
    else child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the servers did not start within 60 s')), 60_000);
    child.once('exit', (code, signal) =>
      reject(new Error(`the servers exited during start-up (${code ?? signal})`)),
    );
    child.once('message', (m) => {
      clearTimeout(timer);
      if ((m as ServersReady)?.type === 'ready') resolve(m as ServersReady);
      else reject(new Error(`unexpected message from the servers: ${JSON.stringify(m)}`));
    });
  });
}

async function signIn(base: string, username: string): Promise<{ cookie: string; token: string }> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in as ${username}: ${res.status} ${await res.text()}`);
  const pairs = res.headers.getSetCookie().map((c) => c.split(';')[0]!);
  const token = pairs.find((p) => p.startsWith(`${SESSION_COOKIE}=`))?.slice(SESSION_COOKIE.length + 1);
  if (!token) throw new Error(`sign-in as ${username} set no session cookie`);
  return { cookie: pairs.join('; '), token };
}

// ---------------------------------------------------------------------------------------------
// The officers' mix

interface Request {
  list: string | null;
  query: Record<string, string>;
}

/** What an officer asks next: their list, its next page, a filter, the badges, the deadlines. */
function nextRequest(main: string, random: () => number, cursor: string | undefined): Request {
  const r = random();
  if (r < 0.15 && cursor) return { list: main, query: { cursor } };
  if (r < 0.6) return { list: main, query: {} };
  if (r < 0.7) {
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    const f: Record<string, string> = random() < 0.5 ? { q: pick(TEXTS) } : { procedure: pick(PROCEDURES) };
    return { list: main, query: f };
  }
  if (r < 0.82) return { list: null, query: {} };
  if (r < 0.92) return { list: 'overdue', query: {} };
  return { list: random() < 0.7 ? 'due_soon' : 'supplement_waiting', query: {} };
}

/** The request's kind in the per-request figures: the list, its next page, or a filtered first page. */
const kindOf = (req: Request) =>
  req.list === null
    ? 'counts'
    : req.query.cursor
      ? `${req.list} (next page)`
      : req.query.q
        ? `${req.list} (text filter)`
        : req.query.procedure
          ? `${req.list} (procedure filter)`
          : req.list;

const urlOf = (req: Request) => {
  const q = new URLSearchParams(req.query).toString();
  return `/api/v1/worklists${req.list ? `/${req.list}` : ''}${q ? `?${q}` : ''}`;
};

type Measurement = KindedMeasurement;

/**
 * Open loop: each caller sends at fixed instants, every `intervalMs` (staggered), whatever the
 * previous answer took; a latency counts from the instant the request was due, so a slow answer
 * that delays the next send is charged to it (no coordinated omission).
 */
async function pacedLoop(
  callers: number,
  o: Options,
  intervalMs: number,
  op: (caller: number) => Promise<string | undefined>,
): Promise<Measurement> {
  const all = new Latencies();
  const start = performance.now();
  const from = start + o.warmup * 1000;
  const to = from + o.seconds * 1000;
  let errors = 0;
  let firstError: unknown = null;
  await Promise.all(
    Array.from({ length: callers }, async (_, caller) => {
      for (let k = 0; !abort.signal.aborted && errors <= 100; k++) {
        const due = start + (k + caller / callers) * intervalMs;
        if (due >= to) break;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        try {
          await op(caller);
          const now = performance.now();
          if (now >= from && now < to) all.add(now - due);
        } catch (e) {
          errors++;
          firstError ??= e;
        }
      }
    }),
  );
  if (errors > 100) throw new Error(`too many errors; the first: ${String(firstError)}`);
  const [p50, p95, p99] = all.percentiles(50, 95, 99);
  return {
    rate: all.count / o.seconds,
    p50: p50!,
    p95: p95!,
    p99: p99!,
    count: all.count,
    errors,
    cpuMsPerOp: null,
  };
}

// ---------------------------------------------------------------------------------------------

async function prepareDatabase(db: Db, o: Options) {
  const t = Date.now();
  await migrateToLatest(db);
  await loadReferenceData(db);
  await seedDemo(db, today());
  log(
    `migrated, reference data and demo in ${((Date.now() - t) / 1000).toFixed(1)} s; generating ${o.dossiers.toLocaleString('en')} dossiers`,
  );
  const generated = await generateDossiers(db, {
    count: o.dossiers,
    stalled: o.stalled,
    log: (m) => log(`generate: ${m}`),
  });
  const v = Date.now();
  await sql`vacuum analyze`.execute(db);
  log(`vacuum analyze in ${((Date.now() - v) / 1000).toFixed(1)} s`);
  const sizes = await sql<{ name: string; size: string }>`
    select c.relname as name, pg_size_pretty(pg_total_relation_size(c.oid)) as size
    from pg_class c where c.relname in ('dossiers', 'dossier_actions')`.execute(db);
  const live = await sql<{ n: number }>`
    select count(*)::int as n from dossiers
    where status in ('submitted', 'accepted', 'processing', 'supplement_requested', 'awaiting_payment', 'result_ready')`.execute(
    db,
  );
  return {
    ...generated,
    live: live.rows[0]!.n,
    sizes: Object.fromEntries(sizes.rows.map((r) => [r.name, r.size])),
  };
}

async function run(o: Options): Promise<void> {
  const started = new Date();
  const loadAtStart = os.loadavg().map((l) => Math.round(l * 100) / 100);
  const database = await openScratchDatabase();
  if (abort.signal.aborted) interrupted();
  const { db } = createDb(database.url, POOL_SIZE);
  onCleanup('close the pool', () => db.destroy());
  const data = await prepareDatabase(db, o);
  if (abort.signal.aborted) interrupted();
  log(
    `${data.dossiers.toLocaleString('en')} dossiers (${data.live.toLocaleString('en')} live), ${data.actions.toLocaleString('en')} actions in ${data.seconds.toFixed(0)} s; dossiers ${data.sizes.dossiers}, actions ${data.sizes.dossier_actions}`,
  );
  const settings = Object.fromEntries(
    (
      await sql<{ name: string; setting: string; unit: string | null }>`
        select name, setting, unit from pg_settings
        where name in ('server_version', 'shared_buffers', 'work_mem', 'jit', 'effective_cache_size')`.execute(
        db,
      )
    ).rows.map((r) => [r.name, r.unit ? `${r.setting} ${r.unit}` : r.setting]),
  ) as Record<string, string>;

  const servers = await startServers(database.url);
  const base = `http://127.0.0.1:${servers.appPort}`;
  const config = loadConfig({ ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'silent' });
  const users: { username: string; main: string; cookie: string; auth: AuthContext }[] = [];
  for (let i = 0; i < o.users; i++) {
    const who = OFFICERS[i % OFFICERS.length]!;
    const s = await signIn(base, who.username);
    const auth = await authenticate(db, config, s.token);
    if (!auth) throw new Error(`no session for ${who.username}`);
    users.push({ ...who, cookie: s.cookie, auth });
  }

  // Every officer's main list answers the same through HTTP as through the function; the sizes
  // of the lists say what the load reads.
  const listSizes: Record<string, number | string> = {};
  for (const u of users.slice(0, OFFICERS.length)) {
    const res = await fetch(`${base}/api/v1/worklists/${u.main}?limit=50`, { headers: { cookie: u.cookie } });
    if (res.status !== 200) throw new Error(`${u.username} ${u.main}: ${res.status} ${await res.text()}`);
    const h = (await res.json()) as { items: { id: number }[]; total: number; totalExact: boolean };
    const f = await worklistPage(db, u.auth, u.main, { limit: 50 }, Date.now());
    if (h.items.map((x) => x.id).join() !== f.items.map((x) => x.id).join())
      throw new Error(`${u.username} ${u.main}: the route and the function disagree`);
    listSizes[`${u.username} ${u.main}`] = h.totalExact ? h.total : `>${h.total}`;
  }
  log(
    `main lists: ${Object.entries(listSizes)
      .map(([k, v]) => `${k} ${v}`)
      .join('; ')}`,
  );
  const maxId = data.lastId;

  const cursors = users.map(() => new Map<string, string>());
  const randoms = users.map((_, i) => prng(1000 + i));
  const httpOp = async (caller: number) => {
    const u = users[caller]!;
    const req = nextRequest(u.main, randoms[caller]!, cursors[caller]!.get(u.main));
    const res = await fetch(`${base}${urlOf(req)}`, { headers: { cookie: u.cookie } });
    if (res.status !== 200) throw new Error(`${urlOf(req)}: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { nextCursor?: string | null };
    if (req.list === u.main) {
      if (body.nextCursor) cursors[caller]!.set(u.main, body.nextCursor);
      else cursors[caller]!.delete(u.main);
    }
    return kindOf(req);
  };
  const plan: {
    id: string;
    name: string;
    op: (caller: number) => Promise<string | undefined>;
    paced?: boolean;
  }[] = [
    {
      id: 'a',
      name: 'baseline: dossier by primary key (pool of 10)',
      op: async (caller) => {
        const id = 1 + Math.floor(randoms[caller]!() * maxId);
        await db
          .selectFrom('dossiers')
          .select(['id', 'status', 'due_at'])
          .where('id', '=', id)
          .executeTakeFirst();
        return undefined;
      },
    },
    {
      id: 'b',
      name: 'HTTP baseline: GET /api/health',
      op: async () => {
        const res = await fetch(`${base}/api/health`);
        if (res.status !== 200) throw new Error(`health: ${res.status}`);
        await res.arrayBuffer();
        return undefined;
      },
    },
    {
      id: 'c',
      name: 'worklists in process (service + SQL)',
      op: async (caller) => {
        const u = users[caller]!;
        const req = nextRequest(u.main, randoms[caller]!, cursors[caller]!.get(u.main));
        if (req.list === null) {
          await worklistCounts(db, u.auth, Date.now());
          return 'counts';
        }
        const page = await worklistPage(db, u.auth, req.list, { limit: 20, ...req.query }, Date.now());
        if (req.list === u.main) {
          if (page.nextCursor) cursors[caller]!.set(u.main, page.nextCursor);
          else cursors[caller]!.delete(u.main);
        }
        return kindOf(req);
      },
    },
    { id: 'd', name: 'worklists through HTTP (signed-in officers)', op: httpOp },
    {
      id: 'e',
      name: `worklists through HTTP, each officer every ${PACE_MS} ms`,
      op: httpOp,
      paced: true,
    },
  ];

  type Result = Measurement & { id: string; name: string };
  const rounds: Result[][] = [];
  for (let round = 1; round <= o.rounds; round++) {
    const results: Result[] = [];
    for (const step of plan) {
      if (abort.signal.aborted) interrupted();
      const of = o.rounds > 1 ? ` [round ${round}/${o.rounds}]` : '';
      log(`(${step.id}) ${step.name}, ${o.users} callers: ${o.warmup} s warm-up, ${o.seconds} s${of}`);
      for (const c of cursors) c.clear();
      const m = step.paced
        ? await pacedLoop(o.users, o, PACE_MS, step.op)
        : await closedLoop(o.users, { warmup: o.warmup, seconds: o.seconds, signal: abort.signal }, step.op);
      results.push({ id: step.id, name: step.name, ...m });
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
  const rate = (rs: Result[], id: string) => rs.find((r) => r.id === id)!.rate;
  const p99 = (rs: Result[], id: string) => rs.find((r) => r.id === id)!.p99;
  const ratioDefs = [
    ['d', 'a', 'rate', 'HTTP worklists ÷ primary-key selects: one worklist request costs 1/x lookups'],
    ['c', 'a', 'rate', 'worklists in process ÷ primary-key selects'],
    ['d', 'c', 'rate', 'HTTP ÷ in process: what HTTP, the session and serialisation add'],
    ['d', 'b', 'rate', 'HTTP worklists ÷ HTTP health'],
    ['d', 'a', 'p99', 'p99 of HTTP worklists ÷ p99 of primary-key selects'],
  ] as const;
  const ratios = ratioDefs.map(([num, den, what, meaning]) => {
    const per = rounds.map((rs) =>
      what === 'rate' ? rate(rs, num) / rate(rs, den) : p99(rs, num) / p99(rs, den),
    );
    return {
      id: `${num}/${den} ${what}`,
      meaning,
      value: median(per),
      rounds: per.map((x) => Math.round(x * 10000) / 10000),
    };
  });

  const fmt = (n: number, d: number) => (Number.isFinite(n) ? n.toFixed(d) : '-');
  const rows = [
    ['scenario', 'ops/s', 'p50 ms', 'p95 ms', 'p99 ms', 'count', 'errors'],
    ...results.map((r) => [
      `(${r.id}) ${r.name}`,
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
    r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '),
  );
  out.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  if (o.rounds > 1) out.push('', `(medians of ${o.rounds} interleaved rounds; count and errors are totals)`);
  out.push('', 'ratio         value  meaning');
  for (const r of ratios) out.push(`${r.id.padEnd(12)}  ${fmt(r.value, 4).padStart(6)}  ${r.meaning}`);
  for (const id of ['d', 'c']) {
    const r = rounds[0]!.find((x) => x.id === id)!;
    out.push('', `(${id}) by request, first round: count, p50 / p99 ms`);
    for (const [k, v] of Object.entries(r.byKind ?? {}))
      out.push(`  ${k.padEnd(36)} ${String(v.count).padStart(7)}  ${fmt(v.p50, 2)} / ${fmt(v.p99, 2)}`);
  }
  const d = results.find((r) => r.id === 'd')!;
  const e = results.find((r) => r.id === 'e')!;
  const verdict = (p: number) => `${fmt(p, 2)} ms, ${p <= TARGET_P99_MS ? 'met' : 'NOT met'}`;
  out.push(
    '',
    `target: worklist p99 ≤ ${TARGET_P99_MS} ms through HTTP at ${o.dossiers.toLocaleString('en')} dossiers, ${o.users} concurrent officers:`,
    `  at a working pace (e): ${verdict(e.p99)}; back to back, the server saturated (d): ${verdict(d.p99)}`,
  );
  console.log(out.join('\n'));

  const cpus = os.cpus();
  writeReport('worklists', started, {
    benchmark: 'worklists',
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
    options: { ...o, poolSize: POOL_SIZE, officers: users.map((u) => `${u.username} ${u.main}`) },
    data: {
      dossiers: data.dossiers,
      live: data.live,
      actions: data.actions,
      generatedInSeconds: data.seconds,
      byStatus: data.byStatus,
      byChannel: data.byChannel,
      sizes: data.sizes,
      mainListSizes: listSizes,
    },
    results,
    ratios,
    ...(o.rounds > 1 ? { rounds } : {}),
  });
}

void runBenchmark(
  options,
  (o) => (900 + (o.dossiers / 1_000_000) * 900 + 4 * o.rounds * (o.warmup + o.seconds) + 120) * 1000,
  run,
);
