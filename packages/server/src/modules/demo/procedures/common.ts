/**
 * Building blocks of the demo procedures: fee items, channels, documents, e-form fields and
 * workflow steps. They only shorten the data files; every value they produce is plain
 * ProcedureContent / WorkflowDefinition data.
 */
import type {
  Channel,
  ChannelDef,
  ConsultationDef,
  DocumentDef,
  FeeItemDef,
  JointStep,
  LimitUnit,
  Role,
  StepAction,
  StepEdge,
  TaskStep,
} from '@motcua/core';
import { HANOI_PROVINCIAL } from '../definitions.js';

/** Electronic identifier of a provincial agency of the demo, by its key in definitions.ts. */
export function identifierOf(key: string): string {
  const a = HANOI_PROVINCIAL.find((x) => x.key === key);
  if (!a) throw new Error(`demo procedures: unknown provincial agency ${key}`);
  return a.identifier;
}

/** Trung tâm Phục vụ hành chính công Thành phố: receives and returns for provincial departments. */
export const TTPVHCC = identifierOf('ttpvhcc');
export const TTPVHCC_DEPT = 'TNTKQ';

/**
 * The department of a commune People's Committee that handles business registration, building
 * permits and land (Decree 150/2025: Phòng Kinh tế, code KT); the staffed demo communes have a
 * specialist and a department head there.
 */
export const COMMUNE_ECONOMY_DEPT: string | null = 'KT';
/** Phòng Văn hóa - Xã hội: civil status (hộ tịch) and certification (chứng thực) in the demo. */
export const COMMUNE_JUSTICE_DEPT = 'VHXH';

// ---------------------------------------------------------------------------------------------
// Fees and channels

export const feeFree = (label: string, text: string): FeeItemDef => ({
  label,
  amountVnd: null,
  free: true,
  text,
});

export const feeFixed = (
  label: string,
  amountVnd: number,
  text: string,
  payableOnline = true,
): FeeItemDef => ({
  label,
  amountVnd,
  free: false,
  payableOnline,
  text,
});

/** A fee whose amount the provincial People's Council sets: never a number we cannot ground. */
export const feeCouncil = (label: string, text: string, payableOnline = true): FeeItemDef => ({
  label,
  amountVnd: null,
  free: false,
  councilSet: true,
  payableOnline,
  text,
});

export interface LimitSpec {
  value: number;
  unit: LimitUnit;
  raw: string;
}

export const sameDay = (raw: string): LimitSpec => ({ value: 1, unit: 'same_day', raw });
export const workingDays = (value: number, raw: string): LimitSpec => ({ value, unit: 'working_days', raw });
export const calendarDays = (value: number, raw: string): LimitSpec => ({
  value,
  unit: 'calendar_days',
  raw,
});

export function channel(
  kind: Channel,
  limit: LimitSpec,
  items: FeeItemDef[],
  note: string,
  rawText: string | null,
): ChannelDef {
  return {
    channel: kind,
    timeLimit: { value: limit.value, unit: limit.unit, raw: limit.raw },
    fees: { items, note, ambiguous: false },
    rawText,
  };
}

// ---------------------------------------------------------------------------------------------
// Documents

export interface DocSpec {
  group: string;
  code: string;
  name: string;
  /** originals, certified copies, copies */
  count: [number, number, number];
  required?: boolean;
  mustDigitise?: boolean;
  nationalData?: string | null;
  satisfiedBy?: string[];
  providedByEform?: boolean;
  templateFile?: string | null;
}

const quantityText = ([o, c, s]: [number, number, number]) =>
  [o ? `${o} bản chính` : '', c ? `${c} bản sao có chứng thực` : '', s ? `${s} bản sao` : '']
    .filter(Boolean)
    .join(', ') || '0 bản chính';

export function doc(d: DocSpec): DocumentDef {
  return {
    group: d.group,
    code: d.code,
    name: d.name,
    templateFile: d.templateFile ?? null,
    originals: d.count[0],
    certifiedCopies: d.count[1],
    copies: d.count[2],
    quantityRaw: quantityText(d.count),
    required: d.required ?? true,
    mustDigitise: d.mustDigitise ?? false,
    nationalData: d.nationalData ?? null,
    ...(d.satisfiedBy ? { satisfiedBy: d.satisfiedBy } : {}),
    ...(d.providedByEform ? { providedByEform: true } : {}),
  };
}

