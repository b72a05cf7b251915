/**
 * The legal lifecycle as data and one pure reducer. Which action is allowed in which state and by
 * whom are two small tables (not `if`s scattered in handlers); `apply` checks them and the guards
 * of LIFECYCLE.md §2, then derives the next snapshot. `replay` folds a whole log, so stored state
 * can always be checked against the log it came from.
 */
import {
  type ActionType,
  type Actor,
  type DossierAction,
  type StepPerformer,
  SURVEY_QUESTIONS,
} from './actions.js';
import { type DossierState, NATIONAL_STATUS, TERMINAL_STATES } from './states.js';

/** States each action may start from. Anything else is ACTION_NOT_ALLOWED_IN_STATE. */
export const ALLOWED_FROM: Readonly<Record<ActionType, readonly (DossierState | null)[]>> = {
  submit: ['draft', null],
  register: [null],
  request_completion: ['submitted'],
  refuse_intake: ['submitted'],
  accept: ['submitted'],
  receive_joint: [null],
  // a dossier reaches processing only through acceptance (guard: 4 only through 2)
  forward: ['accepted', 'processing'],
  assign: ['accepted', 'processing'],
  return_step: ['processing'],
  consult: ['processing'],
  answer_consultation: ['processing', 'supplement_requested', 'awaiting_payment'],
  request_supplement: ['processing'],
  supplement_received: ['supplement_requested'],
  request_payment: ['processing'],
  payment_received: ['awaiting_payment'],
  // while the clock is stopped the due instant is recomputed at its restart anyway
  recalculate_due: ['accepted', 'processing', 'awaiting_payment'],
  joint_send: ['processing'],
  joint_done: ['processing'],
  approve: ['processing'],
  sign: ['processing'],
  issue_result: ['processing'],
  apologise: ['accepted', 'processing', 'supplement_requested', 'awaiting_payment'],
  stop: ['accepted', 'processing', 'supplement_requested', 'awaiting_payment'],
  withdraw: ['submitted', 'accepted', 'processing', 'supplement_requested', 'awaiting_payment'],
  return_result: ['result_ready'],
  rate: ['returned'],
};

type ActorKind = 'applicant' | 'system' | 'officer';
/** Who may record each action; officer roles within a step are checked against the workflow. */
export const ACTION_ACTORS: Readonly<Record<ActionType, readonly ActorKind[]>> = {
  submit: ['applicant', 'system'],
  register: ['officer'],
  request_completion: ['officer'],
  refuse_intake: ['officer'],
  accept: ['officer', 'system'],
  receive_joint: ['system'],
  forward: ['officer', 'system'],
  assign: ['officer', 'system'],
  return_step: ['officer'],
  consult: ['officer'],
  answer_consultation: ['officer'],
  request_supplement: ['officer'],
  supplement_received: ['officer', 'applicant'],
  request_payment: ['officer'],
  payment_received: ['officer', 'system'],
  recalculate_due: ['system'],
  joint_send: ['officer', 'system'],
  joint_done: ['system', 'officer'],
  approve: ['officer'],
  sign: ['officer'],
  // the system issues a signed result that reaches the workflow's hand-over step (liên thông)
  issue_result: ['officer', 'system'],
  apologise: ['officer'],
  // the system ends a liên thông child whose lead dossier was stopped or withdrawn
  stop: ['officer', 'system'],
  withdraw: ['officer', 'applicant', 'system'],
  return_result: ['officer', 'system'],
  rate: ['applicant'],
};

export interface ClockStop {
  kind: 'supplement' | 'payment';
  from: number;
  /** null while the clock is stopped */
  to: number | null;
}

