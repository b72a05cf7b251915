import { EXCEPTION_KINDS, LIMIT_UNITS } from '@motcua/core';
import { Type } from '@sinclair/typebox';
import { StringEnum } from '../../http/schemas.js';

const Instant = Type.String({
  description: 'ISO-8601 instant with offset, e.g. 2026-02-13T10:00:00+07:00',
  examples: ['2026-02-13T10:00:00+07:00'],
});
const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const Period = Type.String({ pattern: '^\\d{2}:\\d{2}-\\d{2}:\\d{2}$', examples: ['07:30-11:30'] });

export const DeadlineBody = Type.Object(
  {
    receivedAt: Instant,
    limit: Type.Object(
      {
        amount: Type.Number({ description: 'e.g. 3, or 0.5 working days' }),
        // a plain string so an unknown unit gets its own error code (UNKNOWN_UNIT) from the engine
        unit: Type.String({ description: `one of ${LIMIT_UNITS.join(', ')}`, examples: ['working_days'] }),
      },
      { additionalProperties: false },
    ),
    pauses: Type.Optional(
      Type.Array(Type.Object({ from: Instant, to: Instant }, { additionalProperties: false }), {
        maxItems: 50,
        description: 'clock stops (supplement requests, financial obligations that pause the clock)',
      }),
    ),
    calendarId: Type.Optional(
      Type.Integer({ minimum: 1, description: 'default: the national public-sector calendar' }),
    ),
    explain: Type.Optional(Type.Boolean({ default: true })),
  },
  { additionalProperties: false },
);

const NonWorkingReason = Type.Object({
  kind: Type.String({ description: 'weekend, statutory, compensatory or swapped_day_off' }),
  name: Type.Optional(Type.String()),
  legalBasis: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  status: Type.Optional(Type.String()),
});

export const DeadlineResponse = Type.Object({
  dueAt: Type.String({ description: 'Hạn giải quyết' }),
  receivedAt: Type.String(),
  limit: Type.Object({ amount: Type.Number(), unit: Type.String() }),
  calendar: Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() }),
  standardDayHours: Type.Number(),
  workingHoursCounted: Type.Number(),
  pausedWorkingHours: Type.Number(),
  targetDate: Type.Optional(Type.String()),
  explanation: Type.Array(
    Type.Object({
      date: Type.String(),
      weekday: Type.Integer({ description: '1 = Monday … 7 = Sunday' }),
      working: Type.Boolean(),
      counted: Type.Array(Type.Object({ from: Type.String(), to: Type.String() })),
      countedMinutes: Type.Number(),
      pausedMinutes: Type.Number(),
      reason: Type.Union([NonWorkingReason, Type.Null()]),
      makeup: Type.Union([
        Type.Object({ name: Type.String(), legalBasis: Type.Union([Type.String(), Type.Null()]) }),
        Type.Null(),
      ]),
    }),
  ),
});

export const LunarDate = Type.Object({
  day: Type.Integer(),
  month: Type.Integer(),
  year: Type.Integer(),
  leap: Type.Boolean(),
  yearCanChi: Type.String({ examples: ['Bính Ngọ'] }),
});

export const SolarQuery = Type.Object({
  day: Type.Integer({ minimum: 1, maximum: 30 }),
  month: Type.Integer({ minimum: 1, maximum: 12 }),
  year: Type.Integer(),
  leap: Type.Boolean({ default: false }),
});

export const DaysQuery = Type.Object({
  from: IsoDate,
  to: IsoDate,
  calendarId: Type.Optional(Type.Integer({ minimum: 1 })),
});

export const ExceptionBody = Type.Object(
  {
    kind: StringEnum(EXCEPTION_KINDS),
    name: Type.String({ minLength: 2, maxLength: 200 }),
    legalBasis: Type.Union([Type.String({ maxLength: 500 }), Type.Null()]),
    status: StringEnum(['official', 'provisional'] as const),
  },
  { additionalProperties: false },
);

