/**
 * A result returned by post reaches the carrier: the officer returns it with delivery 'postal'
 * through the API, the outbox worker (as the application role, as `npm start` runs it) hands the
 * order to the postal adapter, the local carrier books it with a tracking number, and the outbox
 * row records that number. An order a carrier could not deliver is dead at once, where an
 * administrator sees it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPostalConfig } from '../../config.js';
import { type PostalSimulator, startPostalSimulator } from '../../integrations/postal/simulator.js';
import { postalChannel } from '../../jobs/channels.js';
import { loadOutboxConfig } from '../../jobs/config.js';
import { enqueue } from '../../jobs/outbox.js';
import { startOutbox } from '../../jobs/runtime.js';
import { OutboxWorker } from '../../jobs/worker.js';
import { testDatabase } from '../../test/db.js';
import { APPLICANT, type Dossier, dossierApi, journey, vn } from './test-helpers.js';

const t = await testDatabase('demo');
const api = await dossierApi(t, vn(2026, 12, 8, 10, 0));
let sim: PostalSimulator;
let worker: OutboxWorker;

beforeAll(async () => {
  sim = await startPostalSimulator();
  worker = new OutboxWorker({
    db: t.appDb,
    channels: { postal: postalChannel(sim.sender({ timeoutMs: 2_000 })) },
    backoffBaseMs: 20,
    backoffMaxMs: 1_000,
    leaseMs: 5_000,
    deliveryTimeoutMs: 3_000,
    random: () => 0,
  });
});
afterAll(() => sim?.close());

const postalRow = (code: string) =>
  t.db
    .selectFrom('outbox_messages')
    .select(['id', 'state', 'provider_id', 'attempts', 'last_error', 'payload'])
    .where('channel', '=', 'postal')
    .where('ref_id', '=', code)
    .executeTakeFirstOrThrow();

async function returnedByPost(): Promise<Dossier> {
  const d = await journey(api, 'result_ready');
  const returned = await api.act('motcua.hoankiem', d, 'return_result', { delivery: 'postal' });
  expect(returned).toMatchObject({ status: 'returned', deliveryCode: 1 });
  return returned;
}

describe('a result returned by post', () => {
  it('is booked with the carrier once the worker runs, and the tracking number is recorded', async () => {
    const d = await returnedByPost();
    const code = d.code as string;
    expect((await postalRow(code)).state).toBe('pending');

    expect(await worker.runOnce()).toMatchObject({ claimed: 1, delivered: 1, retried: 0, dead: 0 });

    expect(sim.orders).toHaveLength(1);
    const order = sim.orders[0];
    expect(order).toMatchObject({
      reference: code,
      addressee: { name: APPLICANT.name, address: APPLICANT.address, phone: '+84912345678' },
    });
    expect(order?.sender.name).toMatch(/Hoàn Kiếm/);
    expect(order?.trackingNumber).toMatch(/^EB\d{9}VN$/);
    const row = await postalRow(code);
    expect(row).toMatchObject({ state: 'delivered', provider_id: order?.trackingNumber, attempts: 1 });
    expect(order?.items).toEqual((row.payload as { items: string[] }).items);

    // nothing is left for the postal channel: a second run books no second parcel
    expect(await worker.runOnce()).toMatchObject({ claimed: 0 });
    expect(sim.orders).toHaveLength(1);
    await api.expectReplayable();
  });

  it('waits out a carrier outage and is booked once when it is back', async () => {
    const d = await returnedByPost();
    const before = sim.orders.length;
    sim.failNext(1, 503);
    expect(await worker.runOnce()).toMatchObject({ claimed: 1, retried: 1 });
    const waiting = await postalRow(d.code as string);
    expect(waiting).toMatchObject({ state: 'pending', provider_id: null });
    expect(waiting.last_error).toMatch(/503/);

    for (let i = 0; i < 100 && (await postalRow(d.code as string)).state === 'pending'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      await worker.runOnce();
    }
    const booked = sim.orders.filter((o) => o.reference === d.code);
    expect(booked).toHaveLength(1);
    expect(sim.orders.length).toBe(before + 1);
    expect(await postalRow(d.code as string)).toMatchObject({
      state: 'delivered',
      provider_id: booked[0]?.trackingNumber,
      attempts: 2,
    });
  });

  it('is dead at once, among the dead letters, when the order has no address', async () => {
    const tenantId = (
      await t.db.selectFrom('tenants').select('id').where('code', '=', 'ha-noi').executeTakeFirstOrThrow()
    ).id;
    const reference = '000.00.01.H26-261208-9999';
    await t.db.transaction().execute((trx) =>
      enqueue(trx, {
        tenantId,
        channel: 'postal',
        topic: 'dossier.result_posted',
        // the outbox wants a recipient; the order itself carries no address
        recipient: 'Đỗ Thị Mai',
        payload: {
          kind: 'result_delivery',
          dossierCode: reference,
          sender: { name: 'Bộ phận Một cửa phường Hoàn Kiếm' },
          addressee: { name: 'Đỗ Thị Mai', address: '', phone: null },
          items: [],
        },
        idempotencyKey: 'no-address:postal',
        ref: { type: 'dossier', id: reference },
      }),
    );
    const requests = sim.requests;
    expect(await worker.runOnce()).toMatchObject({ claimed: 1, dead: 1 });
    expect(sim.requests).toBe(requests);
    const row = await postalRow(reference);
    expect(row).toMatchObject({ state: 'dead', attempts: 1 });
    expect(row.last_error).toMatch(/permanent failure: postal message payload: addressee\.address/);

    const dead = await api.get('admin', '/api/v1/admin/outbox?state=dead&channel=postal');
    expect(dead.statusCode, dead.body).toBe(200);
    expect(dead.json().items).toEqual([
      expect.objectContaining({ id: row.id, channel: 'postal', ref: { type: 'dossier', id: reference } }),
    ]);
  });

  it('goes out through the worker as a process starts it, with the simulator by default', async () => {
    const logs: string[] = [];
    const outbox = await startOutbox(
      t.appDb,
      loadOutboxConfig({ SMS_ADAPTER: 'none', OUTBOX_POLL_INTERVAL_MS: '20' }),
      { postal: loadPostalConfig({}), log: (m) => logs.push(m) },
    );
    try {
      expect(outbox.channels).toEqual(['postal']);
      expect(logs.join('\n')).toMatch(/postal: local simulator at http:\/\/127\.0\.0\.1:\d+\/orders/);
      const d = await returnedByPost();
      for (let i = 0; i < 250 && (await postalRow(d.code as string)).state === 'pending'; i++)
        await new Promise((r) => setTimeout(r, 20));
      const booked = outbox.postalSimulator?.orders ?? [];
      expect(booked).toEqual([
        expect.objectContaining({
          reference: d.code,
          addressee: expect.objectContaining({ name: APPLICANT.name }),
        }),
      ]);
      expect(await postalRow(d.code as string)).toMatchObject({
        state: 'delivered',
        provider_id: booked[0]?.trackingNumber,
      });
    } finally {
      await outbox.stop();
    }
  });
});
