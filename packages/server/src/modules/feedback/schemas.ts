/** Request and response schemas of the PAKN API (they validate at the edge and make the OpenAPI document). */
import { FEEDBACK_ACTION_TYPES, FEEDBACK_CLASSIFICATIONS, FEEDBACK_STATES } from '@motcua/core';
import { type Static, type TProperties, type TSchema, Type } from '@sinclair/typebox';
import { StringEnum } from '../../http/schemas.js';

const Version = Type.Integer({
  minimum: 1,
  description: 'the PAKN version the client saw (optimistic concurrency)',
});
const Text = (max: number, description: string) => Type.String({ minLength: 1, maxLength: max, description });
const Instant = Type.String({ format: 'date-time' });
const MaybeInstant = Type.Union([Instant, Type.Null()]);
const Label = Type.Object({ vi: Type.String(), en: Type.String() });
const Classification = StringEnum(FEEDBACK_CLASSIFICATIONS, {
  description: 'rules: về quy định hành chính, TTHC; behaviour: về hành vi, thái độ của cán bộ',
});
const Status = StringEnum(FEEDBACK_STATES);
const Judgement = StringEnum(['on_time', 'late', 'pending', 'overdue', 'not_applicable'] as const);

export const SubmitterSchema = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 200 })),
    phone: Type.Optional(Type.String({ pattern: '^\\+?[0-9 .-]{8,20}$' })),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
    address: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false, description: 'personal data: seen by the agency and the submitter only' },
);

export const SubmitFeedbackBody = Type.Object(
  {
    tenant: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{1,40}$', description: 'the deployment (province)' }),
    agency: Type.String({
      pattern: '^[0-9A-Z]{3}\\.[0-9A-Z]{2}\\.[0-9A-Z]{2}\\.[A-Z][0-9]{2}$',
      description: 'mã định danh của cơ quan bị phản ánh, kiến nghị',
    }),
    procedureCode: Type.Optional(Type.String({ pattern: '^[0-9]\\.[0-9]{6}$' })),
    dossierCode: Type.Optional(Type.String({ minLength: 5, maxLength: 60, pattern: '^[0-9A-Za-z.-]+$' })),
    title: Text(300, 'tiêu đề'),
    content: Text(10000, 'nội dung phản ánh, kiến nghị'),
    submitter: Type.Optional(SubmitterSchema),
  },
  { additionalProperties: false },
);

const act = <T extends string, P extends TProperties>(type: T, description: string, props: P) =>
  Type.Object(
    { type: Type.Literal(type), expectedVersion: Version, ...props },
    { additionalProperties: false, description },
  );

const OFFICER_ACTIONS = [
  act('classify', 'Phân loại: về quy định hay về hành vi', { classification: Classification }),
  act('request_info', 'Đề nghị bổ sung thông tin (≤ 5 ngày làm việc)', {
    question: Text(2000, 'nội dung cần bổ sung'),
  }),
  act('refuse', 'Từ chối xử lý, nêu rõ lý do (≤ 2 ngày làm việc)', { reason: Text(2000, 'lý do') }),
  act('resolve', 'Trả lời, xử lý (≤ 15 ngày làm việc); cần phân loại trước', {
    answer: Text(10000, 'nội dung trả lời'),
  }),
  act('publish', 'Công khai kết quả (≤ 2 ngày làm việc sau khi xử lý)', {
    summary: Type.Optional(Text(1000, 'tóm tắt nội dung được công khai; mặc định là tiêu đề')),
  }),
  act('close', 'Đóng phản ánh, kiến nghị', {}),
];

const CITIZEN_ACTIONS = [
  act('add_info', 'Bổ sung thông tin theo đề nghị', { content: Text(10000, 'thông tin bổ sung') }),
  act('rate', 'Đánh giá kết quả xử lý: hài lòng hoặc không', { satisfied: Type.Boolean() }),
  act('raise_again', 'Phản ánh lại: mở phản ánh mới gắn với phản ánh này', { reason: Text(10000, 'lý do') }),
];

/** One body per action, told apart by `type` (an Ajv / OpenAPI discriminator, as the dossier actions). */
const discriminated = <T extends TSchema[]>(list: T) =>
  Type.Unsafe<Static<T[number]>>({
    type: 'object',
    required: ['type'],
    discriminator: { propertyName: 'type' },
    oneOf: list,
  });
