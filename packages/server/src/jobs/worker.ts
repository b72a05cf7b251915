/**
 * The outbox worker: claims due messages in batches (FOR UPDATE SKIP LOCKED, so any number of
 * workers share the table without delivering a message twice), hands each to the adapter its
 * channel names, then records the outcome: delivered, retried later with exponential back-off and
 * jitter, or dead once its attempts are used up or the failure is permanent.
 *
 * Delivery is at least once: a worker that dies after sending but before recording it leaves the
 * message to be sent again when its lease ends. That is why every adapter receives a delivery key
 * that stays the same across attempts (the e-mail's Message-ID, the SMS gateway's message id).
 *
 * Contract for adapters: a failure that retrying cannot fix (a rejected address, a malformed
 * message) is an error with `permanent: true`; a provider asking to slow down may set
 * `retryAfterMs`. Anything else thrown is retried.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Db } from '../db/client.js';
import { buryExpired, type ClaimedMessage, claimBatch, markDelivered, markFailed } from './outbox.js';

export type Deliver = (
  message: ClaimedMessage,
  signal: AbortSignal,
) => Promise<{ providerId?: string | null } | undefined>;

export type WorkerLog = (level: 'info' | 'warn' | 'error', message: string) => void;

export interface WorkerSettings {
  /** Messages claimed per round trip. */
  batchSize: number;
  /** Sleep between polls when nothing is due (a NOTIFY cuts it short). */
  pollIntervalMs: number;
  /** How long a claim hides a message from other workers; must exceed deliveryTimeoutMs. */
  leaseMs: number;
  /** Attempts (claims) before a message is dead. */
  maxAttempts: number;
  /** Delay after the first failure; it doubles with each further one, up to backoffMaxMs. */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** One delivery gives up after this long and counts as a failed attempt. */
  deliveryTimeoutMs: number;
}

export const DEFAULT_WORKER_SETTINGS: WorkerSettings = {
  batchSize: 20,
  pollIntervalMs: 2_000,
  leaseMs: 5 * 60_000,
  maxAttempts: 8,
  backoffBaseMs: 30_000,
  backoffMaxMs: 6 * 60 * 60_000,
  deliveryTimeoutMs: 60_000,
};

export interface WorkerOptions extends Partial<WorkerSettings> {
  db: Db;
  /** Adapters by channel name; the worker claims messages of these channels only. */
  channels: Readonly<Record<string, Deliver>>;
  /** A PostgreSQL URL to LISTEN on for prompt wake-ups; without it the worker only polls. */
  listenUrl?: string | null;
  /** In [0, 1); passed in so tests can pin the jitter. */
  random?: () => number;
  log?: WorkerLog;
}

export interface BatchResult {
  claimed: number;
  delivered: number;
  retried: number;
  dead: number;
  /** Outcomes that could not be recorded (claim overtaken, database unreachable). */
  lost: number;
}

/**
 * Exponential back-off with "equal jitter": half the exponential delay is fixed, half random.
 * The fixed half keeps delays growing attempt after attempt; the random half spreads out the
 * retries of many messages that failed together (an SMTP server coming back after an outage).
 */
export function backoffDelay(
  attempt: number,
  s: Pick<WorkerSettings, 'backoffBaseMs' | 'backoffMaxMs'>,
  random: () => number,
): number {
  const exponential = Math.min(s.backoffMaxMs, s.backoffBaseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential / 2 + (random() * exponential) / 2);
}

export function describeFailure(e: unknown): { permanent: boolean; retryAfterMs: number; message: string } {
  const err = (typeof e === 'object' && e !== null ? e : {}) as {
    permanent?: unknown;
    retryAfterMs?: unknown;
    code?: unknown;
  };
  let message = e instanceof Error ? e.message : String(e);
  if (typeof err.code === 'string' && !message.includes(err.code)) message = `${err.code}: ${message}`;
  const retryAfter = typeof err.retryAfterMs === 'number' && err.retryAfterMs > 0 ? err.retryAfterMs : 0;
  return { permanent: err.permanent === true, retryAfterMs: retryAfter, message };
}

class DeliveryTimeout extends Error {
  constructor(ms: number) {
    super(`no outcome after ${ms} ms`);
    this.name = 'DeliveryTimeout';
  }
}

const NOTIFY_CHANNEL = 'motcua_outbox';

export class OutboxWorker {
  readonly settings: WorkerSettings;
  private readonly db: Db;
  private readonly channels: Readonly<Record<string, Deliver>>;
  private readonly channelNames: string[];
  private readonly random: () => number;
  private readonly log: WorkerLog;
  private readonly listenUrl: string | null;
  private loopDone: Promise<void> | null = null;
  private stopping = false;
  private wakeSleeper: (() => void) | null = null;
  private wakeRequested = false;
  private listener: pg.Client | null = null;
  private lastListenTry = 0;

  constructor(opts: WorkerOptions) {
    this.db = opts.db;
    this.channels = opts.channels;
    this.channelNames = Object.keys(opts.channels);
    this.random = opts.random ?? Math.random;
    this.log = opts.log ?? (() => {});
    this.listenUrl = opts.listenUrl ?? null;
    const s = { ...DEFAULT_WORKER_SETTINGS };
    for (const k of Object.keys(s) as (keyof WorkerSettings)[]) if (opts[k] !== undefined) s[k] = opts[k];
    this.settings = s;
    for (const [k, v] of Object.entries(s))
      if (!Number.isInteger(v) || v < (k === 'backoffBaseMs' ? 0 : 1))
        throw new RangeError(`outbox worker: ${k} must be a positive integer, got ${v}`);
    // A lease shorter than a delivery would let a second worker take a message still in flight.
    if (s.leaseMs <= s.deliveryTimeoutMs)
      throw new RangeError('outbox worker: leaseMs must be longer than deliveryTimeoutMs');
  }

