/**
 * Configuration of the outbox worker and its adapters, from environment variables, validated the
 * way config.ts validates the rest (a ConfigError names the variable and what was wrong).
 */
import { bool, ConfigError, type Env, int } from '../config.js';
import type { SmtpConfig } from '../integrations/email/index.js';
import { type CountersSettings, DEFAULT_COUNTERS_SETTINGS } from '../modules/monitoring/counters.js';
import { DEFAULT_WORKER_SETTINGS, type WorkerSettings } from './worker.js';

export interface OutboxConfig {
  /** Run the worker in this process (off for app processes when workers run separately). */
  worker: boolean;
  settings: WorkerSettings;
  /** The day counters' worker (modules/monitoring/counters.ts), run beside the outbox's. */
  counters: CountersSettings;
  /** null: no e-mail channel; e-mail messages wait until a worker with SMTP takes them. */
  smtp: SmtpConfig | null;
  sms: {
    /** simulator: the local gateway (simulator.ts) in this process; http: a real gateway; none. */
    adapter: 'simulator' | 'http' | 'none';
    url: string | null;
    token: string | null;
    sender: string | null;
    /** Send without diacritics (GSM-7, 160 characters per SMS). */
    unaccented: boolean;
    timeoutMs: number;
  };
}

const set = (env: Env, name: string) => env[name] !== undefined && env[name] !== '';

function str(env: Env, name: string): string | null {
  return set(env, name) ? (env[name] as string) : null;
}

