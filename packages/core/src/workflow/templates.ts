/**
 * Built-in workflow templates (quy trình mẫu), so an agency can publish a working internal
 * workflow for hundreds of procedures in a day and refine the important ones later. A template
 * is a workflow whose time budgets are shares of the procedure's legal limit and whose agencies
 * and departments are placeholders filled in by instantiateTemplate().
 *
 * The steps follow the usual internal procedure of a Vietnamese agency under the one-stop
 * mechanism: the one-stop unit receives, a department head assigns, a specialist appraises, the
 * department head reviews, the leader signs, the clerk issues and the one-stop unit returns the
 * result. Shares along the longest path sum to exactly 1: the internal procedure distributes the
 * whole legal limit, and rounding budgets down leaves the slack.
 */
import { ROLES, type Role } from '../org/roles.js';
import {
  STEP_ACTIONS,
  type StepAction,
  type StepEdge,
  type WorkflowContext,
  type WorkflowDefinition,
  type WorkflowStep,
} from './types.js';
import {
  longestPath,
  MAX_STEP_BUDGET_HOURS,
  MAX_WORKFLOW_STEPS,
  STEP_CODE,
  validateWorkflow,
} from './validate.js';

export interface TemplateTaskStep {
  kind: 'task';
  code: string;
  name: string;
  /** what the step is for, shown to the administrator adapting the template */
  description: string;
  /** the one-stop unit that receives and returns (the `receivingAgency` parameter), or the implementing agency */
  performer: 'receiving' | 'implementing';
  /** performed in the department given as the `department` parameter (specialists, department heads) */
  inDepartment: boolean;
  role: Role;
  /** fraction of the legal limit */
  share: number;
  actions: readonly StepAction[];
  next: readonly StepEdge[];
  end?: 'result' | 'refusal';
}

/** A liên thông step: the agency is the `jointAgency` parameter. */
export interface TemplateJointStep {
  kind: 'joint';
  code: string;
  name: string;
  description: string;
  share: number;
  next: readonly StepEdge[];
  end?: 'result' | 'refusal';
}

export type TemplateStep = TemplateTaskStep | TemplateJointStep;

export interface WorkflowTemplate {
  /** lower-case identifier, e.g. "standard" */
  id: string;
  name: string;
  nameEn: string;
  description: string;
  start: string;
  steps: readonly TemplateStep[];
}

export interface TemplateParams {
  /** the procedure's legal limit in working hours */
  limitHours: number;
  /** the one-stop centre that receives and returns; null = the implementing agency itself */
  receivingAgency?: string | null;
  /** department of the implementing agency that handles the procedure; null = any */
  department?: string | null;
  /** for templates with a liên thông step: the agency whose workflow takes the dossier */
  jointAgency?: string | null;
  /** national code of the child procedure of the liên thông step; null = the same procedure */
  jointProcedure?: string | null;
  /** budgets are multiples of this many hours (default 0.5: half an hour) */
  stepHoursRound?: number;
}

export type TemplateErrorCode =
  | 'TEMPLATE_INVALID'
  | 'TEMPLATE_PARAM_INVALID'
  | 'TEMPLATE_JOINT_AGENCY_MISSING'
  | 'TEMPLATE_LIMIT_TOO_SHORT';

export class TemplateError extends Error {
  constructor(
    readonly code: TemplateErrorCode,
    message: string,
    readonly messageVi: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'TemplateError';
  }
}

const negative = { outcome: 'negative' } as const;

