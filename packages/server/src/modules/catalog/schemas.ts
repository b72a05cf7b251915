/**
 * Edge schemas of the catalogue: the same TypeBox objects validate requests and generate the
 * OpenAPI document. They mirror the core types (packages/core/src/catalog/definition.ts,
 * packages/core/src/workflow/types.ts); `satisfies` checks below keep the two from drifting.
 */
import {
  type ChannelDef,
  LIMIT_UNITS,
  ONLINE_LEVELS,
  type ProcedureContent,
  ROLES,
  STEP_ACTIONS,
  type WorkflowDefinition,
} from '@motcua/core';
import { type Static, Type } from '@sinclair/typebox';
import { StringEnum } from '../../http/schemas.js';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Text = (max = 2000) => Type.String({ maxLength: max });
const NText = (max = 2000) => Nullable(Text(max));
const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const Count = Type.Union([Type.Integer({ minimum: 0, maximum: 100 }), Type.Null()]);

export const ProcedureCodeParams = Type.Object({
  code: Type.String({ pattern: '^[0-9]\\.[0-9]{6}$', description: 'national procedure code d.dddddd' }),
});

export const AgencyIdentifier = Type.String({
  pattern: '^[0-9A-Z]{3}\\.[0-9A-Z]{2}\\.[0-9A-Z]{2}\\.[GH][0-9]{2}$',
  description: 'electronic identifier (Decision 20/2020/QĐ-TTg)',
});

const FeeItem = Type.Object({
  label: NText(300),
  amountVnd: Type.Union([Type.Integer({ minimum: 0, maximum: 1e12 }), Type.Null()]),
  free: Type.Boolean(),
  councilSet: Type.Optional(Type.Boolean()),
  payableOnline: Type.Optional(Type.Boolean()),
  text: Text(4000),
});

const ChannelSchema = Type.Object({
  channel: StringEnum(['direct', 'online', 'postal'] as const),
  timeLimit: Type.Object({
    value: Type.Union([Type.Number({ exclusiveMinimum: 0, maximum: 3650 }), Type.Null()]),
    unit: Type.Union([StringEnum(LIMIT_UNITS), Type.Null()]),
    raw: NText(500),
  }),
  fees: Type.Object({
    items: Type.Array(FeeItem, { maxItems: 50 }),
    note: Text(4000),
    ambiguous: Type.Boolean(),
  }),
  rawText: NText(8000),
});

const DocumentSchema = Type.Object({
  group: NText(500),
  code: Type.Optional(Type.String({ pattern: '^[A-Z0-9_]{1,40}$' })),
  name: Type.String({ minLength: 1, maxLength: 4000 }),
  templateFile: NText(500),
  originals: Count,
  certifiedCopies: Count,
  copies: Count,
  quantityRaw: Type.Optional(NText(300)),
  required: Type.Optional(Type.Boolean()),
  mustDigitise: Type.Optional(Type.Boolean()),
  nationalData: Type.Optional(NText(100)),
  satisfiedBy: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20 })),
  providedByEform: Type.Optional(
    Type.Boolean({ description: 'online, the filled-in e-form is this document (no upload asked for)' }),
  ),
});

const ResultSchema = Type.Object({
  code: Nullable(Type.String({ pattern: '^KQ\\.[GH][0-9]{2}\\.[0-9]{6}$' })),
  name: Type.String({ minLength: 1, maxLength: 2000 }),
  paper: Type.Boolean(),
  electronic: Type.Boolean(),
});

export const EFormSchema = Type.Object({
  schema: Type.Record(Type.String(), Type.Unknown(), { description: 'JSON Schema (draft 2020-12)' }),
  uiSchema: Type.Record(Type.String(), Type.Unknown()),
});

export const ProcedureContentSchema = Type.Object(
  {
    name: Type.String({ minLength: 3, maxLength: 1000 }),
    fieldName: NText(300),
    levels: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 6 }),
    procedureType: NText(300),
    applicantTypes: Type.Array(Type.String({ maxLength: 200 }), { maxItems: 20 }),
    competentAgency: NText(),
    implementingAgency: NText(),
    coordinatingAgency: NText(),
    channels: Type.Array(ChannelSchema, { maxItems: 3 }),
    documents: Type.Array(DocumentSchema, { maxItems: 300 }),
    eform: Type.Union([EFormSchema, Type.Null()]),
    results: Type.Array(ResultSchema, { maxItems: 20 }),
    onlineLevel: StringEnum(ONLINE_LEVELS),
    conditions: NText(20000),
    legalBasis: Type.Array(Type.Object({ number: NText(200), title: NText(2000) }), { maxItems: 100 }),
    stepsText: NText(20000),
    decisionNo: NText(100),
    decisionDate: Nullable(IsoDate),
    effectiveFrom: Nullable(IsoDate),
  },
  { description: 'the content of a procedure version' },
);

