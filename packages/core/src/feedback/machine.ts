/**
 * The PAKN lifecycle as data and one pure reducer, as the dossier's (lifecycle/machine.ts): which
 * action may start from which state and who may record it are two small tables; `applyFeedback`
 * checks them and the guards, then derives the next snapshot; `replayFeedback` folds a whole log.
 *
 *   received ──request_info──▶ info_requested ──add_info──▶ received
 *   received | info_requested ──refuse──▶ refused ──close──▶ closed
 *   received | info_requested ──resolve──▶ resolved ──publish──▶ published ──close──▶ closed
 *
 * The citizen rates the handling once, and may raise it again once, after it was refused or
 * resolved: raising again does not reopen this PAKN (its timing stays as it was) but counts
 * against metric 5.3; the server opens a new PAKN linked to it.
 */
import type { ReceiptDeadlines } from './deadlines.js';

export const FEEDBACK_STATES = [
  'received',
  'info_requested',
  'refused',
  'resolved',
  'published',
  'closed',
] as const;
export type FeedbackState = (typeof FEEDBACK_STATES)[number];

export const FEEDBACK_STATE_LABELS: Readonly<Record<FeedbackState, { vi: string; en: string }>> = {
  received: { vi: 'Đã tiếp nhận', en: 'Received' },
  info_requested: { vi: 'Chờ bổ sung thông tin', en: 'Waiting for more information' },
  refused: { vi: 'Từ chối xử lý', en: 'Refused' },
  resolved: { vi: 'Đã xử lý', en: 'Resolved' },
  published: { vi: 'Đã công khai kết quả', en: 'Answer published' },
  closed: { vi: 'Đã đóng', en: 'Closed' },
};

/** 'rules': về quy định hành chính, TTHC; 'behaviour': về hành vi, thái độ của cán bộ (metric 5.1). */
export const FEEDBACK_CLASSIFICATIONS = ['rules', 'behaviour'] as const;
export type FeedbackClassification = (typeof FEEDBACK_CLASSIFICATIONS)[number];

export const CLASSIFICATION_LABELS: Readonly<Record<FeedbackClassification, { vi: string; en: string }>> = {
  rules: { vi: 'Về quy định hành chính, thủ tục hành chính', en: 'About rules and procedures' },
  behaviour: { vi: 'Về hành vi, thái độ của cán bộ, công chức', en: 'About officials’ behaviour' },
};

export type FeedbackActor =
  | { kind: 'citizen'; citizenId: number | null }
  | { kind: 'officer'; staffId: number; role: string };

interface Base {
  at: number;
  actor: FeedbackActor;
}
export type FeedbackAction =
  | (Base & { type: 'submit'; deadlines: ReceiptDeadlines })
  | (Base & { type: 'classify'; classification: FeedbackClassification })
  | (Base & { type: 'request_info'; question: string })
  | (Base & { type: 'add_info'; content: string })
  | (Base & { type: 'refuse'; reason: string })
  | (Base & { type: 'resolve'; answer: string; publishBy: number })
  | (Base & { type: 'publish'; summary?: string })
  | (Base & { type: 'close' })
  | (Base & { type: 'rate'; satisfied: boolean })
  | (Base & { type: 'raise_again'; reason: string });
export type FeedbackActionType = FeedbackAction['type'];

export const FEEDBACK_ACTION_TYPES: readonly FeedbackActionType[] = [
  'submit',
  'classify',
  'request_info',
  'add_info',
  'refuse',
  'resolve',
  'publish',
  'close',
  'rate',
  'raise_again',
];

const ENDED: readonly FeedbackState[] = ['refused', 'resolved', 'published', 'closed'];

/** States each action may start from (null: the PAKN does not exist yet). */
export const FEEDBACK_ALLOWED_FROM: Readonly<Record<FeedbackActionType, readonly (FeedbackState | null)[]>> =
  {
    submit: [null],
    classify: ['received', 'info_requested', 'resolved', 'refused'],
    request_info: ['received'],
    add_info: ['info_requested'],
    refuse: ['received', 'info_requested'],
    resolve: ['received', 'info_requested'],
    publish: ['resolved'],
    close: ['refused', 'published'],
    rate: ENDED,
    raise_again: ENDED,
  };

