/**
 * Opens the system of record: the PostgreSQL named by DATABASE_URL, or the embedded server with a
 * `motcua` database in it; then brings the schema up to date.
 */
import pg from 'pg';
import type { Config } from '../config.js';
import { createDb, type Db, quoteIdent, withDatabase } from './client.js';
import { type EmbeddedServer, startEmbedded } from './embedded.js';
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
  db: Db;
  pool: pg.Pool;
  url: string;
  embedded: EmbeddedServer | null;
  close(): Promise<void>;
}

export async function openDatabase(
  config: Config,
  log: (msg: string) => void,
  opts: { poolSize?: number; adoptOrphan?: boolean } = {},
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
  try {
    const { db, pool } = createDb(url, opts.poolSize ?? 10);
    const applied = await migrateToLatest(db);
    if (applied.length) log(`applied migrations: ${applied.join(', ')}`);
    return {
      db,
      pool,
      url,
      embedded,
      close: async () => {
        await db.destroy();
        await embedded?.stop();
      },
    };
  } catch (e) {
    await embedded?.stop();
    throw e;
  }
}
