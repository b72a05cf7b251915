/**
 * The actions of a dossier's log (LIFECYCLE.md §2, T1–T20). Each is one immutable row; the
 * dossier's state is what `replay` makes of them. An action carries the facts it decided (the
 * code issued, the due instant computed with the calendar, the step chosen), so replaying needs
 * no calendar and no database, and the facts never change after the fact.
 */
import type { Role } from '../org/roles.js';
import type { Delivery } from './states.js';

export type Actor =
  | { kind: 'officer'; staffId: number; role: Role; agency: string }
  | { kind: 'applicant'; citizenId: number }
  | { kind: 'system' };

/**
 * Who performs the step an action enters, resolved from the dossier's pinned workflow when the
 * step is entered, and the step's own due instant (its budget in working hours). Carried by the
 * action as a decided fact, so worklists and the control slip come from the log alone.
 */
export interface StepPerformer {
  /** null for a liên thông step: the child dossier's agency performs it */
  role: Role | null;
  agencyId: number;
  /** null = any department of the agency */
  departmentId: number | null;
  /** null when the step has no budget */
  dueAt: number | null;
}

interface Base {
  /** epoch milliseconds (UTC); never earlier than the previous action */
  at: number;
  actor: Actor;
  /** why; required by some actions (refusals, a second supplement request, stop, apology) */
  reason?: string;
}

export type DossierAction = Base &
  (
    | { type: 'submit'; channel: 'online' | 'postal' }
    | { type: 'register'; channel: 'direct' | 'postal' }
    | { type: 'request_completion'; missing: { name: string; reason: string }[] }
    | { type: 'refuse_intake' }
    | { type: 'accept'; code: string; dueAt: number; step: string; performer?: StepPerformer }
    | {
        // liên thông: a child dossier opened electronically by the lead agency's dossier
        type: 'receive_joint';
        channel: 'direct' | 'online' | 'postal';
        parentCode: string;
        jointId: string;
        code: string;
        dueAt: number;
        step: string;
        performer?: StepPerformer;
      }
    | { type: 'assign'; step: string; assigneeId: number; performer?: StepPerformer }
    | { type: 'forward'; toStep: string; outcome?: 'positive' | 'negative'; performer?: StepPerformer }
    | { type: 'return_step'; toStep: string; performer?: StepPerformer }
    | { type: 'consult'; consultationId: string; unit: string; dueAt: number }
    | { type: 'answer_consultation'; consultationId: string; opinion: string }
    | { type: 'request_supplement'; items: { name: string; reason: string }[] }
    | { type: 'supplement_received'; dueAt: number }
    | { type: 'request_payment'; amountVnd: number; pausesClock: boolean }
    | { type: 'payment_received'; dueAt: number }
    /**
     * A working calendar the dossier's due instant was computed with changed (a holiday declared
     * or withdrawn, a working day moved: PITFALLS.md B8): the due instant recomputed from the
     * receipt, the time limit and the closed pauses with the calendar as it now is, logged with the
     * calendar revisions it used, never silently overwritten.
     */
    | { type: 'recalculate_due'; dueAt: number; calendars: string }
    | { type: 'joint_send'; jointId: string; agency: string; dueAt: number }
    | { type: 'joint_done'; jointId: string; outcome: 'positive' | 'negative' }
    | { type: 'approve' }
    | { type: 'sign' }
    | { type: 'issue_result'; resultCode: string | null }
    | { type: 'apologise'; agency: string; newAppointmentAt: number }
    | { type: 'stop'; legalGround: string }
    | { type: 'withdraw' }
    | { type: 'return_result'; delivery: Delivery }
    | {
        type: 'rate';
        /** overall satisfaction, 1 (very dissatisfied) to 5 (very satisfied) */
        score: number;
        /** the short survey, question by question (SURVEY_QUESTIONS), each 1 to 5 */
        answers?: Partial<Record<SurveyQuestion, number>>;
        comment?: string;
      }
  );

export type ActionType = DossierAction['type'];

/**
 * The applicant's short survey after the result is returned. A score of 1 or 2 is "dissatisfied",
 * which is what the Decision 766 satisfaction indicator (5.4) subtracts.
 */
