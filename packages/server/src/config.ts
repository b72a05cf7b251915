/**
 * Configuration comes only from environment variables, validated once at start-up. A bad value
 * stops the process with a message that names the variable, what was expected and what was given.
 */
import path from 'node:path';

export interface Config {
  nodeEnv: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /** Any PostgreSQL ≥ 15; when absent an embedded server is started under dataDir. */
  databaseUrl: string | null;
  dataDir: string;
  /** where uploaded files are kept, content-addressed (files/store.ts); default `<dataDir>/files` */
  filesDir: string;
  /** the largest uploaded file, in bytes (refused with 413 FILE_TOO_LARGE while it streams) */
  uploadMaxBytes: number;
  embeddedPgPort: number;
  /**
   * The role the HTTP server and the outbox worker connect as (db/app-role.ts): it may read and
   * write the tables but only append to the logs, and owns nothing. DATABASE_URL's role owns the
   * schema and runs migrations.
   */
  appRole: string;
  /** The app role's password; null: generated per data folder (embedded) or none (trust, cert). */
  appDbPassword: string | null;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Load the national reference data (units, holidays, procedures) when the database lacks it. */
  loadReferenceData: boolean;
  /** Create the demo deployments with their staff accounts. */
  demo: boolean;
  sessionTtlMinutes: number;
  sessionIdleMinutes: number;
  /**
   * How long this process may reuse an officer's session and positions without reading them
   * again (ms; 0: every request reads them). A sign-out or a change made through this process
   * applies at once; one made elsewhere (another server, SQL) within this time.
   */
  sessionCacheMs: number;
  /**
   * How long a procedure, its version in force, the agencies implementing it (with their
   * workflow) and an agency's built working calendar are reused by registrations and actions
   * (ms; 0: read every time). A publication, an implementation or workflow change, or a calendar
   * change takes up to this long to reach new dossiers.
   */
  catalogCacheMs: number;
  cookieSecure: boolean;
  trustProxy: boolean;
  bodyLimitBytes: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  rateLimitPerMinute: number;
  /** the address citizens reach MotCua at: printed on forms (QR) and in notifications */
  publicUrl: string;
  /** minutes between scans for dossiers and steps about to be due (0: no scan) */
  dueWarningEveryMinutes: number;
  /** how many hours ahead a step or dossier counts as due soon */
  dueWarningHours: number;
  /** PKCS#12 file result documents are signed with (signing/); null: none, or the demo's TEST one */
  signingP12: string | null;
  signingP12Password: string | null;
  /** PEM bundle of the CA certificates a signature must chain to, to be reported as trusted */
  signingTrust: string | null;
  /** the carrier results returned by post are booked with (integrations/postal, jobs/runtime.ts) */
  postal: PostalConfig;
}

/** The postal adapter: how an outbox message on the `postal` channel reaches the carrier. */
export interface PostalConfig {
  /** simulator: the local carrier (postal/simulator.ts) in this process; http: a real one; none. */
  adapter: 'simulator' | 'http' | 'none';
  /** Base URL of the carrier (MotCua's JSON protocol, postal/index.ts); required for http. */
  url: string | null;
  token: string | null;
  timeoutMs: number;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly problem: string,
  ) {
    super(`Invalid environment variable ${variable}: ${problem}`);
    this.name = 'ConfigError';
  }
}

export type Env = Record<string, string | undefined>;

function str(env: Env, name: string, fallback: string): string {
  const v = env[name];
  return v === undefined || v === '' ? fallback : v;
}

/** An integer variable within [min, max]; unset or empty gives the fallback. */
export function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw.trim())) throw new ConfigError(name, `expected an integer, got "${raw}"`);
  const n = Number(raw);
  if (n < min || n > max) throw new ConfigError(name, `expected an integer from ${min} to ${max}, got ${n}`);
  return n;
}

/** A boolean variable (1/true/yes/on, 0/false/no/off); unset or empty gives the fallback. */
export function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const v = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  throw new ConfigError(name, `expected true or false, got "${raw}"`);
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  throw new ConfigError(name, `expected one of ${allowed.join(', ')}, got "${raw}"`);
}