export interface DossierSnapshot {
  status: DossierState;
  /** number of actions applied: the optimistic-concurrency version */
  version: number;
  channel: 'direct' | 'online' | 'postal' | null;
  submittedAt: number | null;
  /** NgayTiepNhan: the clock starts */
  receivedAt: number | null;
  code: string | null;
  /** the due instant at acceptance: lateness is judged against the due instant moved only by pauses */
  dueAt: number | null;
  /** NgayHenTra shown to the applicant: the due instant, or a later one promised in an apology */
  appointmentAt: number | null;
  currentStep: string | null;
  /** who performs the current step and until when (StepPerformer of the action that entered it) */
  stepRole: StepPerformer['role'];
  stepAgencyId: number | null;
  stepDepartmentId: number | null;
  stepStartedAt: number | null;
  stepDueAt: number | null;
  assigneeId: number | null;
  lastOutcome: 'positive' | 'negative' | null;
  pauses: ClockStop[];
  completionRequests: number;
  supplementRequests: number;
  openConsultations: string[];
  openJoints: string[];
  apologies: { at: number; agency: string; newAppointmentAt: number; reason: string }[];
  approved: boolean;
  signed: boolean;
  resultCode: string | null;
  /** NgayKetThucXuLy: set once, never edited (PITFALLS.md A1) */
  finishedAt: number | null;
  returnedAt: number | null;
  delivery: 'counter' | 'postal' | 'online' | null;
  rating: number | null;
  lastActionAt: number | null;
}

export const EMPTY_DOSSIER: DossierSnapshot = {
  status: 'draft',
  version: 0,
  channel: null,
  submittedAt: null,
  receivedAt: null,
  code: null,
  dueAt: null,
  appointmentAt: null,
  currentStep: null,
  stepRole: null,
  stepAgencyId: null,
  stepDepartmentId: null,
  stepStartedAt: null,
  stepDueAt: null,
  assigneeId: null,
  lastOutcome: null,
  pauses: [],
  completionRequests: 0,
  supplementRequests: 0,
  openConsultations: [],
  openJoints: [],
  apologies: [],
  approved: false,
  signed: false,
  resultCode: null,
  finishedAt: null,
  returnedAt: null,
  delivery: null,
  rating: null,
  lastActionAt: null,
};

export type LifecycleErrorCode =
  | 'STATE_FINAL'
  | 'ACTION_NOT_ALLOWED_IN_STATE'
  | 'ACTOR_NOT_ALLOWED'
  | 'TIME_BEFORE_LAST'
  | 'REASON_REQUIRED'
  | 'COMPLETION_ALREADY_REQUESTED'
  | 'SUPPLEMENT_REASON_REQUIRED'
  | 'NOTHING_LISTED'
  | 'CONSULTATION_UNKNOWN'
  | 'CONSULTATION_DUPLICATE'
  | 'CONSULTATIONS_OPEN'
  | 'JOINT_UNKNOWN'
  | 'JOINT_DUPLICATE'
  | 'JOINTS_OPEN'
  | 'APPOINTMENT_NOT_LATER'
  | 'DUE_BEFORE_RECEIPT'
  | 'NOT_SIGNED'
  | 'ALREADY_RATED'
  | 'SCORE_INVALID'
  | 'AMOUNT_INVALID'
  | 'CLOCK_STOPPED';

export class LifecycleError extends Error {
  constructor(
    readonly code: LifecycleErrorCode,
    message: string,
    readonly messageVi: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'LifecycleError';
  }
}

const fail = (
  code: LifecycleErrorCode,
  en: string,
  vi: string,
  details: Record<string, unknown> = {},
): never => {
  throw new LifecycleError(code, en, vi, details);
};

/** Why an action needs a written reason (Decree 61 Art. 16(2), 18(2); the apology's content). */
const NEEDS_REASON: ReadonlySet<ActionType> = new Set([
  'refuse_intake',
  'return_step',
  'stop',
  'withdraw',
  'apologise',
]);

