/**
 * SMS: the interface the outbox worker delivers through, the HTTP adapter, and the text rules
 * (Vietnamese numbers, GSM-7 or UCS-2 segments, unaccented text).
 *
 * The HTTP adapter speaks MotCua's small JSON protocol, which the local simulator (simulator.ts)
 * implements and which a deployment bridges to its carrier or brandname provider:
 *
 *   POST {url}/messages
 *     Content-Type: application/json
 *     Authorization: Bearer <token>             when a token is configured
 *     Idempotency-Key: <id>
 *     {"to": "+84912345678", "text": "…", "id": "<id>", "sender": "<brandname>"}   sender optional
 *   202 {"id": "<gateway id>", "segments": 1}   accepted; a repeated id answers with the first
 *                                               acceptance and sends nothing
 *   400 {"error": "…"}                          the message is wrong (number, text): not retried
 *   401, 403                                    credentials: retried, so fixing the configuration
 *                                               lets the queued messages through
 *   429 (Retry-After: seconds)                  slow down: retried no sooner than asked
 *   5xx                                         retried
 *
 *   GET {url}/health → 200 {"status": "ok"}      the configuration check
 */

import { failureOf, type GatewayFailure, httpGateway, isGatewayFailure, jsonField } from '../http-gateway.js';

export interface SmsSender {
  /** Resolves once the gateway has accepted the message. `idempotencyKey` is the same on every attempt. */
  send(
    to: string,
    text: string,
    idempotencyKey: string,
    signal?: AbortSignal,
  ): Promise<{ providerId: string | null }>;
  verify(): Promise<void>;
}

export class SmsError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly status: number | null = null,
    readonly retryAfterMs = 0,
  ) {
    super(message);
    this.name = 'SmsError';
  }
}

export interface HttpSmsConfig {
  /** Base URL of the gateway, e.g. https://sms.example.vn/api */
  url: string;
  token: string | null;
  /** Brandname registered with the carriers, when the gateway wants it per message. */
  sender: string | null;
  timeoutMs: number;
}

export const SMS_MAX_TEXT = 1_000;

export function createHttpSmsSender(config: HttpSmsConfig): SmsSender {
  const gateway = httpGateway('SMS gateway', config);
  const fail = (f: GatewayFailure) => new SmsError(f.message, f.permanent, f.status, f.retryAfterMs);
  const call = async <T>(run: () => Promise<T>) => {
    try {
      return await run();
    } catch (e) {
      throw isGatewayFailure(e) ? fail(e) : e;
    }
  };
  return {
    async send(to, text, idempotencyKey, signal) {
      const phone = normalizePhone(to);
      if (!phone) throw new SmsError(`not a phone number: ${JSON.stringify(to)}`, true);
      const body = {
        to: phone,
        text: text.normalize('NFC'),
        id: idempotencyKey,
        ...(config.sender ? { sender: config.sender } : {}),
      };
      const answer = await call(() => gateway.post('/messages', body, idempotencyKey, signal));
      if (answer.status !== 202 && answer.status !== 200) throw fail(failureOf('SMS gateway', answer));
      const id = jsonField(answer.body, 'id');
      return { providerId: typeof id === 'string' ? id : null };
    },
    verify: () => call(() => gateway.health()),
  };
}

// ---- numbers ----------------------------------------------------------------------------------

/**
 * A phone number in E.164, or null. Vietnamese national numbers (0 + 9 digits for mobiles, 0 + 10
 * for landlines) become +84…; an international number written with + is kept.
 */
export function normalizePhone(raw: string): string | null {
  const s = raw.trim().replace(/[\s.()-]/g, '');
  if (s.startsWith('+84')) return /^\+84[1-9]\d{8,9}$/.test(s) ? s : null;
  if (/^84[1-9]\d{8,9}$/.test(s)) return `+${s}`;
  if (/^0[1-9]\d{8,9}$/.test(s)) return `+84${s.slice(1)}`;
  if (/^\+[1-9]\d{7,14}$/.test(s)) return s;
  return null;
}

// ---- text -------------------------------------------------------------------------------------

// GSM 03.38: the default alphabet (one septet each) and its extension table (two septets each).
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const GSM_EXTENDED = new Set('^{}\\[~]|€\f');

export interface SmsInfo {
  encoding: 'gsm7' | 'ucs2';
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  units: number;
  segments: number;
}

/**
 * How a text travels: GSM-7 when every character is in its alphabet (160 per SMS, 153 per part of
 * a long one), otherwise UCS-2 (70, or 67 per part). Vietnamese with diacritics is always UCS-2.
 */
export function smsInfo(text: string): SmsInfo {
  let septets = 0;
  let gsm = true;
  for (const ch of text) {
    if (GSM_BASIC.has(ch)) septets += 1;
    else if (GSM_EXTENDED.has(ch)) septets += 2;
    else {
      gsm = false;
      break;
    }
  }
  if (gsm)
    return { encoding: 'gsm7', units: septets, segments: septets <= 160 ? 1 : Math.ceil(septets / 153) };
  const units = text.length;
  return { encoding: 'ucs2', units, segments: units <= 70 ? 1 : Math.ceil(units / 67) };
}

const ASCII_PUNCTUATION: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u2026': '...',
  '\u00A0': ' ',
};

/**
 * Vietnamese without diacritics ("Hồ sơ đã được tiếp nhận" → "Ho so da duoc tiep nhan"), the
 * form most brandname SMS use: it fits GSM-7, so one SMS carries 160 characters instead of 70.
 */
export function toUnaccented(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[\u2018\u2019\u201C\u201D\u2013\u2014\u2026\u00A0]/g, (c) => ASCII_PUNCTUATION[c] ?? c)
    .normalize('NFC');
}
