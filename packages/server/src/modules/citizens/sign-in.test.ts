/**
 * Citizen sign-in with a one-time code, against real PostgreSQL: the code is read where it really
 * goes, the outbox row the worker delivers (and once through the worker to the SMS simulator).
 */
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { startSmsSimulator } from '../../integrations/sms/simulator.js';
import { smsChannel } from '../../jobs/channels.js';
import { listMessages } from '../../jobs/outbox.js';
import { OutboxWorker } from '../../jobs/worker.js';
import { signIn, testApp } from '../../test/app.js';
import { type TestDatabase, testDatabase } from '../../test/db.js';
import { CODE_TOPIC } from './messages.js';

let t: TestDatabase;
let app: Awaited<ReturnType<typeof testApp>>;

beforeAll(async () => {
  t = await testDatabase('demo');
  app = await testApp(t.db);
  // a route open to anyone signed in, to exercise that access variant (no module uses it yet)
  app.post('/api/v1/test/signed-in', { config: { access: { signedIn: true } } }, async (req) => ({
    officer: req.auth?.username ?? null,
    citizen: req.citizen?.identityNumber ?? null,
  }));
});

// Each call comes from its own address, so the per-address rate limit stays out of the way except
// in the test about it.
let nextIp = 0;
const ip = () => `198.51.${Math.floor(nextIp / 250)}.${(nextIp++ % 250) + 1}`;

const requestCode = (identityNumber: string, channel: 'email' | 'sms', remoteAddress = ip()) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/citizen/auth/code',
    payload: { identityNumber, channel },
    remoteAddress,
  });

const verify = (identityNumber: string, code: string) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/citizen/auth/verify',
    payload: { identityNumber, code },
    remoteAddress: ip(),
  });

const codeMessages = (recipient: string) =>
  t.db
    .selectFrom('outbox_messages')
    .select(['id', 'channel', 'recipient', 'topic', 'payload', 'state', 'ref_type', 'ref_id'])
    .where('topic', '=', CODE_TOPIC)
    .where('recipient', '=', recipient)
    .orderBy('id')
    .execute();

/** The code of the latest message to `recipient`, from the outbox payload. */
async function sentCode(recipient: string): Promise<string> {
  const last = (await codeMessages(recipient)).at(-1);
  if (!last) throw new Error(`no code was queued for ${recipient}`);
  const text = (last.payload as { text: string }).text;
  const code = /\b\d{6}\b/.exec(text)?.[0];
  if (!code) throw new Error(`no code in "${text}"`);
  return code;
}

const allCodeMessages = async () =>
  Number(
    (
      await t.db
        .selectFrom('outbox_messages')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('topic', '=', CODE_TOPIC)
        .executeTakeFirstOrThrow()
    ).n,
  );

/** Lets the next code be requested at once (the cooldown has passed). */
const pastCooldown = (identityNumber: string) =>
  sql`update citizen_sign_in_codes set issued_at = issued_at - interval '61 seconds',
      window_started_at = window_started_at - interval '61 seconds'
      where identity_number = ${identityNumber}`.execute(t.db);

let serial = 0;
/** A citizen of this test file only, so tests do not share codes or cooldowns. */
async function newCitizen(over: { email?: string | null; phone?: string | null } = {}) {
  const n = String(++serial).padStart(4, '0');
  const row = {
    identity_number: `00109077${n}`,
    full_name: `Trần Thị Thử ${n}`,
    email: over.email === undefined ? `thu${n}@example.vn` : over.email,
    phone: over.phone === undefined ? `091777${n}` : over.phone,
    is_demo: true,
  };
  await t.db.insertInto('citizens').values(row).execute();
  return { identityNumber: row.identity_number, email: row.email, phone: row.phone };
}

