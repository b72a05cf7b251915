import { describe, expect, it } from 'vitest';
import { failureOf, jsonField, retryAfterMs } from './http-gateway.js';

const answer = (status: number, body = '', headers: Record<string, string> = {}) => ({
  status,
  body,
  headers: new Headers(headers),
});

describe('what a gateway answer means to the outbox worker', () => {
  it('retries credentials, timeouts, conflicts and rate limits; gives up on other 4xx', () => {
    for (const s of [401, 403, 408, 409, 425, 429, 500, 502, 503])
      expect(failureOf('g', answer(s)).permanent, String(s)).toBe(false);
    for (const s of [400, 404, 413, 422]) expect(failureOf('g', answer(s)).permanent, String(s)).toBe(true);
  });

  it('waits as long as Retry-After asks, in seconds or as a date', () => {
    const now = Date.parse('2026-12-06T10:00:00Z');
    expect(retryAfterMs('30', now)).toBe(30_000);
    expect(retryAfterMs('Sun, 06 Dec 2026 10:01:00 GMT', now)).toBe(60_000);
    expect(retryAfterMs('Sun, 06 Dec 2026 09:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBe(0);
    expect(retryAfterMs(null, now)).toBe(0);
    expect(failureOf('g', answer(429, '', { 'retry-after': '5' })).retryAfterMs).toBe(5000);
  });

  it('quotes the answer, cut short, in the message', () => {
    const f = failureOf('SMS gateway', answer(400, 'x'.repeat(1000)));
    expect(f.message).toMatch(/^SMS gateway answered 400: x+$/);
    expect(f.message.length).toBeLessThan(340);
  });

  it('reads a field of a JSON body, and nothing of another body', () => {
    expect(jsonField('{"id":"a1"}', 'id')).toBe('a1');
    expect(jsonField('<html>', 'id')).toBeUndefined();
  });
});