const Edge = Type.Object({
  to: Type.String({ maxLength: 40 }),
  when: Type.Optional(
    Type.Union([
      Type.Object({ outcome: StringEnum(['positive', 'negative'] as const) }),
      Type.Object({
        field: Type.String({ minLength: 1, maxLength: 200 }),
        equals: Type.Union([Type.String({ maxLength: 200 }), Type.Number(), Type.Boolean()]),
      }),
    ]),
  ),
});
const StepCommon = {
  code: Type.String({ pattern: '^[A-Z][A-Z0-9_]{0,39}$' }),
  name: Type.String({ minLength: 1, maxLength: 300 }),
  budgetHours: Type.Number({ description: 'working hours of the standard day' }),
  next: Type.Array(Edge, { maxItems: 10 }),
  end: Type.Optional(StringEnum(['result', 'refusal'] as const)),
};
const TaskStepSchema = Type.Object({
  kind: Type.Literal('task'),
  ...StepCommon,
  agency: Nullable(AgencyIdentifier),
  department: Nullable(Type.String({ pattern: '^[A-Za-z0-9_.-]{1,40}$' })),
  role: StringEnum(ROLES),
  actions: Type.Array(StringEnum(STEP_ACTIONS), { maxItems: STEP_ACTIONS.length }),
  consultations: Type.Optional(
    Type.Array(
      Type.Object({
        agency: Nullable(AgencyIdentifier),
        department: Nullable(Type.String({ pattern: '^[A-Za-z0-9_.-]{1,40}$' })),
        budgetHours: Type.Number(),
      }),
      { maxItems: 20 },
    ),
  ),
});
const JointStepSchema = Type.Object({
  kind: Type.Literal('joint'),
  ...StepCommon,
  agency: AgencyIdentifier,
  procedure: Nullable(Type.String({ pattern: '^[0-9]\\.[0-9]{6}$' })),
});

export const WorkflowDefinitionSchema = Type.Object(
  {
    start: Type.String({ maxLength: 40 }),
    steps: Type.Array(Type.Union([TaskStepSchema, JointStepSchema]), { maxItems: 60 }),
  },
  { description: 'an internal workflow (quy trình nội bộ)' },
);

export const WorkflowIssueSchema = Type.Object({
  code: Type.String(),
  step: Type.Union([Type.String(), Type.Null()]),
  vi: Type.String(),
  en: Type.String(),
});

export const WorkflowValidationSchema = Type.Object({
  ok: Type.Boolean(),
  errors: Type.Array(WorkflowIssueSchema),
  warnings: Type.Array(WorkflowIssueSchema),
  longestPathHours: Type.Number(),
  limitHours: Type.Union([Type.Number(), Type.Null()]),
});

export const PublishBody = Type.Object({
  effectiveFrom: IsoDate,
  decisionNo: Type.String({ minLength: 1, maxLength: 100, description: 'số quyết định công bố' }),
  decisionDate: IsoDate,
});

export const RetireBody = Type.Object({
  retiredOn: IsoDate,
  reason: Type.String({ minLength: 3, maxLength: 1000 }),
});

export const CreateProcedureBody = Type.Object({
  code: ProcedureCodeParams.properties.code,
  content: ProcedureContentSchema,
});

export const AssignBody = Type.Union([
  Type.Object({ agencies: Type.Array(AgencyIdentifier, { minItems: 1, maxItems: 500 }) }),
  Type.Object({
    allCommunes: Type.Literal(true, { description: 'every commune People’s Committee of the deployment' }),
  }),
]);

export const FeeOverride = Type.Object({
  label: Type.String({ minLength: 1, maxLength: 300 }),
  amountVnd: Type.Integer({ minimum: 0, maximum: 1e12 }),
  note: Type.String({ maxLength: 1000 }),
});

export const ImplementationPatch = Type.Object(
  {
    feeOverrides: Type.Optional(Type.Array(FeeOverride, { maxItems: 50 })),
    active: Type.Optional(Type.Boolean()),
  },
  { minProperties: 1 },
);

export const TemplateApplyBody = Type.Object({
  procedures: Type.Array(ProcedureCodeParams.properties.code, { minItems: 1, maxItems: 500 }),
  target: AssignBody,
  receivingAgency: Type.Optional(Nullable(AgencyIdentifier)),
  department: Type.Optional(Nullable(Type.String({ pattern: '^[A-Za-z0-9_.-]{1,40}$' }))),
  jointAgency: Type.Optional(Nullable(AgencyIdentifier)),
  /** apply where valid and report the rest, instead of all or nothing */
  skipInvalid: Type.Optional(Type.Boolean()),
});

/** A template is a workflow whose steps carry `share` (fraction of the legal limit) instead of hours. */
export const TemplateCreateBody = Type.Object({
  id: Type.String({ pattern: '^[a-z0-9][a-z0-9_-]{1,39}$' }),
  name: Type.String({ minLength: 3, maxLength: 300 }),
  nameEn: Type.String({ maxLength: 300 }),
  description: Type.String({ maxLength: 2000 }),
  start: Type.String({ maxLength: 40 }),
  steps: Type.Array(Type.Record(Type.String(), Type.Unknown()), { minItems: 1, maxItems: 60 }),
});

export const ExchangeDocument = Type.Object(
  {
    format: Type.Literal('motcua.procedure/1'),
    exportedAt: Type.Optional(Type.String()),
    procedure: Type.Object({
      code: ProcedureCodeParams.properties.code,
      versionNo: Type.Optional(Type.Integer()),
      content: ProcedureContentSchema,
    }),
    implementation: Type.Union([
      Type.Object({
        agency: AgencyIdentifier,
        localCode: Type.Optional(Type.String({ maxLength: 80 })),
        feeOverrides: Type.Array(FeeOverride, { maxItems: 50 }),
        workflow: Type.Union([WorkflowDefinitionSchema, Type.Null()]),
      }),
      Type.Null(),
    ]),
  },
  { description: 'exchange format motcua.procedure/1' },
);

// compile-time checks that the edge schemas and the core types describe the same data
type Content = Static<typeof ProcedureContentSchema>;

export type { Content as ProcedureContentInput };

const _contentMatches = (c: Content): ProcedureContent => c;
const _channelMatches = (c: Static<typeof ChannelSchema>): ChannelDef => c;
const _workflowMatches = (w: Static<typeof WorkflowDefinitionSchema>): WorkflowDefinition => w;
void _contentMatches;
void _channelMatches;
void _workflowMatches;
