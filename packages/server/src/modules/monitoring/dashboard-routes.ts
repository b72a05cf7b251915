/**
 * The dashboards over the API (issue #7 item 6): the province overview for leaders, inspectors and
 * administrators (the indicators route's roles), and the public transparency figures, which carry
 * no personal data.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppDeps } from '../../app.js';
import { ErrorResponse, StringEnum } from '../../http/schemas.js';
import { dashboard, OVERDUE_LIMIT, transparency } from './dashboard.js';

const Count = Type.Integer({ minimum: 0 });
const Nullable = <T extends ReturnType<typeof Type.Number>>(t: T) => Type.Union([t, Type.Null()]);
const Ratio = Type.Object({
  numerator: Count,
  denominator: Count,
  percent: Nullable(Type.Number({ description: 'null when the denominator is 0: no data, not 0 %' })),
});
const Month = Type.Optional(Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' }));
const WindowCounts = Type.Object({
  received: Count,
  resolved: Count,
  resolvedLate: Count,
  overdue: Type.Integer({
    minimum: 0,
    description: 'fell overdue in the window: the due instant passed while the dossier was unresolved',
  }),
});
const Score = Type.Object({
  total: Nullable(Type.Number({ description: 'null when nothing was measured in the period' })),
  measuredMax: Type.Number({ description: 'what total is out of: the points of the measured metrics' }),
});
const GroupScores = Type.Array(
  Type.Object({ group: Type.String(), max: Type.Number(), score: Nullable(Type.Number()) }),
);
const Period = Type.Object({ period: Type.String(), label: Type.String() });

export const dashboardRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, { db, clock }) => {
  const now = clock ?? Date.now;

  app.get(
    '/api/v1/dashboard',
    {
      config: { access: { roles: ['agency_leader', 'admin', 'inspector'] } },
      schema: {
        tags: ['monitoring'],
        summary:
          'Bảng điều hành toàn tỉnh: tiếp nhận, giải quyết, quá hạn, kênh nộp, điểm 766 và xu hướng — the province dashboard',
        description:
          'today is always the current day in Vietnam; month, channels, score and the 6-month trend follow `period` (a month). The figures are read from the facts read model, written in the transaction of each action: asOf is the instant they were read, lagSeconds is 0. countersLagSeconds is the lag of the day counters, kept by a worker, from which the periodic report of a past period is summed. Digitisation is not_measured: the facts do not hold digitised or reused components. The overdue list is the dossiers overdue now, most late first.',
        querystring: Type.Object(
          {
            period: Month,
            overdueLimit: Type.Optional(Type.Integer({ minimum: 1, maximum: OVERDUE_LIMIT.max })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            asOf: Type.String({ format: 'date-time' }),
            lagSeconds: Type.Number(),
            countersLagSeconds: Type.Number({
              minimum: 0,
              description:
                'seconds since the oldest change the day counters (the periodic report of past periods) have not taken yet; 0 when caught up',
            }),
            period: Type.Object({
              period: Type.String(),
              from: Type.String(),
              to: Type.String(),
              label: Type.String(),
            }),
            today: Type.Intersect([Type.Object({ from: Type.String() }), WindowCounts]),
            month: WindowCounts,
            open: Type.Object({
              total: Count,
              inTime: Count,
              overdue: Count,
              paused: Count,
              noDueDate: Count,
            }),
            channels: Type.Object({ total: Count, online: Ratio, direct: Ratio, postal: Ratio }),
            digitisation: Type.Object({
              status: StringEnum(['not_measured'] as const),
              reason: Type.String(),
            }),
            score: Type.Intersect([Score, Type.Object({ groups: GroupScores })]),
            trend: Type.Array(
              Type.Intersect([
                Score,
                Type.Object({ period: Type.String(), label: Type.String(), groups: GroupScores }),
              ]),
            ),
            overdue: Type.Object({
              limit: Count,
              total: Count,
              dossiers: Type.Array(
                Type.Object({
                  id: Type.Integer(),
                  code: Type.Union([Type.String(), Type.Null()]),
                  procedure: Type.Object({ code: Type.String(), name: Type.String() }),
                  agency: Type.Object({ id: Type.Integer(), name: Type.String() }),
                  step: Type.Union([Type.Object({ code: Type.String(), name: Type.String() }), Type.Null()]),
                  holder: Type.Object({
                    assignee: Type.Union([
                      Type.Object({ id: Type.Integer(), name: Type.String() }),
                      Type.Null(),
                    ]),
                    role: Type.Union([Type.String(), Type.Null()]),
                    department: Type.Union([Type.String(), Type.Null()]),
                    agency: Type.Union([Type.String(), Type.Null()]),
                  }),
                  dueAt: Type.String(),
                  lateMinutes: Count,
                  paused: Type.Boolean({
                    description: 'the clock is stopped (it stopped after the due instant)',
                  }),
                }),
              ),
            }),
          }),
          400: ErrorResponse,
          401: ErrorResponse,
          403: ErrorResponse,
        },
      },
    },
    async (req) => dashboard(db, req.auth!.tenantId, req.query, now()),
  );

  app.get(
    '/api/v1/public/transparency',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['monitoring'],
        summary:
          'Công khai kết quả giải quyết TTHC theo cơ quan: đúng hạn, hài lòng, điểm dự kiến — public transparency per agency',
        description:
          'No sign-in and no personal data: agency names and counts only. onTime is Decision 766 indicator 2.1; satisfaction is the share of the ratings of dossiers resolved in the month that are not dissatisfied (3 to 5 of 5); score is the projected score out of measuredMax (the official score is the national portal’s). A null percent or total means no data, not zero.',
        querystring: Type.Object(
          {
            period: Month,
            tenant: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9-]{1,40}$' })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            tenant: Type.Object({ code: Type.String(), name: Type.String() }),
            asOf: Type.String({ format: 'date-time' }),
            period: Period,
            measured: Type.Array(Type.String()),
            deployment: Type.Object({ onTime: Ratio, satisfaction: Ratio, score: Score }),
            agencies: Type.Array(
              Type.Object({
                agency: Type.Object({ id: Type.Integer(), name: Type.String(), level: Type.String() }),
                rank: Type.Union([Type.Integer(), Type.Null()]),
                onTime: Ratio,
                satisfaction: Ratio,
                score: Score,
              }),
            ),
          }),
          400: ErrorResponse,
          404: ErrorResponse,
        },
      },
    },
    async (req) => transparency(db, req.query, now()),
  );
};
