/**
 * The province dashboard's data (GET /api/v1/dashboard) for the overview and the big screen, and
 * the small formatting both share. The figures are read by the server at `asOf`; the big screen
 * asks again on an interval.
 */
import { useQuery } from '@tanstack/react-query';
import type { paths } from '../api/schema.js';
import { call, client } from '../app/api.js';

export type Dashboard = paths['/api/v1/dashboard']['get']['responses']['200']['content']['application/json'];
export type OverdueRow = Dashboard['overdue']['dossiers'][number];

/** The big screen asks every 30 s (a service centre's screen; the figures have no lag to wait for). */
export const TV_REFRESH_MS = 30_000;

export function useDashboard(period: string, opts: { refetchInterval?: number; overdueLimit?: number } = {}) {
  return useQuery({
    queryKey: ['dashboard', period, opts.overdueLimit ?? null],
    queryFn: () =>
      call(
        client.GET('/api/v1/dashboard', {
          params: { query: { period, ...(opts.overdueLimit ? { overdueLimit: opts.overdueLimit } : {}) } },
        }),
      ),
    refetchInterval: opts.refetchInterval,
    // a wall screen keeps refreshing when nobody has focused it
    refetchIntervalInBackground: opts.refetchInterval !== undefined,
  });
}

/** How late, as "2 ngày 3 giờ" or "5 giờ 10 phút" (elapsed time, not working time). */
export function lateParts(
  minutes: number,
): { kind: 'days'; d: number; h: number } | { kind: 'hours'; h: number; m: number } {
  const h = Math.floor(minutes / 60);
  if (h >= 24) return { kind: 'days', d: Math.floor(h / 24), h: h % 24 };
  return { kind: 'hours', h, m: minutes % 60 };
}

/** The chart colours: each at least 4.5:1 on white (WCAG 1.4.11 asks 3:1 of graphics). */
export const CHART_COLOURS = ['#0b57a4', '#a14800', '#1b6e36', '#6b2fa0', '#9b1c31', '#3f4a5a'] as const;
