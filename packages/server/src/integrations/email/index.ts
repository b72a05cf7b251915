/**
 * E-mail over SMTP (nodemailer). One pooled transport per process; each message carries a
 * Message-ID derived from its outbox delivery key, so a redelivery after a crash is recognisable
 * as the same message by the receiving side.
 */
import nodemailer from 'nodemailer';

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string | null;
}

export interface EmailSender {
  /** Resolves once the SMTP server has accepted the message. */
  send(
    message: EmailMessage,
    deliveryKey: string,
    signal?: AbortSignal,
  ): Promise<{ providerId: string | null }>;
  /** Connects and authenticates: the check that the configuration works. */
  verify(): Promise<void>;
  close(): void;
}

export interface SmtpConfig {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  /** Refuse to send unless the connection is upgraded with STARTTLS. */
  requireTls: boolean;
  user: string | null;
  pass: string | null;
  /** The From header, e.g. "Trung tâm Phục vụ hành chính công <khong-tra-loi@hanoi.gov.vn>". */
  from: string;
  timeoutMs: number;
  maxConnections: number;
}

/** A failure with what the outbox worker needs to decide: retry later, or give up now. */
export class EmailError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly responseCode: number | null = null,
    readonly code: string | null = null,
  ) {
    super(message);
    this.name = 'EmailError';
  }
}

// Deliberately loose: the SMTP server is the judge; this only keeps header injection and obvious
// garbage (no @, spaces, line breaks) from reaching it.
const ADDRESS = /^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$/;

export function isEmailAddress(s: string): boolean {
  return s.length <= 254 && ADDRESS.test(s);
}

function domainOf(from: string): string {
  const m = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from);
  return m?.[1] ?? 'motcua.invalid';
}

/** nodemailer errors carry `permanent` (5yz replies) and `responseCode`; the rest is transient. */
function asEmailError(e: unknown): EmailError {
  if (e instanceof EmailError) return e;
  const err = (e ?? {}) as { message?: string; permanent?: boolean; responseCode?: number; code?: string };
  const message = err.message ?? String(e);
  // An envelope refused before reaching the server (an address nodemailer cannot use) has no
  // reply code, and no retry can fix it; one refused by the server is as permanent as its reply.
  const permanent =
    err.permanent === true || (err.code === 'EENVELOPE' && typeof err.responseCode !== 'number');
  return new EmailError(message, permanent, err.responseCode ?? null, err.code ?? null);
}

export function createSmtpSender(config: SmtpConfig): EmailSender {
  const transport = nodemailer.createTransport({
    pool: true,
    host: config.host,
    port: config.port,
    secure: config.secure,
    requireTLS: config.requireTls,
    auth: config.user ? { user: config.user, pass: config.pass ?? '' } : undefined,
    maxConnections: config.maxConnections,
    connectionTimeout: config.timeoutMs,
    greetingTimeout: config.timeoutMs,
    socketTimeout: config.timeoutMs,
  });
  const domain = domainOf(config.from);
  return {
    async send(message, deliveryKey, signal) {
      if (!isEmailAddress(message.to))
        throw new EmailError(`not an e-mail address: ${JSON.stringify(message.to)}`, true);
      try {
        const info = await transport.sendMail({
          from: config.from,
          to: message.to,
          subject: message.subject.normalize('NFC'),
          text: message.text.normalize('NFC'),
          html: message.html ? message.html.normalize('NFC') : undefined,
          messageId: `<${deliveryKey}@${domain}>`,
          // RFC 3834: automatic mail; asks auto-responders (out-of-office) to stay quiet
          headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
          signal,
        });
        if (info.rejected.length > 0)
          throw new EmailError(`recipient rejected: ${info.response}`, true, null, 'EENVELOPE');
        return { providerId: info.serverMessageId ?? info.messageId ?? null };
      } catch (e) {
        throw asEmailError(e);
      }
    },
    async verify() {
      try {
        await transport.verify();
      } catch (e) {
        throw asEmailError(e);
      }
    },
    close() {
      transport.close();
    },
  };
}
