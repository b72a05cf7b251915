/**
 * Validation of an internal workflow (quy trình nội bộ) before an administrator saves it. Pure:
 * what the world looks like (agencies, departments, roles, the legal limit) comes in the context.
 *
 * Two phases. The structural phase reads the input defensively (it arrives as JSON over HTTP) and
 * reports every malformed field. The semantic phase checks the graph (reachability, exits, the
 * time budget against the legal limit) and the context (agencies, departments, roles, liên thông
 * targets). Graph checks need trustworthy step codes and edges: while a code is invalid or
 * duplicated, an edge is malformed or points nowhere, or a non-end step has no edge, they are
 * skipped rather than reporting errors that are only echoes of the structural one.
 *
 * Longest path and loops. Workflows may loop ("trả lại để thụ lý lại": a later step sends the
 * dossier back to an earlier one), and the longest simple path of a general graph is NP-hard. The
 * budget check is therefore made on the forward route: the steps reachable from the start are put
 * in a forward order (Kahn's topological order; when every remaining step waits on a loop, the
 * entered step listed first is taken, i.e. a loop is entered at its head), edges pointing back in
 * that order are rework returns and are not counted, and the longest path of the remaining acyclic
 * graph is computed by dynamic programming in O(n²). On an acyclic workflow this is exactly the
 * longest path (every path of a DAG is simple); adding a return from a step to one of its
 * ancestors never changes it when the steps are listed in forward order, as administrators do.
 * Rework time is not budgeted on purpose: a return spends the time of the steps it repeats, which
 * the deadline engine (not this check) watches.
 */
import { PROCEDURE_CODE } from '../catalog/definition.js';
import { ROLES, type Role } from '../org/roles.js';
import {
  STEP_ACTIONS,
  type StepAction,
  type WorkflowContext,
  type WorkflowDefinition,
  type WorkflowIssue,
  type WorkflowValidation,
} from './types.js';

/** More steps than any real procedure needs; keeps the O(n³) ordering trivially cheap. */
export const MAX_WORKFLOW_STEPS = 60;
/** 10 000 working hours = 1 250 eight-hour days: no legal limit comes near it. */
export const MAX_STEP_BUDGET_HOURS = 10_000;
/** Step codes: upper-case identifiers such as TIEP_NHAN, THAM_DINH_2. */
export const STEP_CODE = /^[A-Z][A-Z0-9_]{0,39}$/;

export const WORKFLOW_ERROR_CODES = [
  // structure
  'WORKFLOW_INVALID',
  'WORKFLOW_EMPTY',
  'WORKFLOW_TOO_LARGE',
  'STEP_INVALID',
  'STEP_CODE_INVALID',
  'STEP_DUPLICATE',
  'STEP_NAME_MISSING',
  'STEP_KIND_UNKNOWN',
  'STEP_FIELD_INVALID',
  'BUDGET_INVALID',
  'ROLE_UNKNOWN',
  'ROLE_NOT_PERFORMER',
  'ACTION_UNKNOWN',
  'ACTION_DUPLICATE',
  'CONSULTATION_INVALID',
  'JOINT_AGENCY_MISSING',
  'JOINT_PROCEDURE_INVALID',
  'END_INVALID',
  'NEXT_INVALID',
  'EDGE_CONDITION_INVALID',
  'EDGE_CONDITION_DUPLICATE',
  'NEXT_UNKNOWN',
  'NEXT_DUPLICATE',
  'NEXT_SELF',
  'END_WITH_NEXT',
  'DEAD_END',
  'DEFAULT_EDGE_AMBIGUOUS',
  // graph
  'START_UNKNOWN',
  'STEP_UNREACHABLE',
  'NO_EXIT',
  'NO_RESULT_END',
  // time
  'LIMIT_MISSING',
  'LIMIT_INVALID',
  'BUDGET_EXCEEDS_LIMIT',
  'CONSULT_BUDGET_EXCEEDS_STEP',
  // context
  'CONSULT_WITHOUT_ACTION',
  'AGENCY_UNKNOWN',
  'DEPARTMENT_UNKNOWN',
  'ROLE_MISSING',
  'JOINT_TARGET_UNKNOWN',
  'JOINT_TARGET_NO_WORKFLOW',
  'JOINT_SELF',
] as const;
export type WorkflowErrorCode = (typeof WORKFLOW_ERROR_CODES)[number];

export const WORKFLOW_WARNING_CODES = [
  'LIMIT_APPROXIMATE',
  'END_ACTION_MISSING',
  'DEFAULT_EDGE_MISSING',
] as const;
export type WorkflowWarningCode = (typeof WORKFLOW_WARNING_CODES)[number];

/** Roles that configure or watch but never process a dossier (roles.ts: an inspector changes nothing). */
const NON_PERFORMING_ROLES: readonly Role[] = ['admin', 'inspector'];

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);
const isBudget = (x: unknown): x is number =>
  typeof x === 'number' && Number.isFinite(x) && x > 0 && x <= MAX_STEP_BUDGET_HOURS;
