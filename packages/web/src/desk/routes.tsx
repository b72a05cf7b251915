import type { RouteObject } from 'react-router';

/** The desk area's screens, each loaded on demand. */
export const deskRoutes: RouteObject[] = [
  {
    path: '/mot-cua/tiep-nhan',
    lazy: () => import('./Reception.js').then((m) => ({ Component: m.Reception })),
  },
  {
    path: '/mot-cua/truc-tuyen',
    lazy: () => import('./Queues.js').then((m) => ({ Component: m.OnlineQueue })),
  },
  {
    path: '/mot-cua/truc-tuyen/:id',
    lazy: () => import('./Queues.js').then((m) => ({ Component: m.OnlineReview })),
  },
  {
    path: '/mot-cua/tra-ket-qua',
    lazy: () => import('./Queues.js').then((m) => ({ Component: m.ReturnDesk })),
  },
  {
    path: '/mot-cua/tra-ket-qua/:id',
    lazy: () => import('./Queues.js').then((m) => ({ Component: m.ReturnHandover })),
  },
];
