/**
 * What the citizen's PAKN screens read and write (GET /api/v1/feedback/agencies and /answers,
 * GET /api/v1/citizen/feedback, /feedback/{id}/mine, POST /feedback and /citizen-actions), and the
 * registration of their texts. The citizen's queries live under ['citizen', …] (sign-out forgets
 * them); the public ones under ['public', …].
 */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import type { paths } from '../api/schema.js';
import { ApiError, call, client, newIdempotencyKey } from '../app/api.js';
import i18n from '../app/i18n.js';
import * as messages from './feedback-messages.js';

// the texts come with the screens that use them, not with the portal's first load
for (const [lang, bundle] of Object.entries({ vi: messages.vi, en: messages.en }))
  i18n.addResourceBundle(lang, 'translation', { portal: { feedback: bundle } }, true, false);

export function useFeedbackAgencies(tenant: string | undefined) {
  return useQuery({
    queryKey: ['public', 'feedback-agencies', tenant],
    queryFn: () =>
      call(client.GET('/api/v1/feedback/agencies', { params: { query: { tenant: tenant as string } } })),
    enabled: !!tenant,
    staleTime: 60 * 60_000,
  });
}

const ANSWERS_PAGE = 20;
export function usePublishedAnswers(tenant: string | undefined) {
  return useInfiniteQuery({
    queryKey: ['public', 'feedback-answers', tenant],
    queryFn: ({ pageParam }) =>
      call(
        client.GET('/api/v1/feedback/answers', {
          params: { query: { tenant: tenant as string, limit: ANSWERS_PAGE, offset: pageParam } },
        }),
      ),
    initialPageParam: 0,
    getNextPageParam: (last, all) => {
      const seen = all.reduce((n, p) => n + p.items.length, 0);
      return seen < last.total ? seen : undefined;
    },
    enabled: !!tenant,
  });
}

export function useMyFeedbackList() {
  return useQuery({
    queryKey: ['citizen', 'feedback'],
    queryFn: () => call(client.GET('/api/v1/citizen/feedback')),
  });
}
export type MyFeedbackRow = NonNullable<ReturnType<typeof useMyFeedbackList>['data']>[number];

export const myFeedbackKey = (id: number) => ['citizen', 'feedback', id] as const;

/**
 * The access token of an anonymous submission, kept for this tab only (sessionStorage): a reload
 * keeps it, closing the tab or another person at a shared computer does not find it.
 */
const tokenKey = (id: number) => `motcua.feedback.${id}`;
export const feedbackToken = {
  get: (id: number) => globalThis.sessionStorage?.getItem(tokenKey(id)) ?? undefined,
  set: (id: number, token: string) => sessionStorage.setItem(tokenKey(id), token),
};

/**
 * The number behind a PAKN code (PAKN.YYYYMMDD.NNNNNN, the server's codeOf: the last part is the
 * PAKN's id), so a citizen can follow one by the code they were given.
 */
export function feedbackIdOf(code: string): number | null {
  const m = /^PAKN\.\d{8}\.(\d{1,12})$/i.exec(code.trim());
  const id = m ? Number(m[1]) : 0;
  return id > 0 ? id : null;
}

export function useMyFeedback(id: number) {
  const token = feedbackToken.get(id);
  return useQuery({
    queryKey: [...myFeedbackKey(id), token ?? null],
    queryFn: () =>
      call(
        client.GET('/api/v1/feedback/{id}/mine', {
          params: { path: { id }, header: token ? { 'x-feedback-token': token } : {} },
        }),
      ),
    enabled: id > 0,
    // a stranger's 404 stays a 404: no retries that only delay the answer
    retry: (n, e) => !(e instanceof ApiError && e.status < 500) && n < 2,
  });
}
export type MyFeedbackView = NonNullable<ReturnType<typeof useMyFeedback>['data']>;

