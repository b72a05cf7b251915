/**
 * The application role (issue #5): the HTTP server and the outbox worker connect as a role of
 * their own (MOTCUA_APP_ROLE, `motcua_app`) that may read and write the tables but only append to
 * the logs (grants.ts), owns nothing, belongs to no other role and so can become nobody else. The
 * role of DATABASE_URL (the embedded server's superuser) owns the schema, runs the migrations, the
 * reference import and the CLI, and prepares the application role after every migration run.
 *
 * A separate LOGIN role rather than `SET ROLE motcua_app` on the owner's pooled connections:
 * after SET ROLE the session user is still the owner, and any single statement switches back
 * (`RESET ROLE`, or `select set_config('role', 'none', false)` inside an ordinary query; for a
 * superuser session, `SET SESSION AUTHORIZATION` too). That guards against the application's own
 * mistakes but not against one injected statement. A session that logged in as the application
 * role has nothing to switch back to. The price is a credential: generated per data folder for the
 * embedded server (which authenticates by password), none on a server that trusts local or
 * certificate logins (CI), MOTCUA_APP_DB_PASSWORD elsewhere. The owner's credentials stay in the
 * process for the start-up work: this stops the application's SQL, not code running in the process.
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type pg from 'pg';
import { createDb, type Db, quoteIdent } from './client.js';
import { grantStatements } from './grants.js';

export interface AppRoleSettings {
  role: string;
  /** null: the role gets no password (the server trusts it, or a DBA manages it). */
  password: string | null;
}

export interface AppDatabase {
  db: Db;
  pool: pg.Pool;
  /** Connection URL of the role (the outbox worker LISTENs on it). */
  url: string;
}

/** A start-up refusal that says what to change; the cause is PostgreSQL's own error. */
export class AppRoleError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppRoleError';
  }
}

/**
 * The advisory lock Kysely's PostgresAdapter holds around a migration run (its LOCK_ID). Taking
 * the same one serialises this step with migrations and with the same step in other processes (a
 * second server, the CLI): two sessions changing one catalogue row at once fail with "tuple
 * concurrently updated". Advisory locks are per database; role creation, cluster-wide, also
 * tolerates a concurrent CREATE ROLE from a server of another database.
 */
const MIGRATION_LOCK_ID = '3853314791062309107';

const sqlState = (e: unknown) => (e as { code?: string } | null)?.code;