async function signInCitizen(identityNumber: string, phone: string) {
  expect((await requestCode(identityNumber, 'sms')).statusCode).toBe(202);
  const res = await verify(identityNumber, await sentCode(`+84${phone.slice(1)}`));
  expect(res.statusCode).toBe(200);
  const c = res.cookies.find((x) => x.name === 'motcua_csid')!;
  const cookie = `${c.name}=${c.value}`;
  const csrf = res.json().csrfToken as string;
  return { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } };
}

describe('signing in with a code', () => {
  it('sends a code by SMS, signs in with it, knows the citizen, signs out', async () => {
    const res = await requestCode('001194012345', 'sms');
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({
      channel: 'sms',
      destination: '09*****678',
      expiresInSeconds: 600,
      resendAfterSeconds: 60,
    });
    const [message] = await codeMessages('+84912345678');
    expect(message).toMatchObject({ channel: 'sms', state: 'pending', ref_type: 'citizen' });
    const code = await sentCode('+84912345678');
    // only a salted hash of the code is kept beside the outbox
    const stored = await t.db
      .selectFrom('citizen_sign_in_codes')
      .select(['code_hash', 'salt'])
      .where('identity_number', '=', '001194012345')
      .executeTakeFirstOrThrow();
    expect(stored.code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(`${stored.code_hash}${stored.salt}`).not.toContain(code);

    const signedIn = await verify('001194012345', code);
    expect(signedIn.statusCode).toBe(200);
    const body = signedIn.json();
    expect(body.citizen).toEqual({
      id: expect.any(Number),
      fullName: 'Nguyễn Thị Lan',
      identityNumber: '001194012345',
      email: 'nguyenthilan@example.vn',
      phone: '0912345678',
    });
    const cookie = signedIn.cookies.find((c) => c.name === 'motcua_csid');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy(); // COOKIE_SECURE is off outside production
    const sessions = await t.db.selectFrom('citizen_sessions').select('id').execute();
    expect(sessions.map((s) => s.id)).not.toContain(cookie?.value);

    const headers = { cookie: `motcua_csid=${cookie?.value}` };
    const me = await app.inject({ url: '/api/v1/citizen/me', headers });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual(body);

    // one-time: the code is spent
    expect((await verify('001194012345', code)).json().error.code).toBe('OTP_INVALID');

    const out = await app.inject({
      method: 'POST',
      url: '/api/v1/citizen/auth/logout',
      headers: { ...headers, 'x-csrf-token': body.csrfToken },
    });
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === 'motcua_csid')?.value).toBe('');
    expect((await app.inject({ url: '/api/v1/citizen/me', headers })).statusCode).toBe(401);
  });

  it('sends a code by e-mail, with no code in the subject', async () => {
    const res = await requestCode('001097005678', 'email');
    expect(res.statusCode).toBe(202);
    expect(res.json().destination).toBe('l***@example.vn');
    const [message] = await codeMessages('lequanghuy@example.vn');
    const payload = message!.payload as { subject: string; text: string; html: string };
    const code = await sentCode('lequanghuy@example.vn');
    expect(payload.subject).not.toMatch(/\d{6}/);
    expect(payload.text).toContain('Kính gửi Ông/Bà Lê Quang Huy');
    expect(payload.html).toContain(code);
    expect((await verify('001097005678', code)).statusCode).toBe(200);
  });

  it('queues the code under the deployment whose portal the citizen is on; an unknown one is refused', async () => {
    const second = await t.db
      .selectFrom('tenants')
      .select(['id', 'code'])
      .where('code', '=', 'ha-noi-3cap')
      .executeTakeFirstOrThrow();
    const ask = (tenant: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/citizen/auth/code',
        payload: { identityNumber: '001097005678', channel: 'sms', tenant },
        remoteAddress: ip(),
      });
    const before = await allCodeMessages();
    const unknown = await ask('khong-co');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({ code: 'TENANT_UNKNOWN', details: { tenant: 'khong-co' } });
    expect(await allCodeMessages()).toBe(before);

    expect((await ask(second.code)).statusCode).toBe(202);
    const phone = await t.db
      .selectFrom('outbox_messages')
      .select(['tenant_id'])
      .where('topic', '=', CODE_TOPIC)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(phone.tenant_id).toBe(second.id);
  });

  it('delivers the SMS through the worker to the gateway (the demo’s simulator)', async () => {
    const c = await newCitizen();
    const sim = await startSmsSimulator();
    try {
      await requestCode(c.identityNumber, 'sms');
      const worker = new OutboxWorker({ db: t.db, channels: { sms: smsChannel(sim.sender()) } });
      await worker.runOnce();
      const sms = sim.messages.find((m) => m.to === `+84${c.phone!.slice(1)}`);
      const code = /\b\d{6}\b/.exec(sms?.text ?? '')?.[0] ?? 'none';
      expect((await verify(c.identityNumber, code)).statusCode).toBe(200);
    } finally {
      await sim.close();
    }
  });

  it('keeps a live code out of the administrators’ outbox list', async () => {
    const c = await newCitizen();
    await requestCode(c.identityNumber, 'sms');
    await requestCode(c.identityNumber, 'email');
    const code = await sentCode(`+84${c.phone!.slice(1)}`);
    const mailCode = await sentCode(c.email!);
    const tenant = await t.db.selectFrom('tenants').select('id').orderBy('id').executeTakeFirstOrThrow();
    const list = await listMessages(t.db, tenant.id, { state: 'pending', limit: 500, offset: 0 });
    const mine = list.items.filter((m) => m.ref?.type === 'citizen' && m.topic === CODE_TOPIC);
    expect(mine.length).toBeGreaterThanOrEqual(2);
    for (const m of mine) {
      expect(m.summary).not.toContain(code);
      expect(m.summary).not.toContain(mailCode);
    }
  });
});

