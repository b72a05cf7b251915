/**
 * Verification of a PDF's digital signatures for anyone holding the document (a citizen, another
 * agency, an inspector), reported in Vietnamese and English: the library's findings as they are,
 * with a verdict per signature and for the document.
 */
import type { X509Certificate } from 'node:crypto';
import type { Static } from '@sinclair/typebox';
import {
  type SignatureProblem,
  type SignatureReport,
  TEST_MARK,
  type VerificationReport,
  verifyPdf,
} from '../../signing/index.js';
import type { DOCUMENT_STATUSES, SignatureResult, VerificationResponse } from './schemas.js';

type Label = { vi: string; en: string };

export const PROBLEM_LABELS: Record<SignatureProblem, Label> = {
  SIGNER_CERTIFICATE_MISSING: {
    vi: 'Chữ ký không kèm chứng thư số của người ký',
    en: "The signature does not carry the signer's certificate",
  },
  UNSUPPORTED_ALGORITHM: {
    vi: 'Thuật toán ký hoặc băm không được hỗ trợ',
    en: 'The signature or digest algorithm is not supported',
  },
  DIGEST_MISMATCH: {
    vi: 'Nội dung tài liệu đã bị thay đổi sau khi ký (giá trị băm không khớp)',
    en: 'The document was changed after signing (the digest does not match)',
  },
  SIGNATURE_INVALID: {
    vi: 'Chữ ký số không đúng với chứng thư số kèm theo',
    en: 'The signature does not verify with the certificate it carries',
  },
  SIGNING_CERTIFICATE_MISMATCH: {
    vi: 'Thuộc tính chứng thư ký (signing-certificate) không khớp chứng thư kèm theo',
    en: 'The signing-certificate attribute names another certificate',
  },
  CONTENT_TYPE_INVALID: {
    vi: 'Thuộc tính loại nội dung (content-type) không hợp lệ',
    en: 'The content-type attribute is not id-data',
  },
  BYTE_RANGE_INVALID: {
    vi: 'Vùng dữ liệu được ký (ByteRange) không hợp lệ',
    en: 'The signed byte range is not valid',
  },
  CMS_UNREADABLE: {
    vi: 'Không đọc được giá trị chữ ký (CMS)',
    en: 'The signature value (CMS) cannot be read',
  },
  UNSUPPORTED_SUBFILTER: {
    vi: 'Định dạng chữ ký (SubFilter) không được hỗ trợ',
    en: 'The signature format (SubFilter) is not supported',
  },
  NOT_WHOLE_DOCUMENT: {
    vi: 'Tệp có thêm nội dung sau chữ ký này (bản cập nhật sau khi ký)',
    en: 'Content was appended to the file after this signature',
  },
  CERTIFICATE_UNTRUSTED: {
    vi: 'Chứng thư số không được cấp bởi tổ chức chứng thực (CA) tin cậy đã cấu hình',
    en: 'The certificate does not chain to a configured trusted CA',
  },
  CERTIFICATE_NOT_VALID_AT_SIGNING_TIME: {
    vi: 'Chứng thư số không còn hoặc chưa có hiệu lực tại thời điểm ký',
    en: 'The certificate was not valid at the signing time',
  },
  CERTIFICATE_EXPIRED: { vi: 'Chứng thư số nay đã hết hạn', en: 'The certificate has expired since' },
  WEAK_DIGEST: { vi: 'Dùng thuật toán băm yếu (SHA-1)', en: 'A weak digest algorithm (SHA-1) is used' },
};

const SIGNATURE_LABELS: Record<Static<typeof SignatureResult>['status'], Label> = {
  valid: { vi: 'Chữ ký hợp lệ', en: 'Valid signature' },
  valid_untrusted: {
    vi: 'Chữ ký toàn vẹn nhưng chứng thư số không được tin cậy',
    en: 'Intact signature, but the certificate is not trusted',
  },
  invalid: { vi: 'Chữ ký không hợp lệ', en: 'Invalid signature' },
};

const DOCUMENT_LABELS: Record<(typeof DOCUMENT_STATUSES)[number], Label> = {
  valid: {
    vi: 'Tài liệu có chữ ký số hợp lệ, chưa bị thay đổi sau khi ký',
    en: 'The document is validly signed and unchanged since',
  },
  untrusted: {
    vi: 'Tài liệu chưa bị thay đổi, nhưng có chứng thư số không được tin cậy',
    en: 'The document is unchanged, but a certificate is not trusted',
  },
  modified_after_signing: {
    vi: 'Các chữ ký hợp lệ, nhưng tệp có thêm nội dung sau chữ ký cuối cùng',
    en: 'The signatures are intact, but content was added after the last one',
  },
  invalid: {
    vi: 'Tài liệu có chữ ký số không hợp lệ hoặc đã bị sửa sau khi ký',
    en: 'A signature is invalid, or the document was altered after signing',
  },
  unsigned: { vi: 'Tài liệu không có chữ ký số', en: 'The document has no digital signature' },
};

export const LIMITS: Label = {
  vi: 'Đã kiểm tra tính toàn vẹn, chữ ký và chuỗi chứng thư tới các CA tin cậy đã cấu hình; chưa kiểm tra tình trạng thu hồi chứng thư (OCSP/CRL), và thời điểm ký do người ký tự khai (không có dấu thời gian).',
  en: 'Integrity, the signature and the chain to the configured trusted CAs were checked; revocation (OCSP/CRL) was not, and the signing time is the signer’s claim (no timestamp).',
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function signatureResult(s: SignatureReport): Static<typeof SignatureResult> {
  const status = !s.valid ? 'invalid' : s.certificateTrusted ? 'valid' : 'valid_untrusted';
  return {
    fieldName: s.fieldName,
    status,
    label: SIGNATURE_LABELS[status],
    valid: s.valid,
    coversWholeDocument: s.coversWholeDocument,
    signer: s.signer,
    testCertificate: !!s.signer?.commonName?.includes(TEST_MARK),
    signingTime: iso(s.signingTime),
    notBefore: iso(s.notBefore),
    notAfter: iso(s.notAfter),
    certificateTrusted: s.certificateTrusted,
    certificateValidAtSigningTime: s.certificateValidAtSigningTime,
    certificateExpired: s.certificateExpired,
    reason: s.reason,
    location: s.location,
    name: s.name,
    contactInfo: s.contactInfo,
    subFilter: s.subFilter,
    digestAlgorithm: s.digestAlgorithm,
    problems: s.problems.map((code) => ({ code, ...PROBLEM_LABELS[code] })),
  };
}

export function documentStatus(report: VerificationReport): (typeof DOCUMENT_STATUSES)[number] {
  const sigs = report.signatures;
  if (sigs.length === 0) return 'unsigned';
  if (sigs.some((s) => !s.valid)) return 'invalid';
  if (!sigs.some((s) => s.coversWholeDocument)) return 'modified_after_signing';
  if (sigs.some((s) => !s.certificateTrusted)) return 'untrusted';
  return 'valid';
}

export async function verifyDocument(
  pdf: Buffer,
  trustAnchors: readonly X509Certificate[],
  now: Date,
): Promise<Static<typeof VerificationResponse>> {
  const report = await verifyPdf(pdf, { trustAnchors, now });
  const status = documentStatus(report);
  return {
    signed: report.signed,
    status,
    summary: DOCUMENT_LABELS[status],
    signatures: report.signatures.map(signatureResult),
    checkedAt: now.toISOString(),
    limits: LIMITS,
  };
}
