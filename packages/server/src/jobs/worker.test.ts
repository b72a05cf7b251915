/**
 * The worker against real servers on loopback: an SMTP server (smtp-server) and the SMS gateway
 * simulator over HTTP. Intervals and back-off are milliseconds so the suite stays fast.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../db/client.js';
import { createSmtpSender, type EmailSender } from '../integrations/email/index.js';
import { type SmsSimulator, startSmsSimulator } from '../integrations/sms/simulator.js';
import { type TestDatabase, testDatabase } from '../test/db.js';
import { bodyPart, startTestSmtpServer, type TestSmtpServer } from '../test/smtp-testing.js';
import { emailChannel, smsChannel } from './channels.js';
import { claimBatch, deliveryKey, enqueue, type NewOutboxMessage } from './outbox.js';
import { backoffDelay, describeFailure, OutboxWorker, type WorkerOptions } from './worker.js';

let t: TestDatabase;
let tenantId: number;
let smtp: TestSmtpServer;
let email: EmailSender;
let sms: SmsSimulator;

beforeAll(async () => {
  t = await testDatabase('base');
  tenantId = (
    await t.db
      .insertInto('tenants')
      .values({ code: 'thu-nghiem', name: 'Tỉnh thử nghiệm', levels: 2 })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  smtp = await startTestSmtpServer();
  email = createSmtpSender(smtp.config());
  sms = await startSmsSimulator();
});

afterAll(async () => {
  email?.close();
  await smtp?.close();
  await sms?.close();
});

beforeEach(async () => {
  // each test starts with an empty outbox and a well-behaved SMTP server
  await sql`delete from outbox_messages`.execute(t.db);
  smtp.received.length = 0;
  smtp.refuseAll(null);
  smtp.delayMs = 0;
});

const SUBJECT = 'Hồ sơ 000.00.01.H26-261120-0001 đã được tiếp nhận';

const mail = (key: string, over: Partial<NewOutboxMessage> = {}): NewOutboxMessage => ({
  tenantId,
  channel: 'email',
  topic: 'dossier.accepted',
  recipient: 'nguyen.van.an@example.vn',
  payload: {
    subject: SUBJECT,
    text: 'Kính gửi Ông/Bà Nguyễn Văn An,\n\nHồ sơ của Ông/Bà đã được tiếp nhận.',
    html: '<p>Kính gửi Ông/Bà <strong>Nguyễn Văn An</strong>,</p>',
  },
  idempotencyKey: key,
  ...over,
});

async function put(...messages: NewOutboxMessage[]): Promise<number[]> {
  return t.db.transaction().execute(async (trx) => {
    const ids: number[] = [];
    for (const m of messages) ids.push((await enqueue(trx, m)).id);
    return ids;
  });
}

const row = async (id: number) =>
  (await sql<Record<string, unknown>>`select * from outbox_messages where id = ${id}`.execute(t.db))
    .rows[0] ?? {};

const worker = (over: Partial<WorkerOptions> = {}) =>
  new OutboxWorker({
    db: t.db,
    channels: { email: emailChannel(email), sms: smsChannel(sms.sender()) },
    batchSize: 10,
    pollIntervalMs: 20,
    leaseMs: 5_000,
    maxAttempts: 3,
    backoffBaseMs: 40,
    backoffMaxMs: 10_000,
    deliveryTimeoutMs: 3_000,
    random: () => 0.5,
    ...over,
  });

async function until<T>(check: () => Promise<T | undefined | null | false>, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('back-off', () => {
  it('grows exponentially with bounded jitter and a ceiling', () => {
    const s = { backoffBaseMs: 1000, backoffMaxMs: 60_000 };
    expect([1, 2, 3, 4].map((a) => backoffDelay(a, s, () => 0))).toEqual([500, 1000, 2000, 4000]);
    expect([1, 2, 3, 4].map((a) => backoffDelay(a, s, () => 0.999999))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffDelay(20, s, () => 0.5)).toBe(45_000);
    // below the ceiling, the smallest delay of an attempt is never below the largest of the one before
    for (let a = 2; a <= 6; a++)
      expect(backoffDelay(a, s, () => 0)).toBeGreaterThanOrEqual(backoffDelay(a - 1, s, () => 0.999999));
  });

  it('reads permanence and Retry-After from adapter errors', () => {
    expect(describeFailure(Object.assign(new Error('550 no such user'), { permanent: true }))).toMatchObject({
      permanent: true,
    });
    expect(describeFailure(Object.assign(new Error('busy'), { retryAfterMs: 2000 }))).toMatchObject({
      permanent: false,
      retryAfterMs: 2000,
    });
    expect(describeFailure('plain string').message).toBe('plain string');
  });
});

describe('delivery', () => {
  it('delivers e-mail to a real SMTP server with the Vietnamese subject intact', async () => {
    const [id] = await put(mail('accepted-1'));
    const r = await worker().runOnce();
    expect(r).toMatchObject({ claimed: 1, delivered: 1 });
    expect(smtp.received).toHaveLength(1);
    const got = smtp.received[0]!;
    expect(got.subject).toBe(SUBJECT);
    expect(got.subject).toBe(got.subject.normalize('NFC'));
    expect(got.envelopeTo).toEqual(['nguyen.van.an@example.vn']);
    expect(got.headers.to).toBe('nguyen.van.an@example.vn');
    expect(got.messageId).toBe(`<${deliveryKey(tenantId, 'accepted-1')}@motcua.test>`);
    expect(got.headers['auto-submitted']).toBe('auto-generated');
    expect(bodyPart(got.raw, 'text/plain')).toContain('Hồ sơ của Ông/Bà đã được tiếp nhận.');
    expect(bodyPart(got.raw, 'text/html')).toContain('<strong>Nguyễn Văn An</strong>');
    expect(await row(id!)).toMatchObject({ state: 'delivered', attempts: 1, claim_token: null });
    expect((await row(id!)).delivered_at).toBeInstanceOf(Date);
  });

  it('delivers SMS through the gateway simulator over HTTP', async () => {
    const before = sms.messages.length;
    const [id] = await put(
      mail('sms-1', {
        channel: 'sms',
        recipient: '0912 345 678',
        payload: { text: 'Hồ sơ 000.00.01.H26-261120-0001 đã có kết quả.' },
      }),
    );
    expect(await worker().runOnce()).toMatchObject({ delivered: 1 });
    const got = sms.messages.slice(before);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({
      to: '+84912345678',
      text: 'Hồ sơ 000.00.01.H26-261120-0001 đã có kết quả.',
      id: deliveryKey(tenantId, 'sms-1'),
      segments: 1,
    });
    expect(await row(id!)).toMatchObject({ state: 'delivered', provider_id: got[0]?.gatewayId });
  });

  it('sends SMS unaccented when the deployment asks for GSM-7', async () => {
    const before = sms.messages.length;
    await put(
      mail('sms-ascii', { channel: 'sms', recipient: '+84987654321', payload: { text: 'Đã trả kết quả' } }),
    );
    await worker({ channels: { sms: smsChannel(sms.sender(), { unaccented: true }) } }).runOnce();
    expect(sms.messages.slice(before).map((m) => m.text)).toEqual(['Da tra ket qua']);
  });

  it('retries a refusing SMTP server with growing delays, then declares the message dead', async () => {
    smtp.refuseAll(451);
    const [id] = await put(mail('refused'));
    const w = worker();
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      await until(async () => (await w.runOnce()).claimed === 1);
      const r = await row(id!);
      expect(r.attempts).toBe(attempt);
      expect(r.last_error).toMatch(new RegExp(`^attempt ${attempt}: .*451`));
      if (attempt < 3) {
        expect(r.state).toBe('pending');
        delays.push((r.next_attempt_at as Date).getTime() - (r.updated_at as Date).getTime());
      } else {
        expect(r.state).toBe('dead');
        expect(r.dead_at).toBeInstanceOf(Date);
      }
    }
    // random() = 0.5: three quarters of 40 ms · 2^(n-1)
    expect(delays).toEqual([30, 60]);
    expect(smtp.attempts).toBeGreaterThanOrEqual(3);
    expect(smtp.received).toHaveLength(0);
    // a dead message is not claimed again
    await new Promise((r) => setTimeout(r, 100));
    expect((await w.runOnce()).claimed).toBe(0);
  });

  it('gives up at once on a permanent refusal (550)', async () => {
    smtp.refuseNext(1, 550);
    const [id] = await put(mail('no-such-mailbox'));
    expect(await worker().runOnce()).toMatchObject({ dead: 1 });
    expect(await row(id!)).toMatchObject({ state: 'dead', attempts: 1 });
    expect((await row(id!)).last_error).toMatch(/permanent failure: .*550/);
  });

  it('gives up at once on a payload the channel cannot use', async () => {
    const [id] = await put(mail('bad-payload', { payload: { body: 'no subject' } }));
    await worker().runOnce();
    expect(await row(id!)).toMatchObject({ state: 'dead' });
    expect((await row(id!)).last_error).toMatch(/email message payload/);
  });

  it('honours the gateway asking to slow down (429 Retry-After), then delivers', async () => {
    sms.failNext(1, 429, { retryAfterSeconds: 1 });
    const [id] = await put(
      mail('slow-down', { channel: 'sms', recipient: '0912345679', payload: { text: 'Xin chào' } }),
    );
    const w = worker();
    expect(await w.runOnce()).toMatchObject({ retried: 1 });
    const r = await row(id!);
    expect((r.next_attempt_at as Date).getTime() - (r.updated_at as Date).getTime()).toBeGreaterThanOrEqual(
      1000,
    );
    await until(async () => (await w.runOnce()).delivered === 1, 5_000);
    expect(await row(id!)).toMatchObject({ state: 'delivered', attempts: 2 });
  });
});

describe('concurrency and crashes', () => {
  it('never delivers a message twice with two workers running at once', async () => {
    const N = 60;
    const ids = await put(...Array.from({ length: N }, (_, i) => mail(`bulk-${i}`)));
    // two workers with their own connection pools, as two processes would have
    const pools: Db[] = [createDb(t.url, 3).db, createDb(t.url, 3).db];
    const deliveredBy = [0, 0];
    const counted = (i: number) => {
      const deliver = emailChannel(email);
      return async (...args: Parameters<typeof deliver>) => {
        const r = await deliver(...args);
        deliveredBy[i] = (deliveredBy[i] ?? 0) + 1;
        return r;
      };
    };
    smtp.delayMs = 10;
    const workers = pools.map((db, i) =>
      worker({ db, batchSize: 7, pollIntervalMs: 10, channels: { email: counted(i) } }),
    );
    try {
      for (const w of workers) w.start();
      await until(async () => {
        const r = await sql<{ n: number }>`select count(*)::int as n from outbox_messages
          where state = 'delivered'`.execute(t.db);
        return r.rows[0]?.n === N;
      }, 20_000);
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
      await Promise.all(pools.map((db) => db.destroy()));
    }
    // both took part
    expect(deliveredBy.every((n) => n > 0)).toBe(true);
    expect(deliveredBy[0]! + deliveredBy[1]!).toBe(N);
    const messageIds = smtp.received.map((m) => m.messageId);
    expect(messageIds).toHaveLength(N);
    expect(new Set(messageIds).size).toBe(N);
    const attempts = await sql<{ attempts: number }>`select attempts from outbox_messages
      where id = any(${ids}::bigint[])`.execute(t.db);
    expect(attempts.rows.every((r) => r.attempts === 1)).toBe(true);
  });

  it("retries a crashed worker's claimed messages after the lease", async () => {
    const ids = await put(mail('crash-1'), mail('crash-2'));
    // a worker claims and dies before delivering anything
    const lost = await claimBatch(t.db, {
      channels: ['email'],
      limit: 10,
      leaseMs: 1_000,
      claimToken: randomUUID(),
    });
    expect(lost.map((m) => m.id).sort()).toEqual([...ids].sort());
    const w = worker();
    expect((await w.runOnce()).claimed).toBe(0);
    await until(async () => (await w.runOnce()).delivered === 2, 5_000);
    expect(smtp.received.map((m) => m.messageId).sort()).toEqual(
      ['crash-1', 'crash-2'].map((k) => `<${deliveryKey(tenantId, k)}@motcua.test>`).sort(),
    );
    for (const id of ids) {
      const r = await row(id);
      expect(r).toMatchObject({ state: 'delivered', attempts: 2 });
      expect(r.last_error).toMatch(/lease expired/);
    }
  });

  it('stops gracefully: the batch in flight is delivered and recorded first', async () => {
    smtp.delayMs = 400;
    const ids = await put(mail('graceful-1'), mail('graceful-2'), mail('graceful-3'));
    const w = worker();
    w.start();
    await until(async () => {
      const r = await sql<{ n: number }>`select count(*)::int as n from outbox_messages
        where claim_token is not null`.execute(t.db);
      return r.rows[0]?.n === 3;
    });
    await w.stop();
    expect(w.running).toBe(false);
    for (const id of ids) expect(await row(id)).toMatchObject({ state: 'delivered', claim_token: null });
    expect(smtp.received).toHaveLength(3);
  });

  it('counts a delivery that outlives its timeout as a failed attempt', async () => {
    smtp.delayMs = 600;
    const [id] = await put(mail('too-slow'));
    expect(await worker({ deliveryTimeoutMs: 150, leaseMs: 5_000 }).runOnce()).toMatchObject({ retried: 1 });
    expect((await row(id!)).last_error).toMatch(/no outcome after 150 ms/);
  });

  it('keeps polling when its LISTEN connection is killed', async () => {
    const w = worker({ pollIntervalMs: 50, listenUrl: t.url });
    w.start();
    try {
      await until(async () => w.listening);
      await sql`select pg_terminate_backend(pid) from pg_stat_activity
        where datname = current_database() and application_name = 'motcua-outbox'`.execute(t.db);
      await until(async () => !w.listening);
      const [id] = await put(mail('after-listen-lost'));
      await until(async () => (await row(id!)).state === 'delivered', 5_000);
    } finally {
      await w.stop();
    }
  });

  it('wakes on NOTIFY instead of waiting for the next poll', async () => {
    const w = worker({ pollIntervalMs: 60_000, listenUrl: t.url });
    w.start();
    try {
      // a NOTIFY sent before the LISTEN would be missed
      await until(async () => w.listening);
      const started = Date.now();
      const [id] = await put(mail('woken'));
      await until(async () => (await row(id!)).state === 'delivered', 5_000);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await w.stop();
    }
  });
});
