import type { RouteObject } from 'react-router';
import { Home } from './Home.js';

/**
 * The portal's screens. The home is part of the first load and uses no Ant Design; every other
 * screen loads on demand inside PortalScope.
 */
export const portalRoutes: RouteObject[] = [
  { index: true, path: '/', element: <Home /> },
  {
    lazy: () => import('./PortalScope.js').then((m) => ({ Component: m.PortalScope })),
    children: [
      {
        path: '/thu-tuc/:code',
        lazy: () => import('./ProcedureDetail.js').then((m) => ({ Component: m.ProcedureDetail })),
      },
      {
        path: '/tra-cuu',
        lazy: () => import('./TrackDossier.js').then((m) => ({ Component: m.TrackDossier })),
      },
      {
        path: '/tra-cuu/:code',
        lazy: () => import('./TrackDossier.js').then((m) => ({ Component: m.TrackDossier })),
      },
    ],
  },
];
