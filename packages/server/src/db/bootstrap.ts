/**
 * Opens the system of record: the PostgreSQL named by DATABASE_URL, or the embedded server with a
 * `motcua` database in it; brings the schema up to date and prepares the application role
 * (app-role.ts), all as the owning role. The server then works through a second pool that logs in
 * as the application role.
 */
import pg from 'pg';
import type { Config } from '../config.js';
import { type AppDatabase, type AppRoleSettings, openAppDatabase, prepareAppRole } from './app-role.js';
import { createDb, type Db, quoteIdent, withDatabase } from './client.js';
import { dataFolderSecret, type EmbeddedServer, startEmbedded } from './embedded.js';
import { migrateToLatest } from './migrate.js';

export const EMBEDDED_DATABASE = 'motcua';

export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) {
      try {
        await client.query(`create database ${quoteIdent(name)} encoding 'UTF8' template template0`);
      } catch (e) {
        // another process created it between our check and our create
        if ((e as { code?: string }).code !== '42P04') throw e;
      }
    }
  } finally {
    await client.end();
  }
}

export interface OpenDatabase {
  /** The owning role: migrations, reference data, demo, CLI. */
  db: Db;
  pool: pg.Pool;
  url: string;
  /** The application role (with opts.appPoolSize): the HTTP server and the outbox worker. */
  app: AppDatabase | null;
  embedded: EmbeddedServer | null;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Connections of the owning role's pool. */
  poolSize?: number;
  /** Open the application role's pool too, with this many connections. */
  appPoolSize?: number;
  adoptOrphan?: boolean;
}

/** The application role of this installation and its password, if any. */
export function appRoleSettings(config: Config): AppRoleSettings {
  return {
    role: config.appRole,
    // the embedded server asks every role for a password (initdb --auth=password)
    password:
      config.appDbPassword ??
      (config.databaseUrl ? null : dataFolderSecret(config.dataDir, 'pg-app-password')),
  };
}

export async function openDatabase(
  config: Config,
  log: (msg: string) => void,
  opts: OpenOptions & { appPoolSize: number },
): Promise<OpenDatabase & { app: AppDatabase }>;
export async function openDatabase(
  config: Config,
  log: (msg: string) => void,
  opts?: OpenOptions,
): Promise<OpenDatabase>;
export async function openDatabase(
  config: Config,
  log: (msg: string) => void,
  opts: OpenOptions = {},
): Promise<OpenDatabase> {
  let embedded: EmbeddedServer | null = null;
  let url: string;
  if (config.databaseUrl) {
    url = config.databaseUrl;
  } else {
    embedded = await startEmbedded({
      dataDir: config.dataDir,
      port: config.embeddedPgPort,
      log,
      adoptOrphan: opts.adoptOrphan,
    });
    await ensureDatabase(embedded.adminUrl, EMBEDDED_DATABASE);
    url = withDatabase(embedded.adminUrl, EMBEDDED_DATABASE);
  }
  const { db, pool } = createDb(url, opts.poolSize ?? 10);
  let app: AppDatabase | null = null;
  try {
    const applied = await migrateToLatest(db);
    if (applied.length) log(`applied migrations: ${applied.join(', ')}`);
    // Again after every migration run, not only when the role is created: see prepareAppRole.
    const settings = appRoleSettings(config);
    const changed = await prepareAppRole(db, settings);
    if (changed.length) log(`database role ${settings.role}: ${changed.length} privilege change(s)`);
    if (opts.appPoolSize) app = await openAppDatabase(db, url, settings, opts.appPoolSize);
    return {
      db,
      pool,
      url,
      app,
      embedded,
      close: async () => {
        await app?.db.destroy();
        await db.destroy();
        await embedded?.stop();
      },
    };
  } catch (e) {
    await db.destroy().catch(() => {});
    await embedded?.stop();
    throw e;
  }
}