/** Giấy tờ tùy thân shown at the counter: the population database replaces it. */
export const identityDoc = (group: string, code = 'GIAY_TO_TUY_THAN') =>
  doc({
    group,
    code,
    name: 'Hộ chiếu, thẻ Căn cước công dân, thẻ Căn cước, Căn cước điện tử, Giấy chứng nhận căn cước hoặc giấy tờ khác có dán ảnh và thông tin cá nhân do cơ quan có thẩm quyền cấp, còn giá trị sử dụng (xuất trình khi nộp trực tiếp; không phải xuất trình khi khai thác được thông tin từ Cơ sở dữ liệu quốc gia về dân cư)',
    count: [1, 0, 0],
    required: false,
    nationalData: 'population',
  });

/** Giấy tờ chứng minh nơi cư trú, only when the population database cannot give it. */
export const residenceDoc = (group: string, code = 'GIAY_TO_CU_TRU') =>
  doc({
    group,
    code,
    name: 'Giấy tờ chứng minh thông tin về cư trú, chỉ khi không khai thác được thông tin về nơi cư trú từ Cơ sở dữ liệu quốc gia về dân cư (khoản 2 Điều 14 Nghị định 104/2022/NĐ-CP)',
    count: [1, 0, 0],
    required: false,
    nationalData: 'population',
  });

// ---------------------------------------------------------------------------------------------
// E-form fields (JSON Schema draft 2020-12, Ajv strict mode: every keyword needs its type)

export const SCHEMA_2020 = 'https://json-schema.org/draft/2020-12/schema';
type Json = Record<string, unknown>;

export const str = (title: string, extra: Json = {}): Json => ({
  type: 'string',
  title,
  minLength: 1,
  maxLength: 500,
  ...extra,
});
export const date = (title: string): Json => ({ type: 'string', format: 'date', title });
export const bool = (title: string): Json => ({ type: 'boolean', title });
export const int = (title: string, minimum: number, maximum: number): Json => ({
  type: 'integer',
  title,
  minimum,
  maximum,
});
export const num = (title: string, minimum: number, maximum: number): Json => ({
  type: 'number',
  title,
  exclusiveMinimum: minimum,
  maximum,
});
export const oneOf = (title: string, values: string[]): Json => ({ type: 'string', title, enum: values });

export const NAME = (title: string) =>
  str(title, { minLength: 2, maxLength: 100, pattern: "^\\p{L}[\\p{L} .'-]*$" });
/** Số định danh cá nhân (12 chữ số, in the citizen identity card). */
export const CCCD = (title = 'Số định danh cá nhân') => str(title, { pattern: '^[0-9]{12}$' });
export const PHONE = str('Số điện thoại', { pattern: '^0[0-9]{9}$' });
export const EMAIL = { type: 'string', format: 'email', title: 'Thư điện tử', maxLength: 200 };
export const SEX = oneOf('Giới tính', ['nam', 'nu']);
export const SEX_UI = { 'ui:widget': 'radio', 'ui:enumNames': ['Nam', 'Nữ'] };

/**
 * JSON Schema's if/then, built from entries: an object literal with a `then` key would look like
 * a promise to linters and to `await`.
 */
export const ifThen = (condition: Json, consequence: Json): Json =>
  Object.fromEntries([
    ['if', condition],
    ['then', consequence],
  ]);

export function object(title: string, properties: Json, required: string[], extra: Json = {}): Json {
  return { type: 'object', title, properties, required, additionalProperties: false, ...extra };
}

/** An address in the two-level units: province (2 digits) and commune (5 digits) codes. */
export const address = (title: string): Json =>
  object(
    title,
    {
      maTinh: str('Tỉnh, thành phố', { pattern: '^[0-9]{2}$' }),
      maXa: str('Xã, phường, đặc khu', { pattern: '^[0-9]{5}$' }),
      chiTiet: str('Số nhà, đường phố, thôn, tổ dân phố', { maxLength: 200 }),
    },
    ['maTinh', 'maXa', 'chiTiet'],
  );

