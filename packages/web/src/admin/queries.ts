/**
 * The reference lists several administration screens need: every agency of the deployment (the
 * API pages by 500), one agency with its departments, the calendars.
 */
import { useQuery } from '@tanstack/react-query';
import { call, client } from '../app/api.js';

async function fetchAllAgencies() {
  const first = await call(client.GET('/api/v1/agencies', { params: { query: { limit: 500, offset: 0 } } }));
  const items = [...first.items];
  while (items.length < first.total) {
    const next = await call(
      client.GET('/api/v1/agencies', { params: { query: { limit: 500, offset: items.length } } }),
    );
    if (!next.items.length) break;
    items.push(...next.items);
  }
  return items;
}

export type AgencyItem = Awaited<ReturnType<typeof fetchAllAgencies>>[number];

export const agenciesKey = ['admin', 'agencies'] as const;

export function useAllAgencies() {
  return useQuery({ queryKey: agenciesKey, queryFn: fetchAllAgencies, staleTime: 60_000 });
}

export const agencyKey = (id: number) => ['admin', 'agency', id] as const;

export function useAgency(id: number | null | undefined) {
  return useQuery({
    queryKey: agencyKey(id ?? 0),
    queryFn: () => call(client.GET('/api/v1/agencies/{id}', { params: { path: { id: id ?? 0 } } })),
    enabled: !!id,
    staleTime: 60_000,
  });
}

export interface CalendarRow {
  id: number;
  code: string;
  name: string;
  tenant_id: number | null;
  parent_id: number | null;
  agency_id: number | null;
  agency_name: string | null;
  revision: number;
}

export function useCalendars() {
  return useQuery({
    queryKey: ['admin', 'calendars'],
    queryFn: async () => (await call(client.GET('/api/v1/calendars'))) as unknown as CalendarRow[],
    staleTime: 60_000,
  });
}

/** Options for an agency picker: searchable by name or identifier. */
export const agencyOptions = (list: AgencyItem[] | undefined, value: 'id' | 'identifier' = 'id') =>
  (list ?? []).map((a) => ({
    value: value === 'id' ? a.id : a.identifier,
    label: `${a.name} (${a.identifier})`,
  }));
