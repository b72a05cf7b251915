/**
 * The message carrying a sign-in code, and the masked destinations the API answers with. Pure.
 */
export const CODE_TOPIC = 'citizen.sign_in_code';
const PORTAL = 'Cổng dịch vụ công MotCua';

/**
 * The SMS puts the warning first and the code last. Administrators list the outbox with the first
 * 80 characters of each SMS (jobs/outbox.ts `summary`): a live code must not be readable there,
 * or whoever administers the outbox could sign in as any citizen.
 */
export function codeSms(code: string, minutes: number): string {
  return `MotCua: KHÔNG cung cấp mã này cho bất kỳ ai, kể cả người xưng là cán bộ. Mã đăng nhập của Ông/Bà là ${code}, hiệu lực ${minutes} phút.`.normalize(
    'NFC',
  );
}

/** The e-mail; its subject (what the outbox list shows) has no code, for the same reason. */
export function codeEmail(fullName: string, code: string, minutes: number) {
  const name = fullName.trim().normalize('NFC');
  const lines = [
    `Kính gửi Ông/Bà ${name},`,
    '',
    `Mã đăng nhập ${PORTAL} của Ông/Bà là: ${code}`,
    '',
    `Mã có hiệu lực trong ${minutes} phút và chỉ dùng được một lần.`,
    'Không cung cấp mã này cho bất kỳ ai, kể cả người xưng là cán bộ: cán bộ không bao giờ hỏi mã đăng nhập.',
    'Nếu Ông/Bà không yêu cầu đăng nhập, hãy bỏ qua thư này.',
    '',
    '--',
    'Thư này được gửi tự động, vui lòng không trả lời.',
  ];
  const html = [
    '<!doctype html>',
    '<html lang="vi"><head><meta charset="utf-8"><title>Mã đăng nhập</title></head>',
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1a1a1a">',
    `<p>Kính gửi Ông/Bà ${escapeHtml(name)},</p>`,
    `<p>Mã đăng nhập ${PORTAL} của Ông/Bà là:</p>`,
    `<p style="font-size:28px;font-weight:bold;letter-spacing:4px">${code}</p>`,
    `<p>Mã có hiệu lực trong ${minutes} phút và chỉ dùng được một lần.</p>`,
    '<p><strong>Không cung cấp mã này cho bất kỳ ai</strong>, kể cả người xưng là cán bộ: cán bộ không bao giờ hỏi mã đăng nhập.</p>',
    '<p>Nếu Ông/Bà không yêu cầu đăng nhập, hãy bỏ qua thư này.</p>',
    '<hr style="border:none;border-top:1px solid #ccc">',
    '<p style="color:#555;font-size:13px">Thư này được gửi tự động, vui lòng không trả lời.</p>',
    '</body></html>',
  ];
  return {
    subject: `Mã đăng nhập ${PORTAL}`,
    text: lines.join('\n').normalize('NFC'),
    html: html.join('\n').normalize('NFC'),
  };
}

function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

/** "n***@example.vn": enough for the citizen to recognise the address, too little to harvest it. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return `${[...email.slice(0, at)][0] ?? ''}***${email.slice(at)}`;
}

/** "09*****678", in the national form Vietnamese read their numbers in. */
export function maskPhone(phone: string): string {
  const national = phone.startsWith('+84') ? `0${phone.slice(3)}` : phone;
  return `${national.slice(0, 2)}${'*'.repeat(Math.max(0, national.length - 5))}${national.slice(-3)}`;
}

const MOBILE_PREFIXES = ['03', '05', '07', '08', '09'];
const MAIL_DOMAINS = ['gmail.com', 'gmail.com', 'gmail.com', 'yahoo.com', 'outlook.com'];

/**
 * A plausible masked destination for a number without a citizen (or a citizen without that
 * contact), drawn from `bytes` (an HMAC of the number under the installation's key, so the same
 * number always shows the same mask, as a real one would).
 */
export function decoyMask(channel: 'email' | 'sms', bytes: Uint8Array): string {
  const b = (i: number) => bytes[i] ?? 0;
  if (channel === 'sms')
    return `${MOBILE_PREFIXES[b(0) % MOBILE_PREFIXES.length]}*****${b(1) % 10}${b(2) % 10}${b(3) % 10}`;
  const letter = String.fromCharCode(97 + (b(0) % 26));
  return `${letter}***@${MAIL_DOMAINS[b(1) % MAIL_DOMAINS.length]}`;
}
