/** Minimal API client; issue #6 replaces it with a client generated from /api/v1/openapi.json. */
export interface ApiErrorBody {
  error: { code: string; message: string; messageVi: string; details: Record<string, unknown> };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.error.messageVi);
  }
}

let csrfToken: string | null = null;

export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const res = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (res.status === 204) return undefined as T;
  const data = await res.json();
  if (!res.ok) throw new ApiError(res.status, data as ApiErrorBody);
  if (data && typeof data === 'object' && 'csrfToken' in data) csrfToken = String(data.csrfToken);
  return data as T;
}

export interface ProcedureItem {
  id: number;
  code: string;
  name: string;
  ministry: string | null;
  field_name: string | null;
  levels: string[];
}

export interface Profile {
  staff: { id: number; username: string; fullName: string };
  tenant: { code: string; name: string };
  positions: {
    id: number;
    role: string;
    title: string | null;
    agency: { name: string };
    department: { name: string } | null;
  }[];
}
