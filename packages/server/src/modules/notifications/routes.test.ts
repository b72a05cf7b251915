/**
 * Administrators and the dead letters: a message the SMTP server keeps refusing dies, shows up
 * for the administrators of its deployment only, and goes out once they retry it (audited).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpSender, type EmailSender } from '../../integrations/email/index.js';
import { emailChannel } from '../../jobs/channels.js';
import { enqueue } from '../../jobs/outbox.js';
import { OutboxWorker } from '../../jobs/worker.js';
import { type Session, signIn, testApp } from '../../test/app.js';
import { type TestDatabase, testDatabase } from '../../test/db.js';
import { startTestSmtpServer, type TestSmtpServer } from '../../test/smtp-testing.js';

let t: TestDatabase;
let app: Awaited<ReturnType<typeof testApp>>;
let smtp: TestSmtpServer;
let email: EmailSender;
let worker: OutboxWorker;
let admin: Session;
let otherAdmin: Session;
let ours: number;
let theirs: number;

const tenant = async (code: string) =>
  (await t.db.selectFrom('tenants').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;

const put = (tenantId: number, key: string) =>
  t.db.transaction().execute(
    async (trx) =>
      (
        await enqueue(trx, {
          tenantId,
          channel: 'email',
          topic: 'dossier.result_ready',
          recipient: 'le.thu@example.vn',
          payload: { subject: 'Hồ sơ 000.00.01.H26-261120-0009 đã có kết quả', text: 'Mời Ông/Bà đến nhận.' },
          idempotencyKey: key,
          ref: { type: 'dossier', id: '000.00.01.H26-261120-0009' },
        })
      ).id,
  );

/** Runs the worker until nothing is pending any more. */
async function drain() {
  for (let i = 0; i < 200; i++) {
    await worker.runOnce();
    const pending = await sql<{ n: number }>`select count(*)::int as n from outbox_messages
      where state = 'pending'`.execute(t.db);
    if (pending.rows[0]?.n === 0) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the worker did not get there');
}

beforeAll(async () => {
  t = await testDatabase('demo');
  app = await testApp(t.db);
  smtp = await startTestSmtpServer();
  email = createSmtpSender(smtp.config());
  worker = new OutboxWorker({
    db: t.db,
    channels: { email: emailChannel(email) },
    maxAttempts: 2,
    backoffBaseMs: 20,
    backoffMaxMs: 1_000,
    leaseMs: 5_000,
    deliveryTimeoutMs: 2_000,
  });
  admin = await signIn(app, 'admin');
  otherAdmin = await signIn(app, 'hn3.admin');

  smtp.refuseAll(451);
  ours = await put(await tenant('ha-noi'), 'result-ready-9');
  theirs = await put(await tenant('ha-noi-3cap'), 'result-ready-9');
  await drain();
}, 60_000);

afterAll(async () => {
  email?.close();
  await smtp?.close();
});

const list = (session: Session | null, query = '') =>
  app.inject({ url: `/api/v1/admin/outbox${query}`, headers: session ? { cookie: session.cookie } : {} });

const retry = (session: Session, id: number, csrf = true) =>
  app.inject({
    method: 'POST',
    url: `/api/v1/admin/outbox/${id}/retry`,
    headers: csrf ? session.headers : { cookie: session.cookie },
  });

describe('outbox administration', () => {
  it('shows a dead message, with its last error, to the administrators of its deployment only', async () => {
    const res = await list(admin, '?state=dead');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(1);
    expect(body.items).toEqual([
      expect.objectContaining({
        id: ours,
        channel: 'email',
        topic: 'dossier.result_ready',
        recipient: 'le.thu@example.vn',
        state: 'dead',
        attempts: 2,
        summary: 'Hồ sơ 000.00.01.H26-261120-0009 đã có kết quả',
        ref: { type: 'dossier', id: '000.00.01.H26-261120-0009' },
        lastError: expect.stringMatching(/^attempt 2: .*451/),
        deadAt: expect.any(String),
      }),
    ]);
    // dead is what an administrator looks for first, so it is the default
    expect((await list(admin)).json().items.map((i: { id: number }) => i.id)).toEqual([ours]);
    expect((await list(admin, '?state=pending')).json()).toEqual({ items: [], total: 0 });
    expect((await list(otherAdmin, '?state=dead')).json().items.map((i: { id: number }) => i.id)).toEqual([
      theirs,
    ]);
  });

  it('pages and filters by channel', async () => {
    expect((await list(admin, '?state=dead&limit=1&offset=1')).json()).toEqual({ items: [], total: 1 });
    expect((await list(admin, '?state=dead&channel=sms')).json()).toEqual({ items: [], total: 0 });
    expect((await list(admin, '?state=lost')).statusCode).toBe(400);
  });

  it('is documented in the OpenAPI description', async () => {
    const res = await app.inject({ url: '/api/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json().paths)).toEqual(
      expect.arrayContaining(['/api/v1/admin/outbox', '/api/v1/admin/outbox/{id}/retry']),
    );
  });

  it('is for administrators', async () => {
    expect((await list(null)).statusCode).toBe(401);
    const officer = await signIn(app, 'motcua.tinh');
    expect((await list(officer)).statusCode).toBe(403);
    expect((await retry(officer, ours)).statusCode).toBe(403);
  });

  it("does not retry another deployment's message, nor without the CSRF token", async () => {
    expect((await retry(admin, theirs)).statusCode).toBe(404);
    expect((await retry(admin, ours, false)).json().error.code).toBe('CSRF_TOKEN_INVALID');
  });

  it('requeues a dead message, audits it, and the worker delivers it', async () => {
    const res = await retry(admin, ours);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: ours, state: 'pending', attempts: 0, deadAt: null });

    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'outbox.retry')
      .where('entity_id', '=', String(ours))
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      entity_type: 'outbox_message',
      actor_label: 'admin',
      tenant_id: await tenant('ha-noi'),
      before: { state: 'dead', attempts: 2, lastError: expect.stringMatching(/451/) },
      after: { state: 'pending', attempts: 0 },
    });
    expect(audit[0]?.request_id).toBeTruthy();

    // a second retry of a message that is no longer dead is a conflict
    const again = await retry(admin, ours);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('OUTBOX_NOT_DEAD');

    smtp.refuseAll(null);
    await drain();
    expect(smtp.received.map((m) => m.subject)).toEqual(['Hồ sơ 000.00.01.H26-261120-0009 đã có kết quả']);
    const delivered = (await list(admin, '?state=delivered')).json();
    expect(delivered.items).toEqual([
      expect.objectContaining({ id: ours, attempts: 1, deliveredAt: expect.any(String) }),
    ]);
    // the other deployment's message stays dead
    expect((await list(otherAdmin)).json().items.map((i: { id: number }) => i.id)).toEqual([theirs]);
  });
});
