/**
 * Closed-loop load generators with one way of counting: HTTP through autocannon, PostgreSQL
 * through plain `pg` clients. Each keeps its clients busy without a pause for the warm-up and then
 * the measured window, and counts the operations that complete inside the window (with their
 * latencies): the window sees the steady state only, with no ramp-up or drain at either edge, so
 * throughput and percentiles of both kinds are comparable even for slow operations.
 */
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import type pg from 'pg';

/** Every latency of a run (fractional ms); a few hundred thousand doubles at most. */
export class Latencies {
  private values = new Float64Array(1 << 16);
  private n = 0;

  add(ms: number): void {
    if (this.n === this.values.length) {
      const bigger = new Float64Array(this.values.length * 2);
      bigger.set(this.values);
      this.values = bigger;
    }
    this.values[this.n++] = ms;
  }

  get count(): number {
    return this.n;
  }

  /** Nearest-rank percentiles, p in 0..100. */
  percentiles(...ps: number[]): number[] {
    if (this.n === 0) return ps.map(() => Number.NaN);
    const sorted = this.values.slice(0, this.n).sort();
    return ps.map((p) => sorted[Math.min(this.n - 1, Math.max(0, Math.ceil((p / 100) * this.n) - 1))]!);
  }
}

export interface Measurement {
  /** Completed operations per second. */
  rate: number;
  p50: number;
  p99: number;
  /** Completed operations. */
  count: number;
  seconds: number;
  /** Failed operations: socket errors, timeouts, non-2xx answers, query errors. */
  errors: number;
}

export interface Timing {
  /** Seconds of load before the window. */
  warmup: number;
  /** Seconds of the measured window. */
  seconds: number;
  signal: AbortSignal;
}

/** Records completions that fall inside the window [start + warmup, start + warmup + seconds). */
class Window {
  readonly lat = new Latencies();
  errors = 0;
  private readonly from: number;
  private readonly to: number;

  constructor(t: Timing) {
    this.from = performance.now() + t.warmup * 1000;
    this.to = this.from + t.seconds * 1000;
  }

  ok(ms: number): void {
    const now = performance.now();
    if (now >= this.from && now < this.to) this.lat.add(ms);
  }

  /** Failures count wherever they happen: a warm-up that fails is no better. */
  failed(): void {
    this.errors++;
  }

  result(seconds: number): Measurement {
    const [p50, p99] = this.lat.percentiles(50, 99);
    return {
      rate: this.lat.count / seconds,
      p50: p50!,
      p99: p99!,
      count: this.lat.count,
      seconds,
      errors: this.errors,
    };
  }
}

export interface HttpTarget {
  url: string;
  headers?: Record<string, string>;
}

/** One autocannon run over warm-up and window; an abort stops it early. */
export async function httpLoad(target: HttpTarget, connections: number, t: Timing): Promise<Measurement> {
  const w = new Window(t);
  const instance = autocannon({
    url: target.url,
    headers: target.headers ?? {},
    connections,
    duration: t.warmup + t.seconds,
    pipelining: 1,
    timeout: 10,
  });
  instance.on('response', (_client, statusCode, _bytes, ms) => {
    if (statusCode >= 200 && statusCode < 300) w.ok(ms);
    else w.failed();
  });
  const stop = () => instance.stop();
  t.signal.addEventListener('abort', stop, { once: true });
  try {
    const r = await instance;
    // socket errors and timeouts (non-2xx answers were counted as they came)
    for (let i = 0; i < r.errors + r.timeouts; i++) w.failed();
    return w.result(t.seconds);
  } finally {
    t.signal.removeEventListener('abort', stop);
  }
}

/**
 * Each client runs `op` back to back until the time is up; one operation may be several
 * statements (they then run one after the other on that client's connection).
 */
