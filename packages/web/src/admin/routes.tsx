import type { RouteObject } from 'react-router';

/** The admin area's screens, each loaded on demand. */
export const adminRoutes: RouteObject[] = [];
