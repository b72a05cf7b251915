import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppDeps } from '../../app.js';
import { ErrorResponse } from '../../http/schemas.js';
import { OutboxItem, OutboxPage, OutboxParams, OutboxQuery } from './schemas.js';
import * as service from './service.js';

const meta = (req: { id: string; ip: string }) => ({ requestId: req.id, ip: req.ip });

/** Administrators watch the outbox of their deployment and send dead messages again. */
export const notificationRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, { db }) => {
  app.get(
    '/api/v1/admin/outbox',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['notifications'],
        summary: 'Thông báo gửi ra ngoài (thư điện tử, SMS) theo trạng thái — outbox messages by state',
        querystring: OutboxQuery,
        response: { 200: OutboxPage, 400: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (req) => service.listOutbox(db, req.auth!, req.query),
  );

  app.post(
    '/api/v1/admin/outbox/:id/retry',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['notifications'],
        summary: 'Gửi lại một thông báo đã gửi thất bại — requeue a dead message',
        params: OutboxParams,
        response: { 200: OutboxItem, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (req) => service.retryOutbox(db, req.auth!, req.params.id, meta(req)),
  );
};
