import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppDeps } from '../../app.js';
import { ErrorResponse } from '../../http/schemas.js';
import { ProcedureDetail, procedureDetail, VersionSummary } from './public.js';
import * as repo from './repository.js';
import { ProcedureCodeParams } from './schemas.js';
import { ProcedureSearchItem, ProcedureSearchQuery, searchProcedures } from './search.js';
import { ensureCurrentVersions, getVersionView, listVersions } from './versions.js';

// The national catalogue is public: citizens look procedures up before submitting.
export const catalogRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, { db }) => {
  app.get(
    '/api/v1/procedures',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['catalog'],
        summary: 'Tra cứu thủ tục hành chính (không dấu cũng được) — search procedures',
        querystring: Type.Composite([
          ProcedureSearchQuery,
          Type.Object({
            tenant: Type.Optional(
              Type.String({
                pattern: '^[a-z0-9][a-z0-9-]{1,40}$',
                description: 'the deployment whose implementing agencies `agency` refers to',
              }),
            ),
          }),
        ]),
        response: {
          200: Type.Object({
            items: Type.Array(ProcedureSearchItem),
            total: Type.Integer(),
            approximate: Type.Boolean({
              description: 'misspelt words were replaced by the nearest known ones',
            }),
          }),
        },
      },
    },
    async (req) => {
      await ensureCurrentVersions(db);
      const { tenant, ...f } = req.query;
      const tenantId = tenant ? await repo.tenantIdByCode(db, tenant) : undefined;
      // an unknown deployment implements nothing: an agency filter then matches nothing
      return searchProcedures(db, { ...f, tenantId: tenantId ?? (tenant ? -1 : undefined) });
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