  get running(): boolean {
    return this.loopDone !== null;
  }

  /** Whether NOTIFY wake-ups are being received (otherwise the worker only polls). */
  get listening(): boolean {
    return this.listener !== null;
  }

  /** Starts the polling loop; it runs until stop(). */
  start(): void {
    if (this.loopDone) return;
    this.stopping = false;
    this.loopDone = this.loop();
  }

  /** Lets the batch in flight finish and record its outcomes, then resolves. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.loopDone;
    this.loopDone = null;
    const l = this.listener;
    this.listener = null;
    await l?.end().catch(() => {});
  }

  /** One round: claim a batch, deliver it concurrently, record every outcome. */
  async runOnce(): Promise<BatchResult> {
    const result: BatchResult = { claimed: 0, delivered: 0, retried: 0, dead: 0, lost: 0 };
    result.dead += await buryExpired(this.db, this.channelNames, this.settings.maxAttempts);
    const batch = await claimBatch(this.db, {
      channels: this.channelNames,
      limit: this.settings.batchSize,
      leaseMs: this.settings.leaseMs,
      claimToken: randomUUID(),
    });
    result.claimed = batch.length;
    for (const outcome of await Promise.all(batch.map((m) => this.process(m)))) result[outcome]++;
    return result;
  }

  private async process(m: ClaimedMessage): Promise<'delivered' | 'retried' | 'dead' | 'lost'> {
    const deliver = this.channels[m.channel];
    let providerId: string | null = null;
    let failure: unknown = null;
    try {
      if (!deliver) throw new Error(`no adapter for channel ${m.channel}`);
      providerId = (await this.withTimeout((signal) => deliver(m, signal)))?.providerId ?? null;
    } catch (e) {
      failure = e;
    }
    try {
      if (failure === null) {
        await markDelivered(this.db, m.id, providerId);
        return 'delivered';
      }
      const f = describeFailure(failure);
      const dead = f.permanent || m.attempt >= this.settings.maxAttempts;
      const delayMs = Math.max(
        backoffDelay(m.attempt, this.settings, this.random),
        Math.min(f.retryAfterMs, this.settings.backoffMaxMs),
      );
      const error = `attempt ${m.attempt}: ${f.permanent ? 'permanent failure: ' : ''}${f.message}`;
      const state = await markFailed(this.db, m, { error, dead, delayMs });
      if (state === null) return 'lost';
      this.log(
        dead ? 'error' : 'warn',
        `outbox message ${m.id} (${m.channel}, ${m.topic}) ${dead ? 'is dead' : `will be retried in ${delayMs} ms`}: ${error}`,
      );
      return dead ? 'dead' : 'retried';
    } catch (e) {
      // The outcome is lost; the lease will bring the message back, so at worst it is sent twice.
      this.log(
        'error',
        `outbox message ${m.id}: could not record the outcome: ${describeFailure(e).message}`,
      );
      return 'lost';
    }
  }

  private async withTimeout<T>(run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const ms = this.settings.deliveryTimeoutMs;
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort(new DeliveryTimeout(ms));
        reject(new DeliveryTimeout(ms));
      }, ms);
    });
    try {
      // the race covers an adapter that ignores its signal
      return await Promise.race([run(controller.signal), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      await this.ensureListening();
      let full = false;
      try {
        const r = await this.runOnce();
        full = r.claimed >= this.settings.batchSize;
      } catch (e) {
        this.log('error', `outbox worker: ${describeFailure(e).message}`);
      }
      if (this.stopping) break;
      // a full batch means more may be due: go on at once
      if (!full) await this.sleep(this.settings.pollIntervalMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.wakeRequested) {
      this.wakeRequested = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const done = () => {
        clearTimeout(timer);
        this.wakeSleeper = null;
        resolve();
      };
      timer = setTimeout(done, ms);
      this.wakeSleeper = done;
    });
  }

  private wake(): void {
    if (this.wakeSleeper) this.wakeSleeper();
    else this.wakeRequested = true;
  }

  /** LISTEN on a connection of its own; if it drops, polling goes on and it is reopened later. */
  private async ensureListening(): Promise<void> {
    if (!this.listenUrl || this.listener || this.stopping) return;
    if (Date.now() - this.lastListenTry < Math.max(5_000, this.settings.pollIntervalMs)) return;
    this.lastListenTry = Date.now();
    const client = new pg.Client({ connectionString: this.listenUrl, application_name: 'motcua-outbox' });
    const drop = () => {
      if (this.listener === client) this.listener = null;
    };
    client.on('error', (e) => {
      this.log('warn', `outbox worker: LISTEN connection lost (${e.message}); polling meanwhile`);
      drop();
      client.end().catch(() => {});
    });
    client.on('end', drop);
    client.on('notification', (n) => {
      if (n.channel === NOTIFY_CHANNEL && (!n.payload || this.channelNames.includes(n.payload))) this.wake();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${NOTIFY_CHANNEL}`);
      if (this.stopping) await client.end();
      else this.listener = client;
    } catch (e) {
      this.log('warn', `outbox worker: cannot LISTEN (${describeFailure(e).message}); polling only`);
      await client.end().catch(() => {});
    }
  }
}

export function createOutboxWorker(opts: WorkerOptions): OutboxWorker {
  return new OutboxWorker(opts);
}
