/**
 * The day counters (migration 0019): each dossier's facts turned by the core into a few deltas
 * keyed by day (core indicators/counters.ts dayDeltas), summed per agency × procedure × channel ×
 * class × day, so that a midnight-to-midnight report is two sums per class instead of a scan of
 * every dossier the period concerns (report-counters.ts).
 *
 * The action's statement only marks its facts row changed (version moves past counted_version,
 * changed_at = now()); the worker below counts the change within a poll interval, and the lag it
 * leaves is measured and shown (countersLag; the dashboard's countersLagSeconds). The counters are
 * rebuilt from the facts, or from the log through the facts, by `motcua rebuild-counters`.
 */
import { dayDeltas } from '@motcua/core';
import type { Db } from '../../db/client.js';
import { describeFailure } from '../../jobs/worker.js';
import * as repo from './counters-repository.js';
import { rebuildFacts } from './facts.js';
import type { CountedDeltas } from './tables.js';

/** A dossier's counters as its current facts make them: the keys and the core's day deltas. */
export function countedDeltasOf(row: repo.CountableFacts): CountedDeltas {
  const deltas = dayDeltas({ ...row.facts, dueHistory: row.due_history });
  return {
    agency: row.competent_agency_id,
    procedure: row.procedure_id,
    channel: row.channel ?? 'none',
    deltas: deltas.map((d) => [d.day, d.cls, d.delta]),
  };
}

const keyOf = (r: Omit<repo.CounterRow, 'value'>) =>
  `${r.tenant_id}|${r.agency_id}|${r.procedure_id}|${r.channel}|${r.class}|${r.day}`;

/**
 * Sums per counter key, without zeros, in key order. `sign` -1 takes a dossier's deltas out (the
 * ones applied last), +1 puts them in: a dossier whose facts changed moves, it is not added twice.
 */
export class CounterSums {
  private readonly sums = new Map<string, repo.CounterRow>();

  add(tenantId: number, c: CountedDeltas | null, sign: 1 | -1): void {
    if (!c) return;
    for (const [day, cls, delta] of c.deltas) {
      const row = {
        tenant_id: tenantId,
        agency_id: c.agency,
        procedure_id: c.procedure,
        channel: c.channel,
        class: cls,
        day,
        value: 0,
      };
      const k = keyOf(row);
      const cur = this.sums.get(k) ?? row;
      cur.value += sign * delta;
      this.sums.set(k, cur);
    }
  }

  rows(): repo.CounterRow[] {
    return [...this.sums.values()]
      .filter((r) => r.value !== 0)
      .sort(
        (a, b) =>
          a.tenant_id - b.tenant_id ||
          a.agency_id - b.agency_id ||
          a.procedure_id - b.procedure_id ||
          cmp(a.channel, b.channel) ||
          cmp(a.class, b.class) ||
          a.day - b.day,
      );
  }
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export interface CountersSettings {
  /** Facts rows taken per transaction. */
  batchSize: number;
  /** Sleep when nothing waits; bounds the lag an idle worker adds (the issue asks ≤ 5 s). */
  pollIntervalMs: number;
}

export const DEFAULT_COUNTERS_SETTINGS: CountersSettings = { batchSize: 500, pollIntervalMs: 250 };

export interface CountersWorkerOptions extends Partial<CountersSettings> {
  db: Db;
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
  /**
   * Called inside the batch's transaction, with the rows locked, before anything is written:
   * lets a test act on a row the worker holds.
   */
  beforeApply?: (ids: number[]) => Promise<void>;
}

/** The counters worker: one transaction per batch; runs until stop(), as the outbox worker does. */
export class CountersWorker {
  readonly settings: CountersSettings;
  private readonly db: Db;
  private readonly log: NonNullable<CountersWorkerOptions['log']>;
  private readonly beforeApply: CountersWorkerOptions['beforeApply'];
  private loopDone: Promise<void> | null = null;
  private stopping = false;
  private wakeSleeper: (() => void) | null = null;

  constructor(opts: CountersWorkerOptions) {
    this.db = opts.db;
    this.log = opts.log ?? (() => {});
    this.beforeApply = opts.beforeApply;
    const s = {
      batchSize: opts.batchSize ?? DEFAULT_COUNTERS_SETTINGS.batchSize,
      pollIntervalMs: opts.pollIntervalMs ?? DEFAULT_COUNTERS_SETTINGS.pollIntervalMs,
    };
    for (const [k, v] of Object.entries(s))
      if (!Number.isInteger(v) || v < 1)
        throw new RangeError(`counters worker: ${k} must be a positive integer`);
    this.settings = s;
  }

  get running(): boolean {
    return this.loopDone !== null;
  }

  start(): void {
    if (this.loopDone) return;
    this.stopping = false;
    this.loopDone = this.loop();
  }