describe('refusing a code', () => {
  it('refuses a wrong code, then accepts the right one', async () => {
    const c = await newCitizen();
    await requestCode(c.identityNumber, 'sms');
    const code = await sentCode(`+84${c.phone!.slice(1)}`);
    const wrong = await verify(c.identityNumber, code === '000000' ? '111111' : '000000');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error).toMatchObject({
      code: 'OTP_INVALID',
      messageVi: 'Mã đăng nhập không đúng',
      details: { attemptsLeft: 4 },
    });
    expect((await verify(c.identityNumber, code)).statusCode).toBe(200);
  });

  it('kills the code after five wrong tries, even for the right code; a new code works', async () => {
    const c = await newCitizen();
    await requestCode(c.identityNumber, 'sms');
    const code = await sentCode(`+84${c.phone!.slice(1)}`);
    const bad = code === '000000' ? '111111' : '000000';
    for (const left of [4, 3, 2, 1]) {
      const r = await verify(c.identityNumber, bad);
      expect(r.json().error).toMatchObject({ code: 'OTP_INVALID', details: { attemptsLeft: left } });
    }
    const fifth = await verify(c.identityNumber, bad);
    expect(fifth.statusCode).toBe(401);
    expect(fifth.json().error.code).toBe('OTP_LOCKED');
    expect(fifth.json().error.messageVi).toContain('yêu cầu mã mới');
    expect((await verify(c.identityNumber, code)).json().error.code).toBe('OTP_LOCKED');

    await pastCooldown(c.identityNumber);
    expect((await requestCode(c.identityNumber, 'sms')).statusCode).toBe(202);
    expect((await verify(c.identityNumber, await sentCode(`+84${c.phone!.slice(1)}`))).statusCode).toBe(200);
  });

  it('counts parallel wrong guesses, each of them', async () => {
    const c = await newCitizen();
    await requestCode(c.identityNumber, 'sms');
    const code = await sentCode(`+84${c.phone!.slice(1)}`);
    const bad = code === '000000' ? '111111' : '000000';
    const answers = await Promise.all(Array.from({ length: 8 }, () => verify(c.identityNumber, bad)));
    const codes = answers.map((a) => a.json().error.code).sort();
    expect(codes.filter((x) => x === 'OTP_INVALID')).toHaveLength(4);
    expect(codes.filter((x) => x === 'OTP_LOCKED')).toHaveLength(4);
  });

  it('refuses an expired code', async () => {
    const c = await newCitizen();
    await requestCode(c.identityNumber, 'sms');
    const code = await sentCode(`+84${c.phone!.slice(1)}`);
    await sql`update citizen_sign_in_codes set issued_at = now() - interval '11 minutes',
      expires_at = now() - interval '1 minute' where identity_number = ${c.identityNumber}`.execute(t.db);
    const res = await verify(c.identityNumber, code);
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toMatchObject({
      code: 'OTP_EXPIRED',
      message: expect.stringContaining('expired'),
      messageVi: expect.stringContaining('hết hiệu lực'),
    });
  });

  it('sends at most one code a minute (429 with Retry-After); a new code replaces the old', async () => {
    const c = await newCitizen();
    const phone = `+84${c.phone!.slice(1)}`;
    expect((await requestCode(c.identityNumber, 'sms')).statusCode).toBe(202);
    const first = await sentCode(phone);
    const again = await requestCode(c.identityNumber, 'sms');
    expect(again.statusCode).toBe(429);
    expect(again.json().error).toMatchObject({ code: 'OTP_COOLDOWN', details: { retryAfterSeconds: 60 } });
    expect(again.json().error.messageVi).toMatch(/Vui lòng chờ (59|60) giây/);
    expect(again.headers['retry-after']).toBe('60');
    expect(await codeMessages(phone)).toHaveLength(1);
    // the other channel has its own cooldown
    expect((await requestCode(c.identityNumber, 'email')).statusCode).toBe(202);

    await pastCooldown(c.identityNumber);
    expect((await requestCode(c.identityNumber, 'sms')).statusCode).toBe(202);
    const second = await sentCode(phone);
    expect(await codeMessages(phone)).toHaveLength(2);
    if (second !== first) expect((await verify(c.identityNumber, first)).statusCode).toBe(401);
    expect((await verify(c.identityNumber, second)).statusCode).toBe(200);
  });

  it('sends at most five codes an hour per number and channel', async () => {
    const c = await newCitizen();
    for (let i = 0; i < 5; i++) {
      expect((await requestCode(c.identityNumber, 'sms')).statusCode).toBe(202);
      await sql`update citizen_sign_in_codes set issued_at = issued_at - interval '61 seconds'
        where identity_number = ${c.identityNumber}`.execute(t.db);
    }
    const sixth = await requestCode(c.identityNumber, 'sms');
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().error.details.retryAfterSeconds).toBeGreaterThan(60);
    expect(sixth.json().error.messageVi).toContain('phút');
    await sql`update citizen_sign_in_codes set window_started_at = now() - interval '61 minutes'
      where identity_number = ${c.identityNumber}`.execute(t.db);
    expect((await requestCode(c.identityNumber, 'sms')).statusCode).toBe(202);
  });
});

