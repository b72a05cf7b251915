/**
 * Password rules for officer accounts. Kept in core so the browser shows the same rules the
 * server enforces.
 */
export interface PasswordProblem {
  code: 'TOO_SHORT' | 'TOO_LONG' | 'NEEDS_LETTER' | 'NEEDS_DIGIT' | 'NEEDS_OTHER' | 'CONTAINS_USERNAME';
  message: string;
  messageVi: string;
}

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

export function checkPassword(password: string, username: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH)
    problems.push({
      code: 'TOO_SHORT',
      message: `at least ${PASSWORD_MIN_LENGTH} characters`,
      messageVi: `tối thiểu ${PASSWORD_MIN_LENGTH} ký tự`,
    });
  // argon2 hashes anything, but an unbounded input is a cheap denial-of-service lever.
  if (length > PASSWORD_MAX_LENGTH)
    problems.push({
      code: 'TOO_LONG',
      message: `at most ${PASSWORD_MAX_LENGTH} characters`,
      messageVi: `tối đa ${PASSWORD_MAX_LENGTH} ký tự`,
    });
  if (!/\p{L}/u.test(password))
    problems.push({ code: 'NEEDS_LETTER', message: 'at least one letter', messageVi: 'ít nhất một chữ cái' });
  if (!/\p{N}/u.test(password))
    problems.push({ code: 'NEEDS_DIGIT', message: 'at least one digit', messageVi: 'ít nhất một chữ số' });
  if (!/[^\p{L}\p{N}]/u.test(password))
    problems.push({
      code: 'NEEDS_OTHER',
      message: 'at least one symbol or space',
      messageVi: 'ít nhất một ký hiệu hoặc dấu cách',
    });
  if (username.length >= 3 && password.toLowerCase().includes(username.toLowerCase()))
    problems.push({
      code: 'CONTAINS_USERNAME',
      message: 'must not contain the username',
      messageVi: 'không được chứa tên đăng nhập',
    });
  return problems;
}