// Steps shared by the standard and joint templates; only their shares differ.
const tiepNhan = (share: number, next: string): TemplateTaskStep => ({
  kind: 'task',
  code: 'TIEP_NHAN',
  name: 'Tiếp nhận hồ sơ',
  description:
    'Bộ phận Một cửa kiểm tra thành phần hồ sơ, tiếp nhận, số hóa và chuyển hồ sơ đến đơn vị giải quyết.',
  performer: 'receiving',
  inDepartment: false,
  role: 'receiving_officer',
  share,
  actions: ['forward'],
  next: [{ to: next }],
});
const phanCong = (share: number): TemplateTaskStep => ({
  kind: 'task',
  code: 'PHAN_CONG',
  name: 'Phân công thụ lý',
  description: 'Lãnh đạo phòng chuyên môn phân công chuyên viên thụ lý hồ sơ.',
  performer: 'implementing',
  inDepartment: true,
  role: 'department_head',
  share,
  actions: ['forward', 'return'],
  next: [{ to: 'THAM_DINH' }],
});
const thamDinh = (share: number, next: string): TemplateTaskStep => ({
  kind: 'task',
  code: 'THAM_DINH',
  name: 'Thẩm định hồ sơ',
  description:
    'Chuyên viên thẩm định hồ sơ, lấy ý kiến đơn vị liên quan khi cần, yêu cầu bổ sung (một lần) nếu hồ sơ chưa đủ; dự thảo kết quả, hoặc dự thảo văn bản từ chối nêu rõ lý do khi hồ sơ không đủ điều kiện.',
  performer: 'implementing',
  inDepartment: true,
  role: 'specialist',
  share,
  actions: ['forward', 'return', 'request_supplement', 'consult'],
  next: [{ to: next }, { to: 'TU_CHOI', when: negative }],
});
const tuChoi = (share: number): TemplateTaskStep => ({
  kind: 'task',
  code: 'TU_CHOI',
  name: 'Ký văn bản từ chối giải quyết',
  description:
    'Lãnh đạo cơ quan ký văn bản từ chối giải quyết, nêu rõ lý do; hồ sơ kết thúc với trạng thái từ chối.',
  performer: 'implementing',
  inDepartment: false,
  role: 'agency_leader',
  share,
  actions: ['refuse', 'sign', 'return'],
  next: [],
  end: 'refusal',
});
const pheDuyet = (share: number): TemplateTaskStep => ({
  kind: 'task',
  code: 'PHE_DUYET',
  name: 'Xem xét, trình ký',
  description:
    'Lãnh đạo phòng xem xét dự thảo kết quả, trình lãnh đạo cơ quan ký hoặc trả lại để hoàn thiện.',
  performer: 'implementing',
  inDepartment: true,
  role: 'department_head',
  share,
  actions: ['submit_approval', 'approve', 'return'],
  next: [{ to: 'KY' }],
});
const ky = (share: number): TemplateTaskStep => ({
  kind: 'task',
  code: 'KY',
  name: 'Ký duyệt kết quả',
  description: 'Lãnh đạo cơ quan phê duyệt và ký số kết quả giải quyết.',
  performer: 'implementing',
  inDepartment: false,
  role: 'agency_leader',
  share,
  actions: ['approve', 'sign', 'return'],
  next: [{ to: 'BAN_HANH' }],
});
const banHanh = (share: number): TemplateTaskStep => ({
  kind: 'task',
  code: 'BAN_HANH',
  name: 'Ban hành, vào sổ kết quả',
  description: 'Văn thư cấp số, vào sổ, đóng dấu và phát hành kết quả; chuyển kết quả về Bộ phận Một cửa.',
  performer: 'implementing',
  inDepartment: false,
  role: 'clerk',
  share,
  actions: ['issue_result', 'forward'],
  next: [{ to: 'TRA_KET_QUA' }],
});
const traKetQua = (share: number): TemplateTaskStep => ({
  kind: 'task',
  code: 'TRA_KET_QUA',
  name: 'Trả kết quả',
  description: 'Bộ phận Một cửa trả kết quả cho tổ chức, cá nhân (trực tiếp, qua bưu chính hoặc trực tuyến).',
  performer: 'receiving',
  inDepartment: false,
  role: 'receiving_officer',
  share,
  actions: ['return_result'],
  next: [],
  end: 'result',
});