export const ADDRESS_UI = {
  'ui:order': ['maTinh', 'maXa', 'chiTiet'],
  maTinh: { 'ui:help': 'Mã tỉnh, thành phố theo danh mục đơn vị hành chính (Hà Nội: 01).' },
  maXa: { 'ui:help': 'Mã xã, phường, đặc khu gồm 5 chữ số theo danh mục đơn vị hành chính từ 01/7/2025.' },
};

/** The person who files (người yêu cầu): identified through the population database. */
export const applicant = (title = 'Người yêu cầu'): Json =>
  object(
    title,
    {
      hoTen: NAME('Họ, chữ đệm và tên'),
      ngaySinh: date('Ngày, tháng, năm sinh'),
      soDinhDanh: CCCD(),
      noiCuTru: address('Nơi cư trú'),
      soDienThoai: PHONE,
      email: EMAIL,
    },
    ['hoTen', 'ngaySinh', 'soDinhDanh', 'noiCuTru', 'soDienThoai'],
  );

export const APPLICANT_UI = {
  'ui:order': ['hoTen', 'ngaySinh', 'soDinhDanh', 'noiCuTru', 'soDienThoai', 'email'],
  ngaySinh: { 'ui:widget': 'date' },
  soDinhDanh: {
    'ui:help':
      'Số định danh cá nhân gồm 12 chữ số (số thẻ Căn cước). Hệ thống tự điền thông tin từ Cơ sở dữ liệu quốc gia về dân cư.',
  },
  noiCuTru: ADDRESS_UI,
  soDienThoai: { 'ui:help': 'Số điện thoại di động để nhận tin nhắn hẹn trả kết quả.' },
  email: { 'ui:widget': 'email' },
};

// ---------------------------------------------------------------------------------------------
// Workflow steps

interface TaskOptions {
  agency?: string | null;
  department?: string | null;
  consultations?: ConsultationDef[];
  end?: 'result' | 'refusal';
}

export function task(
  code: string,
  name: string,
  role: Role,
  budgetHours: number,
  actions: StepAction[],
  next: StepEdge[],
  o: TaskOptions = {},
): TaskStep {
  return {
    kind: 'task',
    code,
    name,
    agency: o.agency ?? null,
    department: o.department ?? null,
    role,
    budgetHours,
    actions,
    ...(o.consultations ? { consultations: o.consultations } : {}),
    next,
    ...(o.end ? { end: o.end } : {}),
  };
}

export function joint(
  code: string,
  name: string,
  agency: string,
  budgetHours: number,
  next: StepEdge[],
): JointStep {
  return { kind: 'joint', code, name, agency, procedure: null, budgetHours, next };
}

export const to = (code: string): StepEdge => ({ to: code });
export const ifNegative = (code: string): StepEdge => ({ to: code, when: { outcome: 'negative' } });

/** Receipt by the one-stop unit: check, digitise, forward (T2, T5, T6 of LIFECYCLE.md). */
export const receive = (hours: number, next: string, o: TaskOptions = {}) =>
  task(
    'TIEP_NHAN',
    'Tiếp nhận, kiểm tra, số hóa hồ sơ và chuyển xử lý',
    'receiving_officer',
    hours,
    ['forward', 'request_supplement'],
    [to(next)],
    o,
  );

/** Hand-over of the result; the dossier waits here once processing is over (status 9 → 10). */
export const returnResult = (hours: number, o: TaskOptions = {}) =>
  task('TRA_KET_QUA', 'Trả kết quả cho tổ chức, cá nhân', 'receiving_officer', hours, ['return_result'], [], {
    ...o,
    end: 'result',
  });

/** The written refusal with reasons, signed by the leader (T11). */
export const refuse = (
  hours: number,
  name = 'Ký văn bản từ chối giải quyết, nêu rõ lý do',
  o: TaskOptions = {},
) =>
  task('TU_CHOI', name, 'agency_leader', hours, ['refuse', 'sign', 'return'], [], { ...o, end: 'refusal' });

/** The clerk numbers, registers and issues the signed result. */
export const issue = (
  hours: number,
  next: string,
  name = 'Đóng dấu, vào sổ, ban hành kết quả',
  o: TaskOptions = {},
) => task('BAN_HANH', name, 'clerk', hours, ['issue_result', 'forward'], [to(next)], o);