describe('an identity number without a citizen', () => {
  it('gets the same answers as a citizen, and nothing is sent', async () => {
    const unknown = '001099999999';
    const before = await allCodeMessages();
    const res = await requestCode(unknown, 'sms');
    expect(res.statusCode).toBe(202);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual([
      'channel',
      'destination',
      'expiresInSeconds',
      'resendAfterSeconds',
    ]);
    expect(body).toMatchObject({ channel: 'sms', expiresInSeconds: 600, resendAfterSeconds: 60 });
    expect(body.destination).toMatch(/^0[35789]\*{5}\d{3}$/);
    expect(await allCodeMessages()).toBe(before);

    // the cooldown applies, as for a citizen
    expect((await requestCode(unknown, 'sms')).json().error.code).toBe('OTP_COOLDOWN');
    // the masked destination is stable across requests, as a real one is
    await pastCooldown(unknown);
    expect((await requestCode(unknown, 'sms')).json().destination).toBe(body.destination);
    const email = await requestCode(unknown, 'email');
    expect(email.statusCode).toBe(202);
    expect(email.json().destination).toMatch(/^[a-z]\*{3}@[a-z]+\.com$/);

    // and so do the wrong-code, lock and expiry answers
    const first = await verify(unknown, '123456');
    expect(first.json().error).toMatchObject({ code: 'OTP_INVALID', details: { attemptsLeft: 4 } });
    for (let i = 0; i < 4; i++) await verify(unknown, '123456');
    expect((await verify(unknown, '123456')).json().error.code).toBe('OTP_LOCKED');
    await sql`update citizen_sign_in_codes set issued_at = now() - interval '11 minutes',
      expires_at = now() - interval '1 minute' where identity_number = ${unknown}`.execute(t.db);
    expect((await verify(unknown, '123456')).json().error.code).toBe('OTP_EXPIRED');
    expect(await allCodeMessages()).toBe(before);
  });

  it('treats a citizen without the requested contact the same way', async () => {
    const before = await allCodeMessages();
    // Ngô Văn Bình (demo) has a phone but no e-mail address
    const res = await requestCode('001085001122', 'email');
    expect(res.statusCode).toBe(202);
    expect(res.json().destination).toMatch(/^[a-z]\*{3}@/);
    expect(await allCodeMessages()).toBe(before);
  });

  it('answers a number never asked about as a wrong code', async () => {
    const res = await verify('001099888888', '123456');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('OTP_INVALID');
  });
});

