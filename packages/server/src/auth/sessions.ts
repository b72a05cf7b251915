/**
 * What officer and citizen sessions share (modules/auth, modules/citizens): the cookie's options,
 * the id stored for a token (its hash: the database never holds a usable token), and when a
 * session's last-seen instant is worth writing.
 */
import { createHash } from 'node:crypto';
import type { Config } from '../config.js';

/** HTTP-only, same-site cookie for a session token; `secure` follows COOKIE_SECURE. */
export const sessionCookieOptions = (config: Config) => ({
  path: '/',
  httpOnly: true,
  sameSite: 'lax' as const,
  secure: config.cookieSecure,
});

export const sessionIdOf = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Writing last_seen_at on every request would turn every read into a write; a minute of slack in
 * the idle timeout is harmless.
 */
export const needsTouch = (lastSeenAt: Date | string | number, now = Date.now()) =>
  now - new Date(lastSeenAt).getTime() > 60_000;

/**
 * A small in-process map whose entries expire `ttlMs` after they were stored (0: nothing is
 * kept), bounded: cleared when it holds `max` entries. What it holds may lag the database by up
 * to `ttlMs`; callers drop entries themselves on the changes they know of.
 */
export class ExpiringMap<K, V> {
  private readonly entries = new Map<K, { at: number; value: V }>();

  constructor(
    readonly ttlMs: number,
    private readonly max = 10_000,
  ) {}

  get(key: K, now = Date.now()): V | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (now - e.at >= this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return e.value;
  }

  set(key: K, value: V, now = Date.now()): void {
    if (this.ttlMs <= 0) return;
    if (this.entries.size >= this.max) this.entries.clear();
    this.entries.set(key, { at: now, value });
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  /** Drops every entry whose value matches. */
  deleteWhere(match: (value: V) => boolean): void {
    for (const [k, e] of this.entries) if (match(e.value)) this.entries.delete(k);
  }

  clear(): void {
    this.entries.clear();
  }
}

const staffListeners = new Set<(staffId: number | null) => void>();

/**
 * Caches of what an officer may do (sessions and positions, modules/auth; receiving positions,
 * modules/dossiers) register here to be told when it changes in this process.
 */
export function onStaffChanged(listener: (staffId: number | null) => void): void {
  staffListeners.add(listener);
}

/**
 * Call after a change to an officer's sessions, password, positions or active flag (null: to
 * many officers at once): this process forgets what it cached about them at once. Other
 * processes of the installation notice within their cache's lifetime (MOTCUA_SESSION_CACHE_MS).
 */
export function staffChanged(staffId: number | null): void {
  for (const listener of staffListeners) listener(staffId);
}