/** The checks that do not depend on the action's own payload: state, actor, time, reason. */
export function checkAllowed(s: DossierSnapshot, a: Pick<DossierAction, 'type' | 'at' | 'actor' | 'reason'>) {
  const from = s.version === 0 ? null : s.status;
  // a final state admits only what follows the end itself (rating a returned dossier)
  if (from !== null && TERMINAL_STATES.has(from) && !ALLOWED_FROM[a.type].includes(from))
    fail(
      'STATE_FINAL',
      `the dossier is ${from}: nothing can follow`,
      'hồ sơ đã kết thúc, không thể thực hiện thêm thao tác',
      {
        status: from,
      },
    );
  if (!ALLOWED_FROM[a.type].includes(from))
    fail(
      'ACTION_NOT_ALLOWED_IN_STATE',
      `${a.type} is not allowed when the dossier is ${from ?? 'new'}`,
      `không thể thực hiện thao tác này khi hồ sơ ở trạng thái hiện tại`,
      { action: a.type, status: from },
    );
  if (!ACTION_ACTORS[a.type].includes(a.actor.kind))
    fail(
      'ACTOR_NOT_ALLOWED',
      `${a.actor.kind} cannot ${a.type}`,
      'người thực hiện không có quyền với thao tác này',
      {
        action: a.type,
        actor: a.actor.kind,
      },
    );
  if (!Number.isFinite(a.at) || (s.lastActionAt !== null && a.at < s.lastActionAt))
    fail(
      'TIME_BEFORE_LAST',
      'an action cannot be dated before the previous one',
      'thời điểm thao tác không thể trước thao tác liền trước',
      { at: a.at, last: s.lastActionAt },
    );
  if (NEEDS_REASON.has(a.type) && !a.reason?.trim())
    fail('REASON_REQUIRED', `${a.type} needs a written reason`, 'thao tác này cần ghi rõ lý do', {
      action: a.type,
    });
}

/** Actions an actor of this kind may record now (for a UI to show only those). */
export function allowedActions(s: DossierSnapshot, actor: Actor['kind']): ActionType[] {
  const from = s.version === 0 ? null : s.status;
  return (Object.keys(ALLOWED_FROM) as ActionType[]).filter(
    (t) => ALLOWED_FROM[t].includes(from) && ACTION_ACTORS[t].includes(actor),
  );
}

/** Entering a step: its performer and budget as the action decided them (none when not given). */
function enterStep(n: DossierSnapshot, step: string, at: number, p: StepPerformer | undefined): void {
  n.currentStep = step;
  n.stepRole = p?.role ?? null;
  n.stepAgencyId = p?.agencyId ?? null;
  n.stepDepartmentId = p?.departmentId ?? null;
  n.stepStartedAt = at;
  n.stepDueAt = p?.dueAt ?? null;
}

function leaveSteps(n: DossierSnapshot): void {
  n.currentStep = null;
  n.stepRole = null;
  n.stepAgencyId = null;
  n.stepDepartmentId = null;
  n.stepStartedAt = null;
  n.stepDueAt = null;
}

const closePause = (pauses: ClockStop[], kind: ClockStop['kind'], at: number) =>
  pauses.map((p) => (p.kind === kind && p.to === null ? { ...p, to: at } : p));

