import { describe, expect, it } from 'vitest';
import { at, local, officialCalendar } from '../calendar/test-calendar.js';
import { isLate, judgeDeadlines, publishDeadline, receiptDeadlines } from './deadlines.js';
import {
  allowedFeedbackActions,
  applyFeedback,
  EMPTY_FEEDBACK,
  type FeedbackAction,
  type FeedbackActor,
  FeedbackError,
  replayFeedback,
} from './machine.js';
import {
  dissatisfactionOf,
  type FeedbackFacts,
  feedbackFactsOf,
  petitionClassification,
  petitionCount,
  petitionOnTimeRatio,
  petitionRatios,
  petitionSatisfactionRatio,
} from './metrics.js';

const cal = officialCalendar();
const citizen: FeedbackActor = { kind: 'citizen', citizenId: 3 };
const officer: FeedbackActor = { kind: 'officer', staffId: 7, role: 'specialist' };
const H = 3_600_000;

const errorOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof FeedbackError) return e.code;
    throw e;
  }
  return null;
};

describe('PAKN deadlines in working days', () => {
  it('counts 2, 5 and 15 working days from the receipt over Tết 2026, and 2 from the resolution', () => {
    const d = receiptDeadlines(cal, at('2026-02-11T16:00'));
    // Thu 12, Fri 13, then Tết (16–20/2) is skipped
    expect(local(d.refuseBy)).toBe('2026-02-13T16:00');
    expect(local(d.requestInfoBy)).toBe('2026-02-25T16:00');
    expect(local(d.resolveBy)).toBe('2026-03-11T16:00');
    const e = receiptDeadlines(cal, at('2026-02-02T09:00'));
    expect([e.refuseBy, e.requestInfoBy, e.resolveBy].map(local)).toEqual([
      '2026-02-04T09:00',
      '2026-02-09T09:00',
      '2026-03-02T09:00',
    ]);
    // resolved on Friday afternoon: published by Tuesday afternoon
    expect(local(publishDeadline(cal, at('2026-12-11T15:00')))).toBe('2026-12-15T15:00');
    // a receipt on a Saturday starts on Monday morning: two whole working days end on Tuesday
    expect(local(receiptDeadlines(cal, at('2026-12-12T10:00')).refuseBy)).toBe('2026-12-15T17:00');
  });
});

const t0 = at('2026-12-07T09:00'); // Monday
const deadlines = receiptDeadlines(cal, t0);
const submit: FeedbackAction = { type: 'submit', at: t0, actor: citizen, deadlines };
const resolveAt = (t: number): FeedbackAction => ({
  type: 'resolve',
  at: t,
  actor: officer,
  answer: 'Đã hướng dẫn',
  publishBy: publishDeadline(cal, t),
});

describe('the PAKN lifecycle', () => {
  it('goes received → info requested → received → resolved → published → closed, rated once', () => {
    const log: FeedbackAction[] = [
      submit,
      { type: 'classify', at: t0 + H, actor: officer, classification: 'rules' },
      { type: 'request_info', at: t0 + 2 * H, actor: officer, question: 'Số hồ sơ?' },
      { type: 'add_info', at: t0 + 3 * H, actor: citizen, content: 'H26.1-261207-0001' },
      resolveAt(t0 + 24 * H),
      { type: 'publish', at: t0 + 25 * H, actor: officer },
      { type: 'rate', at: t0 + 26 * H, actor: citizen, satisfied: true },
      { type: 'close', at: t0 + 27 * H, actor: officer },
    ];
    const s = replayFeedback(log);
    expect(s).toMatchObject({ status: 'closed', version: 8, classification: 'rules' });
    expect(s.rating).toEqual({ satisfied: true, at: t0 + 26 * H });
    expect(isLate(s, t0 + 30 * H)).toBe(false);
    expect(
      errorOf(() => applyFeedback(s, { type: 'rate', at: t0 + 28 * H, actor: citizen, satisfied: false })),
    ).toBe('FEEDBACK_ALREADY_RATED');
  });

  it('refuses what the tables do not allow, and leaves the snapshot as it was', () => {
    const s = applyFeedback(EMPTY_FEEDBACK, submit);
    expect(errorOf(() => applyFeedback(s, { type: 'publish', at: t0 + H, actor: officer }))).toBe(
      'FEEDBACK_ACTION_NOT_ALLOWED',
    );
    expect(errorOf(() => applyFeedback(s, { type: 'refuse', at: t0 + H, actor: citizen, reason: 'x' }))).toBe(
      'FEEDBACK_ACTOR_NOT_ALLOWED',
    );
    expect(
      errorOf(() => applyFeedback(s, { type: 'refuse', at: t0 + H, actor: officer, reason: '  ' })),
    ).toBe('FEEDBACK_TEXT_REQUIRED');
    expect(errorOf(() => applyFeedback(s, resolveAt(t0 + H)))).toBe('FEEDBACK_CLASSIFICATION_REQUIRED');
    expect(errorOf(() => applyFeedback(s, { type: 'close', at: t0 - H, actor: officer }))).toBe(
      'FEEDBACK_ACTION_NOT_ALLOWED',
    );
    expect(
      errorOf(() =>
        applyFeedback(s, { type: 'classify', at: t0 - H, actor: officer, classification: 'rules' }),
      ),
    ).toBe('FEEDBACK_TIME_BEFORE_LAST');
    expect(s.status).toBe('received');
    expect(allowedFeedbackActions(s, 'officer')).toEqual(['classify', 'request_info', 'refuse']);
    expect(allowedFeedbackActions(s, 'citizen')).toEqual([]);
  });
});