export const WORKFLOW_TEMPLATES: readonly WorkflowTemplate[] = [
  {
    id: 'standard',
    name: 'Quy trình chuẩn',
    nameEn: 'Standard workflow',
    description:
      'Tiếp nhận → phân công → thẩm định → trình ký → ký → ban hành → trả kết quả; từ chối khi thẩm định không đạt. Phù hợp với phần lớn thủ tục của sở, ngành và UBND cấp tỉnh.',
    start: 'TIEP_NHAN',
    steps: [
      tiepNhan(0.05, 'PHAN_CONG'),
      phanCong(0.05),
      thamDinh(0.45, 'PHE_DUYET'),
      pheDuyet(0.15),
      ky(0.1),
      banHanh(0.1),
      traKetQua(0.1),
      tuChoi(0.15),
    ],
  },
  {
    id: 'simple',
    name: 'Quy trình rút gọn',
    nameEn: 'Short workflow',
    description:
      'Tiếp nhận → thẩm định → ký → trả kết quả; từ chối khi thẩm định không đạt. Dành cho thủ tục ngắn ở cấp xã (hộ tịch, chứng thực), thường giải quyết trong ngày.',
    start: 'TIEP_NHAN',
    steps: [
      tiepNhan(0.1, 'THAM_DINH'),
      {
        ...thamDinh(0.5, 'KY'),
        description:
          'Công chức chuyên môn kiểm tra hồ sơ, đối chiếu dữ liệu, yêu cầu bổ sung nếu cần; dự thảo kết quả hoặc văn bản từ chối nêu rõ lý do.',
      },
      {
        ...ky(0.25),
        description: 'Lãnh đạo UBND ký số kết quả; kết quả được cấp số, vào sổ khi ký.',
        // no clerk step in a commune's short procedures: the result is numbered on signature
        actions: ['approve', 'sign', 'issue_result', 'return'],
        next: [{ to: 'TRA_KET_QUA' }],
      },
      traKetQua(0.15),
      tuChoi(0.25),
    ],
  },
  {
    id: 'joint',
    name: 'Quy trình liên thông',
    nameEn: 'Joint (liên thông) workflow',
    description:
      'Quy trình chuẩn, sau thẩm định chuyển hồ sơ liên thông sang cơ quan khác (cùng cấp hoặc khác cấp) và chờ kết quả trước khi trình ký; từ chối khi thẩm định hoặc cơ quan liên thông không chấp thuận.',
    start: 'TIEP_NHAN',
    steps: [
      tiepNhan(0.05, 'PHAN_CONG'),
      phanCong(0.05),
      thamDinh(0.25, 'LIEN_THONG'),
      {
        kind: 'joint',
        code: 'LIEN_THONG',
        name: 'Chuyển liên thông',
        description:
          'Hồ sơ được chuyển sang cơ quan liên thông, xử lý theo quy trình nội bộ của cơ quan đó trong phần thời hạn của mình; hồ sơ chính chờ kết quả.',
        share: 0.35,
        next: [{ to: 'PHE_DUYET' }, { to: 'TU_CHOI', when: negative }],
      },
      pheDuyet(0.1),
      ky(0.1),
      banHanh(0.05),
      traKetQua(0.05),
      tuChoi(0.15),
    ],
  },
];

export function getWorkflowTemplate(id: string): WorkflowTemplate | undefined {
  return WORKFLOW_TEMPLATES.find((t) => t.id === id);
}

const EPS = 1e-6;
const round6 = (h: number) => Math.round(h * 1e6) / 1e6;
const vi = (h: number) => String(h).replace('.', ',');
export const TEMPLATE_ID = /^[a-z0-9][a-z0-9_-]{1,39}$/;

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);
const isNonEmpty = (x: unknown): x is string => typeof x === 'string' && x.trim() !== '';
/** A value for a message; never throws (String() does on objects without a prototype). */
const show = (x: unknown) =>
  typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean' || x === null || x === undefined
    ? String(x)
    : `(${typeof x})`;

/**
 * Checks a template, which may come from JSON (a deployment's own templates): its shape, that the
 * shares along its longest route sum to at most 1, and that its routing is a sound workflow
 * (validateWorkflow with an agency holding every role). Whether the agencies it is applied to
 * have the roles is checked when the instantiated workflow is validated for each of them.
 */
