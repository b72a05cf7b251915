/** Postal orders: their rules, S10 tracking numbers, and the HTTP adapter against the simulator over loopback. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../db/embedded.js';
import {
  createHttpPostalSender,
  isS10TrackingNumber,
  type PostalOrder,
  parsePostalOrder,
  s10CheckDigit,
  s10TrackingNumber,
} from './index.js';
import { type PostalSimulator, startPostalSimulator } from './simulator.js';

/** As dossiers/notify.ts enqueues it. */
const PAYLOAD = {
  kind: 'result_delivery',
  dossierCode: '000.00.01.H26-261208-0001',
  sender: { name: 'Bộ phận Một cửa phường Hoàn Kiếm' },
  addressee: {
    name: 'Nguyễn Thị Hường',
    address: 'Số 5 phố Tràng Tiền, phường Hoàn Kiếm, Hà Nội',
    phone: '0912 345 678',
  },
  items: ['Trích lục khai sinh (bản sao)'],
};

const ORDER: PostalOrder = {
  reference: PAYLOAD.dossierCode,
  sender: PAYLOAD.sender,
  addressee: { name: PAYLOAD.addressee.name, address: PAYLOAD.addressee.address, phone: '+84912345678' },
  items: PAYLOAD.items,
};

describe('orders', () => {
  it('reads the payload notify.ts enqueues, normalising text and the phone number', () => {
    expect(parsePostalOrder(PAYLOAD)).toEqual({ order: ORDER });
    const nfd = {
      ...PAYLOAD,
      addressee: {
        name: '  Nguyễn   Thị Hường '.normalize('NFD'),
        address: PAYLOAD.addressee.address,
        phone: '12',
      },
    };
    expect(parsePostalOrder(nfd)).toEqual({
      order: { ...ORDER, addressee: { ...ORDER.addressee, name: 'Nguyễn Thị Hường', phone: null } },
    });
  });

  it('refuses an order without the addressee’s name or a Vietnamese address', () => {
    const without = (addressee: object) => parsePostalOrder({ ...PAYLOAD, addressee });
    expect(without({ name: 'Nguyễn Thị Hường', address: '' })).toEqual({
      problem: expect.stringMatching(/^addressee\.address/),
    });
    expect(without({ name: 'Nguyễn Thị Hường', address: ' 12/3 ' })).toEqual({
      problem: expect.stringMatching(/^addressee\.address/),
    });
    expect(without({ name: '', address: PAYLOAD.addressee.address })).toEqual({
      problem: expect.stringMatching(/^addressee\.name/),
    });
    expect(parsePostalOrder({ ...PAYLOAD, dossierCode: null })).toEqual({
      problem: expect.stringMatching(/^dossierCode/),
    });
    expect(parsePostalOrder({ ...PAYLOAD, kind: 'sms' })).toEqual({
      problem: expect.stringMatching(/^kind/),
    });
    expect(parsePostalOrder('text')).toEqual({ problem: expect.any(String) });
  });
});

describe('tracking numbers', () => {
  it('computes the UPU S10 check digit', () => {
    // the S10 standard's worked example: RA 47312482 9 GB
    expect(s10CheckDigit('47312482')).toBe(9);
    expect(isS10TrackingNumber('RA473124829GB')).toBe(true);
    expect(s10TrackingNumber('EB', 12345678)).toBe('EB123456785VN');
    expect(s10TrackingNumber('RR', 7)).toBe('RR000000076VN');
    expect(isS10TrackingNumber('EB123456785VN')).toBe(true);
    expect(isS10TrackingNumber('EB123456784VN')).toBe(false);
    expect(isS10TrackingNumber('EB12345678VN')).toBe(false);
  });
});

