/**
 * A local postal carrier speaking the protocol documented in index.ts, on loopback: the demo
 * books its postal returns here, and the tests go over real HTTP through the same adapter
 * production uses. It keeps the orders it took in memory, issues S10 tracking numbers as VNPost
 * does (EB123456785VN), answers a repeated Idempotency-Key with the first order, and fails on
 * demand.
 */
import { randomInt } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createHttpPostalSender,
  POSTAL_MAX_ADDRESS,
  POSTAL_MAX_ITEMS,
  POSTAL_MAX_NAME,
  type PostalSender,
  s10TrackingNumber,
} from './index.js';

export interface SimulatedOrder {
  trackingNumber: string;
  /** The Idempotency-Key it was booked with. */
  key: string;
  reference: string;
  sender: { name: string };
  addressee: { name: string; address: string; phone: string | null };
  items: string[];
  at: Date;
}

export interface PostalSimulator {
  /** Base URL for the HTTP adapter. */
  url: string;
  /** Orders taken, in order; a repeated key is not added again. */
  orders: SimulatedOrder[];
  /** POST /orders requests received, including failed and repeated ones. */
  requests: number;
  /** Answers the next `count` POSTs with `status` (with Retry-After when given). */
  failNext(count: number, status: number, opts?: { retryAfterSeconds?: number }): void;
  /** The adapter, configured for this simulator. */
  sender(opts?: { timeoutMs?: number }): PostalSender;
  close(): Promise<void>;
}

const E164 = /^\+[1-9]\d{7,14}$/;
const MAX_BODY = 64 * 1024;

const isObject = (p: unknown): p is Record<string, unknown> => typeof p === 'object' && p !== null;
const text = (v: unknown, max: number) => typeof v === 'string' && v.trim().length > 0 && v.length <= max;

/** Why the carrier refuses the body, or null (the checks a real carrier's intake would make). */
function refusal(b: Record<string, unknown>): string | null {
  if (!text(b.reference, 100)) return 'reference: 1 to 100 characters';
  const sender = isObject(b.sender) ? b.sender : {};
  if (!text(sender.name, POSTAL_MAX_NAME)) return 'sender.name: required';
  const to = isObject(b.addressee) ? b.addressee : {};
  if (!text(to.name, POSTAL_MAX_NAME)) return 'addressee.name: required';
  if (!text(to.address, POSTAL_MAX_ADDRESS)) return 'addressee.address: required';
  if (to.phone !== undefined && to.phone !== null && (typeof to.phone !== 'string' || !E164.test(to.phone)))
    return 'addressee.phone: expected E.164 or null';
  if (
    !Array.isArray(b.items) ||
    b.items.length > POSTAL_MAX_ITEMS ||
    !b.items.every((i) => typeof i === 'string')
  )
    return `items: up to ${POSTAL_MAX_ITEMS} strings`;
  return null;
}

export async function startPostalSimulator(
  opts: {
    host?: string;
    port?: number;
    token?: string | null;
    /** The S10 service indicator of the numbers it issues. */
    service?: string;
    log?: (msg: string) => void;
  } = {},
): Promise<PostalSimulator> {
  const token = opts.token ?? null;
  const service = opts.service ?? 'EB';
  // a random start, so two simulators (two demo runs) do not hand out the same numbers
  let serial = randomInt(10_000_000, 90_000_000);
  const byKey = new Map<string, SimulatedOrder>();
  const failures: { status: number; retryAfterSeconds?: number | undefined }[] = [];
  const sim = { url: '', orders: [] as SimulatedOrder[], requests: 0 };

  const send = (
    res: http.ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  };

  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (token && req.headers.authorization !== `Bearer ${token}`)
      return send(res, 401, { error: 'missing or wrong bearer token' });
    if (req.method === 'GET' && path === '/health') return send(res, 200, { status: 'ok' });
    if (req.method === 'GET' && path === '/orders') return send(res, 200, { items: sim.orders });
    if (req.method === 'GET' && path.startsWith('/orders/')) {
      const wanted = decodeURIComponent(path.slice('/orders/'.length));
      const found = sim.orders.find((o) => o.trackingNumber === wanted);
      return found ? send(res, 200, found) : send(res, 404, { error: 'no such order' });
    }
    if (req.method !== 'POST' || path !== '/orders') return send(res, 404, { error: 'not found' });
    sim.requests++;
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) req.destroy();
      else chunks.push(c);
    });
    req.on('end', () => {
      const failure = failures.shift();
      if (failure) {
        const headers: Record<string, string> =
          failure.retryAfterSeconds !== undefined ? { 'retry-after': String(failure.retryAfterSeconds) } : {};
        return send(res, failure.status, { error: 'simulated failure' }, headers);
      }
      const key = req.headers['idempotency-key'];
      if (typeof key !== 'string' || key.length === 0 || key.length > 100)
        return send(res, 400, { error: 'Idempotency-Key: 1 to 100 characters' });
      const seen = byKey.get(key);
      if (seen) return send(res, 201, { trackingNumber: seen.trackingNumber, duplicate: true });
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return send(res, 400, { error: 'the body is not JSON' });
      }
      if (!isObject(body)) return send(res, 400, { error: 'expected a JSON object' });
      const problem = refusal(body);
      if (problem) return send(res, 400, { error: problem });
      const to = body.addressee as { name: string; address: string; phone?: string | null };
      const order: SimulatedOrder = {
        trackingNumber: s10TrackingNumber(service, serial++ % 100_000_000),
        key,
        reference: body.reference as string,
        sender: { name: (body.sender as { name: string }).name },
        addressee: { name: to.name, address: to.address, phone: to.phone ?? null },
        items: body.items as string[],
        at: new Date(),
      };
      byKey.set(key, order);
      sim.orders.push(order);
      opts.log?.(`order ${order.trackingNumber} (${order.reference}) to ${to.name}, ${to.address}`);
      return send(res, 201, { trackingNumber: order.trackingNumber });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  sim.url = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;

  return Object.assign(sim, {
    failNext(count: number, status: number, o: { retryAfterSeconds?: number } = {}) {
      for (let i = 0; i < count; i++) failures.push({ status, retryAfterSeconds: o.retryAfterSeconds });
    },
    sender(o: { timeoutMs?: number } = {}) {
      return createHttpPostalSender({ url: sim.url, token, timeoutMs: o.timeoutMs ?? 10_000 });
    },
    close() {
      return new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  });
}
