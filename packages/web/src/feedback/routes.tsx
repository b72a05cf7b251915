import type { RouteObject } from 'react-router';

/**
 * The officers' PAKN screens, under the processing area (/xu-ly) where handling work lives; each
 * loads on demand. Listed before the workspace's /xu-ly/:list so the fixed path wins.
 */
export const feedbackRoutes: RouteObject[] = [
  {
    path: '/xu-ly/phan-anh',
    lazy: () => import('./FeedbackList.js').then((m) => ({ Component: m.FeedbackList })),
  },
  {
    path: '/xu-ly/phan-anh/:id',
    lazy: () => import('./FeedbackHandling.js').then((m) => ({ Component: m.FeedbackHandling })),
  },
];
