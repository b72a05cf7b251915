import { type TSchema, Type } from '@sinclair/typebox';
import { StringEnum } from '../../http/schemas.js';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Instant = Type.String({ format: 'date-time' });

export const Label = Type.Object({
  vi: Type.String({ description: 'Tiếng Việt' }),
  en: Type.String({ description: 'English' }),
});

export const SIGNATURE_STATUSES = ['valid', 'valid_untrusted', 'invalid'] as const;
export const DOCUMENT_STATUSES = [
  'valid',
  'untrusted',
  'modified_after_signing',
  'invalid',
  'unsigned',
] as const;

export const SignatureResult = Type.Object(
  {
    fieldName: Type.String({ description: 'tên trường chữ ký trong tệp — the signature field' }),
    status: StringEnum(SIGNATURE_STATUSES, {
      description:
        'valid: toàn vẹn và chứng thư tin cậy; valid_untrusted: toàn vẹn nhưng chứng thư không chuỗi tới CA tin cậy; invalid: sai chữ ký hoặc nội dung đã bị sửa',
    }),
    label: Label,
    valid: Type.Boolean({
      description:
        'Chữ ký hợp lệ về mật mã: giá trị băm của vùng được ký khớp và chữ ký CMS đúng với chứng thư kèm theo — the digest of the signed byte range matches and the CMS signature verifies with the embedded certificate',
    }),
    coversWholeDocument: Type.Boolean({
      description: 'Chữ ký bao trùm toàn bộ tệp nhận được — nothing was appended after this signature',
    }),
    signer: Nullable(
      Type.Object({
        commonName: Nullable(Type.String()),
        organisation: Nullable(Type.String()),
        serialNumber: Type.String({ description: 'số hiệu chứng thư (hex) — certificate serial number' }),
        issuer: Type.String({ description: 'tổ chức cấp chứng thư — issuer distinguished name' }),
      }),
    ),
    testCertificate: Type.Boolean({
      description: 'Chứng thư THỬ NGHIỆM của MotCua, không có giá trị pháp lý — a MotCua TEST certificate',
    }),
    signingTime: Nullable(Instant),
    notBefore: Nullable(Instant),
    notAfter: Nullable(Instant),
    certificateTrusted: Type.Boolean({
      description: 'Chứng thư chuỗi tới CA tin cậy đã cấu hình — chains to a configured trust anchor',
    }),
    certificateValidAtSigningTime: Nullable(Type.Boolean()),
    certificateExpired: Nullable(Type.Boolean()),
    reason: Nullable(Type.String()),
    location: Nullable(Type.String()),
    name: Nullable(Type.String()),
    contactInfo: Nullable(Type.String()),
    subFilter: Nullable(Type.String()),
    digestAlgorithm: Nullable(Type.String()),
    problems: Type.Array(Type.Object({ code: Type.String(), vi: Type.String(), en: Type.String() })),
  },
  { description: 'Kết quả kiểm tra một chữ ký — one signature' },
);

export const VerificationResponse = Type.Object(
  {
    signed: Type.Boolean({ description: 'Tệp có chữ ký số — the PDF holds at least one signature' }),
    status: StringEnum(DOCUMENT_STATUSES),
    summary: Label,
    signatures: Type.Array(SignatureResult),
    checkedAt: Instant,
    limits: Label,
  },
  { description: 'Kết quả kiểm tra chữ ký số của tệp PDF — the verification of a PDF' },
);

export const PdfBody = Type.Unsafe<Buffer>({
  type: 'string',
  format: 'binary',
  description: 'Tệp PDF cần kiểm tra (Content-Type: application/pdf) — the PDF itself, at most 20 MiB',
});
