/**
 * Who is signed in: an officer (staff session) and/or a citizen (one-time-code session). Both are
 * cached queries; a 401 means "nobody", not an error, so pages can offer the sign-in instead.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, call, client, forgetSession } from './api.js';

export const officerKey = ['session', 'officer'] as const;
export const citizenKey = ['session', 'citizen'] as const;

async function orNull<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

export const fetchOfficer = () => orNull(call(client.GET('/api/v1/auth/me')));
export const fetchCitizen = () => orNull(call(client.GET('/api/v1/citizen/me')));
export type OfficerProfile = NonNullable<Awaited<ReturnType<typeof fetchOfficer>>>;
export type CitizenProfile = NonNullable<Awaited<ReturnType<typeof fetchCitizen>>>;

export function useOfficer() {
  return useQuery({ queryKey: officerKey, queryFn: fetchOfficer, staleTime: 60_000, retry: false });
}

export function useCitizen() {
  return useQuery({ queryKey: citizenKey, queryFn: fetchCitizen, staleTime: 60_000, retry: false });
}

/** The roles an officer holds anywhere (a position each); the menus show what those roles do. */
export const rolesOf = (p: OfficerProfile | null | undefined) =>
  new Set((p?.positions ?? []).map((x) => x.role));

export function useOfficerSignOut() {
  const qc = useQueryClient();
  return useMutation({
    // an expired session refuses the sign-out; the officer is signed out either way
    mutationFn: () => call(client.POST('/api/v1/auth/logout')).catch(() => undefined),
    onSettled: () => {
      forgetSession('officer');
      qc.setQueryData(officerKey, null);
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'session' && q.queryKey[0] !== 'public' });
    },
  });
}

export function useCitizenSignOut() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => call(client.POST('/api/v1/citizen/auth/logout')).catch(() => undefined),
    onSettled: () => {
      forgetSession('citizen');
      qc.setQueryData(citizenKey, null);
      qc.removeQueries({ queryKey: ['citizen'] });
    },
  });
}