const isNonEmpty = (x: unknown): x is string => typeof x === 'string' && x.trim() !== '';
/** A nullable identifier: absent and null both mean "none" (JSON writers differ). */
const isOptionalId = (x: unknown): x is string | null | undefined =>
  x === null || x === undefined || isNonEmpty(x);
const isRole = (x: unknown): x is Role => typeof x === 'string' && (ROLES as readonly string[]).includes(x);
const isAction = (x: unknown): x is StepAction =>
  typeof x === 'string' && (STEP_ACTIONS as readonly string[]).includes(x);

/** Hours rounded to a micro-hour, so sums of budgets such as 0.1 + 0.2 compare and print cleanly. */
const round6 = (h: number) => Math.round(h * 1e6) / 1e6;
const EPS = 1e-6;
const hoursVi = (h: number) => `${String(Math.round(h * 100) / 100).replace('.', ',')} giờ`;
const hoursEn = (h: number) => `${Math.round(h * 100) / 100} h`;
/** 10000 → "10.000" (vi) or "10,000" (en), without locale data. */
const thousands = (n: number, sep: string) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
/** A value quoted for a message; never throws (String() does on objects without a prototype). */
const q = (s: unknown) =>
  typeof s === 'string'
    ? `"${s}"`
    : typeof s === 'number' || typeof s === 'boolean' || s === null || s === undefined
      ? String(s)
      : `(${typeof s})`;

/** A comparable key of a condition already checked by isCondition(); null for "no condition". */
function conditionKey(when: unknown): string | null {
  if (!isRecord(when)) return null;
  if ('outcome' in when) return `outcome:${String(when.outcome)}`;
  return `field:${String(when.field)}=${typeof when.equals}:${String(when.equals)}`;
}

function isCondition(when: unknown): boolean {
  if (when === undefined || when === null) return true;
  if (!isRecord(when)) return false;
  const keys = Object.keys(when);
  if ('outcome' in when)
    return keys.length === 1 && (when.outcome === 'positive' || when.outcome === 'negative');
  return (
    keys.length === 2 &&
    isNonEmpty(when.field) &&
    (typeof when.equals === 'string' ||
      typeof when.equals === 'boolean' ||
      (typeof when.equals === 'number' && Number.isFinite(when.equals)))
  );
}

// ---------------------------------------------------------------------------------------------
// Graph helpers shared by the validator and longestPath()

interface Graph {
  codes: string[];
  succ: number[][];
  budget: number[];
  end: boolean[];
  result: boolean[];
}

/** Builds the graph of a definition, ignoring what is malformed (the validator reports it). */
function graphOf(def: WorkflowDefinition): Graph {
  const codes = def.steps.map((s) => s.code);
  const index = new Map<string, number>();
  codes.forEach((c, i) => {
    if (!index.has(c)) index.set(c, i);
  });
  return {
    codes,
    succ: def.steps.map((s) =>
      (Array.isArray(s.next) ? s.next : [])
        .map((e) => (isRecord(e) && typeof e.to === 'string' ? index.get(e.to) : undefined))
        .filter((v): v is number => v !== undefined),
    ),
    budget: def.steps.map((s) => (isBudget(s.budgetHours) ? s.budgetHours : 0)),
    end: def.steps.map((s) => s.end === 'result' || s.end === 'refusal'),
    result: def.steps.map((s) => s.end === 'result'),
  };
}

function reachableFrom(g: Graph, start: number): boolean[] {
  const seen = g.codes.map(() => false);
  const stack = [start];
  seen[start] = true;
  while (stack.length > 0) {
    const u = stack.pop()!;
    for (const v of g.succ[u]!) {
      if (!seen[v]) {
        seen[v] = true;
        stack.push(v);
      }
    }
  }
  return seen;
}

/** Steps from which an end step can be reached (an end step can, trivially). */
function canExit(g: Graph): boolean[] {
  const pred: number[][] = g.codes.map(() => []);
  g.succ.forEach((vs, u) => {
    for (const v of vs) pred[v]!.push(u);
  });
  const ok = g.end.slice();
  const stack = g.end.flatMap((e, i) => (e ? [i] : []));
  while (stack.length > 0) {
    const v = stack.pop()!;
    for (const u of pred[v]!) {
      if (!ok[u]) {
        ok[u] = true;
        stack.push(u);
      }
    }
  }
  return ok;
}

/**
 * The forward order of the steps reachable from the start (position, or -1 when unreachable):
 * Kahn's algorithm, ties broken by listing order; when every remaining step still waits on a
 * predecessor (a loop), the first-listed step already entered from a placed step goes next.
 */
