import { Navigate } from 'react-router';
import { homeOf } from './OfficerSignIn.js';
import { useOfficer } from './session.js';

/** /can-bo: the officer's own starting screen (the layout has made sure someone is signed in). */
export function OfficerHome() {
  const me = useOfficer();
  return me.data ? <Navigate to={homeOf(me.data)} replace /> : null;
}
