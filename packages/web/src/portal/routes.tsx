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
    children: [],
  },
];
