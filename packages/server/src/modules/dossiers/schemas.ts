/**
 * Request and response schemas of the dossier API. They validate at the edge and generate the
 * OpenAPI document; the service decides everything the body does not say.
 */

import { SURVEY_LABELS, SURVEY_QUESTIONS } from '@motcua/core';
import { type Static, type TProperties, Type } from '@sinclair/typebox';
import { StringEnum } from '../../http/schemas.js';

const Reason = Type.String({
  minLength: 1,
  maxLength: 2000,
  description: 'lý do, ghi rõ (bắt buộc với một số thao tác)',
});
const Version = Type.Integer({
  minimum: 0,
  description: 'the dossier version the client saw (optimistic concurrency)',
});
const Identifier = Type.String({
  pattern: '^[0-9A-Z]{3}\\.[0-9A-Z]{2}\\.[0-9A-Z]{2}\\.[A-Z][0-9]{2}$',
  description: 'mã định danh điện tử của cơ quan',
});
const Item = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 500 }),
    reason: Type.String({ minLength: 1, maxLength: 1000 }),
  },
  { additionalProperties: false },
);
const Codes = Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { maxItems: 100 });

const act = <T extends string, P extends TProperties>(type: T, description: string, props: P) =>
  Type.Object(
    { type: Type.Literal(type), expectedVersion: Version, ...props },
    { additionalProperties: false, description },
  );

const ACTION_REQUESTS = [
  act(
    'request_completion',
    'Hướng dẫn bổ sung, hoàn thiện hồ sơ một lần (Mẫu 02); omitted items = the missing required documents',
    {
      missing: Type.Optional(Type.Array(Item, { minItems: 1, maxItems: 100 })),
      reason: Type.Optional(Reason),
    },
  ),
  act('refuse_intake', 'Từ chối tiếp nhận (Mẫu 03)', { reason: Reason }),
  act('accept', 'Tiếp nhận: cấp mã hồ sơ, tính ngày hẹn trả, Mẫu 01', {
    provided: Type.Optional(Codes),
  }),
  act('assign', 'Phân công: assigneeId omitted = automatic (least loaded)', {
    step: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    assigneeId: Type.Optional(Type.Integer({ minimum: 1 })),
  }),
  act('forward', 'Chuyển bước tiếp theo theo quy trình', {
    outcome: Type.Optional(StringEnum(['positive', 'negative'] as const)),
    toStep: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
  }),
  act('return_step', 'Trả lại bước trước', {
    toStep: Type.String({ minLength: 1, maxLength: 40 }),
    reason: Reason,
  }),
  act('consult', 'Lấy ý kiến cơ quan, đơn vị khác (song song)', {
    agency: Type.Optional(Identifier),
    department: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
    budgetHours: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 2000 })),
    question: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
  }),
  act('answer_consultation', 'Trả lời xin ý kiến', {
    consultationId: Type.String({ minLength: 1, maxLength: 60 }),
    opinion: Type.String({ minLength: 1, maxLength: 4000 }),
  }),
  act('request_supplement', 'Yêu cầu bổ sung hồ sơ (dừng tính thời gian); a second request needs a reason', {
    items: Type.Array(Item, { minItems: 1, maxItems: 100 }),
    reason: Type.Optional(Reason),
  }),
  act('supplement_received', 'Nhận hồ sơ bổ sung (tiếp tục tính thời gian)', {
    provided: Type.Optional(Codes),
  }),
  act('request_payment', 'Yêu cầu thực hiện nghĩa vụ tài chính', {
    amountVnd: Type.Integer({ minimum: 0, maximum: 1_000_000_000_000 }),
    pausesClock: Type.Optional(
      Type.Boolean({ description: 'the procedure stops the clock while payment is awaited' }),
    ),
  }),
  act('payment_received', 'Đã thực hiện nghĩa vụ tài chính', {}),
  act('approve', 'Phê duyệt', {}),
  act('sign', 'Ký duyệt', {}),
  act('issue_result', 'Ban hành kết quả', {
    resultCode: Type.Optional(Type.String({ pattern: '^KQ\\.[GH][0-9]{2}\\.[0-9]{6}$' })),
  }),
  act('apologise', 'Xin lỗi và hẹn lại ngày trả (không thay đổi hạn giải quyết dùng để đánh giá đúng hạn)', {
    newAppointmentAt: Type.String({ description: 'ISO-8601 instant with an offset' }),
    reason: Reason,
    agency: Type.Optional(Identifier),
  }),
  act('stop', 'Dừng xử lý / từ chối giải quyết', {
    reason: Reason,
    legalGround: Type.String({ minLength: 1, maxLength: 500 }),
  }),
  act('withdraw', 'Rút hồ sơ theo yêu cầu của người nộp', { reason: Reason }),
  act('return_result', 'Trả kết quả', { delivery: StringEnum(['counter', 'postal', 'online'] as const) }),
  act('rate', 'Đánh giá mức độ hài lòng (1–5) và phiếu khảo sát ngắn', {
    score: Type.Integer({ minimum: 1, maximum: 5 }),
    answers: Type.Optional(
      Type.Object(
        Object.fromEntries(
          SURVEY_QUESTIONS.map((q) => [
            q,
            Type.Optional(Type.Integer({ minimum: 1, maximum: 5, description: SURVEY_LABELS[q].vi })),
          ]),
        ),
        { additionalProperties: false },
      ),
    ),
    comment: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
  }),
];
const ActionUnion = Type.Union(ACTION_REQUESTS);
export type ActionRequest = Static<typeof ActionUnion>;

