/**
 * Outbox channels: each turns a stored message (recipient + payload) into a call of its adapter.
 * A payload the adapter cannot use is a permanent failure: retrying would not change it.
 */
import type { EmailSender } from '../integrations/email/index.js';
import { type PostalSender, parsePostalOrder } from '../integrations/postal/index.js';
import { type SmsSender, toUnaccented } from '../integrations/sms/index.js';
import type { Deliver } from './worker.js';

export class InvalidPayload extends Error {
  readonly permanent = true;
  constructor(channel: string, problem: string) {
    super(`${channel} message payload: ${problem}`);
    this.name = 'InvalidPayload';
  }
}

/** What an e-mail message's payload holds. */
export interface EmailPayload {
  subject: string;
  text: string;
  html?: string | null;
}

/** What an SMS message's payload holds. */
export interface SmsPayload {
  text: string;
}

const isObject = (p: unknown): p is Record<string, unknown> => typeof p === 'object' && p !== null;

export function emailChannel(sender: EmailSender): Deliver {
  return async (m, signal) => {
    const p = m.payload;
    if (!isObject(p) || typeof p.subject !== 'string' || typeof p.text !== 'string')
      throw new InvalidPayload('email', 'expected {subject, text, html?}');
    const html = typeof p.html === 'string' ? p.html : null;
    return sender.send({ to: m.recipient, subject: p.subject, text: p.text, html }, m.deliveryKey, signal);
  };
}

export function smsChannel(sender: SmsSender, opts: { unaccented?: boolean } = {}): Deliver {
  return async (m, signal) => {
    const p = m.payload;
    if (!isObject(p) || typeof p.text !== 'string' || p.text.length === 0)
      throw new InvalidPayload('sms', 'expected {text}');
    // The stored text keeps its diacritics; a deployment whose brandname contract is GSM-7 sends
    // it unaccented.
    const text = opts.unaccented ? toUnaccented(p.text) : p.text;
    return sender.send(m.recipient, text, m.deliveryKey, signal);
  };
}

/**
 * A postal order (payload of kind result_delivery, dossiers/notify.ts) handed to the carrier; the
 * tracking number it answers becomes the message's provider id. An order without the addressee's
 * name or address is dead at once, among the dead letters an officer reviews.
 */
export function postalChannel(sender: PostalSender): Deliver {
  return async (m, signal) => {
    const parsed = parsePostalOrder(m.payload);
    if ('problem' in parsed) throw new InvalidPayload('postal', parsed.problem);
    return sender.send(parsed.order, m.deliveryKey, signal);
  };
}