function forwardOrder(g: Graph, start: number): number[] {
  const n = g.codes.length;
  const reach = reachableFrom(g, start);
  const waiting = new Array<number>(n).fill(0);
  g.succ.forEach((vs, u) => {
    if (reach[u]) for (const v of vs) waiting[v]!++;
  });
  const pos = new Array<number>(n).fill(-1);
  const entered = new Array<boolean>(n).fill(false);
  const place = (u: number, k: number) => {
    pos[u] = k;
    for (const v of g.succ[u]!) {
      waiting[v]!--;
      entered[v] = true;
    }
  };
  const total = reach.filter(Boolean).length;
  place(start, 0);
  for (let k = 1; k < total; k++) {
    let pick = -1;
    for (let v = 0; v < n && pick < 0; v++) if (reach[v] && pos[v]! < 0 && waiting[v] === 0) pick = v;
    for (let v = 0; v < n && pick < 0; v++) if (reach[v] && pos[v]! < 0 && entered[v]) pick = v;
    place(pick, k);
  }
  return pos;
}

/** Longest forward path from the start to an end step; null when no end step is reachable forward. */
function longestForward(g: Graph, start: number): { hours: number; path: number[] } | null {
  const pos = forwardOrder(g, start);
  const byPos = pos
    .map((p, i) => [p, i] as const)
    .filter(([p]) => p >= 0)
    .sort((a, b) => b[0] - a[0]);
  const best = new Array<number>(g.codes.length).fill(Number.NEGATIVE_INFINITY);
  const via = new Array<number>(g.codes.length).fill(-1);
  for (const [, u] of byPos) {
    if (g.end[u]) {
      best[u] = g.budget[u]!;
      continue;
    }
    for (const v of g.succ[u]!) {
      if (pos[v]! > pos[u]! && g.budget[u]! + best[v]! > best[u]!) {
        best[u] = g.budget[u]! + best[v]!;
        via[u] = v;
      }
    }
  }
  if (best[start] === Number.NEGATIVE_INFINITY) return null;
  const path = [start];
  for (let u = start; via[u]! >= 0; u = via[u]!) path.push(via[u]!);
  return { hours: round6(best[start]!), path };
}

/**
 * The longest total budget over the forward paths from the start to an end step (see the module
 * comment for loops), with the step codes of one such path. 0 and [] when the start is unknown or
 * no end step can be reached.
 */
export function longestPath(def: WorkflowDefinition): { hours: number; path: string[] } {
  const g = graphOf(def);
  const start = g.codes.indexOf(def.start);
  if (start < 0) return { hours: 0, path: [] };
  const r = longestForward(g, start);
  return r ? { hours: r.hours, path: r.path.map((i) => g.codes[i]!) } : { hours: 0, path: [] };
}

// ---------------------------------------------------------------------------------------------

/** One line per error (and warning), in English, for logs and failed assertions. */
export function workflowErrorSummary(v: WorkflowValidation): string {
  const line = (kind: string, i: WorkflowIssue) =>
    `${kind} ${i.code}${i.step ? ` [${i.step}]` : ''}: ${i.en}`;
  return [...v.errors.map((i) => line('error', i)), ...v.warnings.map((i) => line('warning', i))].join('\n');
}

