/** What citizen sign-in refuses, in English and Vietnamese. */
import { DomainError } from '../../errors.js';

/** "60 giây" / "45 phút": a wait as a person reads it. */
function waitVi(seconds: number): string {
  return seconds <= 120 ? `${seconds} giây` : `${Math.ceil(seconds / 60)} phút`;
}

export const citizenErrors = {
  cooldown: (retryAfterSeconds: number) =>
    new DomainError(
      429,
      'OTP_COOLDOWN',
      `A code was sent recently; request a new one in ${retryAfterSeconds} s`,
      `Mã đăng nhập vừa được gửi. Vui lòng chờ ${waitVi(retryAfterSeconds)} trước khi yêu cầu mã mới`,
      { retryAfterSeconds },
    ),
  invalid: (attemptsLeft: number | null) =>
    new DomainError(
      401,
      'OTP_INVALID',
      'Wrong or unknown sign-in code',
      'Mã đăng nhập không đúng',
      attemptsLeft === null ? {} : { attemptsLeft },
    ),
  expired: () =>
    new DomainError(
      401,
      'OTP_EXPIRED',
      'The sign-in code has expired; request a new one',
      'Mã đăng nhập đã hết hiệu lực. Vui lòng yêu cầu mã mới',
    ),
  // 401, not 429: waiting does not help, only a new code does.
  locked: () =>
    new DomainError(
      401,
      'OTP_LOCKED',
      'Too many wrong codes; this code no longer works, request a new one',
      'Nhập sai mã quá số lần cho phép, mã này không còn hiệu lực. Vui lòng yêu cầu mã mới',
    ),
  unknownTenant: (code: string) =>
    new DomainError(
      400,
      'TENANT_UNKNOWN',
      `No deployment has the code "${code}"`,
      `Không có đơn vị triển khai mã "${code}"`,
      { tenant: code },
    ),
  unavailable: () =>
    new DomainError(
      503,
      'SIGN_IN_UNAVAILABLE',
      'Citizen sign-in is not available: this installation has no deployment yet',
      'Chưa thể đăng nhập: hệ thống chưa được cấu hình đơn vị triển khai',
    ),
};
