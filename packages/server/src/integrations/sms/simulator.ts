/**
 * A local SMS gateway speaking the protocol documented in index.ts, on loopback: the demo sends
 * its SMS here, and the tests go over real HTTP through the same adapter production uses. It keeps
 * what it accepted in memory, drops repeated ids as a real gateway should, and fails on demand.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpSmsSender, SMS_MAX_TEXT, type SmsSender, smsInfo } from './index.js';

export interface SimulatedSms {
  gatewayId: string;
  id: string;
  to: string;
  text: string;
  sender: string | null;
  segments: number;
  at: Date;
}

export interface SmsSimulator {
  /** Base URL for the HTTP adapter. */
  url: string;
  /** Accepted messages, in order; a repeated id is not added again. */
  messages: SimulatedSms[];
  /** POST /messages requests received, including failed and repeated ones. */
  requests: number;
  /** Answers the next `count` POSTs with `status` (429 with Retry-After when given). */
  failNext(count: number, status: number, opts?: { retryAfterSeconds?: number }): void;
  /** The adapter, configured for this simulator. */
  sender(opts?: { timeoutMs?: number }): SmsSender;
  close(): Promise<void>;
}

const E164 = /^\+[1-9]\d{7,14}$/;
const MAX_BODY = 64 * 1024;

export async function startSmsSimulator(
  opts: { host?: string; port?: number; token?: string | null; log?: (msg: string) => void } = {},
): Promise<SmsSimulator> {
  const token = opts.token ?? null;
  const byId = new Map<string, SimulatedSms>();
  const failures: { status: number; retryAfterSeconds?: number | undefined }[] = [];
  const sim = {
    url: '',
    messages: [] as SimulatedSms[],
    requests: 0,
  };

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
    const path = (req.url ?? '/').split('?')[0];
    if (token && req.headers.authorization !== `Bearer ${token}`)
      return send(res, 401, { error: 'missing or wrong bearer token' });
    if (req.method === 'GET' && path === '/health') return send(res, 200, { status: 'ok' });
    if (req.method === 'GET' && path === '/messages') return send(res, 200, { items: sim.messages });
    if (req.method !== 'POST' || path !== '/messages') return send(res, 404, { error: 'not found' });
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
      let body: { to?: unknown; text?: unknown; id?: unknown; sender?: unknown };
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return send(res, 400, { error: 'the body is not JSON' });
      }
      const { to, text, id, sender } = body ?? {};
      if (typeof to !== 'string' || !E164.test(to)) return send(res, 400, { error: 'to: expected E.164' });
      if (typeof text !== 'string' || text.length === 0 || text.length > SMS_MAX_TEXT)
        return send(res, 400, { error: `text: 1 to ${SMS_MAX_TEXT} characters` });
      if (typeof id !== 'string' || id.length === 0 || id.length > 100)
        return send(res, 400, { error: 'id: 1 to 100 characters' });
      const seen = byId.get(id);
      if (seen) return send(res, 202, { id: seen.gatewayId, segments: seen.segments, duplicate: true });
      const segments = smsInfo(text).segments;
      const sms: SimulatedSms = {
        gatewayId: randomUUID(),
        id,
        to,
        text,
        sender: typeof sender === 'string' ? sender : null,
        segments,
        at: new Date(),
      };
      byId.set(id, sms);
      sim.messages.push(sms);
      opts.log?.(`SMS to ${to} (${segments} segment${segments > 1 ? 's' : ''}): ${text}`);
      return send(res, 202, { id: sms.gatewayId, segments });
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
      return createHttpSmsSender({ url: sim.url, token, sender: null, timeoutMs: o.timeoutMs ?? 10_000 });
    },
    close() {
      return new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  });
}
