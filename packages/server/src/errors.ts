/**
 * One error family for everything MotCua refuses. Services throw (or return) a DomainError; the
 * HTTP layer maps it to {"error":{code,message,messageVi,details}} in one place (http/error-handler.ts).
 */
export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly messageVi: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

type Details = Record<string, unknown>;

export const errors = {
  validation: (details: Details, message = 'The request is not valid', messageVi = 'Yêu cầu không hợp lệ') =>
    new DomainError(400, 'VALIDATION_FAILED', message, messageVi, details),
  unauthenticated: () =>
    new DomainError(
      401,
      'UNAUTHENTICATED',
      'Sign in first',
      'Vui lòng đăng nhập trước khi thực hiện thao tác này',
    ),
  invalidCredentials: () =>
    new DomainError(
      401,
      'INVALID_CREDENTIALS',
      'Wrong username or password',
      'Sai tên đăng nhập hoặc mật khẩu',
    ),
  accountLocked: (until: Date) =>
    new DomainError(
      403,
      'ACCOUNT_LOCKED',
      'The account is locked after repeated failed sign-ins',
      'Tài khoản tạm khóa do đăng nhập sai nhiều lần',
      { lockedUntil: until.toISOString() },
    ),
  csrf: () =>
    new DomainError(
      403,
      'CSRF_TOKEN_INVALID',
      'Missing or wrong X-CSRF-Token header',
      'Thiếu hoặc sai mã chống giả mạo yêu cầu (X-CSRF-Token)',
    ),
  forbidden: (details: Details = {}) =>
    new DomainError(
      403,
      'FORBIDDEN',
      'You are not allowed to do this',
      'Bạn không có quyền thực hiện thao tác này',
      details,
    ),
  notFound: (entity: string, id: string | number, entityVi: string) =>
    new DomainError(404, 'NOT_FOUND', `${entity} ${id} not found`, `Không tìm thấy ${entityVi} ${id}`, {
      entity,
      id,
    }),
  conflict: (code: string, message: string, messageVi: string, details: Details = {}) =>
    new DomainError(409, code, message, messageVi, details),
  rule: (code: string, message: string, messageVi: string, details: Details = {}) =>
    new DomainError(422, code, message, messageVi, details),
};
