/**
 * POST /api/v1/signatures/verify end to end: public, the PDF as the body, the verdict in
 * Vietnamese and English, and the refusals (not a PDF 415, too large 413, broken 422).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signPdf, TEST_MARK } from '../../signing/index.js';
import { handmadePdf, META, receiptPdf, SIGNING_TIME, testCertificate } from '../../signing/test-fixtures.js';
import { testApp } from '../../test/app.js';
import { testDatabase } from '../../test/db.js';
import { VERIFY_MAX_BYTES } from './routes.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-verify-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

let app: Awaited<ReturnType<typeof testApp>>;
let signed: Buffer;
let foreign: Buffer;
const trusted = () => testCertificate('trusted');

beforeAll(async () => {
  const t = await testDatabase('base');
  const trust = path.join(tmp, 'trust.pem');
  fs.writeFileSync(trust, trusted().caCertificatePem);
  app = await testApp(
    t.db,
    { MOTCUA_SIGNING_TRUST: trust },
    { clock: () => SIGNING_TIME.getTime() + 60_000 },
  );
  const receipt = await receiptPdf();
  signed = await signPdf(receipt, trusted(), META);
  foreign = await signPdf(receipt, testCertificate('foreign', { commonName: 'Người ký khác' }), META);
});

const verify = (payload: Buffer | string, contentType = 'application/pdf') =>
  app.inject({
    method: 'POST',
    url: '/api/v1/signatures/verify',
    headers: { 'content-type': contentType },
    payload,
  });

describe('POST /api/v1/signatures/verify', () => {
  it('reports a valid, trusted signature without any sign-in', async () => {
    const res = await verify(signed);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      signed: true,
      status: 'valid',
      summary: { vi: 'Tài liệu có chữ ký số hợp lệ, chưa bị thay đổi sau khi ký' },
      checkedAt: new Date(SIGNING_TIME.getTime() + 60_000).toISOString(),
    });
    expect(body.limits.vi).toContain('OCSP/CRL');
    expect(body.signatures).toHaveLength(1);
    expect(body.signatures[0]).toMatchObject({
      status: 'valid',
      label: { vi: 'Chữ ký hợp lệ', en: 'Valid signature' },
      valid: true,
      coversWholeDocument: true,
      certificateTrusted: true,
      testCertificate: true,
      signingTime: SIGNING_TIME.toISOString(),
      reason: META.reason,
      location: META.location,
      subFilter: 'ETSI.CAdES.detached',
      problems: [],
      signer: { commonName: `Nguyễn Văn Đức (${TEST_MARK})`, organisation: 'UBND xã Thư Lâm' },
    });
    expect(body.signatures[0].notAfter).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('reports a tampered document as invalid, with the reason in both languages', async () => {
    const copy = Buffer.from(signed);
    copy[300] = copy[300]! ^ 0x01;
    const res = await verify(copy);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'invalid',
      signatures: [{ status: 'invalid', valid: false }],
    });
    expect(res.json().signatures[0].problems).toContainEqual({
      code: 'DIGEST_MISMATCH',
      vi: 'Nội dung tài liệu đã bị thay đổi sau khi ký (giá trị băm không khớp)',
      en: 'The document was changed after signing (the digest does not match)',
    });
  });

  it('reports a signature under a CA it does not trust as intact but untrusted', async () => {
    const res = await verify(foreign);
    expect(res.json()).toMatchObject({
      status: 'untrusted',
      signatures: [{ status: 'valid_untrusted', valid: true, certificateTrusted: false }],
    });
    expect(res.json().signatures[0].problems.map((p: { code: string }) => p.code)).toEqual([
      'CERTIFICATE_UNTRUSTED',
    ]);
  });

  it('reports content added after the last signature', async () => {
    const res = await verify(Buffer.concat([signed, Buffer.from('\n% added later\n')]));
    expect(res.json()).toMatchObject({ status: 'modified_after_signing', signatures: [{ valid: true }] });
  });

  it('answers 200 with signed: false for an unsigned PDF', async () => {
    const res = await verify(handmadePdf());
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ signed: false, status: 'unsigned', signatures: [] });
  });

  it('refuses what is not a PDF with 415', async () => {
    const png = await verify(Buffer.from('\x89PNG\r\n\x1a\n0000', 'latin1'));
    expect(png.statusCode).toBe(415);
    expect(png.json().error).toMatchObject({
      code: 'NOT_A_PDF',
      messageVi: 'Tệp gửi lên không phải là tệp PDF',
    });
    const json = await verify(JSON.stringify({ pdf: 'x' }), 'application/json');
    expect(json.statusCode).toBe(415);
    expect(json.json().error.code).toBe('NOT_A_PDF');
    const other = await verify(signed, 'application/octet-stream');
    expect(other.statusCode).toBe(415);
    expect(other.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const empty = await verify(Buffer.alloc(0));
    expect(empty.statusCode).toBe(415);
  });

  it('refuses a PDF it cannot parse with 422', async () => {
    const res = await verify(Buffer.from('%PDF-1.7\n garbage ((( <<'));
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({
      code: 'PDF_MALFORMED',
      messageVi: expect.stringContaining('PDF'),
    });
  });

  it('refuses a body over 20 MiB with 413', async () => {
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(VERIFY_MAX_BYTES)]);
    const res = await verify(big);
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('accepts PDFs only on this route', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/calendar/deadline',
      headers: { 'content-type': 'application/pdf' },
      payload: signed,
    });
    expect(res.statusCode).toBe(415);
  });

  it('is described in the OpenAPI document with a PDF request body', async () => {
    const doc = (await app.inject('/api/v1/openapi.json')).json();
    const op = doc.paths['/api/v1/signatures/verify'].post;
    expect(op.tags).toEqual(['signatures']);
    expect(Object.keys(op.requestBody.content)).toEqual(['application/pdf']);
    expect(op.responses['200'].content['application/json'].schema.properties.signatures).toBeDefined();
  });
});