function databaseUrl(env: Env): string | null {
  const raw = env.DATABASE_URL;
  if (raw === undefined || raw === '') return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('DATABASE_URL', 'expected a URL such as postgres://user:password@host:5432/motcua');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')
    throw new ConfigError('DATABASE_URL', `expected the postgres:// scheme, got "${url.protocol}"`);
  if (url.pathname.length <= 1) throw new ConfigError('DATABASE_URL', 'the URL names no database');
  return raw;
}

function publicUrl(env: Env): string {
  const fallback = `http://localhost:${env.PORT || '3000'}`;
  const raw = str(env, 'PUBLIC_URL', fallback);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('PUBLIC_URL', 'expected an absolute URL such as https://dichvucong.hanoi.gov.vn');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ConfigError('PUBLIC_URL', `expected http:// or https://, got "${url.protocol}"`);
  return raw.replace(/\/+$/, '');
}

// Lower case, so the name needs no quoting anywhere; `pg_` names are reserved by PostgreSQL.
function appRole(env: Env): string {
  const v = str(env, 'MOTCUA_APP_ROLE', 'motcua_app');
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(v) || v.startsWith('pg_'))
    throw new ConfigError(
      'MOTCUA_APP_ROLE',
      `expected a PostgreSQL role name (lower-case letters, digits and _, at most 63, not pg_…), got "${v}"`,
    );
  return v;
}

// Printable ASCII only: PostgreSQL normalises a non-ASCII password (SASLprep) before hashing and
// node-postgres does not, so such a password could be set but never used to sign in.
function appDbPassword(env: Env): string | null {
  const v = env.MOTCUA_APP_DB_PASSWORD;
  if (v === undefined || v === '') return null;
  if (!/^[\x20-\x7e]{1,200}$/.test(v))
    throw new ConfigError('MOTCUA_APP_DB_PASSWORD', 'expected at most 200 printable ASCII characters');
  return v;
}

function signing(env: Env, cwd: string): Pick<Config, 'signingP12' | 'signingP12Password' | 'signingTrust'> {
  const file = (name: string) => (env[name] ? path.resolve(cwd, env[name]) : null);
  const signingP12 = file('MOTCUA_SIGNING_P12');
  const signingP12Password = env.MOTCUA_SIGNING_P12_PASSWORD ?? null;
  if (signingP12Password !== null && !signingP12)
    throw new ConfigError(
      'MOTCUA_SIGNING_P12_PASSWORD',
      'is set but MOTCUA_SIGNING_P12 (the file it opens) is not',
    );
  return { signingP12, signingP12Password, signingTrust: file('MOTCUA_SIGNING_TRUST') };
}

/**
 * As for SMS (jobs/config.ts): the simulator outside production, so a trial on a laptop returns
 * results by post end to end; none in production until a carrier is configured, so no order is
 * ever "delivered" to a carrier that does not exist.
 */
export function loadPostalConfig(env: Env = process.env): PostalConfig {
  const adapter = oneOf(
    env,
    'POSTAL_ADAPTER',
    ['simulator', 'http', 'none'] as const,
    env.NODE_ENV === 'production' ? 'none' : 'simulator',
  );
  const raw = env.POSTAL_URL === undefined || env.POSTAL_URL === '' ? null : env.POSTAL_URL;
  if (raw !== null) {
    let u: URL | null = null;
    try {
      u = new URL(raw);
    } catch {}
    if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:'))
      throw new ConfigError('POSTAL_URL', `expected an http:// or https:// URL, got "${raw}"`);
  }
  if (adapter === 'http' && raw === null)
    throw new ConfigError('POSTAL_URL', 'required when POSTAL_ADAPTER=http');
  return {
    adapter,
    url: raw,
    token: env.POSTAL_TOKEN ? env.POSTAL_TOKEN : null,
    timeoutMs: int(env, 'POSTAL_TIMEOUT_MS', 10_000, 100, 10 * 60_000),
  };
}

