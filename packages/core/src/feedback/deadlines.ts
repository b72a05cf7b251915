/**
 * Time limits of a phản ánh, kiến nghị (PAKN) and whether each was met, in WORKING days of the
 * agency's calendar (INDICATORS-766.md §3.6, metric 5.2): refuse within 2 working days of receipt,
 * ask for more information within 5, resolve within 15, publish the answer within 2 working days
 * of the resolution. The limits are counted like a dossier's (calendar/deadline.ts: N × the
 * standard day's working time from the receipt instant). Asking for information does not stop the
 * clock: the sources say nothing of a pause ([GAP]), and a pause would only ever help the agency.
 */
import { computeDeadline } from '../calendar/deadline.js';
import type { WorkCalendar } from '../calendar/work-calendar.js';

/** Working days allowed for each step (Decision 766 metric 5.2, [OPS] S10). */
export const FEEDBACK_LIMITS = {
  refuse: 2,
  request_info: 5,
  resolve: 15,
  publish: 2,
} as const;
export type FeedbackDeadlineKind = keyof typeof FEEDBACK_LIMITS;

/** The deadlines fixed at receipt (epoch ms). */
export interface ReceiptDeadlines {
  refuseBy: number;
  requestInfoBy: number;
  resolveBy: number;
}

const due = (cal: WorkCalendar, from: number, days: number) =>
  computeDeadline(cal, { receivedAt: from, limit: { amount: days, unit: 'working_days' } }).dueAt;

/** The three deadlines that run from the receipt. */
export function receiptDeadlines(cal: WorkCalendar, receivedAt: number): ReceiptDeadlines {
  return {
    refuseBy: due(cal, receivedAt, FEEDBACK_LIMITS.refuse),
    requestInfoBy: due(cal, receivedAt, FEEDBACK_LIMITS.request_info),
    resolveBy: due(cal, receivedAt, FEEDBACK_LIMITS.resolve),
  };
}

/** The answer is published within 2 working days of the resolution. */
export function publishDeadline(cal: WorkCalendar, resolvedAt: number): number {
  return due(cal, resolvedAt, FEEDBACK_LIMITS.publish);
}

/**
 * One deadline judged at an instant: a step taken by its deadline is on time, after it late; a
 * step still owed is pending until its deadline, overdue after; a step the PAKN does not need
 * (a refusal of one that was resolved, a publication of one not resolved) is not applicable.
 */
export type DeadlineJudgement = 'on_time' | 'late' | 'pending' | 'overdue' | 'not_applicable';

/** What a PAKN's log says about its timing (the instants are epoch ms; null: did not happen). */
export interface FeedbackTiming extends ReceiptDeadlines {
  receivedAt: number;
  /** every request for more information */
  infoRequestsAt: readonly number[];
  refusedAt: number | null;
  resolvedAt: number | null;
  /** fixed at the resolution (publishDeadline) */
  publishBy: number | null;
  publishedAt: number | null;
}

/** A step done before `at` counts as done; one done later is still owed at `at`. */
const doneBefore = (t: number | null, at: number): t is number => t !== null && t <= at;

function judgeStep(doneAt: number | null, dueAt: number, at: number): DeadlineJudgement {
  if (doneBefore(doneAt, at)) return doneAt <= dueAt ? 'on_time' : 'late';
  return at > dueAt ? 'overdue' : 'pending';
}

/** Each deadline of the PAKN judged at instant `at` (typically now, or a period's end). */
export function judgeDeadlines(
  f: FeedbackTiming,
  at: number,
): Record<FeedbackDeadlineKind, DeadlineJudgement> {
  const refused = doneBefore(f.refusedAt, at);
  const resolved = doneBefore(f.resolvedAt, at);
  const asked = f.infoRequestsAt.filter((t) => t <= at);
  return {
    refuse: refused ? judgeStep(f.refusedAt, f.refuseBy, at) : 'not_applicable',
    request_info:
      asked.length === 0 ? 'not_applicable' : asked.every((t) => t <= f.requestInfoBy) ? 'on_time' : 'late',
    resolve: refused ? 'not_applicable' : judgeStep(f.resolvedAt, f.resolveBy, at),
    publish:
      resolved && f.publishBy !== null
        ? judgeStep(f.publishedAt, f.publishBy, at)
        : resolved
          ? 'pending'
          : 'not_applicable',
  };
}

/** A PAKN is late at `at` when any of its deadlines was missed (done late, or overdue). */
export function isLate(f: FeedbackTiming, at: number): boolean {
  return Object.values(judgeDeadlines(f, at)).some((j) => j === 'late' || j === 'overdue');
}