type SubmitBody = paths['/api/v1/feedback']['post']['requestBody']['content']['application/json'];
type CitizenBody =
  paths['/api/v1/feedback/{id}/citizen-actions']['post']['requestBody']['content']['application/json'];

/**
 * One intent, one Idempotency-Key: a retry after a network failure or a 5xx reuses it (the server
 * may have written), an answer of the server ends the intent.
 */
function useIntentKey() {
  const key = useRef(newIdempotencyKey());
  return {
    get: () => key.current,
    settled: (e: unknown) => {
      if (!e || (e instanceof ApiError && e.status >= 400 && e.status < 500))
        key.current = newIdempotencyKey();
    },
  };
}

export function useSubmitFeedback() {
  const key = useIntentKey();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SubmitBody) =>
      call(
        client.POST('/api/v1/feedback', {
          params: { header: { 'idempotency-key': key.get() } },
          body,
        }),
      ),
    onSettled: (_d, e) => {
      key.settled(e);
      return qc.invalidateQueries({ queryKey: ['citizen', 'feedback'] });
    },
  });
}

export function useFeedbackCitizenAction(id: number) {
  const key = useIntentKey();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CitizenBody) => {
      const token = feedbackToken.get(id);
      return call(
        client.POST('/api/v1/feedback/{id}/citizen-actions', {
          params: {
            path: { id },
            header: { 'idempotency-key': key.get(), ...(token ? { 'x-feedback-token': token } : {}) },
          },
          body,
        }),
      );
    },
    onSettled: (_d, e) => {
      key.settled(e);
      return qc.invalidateQueries({ queryKey: ['citizen', 'feedback'] });
    },
  });
}

/** The label the API gives (core's FEEDBACK_STATE_LABELS), in the interface's language. */
export const labelIn = (l: { vi: string; en: string } | null | undefined, lang: string) =>
  l ? (lang.startsWith('en') ? l.en : l.vi) : '';

/** Statuses in which the agency still owes an answer (its deadline is shown). */
export const OPEN_STATES = new Set(['received', 'info_requested']);

/** The form fields of the submission, as the server's validation paths name them. */
export type SendField =
  | 'agency'
  | 'procedure'
  | 'dossierCode'
  | 'title'
  | 'content'
  | 'name'
  | 'phone'
  | 'email'
  | 'address';
const PATHS: Record<string, SendField> = {
  '/body/agency': 'agency',
  '/body/procedureCode': 'procedure',
  '/body/dossierCode': 'dossierCode',
  '/body/title': 'title',
  '/body/content': 'content',
  '/body/submitter/name': 'name',
  '/body/submitter/phone': 'phone',
  '/body/submitter/email': 'email',
  '/body/submitter/address': 'address',
};

/**
 * Which fields the server refused and why (its own words for a rule of the domain; for a schema
 * rule the field is named, and the form says what it expects in the interface's language).
 */
export function fieldErrorsOf(e: unknown, lang: string): Partial<Record<SendField, string | true>> {
  if (!(e instanceof ApiError)) return {};
  const out: Partial<Record<SendField, string | true>> = {};
  const issues = Array.isArray(e.details.issues) ? (e.details.issues as { path?: string }[]) : [];
  for (const i of issues) {
    const f = i.path ? PATHS[i.path] : undefined;
    if (f) out[f] = true;
  }
  const text = e.text(lang);
  if (typeof e.details.field === 'string' && PATHS[`/body/${e.details.field}`])
    out[PATHS[`/body/${e.details.field}`] as SendField] = text;
  if (e.code === 'FEEDBACK_AGENCY_UNKNOWN') out.agency = text;
  if (e.code === 'FEEDBACK_PROCEDURE_UNKNOWN') out.procedure = text;
  if (e.code === 'FEEDBACK_DOSSIER_UNKNOWN') out.dossierCode = text;
  if (e.code === 'FEEDBACK_CONTACT_REQUIRED') {
    out.name = text;
    out.phone = text;
  }
  return out;
}