describe('citizen sessions and access', () => {
  it('requires the CSRF token to sign out', async () => {
    const c = await newCitizen();
    const s = await signInCitizen(c.identityNumber, c.phone!);
    for (const headers of [{ cookie: s.cookie }, { cookie: s.cookie, 'x-csrf-token': 'guess' }]) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/citizen/auth/logout', headers });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('CSRF_TOKEN_INVALID');
    }
    expect((await app.inject({ url: '/api/v1/citizen/me', headers: { cookie: s.cookie } })).statusCode).toBe(
      200,
    );
  });

  it('keeps officers and citizens apart', async () => {
    const c = await newCitizen();
    const citizen = await signInCitizen(c.identityNumber, c.phone!);
    const officer = await signIn(app, 'motcua.tinh');
    // an officer's session opens no citizen route
    const asOfficer = await app.inject({ url: '/api/v1/citizen/me', headers: { cookie: officer.cookie } });
    expect(asOfficer.statusCode).toBe(401);
    const logout = await app.inject({
      method: 'POST',
      url: '/api/v1/citizen/auth/logout',
      headers: officer.headers,
    });
    expect(logout.statusCode).toBe(401);
    // a citizen's session opens no officer route
    expect(
      (await app.inject({ url: '/api/v1/auth/me', headers: { cookie: citizen.cookie } })).statusCode,
    ).toBe(401);
    const admin = await app.inject({ url: '/api/v1/admin/outbox', headers: { cookie: citizen.cookie } });
    expect(admin.statusCode).toBe(401);
    // with both cookies, each route still sees only its own kind of session and token
    const both = `${officer.cookie}; ${citizen.cookie}`;
    const crossed = await app.inject({
      method: 'POST',
      url: '/api/v1/citizen/auth/logout',
      headers: { cookie: both, 'x-csrf-token': officer.csrf },
    });
    expect(crossed.statusCode).toBe(403);
  });

  it('opens a {signedIn} route to either, checking the CSRF token of the session present', async () => {
    const c = await newCitizen();
    const citizen = await signInCitizen(c.identityNumber, c.phone!);
    const officer = await signIn(app, 'chuyenvien.stp');
    const call = (headers: Record<string, string>) =>
      app.inject({ method: 'POST', url: '/api/v1/test/signed-in', headers });
    expect((await call({})).statusCode).toBe(401);
    expect((await call(officer.headers)).json()).toEqual({ officer: 'chuyenvien.stp', citizen: null });
    expect((await call(citizen.headers)).json()).toEqual({ officer: null, citizen: c.identityNumber });
    expect((await call({ cookie: officer.cookie, 'x-csrf-token': citizen.csrf })).statusCode).toBe(403);
    expect((await call({ cookie: citizen.cookie, 'x-csrf-token': officer.csrf })).statusCode).toBe(403);
    expect((await call({ cookie: citizen.cookie })).statusCode).toBe(403);
    const both = `${officer.cookie}; ${citizen.cookie}`;
    expect((await call({ cookie: both, 'x-csrf-token': citizen.csrf })).statusCode).toBe(200);
  });

  it('ends an idle or expired session', async () => {
    const c = await newCitizen();
    const idle = await signInCitizen(c.identityNumber, c.phone!);
    await sql`update citizen_sessions set last_seen_at = now() - interval '2 hours'`.execute(t.db);
    expect(
      (await app.inject({ url: '/api/v1/citizen/me', headers: { cookie: idle.cookie } })).statusCode,
    ).toBe(401);
    await pastCooldown(c.identityNumber);
    const expired = await signInCitizen(c.identityNumber, c.phone!);
    await sql`update citizen_sessions set expires_at = now() - interval '1 second'`.execute(t.db);
    expect(
      (await app.inject({ url: '/api/v1/citizen/me', headers: { cookie: expired.cookie } })).statusCode,
    ).toBe(401);
  });
});

