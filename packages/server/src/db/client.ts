import type { Kysely as KyselyType } from 'kysely';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

// DATE columns stay ISO strings (YYYY-MM-DD): a legal date has no time zone, and turning it into
// a JS Date at local midnight is a classic off-by-one source.
pg.types.setTypeParser(pg.types.builtins.DATE, (v: string) => v);
// BIGINT counters fit in a double for anything MotCua counts.
pg.types.setTypeParser(pg.types.builtins.INT8, (v: string) => Number(v));

export type Db = KyselyType<Database>;

export function createPool(connectionString: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString, max, application_name: 'motcua' });
  // An idle connection can die under us (server restart, fast shutdown, network cut). Without a
  // listener pg re-throws that as an uncaught error and the whole process exits; the pool already
  // drops the dead client and the next query opens a new one, so logging is the right response.
  pool.on('error', (e) => console.error(`[motcua] idle database connection lost: ${e.message}`));
  return pool;
}

export function createDb(connectionString: string, max = 10): { db: Db; pool: pg.Pool } {
  const pool = createPool(connectionString, max);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, pool };
}

/** The URL of another database on the same server (for creating, cloning and dropping databases). */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
