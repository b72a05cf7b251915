/** The monitoring API (issue #7): the periodic report and the Decision 766 indicators, from the day counters or the facts read model. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppDeps } from '../../app.js';
import { ErrorResponse, IdParams, StringEnum } from '../../http/schemas.js';
import { sendExport } from './export-reply.js';
import { indicatorDossiers } from './indicators.js';
import { sourcedIndicators } from './indicators-counters.js';
import { periodicReport } from './report-counters.js';
import { renderReportPdf, renderReportXlsx, reportFileName } from './report-export.js';

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

const PeriodQuery = {
  period: Type.Optional(Type.String({ pattern: '^\\d{4}(-(\\d{2}|Q[1-4]))?$' })),
  from: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
  to: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
  cutoff: Type.Optional(StringEnum(['calendar', 'government'] as const)),
};

const MetricScore = Type.Object({
  code: Type.String(),
  no: Type.String(),
  max: Type.Number(),
  ratio: Type.Union([Type.Ref(Ratio), Type.Null()]),
  score: Type.Union([Type.Number(), Type.Null()]),
  status: StringEnum(['verified', 'unverified', 'unresolved'] as const),
  basis: StringEnum(['OFF', 'OPS', 'REV'] as const),
  nullBecause: Type.Optional(StringEnum(['not_measured', 'no_data', 'unresolved', 'tracking'] as const)),
});
const GroupScore = Type.Object({
  group: Type.String(),
  max: Type.Number(),
  score: Type.Union([Type.Number(), Type.Null()]),
  metrics: Type.Array(MetricScore),
});
/** Which source a read model answered from (report-counters.ts countersOrFacts), in the response. */
const Source = {
  source: StringEnum(['counters', 'facts'] as const, {
    description:
      'counters: the day counters (a period from midnight to midnight, counters lagging at most 5 s); facts: every dossier’s facts (a period not over yet, or counters behind)',
  }),
  countersLagSeconds: Type.Number({
    minimum: 0,
    description: 'seconds since the oldest change the day counters have not taken yet (0: caught up)',
  }),
};

const Scored = {
  total: Type.Number(),
  measuredMax: Type.Number({
    description: 'the points of the metrics MotCua scores from its own data: what total is out of',
  }),
  groups: Type.Array(GroupScore),
};

export const monitoringRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, { db, clock }) => {
  const now = clock ?? Date.now;
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
          'A month (2026-12), a quarter (2026-Q4) or a year (2026), with the Government cut-off (15th to 14th) as an option, or from/to dates (at most 366 days); a period not over yet is counted up to now, one not begun is 400 PERIOD_IN_FUTURE. Rows by procedure or by field, and the total. Invariants: received = carried over + new = resolved + pending + suspended + withdrawn. format=xlsx (Excel, merged two-level column groups) or format=pdf (A4 landscape, Tinos) returns the same report as a download (Content-Disposition with an ASCII filename and a UTF-8 filename*); default json. A period that is over (midnight to midnight) is summed from the day counters when they lag at most 5 s, otherwise counted from the facts of every dossier: `source` and `countersLagSeconds` say which.',
        params: IdParams,
        querystring: Type.Object(
          {
            ...PeriodQuery,
            groupBy: Type.Optional(StringEnum(['procedure', 'field'] as const)),
            format: Type.Optional(
              StringEnum(['json', 'xlsx', 'pdf'] as const, {
                description: 'json (default), xlsx or pdf: the same figures as a file',
              }),
            ),
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
            ...Source,
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
      const report = await periodicReport(db, req.auth!.tenantId, req.params.id, query, at);
      if (format === 'json') return report;
      return sendExport(
        reply,
        format,
        {
          xlsx: () => renderReportXlsx(report, new Date(at)),
          pdf: () => renderReportPdf(report, new Date(at)),
        },
        reportFileName(report, format),
      );
    },
  );

  app.get(
    '/api/v1/indicators',
    {
      config: { access: { roles: ['agency_leader', 'admin', 'inspector'] } },
      schema: {
        tags: ['monitoring'],
        summary:
          'Chỉ số đánh giá chất lượng phục vụ (Quyết định 766) của các cơ quan trong kỳ, xếp hạng theo cấp — Decision 766 indicators and rankings',
        description:
          "Measured from MotCua's own data: 2.1 DOSSIER_ON_TIME (scored), 3.3 ONLINE_CHANNEL_SHARE (shown), and from the PAKN 5.1 (tracking: rules vs behaviour), 5.2 PETITION_PROCESSING_ON_TIME and 5.3 PETITION_HANDLING_SATISFACTION (scored; full points when an agency has no PAKN, the [REV] reading). Every other metric is returned with nullBecause not_measured; total is out of measuredMax, not 100. Ratios keep numerator and denominator; 0 ÷ 0 is null (no data). For a period that is over (midnight to midnight) 2.1 and 3.3 are summed from the day counters when they lag at most 5 s, otherwise folded from the facts of every dossier (the PAKN metrics always from the PAKN log): `source` and `countersLagSeconds` say which.",
        querystring: Type.Object(PeriodQuery, { additionalProperties: false }),
        response: {
          200: Type.Object({
            period: Type.Object({ from: Type.String(), to: Type.String(), label: Type.String() }),
            measured: Type.Array(Type.String()),
            deployment: Type.Object(Scored),
            rankings: Type.Array(
              Type.Object({
                level: Type.String(),
                agencies: Type.Array(
                  Type.Object({
                    agency: Type.Object({
                      id: Type.Integer(),
                      name: Type.String(),
                      identifier: Type.String(),
                      level: Type.String(),
                    }),
                    rank: Type.Union([Type.Integer(), Type.Null()]),
                    ...Scored,
                  }),
                ),
              }),
            ),
            ...Source,
          }),
          400: ErrorResponse,
          401: ErrorResponse,
          403: ErrorResponse,
        },
      },
    },
    async (req) => sourcedIndicators(db, req.auth!.tenantId, req.query, now()),
  );

  app.get(
    '/api/v1/agencies/:id/indicators/dossiers',
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
          'Hồ sơ đứng sau chỉ số 2.1 của cơ quan: giải quyết quá hạn, đang quá hạn — the dossiers behind an agency’s on-time figure',
        params: IdParams,
        querystring: Type.Object(
          { ...PeriodQuery, count: Type.Optional(StringEnum(['late', 'overdue', 'on_time'] as const)) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            agency: Type.Object({ id: Type.Integer(), name: Type.String() }),
            metric: Type.String(),
            period: Type.Object({ label: Type.String() }),
            dossiers: Type.Array(
              Type.Object({
                id: Type.Integer(),
                code: Type.Union([Type.String(), Type.Null()]),
                count: StringEnum(['late', 'overdue', 'on_time'] as const),
                status: Type.String(),
                dueAt: Type.Union([Type.String(), Type.Null()]),
                currentStep: Type.Union([Type.String(), Type.Null()]),
                assigneeId: Type.Union([Type.Integer(), Type.Null()]),
                procedure: Type.Object({ code: Type.String(), name: Type.String() }),
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
    async (req) => indicatorDossiers(db, req.auth!.tenantId, req.params.id, req.query, now()),
  );
};