/** Who may record each action (which officers, by role and agency, is the server's access rule). */
export const FEEDBACK_ACTORS: Readonly<Record<FeedbackActionType, FeedbackActor['kind']>> = {
  submit: 'citizen',
  classify: 'officer',
  request_info: 'officer',
  add_info: 'citizen',
  refuse: 'officer',
  resolve: 'officer',
  publish: 'officer',
  close: 'officer',
  rate: 'citizen',
  raise_again: 'citizen',
};

export const CITIZEN_FEEDBACK_ACTIONS = FEEDBACK_ACTION_TYPES.filter(
  (t) => t !== 'submit' && FEEDBACK_ACTORS[t] === 'citizen',
);
export const OFFICER_FEEDBACK_ACTIONS = FEEDBACK_ACTION_TYPES.filter((t) => FEEDBACK_ACTORS[t] === 'officer');

export interface FeedbackSnapshot extends ReceiptDeadlines {
  status: FeedbackState | null;
  /** the number of actions: the optimistic-concurrency token */
  version: number;
  receivedAt: number;
  classification: FeedbackClassification | null;
  infoRequestsAt: number[];
  refusedAt: number | null;
  refusalReason: string | null;
  resolvedAt: number | null;
  answer: string | null;
  publishBy: number | null;
  publishedAt: number | null;
  /** the question as published (the title unless the official summarised it) */
  publishedSummary: string | null;
  closedAt: number | null;
  rating: { satisfied: boolean; at: number } | null;
  raisedAgainAt: number | null;
  lastActionAt: number | null;
}

export const EMPTY_FEEDBACK: FeedbackSnapshot = {
  status: null,
  version: 0,
  receivedAt: 0,
  refuseBy: 0,
  requestInfoBy: 0,
  resolveBy: 0,
  classification: null,
  infoRequestsAt: [],
  refusedAt: null,
  refusalReason: null,
  resolvedAt: null,
  answer: null,
  publishBy: null,
  publishedAt: null,
  publishedSummary: null,
  closedAt: null,
  rating: null,
  raisedAgainAt: null,
  lastActionAt: null,
};

export type FeedbackErrorCode =
  | 'FEEDBACK_ACTION_NOT_ALLOWED'
  | 'FEEDBACK_ACTOR_NOT_ALLOWED'
  | 'FEEDBACK_TIME_BEFORE_LAST'
  | 'FEEDBACK_TEXT_REQUIRED'
  | 'FEEDBACK_CLASSIFICATION_REQUIRED'
  | 'FEEDBACK_ALREADY_RATED'
  | 'FEEDBACK_ALREADY_RAISED'
  | 'FEEDBACK_DEADLINE_INVALID';

export class FeedbackError extends Error {
  constructor(
    readonly code: FeedbackErrorCode,
    message: string,
    readonly messageVi: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'FeedbackError';
  }
}

const fail = (code: FeedbackErrorCode, en: string, vi: string, details = {}): never => {
  throw new FeedbackError(code, en, vi, details);
};

const text = (s: string | undefined, what: string, whatVi: string) => {
  const v = s?.normalize('NFC').trim() ?? '';
  if (!v) fail('FEEDBACK_TEXT_REQUIRED', `${what} is required`, `Cần ghi ${whatVi}`, { field: what });
  return v;
};

/** The actions the snapshot allows next, for an actor kind (what a screen offers). */
export function allowedFeedbackActions(
  s: FeedbackSnapshot,
  kind: FeedbackActor['kind'],
): FeedbackActionType[] {
  return FEEDBACK_ACTION_TYPES.filter(
    (t) =>
      FEEDBACK_ACTORS[t] === kind &&
      FEEDBACK_ALLOWED_FROM[t].includes(s.status) &&
      !(t === 'rate' && s.rating) &&
      !(t === 'raise_again' && s.raisedAgainAt !== null) &&
      !(t === 'resolve' && s.classification === null),
  );
}

