import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppDeps } from '../../app.js';
import { listAudit } from './repository.js';

export const auditRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, { db }) => {
  app.get(
    '/api/v1/audit-log',
    {
      config: { access: { roles: ['admin', 'inspector'] } },
      schema: {
        tags: ['audit'],
        summary: 'Nhật ký thao tác quản trị — administrative audit log',
        querystring: Type.Object({
          entityType: Type.Optional(Type.String({ maxLength: 40 })),
          entityId: Type.Optional(Type.String({ maxLength: 40 })),
          limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
        }),
      },
    },
    async (req) => ({ items: await listAudit(db, req.auth!.tenantId, req.query) }),
  );
};
