import type { RouteObject } from 'react-router';

/** The workspace area's screens, each loaded on demand. */
export const workspaceRoutes: RouteObject[] = [
  { path: '/xu-ly', lazy: () => import('./Worklists.js').then((m) => ({ Component: m.Worklists })) },
  {
    path: '/xu-ly/ho-so/:id',
    lazy: () => import('./DossierWorkspace.js').then((m) => ({ Component: m.DossierWorkspace })),
  },
  { path: '/xu-ly/:list', lazy: () => import('./Worklists.js').then((m) => ({ Component: m.Worklists })) },
];
