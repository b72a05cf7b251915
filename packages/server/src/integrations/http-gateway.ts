/**
 * What the HTTP adapters (SMS gateway, postal carrier) share: MotCua's small JSON protocol to a
 * bridge the deployment runs — bearer token, Idempotency-Key on every POST, a per-call timeout that
 * also honours the worker's abort signal, `GET /health` as the configuration check — and one rule
 * for what a failed answer means to the outbox worker (retry or dead letter, and how soon).
 */

export interface GatewayConfig {
  /** Base URL of the bridge; a trailing slash is ignored. */
  url: string;
  token: string | null;
  timeoutMs: number;
}

/** Why a call failed, in the terms the outbox worker retries on. */
export interface GatewayFailure {
  message: string;
  /** the request itself is wrong: retrying cannot help, the message goes dead at once */
  permanent: boolean;
  status: number | null;
  /** the bridge asked to wait this long (Retry-After), 0 when it did not say */
  retryAfterMs: number;
}

export interface GatewayAnswer {
  status: number;
  body: string;
  headers: Headers;
}

/** A Retry-After header (seconds, or an HTTP date) in ms from now; 0 when absent or malformed. */
export function retryAfterMs(header: string | null, now = Date.now()): number {
  if (!header) return 0;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? 0 : Math.max(0, at - now);
}

/**
 * A non-success answer as a failure. A 4xx is the request's fault and permanent, except the ones
 * a later attempt can pass: credentials (401, 403 — fixing the configuration lets the queue
 * through), timeouts and conflicts (408, 409, 425) and rate limiting (429).
 */
export function failureOf(label: string, a: GatewayAnswer): GatewayFailure {
  const permanent = a.status >= 400 && a.status < 500 && ![401, 403, 408, 409, 425, 429].includes(a.status);
  return {
    message: `${label} answered ${a.status}${a.body ? `: ${a.body.slice(0, 300)}` : ''}`,
    permanent,
    status: a.status,
    retryAfterMs: retryAfterMs(a.headers.get('retry-after')),
  };
}

/** The `field` of a JSON body, or undefined when the body is not JSON. */
export function jsonField(body: string, field: string): unknown {
  try {
    return (JSON.parse(body) as Record<string, unknown>)[field];
  } catch {
    return undefined;
  }
}

export interface Gateway {
  /** POSTs JSON; resolves with any HTTP answer, rejects (a GatewayFailure) when unreachable. */
  post(path: string, body: unknown, idempotencyKey: string, signal?: AbortSignal): Promise<GatewayAnswer>;
  /** Resolves when GET /health answers 2xx; rejects with a GatewayFailure otherwise. */
  health(): Promise<void>;
}

export function httpGateway(label: string, config: GatewayConfig): Gateway {
  const base = config.url.replace(/\/+$/, '');
  const headers = (extra: Record<string, string> = {}) => ({
    ...(config.token ? { authorization: `Bearer ${config.token}` } : {}),
    ...extra,
  });
  const signalFor = (signal?: AbortSignal) => {
    const own = AbortSignal.timeout(config.timeoutMs);
    return signal ? AbortSignal.any([signal, own]) : own;
  };
  const unreachable = (e: unknown): GatewayFailure => ({
    message: `${label} unreachable: ${(e as Error).message}`,
    permanent: false,
    status: null,
    retryAfterMs: 0,
  });
  return {
    async post(path, body, idempotencyKey, signal) {
      let res: Response;
      try {
        res = await fetch(`${base}${path}`, {
          method: 'POST',
          headers: headers({ 'content-type': 'application/json', 'idempotency-key': idempotencyKey }),
          body: JSON.stringify(body),
          signal: signalFor(signal),
        });
      } catch (e) {
        throw unreachable(e);
      }
      return { status: res.status, body: await res.text().catch(() => ''), headers: res.headers };
    },
    async health() {
      let res: Response;
      try {
        res = await fetch(`${base}/health`, { headers: headers(), signal: signalFor() });
      } catch (e) {
        throw unreachable(e);
      }
      if (!res.ok)
        throw {
          message: `${label} health check answered ${res.status}`,
          permanent: false,
          status: res.status,
          retryAfterMs: 0,
        } satisfies GatewayFailure;
    },
  };
}

/** Whether a thrown value is a GatewayFailure (the adapters rethrow it as their own error class). */
export const isGatewayFailure = (e: unknown): e is GatewayFailure =>
  typeof e === 'object' && e !== null && 'permanent' in e && 'retryAfterMs' in e && 'message' in e;
