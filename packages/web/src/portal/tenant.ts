/**
 * Which deployment (province or ministry) the portal shows: the first the installation serves,
 * or the one the citizen chose (kept in the browser). Most installations serve one.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { call, client } from '../app/api.js';

const KEY = 'motcua.tenant';

export function useTenants() {
  return useQuery({
    queryKey: ['public', 'tenants'],
    queryFn: () => call(client.GET('/api/v1/tenants')),
    staleTime: 60 * 60_000,
  });
}

export function usePortalTenant() {
  const tenants = useTenants();
  const [chosen, setChosen] = useState<string | null>(() => globalThis.localStorage?.getItem(KEY) ?? null);
  const list = tenants.data ?? [];
  const current = list.find((t) => t.code === chosen) ?? list[0] ?? null;
  const choose = (code: string) => {
    localStorage.setItem(KEY, code);
    setChosen(code);
  };
  return { tenants: list, current, choose, isPending: tenants.isPending };
}
