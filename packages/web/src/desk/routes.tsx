import type { RouteObject } from 'react-router';

/** The desk area's screens, each loaded on demand. */
export const deskRoutes: RouteObject[] = [];
