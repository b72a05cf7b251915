/**
 * Monitoring queries as the data grows (issue #7):
 *
 *   npm run bench:monitoring -- [--sizes 100000,1000000] [--repeat 15] [--warmup 3]
 *
 * One scratch database (harness.ts: embedded PostgreSQL, or DATABASE_URL on this machine) with the
 * reference data and the demo, grown step by step to each of `--sizes` generated dossiers with their
 * logs (generate-dossiers.ts), their facts rebuilt from the logs (`motcua rebuild-facts --missing`,
 * what an operator runs after a bulk load) and VACUUM ANALYZE. At each size, one caller at a time
 * (a leader opening a page), `--warmup` unmeasured then `--repeat` measured calls of:
 *
 *   a  baseline: a primary-key SELECT on dossiers (one round trip to PostgreSQL)
 *   b  the Decision 766 indicators of every agency of the city for the last full month
 *   c  the same for the last full quarter
 *   d  the quarterly periodic report of the busiest agency, by procedure
 *   e  the drill-down: the dossiers counted late against 2.1 for that agency and month
 *   f  d from the day counters (migration 0019; what the report route uses for a period that is over)
 *   g  b from the day counters (what the indicators route uses for a period that is over)
 *   h  c from the day counters
 *
 * Reported per size: p50 and p99 in ms, each ÷ the baseline's p50 of the same size (the machine is
 * shared and noisy: bench/README.md), and the growth from the smallest to the largest size
 * (the target: each ≤ 200 ms at 10 million, and ≤ 2 × its time at 100 thousand).
 * Results: a table and bench/results/<date>-monitoring.json.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { createDb, type Db } from '../packages/server/src/db/client.js';
import { migrateToLatest } from '../packages/server/src/db/migrate.js';
import { seedDemo } from '../packages/server/src/modules/demo/seed.js';
import { CountersWorker } from '../packages/server/src/modules/monitoring/counters.js';
import { rebuildFacts } from '../packages/server/src/modules/monitoring/facts.js';
import {
  indicatorDossiers,
  indicators,
  scoredIndicators,
} from '../packages/server/src/modules/monitoring/indicators.js';
import { indicatorsFromCounters } from '../packages/server/src/modules/monitoring/indicators-counters.js';
import { processingReport, resolvePeriod } from '../packages/server/src/modules/monitoring/report.js';
import { reportFromCounters } from '../packages/server/src/modules/monitoring/report-counters.js';
import { today } from '../packages/server/src/modules/org/service.js';
import { loadReferenceData } from '../packages/server/src/modules/reference/load.js';
import { generateDossiers } from './generate-dossiers.js';
import {
  gitCommit,
  intOption,
  median,
  onCleanup,
  openScratchDatabase,
  runBenchmark,
  writeReport,
} from './harness.js';
import { Latencies } from './load.js';

const log = (msg: string) => console.error(`[bench] ${msg}`);
const TARGET_MS = 200;

interface Options {
  sizes: number[];
  repeat: number;
  warmup: number;
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '100000,1000000' },
      repeat: { type: 'string', default: '15' },
      warmup: { type: 'string', default: '3' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log('usage: bench/monitoring.ts [--sizes 100000,1000000] [--repeat 15] [--warmup 3]');
    process.exit(0);
  }
  const sizes = values.sizes.split(',').map((s) => intOption('sizes', s.trim(), 1000, 10_000_000));
  if (sizes.some((s, i) => i > 0 && s <= sizes[i - 1]!)) throw new Error('--sizes must grow');
  return {
    sizes,
    repeat: intOption('repeat', values.repeat, 3, 1000),
    warmup: intOption('warmup', values.warmup, 0, 100),
  };
}

/** Previous full month and quarter of `now` as the API names them (2026-11, 2026-Q3). */
function lastPeriods(now: number) {
  const d = new Date(now + 7 * 3600_000); // Hà Nội's date
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth(); // 0-based: the previous month's number, 1-based
  const month = m === 0 ? `${y - 1}-12` : `${y}-${String(m).padStart(2, '0')}`;
  const q = Math.floor(m / 3); // the current quarter's index; the previous one is q (1-based)
  const quarter = q === 0 ? `${y - 1}-Q4` : `${y}-Q${q}`;
  return { month, quarter };
}

async function time(repeat: number, warmup: number, fn: () => Promise<unknown>) {
  for (let i = 0; i < warmup; i++) await fn();
  const l = new Latencies();
  for (let i = 0; i < repeat; i++) {
    const t = performance.now();
    await fn();
    l.add(performance.now() - t);
  }
  const [p50, p99] = l.percentiles(50, 99) as [number, number];
  return { p50, p99, count: repeat };
}

async function grow(db: Db, to: number, have: number) {
  const t = Date.now();
  await generateDossiers(db, { count: to - have, log: (m) => log(`generate: ${m}`) });
  const g = (Date.now() - t) / 1000;
  const f = Date.now();
  const rebuilt = await rebuildFacts(db, { onlyMissing: true, batch: 2000 });
  const r = (Date.now() - f) / 1000;
  const c = Date.now();
  const counted = await new CountersWorker({ db }).runUntilIdle();
  const k = (Date.now() - c) / 1000;
  await sql`vacuum analyze`.execute(db);
  log(
    `${to.toLocaleString('en')} dossiers: generated in ${g.toFixed(0)} s, facts of ${rebuilt.written} in ${r.toFixed(0)} s, counters of ${counted} in ${k.toFixed(1)} s (${Math.round(counted / Math.max(k, 0.001))} rows/s)`,
  );
  return { generatedInSeconds: g, factsInSeconds: r, countersInSeconds: k, countedRows: counted };
}