/** Facts of a PAKN received at t0 and handled as the actions say. */
function factsOf(...more: FeedbackAction[]): FeedbackFacts {
  return feedbackFactsOf(replayFeedback([submit, ...more]) as FeedbackFacts);
}
const classify = (t = t0 + H): FeedbackAction => ({
  type: 'classify',
  at: t,
  actor: officer,
  classification: 'rules',
});

describe('each deadline judged at an instant', () => {
  it('judges a refusal against 2 working days and a resolution against 15', () => {
    const refusedLate = factsOf({
      type: 'refuse',
      at: deadlines.refuseBy + 1,
      actor: officer,
      reason: 'Không thuộc thẩm quyền',
    });
    expect(judgeDeadlines(refusedLate, deadlines.resolveBy)).toMatchObject({
      refuse: 'late',
      resolve: 'not_applicable',
      publish: 'not_applicable',
    });
    const open = factsOf();
    expect(judgeDeadlines(open, deadlines.resolveBy).resolve).toBe('pending');
    expect(judgeDeadlines(open, deadlines.resolveBy + 1).resolve).toBe('overdue');
    const asked = factsOf({
      type: 'request_info',
      at: deadlines.requestInfoBy + 1,
      actor: officer,
      question: '?',
    });
    expect(judgeDeadlines(asked, deadlines.requestInfoBy + 2).request_info).toBe('late');
  });

  it('owes the publication 2 working days after the resolution', () => {
    const resolved = factsOf(classify(), resolveAt(t0 + 2 * H));
    const publishBy = resolved.publishBy as number;
    expect(judgeDeadlines(resolved, publishBy).publish).toBe('pending');
    expect(judgeDeadlines(resolved, publishBy + 1).publish).toBe('overdue');
    const published = factsOf(classify(), resolveAt(t0 + 2 * H), {
      type: 'publish',
      at: publishBy,
      actor: officer,
    });
    expect(judgeDeadlines(published, publishBy + 10 * H).publish).toBe('on_time');
  });
});

describe('metrics 5.1–5.3', () => {
  const from = at('2026-12-01T00:00');
  const to = at('2027-01-01T00:00');
  const onTime = factsOf(classify(), resolveAt(t0 + 2 * H), {
    type: 'publish',
    at: t0 + 3 * H,
    actor: officer,
  });
  const late = factsOf(classify(), resolveAt(deadlines.resolveBy + H));
  const openInTime = feedbackFactsOf(
    replayFeedback([
      { ...submit, at: at('2026-12-30T09:00'), deadlines: receiptDeadlines(cal, at('2026-12-30T09:00')) },
    ]) as FeedbackFacts,
  );
  const dissatisfied = factsOf(
    { type: 'classify', at: t0 + H, actor: officer, classification: 'behaviour' },
    resolveAt(t0 + 2 * H),
    { type: 'publish', at: t0 + 3 * H, actor: officer },
    { type: 'rate', at: t0 + 4 * H, actor: citizen, satisfied: false },
  );
  const raised = factsOf(
    { type: 'refuse', at: t0 + H, actor: officer, reason: 'Trùng' },
    {
      type: 'raise_again',
      at: t0 + 2 * H,
      actor: citizen,
      reason: 'Chưa đồng ý',
    },
  );
  const all = [onTime, late, openInTime, dissatisfied, raised];

  it('counts each PAKN once for 5.2 and keeps numerator and denominator', () => {
    expect(all.map((f) => petitionCount(f, from, to))).toEqual([
      'on_time',
      'late',
      'open_in_time',
      'on_time',
      'on_time',
    ]);
    expect(petitionOnTimeRatio(all, from, to)).toEqual({ numerator: 4, denominator: 5, percent: 80 });
    // handled before the period: outside it
    expect(petitionCount(onTime, at('2027-01-01T00:00'), at('2027-02-01T00:00'))).toBe('outside');
  });

  it('counts 5.3 over the handled ones: dissatisfied, raised again and late ones against it', () => {
    expect(all.map((f) => dissatisfactionOf(f, to - 1))).toEqual([
      null,
      'late',
      null,
      'dissatisfied',
      'raised_again',
    ]);
    expect(petitionSatisfactionRatio(all, from, to)).toEqual({ numerator: 1, denominator: 4, percent: 25 });
  });

  it('counts 5.1 by classification, unclassified apart; no PAKN is no data, not 0', () => {
    expect(petitionClassification(all, from, to)).toEqual({
      rules: 2,
      behaviour: 1,
      unclassified: 2,
      ratio: { numerator: 2, denominator: 3, percent: 66.67 },
    });
    const empty = petitionRatios([], from, to);
    expect(Object.values(empty).every((r) => r.denominator === 0 && r.percent === null)).toBe(true);
  });
});