/** Applies one action; throws LifecycleError and changes nothing when it is not allowed. */
export function apply(s: DossierSnapshot, a: DossierAction): DossierSnapshot {
  checkAllowed(s, a);
  const n: DossierSnapshot = { ...s, version: s.version + 1, lastActionAt: a.at };
  const finish = (status: DossierState) => {
    n.status = status;
    if (n.finishedAt === null) n.finishedAt = a.at;
  };
  switch (a.type) {
    case 'submit':
    case 'register':
      n.status = 'submitted';
      n.channel = a.channel;
      n.submittedAt = a.at;
      break;
    case 'request_completion':
      // the applicant is guided once, completely (Decree 61 Art. 15, 16(2)(a))
      if (s.completionRequests > 0)
        fail(
          'COMPLETION_ALREADY_REQUESTED',
          'completion was already requested once; refuse or accept',
          'đã hướng dẫn bổ sung một lần; chỉ còn tiếp nhận hoặc từ chối',
        );
      if (a.missing.length === 0)
        fail(
          'NOTHING_LISTED',
          'list everything that is missing',
          'cần liệt kê đầy đủ các thành phần còn thiếu',
        );
      n.completionRequests++;
      break;
    case 'refuse_intake':
      n.status = 'refused';
      break;
    case 'accept':
      if (a.dueAt <= a.at)
        fail(
          'DUE_BEFORE_RECEIPT',
          'the due instant must follow the receipt',
          'hạn giải quyết phải sau thời điểm tiếp nhận',
        );
      n.status = 'accepted';
      n.code = a.code;
      n.receivedAt = a.at;
      n.dueAt = a.dueAt;
      n.appointmentAt = a.dueAt;
      enterStep(n, a.step, a.at, a.performer);
      break;
    case 'receive_joint':
      if (a.dueAt <= a.at)
        fail(
          'DUE_BEFORE_RECEIPT',
          'the due instant must follow the receipt',
          'hạn giải quyết phải sau thời điểm tiếp nhận',
        );
      n.status = 'accepted';
      n.channel = a.channel;
      n.submittedAt = a.at;
      n.code = a.code;
      n.receivedAt = a.at;
      n.dueAt = a.dueAt;
      n.appointmentAt = a.dueAt;
      enterStep(n, a.step, a.at, a.performer);
      break;
    case 'assign':
      // assigning within the current step keeps its start and budget; assigning the next step enters it
      if (a.step !== s.currentStep || a.performer) enterStep(n, a.step, a.at, a.performer);
      n.assigneeId = a.assigneeId;
      break;
    case 'forward':
      n.status = 'processing';
      enterStep(n, a.toStep, a.at, a.performer);
      n.assigneeId = null;
      n.lastOutcome = a.outcome ?? null;
      break;
    case 'return_step':
      enterStep(n, a.toStep, a.at, a.performer);
      n.assigneeId = null;
      n.approved = false;
      n.signed = false;
      break;
    case 'consult':
      if (s.openConsultations.includes(a.consultationId))
        fail('CONSULTATION_DUPLICATE', 'this consultation is already open', 'đã gửi xin ý kiến này');
      n.openConsultations = [...s.openConsultations, a.consultationId];
      break;
    case 'answer_consultation':
      if (!s.openConsultations.includes(a.consultationId))
        fail('CONSULTATION_UNKNOWN', 'no such open consultation', 'không có yêu cầu xin ý kiến đang mở này');
      n.openConsultations = s.openConsultations.filter((c) => c !== a.consultationId);
      break;
    case 'request_supplement':
      if (a.items.length === 0)
        fail(
          'NOTHING_LISTED',
          'list what must be supplemented and why',
          'cần liệt kê nội dung phải bổ sung và lý do',
        );
      // one request only (Decree 61 Art. 18(2)(a)); another needs a reason and counts as late
      if (s.supplementRequests > 0 && !a.reason?.trim())
        fail(
          'SUPPLEMENT_REASON_REQUIRED',
          'a second supplement request needs a written reason (it is counted against the agency)',
          'yêu cầu bổ sung lần thứ hai phải ghi rõ lý do (sẽ bị tính là trễ hạn)',
        );
      n.supplementRequests++;
      n.status = 'supplement_requested';
      n.pauses = [...s.pauses, { kind: 'supplement', from: a.at, to: null }];
      break;
    case 'supplement_received':
      n.status = 'processing';
      n.pauses = closePause(s.pauses, 'supplement', a.at);
      n.dueAt = a.dueAt;
      n.appointmentAt = Math.max(a.dueAt, laterApology(s));
      break;
    case 'request_payment':
      if (!Number.isInteger(a.amountVnd) || a.amountVnd < 0)
        fail('AMOUNT_INVALID', 'the amount must be a whole number of đồng', 'số tiền phải là số nguyên đồng');
      n.status = 'awaiting_payment';
      if (a.pausesClock) n.pauses = [...s.pauses, { kind: 'payment', from: a.at, to: null }];
      break;
    case 'payment_received':
      n.status = 'processing';
      if (s.pauses.some((p) => p.kind === 'payment' && p.to === null)) {
        n.pauses = closePause(s.pauses, 'payment', a.at);
        n.dueAt = a.dueAt;
        n.appointmentAt = Math.max(a.dueAt, laterApology(s));
      }
      break;
    case 'recalculate_due':
      if (clockStopped(s))
        fail(
          'CLOCK_STOPPED',
          'the clock is stopped: the due instant is recomputed when it restarts',
          'hồ sơ đang tạm dừng tính thời gian: hạn giải quyết sẽ được tính lại khi tiếp tục',
        );
      if (s.receivedAt === null || a.dueAt <= s.receivedAt)
        fail(
          'DUE_BEFORE_RECEIPT',
          'the due instant must follow the receipt',
          'hạn giải quyết phải sau thời điểm tiếp nhận',
        );
      n.dueAt = a.dueAt;
      n.appointmentAt = Math.max(a.dueAt, laterApology(s));
      break;
    case 'joint_send':
      if (s.openJoints.includes(a.jointId)) fail('JOINT_DUPLICATE', 'already sent', 'đã chuyển liên thông');
      n.openJoints = [...s.openJoints, a.jointId];
      break;
    case 'joint_done':
      if (!s.openJoints.includes(a.jointId))
        fail('JOINT_UNKNOWN', 'no such open joint processing', 'không có hồ sơ liên thông đang chờ này');
      n.openJoints = s.openJoints.filter((j) => j !== a.jointId);
      n.lastOutcome = a.outcome;
      break;
    case 'approve':
      n.approved = true;
      break;
    case 'sign':
      n.signed = true;
      break;
    case 'issue_result':
      if (s.openConsultations.length)
        fail('CONSULTATIONS_OPEN', 'consultations are still open', 'còn ý kiến chưa được trả lời', {
          open: s.openConsultations,
        });
      if (s.openJoints.length)
        fail('JOINTS_OPEN', 'joint agencies have not finished', 'cơ quan liên thông chưa xử lý xong', {
          open: s.openJoints,
        });
      if (!s.signed)
        fail('NOT_SIGNED', 'the result must be signed first', 'kết quả phải được ký trước khi ban hành');
      n.resultCode = a.resultCode;
      leaveSteps(n);
      finish('result_ready');
      break;
    case 'apologise':
      // a new appointment for the applicant; lateness still counts against dueAt (TIME.md §1.5)
      if (a.newAppointmentAt <= (s.appointmentAt ?? Number.NEGATIVE_INFINITY))
        fail(
          'APPOINTMENT_NOT_LATER',
          'the new appointment must be later than the current one',
          'ngày hẹn mới phải sau ngày hẹn hiện tại',
        );
      n.apologies = [
        ...s.apologies,
        { at: a.at, agency: a.agency, newAppointmentAt: a.newAppointmentAt, reason: a.reason ?? '' },
      ];
      n.appointmentAt = a.newAppointmentAt;
      break;
    case 'stop':
      n.pauses = s.pauses.map((p) => (p.to === null ? { ...p, to: a.at } : p));
      finish('stopped');
      break;
    case 'withdraw':
      n.pauses = s.pauses.map((p) => (p.to === null ? { ...p, to: a.at } : p));
      n.status = 'withdrawn';
      if (s.receivedAt !== null && n.finishedAt === null) n.finishedAt = a.at;
      break;
    case 'return_result':
      n.status = 'returned';
      n.returnedAt = a.at;
      n.delivery = a.delivery;
      break;
    case 'rate':
      if (s.rating !== null) fail('ALREADY_RATED', 'already rated', 'đã đánh giá');
      if (!Number.isInteger(a.score) || a.score < 1 || a.score > 5)
        fail('SCORE_INVALID', 'the score is 1 to 5', 'điểm đánh giá từ 1 đến 5');
      for (const [q, v] of Object.entries(a.answers ?? {}))
        if (
          !(SURVEY_QUESTIONS as readonly string[]).includes(q) ||
          !Number.isInteger(v) ||
          (v as number) < 1 ||
          (v as number) > 5
        )
          fail('SCORE_INVALID', `survey answer ${q} must be 1 to 5`, 'mỗi câu trả lời khảo sát từ 1 đến 5', {
            question: q,
          });
      n.rating = a.score;
      break;
  }
  return n;
}

function laterApology(s: DossierSnapshot): number {
  return s.apologies.reduce((m, x) => Math.max(m, x.newAppointmentAt), Number.NEGATIVE_INFINITY);
}

/** The state a log leads to; throws at the first action the rules refuse. */
export function replay(
  log: readonly DossierAction[],
  from: DossierSnapshot = EMPTY_DOSSIER,
): DossierSnapshot {
  return log.reduce(apply, from);
}

/** The national code the portal must receive for a snapshot (never collapsed, PITFALLS.md A3). */
export const nationalStatusOf = (s: DossierSnapshot): number | null =>
  s.version === 0 ? null : NATIONAL_STATUS[s.status];

/** The clock is stopped now (a supplement or a payment that stops it is awaited). */
export const clockStopped = (s: DossierSnapshot): boolean => s.pauses.some((p) => p.to === null);
