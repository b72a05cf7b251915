/**
 * Submissions accepted per second (issue #5): a counter registration and its acceptance through
 * the API (two requests, two transactions: idempotency key, locked row, version check, core
 * reducer, action row, derived columns, components, the code counter, outbox messages), against
 * a same-run baseline that inserts the same rows by plain SQL in one transaction per submission.
 * Both run with the same number of concurrent clients, spread over the three staffed communes of
 * the demo (each commune's daily code counter serialises its acceptances, in both).
 *
 *   npm run bench:submissions -- [--seconds 10] [--warmup 2] [--concurrency 16] [--rounds 3]
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
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
  median,
  onCleanup,
  openScratchDatabase,
  runBenchmark,
  type WindowOptions,
  windowOptions,
  writeReport,
} from './harness.js';
import { Latencies, type Measurement, pgLoad } from './load.js';

const log = (msg: string) => console.error(`[bench] ${msg}`);
const OFFICERS = ['motcua.hoankiem', 'motcua.caugiay', 'motcua.socson'];
const TARGET_RATIO = 0.5;

type Options = WindowOptions;

const options = () =>
  windowOptions(
    'usage: bench/submissions.ts [--seconds 10] [--warmup 2] [--concurrency 16] [--rounds 1]\n' +
      '  seconds, warmup: per round and mode; concurrency: clients of both the API and the baseline',
    { seconds: 10, warmup: 2, concurrency: 16, rounds: 1 },
  );

const BODY = {
  procedureCode: '1.001193',
  applicant: { name: 'Nguyễn Văn Thử', identityNumber: '001090000001', phone: '0912345678' },
  documents: [
    { code: 'TK_KHAI_SINH', provided: true, originals: 1 },
    { code: 'GIAY_CHUNG_SINH', provided: true, originals: 1 },
  ],
};

/**
 * Closed loop: each client registers and accepts, back to back, until the window ends — in two
 * requests, or in one (`accept: true`, the counter's complete dossier).
 */
async function apiLoad(
  app: FastifyInstance,
  sessions: Record<string, string>[],
  o: Options,
  oneRequest: boolean,
): Promise<Measurement> {
  const lat = new Latencies();
  let errors = 0;
  const from = performance.now() + o.warmup * 1000;
  const to = from + o.seconds * 1000;
  const client = async (i: number) => {
    const headers = sessions[i % sessions.length] as Record<string, string>;
    while (performance.now() < to && !abort.signal.aborted) {
      const t0 = performance.now();
      const reg = await app.inject({
        method: 'POST',
        url: '/api/v1/dossiers',
        payload: oneRequest ? { ...BODY, accept: true } : BODY,
        headers: { ...headers, 'idempotency-key': randomUUID() },
      });
      if (reg.statusCode !== 201) {
        errors++;
        if (errors > 100) throw new Error(`registration failed: ${reg.statusCode} ${reg.body}`);
        continue;
      }
      if (oneRequest) {
        const t1 = performance.now();
        if (t0 >= from && t1 < to) lat.add(t1 - t0);
        continue;
      }
      const d = reg.json().dossier as { id: number; version: number };
      const acc = await app.inject({
        method: 'POST',
        url: `/api/v1/dossiers/${d.id}/actions`,
        payload: { type: 'accept', expectedVersion: d.version },
        headers: { ...headers, 'idempotency-key': randomUUID() },
      });
      const t1 = performance.now();
      if (acc.statusCode !== 200) {
        errors++;
        if (errors > 100) throw new Error(`acceptance failed: ${acc.statusCode} ${acc.body}`);
      } else if (t0 >= from && t1 < to) lat.add(t1 - t0);
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, (_, i) => client(i)));
  const [p50, p99] = lat.percentiles(50, 99);
  return { rate: lat.count / o.seconds, p50: p50!, p99: p99!, count: lat.count, seconds: o.seconds, errors };
}

interface Place {
  id: number;
  identifier: string;
  tenant: number;
  procedure: number;
}

