/**
 * Postal delivery of results (HinhThuc 1, "trả kết quả qua dịch vụ bưu chính công ích", Decision
 * 45/2016/QĐ-TTg): the interface the outbox worker hands a postal order to, the HTTP adapter, and
 * the rules an order must satisfy before a carrier is called.
 *
 * The HTTP adapter speaks MotCua's small JSON protocol, which the local simulator (simulator.ts)
 * implements and which a deployment bridges to its carrier (VNPost or another postal operator):
 *
 *   POST {url}/orders
 *     Content-Type: application/json
 *     Authorization: Bearer <token>             when a token is configured
 *     Idempotency-Key: <id>
 *     {"id": "<id>", "service": "result_delivery", "reference": "<dossier code>",
 *      "sender": {"name": "…"},
 *      "addressee": {"name": "…", "address": "…", "phone": "+84912345678" | null},
 *      "items": ["Trích lục khai sinh", …]}
 *   201 {"trackingNumber": "EB123456785VN"}     the order is taken; a repeated Idempotency-Key
 *                                               answers with the first order's tracking number
 *                                               and creates nothing
 *   400 {"error": "…"}                          the order is wrong (address, name): not retried
 *   401, 403                                    credentials: retried, so fixing the configuration
 *                                               lets the queued orders through
 *   429 (Retry-After: seconds or a date)        slow down: retried no sooner than asked
 *   5xx                                         retried
 *
 *   GET {url}/health → 200 {"status": "ok"}      the configuration check
 *
 * The tracking number is the carrier's (VNPost issues UPU S10 numbers: two letters, eight digits
 * and a check digit, then VN); the worker stores it as the message's provider id, which is what
 * an officer quotes to the carrier and the applicant.
 */
import { failureOf, type GatewayFailure, httpGateway, isGatewayFailure, jsonField } from '../http-gateway.js';
import { normalizePhone } from '../sms/index.js';

/** What the carrier needs to take a result to the applicant. */
export interface PostalOrder {
  /** The dossier code: printed on the label, so the parcel can be traced back to the dossier. */
  reference: string;
  sender: { name: string };
  addressee: { name: string; address: string; phone: string | null };
  /** What the parcel holds (the results' names); may be empty when the procedure names none. */
  items: string[];
}

export interface PostalSender {
  /**
   * Resolves once the carrier has taken the order, with its tracking number as `providerId`.
   * `idempotencyKey` is the same on every attempt, so a retry never books a second parcel.
   */
  send(order: PostalOrder, idempotencyKey: string, signal?: AbortSignal): Promise<{ providerId: string }>;
  verify(): Promise<void>;
}

export class PostalError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly status: number | null = null,
    readonly retryAfterMs = 0,
  ) {
    super(message);
    this.name = 'PostalError';
  }
}

export interface HttpPostalConfig {
  /** Base URL of the carrier bridge, e.g. https://buudien.example.vn/motcua */
  url: string;
  token: string | null;
  timeoutMs: number;
}

export const POSTAL_MAX_NAME = 200;
export const POSTAL_MAX_ADDRESS = 500;
export const POSTAL_MAX_ITEMS = 50;

// ---- orders -----------------------------------------------------------------------------------

const isObject = (p: unknown): p is Record<string, unknown> => typeof p === 'object' && p !== null;
const hasLetter = (s: string) => /\p{L}/u.test(s);
const clean = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();

/**
 * The order an outbox payload of kind `result_delivery` (dossiers/notify.ts) describes, or the
 * reason it cannot be one. A carrier cannot deliver without the addressee's name and a
 * Vietnamese address, so a payload lacking them is refused here, before any call: retrying would
 * not change it, and the message goes dead where an officer sees it.
 */
export function parsePostalOrder(payload: unknown): { order: PostalOrder } | { problem: string } {
  if (!isObject(payload)) return { problem: 'expected an object' };
  if (payload.kind !== undefined && payload.kind !== 'result_delivery')
    return { problem: `kind: expected "result_delivery", got ${JSON.stringify(payload.kind)}` };
  const reference = typeof payload.dossierCode === 'string' ? clean(payload.dossierCode) : '';
  if (!reference) return { problem: 'dossierCode: required (the reference printed on the label)' };
  const addressee = isObject(payload.addressee) ? payload.addressee : {};
  const sender = isObject(payload.sender) ? payload.sender : {};
  const order: PostalOrder = {
    reference,
    sender: { name: typeof sender.name === 'string' ? clean(sender.name) : '' },
    addressee: {
      name: typeof addressee.name === 'string' ? clean(addressee.name) : '',
      address: typeof addressee.address === 'string' ? clean(addressee.address) : '',
      // the carrier rings the addressee only to arrange the hand-over: a number it could not use
      // must not hold a result back, so it is left out rather than refused
      phone: typeof addressee.phone === 'string' ? normalizePhone(addressee.phone) : null,
    },
    items: Array.isArray(payload.items)
      ? payload.items
          .filter((i): i is string => typeof i === 'string')
          .map(clean)
          .filter(Boolean)
      : [],
  };
  const problem = orderProblem(order);
  return problem ? { problem } : { order };
}

