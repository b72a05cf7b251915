/** The monitoring API (issue #7): the periodic report, from the facts read model. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppDeps } from '../../app.js';
import { ErrorResponse, IdParams, StringEnum } from '../../http/schemas.js';
import { processingReport } from './report.js';

const Count = Type.Integer({ minimum: 0 });
const Ratio = Type.Object(
  {
    numerator: Count,
    denominator: Count,
    percent: Type.Union([Type.Number(), Type.Null()], {
      description: 'null when the denominator is 0: no data',
    }),
  },
  { $id: 'IndicatorRatio' },
);
const ReportRowSchema = Type.Object(
  {
    received: Type.Object({
      total: Count,
      carriedOver: Count,
      newOnline: Count,
      newDirectOrPostal: Count,
    }),
    resolved: Type.Object({ total: Count, early: Count, onTime: Count, late: Count }),
    pending: Type.Object({ total: Count, inTime: Count, overdue: Count }),
    suspended: Type.Object({ total: Count, supplement: Count, payment: Count, stopped: Count }),
    withdrawn: Count,
    apologies: Count,
    onTimeRate: Type.Ref(Ratio),
  },
  { $id: 'ProcessingReportRow' },
);

export const monitoringRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, { db }) => {
  app.addSchema(Ratio);
  app.addSchema(ReportRowSchema);

  app.get(
    '/api/v1/agencies/:id/report',
    {
      config: {
        access: {
          roles: ['agency_leader', 'department_head', 'admin', 'inspector'],
          target: (req) => ({ agencyId: (req.params as { id: number }).id }),
        },
      },
      schema: {
        tags: ['monitoring'],
        summary:
          'Báo cáo tình hình, kết quả giải quyết TTHC của cơ quan trong kỳ — the periodic processing report of an agency',
        description:
          'A month (2026-12), a quarter (2026-Q4) or a year (2026), with the Government cut-off (15th to 14th) as an option, or from/to dates (at most 366 days). Rows by procedure or by field, and the total. Invariants: received = carried over + new = resolved + pending + suspended + withdrawn.',
        params: IdParams,
        querystring: Type.Object(
          {
            period: Type.Optional(Type.String({ pattern: '^\\d{4}(-(\\d{2}|Q[1-4]))?$' })),
            from: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
            to: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
            cutoff: Type.Optional(StringEnum(['calendar', 'government'] as const)),
            groupBy: Type.Optional(StringEnum(['procedure', 'field'] as const)),
            stopped: Type.Optional(
              StringEnum(['suspended', 'resolved'] as const, {
                description:
                  'where a stopped dossier is counted (the sources leave it open; practice: suspended)',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            agency: Type.Object({ id: Type.Integer(), name: Type.String() }),
            period: Type.Object({ from: Type.String(), to: Type.String(), label: Type.String() }),
            groupBy: StringEnum(['procedure', 'field'] as const),
            stopped: StringEnum(['suspended', 'resolved'] as const),
            groups: Type.Array(
              Type.Object({
                key: Type.Union([Type.String(), Type.Null()]),
                code: Type.Union([Type.String(), Type.Null()]),
                name: Type.String(),
                row: Type.Ref(ReportRowSchema),
              }),
            ),
            total: Type.Ref(ReportRowSchema),
          }),
          400: ErrorResponse,
          401: ErrorResponse,
          403: ErrorResponse,
          404: ErrorResponse,
        },
      },
    },
    async (req) => processingReport(db, req.auth!.tenantId, req.params.id, req.query),
  );
};