export function checkTemplate(t: unknown): asserts t is WorkflowTemplate {
  const fail = (en: string, vi: string, step: string | null = null): never => {
    throw new TemplateError(
      'TEMPLATE_INVALID',
      `invalid template: ${en}`,
      `quy trình mẫu không hợp lệ: ${vi}`,
      {
        step,
      },
    );
  };
  if (!isRecord(t)) return fail('not an object', 'không phải là một đối tượng');
  if (typeof t.id !== 'string' || !TEMPLATE_ID.test(t.id))
    fail(
      `id ${show(t.id)} must be lower-case letters, digits, - and _`,
      `mã ${show(t.id)} phải là chữ thường không dấu, chữ số, - và _`,
    );
  if (!isNonEmpty(t.name)) fail('no name', 'chưa có tên');
  if (typeof t.start !== 'string') fail('no start step', 'chưa có bước bắt đầu');
  if (!Array.isArray(t.steps) || t.steps.length === 0 || t.steps.length > MAX_WORKFLOW_STEPS)
    fail(`it needs 1 to ${MAX_WORKFLOW_STEPS} steps`, `cần từ 1 đến ${MAX_WORKFLOW_STEPS} bước`);
  const codes = new Set<string>();
  for (const s of t.steps as unknown[]) {
    if (!isRecord(s)) return fail('a step is not an object', 'có bước không phải là đối tượng');
    const code = s.code;
    if (typeof code !== 'string' || !STEP_CODE.test(code) || codes.has(code))
      return fail(
        `step code ${show(code)} is invalid or repeated`,
        `mã bước ${show(code)} không hợp lệ hoặc bị trùng`,
      );
    codes.add(code);
    const bad = (en: string, vi: string) => fail(`step ${code}: ${en}`, `bước ${code}: ${vi}`, code);
    if (!isNonEmpty(s.name)) bad('no name', 'chưa có tên');
    if (typeof s.share !== 'number' || !(s.share > 0 && s.share <= 1))
      bad('share must be a number in (0, 1]', 'tỷ lệ thời gian phải là số lớn hơn 0 và không quá 1');
    if (s.end !== undefined && s.end !== 'result' && s.end !== 'refusal')
      bad('end must be "result" or "refusal"', 'kiểu kết thúc phải là "result" hoặc "refusal"');
    if (
      !Array.isArray(s.next) ||
      !s.next.every(
        (e) => isRecord(e) && typeof e.to === 'string' && (e.when === undefined || isRecord(e.when)),
      )
    )
      bad(
        'next must be a list of edges { to, when? }',
        'danh sách bước tiếp theo phải gồm các hướng { to, when? }',
      );
    if (s.kind === 'task') {
      if (s.performer !== 'receiving' && s.performer !== 'implementing')
        bad(
          'performer must be "receiving" or "implementing"',
          'người thực hiện phải là "receiving" hoặc "implementing"',
        );
      if (typeof s.inDepartment !== 'boolean')
        bad('inDepartment must be true or false', 'inDepartment phải là true hoặc false');
      if (!(ROLES as readonly unknown[]).includes(s.role))
        bad(`unknown role ${show(s.role)}`, `vai trò ${show(s.role)} không có`);
      if (
        !Array.isArray(s.actions) ||
        !s.actions.every((a) => (STEP_ACTIONS as readonly unknown[]).includes(a))
      )
        bad('actions must be a list of known actions', 'thao tác phải thuộc danh sách thao tác của hệ thống');
    } else if (s.kind !== 'joint')
      bad('kind must be "task" or "joint"', 'loại bước phải là "task" hoặc "joint"');
  }
  const template = t as unknown as WorkflowTemplate;
  const asShares = instantiate(
    template,
    { limitHours: 1, department: 'DEPT', jointAgency: PLACEHOLDER_JOINT },
    (s) => s.share,
  );
  const shares = longestPath(asShares);
  if (shares.hours > 1 + EPS)
    fail(
      `the shares along ${shares.path.join(' → ')} sum to ${shares.hours}, more than 1`,
      `tổng tỷ lệ thời gian trên đường ${shares.path.join(' → ')} là ${shares.hours}, vượt quá 1`,
    );
  // the routing itself (start, reachability, exits, edges, roles that process): validated as a
  // workflow of an agency that has every role, with the shares as hours of a 1-hour limit
  const v = validateWorkflow(asShares, PLACEHOLDER_CONTEXT);
  const first = v.errors[0];
  if (first) {
    throw new TemplateError(
      'TEMPLATE_INVALID',
      `invalid template: ${first.en}`,
      `quy trình mẫu không hợp lệ: ${first.vi}`,
      {
        step: first.step,
        issue: first.code,
      },
    );
  }
}

const PLACEHOLDER_SELF = 'SELF';
const PLACEHOLDER_JOINT = 'JOINT';
const PLACEHOLDER_CONTEXT: WorkflowContext = {
  agency: PLACEHOLDER_SELF,
  limitHours: 1,
  agencies: new Map(
    [PLACEHOLDER_SELF, PLACEHOLDER_JOINT].map((a) => [
      a,
      { departments: new Set(['DEPT']), roles: new Set<string>(ROLES) },
    ]),
  ),
  jointTargets: new Set([PLACEHOLDER_JOINT]),
};

function instantiate(
  template: WorkflowTemplate,
  params: TemplateParams,
  hoursOf: (step: TemplateStep, i: number) => number,
): WorkflowDefinition {
  const steps = template.steps.map((s, i): WorkflowStep => {
    const next = s.next.map((e) => (e.when ? { to: e.to, when: { ...e.when } } : { to: e.to }));
    const end = s.end ? { end: s.end } : {};
    if (s.kind === 'joint') {
      return {
        kind: 'joint',
        code: s.code,
        name: s.name,
        agency: params.jointAgency ?? '',
        procedure: params.jointProcedure ?? null,
        budgetHours: hoursOf(s, i),
        next,
        ...end,
      };
    }
    return {
      kind: 'task',
      code: s.code,
      name: s.name,
      agency: s.performer === 'receiving' ? (params.receivingAgency ?? null) : null,
      department: s.inDepartment ? (params.department ?? null) : null,
      role: s.role,
      budgetHours: hoursOf(s, i),
      actions: [...s.actions],
      next,
      ...end,
    };
  });
  return { start: template.start, steps };
}