/** Why the carrier could not take this order, or null. */
export function orderProblem(o: PostalOrder): string | null {
  const { name, address } = o.addressee;
  if (!name || !hasLetter(name)) return 'addressee.name: required';
  if (name.length > POSTAL_MAX_NAME) return `addressee.name: at most ${POSTAL_MAX_NAME} characters`;
  if (!address || !hasLetter(address)) return 'addressee.address: a Vietnamese postal address is required';
  if (address.length > POSTAL_MAX_ADDRESS)
    return `addressee.address: at most ${POSTAL_MAX_ADDRESS} characters`;
  if (!o.reference || o.reference.length > 100) return 'reference: 1 to 100 characters';
  if (!o.sender.name) return 'sender.name: required (the reception point returning the result)';
  if (o.sender.name.length > POSTAL_MAX_NAME) return `sender.name: at most ${POSTAL_MAX_NAME} characters`;
  if (o.items.length > POSTAL_MAX_ITEMS) return `items: at most ${POSTAL_MAX_ITEMS}`;
  return null;
}

// ---- tracking numbers -------------------------------------------------------------------------

const S10_WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7];

/** The UPU S10 check digit of an eight-digit serial number. */
export function s10CheckDigit(serial: string): number {
  if (!/^\d{8}$/.test(serial)) throw new RangeError(`expected eight digits, got "${serial}"`);
  const sum = [...serial].reduce((s, d, i) => s + Number(d) * (S10_WEIGHTS[i] as number), 0);
  const c = 11 - (sum % 11);
  return c === 10 ? 0 : c === 11 ? 5 : c;
}

/** An S10 tracking number: service letters, serial, check digit, country ('EB' + 12345678 → EB123456785VN). */
export function s10TrackingNumber(service: string, serial: number, country = 'VN'): string {
  const digits = String(serial).padStart(8, '0');
  return `${service}${digits}${s10CheckDigit(digits)}${country}`;
}

/** Whether `s` is a well-formed S10 tracking number with the right check digit. */
export function isS10TrackingNumber(s: string): boolean {
  const m = /^[A-Z]{2}(\d{8})(\d)[A-Z]{2}$/.exec(s);
  return m !== null && s10CheckDigit(m[1] as string) === Number(m[2]);
}

// ---- HTTP adapter -----------------------------------------------------------------------------

export function createHttpPostalSender(config: HttpPostalConfig): PostalSender {
  const gateway = httpGateway('postal carrier', config);
  const fail = (f: GatewayFailure) => new PostalError(f.message, f.permanent, f.status, f.retryAfterMs);
  const call = async <T>(run: () => Promise<T>) => {
    try {
      return await run();
    } catch (e) {
      throw isGatewayFailure(e) ? fail(e) : e;
    }
  };
  return {
    async send(order, idempotencyKey, signal) {
      const problem = orderProblem(order);
      if (problem) throw new PostalError(`postal order refused before sending: ${problem}`, true);
      const body = {
        id: idempotencyKey,
        service: 'result_delivery',
        reference: order.reference,
        sender: order.sender,
        addressee: order.addressee,
        items: order.items,
      };
      const answer = await call(() => gateway.post('/orders', body, idempotencyKey, signal));
      if (answer.status !== 201 && answer.status !== 200) throw fail(failureOf('postal carrier', answer));
      const tracking = jsonField(answer.body, 'trackingNumber');
      if (typeof tracking === 'string' && tracking.length > 0 && tracking.length <= 64)
        return { providerId: tracking };
      // the order may well exist: the retry, with the same key, is answered with its number
      throw new PostalError(
        `postal carrier answered ${answer.status} without a trackingNumber${answer.body ? `: ${answer.body.slice(0, 300)}` : ''}`,
        false,
        answer.status,
      );
    },
    verify: () => call(() => gateway.health()),
  };
}