export const OfficerActionBody = discriminated(OFFICER_ACTIONS);
export const CitizenActionBody = discriminated(CITIZEN_ACTIONS);

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.String({
    minLength: 8,
    maxLength: 200,
    pattern: '^[\\w.:-]+$',
    description: 'a fresh id per user intent; a retry with the same key returns the first response',
  }),
  'x-feedback-token': Type.Optional(
    Type.String({
      minLength: 16,
      maxLength: 100,
      description: 'the access token of an anonymous submission',
    }),
  ),
});

const Deadlines = Type.Object({
  refuseBy: Instant,
  requestInfoBy: Instant,
  resolveBy: Instant,
  publishBy: MaybeInstant,
});

export const FeedbackViewSchema = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  agencyId: Type.Integer(),
  procedureCode: Type.Union([Type.String(), Type.Null()]),
  dossierId: Type.Union([Type.Integer(), Type.Null()]),
  previousId: Type.Union([Type.Integer(), Type.Null()]),
  title: Type.String(),
  content: Type.String(),
  submitter: SubmitterSchema,
  classification: Type.Union([Classification, Type.Null()]),
  classificationLabel: Type.Union([Label, Type.Null()]),
  status: Status,
  statusLabel: Label,
  version: Type.Integer(),
  receivedAt: Instant,
  deadlines: Deadlines,
  judgement: Type.Object({
    refuse: Judgement,
    request_info: Judgement,
    resolve: Judgement,
    publish: Judgement,
  }),
  overdue: Type.Boolean(),
  late: Type.Boolean({ description: 'a deadline was missed (done late, or overdue now)' }),
  refusedAt: MaybeInstant,
  refusalReason: Type.Union([Type.String(), Type.Null()]),
  resolvedAt: MaybeInstant,
  answer: Type.Union([Type.String(), Type.Null()]),
  publishedAt: MaybeInstant,
  rating: Type.Union([StringEnum(['satisfied', 'dissatisfied'] as const), Type.Null()]),
  raisedAgainAt: MaybeInstant,
  allowedActions: Type.Array(StringEnum(FEEDBACK_ACTION_TYPES)),
});

/** The submitter's view: the PAKN and, while information is asked, the question to answer. */
export const MineSchema = Type.Intersect([
  FeedbackViewSchema,
  Type.Object({
    agency: Type.String({ description: 'the agency’s name' }),
    infoRequest: Type.Union([Type.Object({ question: Type.String(), at: Instant }), Type.Null()], {
      description: 'the open request for more information (status info_requested), else null',
    }),
  }),
]);

export const ActionResponse = Type.Object({
  feedback: FeedbackViewSchema,
  action: Type.Object({ seq: Type.Integer(), type: Type.String(), at: Instant }),
  raisedAs: Type.Optional(Type.Object({ id: Type.Integer(), code: Type.String() })),
});

export const SubmitResponse = Type.Object({
  feedback: FeedbackViewSchema,
  accessToken: Type.Union([Type.String(), Type.Null()], {
    description: 'anonymous submissions only: keep it to follow, rate or raise the PAKN again',
  }),
});

export const LogEntry = Type.Object({
  seq: Type.Integer(),
  type: Type.String(),
  at: Instant,
  actor: Type.Object({}, { additionalProperties: true }),
  text: Type.Union([Type.String(), Type.Null()]),
  classification: Type.Optional(Type.String()),
  satisfied: Type.Optional(Type.Boolean()),
});

export const ListQuery = Type.Object(
  {
    status: Type.Optional(Status),
    classification: Type.Optional(StringEnum([...FEEDBACK_CLASSIFICATIONS, 'unclassified'] as const)),
    overdue: Type.Optional(Type.Boolean()),
    agencyId: Type.Optional(Type.Integer({ minimum: 1 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  },
  { additionalProperties: false },
);

export const ListItem = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  agency: Type.Object({ id: Type.Integer(), name: Type.String() }),
  procedureCode: Type.Union([Type.String(), Type.Null()]),
  title: Type.String(),
  classification: Type.Union([Classification, Type.Null()]),
  status: Status,
  statusLabel: Label,
  version: Type.Integer(),
  receivedAt: Instant,
  deadlines: Deadlines,
  overdue: Type.Boolean(),
  late: Type.Boolean(),
});

export const PublicAnswer = Type.Object({
  code: Type.String(),
  agency: Type.String(),
  procedureCode: Type.Union([Type.String(), Type.Null()]),
  question: Type.String(),
  answer: Type.String(),
  classification: Type.Union([Classification, Type.Null()]),
  receivedAt: Instant,
  resolvedAt: MaybeInstant,
  publishedAt: MaybeInstant,
});