  /** Lets the batch in flight commit, then resolves. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeSleeper?.();
    await this.loopDone;
    this.loopDone = null;
  }

  /**
   * One batch: the oldest uncounted rows (skipping those another transaction holds), their new
   * deltas minus the ones applied last, summed per counter and applied in one upsert, and the
   * rows marked counted at the version read. Returns how many rows it counted.
   */
  async runOnce(): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      await repo.lockForBatch(trx);
      const rows = await repo.claimUncounted(trx, this.settings.batchSize);
      if (!rows.length) return 0;
      const sums = new CounterSums();
      const counted = rows.map((r) => {
        const next = countedDeltasOf(r);
        sums.add(r.tenant_id, r.counted_deltas, -1);
        sums.add(r.tenant_id, next, 1);
        return { id: r.dossier_id, version: r.version, deltas: next };
      });
      await this.beforeApply?.(counted.map((c) => c.id));
      await repo.addToCounters(trx, sums.rows());
      await repo.markCounted(trx, counted);
      return rows.length;
    });
  }

  /** Batches until none is left (tests, the rebuild's callers); returns the rows counted. */
  async runUntilIdle(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.runOnce();
      total += n;
      if (n === 0) return total;
    }
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      let full = false;
      try {
        full = (await this.runOnce()) >= this.settings.batchSize;
      } catch (e) {
        this.log('error', `counters worker: ${describeFailure(e).message}`);
      }
      if (this.stopping) break;
      // a full batch means more may wait: go on at once
      if (!full) await this.sleep(this.settings.pollIntervalMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeSleeper = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeSleeper = done;
    });
  }
}

export { countersLag } from './counters-repository.js';

export interface RebuildCountersResult {
  tenants: number;
  dossiers: number;
  counters: number;
  /** with `check`: counters whose live value differs from the rebuild's (live, rebuilt) */
  differing: { key: Omit<repo.CounterRow, 'value'>; live: number; rebuilt: number }[];
  /** with `check`: facts rows the worker has not counted yet (their changes are among the differences) */
  uncounted: number;
  /** with `fromLog`: dossiers whose facts the log changed */
  factsWritten?: number;
}

const PAGE = 2000;

/**
 * Recomputes every counter of each tenant (or one) from the facts, in one transaction per
 * tenant holding the counters' lock exclusively (worker batches wait for it). `fromLog` refolds
 * the facts from the action log first (rebuild-facts). `check` compares with the live counters
 * instead and writes nothing; it reads one snapshot, which no worker batch is half-way through.
 *
 * A tenant's actions wait, on the facts rows already rewritten, until its transaction commits.
 */
export async function rebuildCounters(
  db: Db,
  opts: { fromLog?: boolean; check?: boolean; tenantId?: number } = {},
): Promise<RebuildCountersResult> {
  const out: RebuildCountersResult = { tenants: 0, dossiers: 0, counters: 0, differing: [], uncounted: 0 };
  if (opts.fromLog && !opts.check)
    out.factsWritten = (await rebuildFacts(db, { tenantId: opts.tenantId })).written;
  for (const tenantId of await repo.tenantIds(db, opts.tenantId)) {
    out.tenants++;
    const tx = opts.check ? db.transaction().setIsolationLevel('repeatable read') : db.transaction();
    await tx.execute(async (trx) => {
      if (!opts.check) await repo.lockForRebuild(trx);
      const sums = new CounterSums();
      let after = 0;
      for (;;) {
        const page = await repo.tenantFactsPage(trx, tenantId, after, PAGE);
        if (!page.length) break;
        after = page.at(-1)!.dossier_id;
        const marks = page.map((r) => {
          const deltas = countedDeltasOf(r);
          sums.add(tenantId, deltas, 1);
          return { id: r.dossier_id, version: r.version, xmin: r.xmin, deltas };
        });
        out.dossiers += page.length;
        if (!opts.check) await repo.markRebuilt(trx, marks);
      }
      const rebuilt = sums.rows();
      out.counters += rebuilt.length;
      if (!opts.check) {
        await repo.replaceTenantCounters(trx, tenantId, rebuilt);
        return;
      }
      out.differing.push(...compareCounters(await repo.tenantCounters(trx, tenantId), rebuilt));
      out.uncounted += await repo.uncountedCount(trx, tenantId);
    });
  }
  return out;
}

/** The counters that differ between two sets (a missing one is 0). */
export function compareCounters(live: readonly repo.CounterRow[], rebuilt: readonly repo.CounterRow[]) {
  const values = new Map<string, { key: Omit<repo.CounterRow, 'value'>; live: number; rebuilt: number }>();
  for (const [rows, side] of [
    [live, 'live'],
    [rebuilt, 'rebuilt'],
  ] as const)
    for (const { value, ...key } of rows) {
      const k = keyOf(key);
      const v = values.get(k) ?? { key, live: 0, rebuilt: 0 };
      v[side] += value;
      values.set(k, v);
    }
  return [...values.values()].filter((v) => v.live !== v.rebuilt);
}
