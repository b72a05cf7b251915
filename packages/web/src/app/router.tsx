/**
 * The route tree. Every area lists its own routes (<area>/routes.tsx) and loads each screen on
 * demand, so the portal's first load carries the portal's home and nothing of the officers' screens.
 */
import { createBrowserRouter, type RouteObject } from 'react-router';
import { adminRoutes } from '../admin/routes.js';
import { deskRoutes } from '../desk/routes.js';
import { feedbackRoutes } from '../feedback/routes.js';
import { monitoringRoutes } from '../monitoring/routes.js';
import { portalRoutes } from '../portal/routes.js';
import { NotFound } from '../ui/NotFound.js';
import { workspaceRoutes } from '../workspace/routes.js';
import { PortalLayout } from './PortalLayout.js';

export const routes: RouteObject[] = [
  { element: <PortalLayout />, children: [...portalRoutes, { path: '*', element: <NotFound /> }] },
  {
    path: '/can-bo/dang-nhap',
    lazy: () => import('./OfficerSignIn.js').then((m) => ({ Component: m.OfficerSignIn })),
  },
  {
    lazy: () => import('./OfficerLayout.js').then((m) => ({ Component: m.OfficerLayout })),
    children: [
      { path: '/can-bo', lazy: () => import('./OfficerHome.js').then((m) => ({ Component: m.OfficerHome })) },
      ...deskRoutes,
      ...feedbackRoutes,
      ...workspaceRoutes,
      ...adminRoutes,
      ...monitoringRoutes,
      // an unknown address inside an officer area stays inside the officers' frame
      ...['/mot-cua/*', '/xu-ly/*', '/quan-tri/*', '/theo-doi/*'].map((path) => ({
        path,
        element: <NotFound />,
      })),
    ],
  },
];

export const router = createBrowserRouter(routes);
