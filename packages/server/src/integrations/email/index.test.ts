/** The SMTP adapter against a real SMTP server on loopback. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { freePort } from '../../db/embedded.js';
import { bodyPart, decodeWords, startTestSmtpServer, type TestSmtpServer } from '../../test/smtp-testing.js';
import { createSmtpSender, EmailError, type EmailSender, isEmailAddress } from './index.js';

let smtp: TestSmtpServer;
let sender: EmailSender;

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  sender = createSmtpSender(smtp.config());
});

afterAll(async () => {
  sender?.close();
  await smtp?.close();
});

beforeEach(() => {
  smtp.received.length = 0;
  smtp.refuseAll(null);
});

const message = {
  to: 'tran.thi.binh@example.vn',
  subject: 'Thư xin lỗi và hẹn lại ngày trả kết quả hồ sơ 000.00.01.H26-261120-0007',
  text: 'Kính gửi Ông/Bà Trần Thị Bình,\n\nỦy ban nhân dân phường thành thật xin lỗi.',
  html: '<p>Kính gửi Ông/Bà Trần Thị Bình,</p>',
};

describe('SMTP adapter', () => {
  it('sends UTF-8 text and HTML with a Message-ID derived from the delivery key', async () => {
    const r = await sender.send(message, 'k3y_AbC-123', undefined);
    expect(r.providerId).toBeTruthy();
    const [got] = smtp.received;
    expect(got?.subject).toBe(message.subject);
    expect(got?.envelopeFrom).toBe('khong-tra-loi@motcua.test');
    expect(decodeWords(got?.headers.from ?? '')).toBe(
      'Trung tâm Phục vụ hành chính công <khong-tra-loi@motcua.test>',
    );
    expect(got?.messageId).toBe('<k3y_AbC-123@motcua.test>');
    expect(got?.headers['x-auto-response-suppress']).toBe('All');
    expect(bodyPart(got!.raw, 'text/plain')).toContain('Ủy ban nhân dân phường thành thật xin lỗi.');
    expect(bodyPart(got!.raw, 'text/html')).toContain('<p>Kính gửi Ông/Bà Trần Thị Bình,</p>');
  });

  it('sends decomposed (NFD) input composed (NFC)', async () => {
    await sender.send({ ...message, subject: 'Hồ sơ đã có kết quả'.normalize('NFD'), html: null }, 'nfd');
    expect(smtp.received[0]?.subject).toBe('Hồ sơ đã có kết quả'.normalize('NFC'));
    expect(bodyPart(smtp.received[0]!.raw, 'text/html')).toBeNull();
  });

  it('tells a temporary refusal (4yz) from a permanent one (5yz)', async () => {
    smtp.refuseNext(1, 451);
    const temporary = await sender.send(message, 'a').catch((e: unknown) => e);
    expect(temporary).toBeInstanceOf(EmailError);
    expect(temporary).toMatchObject({ permanent: false, responseCode: 451 });

    smtp.refuseNext(1, 550);
    const permanent = await sender.send(message, 'b').catch((e: unknown) => e);
    expect(permanent).toMatchObject({ permanent: true, responseCode: 550 });
    expect(smtp.received).toHaveLength(0);
  });

  it('refuses an unusable address before connecting', async () => {
    for (const to of ['khong-phai-dia-chi', 'a@b.vn\r\nBcc: x@y.vn', 'hai cach@example.vn'])
      await expect(sender.send({ ...message, to }, 'c')).rejects.toMatchObject({ permanent: true });
    expect(isEmailAddress('le.van.cuong+hoso@xa-phuong.gov.vn')).toBe(true);
  });

  it('reports an unreachable server as a temporary failure, and verify() says so', async () => {
    const down = createSmtpSender(smtp.config({ port: await freePort(), timeoutMs: 1000 }));
    try {
      await expect(down.send(message, 'd')).rejects.toMatchObject({ permanent: false });
      await expect(down.verify()).rejects.toBeInstanceOf(EmailError);
    } finally {
      down.close();
    }
    await expect(sender.verify()).resolves.toBeUndefined();
  });

  it('gives up when the caller aborts', async () => {
    smtp.delayMs = 1000;
    try {
      const controller = new AbortController();
      const sending = sender.send(message, 'e', controller.signal);
      setTimeout(() => controller.abort(new Error('timed out')), 100);
      await expect(sending).rejects.toMatchObject({ permanent: false });
    } finally {
      smtp.delayMs = 0;
    }
  });
});