function httpUrl(env: Env, name: string): string | null {
  const raw = str(env, name);
  if (raw === null) return null;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new ConfigError(name, `expected a URL, got "${raw}"`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    throw new ConfigError(name, `expected an http:// or https:// URL, got "${raw}"`);
  return raw;
}

const HOUR = 60 * 60_000;

export function loadOutboxConfig(env: Env = process.env): OutboxConfig {
  const d = DEFAULT_WORKER_SETTINGS;
  const settings: WorkerSettings = {
    batchSize: int(env, 'OUTBOX_BATCH_SIZE', d.batchSize, 1, 1000),
    pollIntervalMs: int(env, 'OUTBOX_POLL_INTERVAL_MS', d.pollIntervalMs, 10, HOUR),
    leaseMs: int(env, 'OUTBOX_LEASE_MS', d.leaseMs, 1000, 24 * HOUR),
    maxAttempts: int(env, 'OUTBOX_MAX_ATTEMPTS', d.maxAttempts, 1, 100),
    backoffBaseMs: int(env, 'OUTBOX_BACKOFF_BASE_MS', d.backoffBaseMs, 0, 24 * HOUR),
    backoffMaxMs: int(env, 'OUTBOX_BACKOFF_MAX_MS', d.backoffMaxMs, 1, 7 * 24 * HOUR),
    deliveryTimeoutMs: int(env, 'OUTBOX_DELIVERY_TIMEOUT_MS', d.deliveryTimeoutMs, 100, HOUR),
  };
  if (settings.leaseMs <= settings.deliveryTimeoutMs)
    throw new ConfigError('OUTBOX_LEASE_MS', 'must be longer than OUTBOX_DELIVERY_TIMEOUT_MS');

  let smtp: SmtpConfig | null = null;
  const host = str(env, 'SMTP_HOST');
  if (host) {
    const from = str(env, 'SMTP_FROM');
    if (!from)
      throw new ConfigError(
        'SMTP_FROM',
        'required when SMTP_HOST is set, e.g. "MotCua <no-reply@example.vn>"',
      );
    const port = int(env, 'SMTP_PORT', 587, 1, 65535);
    const user = str(env, 'SMTP_USER');
    const pass = str(env, 'SMTP_PASS');
    if (user && !pass) throw new ConfigError('SMTP_PASS', 'required when SMTP_USER is set');
    smtp = {
      host,
      port,
      secure: bool(env, 'SMTP_SECURE', port === 465),
      requireTls: bool(env, 'SMTP_REQUIRE_TLS', false),
      user,
      pass,
      from,
      timeoutMs: int(env, 'SMTP_TIMEOUT_MS', 30_000, 100, 10 * 60_000),
      maxConnections: int(env, 'SMTP_MAX_CONNECTIONS', 5, 1, 100),
    };
  }

  const production = env.NODE_ENV === 'production';
  const adapterRaw = str(env, 'SMS_ADAPTER') ?? (production ? 'none' : 'simulator');
  if (!['simulator', 'http', 'none'].includes(adapterRaw))
    throw new ConfigError('SMS_ADAPTER', `expected one of simulator, http, none, got "${adapterRaw}"`);
  const adapter = adapterRaw as OutboxConfig['sms']['adapter'];
  const url = httpUrl(env, 'SMS_HTTP_URL');
  if (adapter === 'http' && !url) throw new ConfigError('SMS_HTTP_URL', 'required when SMS_ADAPTER=http');

  return {
    worker: bool(env, 'OUTBOX_WORKER', true),
    settings,
    counters: {
      batchSize: int(env, 'COUNTERS_BATCH_SIZE', DEFAULT_COUNTERS_SETTINGS.batchSize, 1, 10_000),
      // at most 5 s: an idle worker's sleep is part of the lag the issue bounds at 5 s
      pollIntervalMs: int(
        env,
        'COUNTERS_POLL_INTERVAL_MS',
        DEFAULT_COUNTERS_SETTINGS.pollIntervalMs,
        10,
        5000,
      ),
    },
    smtp,
    sms: {
      adapter,
      url,
      token: str(env, 'SMS_HTTP_TOKEN'),
      sender: str(env, 'SMS_SENDER'),
      unaccented: bool(env, 'SMS_UNACCENTED', false),
      timeoutMs: int(env, 'SMS_TIMEOUT_MS', 10_000, 100, 10 * 60_000),
    },
  };
}

/** The variables, for the README and `motcua config` (to append to CONFIG_VARIABLES). */
export const OUTBOX_CONFIG_VARIABLES: ReadonlyArray<{ name: string; default: string; meaning: string }> = [
  {
    name: 'OUTBOX_WORKER',
    default: 'true',
    meaning: 'Deliver outbox messages (notifications) and keep the day counters in this process',
  },
  { name: 'COUNTERS_BATCH_SIZE', default: '500', meaning: 'Facts rows the counters worker counts at a time' },
  {
    name: 'COUNTERS_POLL_INTERVAL_MS',
    default: '250',
    meaning: 'Counters worker polling interval when idle (at most 5000)',
  },
  { name: 'OUTBOX_BATCH_SIZE', default: '20', meaning: 'Messages a worker claims at a time' },
  {
    name: 'OUTBOX_POLL_INTERVAL_MS',
    default: '2000',
    meaning: 'Polling interval when idle (NOTIFY wakes earlier)',
  },
  {
    name: 'OUTBOX_LEASE_MS',
    default: '300000',
    meaning: "A claim's lease; a crashed worker's messages return after it",
  },
  {
    name: 'OUTBOX_MAX_ATTEMPTS',
    default: '8',
    meaning: 'Attempts before a message is dead (administrators can retry it)',
  },
  {
    name: 'OUTBOX_BACKOFF_BASE_MS',
    default: '30000',
    meaning: 'First retry delay; doubles each attempt, with jitter',
  },
  { name: 'OUTBOX_BACKOFF_MAX_MS', default: '21600000', meaning: 'Longest retry delay' },
  {
    name: 'OUTBOX_DELIVERY_TIMEOUT_MS',
    default: '60000',
    meaning: 'One delivery attempt gives up after this',
  },
  { name: 'SMTP_HOST', default: '(none: no e-mail)', meaning: 'SMTP server for e-mail notifications' },
  { name: 'SMTP_PORT', default: '587', meaning: 'SMTP port' },
  {
    name: 'SMTP_SECURE',
    default: 'true on port 465',
    meaning: 'TLS from the start (otherwise STARTTLS when offered)',
  },
  { name: 'SMTP_REQUIRE_TLS', default: 'false', meaning: 'Refuse to send without STARTTLS' },
  { name: 'SMTP_USER', default: '(none)', meaning: 'SMTP user name' },
  { name: 'SMTP_PASS', default: '(none)', meaning: 'SMTP password' },
  { name: 'SMTP_FROM', default: '(required with SMTP_HOST)', meaning: 'From address of notifications' },
  { name: 'SMTP_TIMEOUT_MS', default: '30000', meaning: 'SMTP connection and socket timeout' },
  { name: 'SMTP_MAX_CONNECTIONS', default: '5', meaning: 'Parallel SMTP connections' },
  {
    name: 'SMS_ADAPTER',
    default: 'simulator (none in production)',
    meaning: 'simulator (local gateway), http (SMS_HTTP_URL) or none',
  },
  { name: 'SMS_HTTP_URL', default: '(none)', meaning: 'Base URL of the SMS gateway (MotCua JSON protocol)' },
  { name: 'SMS_HTTP_TOKEN', default: '(none)', meaning: 'Bearer token for the SMS gateway' },
  { name: 'SMS_SENDER', default: '(none)', meaning: 'Brandname sent with each SMS' },
  {
    name: 'SMS_UNACCENTED',
    default: 'false',
    meaning: 'Send SMS without diacritics (160 characters per SMS)',
  },
  { name: 'SMS_TIMEOUT_MS', default: '10000', meaning: 'SMS gateway request timeout' },
];
