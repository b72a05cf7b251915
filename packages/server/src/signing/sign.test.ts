/**
 * Signing and verifying end to end on MotCua's own receipt and on other PDFs: a PAdES B-B
 * signature that verifies, is refused after any tampering, names its signer in Vietnamese, is
 * trusted only under its own CA, survives a second signature, and leaves the text readable.
 */
import { createHash } from 'node:crypto';
import { SignPdf } from '@signpdf/signpdf';
import { Signer } from '@signpdf/utils';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { pdfText as text } from '../test/pdf-text.js';
import { readP12, TEST_MARK } from './certificate.js';
import { buildCadesSignature, decodeCms, OID } from './cms.js';
import { signPdf, verifyPdf } from './index.js';
import { addSignaturePlaceholder } from './placeholder.js';
import { anchorsOf, handmadePdf, META, receiptPdf, SIGNING_TIME, testCertificate } from './test-fixtures.js';

function byteRange(pdf: Buffer): number[] {
  const m = /\/ByteRange \[(\d+) (\d+) (\d+) (\d+)\]/.exec(pdf.toString('latin1'));
  return m!.slice(1).map(Number);
}

/** The signature value of the (first) signature, decoded. */
function cmsOf(pdf: Buffer) {
  const [, a, b] = byteRange(pdf) as [number, number, number, number];
  return decodeCms(Buffer.from(pdf.subarray(a + 1, b - 1).toString('latin1'), 'hex'));
}

const flip = (pdf: Buffer, at: number) => {
  const copy = Buffer.from(pdf);
  copy[at] = copy[at]! ^ 0x01;
  return copy;
};

async function problemOf(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
}

let receipt: Buffer;
let signed: Buffer;
const cert = () => testCertificate('thu-lam');

beforeAll(async () => {
  receipt = await receiptPdf();
  signed = await signPdf(receipt, cert(), META);
});