export async function pgLoad(
  clients: pg.Client[],
  op: (client: pg.Client) => Promise<unknown>,
  t: Timing,
): Promise<Measurement> {
  const w = new Window(t);
  let firstError: unknown = null;
  let stopped = false;
  const stop = () => {
    stopped = true;
  };
  const timer = setTimeout(stop, (t.warmup + t.seconds) * 1000);
  t.signal.addEventListener('abort', stop, { once: true });
  try {
    await Promise.all(
      clients.map(async (client) => {
        while (!stopped) {
          const t0 = performance.now();
          try {
            await op(client);
            w.ok(performance.now() - t0);
          } catch (e) {
            w.failed();
            firstError ??= e;
            // a broken connection would otherwise spin
            if (w.errors > 100) stopped = true;
          }
        }
      }),
    );
  } finally {
    clearTimeout(timer);
    t.signal.removeEventListener('abort', stop);
  }
  if (w.errors > 100) throw new Error(`too many query errors; the first: ${String(firstError)}`);
  return w.result(t.seconds);
}

/** A measurement whose operations name their kind (a query shape, a worklist), with each kind's own figures. */
export interface KindedMeasurement {
  rate: number;
  p50: number;
  p95: number;
  p99: number;
  count: number;
  errors: number;
  /**
   * CPU time of this process (user + system) per operation completed in the window, in ms: for
   * in-process targets, what an operation costs the Node side, a figure the machine's other load
   * moves much less than the rate.
   */
  cpuMsPerOp: number | null;
  byKind?: Record<string, { count: number; p50: number; p99: number }>;
}

/**
 * Closed loop in process: `callers` loops run `op` back to back for warm-up and window; only
 * operations completing inside the window count. `op(caller, i)` gets its loop's number and a
 * run-wide sequence number, and may return the kind of what it did.
 */
export async function closedLoop(
  callers: number,
  t: Timing,
  op: (caller: number, i: number) => Promise<string | undefined>,
): Promise<KindedMeasurement> {
  const all = new Latencies();
  const byKind = new Map<string, Latencies>();
  const from = performance.now() + t.warmup * 1000;
  const to = from + t.seconds * 1000;
  let next = 0;
  let errors = 0;
  let firstError: unknown = null;
  // the process's CPU over the window, read by timers at its edges (not per operation: cheap)
  let cpuFrom: NodeJS.CpuUsage | null = null;
  let cpuUsed: NodeJS.CpuUsage | null = null;
  const edges = [
    setTimeout(() => {
      cpuFrom = process.cpuUsage();
    }, t.warmup * 1000),
    setTimeout(
      () => {
        if (cpuFrom) cpuUsed = process.cpuUsage(cpuFrom);
      },
      (t.warmup + t.seconds) * 1000,
    ),
  ];
  await Promise.all(
    Array.from({ length: callers }, async (_, caller) => {
      while (performance.now() < to && !t.signal.aborted && errors <= 100) {
        const i = next++;
        const t0 = performance.now();
        try {
          const kind = await op(caller, i);
          const now = performance.now();
          if (now >= from && now < to) {
            all.add(now - t0);
            if (kind) {
              let l = byKind.get(kind);
              if (!l) {
                l = new Latencies();
                byKind.set(kind, l);
              }
              l.add(now - t0);
            }
          }
        } catch (e) {
          errors++;
          firstError ??= e;
        }
      }
    }),
  );
  for (const e of edges) clearTimeout(e);
  if (errors > 100) throw new Error(`too many errors; the first: ${String(firstError)}`);
  const [p50, p95, p99] = all.percentiles(50, 95, 99);
  const used = cpuUsed as NodeJS.CpuUsage | null;
  return {
    rate: all.count / t.seconds,
    cpuMsPerOp: used && all.count ? (used.user + used.system) / 1000 / all.count : null,
    p50: p50!,
    p95: p95!,
    p99: p99!,
    count: all.count,
    errors,
    ...(byKind.size
      ? {
          byKind: Object.fromEntries(
            [...byKind]
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([k, l]) => {
                const [kp50, kp99] = l.percentiles(50, 99);
                return [k, { count: l.count, p50: kp50!, p99: kp99! }];
              }),
          ),
        }
      : {}),
  };
}
