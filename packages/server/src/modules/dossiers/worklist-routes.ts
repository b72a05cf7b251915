/**
 * The officer worklists over HTTP (worklists.ts): any signed-in officer may ask; what they see is
 * filtered in SQL by their positions.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppDeps } from '../../app.js';
import { ErrorResponse } from '../../http/schemas.js';
import {
  WithinHours,
  WorklistCounts,
  WorklistPage,
  WorklistParams,
  WorklistQuery,
} from './worklist-schemas.js';
import { worklistCounts, worklistPage } from './worklists.js';

export const worklistRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, deps) => {
  const { db } = deps;
  // "now" for overdue and due soon: the app's clock (tests move it), else the system's
  const now = () => (deps.clock ?? Date.now)();
  app.get(
    '/api/v1/worklists',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags: ['worklists'],
        summary: 'Số hồ sơ trong từng danh sách công việc — badge counters of my worklists',
        description:
          'Every list the signed-in officer’s roles give, counted up to 99 (exact=false beyond: a badge shows 99+), in one SQL statement.',
        querystring: Type.Object({ withinHours: Type.Optional(WithinHours) }),
        response: { 200: WorklistCounts, 401: ErrorResponse },
      },
    },
    async (req) => worklistCounts(db, req.auth!, now(), req.query.withinHours),
  );

  app.get(
    '/api/v1/worklists/:list',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags: ['worklists'],
        summary: 'Danh sách công việc của tôi — one of my worklists, filtered, sorted and paged',
        description:
          'Lists: to_receive, to_assign, to_process, to_approve, to_sign, to_issue, to_return, overdue, due_soon, supplement_waiting (docs/lifecycle.md). Keyset paging: pass nextCursor back as cursor with the same sort and order.',
        params: WorklistParams,
        querystring: WorklistQuery,
        response: { 200: WorklistPage, 400: ErrorResponse, 401: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (req) => worklistPage(db, req.auth!, req.params.list, req.query, now()),
  );
};
