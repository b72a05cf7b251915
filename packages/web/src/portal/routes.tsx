import type { RouteObject } from 'react-router';
import { Home } from './Home.js';

/**
 * The portal's screens. The home is part of the first load and uses no Ant Design; every other
 * screen loads on demand inside PortalScope.
 */
export const portalRoutes: RouteObject[] = [
  { index: true, path: '/', element: <Home /> },
  {
    path: '/minh-bach',
    lazy: () => import('./Transparency.js').then((m) => ({ Component: m.Transparency })),
  },
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
      {
        path: '/dang-nhap',
        lazy: () => import('./CitizenSignIn.js').then((m) => ({ Component: m.CitizenSignIn })),
      },
      {
        path: '/ca-nhan/ho-so',
        lazy: () => import('./MyDossiers.js').then((m) => ({ Component: m.MyDossiers })),
      },
      {
        path: '/ca-nhan/ho-so/:id',
        lazy: () => import('./MyDossier.js').then((m) => ({ Component: m.MyDossier })),
      },
      {
        path: '/ca-nhan/giay-to',
        lazy: () => import('./MyDocuments.js').then((m) => ({ Component: m.MyDocuments })),
      },
      {
        path: '/phan-anh-kien-nghi',
        lazy: () => import('./FeedbackAnswers.js').then((m) => ({ Component: m.FeedbackAnswers })),
      },
      {
        path: '/gui-phan-anh',
        lazy: () => import('./FeedbackSend.js').then((m) => ({ Component: m.FeedbackSend })),
      },
      {
        path: '/phan-anh/theo-doi',
        lazy: () => import('./FeedbackFollow.js').then((m) => ({ Component: m.FeedbackFollow })),
      },
      {
        path: '/phan-anh/:id',
        lazy: () => import('./FeedbackOne.js').then((m) => ({ Component: m.FeedbackOne })),
      },
      {
        path: '/ca-nhan/phan-anh',
        lazy: () => import('./MyFeedback.js').then((m) => ({ Component: m.MyFeedback })),
      },
      {
        path: '/nop-ho-so/:code',
        lazy: () => import('./Wizard.js').then((m) => ({ Component: m.Wizard })),
      },
    ],
  },
];
