/** notifyApplicant: what a dossier action calls inside its transaction. */
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase } from '../../test/db.js';
import { notifyApplicant } from './service.js';
import type { NotificationEvent } from './templates.js';

let t: TestDatabase;
let tenantId: number;

beforeAll(async () => {
  t = await testDatabase('base');
  tenantId = (
    await t.db
      .insertInto('tenants')
      .values({ code: 'thu-nghiem', name: 'Tỉnh thử nghiệm', levels: 2 })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
});

const event: NotificationEvent = {
  kind: 'dossier.accepted',
  dossier: {
    code: '000.00.01.H26-261120-0042',
    procedureName: 'Đăng ký khai sinh',
    applicantName: 'Phạm Minh Châu',
    agencyName: 'Ủy ban nhân dân xã Sóc Sơn',
  },
  receivedAt: new Date('2026-11-20T02:00:00Z'),
  appointmentAt: new Date('2026-11-20T09:00:00Z'),
};

const messages = (key: string) =>
  sql<Record<string, unknown>>`select * from outbox_messages where idempotency_key like ${`${key}:%`}
    order by channel`
    .execute(t.db)
    .then((r) => r.rows);

describe('notifyApplicant', () => {
  it('queues an e-mail and an SMS in the action transaction, once per action', async () => {
    const notify = () =>
      t.db.transaction().execute((trx) =>
        notifyApplicant(trx, {
          tenantId,
          key: 'action-7f3a',
          event,
          recipients: { email: ' chau.pham@example.vn ', phone: '0912 000 111' },
        }),
      );
    const first = await notify();
    expect(first.email).toEqual(expect.any(Number));
    expect(first.sms).toEqual(expect.any(Number));
    expect(await notify()).toEqual(first);
    const rows = await messages('action-7f3a');
    expect(rows.map((r) => [r.channel, r.recipient, r.topic, r.ref_type, r.ref_id])).toEqual([
      ['email', 'chau.pham@example.vn', 'dossier.accepted', 'dossier', '000.00.01.H26-261120-0042'],
      ['sms', '+84912000111', 'dossier.accepted', 'dossier', '000.00.01.H26-261120-0042'],
    ]);
    expect((rows[0]!.payload as { subject: string }).subject).toBe(
      'Hồ sơ 000.00.01.H26-261120-0042 đã được tiếp nhận',
    );
    expect((rows[1]!.payload as { text: string }).text).toContain('Hẹn trả kết quả: 16:00 20/11/2026');
  });

  it('queues nothing if the action rolls back', async () => {
    await expect(
      t.db.transaction().execute(async (trx) => {
        await notifyApplicant(trx, {
          tenantId,
          key: 'action-rolled-back',
          event,
          recipients: { email: 'a@example.vn', phone: '0912000111' },
        });
        throw new Error('stale dossier version');
      }),
    ).rejects.toThrow('stale dossier version');
    expect(await messages('action-rolled-back')).toEqual([]);
  });

  it('skips a missing or unusable address instead of failing the action', async () => {
    const r = await t.db.transaction().execute((trx) =>
      notifyApplicant(trx, {
        tenantId,
        key: 'action-no-contact',
        event,
        recipients: { email: 'khong co email', phone: null },
      }),
    );
    expect(r).toEqual({ email: null, sms: null });
    expect(await messages('action-no-contact')).toEqual([]);
  });
});