export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const nodeEnv = oneOf(env, 'NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const dbUrl = databaseUrl(env);
  const dataDir = path.resolve(cwd, str(env, 'MOTCUA_DATA_DIR', '.motcua'));
  return {
    nodeEnv,
    // Loopback by default: the demo has well-known passwords. Set HOST=0.0.0.0 to serve a network.
    host: str(env, 'HOST', '127.0.0.1'),
    port: int(env, 'PORT', 3000, 0, 65535),
    databaseUrl: dbUrl,
    dataDir,
    filesDir: path.resolve(cwd, str(env, 'MOTCUA_FILES_DIR', path.join(dataDir, 'files'))),
    uploadMaxBytes: int(env, 'MOTCUA_UPLOAD_MAX_BYTES', 20 * 1024 * 1024, 1024, 2 * 1024 * 1024 * 1024),
    embeddedPgPort: int(env, 'MOTCUA_EMBEDDED_PG_PORT', 0, 0, 65535),
    appRole: appRole(env),
    appDbPassword: appDbPassword(env),
    logLevel: oneOf(
      env,
      'LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const,
      'info',
    ),
    loadReferenceData: bool(env, 'MOTCUA_REFERENCE_DATA', true),
    // The demo is on for the embedded database (a trial on a laptop) and off for a real one.
    demo: bool(env, 'MOTCUA_DEMO', dbUrl === null),
    sessionTtlMinutes: int(env, 'SESSION_TTL_MINUTES', 600, 5, 7 * 24 * 60),
    sessionIdleMinutes: int(env, 'SESSION_IDLE_MINUTES', 60, 1, 7 * 24 * 60),
    sessionCacheMs: int(env, 'MOTCUA_SESSION_CACHE_MS', 5000, 0, 60_000),
    catalogCacheMs: int(env, 'MOTCUA_CATALOG_CACHE_MS', 10_000, 0, 600_000),
    cookieSecure: bool(env, 'COOKIE_SECURE', nodeEnv === 'production'),
    trustProxy: bool(env, 'TRUST_PROXY', false),
    bodyLimitBytes: int(env, 'BODY_LIMIT_BYTES', 1024 * 1024, 1024, 1024 * 1024 * 1024),
    loginMaxFailures: int(env, 'LOGIN_MAX_FAILURES', 5, 1, 100),
    loginLockMinutes: int(env, 'LOGIN_LOCK_MINUTES', 15, 1, 24 * 60),
    rateLimitPerMinute: int(env, 'RATE_LIMIT_PER_MINUTE', 600, 1, 1_000_000),
    publicUrl: publicUrl(env),
    dueWarningEveryMinutes: int(env, 'DUE_WARNING_INTERVAL_MINUTES', 10, 0, 24 * 60),
    dueWarningHours: int(env, 'DUE_WARNING_HOURS', 4, 1, 24 * 30),
    ...signing(env, cwd),
    postal: loadPostalConfig(env),
  };
}