export const SURVEY_QUESTIONS = ['guidance', 'attitude', 'timeliness', 'fees', 'online'] as const;
export type SurveyQuestion = (typeof SURVEY_QUESTIONS)[number];
export const SURVEY_LABELS: Readonly<Record<SurveyQuestion, { vi: string; en: string }>> = {
  guidance: { vi: 'Hướng dẫn kê khai, hoàn thiện hồ sơ rõ ràng, một lần', en: 'Clear guidance, given once' },
  attitude: { vi: 'Thái độ, tinh thần phục vụ của cán bộ', en: 'Attitude of the officers' },
  timeliness: { vi: 'Trả kết quả đúng hẹn', en: 'Result returned on time' },
  fees: {
    vi: 'Phí, lệ phí đúng quy định, không phát sinh chi phí ngoài quy định',
    en: 'Only the published fees',
  },
  online: { vi: 'Dễ sử dụng dịch vụ công trực tuyến', en: 'Ease of the online service' },
};
export const DISSATISFIED_MAX_SCORE = 2;

export const ACTION_TYPES = [
  'submit',
  'register',
  'request_completion',
  'refuse_intake',
  'accept',
  'receive_joint',
  'assign',
  'forward',
  'return_step',
  'consult',
  'answer_consultation',
  'request_supplement',
  'supplement_received',
  'request_payment',
  'payment_received',
  'recalculate_due',
  'joint_send',
  'joint_done',
  'approve',
  'sign',
  'issue_result',
  'apologise',
  'stop',
  'withdraw',
  'return_result',
  'rate',
] as const satisfies readonly ActionType[];

export const ACTION_LABELS: Readonly<Record<ActionType, { vi: string; en: string }>> = {
  submit: { vi: 'Nộp hồ sơ', en: 'Submit' },
  register: { vi: 'Tiếp nhận tại quầy', en: 'Register at the counter' },
  request_completion: { vi: 'Hướng dẫn bổ sung, hoàn thiện hồ sơ', en: 'Request completion' },
  refuse_intake: { vi: 'Từ chối tiếp nhận', en: 'Refuse at intake' },
  accept: { vi: 'Tiếp nhận hồ sơ', en: 'Accept' },
  receive_joint: { vi: 'Nhận hồ sơ liên thông', en: 'Receive a joint dossier' },
  assign: { vi: 'Phân công xử lý', en: 'Assign' },
  forward: { vi: 'Chuyển bước', en: 'Forward' },
  return_step: { vi: 'Trả lại bước trước', en: 'Return to a previous step' },
  consult: { vi: 'Lấy ý kiến', en: 'Consult' },
  answer_consultation: { vi: 'Trả lời xin ý kiến', en: 'Answer a consultation' },
  request_supplement: { vi: 'Yêu cầu bổ sung hồ sơ', en: 'Request a supplement' },
  supplement_received: { vi: 'Nhận hồ sơ bổ sung', en: 'Supplement received' },
  request_payment: { vi: 'Yêu cầu thực hiện nghĩa vụ tài chính', en: 'Request payment' },
  payment_received: { vi: 'Đã thực hiện nghĩa vụ tài chính', en: 'Payment received' },
  recalculate_due: {
    vi: 'Tính lại hạn giải quyết theo lịch làm việc mới',
    en: 'Due date recomputed (calendar changed)',
  },
  joint_send: { vi: 'Chuyển liên thông', en: 'Send to a joint agency' },
  joint_done: { vi: 'Nhận kết quả liên thông', en: 'Joint agency finished' },
  approve: { vi: 'Phê duyệt', en: 'Approve' },
  sign: { vi: 'Ký duyệt', en: 'Sign' },
  issue_result: { vi: 'Ban hành kết quả', en: 'Issue the result' },
  apologise: { vi: 'Xin lỗi và hẹn lại ngày trả', en: 'Apologise and reschedule' },
  stop: { vi: 'Dừng xử lý', en: 'Stop processing' },
  withdraw: { vi: 'Rút hồ sơ', en: 'Withdraw' },
  return_result: { vi: 'Trả kết quả', en: 'Return the result' },
  rate: { vi: 'Đánh giá', en: 'Rate' },
};
