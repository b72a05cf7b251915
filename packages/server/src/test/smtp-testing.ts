/**
 * For tests only: a real SMTP server (the `smtp-server` package) on loopback that records what it
 * receives, and can refuse on demand, plus the little MIME decoding the assertions need.
 * (Belongs in src/test/ with the other helpers, which the build leaves out.)
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { SmtpConfig } from '../integrations/email/index.js';

export interface ReceivedMail {
  envelopeFrom: string | null;
  envelopeTo: string[];
  raw: string;
  headers: Record<string, string>;
  /** Decoded from RFC 2047 encoded words. */
  subject: string;
  messageId: string | null;
}

export interface TestSmtpServer {
  port: number;
  received: ReceivedMail[];
  /** RCPT TO commands answered, including refused ones. */
  attempts: number;
  /** Refuse every message with this reply code (4yz: try later; 5yz: permanent); null accepts. */
  refuseAll(code: number | null): void;
  refuseNext(count: number, code: number): void;
  /** Holds each message this long before accepting it (for tests of work in flight). */
  delayMs: number;
  config(overrides?: Partial<SmtpConfig>): SmtpConfig;
  close(): Promise<void>;
}

export async function startTestSmtpServer(): Promise<TestSmtpServer> {
  let refuseAll: number | null = null;
  const refuseNext: number[] = [];
  const state = { received: [] as ReceivedMail[], attempts: 0, delayMs: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    closeTimeout: 200,
    onRcptTo(_address, _session, callback) {
      state.attempts++;
      const code = refuseNext.shift() ?? refuseAll;
      if (code === null) return callback();
      const err = Object.assign(new Error(code >= 500 ? 'Mailbox unavailable' : 'Try again later'), {
        responseCode: code,
      });
      return callback(err);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const headers = parseHeaders(raw);
        state.received.push({
          envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
          envelopeTo: session.envelope.rcptTo.map((r) => r.address),
          raw,
          headers,
          subject: decodeWords(headers.subject ?? ''),
          messageId: headers['message-id'] ?? null,
        });
        setTimeout(() => callback(), state.delayMs);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return Object.assign(state, {
    port,
    refuseAll(code: number | null) {
      refuseAll = code;
    },
    refuseNext(count: number, code: number) {
      for (let i = 0; i < count; i++) refuseNext.push(code);
    },
    config(overrides: Partial<SmtpConfig> = {}): SmtpConfig {
      return {
        host: '127.0.0.1',
        port,
        secure: false,
        requireTls: false,
        user: null,
        pass: null,
        from: 'Trung tâm Phục vụ hành chính công <khong-tra-loi@motcua.test>',
        timeoutMs: 5_000,
        maxConnections: 5,
        ...overrides,
      };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

/** Header fields of a raw message, lower-cased names, folded lines unfolded. */
export function parseHeaders(raw: string): Record<string, string> {
  const head = raw.split(/\r?\n\r?\n/, 1)[0] ?? '';
  const out: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) out[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return out;
}

/** RFC 2047 encoded words (=?UTF-8?B?…?= and =?UTF-8?Q?…?=), adjacent ones joined. */
export function decodeWords(s: string): string {
  return s
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_m, _charset: string, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
}

function decodeQuotedPrintable(s: string): string {
  const bytes: number[] = [];
  const text = s.replace(/=\r?\n/g, '');
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(c, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The decoded body of the message's part with this content type (text/plain, text/html). */
export function bodyPart(raw: string, contentType: string): string | null {
  const parts = raw.split(/\r?\n--[^\r\n]+\r?\n/);
  for (const part of parts) {
    const headers = parseHeaders(part);
    if (!headers['content-type']?.toLowerCase().startsWith(contentType)) continue;
    const body = part.slice(part.search(/\r?\n\r?\n/)).replace(/^\r?\n\r?\n/, '');
    const clean = body.replace(/\r?\n--[^\r\n]*--\s*$/, '');
    const enc = headers['content-transfer-encoding']?.toLowerCase();
    if (enc === 'base64') return Buffer.from(clean.replace(/\s+/g, ''), 'base64').toString('utf8');
    if (enc === 'quoted-printable') return decodeQuotedPrintable(clean);
    return clean;
  }
  return null;
}