/** The variables, for the README and `motcua config`. */
export const CONFIG_VARIABLES: ReadonlyArray<{ name: string; default: string; meaning: string }> = [
  { name: 'PORT', default: '3000', meaning: 'HTTP port for web and API' },
  { name: 'HOST', default: '127.0.0.1', meaning: 'Interface to listen on (0.0.0.0 to serve a network)' },
  {
    name: 'DATABASE_URL',
    default: '(none: embedded)',
    meaning: 'PostgreSQL ≥ 15 to use instead of the embedded server',
  },
  { name: 'MOTCUA_DATA_DIR', default: './.motcua', meaning: 'Data folder (embedded PostgreSQL cluster)' },
  {
    name: 'MOTCUA_FILES_DIR',
    default: '<MOTCUA_DATA_DIR>/files',
    meaning: 'Uploaded files, stored once by SHA-256 (back it up with the database)',
  },
  {
    name: 'MOTCUA_UPLOAD_MAX_BYTES',
    default: '20971520 (20 MiB)',
    meaning: 'Largest uploaded file; refused with 413 while it streams',
  },
  { name: 'MOTCUA_EMBEDDED_PG_PORT', default: '0 (free port)', meaning: 'Port of the embedded PostgreSQL' },
  {
    name: 'MOTCUA_APP_ROLE',
    default: 'motcua_app',
    meaning: 'Database role of the HTTP server and worker (appends to the logs, owns nothing)',
  },
  {
    name: 'MOTCUA_APP_DB_PASSWORD',
    default: '(none; generated when embedded)',
    meaning: 'Password of MOTCUA_APP_ROLE on a DATABASE_URL server that asks for one',
  },
  {
    name: 'MOTCUA_REFERENCE_DATA',
    default: 'true',
    meaning: 'Load units, holidays and procedures when missing',
  },
  { name: 'MOTCUA_DEMO', default: 'true when embedded', meaning: 'Create the demo deployments and accounts' },
  { name: 'LOG_LEVEL', default: 'info', meaning: 'fatal, error, warn, info, debug, trace or silent' },
  { name: 'NODE_ENV', default: 'development', meaning: 'development, production or test' },
  { name: 'SESSION_TTL_MINUTES', default: '600', meaning: 'Longest life of an officer session' },
  { name: 'SESSION_IDLE_MINUTES', default: '60', meaning: 'Session ends after this much inactivity' },
  {
    name: 'MOTCUA_SESSION_CACHE_MS',
    default: '5000',
    meaning:
      'How long a process reuses an officer session and positions (0: off); a sign-out or change elsewhere applies within it',
  },
  {
    name: 'MOTCUA_CATALOG_CACHE_MS',
    default: '10000',
    meaning:
      'How long a procedure, its version in force, implementations and calendars are reused for new dossiers (0: off)',
  },
  {
    name: 'COOKIE_SECURE',
    default: 'true in production',
    meaning: 'Send the session cookie over HTTPS only',
  },
  { name: 'TRUST_PROXY', default: 'false', meaning: 'Trust X-Forwarded-* from a reverse proxy' },
  { name: 'BODY_LIMIT_BYTES', default: '1048576', meaning: 'Largest JSON request body' },
  { name: 'LOGIN_MAX_FAILURES', default: '5', meaning: 'Failed sign-ins before an account is locked' },
  { name: 'LOGIN_LOCK_MINUTES', default: '15', meaning: 'How long a locked account stays locked' },
  { name: 'RATE_LIMIT_PER_MINUTE', default: '600', meaning: 'Requests per minute per client address' },
  {
    name: 'DUE_WARNING_INTERVAL_MINUTES',
    default: '10',
    meaning: 'Minutes between scans that warn officers of steps and dossiers about to be due (0: off)',
  },
  { name: 'DUE_WARNING_HOURS', default: '4', meaning: 'How far ahead a step or dossier counts as due soon' },
  {
    name: 'PUBLIC_URL',
    default: 'http://localhost:PORT',
    meaning: 'Public address of MotCua, printed in QR codes and notifications (tracking links)',
  },
  {
    name: 'MOTCUA_SIGNING_P12',
    default: '(none; demo: generated TEST certificate)',
    meaning: 'PKCS#12 file of the certificate result documents are digitally signed with',
  },
  {
    name: 'MOTCUA_SIGNING_P12_PASSWORD',
    default: '(empty)',
    meaning: 'Passphrase of MOTCUA_SIGNING_P12',
  },
  {
    name: 'MOTCUA_SIGNING_TRUST',
    default: '(none; demo: its TEST CA)',
    meaning: 'PEM bundle of the CA certificates signatures are verified against (trust anchors)',
  },
  {
    name: 'POSTAL_ADAPTER',
    default: 'simulator (none in production)',
    meaning: 'Carrier for results returned by post: simulator (local), http (POSTAL_URL) or none',
  },
  { name: 'POSTAL_URL', default: '(none)', meaning: 'Base URL of the postal carrier (MotCua JSON protocol)' },
  { name: 'POSTAL_TOKEN', default: '(none)', meaning: 'Bearer token for the postal carrier' },
  { name: 'POSTAL_TIMEOUT_MS', default: '10000', meaning: 'Postal carrier request timeout' },
];
