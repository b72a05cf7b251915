/** The outbox table: writes bound to the caller's transaction, idempotency, claims and leases. */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase } from '../test/db.js';
import {
  buryExpired,
  claimBatch,
  enqueue,
  markFailed,
  type NewOutboxMessage,
  OutboxUsageError,
} from './outbox.js';

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

const message = (key: string, channel = 'email'): NewOutboxMessage => ({
  tenantId,
  channel,
  topic: 'dossier.accepted',
  recipient: 'nguoidan@example.vn',
  payload: { subject: 'Hồ sơ đã được tiếp nhận', text: 'Nội dung' },
  idempotencyKey: key,
  ref: { type: 'dossier', id: 'H26-0001' },
});

const rows = (key?: string) => {
  let q = sql`select * from outbox_messages`;
  if (key) q = sql`select * from outbox_messages where idempotency_key = ${key}`;
  return q.execute(t.db).then((r) => r.rows as Record<string, unknown>[]);
};

describe('enqueue', () => {
  it('writes nothing when the transaction of the action rolls back', async () => {
    await expect(
      t.db.transaction().execute(async (trx) => {
        await enqueue(trx, message('rolled-back'));
        throw new Error('the action failed');
      }),
    ).rejects.toThrow('the action failed');
    expect(await rows('rolled-back')).toEqual([]);
  });

  it('enqueues once for the same idempotency key', async () => {
    const first = await t.db.transaction().execute((trx) => enqueue(trx, message('same-key')));
    const second = await t.db
      .transaction()
      .execute((trx) => enqueue(trx, { ...message('same-key'), recipient: 'khac@example.vn' }));
    expect(first.created).toBe(true);
    expect(second).toEqual({ id: first.id, created: false });
    const stored = await rows('same-key');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      state: 'pending',
      attempts: 0,
      recipient: 'nguoidan@example.vn',
      ref_type: 'dossier',
      ref_id: 'H26-0001',
      payload: { subject: 'Hồ sơ đã được tiếp nhận', text: 'Nội dung' },
    });
  });

  it('keeps concurrent enqueues of one key to one message', async () => {
    const results = await Promise.all(
      [1, 2, 3, 4].map(() => t.db.transaction().execute((trx) => enqueue(trx, message('raced')))),
    );
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
  });

  it('refuses to run outside a transaction', async () => {
    await expect(enqueue(t.db, message('no-trx'))).rejects.toBeInstanceOf(OutboxUsageError);
  });

  it('refuses a channel name the table does not accept', async () => {
    await expect(
      t.db.transaction().execute((trx) => enqueue(trx, message('bad-channel', 'E-Mail'))),
    ).rejects.toThrow(/check constraint/);
  });
});

describe('claims', () => {
  it('gives concurrent claimers disjoint batches', async () => {
    await t.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 30; i++) await enqueue(trx, message(`disjoint-${i}`, 'test_a'));
    });
    const claims = await Promise.all(
      [1, 2, 3].map(() =>
        claimBatch(t.db, { channels: ['test_a'], limit: 12, leaseMs: 60_000, claimToken: randomUUID() }),
      ),
    );
    const ids = claims.flat().map((m) => m.id);
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
    expect(claims.flat().every((m) => m.attempt === 1)).toBe(true);
    // claimed messages are invisible until their lease ends
    expect(
      await claimBatch(t.db, { channels: ['test_a'], limit: 50, leaseMs: 60_000, claimToken: randomUUID() }),
    ).toEqual([]);
  });

  it('claims only the channels asked for', async () => {
    await t.db.transaction().execute((trx) => enqueue(trx, message('other-channel', 'test_b')));
    const none = await claimBatch(t.db, {
      channels: ['test_c'],
      limit: 10,
      leaseMs: 60_000,
      claimToken: randomUUID(),
    });
    expect(none).toEqual([]);
  });

  it("returns a crashed worker's message after its lease, noting the lost attempt", async () => {
    await t.db.transaction().execute((trx) => enqueue(trx, message('crash', 'test_d')));
    const crashed = await claimBatch(t.db, {
      channels: ['test_d'],
      limit: 10,
      leaseMs: 1_000,
      claimToken: randomUUID(),
    });
    expect(crashed).toHaveLength(1);
    const claim = () =>
      claimBatch(t.db, { channels: ['test_d'], limit: 10, leaseMs: 60_000, claimToken: randomUUID() });
    expect(await claim()).toEqual([]);
    await new Promise((r) => setTimeout(r, 1_100));
    const again = await claim();
    expect(again.map((m) => [m.id, m.attempt])).toEqual([[crashed[0]?.id, 2]]);
    const [row] = await rows('crash');
    expect(row?.last_error).toMatch(/attempt 1: the worker's lease expired/);
    // the crashed worker comes back late: its claim was overtaken, so it changes nothing
    const late = await markFailed(
      t.db,
      { id: crashed[0]!.id, claimToken: crashed[0]!.claimToken },
      { error: 'late', dead: true, delayMs: 0 },
    );
    expect(late).toBeNull();
    expect((await rows('crash'))[0]).toMatchObject({ state: 'pending', claim_token: again[0]?.claimToken });
  });

  it('buries a message whose last attempt was lost with its worker', async () => {
    await t.db.transaction().execute((trx) => enqueue(trx, message('poison', 'test_e')));
    const claimOnce = () =>
      claimBatch(t.db, { channels: ['test_e'], limit: 10, leaseMs: 50, claimToken: randomUUID() });
    expect(await claimOnce()).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 80));
    expect(await claimOnce()).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 80));
    expect(await buryExpired(t.db, ['test_e'], 2)).toBe(1);
    expect((await rows('poison'))[0]).toMatchObject({ state: 'dead', attempts: 2, claim_token: null });
    expect(await claimOnce()).toEqual([]);
  });
});
