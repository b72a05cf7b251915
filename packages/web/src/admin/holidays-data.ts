/**
 * What the calendar screens read and share: one calendar's year, its holiday rules, and the small
 * date arithmetic of a year grid (civil dates, no time zone: a holiday is a date, not an instant).
 */
import { EXCEPTION_KINDS, type ExceptionKind } from '@motcua/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { call, client } from '../app/api.js';

export const calendarKey = (id: number) => ['admin', 'calendar', id] as const;

export function useCalendarYear(id: number | null, year: number) {
  return useQuery({
    queryKey: [...calendarKey(id ?? 0), 'year', year],
    queryFn: () =>
      call(client.GET('/api/v1/calendars/{id}/years/{year}', { params: { path: { id: id ?? 0, year } } })),
    enabled: !!id,
    placeholderData: (prev, q) => (q?.queryKey[2] === id ? prev : undefined),
  });
}

export type CalendarYear = NonNullable<ReturnType<typeof useCalendarYear>['data']>;
export type YearException = CalendarYear['exceptions'][number];

export function useHolidayRules(id: number) {
  return useQuery({
    queryKey: [...calendarKey(id), 'rules'],
    queryFn: () => call(client.GET('/api/v1/calendars/{id}/holiday-rules', { params: { path: { id } } })),
  });
}

/**
 * After a write: a calendar's children inherit its days, and every revision moves, so every
 * calendar view is read again.
 */
export function useCalendarsChanged() {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: ['admin', 'calendar'] }),
      qc.invalidateQueries({ queryKey: ['admin', 'calendars'] }),
    ]);
}

export const isExceptionKind = (k: string): k is ExceptionKind =>
  (EXCEPTION_KINDS as readonly string[]).includes(k);

/** ISO weekday of a civil date: 1 = Monday … 7 = Sunday. */
export const weekdayOf = (y: number, m: number, d: number) =>
  ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;

export const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;
export type WeekdayKey = (typeof WEEKDAYS)[number];

const PERIOD = /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/;

/** "07:30-11:30, 13:00-17:00" → ['07:30-11:30', '13:00-17:00']; null when a part is not a period. */
export function parsePeriodList(text: string): string[] | null {
  const parts = text
    .split(/[,;]/)
    .map((p) => p.replace(/\s+/g, ''))
    .filter(Boolean);
  return parts.every((p) => PERIOD.test(p)) ? parts : null;
}
