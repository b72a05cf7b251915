/**
 * Refusals of an uploaded file, as DomainErrors (one family, mapped to the response in one place).
 * Messages tell the applicant or officer what to do (PITFALLS C8, E5): the limit, the accepted types.
 */
import { DomainError } from '../errors.js';

const ACCEPTED = 'PDF, JPEG, PNG, TIFF, DOCX, XLSX, ODT, XML';

const mib = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

export const fileErrors = {
  tooLarge: (maxBytes: number) =>
    new DomainError(
      413,
      'FILE_TOO_LARGE',
      `The file is larger than the limit of ${mib(maxBytes)}`,
      `Tệp vượt quá dung lượng cho phép (${mib(maxBytes)})`,
      { maxBytes },
    ),
  empty: () => new DomainError(400, 'FILE_EMPTY', 'The file is empty', 'Tệp tin rỗng (không có nội dung)'),
  typeNotAllowed: (detected: string, allowed: readonly string[]) =>
    new DomainError(
      415,
      'FILE_TYPE_NOT_ALLOWED',
      `This type of file is not accepted; accepted: ${allowed.join(', ') || ACCEPTED}`,
      `Loại tệp này không được chấp nhận; chỉ nhận: ${allowed.join(', ') || ACCEPTED}`,
      { detected, allowed },
    ),
  typeMismatch: (detected: string, declared: { extension: string | null; mimeType: string | null }) =>
    new DomainError(
      415,
      'FILE_TYPE_MISMATCH',
      `The file's name or declared type (${[declared.extension && `.${declared.extension}`, declared.mimeType].filter(Boolean).join(', ')}) does not match its content (${detected})`,
      `Tên hoặc kiểu tệp khai báo (${[declared.extension && `.${declared.extension}`, declared.mimeType].filter(Boolean).join(', ')}) không khớp với nội dung thực của tệp (${detected})`,
      { detected, declared },
    ),
  notFound: (sha256: string) =>
    new DomainError(404, 'FILE_NOT_FOUND', `File ${sha256} not found`, `Không tìm thấy tệp ${sha256}`, {
      sha256,
    }),
  invalidHash: (value: string) =>
    new DomainError(
      400,
      'FILE_HASH_INVALID',
      `"${value}" is not a SHA-256 hex digest`,
      `"${value}" không phải mã băm SHA-256`,
      {
        value,
      },
    ),
};