/** The rows of a registration plus its acceptance, by plain SQL in one transaction. */
function rawSubmission(places: Place[]) {
  let n = 0;
  return async (c: pg.Client) => {
    const a = places[n++ % places.length] as Place;
    const key = randomUUID();
    const now = new Date();
    await c.query('BEGIN');
    try {
      const state = JSON.stringify({ status: 'accepted', version: 2 });
      const d = await c.query(
        `INSERT INTO dossiers (tenant_id, procedure_id, receiving_agency_id, competent_agency_id, code, channel,
           status, national_status, version, state, due_at, appointment_at, received_at, current_step, applicant)
         VALUES ($1, $2, $3, $3, NULL, 'direct', 'accepted', 2, 2, $4, $5, $5, $5, 'TIEP_NHAN', $6) RETURNING id`,
        [a.tenant, a.procedure, a.id, state, now, JSON.stringify(BODY.applicant)],
      );
      const id = d.rows[0].id;
      await c.query(
        `INSERT INTO dossier_components (dossier_id, document_code, name, required, provided)
         VALUES ($1, 'TK_KHAI_SINH', 'Tờ khai', true, true), ($1, 'GIAY_CHUNG_SINH', 'Giấy chứng sinh', true, true)`,
        [id],
      );
      await c.query(
        `INSERT INTO dossier_actions (dossier_id, tenant_id, seq, type, at, actor, payload, request_id)
         VALUES ($1, $2, 1, 'register', $3, '{"kind":"officer"}', '{"type":"register"}', $4),
                ($1, $2, 2, 'accept', $3, '{"kind":"officer"}', '{"type":"accept"}', $4)`,
        [id, a.tenant, now, key],
      );
      await c.query(
        `INSERT INTO idempotency_keys (tenant_id, key, request_hash, dossier_id, response_status, response_body)
         VALUES ($1, $2, repeat('0', 64), $3, 201, '{}'), ($1, $2 || ':2', repeat('0', 64), $3, 200, '{}')`,
        [a.tenant, key, id],
      );
      await c.query(
        `INSERT INTO outbox_messages (tenant_id, channel, topic, recipient, payload, idempotency_key)
         VALUES ($1, 'sms', 'dossier.accepted', '+84912345678', '{"text":"x"}', $2 || ':sms')`,
        [a.tenant, key],
      );
      // the code last, as the acceptance takes it: the counter row stays locked until commit
      const seq = await c.query(
        `INSERT INTO dossier_code_sequences AS s (agency_id, scheme, scope_date, last_value)
         VALUES ($1, 'BENCH', current_date, 1)
         ON CONFLICT (agency_id, scheme, scope_date) DO UPDATE SET last_value = s.last_value + 1, updated_at = now()
         RETURNING last_value`,
        [a.id],
      );
      await c.query('UPDATE dossiers SET code = $2 WHERE id = $1', [
        id,
        `${a.identifier}-BENCH-${String(seq.rows[0].last_value).padStart(7, '0')}`,
      ]);
      await c.query('COMMIT');
    } catch (e) {
      await c.query('ROLLBACK');
      throw e;
    }
  };
}

await runBenchmark(
  options,
  (o) => (o.rounds * 3 * (o.seconds + o.warmup) + 900) * 1000,
  async (o) => {
    const started = new Date();
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
    const app = await buildApp({ db, config }, { logger: false });
    onCleanup('close the app', () => app.close());
    const sessions: Record<string, string>[] = [];
    for (const username of OFFICERS) {
      const r = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username, password: DEMO_PASSWORD },
      });
      const cookie = r.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      sessions.push({ cookie, 'x-csrf-token': r.json().csrfToken });
    }
    const places: Place[] = await db
      .selectFrom('staff as s')
      .innerJoin('staff_positions as p', 'p.staff_id', 's.id')
      .innerJoin('agencies as a', 'a.id', 'p.agency_id')
      .innerJoin('procedures as pr', (j) => j.on('pr.code', '=', BODY.procedureCode))
      .select(['a.id', 'a.identifier', 'a.tenant_id as tenant', 'pr.id as procedure'])
      .where('s.username', 'in', OFFICERS)
      .execute();
    const clients: pg.Client[] = [];
    for (let i = 0; i < o.concurrency; i++) {
      const c = new pg.Client({ connectionString: scratch.url, application_name: 'motcua-bench' });
      await c.connect();
      clients.push(c);
    }
    onCleanup('close the baseline clients', async () => {
      for (const c of clients) await c.end();
    });
    const rounds: {
      baseline: Measurement;
      api: Measurement;
      ratio: number;
      apiOne: Measurement;
      ratioOne: number;
    }[] = [];
    const fmt = (m: Measurement) =>
      `${m.rate.toFixed(0)}/s (p50 ${m.p50.toFixed(1)} ms, p99 ${m.p99.toFixed(1)} ms, errors ${m.errors})`;
    for (let r = 0; r < o.rounds; r++) {
      const baseline = await pgLoad(clients, rawSubmission(places), {
        warmup: o.warmup,
        seconds: o.seconds,
        signal: abort.signal,
      });
      const api = await apiLoad(app, sessions, o, false);
      const apiOne = await apiLoad(app, sessions, o, true);
      const ratio = api.rate / baseline.rate;
      const ratioOne = apiOne.rate / baseline.rate;
      rounds.push({ baseline, api, ratio, apiOne, ratioOne });
      log(
        `round ${r + 1}: raw SQL ${fmt(baseline)}; API in two requests ${fmt(api)}, ratio ${ratio.toFixed(2)}; ` +
          `in one request ${fmt(apiOne)}, ratio ${ratioOne.toFixed(2)}`,
      );
    }
    const ratio = median(rounds.map((x) => x.ratio));
    const ratioOne = median(rounds.map((x) => x.ratioOne));
    log(
      `median ratio API ÷ raw SQL: two requests ${ratio.toFixed(2)}, one request ${ratioOne.toFixed(2)} (target ≥ ${TARGET_RATIO})`,
    );
    writeReport('submissions', started, {
      commit: gitCommit(),
      database: scratch.mode,
      options: o,
      rounds,
      ratio,
      ratioOne,
      target: TARGET_RATIO,
    });
  },
);