describe('HTTP adapter and simulator', () => {
  let sim: PostalSimulator;
  beforeAll(async () => {
    sim = await startPostalSimulator({ token: 'bi-mat' });
  });
  afterAll(() => sim?.close());

  it('books an order and answers with a VNPost-style tracking number', async () => {
    const sender = sim.sender();
    const { providerId } = await sender.send(ORDER, 'key-1');
    expect(providerId).toMatch(/^EB\d{9}VN$/);
    expect(isS10TrackingNumber(providerId)).toBe(true);
    expect(sim.orders.filter((o) => o.key === 'key-1')).toEqual([
      expect.objectContaining({
        trackingNumber: providerId,
        reference: '000.00.01.H26-261208-0001',
        addressee: ORDER.addressee,
        items: ['Trích lục khai sinh (bản sao)'],
      }),
    ]);
    await expect(sender.verify()).resolves.toBeUndefined();
  });

  it('answers a repeated key with the first order and books no second parcel', async () => {
    const sender = sim.sender();
    const first = await sender.send(ORDER, 'key-2');
    const before = sim.orders.length;
    const again = await sender.send(ORDER, 'key-2');
    expect(again.providerId).toBe(first.providerId);
    expect(sim.orders.length).toBe(before);
    expect(sim.orders.filter((o) => o.key === 'key-2')).toHaveLength(1);
  });

  it('does not retry an order the carrier refuses (400)', async () => {
    sim.failNext(1, 400);
    await expect(sim.sender().send(ORDER, 'key-3')).rejects.toMatchObject({
      name: 'PostalError',
      permanent: true,
      status: 400,
    });
    expect(sim.orders.some((o) => o.key === 'key-3')).toBe(false);
  });

  it('retries a 503, and the retry books the order once', async () => {
    const sender = sim.sender();
    sim.failNext(1, 503);
    await expect(sender.send(ORDER, 'key-4')).rejects.toMatchObject({ permanent: false, status: 503 });
    const { providerId } = await sender.send(ORDER, 'key-4');
    expect(sim.orders.filter((o) => o.key === 'key-4')).toEqual([
      expect.objectContaining({ trackingNumber: providerId }),
    ]);
  });

  it('honours Retry-After on 429, and retries credentials problems', async () => {
    sim.failNext(1, 429, { retryAfterSeconds: 7 });
    await expect(sim.sender().send(ORDER, 'key-5')).rejects.toMatchObject({
      permanent: false,
      status: 429,
      retryAfterMs: 7000,
    });
    const wrong = createHttpPostalSender({ url: sim.url, token: 'sai', timeoutMs: 2000 });
    await expect(wrong.send(ORDER, 'key-6')).rejects.toMatchObject({ permanent: false, status: 401 });
    sim.failNext(1, 403);
    await expect(sim.sender().send(ORDER, 'key-7')).rejects.toMatchObject({ permanent: false, status: 403 });
  });

  it('refuses an order without an address before calling the carrier', async () => {
    const before = sim.requests;
    const noAddress = { ...ORDER, addressee: { ...ORDER.addressee, address: '' } };
    await expect(sim.sender().send(noAddress, 'key-8')).rejects.toMatchObject({ permanent: true });
    expect(sim.requests).toBe(before);
  });

  it('treats an unreachable or silent carrier as temporary', async () => {
    const down = createHttpPostalSender({
      url: `http://127.0.0.1:${await freePort()}`,
      token: null,
      timeoutMs: 1000,
    });
    await expect(down.send(ORDER, 'key-9')).rejects.toMatchObject({ name: 'PostalError', permanent: false });
    await expect(down.verify()).rejects.toMatchObject({ permanent: false });

    const silent = http.createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    try {
      const port = (silent.address() as AddressInfo).port;
      const slow = createHttpPostalSender({ url: `http://127.0.0.1:${port}`, token: null, timeoutMs: 200 });
      await expect(slow.send(ORDER, 'key-10')).rejects.toMatchObject({ permanent: false });
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });

  it('retries a 201 that carries no tracking number', async () => {
    const odd = http.createServer((_req, res) => {
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end('{}');
    });
    await new Promise<void>((r) => odd.listen(0, '127.0.0.1', () => r()));
    try {
      const port = (odd.address() as AddressInfo).port;
      const s = createHttpPostalSender({ url: `http://127.0.0.1:${port}/`, token: null, timeoutMs: 2000 });
      await expect(s.send(ORDER, 'key-11')).rejects.toMatchObject({ permanent: false, status: 201 });
    } finally {
      odd.closeAllConnections();
      odd.close();
    }
  });
});
