/**
 * Moving a dossier along its pinned workflow: which actions a step permits, which step comes
 * next for an outcome or the form's data, where a dossier may be sent back to. Pure: the server
 * resolves performers and budgets, the lifecycle reducer records the move.
 */
import type { StepAction, StepEdge, WorkflowDefinition, WorkflowStep } from './types.js';

export type RouteErrorCode =
  | 'STEP_UNKNOWN'
  | 'STEP_ACTION_NOT_ALLOWED'
  | 'STEP_IS_END'
  | 'NO_MATCHING_EDGE'
  | 'EDGE_NOT_ALLOWED'
  | 'RETURN_TARGET_INVALID';

export class RouteError extends Error {
  constructor(
    readonly code: RouteErrorCode,
    message: string,
    readonly messageVi: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'RouteError';
  }
}

export function stepOf(def: WorkflowDefinition, code: string): WorkflowStep {
  const s = def.steps.find((x) => x.code === code);
  if (!s)
    throw new RouteError(
      'STEP_UNKNOWN',
      `the workflow has no step ${code}`,
      `quy trình không có bước ${code}`,
      {
        step: code,
      },
    );
  return s;
}

/** A liên thông step is performed by the child dossier: officers record nothing in it themselves. */
export function stepAllows(step: WorkflowStep, action: StepAction): boolean {
  return step.kind === 'task' && step.actions.includes(action);
}

export function requireStepAction(step: WorkflowStep, action: StepAction): void {
  if (!stepAllows(step, action))
    throw new RouteError(
      'STEP_ACTION_NOT_ALLOWED',
      `step ${step.code} does not permit ${action}`,
      `bước "${step.name}" không cho phép thao tác này`,
      { step: step.code, action },
    );
}

export interface RouteChoice {
  /** what the performer concluded (appraisal positive or negative) */
  outcome?: 'positive' | 'negative';
  /** an explicit target, which must be one of the edges that hold */
  toStep?: string;
  /** the dossier's e-form data, for edges conditioned on a field */
  formData?: Readonly<Record<string, unknown>> | null;
}

/** A dotted path into the form data ("tre.gioiTinh"). */
function fieldValue(data: Readonly<Record<string, unknown>> | null | undefined, path: string): unknown {
  let v: unknown = data ?? undefined;
  for (const k of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}

function holds(e: StepEdge, c: RouteChoice): boolean {
  if (!e.when) return true;
  if ('outcome' in e.when) return c.outcome === e.when.outcome;
  return fieldValue(c.formData, e.when.field) === e.when.equals;
}

/**
 * The step a dossier moves to from `from`. Conditional edges that hold come before unconditional
 * ones, in the order the workflow lists them. A negative outcome never falls through to an
 * unconditional (positive) edge: a refusal must be routed where the workflow says refusals go.
 */
export function nextStep(def: WorkflowDefinition, from: string, choice: RouteChoice = {}): string {
  const step = stepOf(def, from);
  if (step.next.length === 0)
    throw new RouteError(
      'STEP_IS_END',
      `step ${from} is an end step: finish it with its own action`,
      `bước "${step.name}" là bước kết thúc, không chuyển tiếp được`,
      { step: from, end: step.end ?? null },
    );
  const holding = step.next.filter((e) => holds(e, choice));
  const conditional = holding.filter((e) => e.when);
  const plain = holding.filter((e) => !e.when);
  const candidates =
    choice.outcome === 'negative'
      ? conditional.filter((e) => e.when && 'outcome' in e.when)
      : [...conditional, ...plain];
  if (choice.toStep !== undefined) {
    if (!candidates.some((e) => e.to === choice.toStep))
      throw new RouteError(
        'EDGE_NOT_ALLOWED',
        `step ${from} cannot move to ${choice.toStep}`,
        `không thể chuyển từ bước "${step.name}" sang bước ${choice.toStep}`,
        { step: from, toStep: choice.toStep, allowed: candidates.map((e) => e.to) },
      );
    return choice.toStep;
  }
  const first = candidates[0];
  if (!first)
    throw new RouteError(
      'NO_MATCHING_EDGE',
      `no way out of step ${from} for outcome ${choice.outcome ?? 'none'}`,
      `không có bước tiếp theo phù hợp với kết quả xử lý của bước "${step.name}"`,
      { step: from, outcome: choice.outcome ?? null },
    );
  return first.to;
}

/**
 * Sending a dossier back (trả lại bước trước): only to a step it has actually been through, other
 * than the current one, and only from a step that permits returning.
 */
export function checkReturn(
  def: WorkflowDefinition,
  current: string,
  target: string,
  visited: readonly string[],
): void {
  requireStepAction(stepOf(def, current), 'return');
  stepOf(def, target);
  if (target === current || !visited.includes(target))
    throw new RouteError(
      'RETURN_TARGET_INVALID',
      `the dossier has not been through step ${target}`,
      'chỉ trả lại được bước mà hồ sơ đã đi qua',
      { step: current, toStep: target, visited },
    );
}
