import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppDeps } from '../../app.js';
import { errors } from '../../errors.js';
import { ErrorResponse } from '../../http/schemas.js';
import * as repo from './repository.js';

const ProcedureListItem = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  ministry: Type.Union([Type.String(), Type.Null()]),
  field_id: Type.Union([Type.Integer(), Type.Null()]),
  field_name: Type.Union([Type.String(), Type.Null()]),
  levels: Type.Array(Type.String()),
  version_no: Type.Integer(),
  review_flags: Type.Array(Type.String()),
});

// The national catalogue is public: citizens look procedures up before submitting.
export const catalogRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, { db }) => {
  app.get(
    '/api/v1/procedures',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['catalog'],
        summary: 'Tra cứu thủ tục hành chính (không dấu cũng được) — search procedures',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 200 })),
          fieldId: Type.Optional(Type.Integer({ minimum: 1 })),
          level: Type.Optional(Type.String({ maxLength: 40, examples: ['Cấp xã', 'Cấp tỉnh'] })),
          limit: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
          offset: Type.Integer({ minimum: 0, default: 0 }),
        }),
        response: { 200: Type.Object({ items: Type.Array(ProcedureListItem), total: Type.Integer() }) },
      },
    },
    async (req) => repo.searchProcedures(db, req.query),
  );

  app.get(
    '/api/v1/procedures/:code',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['catalog'],
        summary: 'Chi tiết thủ tục (phiên bản hiện hành) — a procedure, current version',
        params: Type.Object({ code: Type.String({ pattern: '^[0-9]\\.[0-9]{6}$' }) }),
        response: {
          200: Type.Object({ code: Type.String(), name: Type.String() }, { additionalProperties: true }),
          404: ErrorResponse,
        },
      },
    },
    async (req) => {
      const p = await repo.getProcedureByCode(db, req.params.code);
      if (!p) throw errors.notFound('procedure', req.params.code, 'thủ tục');
      return p;
    },
  );

  app.get(
    '/api/v1/fields',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['catalog'],
        summary: 'Lĩnh vực — fields',
        response: {
          200: Type.Array(
            Type.Object({
              id: Type.Integer(),
              code: Type.Union([Type.String(), Type.Null()]),
              name: Type.String(),
              procedures: Type.Integer(),
            }),
          ),
        },
      },
    },
    async () => repo.listFields(db),
  );
};
