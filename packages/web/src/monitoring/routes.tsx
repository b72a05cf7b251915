import type { RouteObject } from 'react-router';

/** The monitoring area's screens (leaders, inspectors, administrators), each loaded on demand. */
export const monitoringRoutes: RouteObject[] = [
  { path: '/theo-doi', lazy: () => import('./Overview.js').then((m) => ({ Component: m.Overview })) },
  {
    path: '/theo-doi/man-hinh',
    lazy: () => import('./TvScreen.js').then((m) => ({ Component: m.TvScreen })),
  },
  {
    path: '/theo-doi/co-quan/:id',
    lazy: () => import('./AgencyMonitor.js').then((m) => ({ Component: m.AgencyMonitor })),
  },
  {
    path: '/theo-doi/co-quan/:id/can-bo',
    lazy: () => import('./OfficerStats.js').then((m) => ({ Component: m.OfficerStats })),
  },
  {
    path: '/theo-doi/tai-cho',
    lazy: () => import('./OnTheSpot.js').then((m) => ({ Component: m.OnTheSpot })),
  },
];