describe('signing a MotCua receipt', () => {
  it('appends a PAdES signature and leaves the original bytes untouched', () => {
    expect(signed.subarray(0, receipt.length).equals(receipt)).toBe(true);
    const update = signed.subarray(receipt.length).toString('latin1');
    expect(update).toContain('/Filter /Adobe.PPKLite');
    expect(update).toContain('/SubFilter /ETSI.CAdES.detached');
    expect(update).toMatch(/\/M \(D:20261123023000Z\)/);
    expect(update).toContain('/FT /Sig');
    expect(update).toContain('/SigFlags 3');
    expect(signed.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
  });

  it('builds a CAdES-BES CMS: content-type, message-digest, signing-certificate-v2, no signing-time', () => {
    const cms = cmsOf(signed);
    const { certificate, chain } = readP12(cert().p12, cert().passphrase);
    expect(cms.signerCertificate?.equals(certificate)).toBe(true);
    expect(cms.certificates).toHaveLength(2);
    expect(cms.certificates[1]!.equals(chain[0]!)).toBe(true);
    expect(cms.contentType).toBe(OID.data);
    expect(cms.digestAlgorithm).toBe('sha256');
    expect(cms.signingTime).toBeNull();
    expect(cms.signingCertificateHash).toEqual({
      algorithm: 'sha256',
      hash: createHash('sha256').update(certificate).digest(),
    });
    const [, a, b, c] = byteRange(signed) as [number, number, number, number];
    const content = Buffer.concat([signed.subarray(0, a), signed.subarray(b, b + c)]);
    expect(cms.messageDigest?.equals(createHash('sha256').update(content).digest())).toBe(true);
  });

  it('verifies: valid, covers the whole document, trusted under its CA, signer in Vietnamese', async () => {
    const report = await verifyPdf(signed, { trustAnchors: anchorsOf(cert()), now: SIGNING_TIME });
    expect(report.signed).toBe(true);
    expect(report.signatures).toHaveLength(1);
    const [s] = report.signatures;
    expect(s).toMatchObject({
      fieldName: 'Signature1',
      valid: true,
      coversWholeDocument: true,
      certificateTrusted: true,
      certificateValidAtSigningTime: true,
      certificateExpired: false,
      reason: META.reason,
      location: META.location,
      name: META.name,
      contactInfo: META.contactInfo,
      subFilter: 'ETSI.CAdES.detached',
      digestAlgorithm: 'sha256',
      problems: [],
    });
    expect(s!.signingTime).toEqual(SIGNING_TIME);
    expect(s!.signer).toMatchObject({
      commonName: `Nguyễn Văn Đức (${TEST_MARK})`,
      organisation: 'UBND xã Thư Lâm',
    });
    expect(s!.signer!.serialNumber).toMatch(/^[0-9A-F]+$/);
    expect(s!.signer!.issuer).toContain('CN=MotCua TEST CA');
    expect(s!.notBefore).toEqual(new Date('2026-01-01T00:00:00Z'));
    expect(s!.notAfter!.getTime()).toBeGreaterThan(SIGNING_TIME.getTime());
  });

  it('keeps the text readable with every Vietnamese diacritic', async () => {
    const after = await text(signed);
    expect(after).toBe(await text(receipt));
    for (const phrase of [
      'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
      'Nguyễn Thị Hường',
      'Thủ tục đăng ký khai sinh',
    ])
      expect(after).toContain(phrase);
  });
});

describe('tampering', () => {
  it('a flipped byte inside the signed range makes the signature invalid', async () => {
    const [, a] = byteRange(signed) as [number, number];
    for (const at of [200, Math.floor(a / 2), a - 2]) {
      const report = await verifyPdf(flip(signed, at), { trustAnchors: anchorsOf(cert()) });
      expect(report.signatures[0]).toMatchObject({ valid: false });
      expect(report.signatures[0]!.problems).toContain('DIGEST_MISMATCH');
    }
  });

  it('a flipped byte after the signature value is caught too', async () => {
    const [, , b] = byteRange(signed) as [number, number, number];
    const report = await verifyPdf(flip(signed, b + 40), { trustAnchors: anchorsOf(cert()) });
    expect(report.signatures[0]!.valid).toBe(false);
  });

  it('a changed signature value no longer verifies', async () => {
    const hex = cmsOf(signed).signature.toString('hex');
    const at = signed.indexOf(hex) + 10;
    const copy = Buffer.from(signed);
    copy[at] = copy[at] === 0x30 ? 0x31 : 0x30;
    const report = await verifyPdf(copy, { trustAnchors: anchorsOf(cert()) });
    expect(report.signatures[0]!.valid).toBe(false);
    expect(report.signatures[0]!.problems).toContain('SIGNATURE_INVALID');
  });

  it('bytes appended after signing leave the signature valid but not covering the document', async () => {
    const report = await verifyPdf(Buffer.concat([signed, Buffer.from('\n1 0 obj\n(x)\nendobj\n')]), {
      trustAnchors: anchorsOf(cert()),
    });
    expect(report.signatures[0]).toMatchObject({ valid: true, coversWholeDocument: false });
    expect(report.signatures[0]!.problems).toEqual(['NOT_WHOLE_DOCUMENT']);
  });
});

describe('certificates', () => {
  it('a signature from another CA is valid but not trusted, even when that CA has the same name', async () => {
    const other = testCertificate('other-ca', { commonName: 'Trần Thị Mai' });
    const pdf = await signPdf(receipt, other, META);
    const report = await verifyPdf(pdf, { trustAnchors: anchorsOf(cert()), now: SIGNING_TIME });
    expect(report.signatures[0]).toMatchObject({ valid: true, certificateTrusted: false });
    expect(report.signatures[0]!.signer!.issuer).toBe(
      (await verifyPdf(signed, { now: SIGNING_TIME })).signatures[0]!.signer!.issuer,
    );
    expect(report.signatures[0]!.problems).toEqual(['CERTIFICATE_UNTRUSTED']);
    const both = await verifyPdf(pdf, { trustAnchors: anchorsOf(cert(), other), now: SIGNING_TIME });
    expect(both.signatures[0]!.certificateTrusted).toBe(true);
    expect((await verifyPdf(pdf, { now: SIGNING_TIME })).signatures[0]!.certificateTrusted).toBe(false);
  });

  it('reports a certificate that has expired since the signing', async () => {
    const old = testCertificate('expired', {
      notBefore: new Date('2020-01-01T00:00:00Z'),
      notAfter: new Date('2021-01-01T00:00:00Z'),
    });
    const pdf = await signPdf(receipt, old, { ...META, signingTime: new Date('2020-06-01T00:00:00Z') });
    const report = await verifyPdf(pdf, { trustAnchors: anchorsOf(old), now: SIGNING_TIME });
    expect(report.signatures[0]).toMatchObject({
      valid: true,
      certificateTrusted: true,
      certificateValidAtSigningTime: true,
      certificateExpired: true,
      notAfter: new Date('2021-01-01T00:00:00Z'),
    });
    expect(report.signatures[0]!.problems).toEqual(['CERTIFICATE_EXPIRED']);
  });

  it('refuses to sign with a certificate that is not valid at the signing time', async () => {
    const old = testCertificate('expired', {
      notBefore: new Date('2020-01-01T00:00:00Z'),
      notAfter: new Date('2021-01-01T00:00:00Z'),
    });
    const e = await problemOf(signPdf(receipt, old, META));
    expect(e).toMatchObject({ status: 422, code: 'SIGNING_CERTIFICATE_NOT_VALID' });
  });

  it('reports a signature made (by another tool) after its certificate expired, and does not trust it', async () => {
    const old = testCertificate('expired', {
      notBefore: new Date('2020-01-01T00:00:00Z'),
      notAfter: new Date('2021-01-01T00:00:00Z'),
    });
    const key = readP12(old.p12, old.passphrase);
    class Unchecked extends Signer {
      override async sign(content: Buffer) {
        return buildCadesSignature(content, key.key, [key.certificate, ...key.chain]);
      }
    }
    const { pdf: prepared } = await addSignaturePlaceholder(receipt, META, 8192);
    const pdf = await new SignPdf().sign(prepared, new Unchecked());
    const report = await verifyPdf(pdf, { trustAnchors: anchorsOf(old), now: SIGNING_TIME });
    expect(report.signatures[0]).toMatchObject({
      valid: true,
      certificateValidAtSigningTime: false,
      certificateExpired: true,
      certificateTrusted: false,
    });
    expect(report.signatures[0]!.problems).toContain('CERTIFICATE_NOT_VALID_AT_SIGNING_TIME');
  });

  it('refuses a wrong passphrase', async () => {
    const e = await problemOf(signPdf(receipt, { p12: cert().p12, passphrase: 'wrong' }, META));
    expect(e).toMatchObject({ code: 'SIGNING_CREDENTIALS_UNREADABLE' });
  });
});

describe('other PDFs', () => {
  it('countersigns: both signatures verify, only the last covers the document', async () => {
    const second = testCertificate('other-ca', { commonName: 'Trần Thị Mai' });
    const twice = await signPdf(signed, second, { ...META, name: 'Trần Thị Mai' });
    expect(twice.subarray(0, signed.length).equals(signed)).toBe(true);
    const report = await verifyPdf(twice, { trustAnchors: anchorsOf(cert(), second), now: SIGNING_TIME });
    expect(report.signatures.map((s) => [s.fieldName, s.valid, s.coversWholeDocument, s.name])).toEqual([
      ['Signature1', true, false, META.name],
      ['Signature2', true, true, 'Trần Thị Mai'],
    ]);
    expect(await text(twice)).toBe(await text(receipt));
  });

  it('signs a PDF with cross-reference and object streams (an update of the same kind)', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([300, 200]);
    page.drawText('Quyet dinh cap giay phep', {
      x: 20,
      y: 100,
      font: await doc.embedFont(StandardFonts.Helvetica),
    });
    const form = doc.getForm();
    form.createTextField('ghi_chu').addToPage(page, { x: 20, y: 20, width: 100, height: 20 });
    const pdf = Buffer.from(await doc.save({ useObjectStreams: true }));
    expect(pdf.toString('latin1')).toContain('/Type /XRef');
    const out = await signPdf(pdf, cert(), META);
    expect(out.subarray(pdf.length).toString('latin1')).toContain('/Type /XRef');
    const report = await verifyPdf(out, { trustAnchors: anchorsOf(cert()), now: SIGNING_TIME });
    expect(report.signatures[0]).toMatchObject({
      valid: true,
      coversWholeDocument: true,
      certificateTrusted: true,
    });
    // the existing field is kept beside the signature
    const reread = await PDFDocument.load(out);
    expect(
      reread
        .getForm()
        .getFields()
        .map((f) => f.getName()),
    ).toEqual(['ghi_chu', 'Signature1']);
    expect(await text(out)).toContain('Quyet dinh cap giay phep');
  });

  it('repairs a file whose startxref is wrong before signing it', async () => {
    const pdf = handmadePdf({ brokenXref: true });
    const out = await signPdf(pdf, cert(), META);
    const report = await verifyPdf(out, { trustAnchors: anchorsOf(cert()), now: SIGNING_TIME });
    expect(report.signatures[0]).toMatchObject({ valid: true, coversWholeDocument: true });
    expect(await text(out)).toContain('Giay hen tra ket qua');
  });

  it('signs a hand-written classic PDF as an update', async () => {
    const pdf = handmadePdf();
    const out = await signPdf(pdf, cert(), META);
    expect(out.subarray(0, pdf.length).equals(pdf)).toBe(true);
    expect((await verifyPdf(out, { now: SIGNING_TIME })).signatures[0]!.valid).toBe(true);
  });

  it('refuses an encrypted PDF and what is not a PDF', async () => {
    expect(await problemOf(signPdf(handmadePdf({ encrypted: true }), cert(), META))).toMatchObject({
      code: 'PDF_ENCRYPTED',
    });
    expect(await problemOf(signPdf(Buffer.from('hello'), cert(), META))).toMatchObject({
      status: 415,
      code: 'NOT_A_PDF',
    });
    expect(await problemOf(verifyPdf(Buffer.from('\x89PNG\r\n\x1a\n....', 'latin1')))).toMatchObject({
      code: 'NOT_A_PDF',
    });
  });

  it('reports an unsigned PDF as unsigned', async () => {
    expect(await verifyPdf(receipt)).toEqual({ signed: false, signatures: [] });
  });
});
