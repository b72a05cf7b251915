/**
 * The dossier queries and the one way to record an action: with the dossier version last seen
 * and an Idempotency-Key kept for the whole intent (a retry of the same click reuses it).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef } from 'react';
import { ApiError, call, client, newIdempotencyKey } from '../app/api.js';
import type {
  ActionAnswer,
  ActionBody,
  ChildDossier,
  Counters,
  DossierDetail,
  DossierFile,
  LogEntry,
} from './types.js';

export const dossierKey = (id: number) => ['dossier', id] as const;

export function useDossier(id: number) {
  return useQuery({
    queryKey: dossierKey(id),
    queryFn: async () =>
      (await call(
        client.GET('/api/v1/dossiers/{id}', { params: { path: { id } } }),
      )) as unknown as DossierDetail,
    staleTime: 5_000,
  });
}

export function useDossierLog(id: number) {
  return useQuery({
    queryKey: [...dossierKey(id), 'log'],
    queryFn: async () =>
      (await call(
        client.GET('/api/v1/dossiers/{id}/actions', { params: { path: { id } } }),
      )) as unknown as LogEntry[],
    staleTime: 5_000,
  });
}

export function useDossierFiles(id: number) {
  return useQuery({
    queryKey: [...dossierKey(id), 'files'],
    queryFn: async () =>
      (await call(client.GET('/api/v1/dossiers/{id}/files', { params: { path: { id } } })))
        .items as DossierFile[],
    staleTime: 5_000,
  });
}

export function useChildren(id: number, enabled: boolean) {
  return useQuery({
    queryKey: [...dossierKey(id), 'children'],
    queryFn: async () =>
      (await call(
        client.GET('/api/v1/dossiers/{id}/children', { params: { path: { id } } }),
      )) as unknown as ChildDossier[],
    enabled,
    staleTime: 5_000,
  });
}

export function useCounters() {
  return useQuery({
    queryKey: ['worklists', 'counters'],
    queryFn: (): Promise<Counters> => call(client.GET('/api/v1/worklists')),
    staleTime: 10_000,
  });
}

/** Forgets what a change to this dossier makes stale: the dossier, its log, files, lists, counters. */
export function useRefreshDossier() {
  const qc = useQueryClient();
  return useCallback(
    (id: number) =>
      Promise.all([
        qc.invalidateQueries({ queryKey: dossierKey(id) }),
        qc.invalidateQueries({ queryKey: ['worklists'] }),
      ]),
    [qc],
  );
}

/** Records one action; the same key travels with every retry of one intent. */
export function postAction(id: number, body: ActionBody, key: string): Promise<ActionAnswer> {
  return call(
    client.POST('/api/v1/dossiers/{id}/actions', {
      params: { path: { id }, header: { 'idempotency-key': key } },
      body,
    }),
  );
}

/**
 * An action as one intent of the user: `run` sends it with the key of this intent; after a
 * success the next intent gets a new key. The dossier is refreshed either way (after a conflict
 * the reload shows what changed).
 */
export function useAction(dossierId: number) {
  const key = useRef(newIdempotencyKey());
  const refresh = useRefreshDossier();
  return useMutation({
    mutationFn: (body: ActionBody) => postAction(dossierId, body, key.current),
    onSuccess: () => {
      key.current = newIdempotencyKey();
    },
    // the server answered: that intent is over, and a corrected form is a new one. A network
    // failure or a 5xx may not have reached the log, so the retry keeps the key.
    onError: (e) => {
      if (e instanceof ApiError && e.status >= 400 && e.status < 500) key.current = newIdempotencyKey();
    },
    onSettled: () => refresh(dossierId),
  });
}

export const FORM_CODES = [
  'RECEIPT',
  'SUPPLEMENT_REQUEST',
  'REFUSAL',
  'APOLOGY_EXTENSION',
  'STOP_NOTICE',
  'CONTROL_SHEET',
] as const;
export type FormCode = (typeof FORM_CODES)[number];

export const formUrl = (id: number, form: FormCode) => `/api/v1/dossiers/${id}/forms/${form}`;
export const fileUrl = (fileId: number, inline = true) =>
  `/api/v1/files/${fileId}${inline ? '?disposition=inline' : ''}`;

/** The forms a dossier's log can fill now (the server answers 409 FORM_NOT_AVAILABLE for the others). */
export function availableForms(d: DossierDetail['dossier'], log: LogEntry[] | undefined): FormCode[] {
  const has = (t: string) => !!log?.some((a) => a.type === t);
  const out: FormCode[] = [];
  if (d.code && d.receivedAt) out.push('RECEIPT');
  if (has('request_completion') || has('request_supplement')) out.push('SUPPLEMENT_REQUEST');
  if (has('refuse_intake')) out.push('REFUSAL');
  if (has('apologise') && d.appointmentAt) out.push('APOLOGY_EXTENSION');
  if (has('stop')) out.push('STOP_NOTICE');
  if (d.code && d.receivedAt) out.push('CONTROL_SHEET');
  return out;
}
