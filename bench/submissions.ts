/**
 * Submissions accepted per second (issue #5): a counter registration and its acceptance through
 * the API (idempotency key, locked row, version check, core reducer, action row, derived columns,
 * components, the code counter, outbox messages) in two requests or in one (`accept: true`),
 * against a baseline that writes the same rows by plain SQL in one transaction per submission.
 *
 * Fair by construction:
 *   - the same rows: the baseline copies what the API wrote for a sample submission of each
 *     commune (the dossier with its snapshot, applicant and derived columns, the components, both
 *     action rows, both idempotency keys with their stored response, the outbox messages), and
 *     takes the commune's daily code counter last, as the acceptance does;
 *   - the same tables: before measuring, the tables are grown to `--pregrow` submissions (copies
 *     of the samples), so what one window adds is small beside what is there; every window starts
 *     after a VACUUM of the tables written, with a fresh day (a new code-counter row) for both;
 *   - alternating windows: odd rounds run raw SQL → API (two requests) → API (one request), even
 *     rounds the reverse, and the ratios are reported for each order.
 * The statements per submission of each way are counted (pg round trips, BEGIN and COMMIT
 * included) on a few submissions run one at a time before the windows.
 *
 *   npm run bench:submissions -- [--seconds 10] [--warmup 2] [--concurrency 16] [--rounds 2]
 *                                [--pregrow 50000] [--modes raw,api2,api1] [--trace]
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp } from '../packages/server/src/app.js';
import { loadConfig } from '../packages/server/src/config.js';
import { createDb } from '../packages/server/src/db/client.js';
import { migrateToLatest } from '../packages/server/src/db/migrate.js';
import { DEMO_PASSWORD } from '../packages/server/src/modules/demo/definitions.js';
import { seedDemo } from '../packages/server/src/modules/demo/seed.js';
import { today } from '../packages/server/src/modules/org/service.js';
import { loadReferenceData } from '../packages/server/src/modules/reference/load.js';
import {
  abort,
  gitCommit,
  intOption,
  median,
  onCleanup,
  openScratchDatabase,
  runBenchmark,
  type WindowOptions,
  writeReport,
} from './harness.js';
import { closedLoop, type KindedMeasurement } from './load.js';

const log = (msg: string) => console.error(`[bench] ${msg}`);
const OFFICERS = ['motcua.hoankiem', 'motcua.caugiay', 'motcua.socson'];
const TARGET_RATIO = 0.5;
const DAY_MS = 86_400_000;
const WRITTEN = [
  'dossiers',
  'dossier_components',
  'dossier_actions',
  'idempotency_keys',
  'outbox_messages',
  'dossier_code_sequences',
];

type Mode = 'raw' | 'api2' | 'api1';
const MODES: readonly Mode[] = ['raw', 'api2', 'api1'];
const MODE_NAMES: Record<Mode, string> = {
  raw: 'raw SQL',
  api2: 'API, two requests',
  api1: 'API, one request',
};

interface Options extends WindowOptions {
  pregrow: number;
  modes: Mode[];
  /** print the statements of one submission of each way */
  trace: boolean;
}

const USAGE =
  'usage: bench/submissions.ts [--seconds 10] [--warmup 2] [--concurrency 16] [--rounds 2]\n' +
  '                            [--pregrow 50000] [--modes raw,api2,api1] [--trace]\n' +
  '  seconds, warmup: per window; concurrency: clients of every way; rounds: each runs every mode,\n' +
  '  odd rounds in the order given, even rounds reversed; pregrow: submissions copied into the\n' +
  '  tables before measuring; trace: print the statements of one submission of each way';

function options(): Options {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '2' },
      concurrency: { type: 'string', default: '16' },
      rounds: { type: 'string', default: '2' },
      pregrow: { type: 'string', default: '50000' },
      trace: { type: 'boolean', default: false },
      modes: { type: 'string', default: MODES.join(',') },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const modes = values.modes.split(',').map((m) => m.trim()) as Mode[];
  for (const m of modes)
    if (!MODES.includes(m)) throw new Error(`--modes expects some of ${MODES.join(',')}, got "${m}"`);
  return {
    seconds: intOption('seconds', values.seconds, 1, 600),
    warmup: intOption('warmup', values.warmup, 0, 60),
    concurrency: intOption('concurrency', values.concurrency, 1, 100),
    rounds: intOption('rounds', values.rounds, 1, 20),
    pregrow: intOption('pregrow', values.pregrow, 0, 10_000_000),
    modes: [...new Set(modes)],
    trace: values.trace,
  };
}