describe('requests', () => {
  it('validates bodies (400 with the failing paths)', async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['/api/v1/citizen/auth/code', { identityNumber: '001194012345', channel: 'fax' }, '/body/channel'],
      ['/api/v1/citizen/auth/code', { identityNumber: '12', channel: 'sms' }, '/body/identityNumber'],
      ['/api/v1/citizen/auth/code', { identityNumber: '001194012345' }, '/body'],
      ['/api/v1/citizen/auth/code', { identityNumber: '001194012345', channel: 'sms', x: 1 }, '/body'],
      ['/api/v1/citizen/auth/verify', { identityNumber: '001194012345', code: '12ab56' }, '/body/code'],
      ['/api/v1/citizen/auth/verify', { identityNumber: '001194012345', code: '1234567' }, '/body/code'],
    ];
    for (const [url, payload, path] of cases) {
      const res = await app.inject({ method: 'POST', url, payload, remoteAddress: ip() });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(res.json().error.details.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
  });

  it('rate-limits code requests per address, loopback included (429)', async () => {
    const limited = await testApp(t.db);
    let last = 0;
    for (let i = 0; i < 11 && last !== 429; i++) {
      const res = await limited.inject({
        method: 'POST',
        url: '/api/v1/citizen/auth/code',
        payload: { identityNumber: `0010995555${String(i).padStart(2, '0')}`, channel: 'sms' },
      });
      last = res.statusCode;
      if (last === 429) expect(res.json().error.code).toBe('RATE_LIMITED');
    }
    expect(last).toBe(429);
  });

  it('documents the routes in OpenAPI under citizen-auth', async () => {
    const doc = (await app.inject({ url: '/api/v1/openapi.json' })).json();
    for (const [path, method] of [
      ['/api/v1/citizen/auth/code', 'post'],
      ['/api/v1/citizen/auth/verify', 'post'],
      ['/api/v1/citizen/auth/logout', 'post'],
      ['/api/v1/citizen/me', 'get'],
    ] as const)
      expect(doc.paths[path][method].tags).toEqual(['citizen-auth']);
    expect(doc.paths['/api/v1/citizen/auth/code'].post.responses['202']).toBeTruthy();
  });
});
