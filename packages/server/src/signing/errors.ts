/**
 * Refusals of the signing library, as DomainErrors (one family, mapped to the response in one
 * place). A refusal to sign is the caller's or the configuration's problem, never a half-signed file.
 */
import { DomainError } from '../errors.js';

export const signingErrors = {
  notPdf: (detected: string) =>
    new DomainError(415, 'NOT_A_PDF', 'The file is not a PDF', 'Tệp gửi lên không phải là tệp PDF', {
      detected,
    }),
  malformed: (reason: string) =>
    new DomainError(
      422,
      'PDF_MALFORMED',
      `The PDF cannot be read: ${reason}`,
      'Không đọc được cấu trúc của tệp PDF (tệp bị hỏng hoặc không đúng chuẩn)',
      { reason },
    ),
  encrypted: () =>
    new DomainError(
      422,
      'PDF_ENCRYPTED',
      'The PDF is encrypted (password-protected); remove the protection before signing',
      'Tệp PDF đã được mã hóa (đặt mật khẩu); hãy gỡ bảo vệ trước khi ký số',
    ),
  credentialsUnreadable: (reason: string) =>
    new DomainError(
      500,
      'SIGNING_CREDENTIALS_UNREADABLE',
      `The signing certificate (PKCS#12) cannot be read: ${reason}`,
      'Không đọc được chứng thư số dùng để ký (tệp PKCS#12 hoặc mật khẩu không đúng)',
      { reason },
    ),
  certificateNotValidAt: (at: Date, notBefore: Date, notAfter: Date) =>
    new DomainError(
      422,
      'SIGNING_CERTIFICATE_NOT_VALID',
      `The signing certificate is not valid at ${at.toISOString()} (valid ${notBefore.toISOString()} to ${notAfter.toISOString()})`,
      'Chứng thư số dùng để ký đã hết hạn hoặc chưa có hiệu lực tại thời điểm ký',
      { at: at.toISOString(), notBefore: notBefore.toISOString(), notAfter: notAfter.toISOString() },
    ),
  signatureTooLarge: (needed: number, reserved: number) =>
    new DomainError(
      500,
      'SIGNATURE_TOO_LARGE',
      `The signature (${needed} bytes) does not fit the space reserved in the PDF (${reserved} bytes)`,
      'Chữ ký số vượt quá vùng dành sẵn trong tệp PDF',
      { needed, reserved },
    ),
};
