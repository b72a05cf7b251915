/**
 * TypeBox schemas of the officer worklists (worklist-routes.ts): they validate the query string
 * and generate the OpenAPI description.
 */
import { DOSSIER_STATES } from '@motcua/core';
import { type TSchema, Type } from '@sinclair/typebox';
import { StringEnum } from '../../http/schemas.js';

export const WORKLISTS = [
  'to_receive',
  'to_assign',
  'to_process',
  'to_approve',
  'to_sign',
  'to_issue',
  'to_return',
  'overdue',
  'due_soon',
  'supplement_waiting',
] as const;
export type Worklist = (typeof WORKLISTS)[number];

export const SORT_KEYS = ['dueAt', 'receivedAt', 'appointmentAt', 'code', 'submittedAt'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export const TIMELINESS = ['in_time', 'due_soon', 'overdue', 'paused'] as const;
export type Timeliness = (typeof TIMELINESS)[number];

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD (local date)' });
const Instant = Type.String({ format: 'date-time' });

export const WorklistParams = Type.Object({
  // a plain string, so that an unknown list gets its own error code (WORKLIST_UNKNOWN) rather than
  // a schema failure
  list: Type.String({ maxLength: 40, description: `one of ${WORKLISTS.join(', ')}` }),
});

export const WithinHours = Type.Integer({
  minimum: 1,
  maximum: 720,
  default: 24,
  description: 'due_soon: dossiers due within this many hours from now',
});

export const WorklistQuery = Type.Object({
  procedure: Type.Optional(
    Type.String({ pattern: '^[0-9]\\.[0-9]{6}$', description: 'national procedure code d.dddddd' }),
  ),
  agencyId: Type.Optional(
    Type.Integer({ minimum: 1, description: 'dossiers whose competent or receiving agency is this one' }),
  ),
  status: Type.Optional(
    Type.Array(StringEnum(DOSSIER_STATES), {
      maxItems: DOSSIER_STATES.length,
      description: 'keep these of the list’s states (repeat the parameter for several)',
    }),
  ),
  channel: Type.Optional(StringEnum(['direct', 'online', 'postal'] as const)),
  receivedFrom: Type.Optional({
    ...IsoDate,
    description: 'received on or after this local date (to_receive: submitted)',
  }),
  receivedTo: Type.Optional({
    ...IsoDate,
    description: 'received on or before this local date (to_receive: submitted)',
  }),
  q: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 100,
      description: 'part of the dossier code or of the applicant’s name (diacritics optional)',
    }),
  ),
  sort: Type.Optional(
    StringEnum(SORT_KEYS, { description: 'default dueAt (to_receive: submittedAt, the only one it has)' }),
  ),
  order: Type.Optional(StringEnum(['asc', 'desc'] as const, { description: 'default asc' })),
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  cursor: Type.Optional(
    Type.String({
      maxLength: 400,
      pattern: '^[A-Za-z0-9_-]+$',
      description: 'nextCursor of the previous page (same sort and order)',
    }),
  ),
  withinHours: Type.Optional(WithinHours),
});

export const WorklistItem = Type.Object({
  id: Type.Integer(),
  code: Nullable(Type.String({ description: 'mã hồ sơ, issued at acceptance' })),
  version: Type.Integer({ description: 'the version to send with the next action' }),
  procedure: Type.Object({ code: Type.String(), name: Type.String() }),
  applicantName: Nullable(Type.String()),
  status: StringEnum(DOSSIER_STATES),
  nationalStatus: Nullable(Type.Integer({ description: 'TrangThaiHoSo 1–10' })),
  channel: Nullable(StringEnum(['direct', 'online', 'postal'] as const)),
  currentStep: Nullable(Type.String()),
  stepRole: Nullable(Type.String()),
  assignee: Nullable(Type.Object({ id: Type.Integer(), fullName: Type.String() })),
  submittedAt: Instant,
  receivedAt: Nullable(Instant),
  dueAt: Nullable(Instant),
  appointmentAt: Nullable(Instant),
  stepDueAt: Nullable(Instant),
  timeliness: Nullable(
    StringEnum(TIMELINESS, {
      description:
        'by the due instant against now (a finished dossier: against its end); paused while the clock is stopped; null before acceptance',
    }),
  ),
});

export const WorklistPage = Type.Object({
  list: StringEnum(WORKLISTS),
  items: Type.Array(WorklistItem),
  nextCursor: Nullable(Type.String({ description: 'pass as `cursor` for the next page; null on the last' })),
  total: Nullable(
    Type.Integer({
      description: 'matching dossiers, counted up to 1,000 on the first page only (null on later pages)',
    }),
  ),
  totalExact: Type.Boolean({ description: 'false when there are more than `total`' }),
});

export const WorklistCounts = Type.Object({
  withinHours: Type.Integer(),
  lists: Type.Array(
    Type.Object({
      list: StringEnum(WORKLISTS),
      count: Type.Integer({ description: 'counted up to 99 (a badge shows 99+)' }),
      exact: Type.Boolean({ description: 'false when there are more than `count`' }),
    }),
  ),
});
