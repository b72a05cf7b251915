import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { sessionIdOf, staffChanged } from '../../auth/sessions.js';
import { signIn, testApp } from '../../test/app.js';
import { type TestDatabase, testDatabase } from '../../test/db.js';
import { DEMO_PASSWORD } from '../demo/definitions.js';
import { endSessionsOf } from './service.js';

let t: TestDatabase;
let app: Awaited<ReturnType<typeof testApp>>;

beforeAll(async () => {
  t = await testDatabase('demo');
  app = await testApp(t.db, { LOGIN_MAX_FAILURES: '3', LOGIN_LOCK_MINUTES: '10' });
});

const login = (username: string, password: string) =>
  app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });

describe('officer sign-in', () => {
  it('signs in with username and password and sets a secure session cookie', async () => {
    const res = await login('motcua.tinh', DEMO_PASSWORD);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.staff.username).toBe('motcua.tinh');
    expect(body.tenant.code).toBe('ha-noi');
    expect(body.positions[0]).toMatchObject({
      role: 'receiving_officer',
      receptionPoint: { name: expect.stringContaining('Trung tâm Phục vụ') },
    });
    const cookie = res.cookies.find((c) => c.name === 'motcua_sid');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    // only a hash of the token is stored
    const stored = await t.db.selectFrom('sessions').select('id').execute();
    expect(stored.map((s) => s.id)).not.toContain(cookie?.value);
  });

  it('accepts the username in any case', async () => {
    expect((await login('MotCua.Tinh', DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('refuses a wrong password and an unknown user alike', async () => {
    const wrong = await login('vanthu.stp', 'not the password 1!');
    const unknown = await login('nobody.here', 'not the password 1!');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error).toEqual(unknown.json().error);
  });

  it('locks the account after repeated failures, even for the right password', async () => {
    for (let i = 0; i < 2; i++)
      expect((await login('chuyenvien.sxd', 'wrong-password-1!')).statusCode).toBe(401);
    const third = await login('chuyenvien.sxd', 'wrong-password-1!');
    expect(third.statusCode).toBe(403);
    expect(third.json().error.code).toBe('ACCOUNT_LOCKED');
    const right = await login('chuyenvien.sxd', DEMO_PASSWORD);
    expect(right.statusCode).toBe(403);
    expect(right.json().error.details.lockedUntil).toBeTruthy();
    // once the lock has passed, the right password works again
    await sql`update staff set locked_until = now() - interval '1 second' where username = 'chuyenvien.sxd'`.execute(
      t.db,
    );
    expect((await login('chuyenvien.sxd', DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('refuses a deactivated account', async () => {
    await t.db.updateTable('staff').set({ active: false }).where('username', '=', 'vanthu.sxd').execute();
    expect((await login('vanthu.sxd', DEMO_PASSWORD)).statusCode).toBe(401);
  });
});

describe('sessions', () => {
  it('knows the officer on later requests', async () => {
    const s = await signIn(app, 'lanhdao.stp');
    const me = await app.inject({ url: '/api/v1/auth/me', headers: { cookie: s.cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ staff: { username: 'lanhdao.stp' }, csrfToken: s.csrf });
  });

  it('requires the CSRF token on state-changing requests', async () => {
    const s = await signIn(app, 'lanhdao.snnmt');
    const without = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: s.cookie },
    });
    expect(without.statusCode).toBe(403);
    expect(without.json().error.code).toBe('CSRF_TOKEN_INVALID');
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: s.cookie, 'x-csrf-token': 'guess' },
    });
    expect(wrong.statusCode).toBe(403);
  });

  it('ends the session on logout', async () => {
    const s = await signIn(app, 'truongphong.stp');
    const out = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: s.headers });
    expect(out.statusCode).toBe(204);
    expect((await app.inject({ url: '/api/v1/auth/me', headers: { cookie: s.cookie } })).statusCode).toBe(
      401,
    );
  });

  it('ends an idle or expired session', async () => {
    // sessions changed behind the server's back by SQL: read on every request (no cache)
    const uncached = await testApp(t.db, { MOTCUA_SESSION_CACHE_MS: '0' });
    const idle = await signIn(uncached, 'quantri.stp');
    await sql`update sessions set last_seen_at = now() - interval '2 hours'`.execute(t.db);
    expect(
      (await uncached.inject({ url: '/api/v1/auth/me', headers: { cookie: idle.cookie } })).statusCode,
    ).toBe(401);
    const expired = await signIn(uncached, 'quantri.stp');
    await sql`update sessions set expires_at = now() - interval '1 second'`.execute(t.db);
    expect(
      (await uncached.inject({ url: '/api/v1/auth/me', headers: { cookie: expired.cookie } })).statusCode,
    ).toBe(401);
  });

  describe('the session cache (MOTCUA_SESSION_CACHE_MS)', () => {
    const me = (a: typeof app, cookie: string) => a.inject({ url: '/api/v1/auth/me', headers: { cookie } });
    const expire = (id: string) =>
      sql`update sessions set expires_at = now() - interval '1 second' where id = ${id}`.execute(t.db);
    const sessionOf = (cookie: string) =>
      sessionIdOf(decodeURIComponent(cookie.replace(/^.*motcua_sid=([^;]*).*$/, '$1')));

    it('reuses a session for its lifetime: a change by SQL shows once it has passed', async () => {
      const cached = await testApp(t.db, { MOTCUA_SESSION_CACHE_MS: '300' });
      const s = await signIn(cached, 'chuyenvien.stp');
      expect((await me(cached, s.cookie)).statusCode).toBe(200);
      await expire(sessionOf(s.cookie));
      // the documented lag: another process (here SQL) ended it, this one has not read it again yet
      expect((await me(cached, s.cookie)).statusCode).toBe(200);
      await new Promise((r) => setTimeout(r, 350));
      expect((await me(cached, s.cookie)).statusCode).toBe(401);
    });

    it('forgets a session at once on sign-out, and an officer’s sessions when they are ended', async () => {
      const cached = await testApp(t.db, { MOTCUA_SESSION_CACHE_MS: '60000' });
      const a = await signIn(cached, 'truongphong.sxd');
      expect((await me(cached, a.cookie)).statusCode).toBe(200);
      const out = await cached.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: a.headers });
      expect(out.statusCode).toBe(204);
      expect((await me(cached, a.cookie)).statusCode).toBe(401);

      const b = await signIn(cached, 'truongphong.sxd');
      const c = await signIn(cached, 'truongphong.sxd');
      expect((await me(cached, b.cookie)).statusCode).toBe(200);
      expect((await me(cached, c.cookie)).statusCode).toBe(200);
      const staff = await t.db
        .selectFrom('staff')
        .select('id')
        .where('username', '=', 'truongphong.sxd')
        .executeTakeFirstOrThrow();
      await endSessionsOf(t.db, staff.id);
      expect((await me(cached, b.cookie)).statusCode).toBe(401);
      expect((await me(cached, c.cookie)).statusCode).toBe(401);
    });

    it('still ends an idle session on time, and reads positions again after a staff change', async () => {
      const cached = await testApp(t.db, { MOTCUA_SESSION_CACHE_MS: '60000', SESSION_IDLE_MINUTES: '1' });
      const s = await signIn(cached, 'lanhdao.sxd');
      const before = (await me(cached, s.cookie)).json();
      expect(before.positions.length).toBeGreaterThan(0);
      // the staff row changes through this process: staffChanged drops what was cached
      await t.db.updateTable('staff').set({ active: false }).where('username', '=', 'lanhdao.sxd').execute();
      expect((await me(cached, s.cookie)).statusCode).toBe(200);
      staffChanged(null);
      expect((await me(cached, s.cookie)).statusCode).toBe(401);
      await t.db.updateTable('staff').set({ active: true }).where('username', '=', 'lanhdao.sxd').execute();
      // idle: the cached last-seen instant is checked on every request
      const idle = await signIn(cached, 'lanhdao.sxd');
      expect((await me(cached, idle.cookie)).statusCode).toBe(200);
      const realNow = Date.now;
      Date.now = () => realNow() + 2 * 60_000;
      try {
        await sql`update sessions set last_seen_at = now() - interval '2 minutes'`.execute(t.db);
        expect((await me(cached, idle.cookie)).statusCode).toBe(401);
      } finally {
        Date.now = realNow;
      }
    });
  });

  it('rate-limits sign-in attempts per address (429)', async () => {
    const limited = await testApp(t.db);
    let last = 0;
    for (let i = 0; i < 21; i++) {
      const res = await limited.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'nobody.here', password: 'x' },
        remoteAddress: '203.0.113.9',
      });
      last = res.statusCode;
      if (last === 429) {
        expect(res.json().error.code).toBe('RATE_LIMITED');
        break;
      }
    }
    expect(last).toBe(429);
  });
});
