import type { RouteObject } from 'react-router';

/** The admin area's screens, each loaded on demand. */
export const adminRoutes: RouteObject[] = [
  { path: '/quan-tri', lazy: () => import('./AdminHome.js').then((m) => ({ Component: m.AdminHome })) },
  {
    path: '/quan-tri/to-chuc',
    lazy: () => import('./Organisation.js').then((m) => ({ Component: m.Organisation })),
  },
  {
    path: '/quan-tri/thu-tuc',
    lazy: () => import('./Catalogue.js').then((m) => ({ Component: m.Catalogue })),
  },
  {
    path: '/quan-tri/thu-tuc/:code',
    lazy: () => import('./ProcedureAdmin.js').then((m) => ({ Component: m.ProcedureAdmin })),
  },
  {
    path: '/quan-tri/quy-trinh',
    lazy: () => import('./Workflows.js').then((m) => ({ Component: m.Workflows })),
  },
  {
    path: '/quan-tri/quy-trinh/:implementationId',
    lazy: () => import('./WorkflowEditor.js').then((m) => ({ Component: m.WorkflowEditor })),
  },
  {
    path: '/quan-tri/ngay-nghi',
    lazy: () => import('./Holidays.js').then((m) => ({ Component: m.Holidays })),
  },
  {
    path: '/quan-tri/cau-hinh',
    lazy: () => import('./Operations.js').then((m) => ({ Component: m.Operations })),
  },
];
