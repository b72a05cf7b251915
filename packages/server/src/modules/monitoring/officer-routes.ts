/**
 * The per-officer statistics and the on-the-spot rate over the API (issue #7 items 4 and 5), with
 * the periodic report's conventions: the agency is a path parameter checked by the access rule (404
 * unknown, 403 outside the caller's reach), the periods and their 400 PERIOD_* codes are the
 * report's; the on-the-spot rate covers the deployment, as the indicators do.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { HANDLING_KINDS, ON_THE_SPOT_MISSES, RECEPTION_POINT_KINDS, ROLES } from '@motcua/core';
import { Type } from '@sinclair/typebox';
import type { AppDeps } from '../../app.js';
import { ErrorResponse, IdParams, StringEnum } from '../../http/schemas.js';
import { sendExport } from './export-reply.js';
import { OFFICER_STATS_ROLES, officerStatistics } from './officers.js';
import { officersFileName, renderOfficersPdf, renderOfficersXlsx } from './officers-export.js';
import { onTheSpot } from './on-the-spot.js';

const Count = Type.Integer({ minimum: 0 });
const Ratio = Type.Object({
  numerator: Count,
  denominator: Count,
  percent: Type.Union([Type.Number(), Type.Null()], {
    description: 'null when the denominator is 0: no data',
  }),
});
const PeriodQuery = {
  period: Type.Optional(Type.String({ pattern: '^\\d{4}(-(\\d{2}|Q[1-4]))?$' })),
  from: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
  to: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
  cutoff: Type.Optional(StringEnum(['calendar', 'government'] as const)),
};
const Period = Type.Object({ from: Type.String(), to: Type.String(), label: Type.String() });
const KindCount = Type.Object({
  total: Type.Integer({ minimum: 0, description: 'dossiers (each once per officer and kind)' }),
  onTime: Count,
  late: Count,
  open: Type.Integer({
    minimum: 0,
    description: 'still in the officer’s step at the period’s end, within budget',
  }),
  unjudged: Type.Integer({
    minimum: 0,
    description: 'no step budget recorded (a result’s return), or the clock stopped during the step',
  }),
});
const Figures = {
  handled: Type.Object(
    Object.fromEntries(HANDLING_KINDS.map((k) => [k, KindCount])) as Record<
      (typeof HANDLING_KINDS)[number],
      typeof KindCount
    >,
  ),
  onTimeRate: Ratio,
  holding: Type.Object({ total: Count, inTime: Count, overdue: Count, noBudget: Count }),
  supplementRequests: Count,
  apologies: Count,
};

export const officerRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, { db, clock }) => {
  const now = clock ?? Date.now;

  app.get(
    '/api/v1/agencies/:id/officer-statistics',
    {
      config: {
        access: {
          roles: OFFICER_STATS_ROLES,
          target: (req) => ({ agencyId: (req.params as { id: number }).id }),
        },
      },
      schema: {
        tags: ['monitoring'],
        summary: 'Thống kê kết quả xử lý hồ sơ theo cán bộ của cơ quan trong kỳ — per-officer statistics',
        description:
          'For each officer of the agency: the dossiers they received (accept), processed (a specialist’s or department head’s forward, return or stop), approved, signed, issued and returned in the period, each on time or late against the budget of their own step as the log recorded it when the step was entered; what they hold at the period’s end (assigned to them, or unassigned after they acted in the step), supplement requests and apologies they recorded. total sums the officers (handlings). The periodic report’s periods; 400 PERIOD_*, 404 an unknown agency, 403 outside the caller’s reach. format=xlsx or pdf returns the same figures as a file.',
        params: IdParams,
        querystring: Type.Object(
          {
            ...PeriodQuery,
            format: Type.Optional(StringEnum(['json', 'xlsx', 'pdf'] as const)),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            agency: Type.Object({ id: Type.Integer(), name: Type.String() }),
            period: Period,
            officers: Type.Array(
              Type.Object({
                staff: Type.Object({ id: Type.Integer(), fullName: Type.String(), username: Type.String() }),
                roles: Type.Array(StringEnum(ROLES)),
                ...Figures,
              }),
            ),
            total: Type.Object(Figures),
          }),
          400: ErrorResponse,
          401: ErrorResponse,
          403: ErrorResponse,
          404: ErrorResponse,
        },
      },
    },
    async (req, reply) => {
      const { format = 'json', ...query } = req.query;
      const at = now();
      const stats = await officerStatistics(db, req.auth!.tenantId, req.params.id, query, at);
      if (format === 'json') return stats;
      return sendExport(
        reply,
        format,
        {
          xlsx: () => renderOfficersXlsx(stats, new Date(at)),
          pdf: () => renderOfficersPdf(stats, new Date(at)),
        },
        officersFileName(stats, format),
      );
    },
  );

  app.get(
    '/api/v1/on-the-spot',
    {
      config: { access: { roles: ['agency_leader', 'admin', 'inspector'] } },
      schema: {
        tags: ['monitoring'],
        summary:
          'Tỷ lệ giải quyết tại chỗ của các Trung tâm, Bộ phận Một cửa trong kỳ — the on-the-spot rate per centre',
        description:
          "MotCua's interpretation (rule MOTCUA_SAME_DAY_AT_CENTRE; the domain sources do not define the rate): a dossier accepted at a centre was resolved on the spot when its result was issued and returned the same day (UTC+7) as the acceptance, every officer action in between was recorded in a position of the centre's agency, nothing was sent to a liên thông agency and the clock never stopped. dossiers: on the spot ÷ accepted at the centre; procedures: procedures with at least procedureShare of their dossiers on the spot ÷ procedures received (the targets, ≥ 20 % at the provincial centre and ≥ 50 % at district or commune level, are phrased over procedures; their source is a gap, see docs/monitoring.md). The whole deployment, as the indicators (centre: one reception point, 404 when unknown); 0 ÷ 0 is null.",
        querystring: Type.Object(
          {
            ...PeriodQuery,
            centre: Type.Optional(Type.Integer({ minimum: 1 })),
            procedureShare: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            period: Period,
            procedureShare: Type.Number(),
            rule: Type.Literal('MOTCUA_SAME_DAY_AT_CENTRE'),
            centres: Type.Array(
              Type.Object({
                centre: Type.Object({
                  id: Type.Integer(),
                  code: Type.String(),
                  name: Type.String(),
                  kind: StringEnum(RECEPTION_POINT_KINDS),
                  agency: Type.Object({ id: Type.Integer(), name: Type.String() }),
                }),
                dossiers: Ratio,
                procedures: Ratio,
                target: Type.Union([
                  Type.Object({ percent: Type.Number(), basis: Type.String() }),
                  Type.Null(),
                ]),
                meetsTarget: Type.Union([Type.Boolean(), Type.Null()]),
                byProcedure: Type.Array(
                  Type.Object({
                    code: Type.String(),
                    name: Type.String(),
                    received: Count,
                    onTheSpot: Count,
                    counts: Type.Boolean(),
                  }),
                ),
                misses: Type.Object(
                  Object.fromEntries(ON_THE_SPOT_MISSES.map((k) => [k, Type.Optional(Count)])),
                  { description: 'why the other dossiers were not resolved on the spot, by reason' },
                ),
              }),
            ),
          }),
          400: ErrorResponse,
          401: ErrorResponse,
          403: ErrorResponse,
          404: ErrorResponse,
        },
      },
    },
    async (req) => onTheSpot(db, req.auth!.tenantId, req.query, now()),
  );
};
