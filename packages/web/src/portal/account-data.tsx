/**
 * What the citizen's account screens read and write: their dossiers, one dossier with its log and
 * files, their document store, and the actions a citizen records (supplement, rating). Every
 * query lives under ['citizen', …], which sign-out forgets. A 401 means the session ended: the
 * citizen is then treated as signed out, and the guard sends them to the sign-in page.
 */
import type { DossierAction, DossierSnapshot } from '@motcua/core';
import { useInfiniteQuery, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { paths } from '../api/schema.js';
import { ApiError, call, client, newIdempotencyKey } from '../app/api.js';
import { citizenKey } from '../app/session.js';

const PAGE = 20;

const fetchMyDossiers = (before?: number) =>
  call(
    client.GET('/api/v1/citizen/dossiers', {
      params: { query: { limit: PAGE, ...(before ? { before } : {}) } },
    }),
  );
export type MyDossierRow = Awaited<ReturnType<typeof fetchMyDossiers>>['items'][number];

/** The list's rows are open objects in the API: the procedure's id is there (dossiers/repository.ts toView). */
export const procedureIdOf = (r: MyDossierRow) =>
  typeof r.procedureId === 'number' ? r.procedureId : undefined;

export function useMyDossiers() {
  return useInfiniteQuery({
    queryKey: ['citizen', 'dossiers'],
    queryFn: ({ pageParam }) => fetchMyDossiers(pageParam),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.next ?? undefined,
  });
}

/** A dossier component as GET /api/v1/dossiers/{id} lists it. */
export interface DossierComponent {
  id: number;
  documentCode: string | null;
  name: string;
  required: boolean;
  provided: boolean;
}

/**
 * GET /api/v1/dossiers/{id} as the service builds it (dossiers/service.ts DossierDetail); the
 * OpenAPI document declares it an open object, so the shape is stated here.
 */
export interface DossierDetail {
  dossier: {
    id: number;
    code: string | null;
    status: string;
    nationalStatus: number | null;
    version: number;
    channel: 'direct' | 'online' | 'postal' | null;
    procedureId: number;
    dueAt: string | null;
    appointmentAt: string | null;
    receivedAt: string | null;
    finishedAt: string | null;
    createdAt: string;
    state: DossierSnapshot;
  };
  procedure: { code: string; name: string };
  components: DossierComponent[];
  allowedActions: string[];
  step: { code: string; name: string } | null;
}

export interface LogEntry {
  seq: number;
  type: DossierAction['type'];
  at: string;
  payload: DossierAction;
}

export const detailKey = (id: number) => ['citizen', 'dossier', id] as const;

const fetchDetail = async (id: number) =>
  (await call(client.GET('/api/v1/dossiers/{id}', { params: { path: { id } } }))) as unknown as DossierDetail;

export function useDossierDetail(id: number) {
  return useQuery({ queryKey: detailKey(id), queryFn: () => fetchDetail(id), enabled: id > 0 });
}

/** The procedure names of a list of dossiers: one detail per distinct procedure, not one per dossier. */
export function useProcedureNames(rows: readonly MyDossierRow[]) {
  const first = new Map<number, number>();
  for (const r of rows) {
    const p = procedureIdOf(r);
    if (p !== undefined && !first.has(p)) first.set(p, r.id);
  }
  const results = useQueries({
    queries: [...first.values()].map((id) => ({ queryKey: detailKey(id), queryFn: () => fetchDetail(id) })),
  });
  const names = new Map<number, { code: string; name: string }>();
  for (const r of results) if (r.data) names.set(r.data.dossier.procedureId, r.data.procedure);
  return names;
}

export function useDossierLog(id: number) {
  return useQuery({
    queryKey: [...detailKey(id), 'actions'],
    queryFn: async () =>
      (await call(
        client.GET('/api/v1/dossiers/{id}/actions', { params: { path: { id } } }),
      )) as unknown as LogEntry[],
    enabled: id > 0,
  });
}

export function useDossierFiles(id: number) {
  return useQuery({
    queryKey: [...detailKey(id), 'files'],
    queryFn: () => call(client.GET('/api/v1/dossiers/{id}/files', { params: { path: { id } } })),
    enabled: id > 0,
  });
}
export type DossierFile = NonNullable<ReturnType<typeof useDossierFiles>['data']>['items'][number];

/** The procedure as in force on a day: the legal time limit of each channel. Public. */
export function useProcedureOn(code: string | undefined, date: string | undefined) {
  return useQuery({
    queryKey: ['public', 'procedure-on', code, date],
    queryFn: () =>
      call(
        client.GET('/api/v1/procedures/{code}', {
          params: { path: { code: code as string }, query: { date: date as string } },
        }),
      ),
    enabled: !!code && !!date,
    staleTime: 10 * 60_000,
  });
}

// the key the submission wizard uses too (wizard-data.ts): one cache for the store
const fetchMyDocuments = () => call(client.GET('/api/v1/citizen/documents'));
export type MyDocument = Awaited<ReturnType<typeof fetchMyDocuments>>['items'][number];

export function useMyDocuments() {
  return useQuery({ queryKey: ['citizen', 'documents'], queryFn: fetchMyDocuments });
}

/** A query that failed with 401: the session is over, so the citizen is signed out here too. */
export function useSignedOutOn401(...errors: unknown[]) {
  const qc = useQueryClient();
  const gone = errors.some((e) => e instanceof ApiError && e.status === 401);
  useEffect(() => {
    if (gone) qc.setQueryData(citizenKey, null);
  }, [gone, qc]);
}

export type ActionBody =
  paths['/api/v1/dossiers/{id}/actions']['post']['requestBody']['content']['application/json'];

/**
 * One action of the citizen as one intent: the same Idempotency-Key for every retry of it, a new
 * one once the server has answered. The dossier and the list are refreshed either way (after a
 * 409 the reload shows what changed).
 */
export function useCitizenAction(id: number) {
  const key = useRef(newIdempotencyKey());
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ActionBody) =>
      call(
        client.POST('/api/v1/dossiers/{id}/actions', {
          params: { path: { id }, header: { 'idempotency-key': key.current } },
          body,
        }),
      ),
    onSuccess: () => {
      key.current = newIdempotencyKey();
    },
    // a network failure or a 5xx may not have reached the log: its retry keeps the key
    onError: (e) => {
      if (e instanceof ApiError && e.status >= 400 && e.status < 500) key.current = newIdempotencyKey();
    },
    onSettled: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: detailKey(id) }),
        qc.invalidateQueries({ queryKey: ['citizen', 'dossiers'] }),
        qc.invalidateQueries({ queryKey: ['citizen', 'documents'] }),
      ]),
  });
}

/** Only paths of this app: `next` comes from the address bar and must not send the citizen elsewhere. */
export const safeNext = (next: string | null) =>
  next && /^\/(?!\/)/.test(next) && !next.startsWith('/dang-nhap') ? next : null;

export const signInPath = (next: string) => `/dang-nhap?${new URLSearchParams({ next })}`;

/** The civil date in Việt Nam of an instant, YYYY-MM-DD (the day a procedure version is chosen by). */
export const vnDay = (iso: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date(iso));

export const isoOf = (ms: number) => new Date(ms).toISOString();