/**
 * One body per action, told apart by `type` (an OpenAPI / Ajv discriminator): the validator goes
 * straight to the action's own schema, so an error names that action's fields only, and a body is
 * not tried against twenty schemas it cannot match.
 */
export const ActionRequest = Type.Unsafe<ActionRequest>({
  type: 'object',
  required: ['type'],
  discriminator: { propertyName: 'type' },
  oneOf: ACTION_REQUESTS,
});

export const ApplicantSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    kind: Type.Optional(StringEnum(['individual', 'organisation'] as const)),
    identityNumber: Type.Optional(Type.String({ pattern: '^[0-9A-Z-]{9,20}$' })),
    address: Type.Optional(Type.String({ maxLength: 500 })),
    phone: Type.Optional(Type.String({ pattern: '^\\+?[0-9 .-]{8,20}$' })),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
  },
  { additionalProperties: false },
);

export const ComponentInputSchema = Type.Object(
  {
    code: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    provided: Type.Boolean(),
    originals: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
    certifiedCopies: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
    copies: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
  },
  { additionalProperties: false },
);

const ProcedureCode = Type.String({ pattern: '^[0-9]\\.[0-9]{6}$', description: 'mã TTHC quốc gia' });

export const RegisterBody = Type.Object(
  {
    procedureCode: ProcedureCode,
    competentAgency: Type.Optional(Identifier),
    receivingAgency: Type.Optional(Identifier),
    channel: Type.Optional(StringEnum(['direct', 'postal'] as const)),
    applicant: ApplicantSchema,
    cases: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 300 }), { maxItems: 20 })),
    documents: Type.Array(ComponentInputSchema, { maxItems: 200 }),
    formData: Type.Optional(Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()])),
    accept: Type.Optional(
      Type.Boolean({
        description:
          'accept at once (a complete dossier at the counter): code, appointment and Mẫu 01 in the same transaction; DOCUMENTS_MISSING registers nothing',
      }),
    ),
  },
  { additionalProperties: false },
);
export type RegisterBody = Static<typeof RegisterBody>;

export const SubmitBody = Type.Object(
  {
    tenant: Type.String({
      pattern: '^[a-z0-9][a-z0-9-]{1,40}$',
      description: 'the deployment (province) submitted to',
    }),
    procedureCode: ProcedureCode,
    competentAgency: Identifier,
    applicant: Type.Optional(ApplicantSchema),
    cases: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 300 }), { maxItems: 20 })),
    documents: Type.Array(ComponentInputSchema, { maxItems: 200 }),
    formData: Type.Record(Type.String(), Type.Unknown()),
  },
  { additionalProperties: false },
);
export type SubmitBody = Static<typeof SubmitBody>;

const Instant = Type.Union([Type.String(), Type.Null()]);

export const DossierViewSchema = Type.Object(
  {
    id: Type.Integer(),
    code: Type.Union([Type.String(), Type.Null()]),
    status: Type.String(),
    nationalStatus: Type.Union([Type.Integer(), Type.Null()]),
    version: Type.Integer(),
    channel: Type.Union([Type.String(), Type.Null()]),
    currentStep: Type.Union([Type.String(), Type.Null()]),
    assigneeId: Type.Union([Type.Integer(), Type.Null()]),
    dueAt: Instant,
    appointmentAt: Instant,
    receivedAt: Instant,
    finishedAt: Instant,
    stepDueAt: Instant,
  },
  { additionalProperties: true },
);

export const ActionResponse = Type.Object(
  {
    dossier: DossierViewSchema,
    action: Type.Object({ seq: Type.Integer(), type: Type.String(), at: Type.String() }),
  },
  {},
);

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.String({
    minLength: 8,
    maxLength: 200,
    pattern: '^[\\w.:-]+$',
    description:
      'a fresh id per user intent (e.g. a UUID); a retry with the same key returns the first response',
  }),
});