export const WorkingTimeBody = Type.Object(
  {
    weekly: Type.Union([
      Type.Record(Type.String({ pattern: '^[1-7]$' }), Type.Array(Period, { maxItems: 6 })),
      Type.Null({ description: 'inherit the parent calendar’s periods' }),
    ]),
    standardDay: Type.Optional(Type.Union([Type.Array(Period, { minItems: 1, maxItems: 6 }), Type.Null()])),
    sameDayCutoff: Type.Optional(Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' })),
  },
  { additionalProperties: false },
);

export const CalendarParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export const YearParams = Type.Object({
  id: Type.Integer({ minimum: 1 }),
  year: Type.Integer({ minimum: 1900, maximum: 2100 }),
});
export const ExceptionParams = Type.Object({ id: Type.Integer({ minimum: 1 }), date: IsoDate });

const ExceptionView = Type.Object({
  date: Type.String(),
  kind: Type.String(),
  name: Type.String(),
  legal_basis: Type.Union([Type.String(), Type.Null()]),
  status: Type.String(),
  confidence: Type.Union([Type.String(), Type.Null()]),
});

export const ExceptionRowResponse = ExceptionView;

export const CalendarYearResponse = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  parentId: Type.Union([Type.Integer(), Type.Null()]),
  agencyId: Type.Union([Type.Integer(), Type.Null()]),
  revision: Type.Integer(),
  weekly: Type.Record(Type.String(), Type.Array(Type.String())),
  weeklyInherited: Type.Boolean(),
  standardDayHours: Type.Number(),
  sameDayCutoff: Type.String(),
  year: Type.Integer(),
  exceptions: Type.Array(
    Type.Object({
      date: Type.String(),
      kind: Type.String(),
      name: Type.String(),
      legalBasis: Type.Union([Type.String(), Type.Null()]),
      status: Type.String(),
      confidence: Type.Union([Type.String(), Type.Null()]),
      inherited: Type.Boolean({ description: 'comes from a parent calendar' }),
    }),
  ),
});

export const WorkingTimeResponse = Type.Object({
  id: Type.Integer(),
  weekly_pattern: Type.Union([Type.Record(Type.String(), Type.Array(Type.String())), Type.Null()]),
  standard_day: Type.Union([Type.Array(Type.String()), Type.Null()]),
  same_day_cutoff: Type.String(),
  revision: Type.Integer(),
});

export const DerivedYearResponse = Type.Object({
  year: Type.Integer(),
  exceptions: Type.Array(
    Type.Object({
      date: Type.String(),
      kind: Type.String(),
      name: Type.String(),
      legalBasis: Type.Union([Type.String(), Type.Null()]),
      status: Type.String(),
    }),
  ),
});

export const ConfirmedYearResponse = Type.Object({ year: Type.Integer(), confirmed: Type.Integer() });

export const ImportResultResponse = Type.Object({
  kind: Type.String(),
  file: Type.String(),
  rows: Type.Integer(),
  inserted: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  rejected: Type.Array(
    Type.Object({
      line: Type.Integer(),
      field: Type.Union([Type.String(), Type.Null()]),
      reason: Type.String(),
      reasonVi: Type.String(),
    }),
  ),
  dryRun: Type.Boolean(),
});

export const HolidayRule = Type.Object({
  id: Type.Integer(),
  calendar_id: Type.Integer(),
  name: Type.String(),
  calendar_kind: Type.String(),
  month: Type.Integer(),
  day: Type.Integer(),
  legal_basis: Type.Union([Type.String(), Type.Null()]),
  enabled: Type.Boolean(),
  valid_from: Type.Union([Type.String(), Type.Null()]),
});

export const HolidayRuleBody = Type.Object(
  {
    name: Type.String({ minLength: 2, maxLength: 200 }),
    calendarKind: StringEnum(['solar', 'lunar'] as const),
    month: Type.Integer({ minimum: 1, maximum: 12 }),
    day: Type.Integer({ minimum: 1, maximum: 31 }),
    legalBasis: Type.Union([Type.String({ maxLength: 500 }), Type.Null()]),
    enabled: Type.Boolean(),
    validFrom: Type.Union([IsoDate, Type.Null()]),
  },
  { additionalProperties: false },
);

export const RuleParams = Type.Object({
  id: Type.Integer({ minimum: 1 }),
  ruleId: Type.Integer({ minimum: 1 }),
});
