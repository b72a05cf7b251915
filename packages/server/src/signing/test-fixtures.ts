/**
 * Inputs for the signing tests: MotCua's own receipt (pdfkit, Vietnamese text), small hand-written
 * PDFs for the awkward cases (encrypted, broken cross-reference offsets), and TEST certificates
 * made once per test file (two RSA keys take a moment).
 */
import { X509Certificate } from 'node:crypto';
import { renderForm } from '../documents/index.js';
import { birthRegistrationForms } from '../documents/test-data.js';
import { generateTestCertificate, type TestCertificate, type TestCertificateOptions } from './certificate.js';
import type { SignatureMeta } from './sign.js';

export const SIGNING_TIME = new Date('2026-11-23T02:30:00Z');

export const META: SignatureMeta = {
  reason: 'Ký số kết quả giải quyết thủ tục hành chính',
  location: 'UBND xã Thư Lâm, thành phố Hà Nội',
  name: 'Nguyễn Văn Đức',
  contactInfo: 'vanthu.thulam@hanoi.gov.vn',
  signingTime: SIGNING_TIME,
};

/** The birth registration receipt of the form tests (2025 set), as the dossier service renders it. */
export function receiptPdf(): Promise<Buffer> {
  return renderForm('RECEIPT', birthRegistrationForms('2025').RECEIPT!, {
    now: new Date('2026-11-22T03:00:00Z'),
  });
}

const made = new Map<string, TestCertificate>();

/** A TEST certificate (and its own CA), made once per key per test file. */
export function testCertificate(key: string, options: Partial<TestCertificateOptions> = {}): TestCertificate {
  let cert = made.get(key);
  if (!cert) {
    cert = generateTestCertificate({
      commonName: 'Nguyễn Văn Đức',
      organisation: 'UBND xã Thư Lâm',
      notBefore: new Date('2026-01-01T00:00:00Z'),
      ...options,
    });
    made.set(key, cert);
  }
  return cert;
}

export const anchorsOf = (...certs: TestCertificate[]) =>
  certs.map((c) => new X509Certificate(c.caCertificatePem));

/**
 * A one-page PDF written by hand with a classic cross-reference table: `encrypted` adds an
 * /Encrypt dictionary to the trailer, `brokenXref` points startxref at the wrong place (readers
 * repair such files silently; MotCua must too).
 */
export function handmadePdf(options: { encrypted?: boolean; brokenXref?: boolean } = {}): Buffer {
  const content = 'BT /F1 18 Tf 20 100 Td (Giay hen tra ket qua) Tj ET';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  if (options.encrypted)
    objects.push(`<< /Filter /Standard /V 1 /R 2 /O <${'11'.repeat(32)}> /U <${'22'.repeat(32)}> /P -44 >>`);
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f\r\n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n\r\n`;
  const encrypt = options.encrypted
    ? ` /Encrypt ${objects.length} 0 R /ID [<${'ab'.repeat(16)}> <${'ab'.repeat(16)}>]`
    : '';
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${encrypt} >>\nstartxref\n${options.brokenXref ? xref - 37 : xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
