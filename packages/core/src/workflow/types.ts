/**
 * Internal workflow (quy trình nội bộ, điện tử) of one agency for one procedure: a small graph of
 * steps that core interprets. No BPMN engine: the legal lifecycle (LIFECYCLE.md) is fixed; only
 * the per-agency routing, roles and time budgets are data.
 */
import type { Role } from '../org/roles.js';

export const STEP_ACTIONS = [
  'forward', // chuyển bước tiếp theo
  'return', // trả lại bước trước
  'request_supplement', // yêu cầu bổ sung (clock stops; at most once per dossier)
  'consult', // lấy ý kiến đơn vị khác, song song, trong thời gian của bước
  'submit_approval', // trình duyệt
  'approve', // phê duyệt
  'sign', // ký số
  'issue_result', // ban hành, vào sổ, cấp số kết quả
  'refuse', // từ chối giải quyết (văn bản nêu lý do)
  'return_result', // trả kết quả cho tổ chức, cá nhân
] as const;
export type StepAction = (typeof STEP_ACTIONS)[number];

/**
 * A condition on an edge. `outcome` is what the performer records when finishing the step
 * (appraisal positive or negative); `field` compares a value of the dossier's form data.
 */
export type EdgeCondition =
  | { outcome: 'positive' | 'negative' }
  | { field: string; equals: string | number | boolean };

export interface StepEdge {
  to: string;
  when?: EdgeCondition;
}

export interface ConsultationDef {
  /** the consulted agency (electronic identifier); null = a department of the performing agency */
  agency: string | null;
  department: string | null;
  /** runs in parallel inside the step's own budget */
  budgetHours: number;
}

export interface TaskStep {
  kind: 'task';
  /** unique in the workflow, e.g. "TIEP_NHAN", "THAM_DINH" */
  code: string;
  name: string;
  /** performing agency (electronic identifier); null = the implementing agency itself */
  agency: string | null;
  /** department code within the performing agency; null = any of the agency */
  department: string | null;
  role: Role;
  /** time budget in working hours of the deployment's standard day */
  budgetHours: number;
  actions: StepAction[];
  consultations?: ConsultationDef[];
  next: StepEdge[];
  /** an end step: the dossier leaves processing with a result (→ 9) or a refusal (→ 8) */
  end?: 'result' | 'refusal';
}

/**
 * Liên thông: the dossier is handed to another agency's workflow for the same procedure (or the
 * named one, for statutory bundles), at the same or another level, with that agency's share of the
 * time limit; the parent waits for the child's outcome. Waiting is not a clock stop.
 */
export interface JointStep {
  kind: 'joint';
  code: string;
  name: string;
  /** the agency whose own workflow runs the child dossier (electronic identifier) */
  agency: string;
  /** national code of the child's procedure; null = the same procedure */
  procedure: string | null;
  budgetHours: number;
  next: StepEdge[];
  end?: 'result' | 'refusal';
}

export type WorkflowStep = TaskStep | JointStep;

export interface WorkflowDefinition {
  /** code of the first step */
  start: string;
  steps: WorkflowStep[];
}

/** What the validator needs to know about the world, gathered by the server. */
export interface WorkflowContext {
  /** the implementing agency's electronic identifier */
  agency: string;
  /** the strictest legal limit of the procedure in working hours; null = the procedure has none */
  limitHours: number | null;
  /** the limit was converted from calendar days or months (a warning, not an error) */
  limitApproximate?: boolean;
  /**
   * Agencies the workflow may name (the implementing agency included), with their department
   * codes and the roles held there: `roles` lists "ROLE" for agency-wide positions and
   * "DEPT:ROLE" for department positions.
   */
  agencies: ReadonlyMap<string, { departments: ReadonlySet<string>; roles: ReadonlySet<string> }>;
  /** for liên thông: agencies that implement the child procedure with a workflow of their own */
  jointTargets?: ReadonlySet<string>;
}

export interface WorkflowIssue {
  code: string;
  /** the step concerned, when there is one */
  step: string | null;
  vi: string;
  en: string;
}

export interface WorkflowValidation {
  ok: boolean;
  errors: WorkflowIssue[];
  warnings: WorkflowIssue[];
  /** the longest total budget over any path from the start to an end step */
  longestPathHours: number;
  limitHours: number | null;
}
