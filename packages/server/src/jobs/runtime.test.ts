/** The worker as main.ts runs it: adapters from configuration, LISTEN wake-ups, orderly stop. */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifyApplicant } from '../modules/notifications/service.js';
import { type TestDatabase, testDatabase } from '../test/db.js';
import { startTestSmtpServer, type TestSmtpServer } from '../test/smtp-testing.js';
import { loadOutboxConfig } from './config.js';
import { startOutbox } from './runtime.js';

let t: TestDatabase;
let smtp: TestSmtpServer;

beforeAll(async () => {
  t = await testDatabase('base');
  smtp = await startTestSmtpServer();
});
afterAll(() => smtp?.close());

describe('startOutbox', () => {
  it('delivers an applicant notification by e-mail and by the SMS simulator, promptly', async () => {
    const tenantId = (
      await t.db
        .insertInto('tenants')
        .values({ code: 'thu-nghiem', name: 'Tỉnh thử nghiệm', levels: 2 })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const config = loadOutboxConfig({
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      SMTP_FROM: 'MotCua <khong-tra-loi@motcua.test>',
      // a poll interval no test would wait for: only NOTIFY can make this prompt
      OUTBOX_POLL_INTERVAL_MS: '600000',
    });
    const logs: string[] = [];
    const outbox = await startOutbox(t.db, config, { listenUrl: t.url, log: (m) => logs.push(m) });
    try {
      expect(outbox.channels.sort()).toEqual(['email', 'sms']);
      // the day counters' worker runs beside it (modules/monitoring/counters.ts)
      expect(outbox.counters?.running).toBe(true);
      expect(logs.join('\n')).toMatch(/SMTP 127\.0\.0\.1:\d+ ready/);
      while (!outbox.worker?.listening) await new Promise((r) => setTimeout(r, 20));
      const started = Date.now();
      await t.db.transaction().execute((trx) =>
        notifyApplicant(trx, {
          tenantId,
          key: 'action-1',
          event: {
            kind: 'dossier.result_returned',
            dossier: {
              code: '000.00.01.H26-261120-0003',
              procedureName: 'Chứng thực bản sao từ bản chính',
              applicantName: 'Đỗ Quang Huy',
              agencyName: 'Ủy ban nhân dân phường Cầu Giấy',
            },
            returnedAt: new Date('2026-11-20T03:00:00Z'),
          },
          recipients: { email: 'huy.do@example.vn', phone: '0903 123 456' },
        }),
      );
      for (;;) {
        const r = await sql<{ n: number }>`select count(*)::int as n from outbox_messages
          where state = 'delivered'`.execute(t.db);
        if (r.rows[0]?.n === 2) break;
        if (Date.now() - started > 10_000) throw new Error('not delivered');
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(smtp.received.map((m) => m.subject)).toEqual(['Hồ sơ 000.00.01.H26-261120-0003 đã trả kết quả']);
      expect(outbox.smsSimulator?.messages).toEqual([
        expect.objectContaining({
          to: '+84903123456',
          text: 'Hồ sơ 000.00.01.H26-261120-0003 đã trả kết quả lúc 10:00 20/11/2026.',
        }),
      ]);
    } finally {
      await outbox.stop();
    }
    expect(outbox.worker?.running).toBe(false);
    expect(outbox.counters?.running).toBe(false);
  });

  it('starts nothing when the worker is off in this process', async () => {
    const outbox = await startOutbox(t.db, loadOutboxConfig({ OUTBOX_WORKER: 'false' }));
    expect(outbox.worker).toBeNull();
    expect(outbox.counters).toBeNull();
    await outbox.stop();
  });
});