const BODY = {
  procedureCode: '1.001193',
  applicant: { name: 'Nguyễn Văn Thử', identityNumber: '001090000001', phone: '0912345678' },
  documents: [
    { code: 'TK_KHAI_SINH', provided: true, originals: 1 },
    { code: 'GIAY_CHUNG_SINH', provided: true, originals: 1 },
  ],
};

type Headers = Record<string, string>;

/** One submission through the API: registration and acceptance, in two requests or one. */
async function apiSubmission(app: FastifyInstance, headers: Headers, oneRequest: boolean) {
  const reg = await app.inject({
    method: 'POST',
    url: '/api/v1/dossiers',
    payload: oneRequest ? { ...BODY, accept: true } : BODY,
    headers: { ...headers, 'idempotency-key': randomUUID() },
  });
  if (reg.statusCode !== 201) throw new Error(`registration failed: ${reg.statusCode} ${reg.body}`);
  const d = reg.json().dossier as { id: number; version: number; status: string };
  if (oneRequest) {
    if (d.status !== 'accepted') throw new Error(`registration did not accept: ${d.status}`);
    return d.id;
  }
  const acc = await app.inject({
    method: 'POST',
    url: `/api/v1/dossiers/${d.id}/actions`,
    payload: { type: 'accept', expectedVersion: d.version },
    headers: { ...headers, 'idempotency-key': randomUUID() },
  });
  if (acc.statusCode !== 200) throw new Error(`acceptance failed: ${acc.statusCode} ${acc.body}`);
  return d.id;
}

/** What the API wrote for one submission at one commune: the baseline writes the same again. */
interface Sample {
  agencyId: number;
  identifier: string;
  tenantId: number;
  dossierId: number;
  /** dossier columns except the generated ones and the code, with their values as text */
  dossier: { columns: string[]; values: unknown[] };
  components: Record<string, unknown>[];
  actions: Record<string, unknown>[];
  keys: { request_hash: string; response_status: number; response_body: unknown }[];
  outbox: { channel: string; topic: string; recipient: string; payload: unknown; suffix: string }[];
}

const DOSSIER_SKIP = new Set(['id', 'code', 'created_at', 'updated_at']);
const COMPONENT_COLUMNS = [
  'document_code',
  'name',
  'required',
  'provided',
  'originals',
  'certified_copies',
  'copies',
];

