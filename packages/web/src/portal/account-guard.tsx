/**
 * The citizen's own screens open only to a signed-in citizen: anyone else goes to the sign-in
 * page, which brings them back here (`next`) once the code is verified.
 */
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { type CitizenProfile, useCitizen } from '../app/session.js';
import { ErrorState } from '../ui/ErrorState.js';
import { Loading } from '../ui/Page.js';
import { signInPath } from './account-data.js';
import './account.css';

export function RequireCitizen({ children }: { children: (me: CitizenProfile) => ReactNode }) {
  const me = useCitizen();
  const location = useLocation();
  if (me.isPending) return <Loading />;
  if (me.error) return <ErrorState error={me.error} onRetry={() => me.refetch()} />;
  if (!me.data) return <Navigate to={signInPath(location.pathname + location.search)} replace />;
  return <>{children(me.data)}</>;
}