export function applyFeedback(s: FeedbackSnapshot, a: FeedbackAction): FeedbackSnapshot {
  if (!FEEDBACK_ALLOWED_FROM[a.type].includes(s.status))
    fail(
      'FEEDBACK_ACTION_NOT_ALLOWED',
      `${a.type} is not allowed when the feedback is ${s.status ?? 'new'}`,
      `Không thể thực hiện thao tác này khi phản ánh, kiến nghị ở trạng thái "${s.status ? FEEDBACK_STATE_LABELS[s.status].vi : 'mới'}"`,
      { action: a.type, status: s.status },
    );
  if (FEEDBACK_ACTORS[a.type] !== a.actor.kind)
    fail(
      'FEEDBACK_ACTOR_NOT_ALLOWED',
      `${a.type} is recorded by the ${FEEDBACK_ACTORS[a.type]}`,
      'Bạn không thể thực hiện thao tác này',
      {
        action: a.type,
      },
    );
  if (!Number.isFinite(a.at) || (s.lastActionAt !== null && a.at < s.lastActionAt))
    fail(
      'FEEDBACK_TIME_BEFORE_LAST',
      'An action cannot be dated before the previous one',
      'Thời điểm thao tác không được trước thao tác trước đó',
    );
  const next: FeedbackSnapshot = { ...s, version: s.version + 1, lastActionAt: a.at };
  switch (a.type) {
    case 'submit': {
      const d = a.deadlines;
      if (!(d.refuseBy >= a.at && d.requestInfoBy >= d.refuseBy && d.resolveBy >= d.requestInfoBy))
        fail(
          'FEEDBACK_DEADLINE_INVALID',
          'The deadlines must follow the receipt in order',
          'Thời hạn xử lý không hợp lệ',
        );
      return { ...next, ...d, status: 'received', receivedAt: a.at };
    }
    case 'classify':
      return { ...next, classification: a.classification };
    case 'request_info':
      text(a.question, 'question', 'nội dung cần bổ sung');
      return { ...next, status: 'info_requested', infoRequestsAt: [...s.infoRequestsAt, a.at] };
    case 'add_info':
      text(a.content, 'content', 'thông tin bổ sung');
      return { ...next, status: 'received' };
    case 'refuse':
      return {
        ...next,
        status: 'refused',
        refusedAt: a.at,
        refusalReason: text(a.reason, 'reason', 'lý do từ chối'),
      };
    case 'resolve':
      if (s.classification === null)
        fail(
          'FEEDBACK_CLASSIFICATION_REQUIRED',
          'Classify the feedback (rules or behaviour) before resolving it',
          'Cần phân loại phản ánh, kiến nghị (về quy định hay về hành vi) trước khi trả lời',
        );
      if (!Number.isFinite(a.publishBy) || a.publishBy < a.at)
        fail(
          'FEEDBACK_DEADLINE_INVALID',
          'The publication deadline must follow the resolution',
          'Thời hạn công khai không hợp lệ',
        );
      return {
        ...next,
        status: 'resolved',
        resolvedAt: a.at,
        answer: text(a.answer, 'answer', 'nội dung trả lời'),
        publishBy: a.publishBy,
      };
    case 'publish':
      return {
        ...next,
        status: 'published',
        publishedAt: a.at,
        publishedSummary: a.summary?.normalize('NFC').trim() || null,
      };
    case 'close':
      return { ...next, status: 'closed', closedAt: a.at };
    case 'rate':
      if (s.rating)
        fail(
          'FEEDBACK_ALREADY_RATED',
          'The handling was already rated',
          'Bạn đã đánh giá kết quả xử lý phản ánh này',
        );
      return { ...next, rating: { satisfied: a.satisfied, at: a.at } };
    case 'raise_again':
      if (s.raisedAgainAt !== null)
        fail(
          'FEEDBACK_ALREADY_RAISED',
          'This feedback was already raised again',
          'Phản ánh này đã được phản ánh lại',
        );
      text(a.reason, 'reason', 'lý do phản ánh lại');
      return { ...next, raisedAgainAt: a.at };
  }
}

export function replayFeedback(log: readonly FeedbackAction[]): FeedbackSnapshot {
  return log.reduce(applyFeedback, EMPTY_FEEDBACK);
}
