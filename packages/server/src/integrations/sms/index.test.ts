/** The SMS text rules, and the HTTP adapter against the gateway simulator over loopback. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../db/embedded.js';
import { createHttpSmsSender, normalizePhone, SmsError, smsInfo, toUnaccented } from './index.js';
import { type SmsSimulator, startSmsSimulator } from './simulator.js';

describe('numbers', () => {
  it('turns Vietnamese numbers into E.164', () => {
    expect(normalizePhone('0912 345 678')).toBe('+84912345678');
    expect(normalizePhone('091.234.5678')).toBe('+84912345678');
    expect(normalizePhone('84912345678')).toBe('+84912345678');
    expect(normalizePhone('+84 912 345 678')).toBe('+84912345678');
    expect(normalizePhone('(024) 3825 3536')).toBe('+842438253536');
    expect(normalizePhone('+33 1 23 45 67 89')).toBe('+33123456789');
  });

  it('rejects what is not a number', () => {
    for (const s of ['', '112', '0912-345', 'abc0912345678', '00912345678', '+84 0912 345 678'])
      expect(normalizePhone(s)).toBeNull();
  });
});

describe('text', () => {
  it('counts GSM-7 and UCS-2 segments', () => {
    expect(smsInfo('a'.repeat(160))).toEqual({ encoding: 'gsm7', units: 160, segments: 1 });
    expect(smsInfo('a'.repeat(161)).segments).toBe(2);
    expect(smsInfo('{'.repeat(80))).toEqual({ encoding: 'gsm7', units: 160, segments: 1 });
    expect(smsInfo('ệ'.repeat(70))).toEqual({ encoding: 'ucs2', units: 70, segments: 1 });
    expect(smsInfo('ệ'.repeat(71)).segments).toBe(2);
    expect(smsInfo('ệ'.repeat(135)).segments).toBe(3);
  });

  it('removes diacritics, including đ, and typographic punctuation', () => {
    expect(toUnaccented('Đã trả kết quả hồ sơ – “Giấy phép xây dựng”…')).toBe(
      'Da tra ket qua ho so - "Giay phep xay dung"...',
    );
    expect(toUnaccented('Hồ sơ'.normalize('NFD'))).toBe('Ho so');
    expect(smsInfo(toUnaccented('Người dân được thông báo qua tin nhắn')).encoding).toBe('gsm7');
  });
});

describe('HTTP adapter and simulator', () => {
  let sim: SmsSimulator;
  beforeAll(async () => {
    sim = await startSmsSimulator({ token: 'bi-mat' });
  });
  afterAll(() => sim?.close());

  it('delivers over HTTP; a repeated id is accepted without a second SMS', async () => {
    const sender = sim.sender();
    const first = await sender.send('0987 654 321', 'Hồ sơ đã có kết quả', 'key-1');
    const again = await sender.send('0987654321', 'Hồ sơ đã có kết quả', 'key-1');
    expect(first.providerId).toMatch(/^[0-9a-f-]{36}$/);
    expect(again.providerId).toBe(first.providerId);
    expect(sim.messages.filter((m) => m.id === 'key-1')).toEqual([
      expect.objectContaining({ to: '+84987654321', text: 'Hồ sơ đã có kết quả', segments: 1 }),
    ]);
    await expect(sender.verify()).resolves.toBeUndefined();
  });

  it('maps gateway answers to retry decisions', async () => {
    const sender = sim.sender();
    sim.failNext(1, 429, { retryAfterSeconds: 3 });
    await expect(sender.send('0987654321', 'x', 'k2')).rejects.toMatchObject({
      permanent: false,
      status: 429,
      retryAfterMs: 3000,
    });
    sim.failNext(1, 503);
    await expect(sender.send('0987654321', 'x', 'k3')).rejects.toMatchObject({
      permanent: false,
      status: 503,
    });
    sim.failNext(1, 400);
    await expect(sender.send('0987654321', 'x', 'k4')).rejects.toMatchObject({
      permanent: true,
      status: 400,
    });
    // the simulator's own validation: a text over the limit
    await expect(sender.send('0987654321', 'x'.repeat(1001), 'k5')).rejects.toMatchObject({
      permanent: true,
      status: 400,
    });
  });

  it('retries a credentials problem rather than burying the message', async () => {
    const wrong = createHttpSmsSender({ url: sim.url, token: 'sai', sender: null, timeoutMs: 2000 });
    await expect(wrong.send('0987654321', 'x', 'k6')).rejects.toMatchObject({
      permanent: false,
      status: 401,
    });
  });

  it('refuses a bad number without calling the gateway', async () => {
    const before = sim.requests;
    await expect(sim.sender().send('12345', 'x', 'k7')).rejects.toMatchObject({ permanent: true });
    expect(sim.requests).toBe(before);
  });

  it('treats an unreachable or silent gateway as temporary', async () => {
    const down = createHttpSmsSender({
      url: `http://127.0.0.1:${await freePort()}`,
      token: null,
      sender: null,
      timeoutMs: 1000,
    });
    await expect(down.send('0987654321', 'x', 'k8')).rejects.toBeInstanceOf(SmsError);
    await expect(down.verify()).rejects.toMatchObject({ permanent: false });

    const silent = http.createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    try {
      const port = (silent.address() as AddressInfo).port;
      const slow = createHttpSmsSender({
        url: `http://127.0.0.1:${port}`,
        token: null,
        sender: null,
        timeoutMs: 200,
      });
      await expect(slow.send('0987654321', 'x', 'k9')).rejects.toMatchObject({ permanent: false });
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });

  it('sends the brandname when configured', async () => {
    const branded = createHttpSmsSender({
      url: sim.url,
      token: 'bi-mat',
      sender: 'UBND HN',
      timeoutMs: 2000,
    });
    await branded.send('+84987654321', 'Xin chào', 'k10');
    expect(sim.messages.find((m) => m.id === 'k10')?.sender).toBe('UBND HN');
  });
});