async function run(o: Options) {
  const started = new Date();
  const database = await openScratchDatabase();
  const { db } = createDb(database.url, 4);
  onCleanup('close the pool', () => db.destroy());
  await migrateToLatest(db);
  await loadReferenceData(db);
  await seedDemo(db, today());
  const now = Date.now();
  const { month, quarter } = lastPeriods(now);
  const tenant = await sql<{ id: number }>`select id from tenants order by id limit 1`.execute(db);
  const tenantId = tenant.rows[0]!.id;
  const sizes: Record<string, unknown>[] = [];
  let have = 0;
  for (const size of o.sizes) {
    const load = await grow(db, size, have);
    have = size;
    const busiest = await sql<{ id: number; n: number }>`
      select competent_agency_id as id, count(*)::int as n from dossier_facts
      where tenant_id = ${tenantId} group by 1 order by 2 desc limit 1`.execute(db);
    const agencyId = busiest.rows[0]!.id;
    const anyId = await sql<{ id: number }>`select max(id)::int as id from dossiers`.execute(db);
    const maxId = anyId.rows[0]!.id;
    // the whole answer from the counters (PAKN, scores, rankings included), as the route gives it
    const fromCounters = async (period: string) => {
      const range = resolvePeriod({ period }, now);
      const d = await indicatorsFromCounters(db, tenantId, range);
      if (!d) throw new Error(`${period} is not day-aligned`);
      return scoredIndicators(db, tenantId, range, d);
    };
    // a fast wrong answer is no result: the counters must give the facts' figures before they are timed
    for (const period of [month, quarter])
      if (
        JSON.stringify(await fromCounters(period)) !==
        JSON.stringify(await indicators(db, tenantId, { period }, now))
      )
        throw new Error(`the indicators of ${period} from the counters differ from the facts'`);
    let k = 0;
    const results = {
      a: await time(o.repeat * 20, o.warmup, () =>
        sql`select id, status, version from dossiers where id = ${1 + (k++ % maxId)}`.execute(db),
      ),
      b: await time(o.repeat, o.warmup, () => indicators(db, tenantId, { period: month }, now)),
      c: await time(o.repeat, o.warmup, () => indicators(db, tenantId, { period: quarter }, now)),
      d: await time(o.repeat, o.warmup, () =>
        processingReport(db, tenantId, agencyId, { period: quarter, groupBy: 'procedure' }, now),
      ),
      e: await time(o.repeat, o.warmup, () =>
        indicatorDossiers(db, tenantId, agencyId, { period: month, count: 'late' }, now),
      ),
      f: await time(o.repeat, o.warmup, () =>
        reportFromCounters(db, tenantId, agencyId, { period: quarter, groupBy: 'procedure' }, now),
      ),
      g: await time(o.repeat, o.warmup, () => fromCounters(month)),
      h: await time(o.repeat, o.warmup, () => fromCounters(quarter)),
    };
    const base = results.a.p50;
    const row = { size, ...load, agencyId, results, overBaseline: {} as Record<string, number> };
    for (const [id, r] of Object.entries(results)) row.overBaseline[id] = r.p50 / base;
    sizes.push(row);
    console.log(`\n${size.toLocaleString('en')} dossiers (month ${month}, quarter ${quarter})`);
    console.table(
      Object.fromEntries(
        Object.entries(results).map(([id, r]) => [
          id,
          { p50: +r.p50.toFixed(1), p99: +r.p99.toFixed(1), 'p50 ÷ a': +(r.p50 / base).toFixed(1) },
        ]),
      ),
    );
  }
  const first = sizes[0] as { results: Record<string, { p50: number }> };
  const last = sizes.at(-1) as { size: number; results: Record<string, { p50: number }> };
  const growth = Object.fromEntries(
    Object.keys(first.results).map((id) => [id, last.results[id]!.p50 / first.results[id]!.p50]),
  );
  console.log(`\ngrowth of p50 from ${o.sizes[0]} to ${last.size}:`, growth);
  console.log(
    `target: ≤ ${TARGET_MS} ms at 10 million; at ${last.size}:`,
    Object.fromEntries(Object.entries(last.results).map(([id, r]) => [id, r.p50 <= TARGET_MS])),
  );
  writeReport('monitoring', started, {
    benchmark: 'monitoring',
    startedAt: started.toISOString(),
    finishedAt: new Date().toISOString(),
    commit: gitCommit(),
    postgres: { mode: database.mode },
    options: o,
    periods: { month, quarter },
    sizes,
    growth,
    medianBaselineMs: median(sizes.map((s) => (s as { results: { a: { p50: number } } }).results.a.p50)),
  });
}

await runBenchmark(options, (o) => 600_000 + o.sizes.at(-1)! * 2, run);