export function validateWorkflow(
  def: unknown | WorkflowDefinition,
  ctx: WorkflowContext,
): WorkflowValidation {
  const errors: WorkflowIssue[] = [];
  const warnings: WorkflowIssue[] = [];
  const err = (code: WorkflowErrorCode, step: string | null, vi: string, en: string) =>
    errors.push({ code, step, vi, en });
  const warn = (code: WorkflowWarningCode, step: string | null, vi: string, en: string) =>
    warnings.push({ code, step, vi, en });

  const limit = ctx.limitHours;
  const limitValid = typeof limit === 'number' && Number.isFinite(limit) && limit > 0;
  const finish = (longestPathHours: number): WorkflowValidation => {
    if (limit === null || limit === undefined) {
      err(
        'LIMIT_MISSING',
        null,
        'Thủ tục chưa có thời hạn giải quyết theo quy định nên không kiểm tra được thời gian của các bước. Cập nhật thời hạn giải quyết của thủ tục trước.',
        "The procedure has no legal time limit, so the step budgets cannot be checked. Set the procedure's time limit first.",
      );
    } else if (!limitValid) {
      err(
        'LIMIT_INVALID',
        null,
        `Thời hạn giải quyết của thủ tục (${q(limit)}) không hợp lệ. Sửa thời hạn trong danh mục thủ tục.`,
        `The procedure's time limit (${q(limit)}) is not a positive number of hours. Correct it in the catalogue.`,
      );
    } else if (ctx.limitApproximate) {
      warn(
        'LIMIT_APPROXIMATE',
        null,
        `Thời hạn được quy đổi gần đúng từ ngày hoặc tháng theo lịch (${hoursVi(limit)} làm việc, cận dưới). Kiểm tra lại thời gian các bước khi có ngày nghỉ lễ, Tết.`,
        `The limit was converted approximately from calendar days or months (${hoursEn(limit)} of working time, a lower bound). Review the budgets around public holidays and Tết.`,
      );
    }
    return { ok: errors.length === 0, errors, warnings, longestPathHours, limitHours: limit };
  };

  if (!isRecord(def) || !Array.isArray(def.steps)) {
    err(
      'WORKFLOW_INVALID',
      null,
      'Dữ liệu quy trình không hợp lệ: cần một đối tượng có bước bắt đầu (start) và danh sách các bước (steps).',
      'The workflow is not valid data: it must be an object with a start step and a list of steps.',
    );
    return finish(0);
  }
  const steps: unknown[] = def.steps;
  if (steps.length === 0) {
    err(
      'WORKFLOW_EMPTY',
      null,
      'Quy trình chưa có bước nào. Thêm ít nhất bước tiếp nhận và bước trả kết quả.',
      'The workflow has no steps. Add at least a receiving step and a result step.',
    );
    return finish(0);
  }
  if (steps.length > MAX_WORKFLOW_STEPS) {
    err(
      'WORKFLOW_TOO_LARGE',
      null,
      `Quy trình có ${steps.length} bước, vượt quá ${MAX_WORKFLOW_STEPS} bước cho phép. Gộp các bước nhỏ lại.`,
      `The workflow has ${steps.length} steps, more than the ${MAX_WORKFLOW_STEPS} allowed. Merge small steps.`,
    );
    return finish(0);
  }

  // graph checks need trustworthy codes and edges; budgets are needed for the time checks
  let graphOk = true;
  let budgetsOk = true;
  const start = def.start;
  if (typeof start !== 'string') {
    graphOk = false;
    err(
      'WORKFLOW_INVALID',
      null,
      'Chưa chọn bước bắt đầu của quy trình (start).',
      'The workflow has no start step. Choose the step a dossier begins with.',
    );
  }
  const known = new Set(
    steps.flatMap((s) =>
      isRecord(s) && typeof s.code === 'string' && STEP_CODE.test(s.code) ? [s.code] : [],
    ),
  );
  const seen = new Set<string>();

  steps.forEach((raw, i) => {
    const nth = `#${i + 1}`;
    if (!isRecord(raw)) {
      graphOk = false;
      err(
        'STEP_INVALID',
        null,
        `Bước thứ ${i + 1} không phải là một bước hợp lệ.`,
        `Step ${nth} is not a step object.`,
      );
      return;
    }
    const validCode = typeof raw.code === 'string' && STEP_CODE.test(raw.code);
    const ref = validCode ? (raw.code as string) : null;
    const who = ref ?? nth;
    if (!validCode) {
      graphOk = false;
      err(
        'STEP_CODE_INVALID',
        typeof raw.code === 'string' ? raw.code : null,
        `Mã bước ${q(raw.code)} (bước thứ ${i + 1}) không hợp lệ: dùng chữ in hoa không dấu, chữ số và dấu gạch dưới, bắt đầu bằng chữ, tối đa 40 ký tự (ví dụ THAM_DINH).`,
        `Step code ${q(raw.code)} (step ${nth}) is invalid: use upper-case letters, digits and underscores, starting with a letter, at most 40 characters (e.g. THAM_DINH).`,
      );
    } else if (seen.has(ref!)) {
      graphOk = false;
      err(
        'STEP_DUPLICATE',
        ref,
        `Mã bước ${ref} bị trùng. Mỗi bước phải có một mã riêng.`,
        `Step code ${ref} is used more than once. Give each step its own code.`,
      );
    } else seen.add(ref!);

    if (!isNonEmpty(raw.name)) {
      err(
        'STEP_NAME_MISSING',
        ref,
        `Bước ${who} chưa có tên. Đặt tên bước để cán bộ biết việc cần làm.`,
        `Step ${who} has no name. Name it so officers know what to do.`,
      );
    }
    const kind = raw.kind;
    if (kind !== 'task' && kind !== 'joint') {
      err(
        'STEP_KIND_UNKNOWN',
        ref,
        `Loại bước ${q(kind)} của bước ${who} không hợp lệ: chọn "task" (xử lý) hoặc "joint" (liên thông).`,
        `Step ${who} has an unknown kind ${q(kind)}: choose "task" or "joint" (liên thông).`,
      );
    }
    const budget = raw.budgetHours;
    if (!isBudget(budget)) {
      budgetsOk = false;
      err(
        'BUDGET_INVALID',
        ref,
        `Thời gian của bước ${who} (${q(budget)}) không hợp lệ: nhập số giờ làm việc lớn hơn 0 và không quá ${thousands(MAX_STEP_BUDGET_HOURS, '.')}.`,
        `The budget of step ${who} (${q(budget)}) is invalid: enter working hours greater than 0 and at most ${thousands(MAX_STEP_BUDGET_HOURS, ',')}.`,
      );
    }
    const end = raw.end === null ? undefined : raw.end;
    if (end !== undefined && end !== 'result' && end !== 'refusal') {
      err(
        'END_INVALID',
        ref,
        `Kiểu kết thúc ${q(end)} của bước ${who} không hợp lệ: chọn "result" (có kết quả) hoặc "refusal" (từ chối).`,
        `Step ${who} has an invalid end ${q(end)}: choose "result" or "refusal".`,
      );
    }

    // edges
    const next = raw.next;
    if (!Array.isArray(next)) {
      graphOk = false;
      err(
        'NEXT_INVALID',
        ref,
        `Bước ${who} thiếu danh sách bước tiếp theo (next); với bước kết thúc, để danh sách rỗng.`,
        `Step ${who} has no list of next steps; an end step has an empty list.`,
      );
    } else {
      const targets = new Set<string>();
      const conditions = new Set<string>();
      let defaults = 0;
      for (const e of next as unknown[]) {
        if (!isRecord(e) || typeof e.to !== 'string') {
          graphOk = false;
          err(
            'NEXT_INVALID',
            ref,
            `Bước ${who} có một hướng chuyển không chỉ rõ bước đến.`,
            `Step ${who} has an edge without a target step.`,
          );
          continue;
        }
        if (!known.has(e.to)) {
          graphOk = false;
          err(
            'NEXT_UNKNOWN',
            ref,
            `Bước ${who} chuyển đến bước ${q(e.to)} không có trong quy trình. Chọn một bước đã khai báo.`,
            `Step ${who} leads to ${q(e.to)}, which is not a step of the workflow. Choose a declared step.`,
          );
        } else if (e.to === ref) {
          err(
            'NEXT_SELF',
            ref,
            `Bước ${who} chuyển đến chính nó. Để làm lại trong cùng bước thì không cần hướng chuyển; xóa hướng này.`,
            `Step ${who} leads to itself. Rework inside a step needs no edge; remove it.`,
          );
        } else if (targets.has(e.to)) {
          err(
            'NEXT_DUPLICATE',
            ref,
            `Bước ${who} có nhiều hướng chuyển đến cùng bước ${e.to}. Gộp thành một hướng.`,
            `Step ${who} has several edges to ${e.to}. Keep one.`,
          );
        }
        targets.add(e.to);
        if (!isCondition(e.when)) {
          err(
            'EDGE_CONDITION_INVALID',
            ref,
            `Điều kiện chuyển từ bước ${who} đến ${e.to} không hợp lệ: dùng kết quả xử lý (đạt / không đạt) hoặc một trường của tờ khai so với một giá trị.`,
            `The condition of the edge from ${who} to ${e.to} is invalid: use the outcome (positive / negative) or a form field compared with a value.`,
          );
          continue;
        }
        const key = conditionKey(e.when);
        if (key === null) defaults++;
        else if (conditions.has(key)) {
          err(
            'EDGE_CONDITION_DUPLICATE',
            ref,
            `Bước ${who} có hai hướng chuyển cùng một điều kiện; hệ thống không biết chọn hướng nào. Sửa điều kiện.`,
            `Step ${who} has two edges with the same condition; the system cannot choose. Change one condition.`,
          );
        } else conditions.add(key);
      }
      if (end !== undefined && next.length > 0) {
        err(
          'END_WITH_NEXT',
          ref,
          `Bước kết thúc ${who} không được có bước tiếp theo. Bỏ các hướng chuyển hoặc bỏ đánh dấu kết thúc.`,
          `End step ${who} cannot have next steps. Remove its edges or unmark it as an end.`,
        );
      }
      if (end === undefined && next.length === 0) {
        // what lies beyond is unreachable only because of this: report the cause alone
        graphOk = false;
        err(
          'DEAD_END',
          ref,
          `Bước ${who} không có bước tiếp theo và không phải bước kết thúc: hồ sơ sẽ bị dừng ở đây. Thêm hướng chuyển hoặc đánh dấu là bước kết thúc.`,
          `Step ${who} has no next step and is not an end step: dossiers would be stuck there. Add an edge or mark it as an end.`,
        );
      }
      if (defaults > 1) {
        err(
          'DEFAULT_EDGE_AMBIGUOUS',
          ref,
          `Bước ${who} có ${defaults} hướng chuyển không điều kiện; chỉ được có một hướng mặc định. Thêm điều kiện cho các hướng còn lại.`,
          `Step ${who} has ${defaults} edges without a condition; only one default is allowed. Add conditions to the others.`,
        );
      }
      // all edges conditional: a dossier matching none would be stuck, unless the conditions
      // are the two outcomes, which always cover every case
      if (
        next.length > 0 &&
        defaults === 0 &&
        !(conditions.has('outcome:positive') && conditions.has('outcome:negative'))
      ) {
        warn(
          'DEFAULT_EDGE_MISSING',
          ref,
          `Mọi hướng chuyển của bước ${who} đều có điều kiện; hồ sơ không thỏa điều kiện nào sẽ không chuyển được. Nên bỏ điều kiện ở hướng thông thường.`,
          `Every edge of step ${who} has a condition; a dossier matching none could not move on. Make the usual edge unconditional.`,
        );
      }
    }

    if (kind === 'task') checkTask(raw, ref, who, end, budget);
    else if (kind === 'joint') checkJoint(raw, ref, who);
  });

  function checkTask(
    raw: Record<string, unknown>,
    ref: string | null,
    who: string,
    end: unknown,
    budget: unknown,
  ): void {
    const { agency, department, role, actions, consultations } = raw;
    let fieldsOk = true;
    if (!isOptionalId(agency) || !isOptionalId(department)) {
      fieldsOk = false;
      err(
        'STEP_FIELD_INVALID',
        ref,
        `Cơ quan hoặc phòng ban thực hiện bước ${who} không hợp lệ: chọn từ danh sách hoặc để trống.`,
        `The agency or department of step ${who} is invalid: pick one from the list or leave it empty.`,
      );
    }
    const roleOk = isRole(role);
    if (!roleOk) {
      err(
        'ROLE_UNKNOWN',
        ref,
        `Vai trò ${q(role)} của bước ${who} không có trong hệ thống. Chọn vai trò như cán bộ một cửa, chuyên viên thụ lý, lãnh đạo phòng, lãnh đạo cơ quan, văn thư.`,
        `Step ${who} has an unknown role ${q(role)}. Choose a role such as receiving officer, specialist, department head, agency leader or clerk.`,
      );
    } else if (NON_PERFORMING_ROLES.includes(role)) {
      err(
        'ROLE_NOT_PERFORMER',
        ref,
        `Vai trò ${role} của bước ${who} không xử lý hồ sơ (quản trị hoặc giám sát). Chọn vai trò xử lý.`,
        `Role ${role} of step ${who} does not process dossiers (administration or oversight). Choose a processing role.`,
      );
    }
    let actionList: StepAction[] | null = null;
    if (!Array.isArray(actions)) {
      err(
        'ACTION_UNKNOWN',
        ref,
        `Bước ${who} thiếu danh sách thao tác được phép.`,
        `Step ${who} has no list of allowed actions.`,
      );
    } else {
      const valid: StepAction[] = [];
      for (const a of actions as unknown[]) {
        if (!isAction(a)) {
          err(
            'ACTION_UNKNOWN',
            ref,
            `Thao tác ${q(a)} của bước ${who} không có trong hệ thống. Chọn trong: ${STEP_ACTIONS.join(', ')}.`,
            `Step ${who} has an unknown action ${q(a)}. Choose among: ${STEP_ACTIONS.join(', ')}.`,
          );
        } else if (valid.includes(a)) {
          err(
            'ACTION_DUPLICATE',
            ref,
            `Thao tác ${a} được khai báo nhiều lần ở bước ${who}. Giữ một lần.`,
            `Action ${a} is listed more than once in step ${who}. Keep one.`,
          );
        } else valid.push(a);
      }
      actionList = valid;
    }

    const performing = fieldsOk ? ((agency as string | null | undefined) ?? ctx.agency) : null;
    const dept = fieldsOk ? ((department as string | null | undefined) ?? null) : null;
    const info = performing === null ? undefined : ctx.agencies.get(performing);
    if (performing !== null && !info) {
      err(
        'AGENCY_UNKNOWN',
        ref,
        `Cơ quan ${performing} thực hiện bước ${who} không có trong danh sách cơ quan. Chọn một cơ quan đã khai báo.`,
        `Agency ${performing}, which performs step ${who}, is not a known agency. Choose a declared agency.`,
      );
    }
    let deptKnown = true;
    if (info && dept !== null && !info.departments.has(dept)) {
      deptKnown = false;
      err(
        'DEPARTMENT_UNKNOWN',
        ref,
        `Phòng ban ${dept} của bước ${who} không thuộc cơ quan ${performing}. Chọn phòng ban của cơ quan đó.`,
        `Department ${dept} of step ${who} is not a department of agency ${performing}. Choose one of its departments.`,
      );
    }
    if (info && deptKnown && roleOk && !NON_PERFORMING_ROLES.includes(role)) {
      const held =
        dept !== null
          ? info.roles.has(`${dept}:${role}`) || info.roles.has(role)
          : info.roles.has(role) || [...info.roles].some((r) => r.endsWith(`:${role}`));
      if (!held) {
        const where = dept !== null ? `phòng ${dept} của cơ quan ${performing}` : `cơ quan ${performing}`;
        const whereEn = dept !== null ? `department ${dept} of agency ${performing}` : `agency ${performing}`;
        err(
          'ROLE_MISSING',
          ref,
          `${where[0]!.toUpperCase()}${where.slice(1)} chưa có vị trí với vai trò ${role} để thực hiện bước ${who}. Tạo vị trí và phân công cán bộ, hoặc chọn vai trò khác.`,
          `No position with role ${role} exists in ${whereEn} to perform step ${who}. Create the position and assign an officer, or choose another role.`,
        );
      }
    }

    if (consultations !== undefined && consultations !== null) {
      if (!Array.isArray(consultations)) {
        err(
          'CONSULTATION_INVALID',
          ref,
          `Danh sách đơn vị lấy ý kiến của bước ${who} không hợp lệ.`,
          `The consultations of step ${who} are not a list.`,
        );
      } else {
        for (const c of consultations as unknown[]) {
          const shapeOk =
            isRecord(c) &&
            isOptionalId(c.agency) &&
            isOptionalId(c.department) &&
            isBudget(c.budgetHours) &&
            !((c.agency ?? null) === null && (c.department ?? null) === null);
          if (!shapeOk) {
            err(
              'CONSULTATION_INVALID',
              ref,
              `Một đơn vị lấy ý kiến của bước ${who} không hợp lệ: chọn cơ quan hoặc phòng ban được hỏi ý kiến và nhập thời gian (giờ làm việc, lớn hơn 0).`,
              `A consultation of step ${who} is invalid: name the consulted agency or department and give a budget in working hours greater than 0.`,
            );
            continue;
          }
          const cAgency = (c.agency as string | null | undefined) ?? performing;
          const cDept = (c.department as string | null | undefined) ?? null;
          const cInfo = cAgency === null ? undefined : ctx.agencies.get(cAgency);
          if (cAgency !== null && !cInfo) {
            err(
              'AGENCY_UNKNOWN',
              ref,
              `Cơ quan được lấy ý kiến ${cAgency} ở bước ${who} không có trong danh sách cơ quan.`,
              `Agency ${cAgency}, consulted in step ${who}, is not a known agency.`,
            );
          } else if (cInfo && cDept !== null && !cInfo.departments.has(cDept)) {
            err(
              'DEPARTMENT_UNKNOWN',
              ref,
              `Phòng ban được lấy ý kiến ${cDept} ở bước ${who} không thuộc cơ quan ${cAgency}.`,
              `Department ${cDept}, consulted in step ${who}, is not a department of agency ${cAgency}.`,
            );
          }
          if (isBudget(budget) && (c.budgetHours as number) > budget + EPS) {
            err(
              'CONSULT_BUDGET_EXCEEDS_STEP',
              ref,
              `Thời gian lấy ý kiến ${cDept ?? cAgency} (${hoursVi(c.budgetHours as number)}) dài hơn thời gian của bước ${who} (${hoursVi(budget)}); việc lấy ý kiến diễn ra trong thời gian của bước. Giảm thời gian lấy ý kiến hoặc tăng thời gian của bước.`,
              `The consultation of ${cDept ?? cAgency} (${hoursEn(c.budgetHours as number)}) is longer than step ${who} (${hoursEn(budget)}); consultations run inside the step. Shorten it or lengthen the step.`,
            );
          }
        }
        if (consultations.length > 0 && actionList && !actionList.includes('consult')) {
          err(
            'CONSULT_WITHOUT_ACTION',
            ref,
            `Bước ${who} có danh sách lấy ý kiến nhưng không cho phép thao tác "lấy ý kiến" (consult). Thêm thao tác hoặc bỏ danh sách.`,
            `Step ${who} lists consultations but does not allow the "consult" action. Add the action or remove the consultations.`,
          );
        }
      }
    }

    // The step that closes a dossier with a result must issue or hand over that result (a signed
    // but unnumbered document is not a result yet); one that closes with a refusal must allow
    // the refusal. A warning only: the issuing may be automated on signature in a deployment.
    if (
      actionList &&
      end === 'result' &&
      !actionList.some((a) => a === 'issue_result' || a === 'return_result')
    ) {
      warn(
        'END_ACTION_MISSING',
        ref,
        `Bước kết thúc ${who} có kết quả nhưng không có thao tác ban hành (issue_result) hoặc trả kết quả (return_result).`,
        `Result step ${who} allows neither issuing (issue_result) nor returning the result (return_result).`,
      );
    }
    if (actionList && end === 'refusal' && !actionList.includes('refuse')) {
      warn(
        'END_ACTION_MISSING',
        ref,
        `Bước kết thúc ${who} là từ chối nhưng không có thao tác từ chối (refuse) để ban hành văn bản nêu lý do.`,
        `Refusal step ${who} does not allow the refuse action (a written refusal with reasons).`,
      );
    }
  }

  function checkJoint(raw: Record<string, unknown>, ref: string | null, who: string): void {
    const { agency, procedure } = raw;
    if (
      procedure !== null &&
      procedure !== undefined &&
      !(typeof procedure === 'string' && PROCEDURE_CODE.test(procedure))
    ) {
      err(
        'JOINT_PROCEDURE_INVALID',
        ref,
        `Mã thủ tục liên thông ${q(procedure)} ở bước ${who} không đúng dạng mã quốc gia (ví dụ 1.001234); để trống nếu là cùng thủ tục.`,
        `The joint procedure code ${q(procedure)} of step ${who} is not a national code (e.g. 1.001234); leave it empty for the same procedure.`,
      );
    }
    if (!isNonEmpty(agency)) {
      err(
        'JOINT_AGENCY_MISSING',
        ref,
        `Bước liên thông ${who} chưa chọn cơ quan nhận hồ sơ liên thông.`,
        `Joint step ${who} names no agency to hand the dossier to.`,
      );
      return;
    }
    if (agency === ctx.agency) {
      err(
        'JOINT_SELF',
        ref,
        `Bước liên thông ${who} chuyển hồ sơ cho chính cơ quan đang giải quyết. Dùng bước xử lý thông thường, hoặc chọn cơ quan khác.`,
        `Joint step ${who} hands the dossier to the implementing agency itself. Use a task step, or choose another agency.`,
      );
    } else if (!ctx.agencies.has(agency)) {
      err(
        'JOINT_TARGET_UNKNOWN',
        ref,
        `Cơ quan liên thông ${agency} ở bước ${who} không có trong danh sách cơ quan.`,
        `Agency ${agency} of joint step ${who} is not a known agency.`,
      );
    } else if (ctx.jointTargets && !ctx.jointTargets.has(agency)) {
      err(
        'JOINT_TARGET_NO_WORKFLOW',
        ref,
        `Cơ quan ${agency} chưa có quy trình nội bộ cho thủ tục liên thông ở bước ${who}, nên không nhận được hồ sơ. Đề nghị cơ quan đó ban hành quy trình trước.`,
        `Agency ${agency} has no workflow for the joint procedure of step ${who}, so it cannot take the dossier. Ask it to set up its workflow first.`,
      );
    }
  }

  if (!graphOk) return finish(0);

  // the semantic phase: the input is now a well-formed graph
  const wf = def as unknown as WorkflowDefinition;
  const g = graphOf(wf);
  const s = g.codes.indexOf(start as string);
  if (s < 0) {
    err(
      'START_UNKNOWN',
      null,
      `Bước bắt đầu ${q(start)} không có trong quy trình. Chọn một bước đã khai báo làm bước bắt đầu.`,
      `The start step ${q(start)} is not a step of the workflow. Choose a declared step as the start.`,
    );
    return finish(0);
  }
  const reach = reachableFrom(g, s);
  const exits = canExit(g);
  g.codes.forEach((code, i) => {
    if (!reach[i]) {
      err(
        'STEP_UNREACHABLE',
        code,
        `Bước ${code} không thể đến được từ bước bắt đầu ${start}. Thêm hướng chuyển đến bước này hoặc xóa bước.`,
        `Step ${code} cannot be reached from the start step ${start}. Add an edge to it or delete it.`,
      );
    } else if (!exits[i]) {
      err(
        'NO_EXIT',
        code,
        `Từ bước ${code} không thể đến bước kết thúc nào: hồ sơ sẽ quay vòng mãi. Thêm hướng chuyển ra bước kết thúc (có kết quả hoặc từ chối).`,
        `From step ${code} no end step can be reached: dossiers would loop forever. Add an edge towards an end step (result or refusal).`,
      );
    }
  });
  if (!g.result.some((r, i) => r && reach[i])) {
    err(
      'NO_RESULT_END',
      null,
      'Quy trình không có bước kết thúc có kết quả (end = result) đến được từ bước bắt đầu. Đánh dấu bước trả kết quả là bước kết thúc có kết quả.',
      'No end step with a result (end = result) can be reached from the start. Mark the result step as an end with a result.',
    );
  }
  if (!budgetsOk) return finish(0);
  const lp = longestForward(g, s);
  const hours = lp?.hours ?? 0;
  if (lp && limitValid && hours > limit + EPS) {
    const path = lp.path.map((i) => g.codes[i]!).join(' → ');
    err(
      'BUDGET_EXCEEDS_LIMIT',
      null,
      `Tổng thời gian dài nhất qua các bước (${path}) là ${hoursVi(hours)}, vượt thời hạn giải quyết ${hoursVi(limit)}. Giảm thời gian của các bước trên đường này.`,
      `The longest total budget over the steps (${path}) is ${hoursEn(hours)}, over the legal limit of ${hoursEn(limit)}. Shorten the steps on this path.`,
    );
  }
  return finish(hours);
}