/** The SCRAM-SHA-256 verifier PostgreSQL stores (RFC 5802, RFC 7677), as psql's \password sends it. */
export function scramSha256Verifier(password: string, salt = randomBytes(16), iterations = 4096): string {
  const hmac = (key: Buffer, text: string) => createHmac('sha256', key).update(text).digest();
  const salted = pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  const storedKey = createHash('sha256').update(hmac(salted, 'Client Key')).digest();
  const serverKey = hmac(salted, 'Server Key');
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

// A verifier rather than the password itself: ALTER ROLE … PASSWORD 'secret' lands in the server
// log whenever statements are logged (log_statement = ddl is common), a verifier is only a hash.
const passwordClause = (password: string) => `PASSWORD '${scramSha256Verifier(password)}'`;

/** The owner's URL with the application role's credentials: same server, database and options. */
export function appConnectionUrl(ownerUrl: string, role: string, password: string | null): string {
  const u = new URL(ownerUrl);
  u.username = encodeURIComponent(role);
  u.password = password === null ? '' : encodeURIComponent(password);
  for (const p of ['user', 'password']) if (u.searchParams.has(p)) u.searchParams.delete(p);
  return u.toString();
}

interface RoleInfo {
  owner: string;
  is_owner: boolean;
  super: boolean;
  createrole: boolean;
  bypassrls: boolean;
  replication: boolean;
  can_login: boolean;
  member_of: string[];
  owns: string[];
}

async function roleInfo(trx: Db, role: string): Promise<RoleInfo | undefined> {
  const rows = await sql<RoleInfo>`
    select current_user as owner, r.rolname = current_user as is_owner, r.rolsuper as super,
      r.rolcreaterole as createrole, r.rolbypassrls as bypassrls, r.rolreplication as replication,
      r.rolcanlogin as can_login,
      array(select g.rolname::text from pg_auth_members m join pg_roles g on g.oid = m.roleid
            where m.member = r.oid order by 1) as member_of,
      array(select c.relname::text from pg_class c
            where c.relowner = r.oid
              and c.relnamespace = (select oid from pg_namespace where nspname = current_schema())
            order by 1) as owns
    from pg_roles r where r.rolname = ${role}`.execute(trx);
  return rows.rows[0];
}

/** The role must hold nothing but its grants, or the grants would prove nothing. */
function refuseIfPowerful(role: string, info: RoleInfo): void {
  const why: string[] = [];
  if (info.is_owner) why.push(`it is the role the migrations run as (${info.owner})`);
  if (info.super) why.push('it is a superuser');
  if (info.createrole) why.push('it has CREATEROLE');
  if (info.bypassrls) why.push('it has BYPASSRLS');
  if (info.replication) why.push('it has REPLICATION');
  if (info.member_of.length) why.push(`it is a member of ${info.member_of.join(', ')}`);
  if (info.owns.length) why.push(`it owns ${info.owns.join(', ')}`);
  if (why.length)
    throw new AppRoleError(
      `MOTCUA_APP_ROLE ${role} cannot be the application's role: ${why.join('; ')}. Choose another name, or strip the role of these.`,
    );
}

async function lockedTransaction<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_ID}::bigint)`.execute(trx);
    return fn(trx);
  });
}

/**
 * Creates the application role if missing, checks it holds nothing else, and brings its privileges
 * to the policy of grants.ts; one transaction. Called with the owning role's connection after
 * every migration run: default privileges cover tables that later migrations create, but not the
 * tables created before the role existed (an installation upgraded to this version), not the
 * exceptions of the policy (a new log table would get UPDATE by default) and not a table a
 * migration drops and re-creates or whose privileges it rewrites. Idempotent: on a database that
 * already matches, it changes nothing and returns no statements.
 */
export async function prepareAppRole(db: Db, settings: AppRoleSettings): Promise<string[]> {
  const { role, password } = settings;
  const r = quoteIdent(role);
  return lockedTransaction(db, async (trx) => {
    const done: string[] = [];
    let info = await roleInfo(trx, role);
    if (!info) {
      const create = `CREATE ROLE ${r} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS${password === null ? '' : ` ${passwordClause(password)}`}`;
      try {
        // Roles belong to the whole cluster: a server of another database may create it meanwhile
        // (duplicate_object when it committed first, unique_violation when both were inserting).
        await sql
          .raw(
            `DO $create$ BEGIN ${create}; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $create$`,
          )
          .execute(trx);
      } catch (e) {
        if (sqlState(e) === '42501')
          throw new AppRoleError(
            `the DATABASE_URL role may not create the role ${role}: grant it CREATEROLE, or have a DBA run once ` +
              `CREATE ROLE ${r} LOGIN PASSWORD '…' and set MOTCUA_APP_DB_PASSWORD`,
            { cause: e },
          );
        throw e;
      }
      done.push(`CREATE ROLE ${r}`);
      info = await roleInfo(trx, role);
      if (!info) throw new AppRoleError(`role ${role} was not created`);
    }
    refuseIfPowerful(role, info);
    if (!info.can_login) {
      await sql.raw(`ALTER ROLE ${r} LOGIN`).execute(trx);
      done.push(`ALTER ROLE ${r} LOGIN`);
    }
    for (const statement of await grantStatements(trx, role)) {
      await sql.raw(statement).execute(trx);
      done.push(statement);
    }
    return done;
  });
}

async function checkLogin(db: Db, role: string): Promise<void> {
  const who = await sql<{ session_user: string; current_user: string }>`
    select session_user, current_user`.execute(db);
  const row = who.rows[0];
  if (row?.session_user !== role || row.current_user !== role)
    throw new AppRoleError(`connected as ${row?.session_user}, not as ${role}`);
}

/**
 * A pool that logs in as the application role, checked before use. When the server refuses the
 * password (a new data folder beside an existing cluster, a changed MOTCUA_APP_DB_PASSWORD), the
 * configured one is set through the owner and tried once more.
 */
export async function openAppDatabase(
  owner: Db,
  ownerUrl: string,
  settings: AppRoleSettings,
  poolSize: number,
): Promise<AppDatabase> {
  const { role, password } = settings;
  const url = appConnectionUrl(ownerUrl, role, password);
  const { db, pool } = createDb(url, poolSize);
  try {
    try {
      await checkLogin(db, role);
    } catch (e) {
      if (sqlState(e) !== '28P01' || password === null) throw e;
      await lockedTransaction(owner, (trx) =>
        sql.raw(`ALTER ROLE ${quoteIdent(role)} ${passwordClause(password)}`).execute(trx),
      );
      await checkLogin(db, role);
    }
  } catch (e) {
    await db.destroy();
    if (sqlState(e) === '28P01')
      throw new AppRoleError(
        `PostgreSQL refused the password of ${role}: set MOTCUA_APP_DB_PASSWORD to its password`,
        { cause: e },
      );
    if (sqlState(e) === '28000')
      throw new AppRoleError(
        `PostgreSQL does not let ${role} connect (pg_hba.conf): allow it like the DATABASE_URL role`,
        { cause: e },
      );
    throw e;
  }
  return { db, pool, url };
}
