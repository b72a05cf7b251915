/**
 * What the API shows of a PAKN: to the agency's officials and to its submitter the whole of it
 * (the submitter's contact included), with each deadline judged now; to the public only a
 * published answer, without the content, the contact or any link to a person or dossier.
 */
import {
  allowedFeedbackActions,
  CLASSIFICATION_LABELS,
  FEEDBACK_STATE_LABELS,
  type FeedbackActionType,
  type FeedbackSnapshot,
  judgeDeadlines,
} from '@motcua/core';
import type { FeedbackActionRow, FeedbackRow } from './repository.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function toView(
  r: FeedbackRow,
  now: number,
  viewer: 'officer' | 'citizen',
  offered?: FeedbackActionType[],
) {
  const s: FeedbackSnapshot = r.state;
  const judged = judgeDeadlines(s, now);
  return {
    id: r.id,
    code: r.code,
    agencyId: r.agency_id,
    procedureCode: r.procedure_code,
    dossierId: r.dossier_id,
    previousId: r.previous_id,
    title: r.title,
    content: r.content,
    submitter: r.submitter,
    classification: s.classification,
    classificationLabel: s.classification ? CLASSIFICATION_LABELS[s.classification] : null,
    status: r.status,
    statusLabel: FEEDBACK_STATE_LABELS[r.status],
    version: r.version,
    receivedAt: iso(s.receivedAt) as string,
    deadlines: {
      refuseBy: iso(s.refuseBy) as string,
      requestInfoBy: iso(s.requestInfoBy) as string,
      resolveBy: iso(s.resolveBy) as string,
      publishBy: iso(s.publishBy),
    },
    judgement: judged,
    overdue: Object.values(judged).includes('overdue'),
    late: Object.values(judged).some((j) => j === 'late' || j === 'overdue'),
    refusedAt: iso(s.refusedAt),
    refusalReason: s.refusalReason,
    resolvedAt: iso(s.resolvedAt),
    answer: s.answer,
    publishedAt: iso(s.publishedAt),
    rating: s.rating ? (s.rating.satisfied ? ('satisfied' as const) : ('dissatisfied' as const)) : null,
    raisedAgainAt: iso(s.raisedAgainAt),
    allowedActions: offered ?? allowedFeedbackActions(s, viewer),
  };
}
export type FeedbackView = ReturnType<typeof toView>;

/** One row of the log, as the officials' screen shows it. */
export function toLogEntry(a: FeedbackActionRow) {
  const p = a.payload as unknown as Record<string, unknown>;
  const text = (['question', 'content', 'reason', 'answer', 'summary'] as const)
    .map((k) => p[k])
    .find((v): v is string => typeof v === 'string');
  return {
    seq: a.seq,
    type: a.type,
    at: a.at.toISOString(),
    actor: a.actor,
    text: text ?? null,
    ...(typeof p.classification === 'string' ? { classification: p.classification } : {}),
    ...(typeof p.satisfied === 'boolean' ? { satisfied: p.satisfied } : {}),
  };
}

/** A published answer: the question as published, the answer and the dates; nothing personal. */
export function toPublicAnswer(r: {
  code: string;
  agency_name: string;
  procedure_code: string | null;
  title: string;
  classification: FeedbackRow['classification'];
  received_at: Date;
  resolved_at: Date | null;
  published_at: Date | null;
  state: FeedbackSnapshot;
}) {
  return {
    code: r.code,
    agency: r.agency_name,
    procedureCode: r.procedure_code,
    question: r.state.publishedSummary ?? r.title,
    answer: r.state.answer ?? '',
    classification: r.classification,
    receivedAt: r.received_at.toISOString(),
    resolvedAt: r.resolved_at?.toISOString() ?? null,
    publishedAt: r.published_at?.toISOString() ?? null,
  };
}