async function loadSample(c: pg.Client, dossierId: number): Promise<Sample> {
  const cols = await c.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = 'dossiers' ORDER BY ordinal_position`,
  );
  const columns = cols.rows.map((r) => r.column_name).filter((n) => !DOSSIER_SKIP.has(n));
  // as text, so every value goes back through the same parameter path (jsonb, timestamptz…)
  const d = await c.query({
    text: `SELECT ${columns.map((n) => `${n}::text AS ${n}`).join(', ')} FROM dossiers WHERE id = $1`,
    values: [dossierId],
    rowMode: 'array',
  });
  const head = await c.query<{ receiving_agency_id: number; tenant_id: number; identifier: string }>(
    `SELECT d.receiving_agency_id, d.tenant_id, a.identifier
       FROM dossiers d JOIN agencies a ON a.id = d.receiving_agency_id WHERE d.id = $1`,
    [dossierId],
  );
  const components = await c.query(
    `SELECT ${COMPONENT_COLUMNS.join(', ')} FROM dossier_components WHERE dossier_id = $1 ORDER BY id`,
    [dossierId],
  );
  const actions = await c.query(
    `SELECT seq, type, at, actor::text AS actor, reason, payload::text AS payload
       FROM dossier_actions WHERE dossier_id = $1 ORDER BY seq`,
    [dossierId],
  );
  const keys = await c.query(
    `SELECT key, request_hash, response_status, response_body::text AS response_body
       FROM idempotency_keys WHERE dossier_id = $1 ORDER BY created_at, key`,
    [dossierId],
  );
  const outbox = await c.query(
    `SELECT channel, topic, recipient, payload::text AS payload, idempotency_key
       FROM outbox_messages WHERE idempotency_key LIKE ANY($1::text[]) ORDER BY id`,
    [keys.rows.map((k) => `${k.key}%`)],
  );
  const first = head.rows[0];
  if (!first || !d.rows[0] || actions.rows.length !== 2 || keys.rows.length < 1)
    throw new Error(`sample dossier ${dossierId} is not a registered and accepted submission`);
  return {
    agencyId: first.receiving_agency_id,
    identifier: first.identifier,
    tenantId: first.tenant_id,
    dossierId,
    dossier: { columns, values: d.rows[0] as unknown[] },
    components: components.rows,
    actions: actions.rows,
    keys: keys.rows.map((k) => ({
      request_hash: k.request_hash,
      response_status: k.response_status,
      response_body: k.response_body,
    })),
    outbox: outbox.rows.map((m) => ({
      channel: m.channel,
      topic: m.topic,
      recipient: m.recipient,
      payload: m.payload,
      suffix: (m.idempotency_key as string).replace(/^[0-9a-f-]{36}/, ''),
    })),
  };
}

const placeholders = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `$${i + from}`).join(', ');

/**
 * The rows of a sample submission again, by plain SQL in one transaction: the dossier without its
 * code, its components, the two action rows, the idempotency keys with the stored response, the
 * outbox messages, and last the commune's code counter for `day` (the counter row stays locked
 * until the commit, as in the acceptance) and the code.
 */
function rawSubmission(samples: Sample[], day: () => string) {
  let n = 0;
  return async (c: pg.Client) => {
    const s = samples[n++ % samples.length] as Sample;
    const key = randomUUID();
    await c.query('BEGIN');
    try {
      const d = await c.query(
        `INSERT INTO dossiers (${s.dossier.columns.join(', ')}) VALUES (${placeholders(s.dossier.columns.length)}) RETURNING id`,
        s.dossier.values,
      );
      const id = d.rows[0].id;
      const cv: unknown[] = [id];
      const crow: string[] = [];
      for (const x of s.components) {
        crow.push(`($1, ${placeholders(COMPONENT_COLUMNS.length, cv.length + 1)})`);
        cv.push(...COMPONENT_COLUMNS.map((k) => x[k]));
      }
      await c.query(
        `INSERT INTO dossier_components (dossier_id, ${COMPONENT_COLUMNS.join(', ')}) VALUES ${crow.join(', ')}`,
        cv,
      );
      const av: unknown[] = [id, s.tenantId, key];
      const arow: string[] = [];
      for (const a of s.actions) {
        arow.push(`($1, $2, ${placeholders(6, av.length + 1)}, $3)`);
        av.push(a.seq, a.type, a.at, a.actor, a.reason, a.payload);
      }
      await c.query(
        `INSERT INTO dossier_actions (dossier_id, tenant_id, seq, type, at, actor, reason, payload, request_id)
         VALUES ${arow.join(', ')}`,
        av,
      );
      const kv: unknown[] = [id, s.tenantId];
      const krow: string[] = [];
      s.keys.forEach((k, i) => {
        krow.push(`($2, ${placeholders(4, kv.length + 1)}, $1)`);
        kv.push(i === 0 ? key : `${key}:${i}`, k.request_hash, k.response_status, k.response_body);
      });
      await c.query(
        `INSERT INTO idempotency_keys (tenant_id, key, request_hash, response_status, response_body, dossier_id)
         VALUES ${krow.join(', ')}`,
        kv,
      );
      if (s.outbox.length) {
        const ov: unknown[] = [s.tenantId, key];
        const orow: string[] = [];
        for (const m of s.outbox) {
          orow.push(`($1, ${placeholders(4, ov.length + 1)}, $2 || $${ov.length + 5}, 'dossier', $2)`);
          ov.push(m.channel, m.topic, m.recipient, m.payload, m.suffix);
        }
        await c.query(
          `INSERT INTO outbox_messages (tenant_id, channel, topic, recipient, payload, idempotency_key, ref_type, ref_id)
           VALUES ${orow.join(', ')}`,
          ov,
        );
      }
      // the code last, as the acceptance takes it: the counter row stays locked until commit
      const seq = await c.query(
        `INSERT INTO dossier_code_sequences AS s (agency_id, scheme, scope_date, last_value)
         VALUES ($1, 'BENCH', $2, 1)
         ON CONFLICT (agency_id, scheme, scope_date) DO UPDATE SET last_value = s.last_value + 1, updated_at = now()
         RETURNING last_value`,
        [s.agencyId, day()],
      );
      await c.query('UPDATE dossiers SET code = $2, updated_at = now() WHERE id = $1', [
        id,
        `${s.identifier}-BENCH-${day()}-${String(seq.rows[0].last_value).padStart(7, '0')}`,
      ]);
      await c.query('COMMIT');
    } catch (e) {
      await c.query('ROLLBACK');
      throw e;
    }
  };
}

/** Copies of the samples, `count` submissions in all, written set-wise in batches. */
async function pregrow(c: pg.Client, samples: Sample[], count: number) {
  const batch = 10_000;
  const cols = (samples[0] as Sample).dossier.columns.join(', ');
  for (let from = 0; from < count; from += batch) {
    const s = samples[(from / batch) % samples.length] as Sample;
    const to = Math.min(count, from + batch) - 1;
    await c.query(
      `WITH d AS (
         INSERT INTO dossiers (${cols}, code)
         SELECT ${cols}, $2 || '-PRE-' || g FROM dossiers x, generate_series($3::int, $4::int) g WHERE x.id = $1
         RETURNING id
       ), c AS (
         INSERT INTO dossier_components (dossier_id, ${COMPONENT_COLUMNS.join(', ')})
         SELECT d.id, ${COMPONENT_COLUMNS.map((k) => `x.${k}`).join(', ')} FROM d, dossier_components x WHERE x.dossier_id = $1
       ), a AS (
         INSERT INTO dossier_actions (dossier_id, tenant_id, seq, type, at, actor, reason, payload, request_id)
         SELECT d.id, x.tenant_id, x.seq, x.type, x.at, x.actor, x.reason, x.payload, 'pre-' || d.id
           FROM d, dossier_actions x WHERE x.dossier_id = $1
       ), k AS (
         INSERT INTO idempotency_keys (tenant_id, key, request_hash, dossier_id, response_status, response_body)
         SELECT x.tenant_id, 'pre-' || d.id || '-' || x.key, x.request_hash, d.id, x.response_status, x.response_body
           FROM d, idempotency_keys x WHERE x.dossier_id = $1
         RETURNING key
       )
       , o AS MATERIALIZED (
         SELECT x.* FROM outbox_messages x
          WHERE x.idempotency_key LIKE ANY (SELECT key || '%' FROM idempotency_keys WHERE dossier_id = $1)
       )
       INSERT INTO outbox_messages (tenant_id, channel, topic, recipient, payload, idempotency_key, ref_type, ref_id,
                                    state, delivered_at)
       SELECT x.tenant_id, x.channel, x.topic, x.recipient, x.payload, 'pre-' || d.id || '-' || x.idempotency_key,
              x.ref_type, 'pre-' || d.id, 'delivered', now()
         FROM d, o x`,
      [s.dossierId, s.identifier, from, to],
    );
  }
}

/** Round trips to PostgreSQL of every pg client of this process (the app's pool and the baseline's). */
let statements = 0;
/** The statements' texts while set (`--trace`). */
let traced: string[] | null = null;
{
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    statements++;
    if (traced) {
      const q = args[0] as string | { text: string; values?: unknown[] };
      const text = typeof q === 'string' ? q : q.text;
      const values = (typeof q === 'string' ? args[1] : q.values) as unknown[] | undefined;
      // what is sent: the text and the parameters as text (JSON for objects, as pg does)
      const bytes =
        Buffer.byteLength(text) +
        (values ?? []).reduce<number>(
          (n, v) =>
            n +
            (v === null || v === undefined
              ? 0
              : Buffer.byteLength(v instanceof Date ? v.toISOString() : String(v))),
          0,
        );
      traced.push(`${String(bytes).padStart(6)} B  ${text.replace(/\s+/g, ' ').slice(0, 140)}`);
    }
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
}

async function trace(name: string, op: () => Promise<unknown>) {
  traced = [];
  await op();
  log(`the statements of one submission, ${name}:\n  ${traced.join('\n  ')}`);
  traced = null;
}

async function statementsPer(n: number, op: (i: number) => Promise<unknown>): Promise<number> {
  const before = statements;
  for (let i = 0; i < n; i++) await op(i);
  return (statements - before) / n;
}

const fmt = (m: KindedMeasurement) =>
  `${m.rate.toFixed(0)}/s (p50 ${m.p50.toFixed(1)} ms, p99 ${m.p99.toFixed(1)} ms, errors ${m.errors}, ` +
  `Node CPU ${m.cpuMsPerOp?.toFixed(2) ?? '-'} ms each)`;

await runBenchmark(
  options,
  (o) => (o.rounds * o.modes.length * (o.seconds + o.warmup + 30) + 900 + o.pregrow / 500) * 1000,
  async (o) => {
    const started = new Date();
    const load = [os.loadavg()[0] ?? 0];
    const scratch = await openScratchDatabase();
    const { db } = createDb(scratch.url, 20);
    onCleanup('close the pool', () => db.destroy());
    await migrateToLatest(db);
    await loadReferenceData(db);
    await seedDemo(db, today());
    const config = loadConfig({
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      DATABASE_URL: scratch.url,
      RATE_LIMIT_PER_MINUTE: '1000000',
    });
    // every window runs on a day of its own: a fresh code counter, for the API as for the baseline
    let dayOffset = 0;
    const clock = () => Date.now() + dayOffset * DAY_MS;
    const day = () => new Date(clock() + 7 * 3_600_000).toISOString().slice(0, 10);
    const app = await buildApp({ db, config, clock }, { logger: false });
    onCleanup('close the app', () => app.close());
    const sessions: Headers[] = [];
    for (const username of OFFICERS) {
      const r = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username, password: DEMO_PASSWORD },
      });
      const cookie = r.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      sessions.push({ cookie, 'x-csrf-token': r.json().csrfToken });
    }
    const clients: pg.Client[] = [];
    for (let i = 0; i < o.concurrency; i++) {
      const c = new pg.Client({ connectionString: scratch.url, application_name: 'motcua-bench' });
      await c.connect();
      clients.push(c);
    }
    onCleanup('close the baseline clients', async () => {
      for (const c of clients) await c.end();
    });
    const admin = clients[0] as pg.Client;

    // statements per submission, one at a time, after a few to warm the caches
    const COUNTED = 30;
    const headersOf = (i: number) => sessions[i % sessions.length] as Headers;
    for (let i = 0; i < 6; i++) await apiSubmission(app, headersOf(i), i % 2 === 0);
    // two requests last: their rows (two idempotency keys) are the baseline's samples
    const api1 = await statementsPer(COUNTED, (i) => apiSubmission(app, headersOf(i), true));
    const api2 = await statementsPer(COUNTED, (i) => apiSubmission(app, headersOf(i), false));
    const perSubmission = { raw: 0, api2, api1 };
    const lastOf = await admin.query<{ id: string }>(
      `SELECT max(id)::text AS id FROM dossiers WHERE status = 'accepted' GROUP BY receiving_agency_id ORDER BY 1`,
    );
    const samples: Sample[] = [];
    for (const r of lastOf.rows) samples.push(await loadSample(admin, Number(r.id)));
    if (samples.length !== OFFICERS.length) throw new Error(`expected ${OFFICERS.length} samples`);
    const raw = rawSubmission(samples, day);
    perSubmission.raw = await statementsPer(COUNTED, () => raw(admin));
    if (o.trace) {
      await trace(MODE_NAMES.api1, () => apiSubmission(app, headersOf(0), true));
      await trace(MODE_NAMES.api2, () => apiSubmission(app, headersOf(0), false));
      await trace(MODE_NAMES.raw, () => raw(admin));
    }
    log(
      `statements per submission: raw SQL ${perSubmission.raw}, API in two requests ${perSubmission.api2}, ` +
        `in one request ${perSubmission.api1}`,
    );

    if (o.pregrow > 0) {
      const t0 = Date.now();
      await pregrow(admin, samples, o.pregrow);
      log(`tables grown by ${o.pregrow} submissions in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
    const sizes = async () => {
      const r = await admin.query<{ n: string }>('SELECT count(*)::text AS n FROM dossiers');
      return Number(r.rows[0]?.n);
    };

    const run = (mode: Mode): Promise<KindedMeasurement> => {
      const timing = { warmup: o.warmup, seconds: o.seconds, signal: abort.signal };
      if (mode === 'raw')
        return closedLoop(o.concurrency, timing, async (i) => void (await raw(clients[i]!)));
      return closedLoop(o.concurrency, timing, async (i) => {
        await apiSubmission(app, headersOf(i), mode === 'api1');
        return undefined;
      });
    };
    interface Window {
      mode: Mode;
      position: number;
      dossiersBefore: number;
      loadBefore: number;
      m: KindedMeasurement;
    }
    const rounds: { order: Mode[]; windows: Window[]; ratioTwo?: number; ratioOne?: number }[] = [];
    for (let r = 0; r < o.rounds; r++) {
      const order = r % 2 === 0 ? o.modes : [...o.modes].reverse();
      const windows: Window[] = [];
      for (const [position, mode] of order.entries()) {
        dayOffset++;
        await admin.query(`VACUUM (ANALYZE) ${WRITTEN.join(', ')}`);
        const dossiersBefore = await sizes();
        const loadBefore = os.loadavg()[0] ?? 0;
        load.push(loadBefore);
        const m = await run(mode);
        windows.push({ mode, position, dossiersBefore, loadBefore, m });
        log(
          `round ${r + 1}, ${MODE_NAMES[mode]}: ${fmt(m)} (${dossiersBefore} dossiers, load ${loadBefore.toFixed(1)})`,
        );
      }
      const rate = (mode: Mode) => windows.find((w) => w.mode === mode)?.m.rate;
      const rawRate = rate('raw');
      const two = rate('api2');
      const one = rate('api1');
      const round = {
        order,
        windows,
        ...(rawRate && two !== undefined ? { ratioTwo: two / rawRate } : {}),
        ...(rawRate && one !== undefined ? { ratioOne: one / rawRate } : {}),
      };
      rounds.push(round);
      log(
        `round ${r + 1} (${order.join(' → ')}): ratio API ÷ raw SQL, two requests ${round.ratioTwo?.toFixed(2) ?? '-'}, ` +
          `one request ${round.ratioOne?.toFixed(2) ?? '-'}`,
      );
    }
    load.push(os.loadavg()[0] ?? 0);
    const summary = (pick: (x: (typeof rounds)[number]) => number | undefined, rs = rounds) => {
      const xs = rs.map(pick).filter((x): x is number => x !== undefined);
      return xs.length ? median(xs) : null;
    };
    const rawFirst = rounds.filter((_, i) => i % 2 === 0);
    const apiFirst = rounds.filter((_, i) => i % 2 === 1);
    const ratios = {
      two: summary((x) => x.ratioTwo),
      one: summary((x) => x.ratioOne),
      twoRawFirst: summary((x) => x.ratioTwo, rawFirst),
      oneRawFirst: summary((x) => x.ratioOne, rawFirst),
      twoApiFirst: summary((x) => x.ratioTwo, apiFirst),
      oneApiFirst: summary((x) => x.ratioOne, apiFirst),
    };
    const f = (x: number | null) => (x === null ? '-' : x.toFixed(2));
    log(
      `median ratio API ÷ raw SQL: two requests ${f(ratios.two)} (raw first ${f(ratios.twoRawFirst)}, API first ${f(ratios.twoApiFirst)}), ` +
        `one request ${f(ratios.one)} (raw first ${f(ratios.oneRawFirst)}, API first ${f(ratios.oneApiFirst)}); target ≥ ${TARGET_RATIO}`,
    );
    log(
      `load average (1 min) at the start and before each window: ${load.map((x) => x.toFixed(1)).join(' ')}`,
    );
    writeReport('submissions', started, {
      commit: gitCommit(),
      database: scratch.mode,
      options: o,
      statementsPerSubmission: perSubmission,
      loadAverage: load,
      rounds,
      ratios,
      target: TARGET_RATIO,
    });
  },
);
