import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppDeps } from '../../app.js';
import { ErrorResponse } from '../../http/schemas.js';
import { ProcedureDetail, procedureDetail, VersionSummary } from './public.js';
import * as repo from './repository.js';
import { ProcedureCodeParams } from './schemas.js';
import { ensureCurrentVersions, getVersionView, listVersions } from './versions.js';

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
    async (req) => {
      await ensureCurrentVersions(db);
      return repo.searchProcedures(db, req.query);
    },
  );

  app.get(
    '/api/v1/procedures/:code',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['catalog'],
        summary:
          'Chi tiết thủ tục: phiên bản có hiệu lực (hôm nay hoặc vào một ngày), hồ sơ theo trường hợp, phí, thời hạn theo cách thức — a procedure as in force',
        params: ProcedureCodeParams,
        querystring: Type.Object({
          date: Type.Optional(
            Type.String({
              pattern: '^\\d{4}-\\d{2}-\\d{2}$',
              description: 'the version in force on this date',
            }),
          ),
          tenant: Type.Optional(
            Type.String({
              pattern: '^[a-z0-9][a-z0-9-]{1,40}$',
              description: 'list where this deployment implements it',
            }),
          ),
        }),
        response: { 200: ProcedureDetail, 404: ErrorResponse },
      },
    },
    async (req) => {
      await ensureCurrentVersions(db);
      return procedureDetail(db, req.params.code, req.query);
    },
  );

  app.get(
    '/api/v1/procedures/:code/versions',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['catalog'],
        summary: 'Lịch sử phiên bản đã công bố — published versions',
        params: ProcedureCodeParams,
        response: { 200: Type.Array(VersionSummary), 404: ErrorResponse },
      },
    },
    async (req) => listVersions(db, req.params.code, false),
  );

  app.get(
    '/api/v1/procedures/:code/versions/:versionNo',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['catalog'],
        summary: 'Một phiên bản đã công bố — one published version',
        params: Type.Object({
          code: ProcedureCodeParams.properties.code,
          versionNo: Type.Integer({ minimum: 1 }),
        }),
        response: { 200: Type.Object({}, { additionalProperties: true }), 404: ErrorResponse },
      },
    },
    async (req) => getVersionView(db, req.params.code, req.params.versionNo),
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
