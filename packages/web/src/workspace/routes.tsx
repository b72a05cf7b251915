import type { RouteObject } from 'react-router';

/** The workspace area's screens, each loaded on demand. */
export const workspaceRoutes: RouteObject[] = [];