/**
 * The shortest legal limit a template fits: every step on its longest route (counted in steps)
 * at the minimum budget of one rounding step.
 */
export function templateMinimumHours(template: WorkflowTemplate, stepHoursRound = 0.5): number {
  return longestPath(instantiate(template, { limitHours: 1, jointAgency: 'X' }, () => stepHoursRound)).hours;
}

/**
 * A workflow definition from a template: each budget is its share of the limit rounded down to
 * the rounding step, but at least one rounding step (nobody does anything in zero time). When
 * those minimums push the longest path over the limit, the largest budgets on it are shrunk,
 * largest first, until it fits. Throws TemplateError when the parameters are unusable or when
 * the limit is shorter than the template's minimum.
 */
export function instantiateTemplate(template: WorkflowTemplate, params: TemplateParams): WorkflowDefinition {
  checkTemplate(template);
  const limit = params.limitHours;
  const round = params.stepHoursRound ?? 0.5;
  if (!(typeof limit === 'number' && Number.isFinite(limit) && limit > 0)) {
    throw new TemplateError(
      'TEMPLATE_PARAM_INVALID',
      `The time limit (${show(limit)}) must be a positive number of working hours`,
      `Thời hạn giải quyết (${show(limit)}) phải là số giờ làm việc lớn hơn 0`,
      { limitHours: limit },
    );
  }
  if (!(typeof round === 'number' && Number.isFinite(round) && round > 0 && round <= MAX_STEP_BUDGET_HOURS)) {
    throw new TemplateError(
      'TEMPLATE_PARAM_INVALID',
      `The rounding step (${show(round)}) must be a positive number of hours`,
      `Bước làm tròn thời gian (${show(round)}) phải là số giờ lớn hơn 0`,
      { stepHoursRound: round },
    );
  }
  if (template.steps.some((s) => s.kind === 'joint') && !isNonEmpty(params.jointAgency)) {
    throw new TemplateError(
      'TEMPLATE_JOINT_AGENCY_MISSING',
      `Template ${template.id} hands the dossier to another agency: choose that agency`,
      `Quy trình mẫu ${template.id} có bước liên thông: chọn cơ quan liên thông`,
      { template: template.id },
    );
  }
  const minimum = templateMinimumHours(template, round);
  if (minimum > limit + EPS) {
    throw new TemplateError(
      'TEMPLATE_LIMIT_TOO_SHORT',
      `The limit of ${limit} h is shorter than the ${minimum} h template ${template.id} needs at ${round} h per step; write the workflow by hand or use a shorter template`,
      `Thời hạn ${vi(limit)} giờ ngắn hơn ${vi(minimum)} giờ mà quy trình mẫu ${template.id} cần (tối thiểu ${vi(round)} giờ mỗi bước); hãy tự xây dựng quy trình hoặc dùng mẫu ngắn hơn`,
      { template: template.id, limitHours: limit, minimumHours: minimum, stepHoursRound: round },
    );
  }

  // budgets in whole rounding steps, so repeated shrinking never accumulates float error
  const maxUnits = Math.max(1, Math.floor(MAX_STEP_BUDGET_HOURS / round + EPS));
  const units = template.steps.map((s) =>
    Math.min(maxUnits, Math.max(1, Math.floor((s.share * limit) / round + EPS))),
  );
  const codes = template.steps.map((s) => s.code);
  for (;;) {
    const def = instantiate(template, params, (_, i) => round6(units[i]! * round));
    const lp = longestPath(def);
    if (lp.hours <= limit + EPS) return def;
    const excess = Math.ceil((lp.hours - limit) / round - EPS);
    let pick = -1;
    for (const code of lp.path) {
      const i = codes.indexOf(code);
      if (units[i]! > 1 && (pick < 0 || units[i]! > units[pick]!)) pick = i;
    }
    // unreachable after the minimum check above; kept so a bad template cannot loop forever
    if (pick < 0) {
      throw new TemplateError(
        'TEMPLATE_LIMIT_TOO_SHORT',
        `The limit of ${limit} h is too short for template ${template.id}`,
        `Thời hạn ${vi(limit)} giờ quá ngắn cho quy trình mẫu ${template.id}`,
        { template: template.id, limitHours: limit },
      );
    }
    units[pick] = units[pick]! - Math.min(excess, units[pick]! - 1);
  }
}
