/**
 * The officers' PAKN queries (GET /api/v1/feedback, /feedback/{id}) and the one way to record an
 * action (POST /feedback/{id}/actions): with the version last seen (`expectedVersion`, 409
 * VERSION_CONFLICT when someone acted first) and one Idempotency-Key per intent, reused when the
 * same intent is retried after a network failure or a 5xx.
 */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import type { paths } from '../api/schema.js';
import { ApiError, call, client, newIdempotencyKey } from '../app/api.js';

export type ListQuery = NonNullable<paths['/api/v1/feedback']['get']['parameters']['query']>;
export type ActionBody =
  paths['/api/v1/feedback/{id}/actions']['post']['requestBody']['content']['application/json'];
export type OfficerAction = ActionBody['type'];

const PAGE = 50;
export const feedbackKey = (id: number) => ['feedback', id] as const;

export function useFeedbackList(filter: Omit<ListQuery, 'limit' | 'offset'>) {
  return useInfiniteQuery({
    queryKey: ['feedback', 'list', filter],
    queryFn: ({ pageParam }) =>
      call(
        client.GET('/api/v1/feedback', { params: { query: { ...filter, limit: PAGE, offset: pageParam } } }),
      ),
    initialPageParam: 0,
    getNextPageParam: (last, all) => {
      const seen = all.reduce((n, p) => n + p.items.length, 0);
      return seen < last.total ? seen : undefined;
    },
    staleTime: 10_000,
  });
}
export type FeedbackRow = NonNullable<
  ReturnType<typeof useFeedbackList>['data']
>['pages'][number]['items'][number];

export function useFeedbackDetail(id: number) {
  return useQuery({
    queryKey: feedbackKey(id),
    queryFn: () => call(client.GET('/api/v1/feedback/{id}', { params: { path: { id } } })),
    enabled: id > 0,
    staleTime: 5_000,
    retry: (n, e) => !(e instanceof ApiError && e.status < 500) && n < 2,
  });
}
export type FeedbackDetail = NonNullable<ReturnType<typeof useFeedbackDetail>['data']>;

/**
 * One action as one intent: `run` sends it with this intent's key. The server's answer (success or
 * a 4xx) ends the intent; the PAKN and the list are refreshed either way, so after a conflict the
 * screen shows what changed.
 */
export function useFeedbackAction(id: number) {
  const key = useRef(newIdempotencyKey());
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ActionBody) =>
      call(
        client.POST('/api/v1/feedback/{id}/actions', {
          params: { path: { id }, header: { 'idempotency-key': key.current } },
          body,
        }),
      ),
    onSuccess: () => {
      key.current = newIdempotencyKey();
    },
    onError: (e) => {
      if (e instanceof ApiError && e.status >= 400 && e.status < 500) key.current = newIdempotencyKey();
    },
    onSettled: () => qc.invalidateQueries({ queryKey: ['feedback'] }),
  });
}

/** The deadline an open PAKN is judged by now: the answer's, then the publication's. */
export function nextDeadline(r: {
  status: string;
  deadlines: { resolveBy: string; publishBy: string | null };
}): { kind: 'resolveBy' | 'publishBy'; at: string } | null {
  if (r.status === 'received' || r.status === 'info_requested')
    return { kind: 'resolveBy', at: r.deadlines.resolveBy };
  if (r.status === 'resolved' && r.deadlines.publishBy)
    return { kind: 'publishBy', at: r.deadlines.publishBy };
  return null;
}
