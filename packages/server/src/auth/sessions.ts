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
export const needsTouch = (lastSeenAt: Date | string, now = Date.now()) =>
  now - new Date(lastSeenAt).getTime() > 60_000;
