/** Properties of the PAKN rules over the official calendar 2020–2026 and random logs. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { officialCalendar } from '../calendar/test-calendar.js';
import { isLate, publishDeadline, receiptDeadlines } from './deadlines.js';
import {
  allowedFeedbackActions,
  applyFeedback,
  EMPTY_FEEDBACK,
  type FeedbackAction,
  type FeedbackActionType,
  type FeedbackActor,
  FeedbackError,
  type FeedbackSnapshot,
} from './machine.js';
import {
  type FeedbackFacts,
  petitionCount,
  petitionOnTimeRatio,
  petitionRatios,
  petitionSatisfactionRatio,
} from './metrics.js';

const cal = officialCalendar();
const START = Date.parse('2020-01-01T00:00:00+07:00');
const END = Date.parse('2026-06-30T00:00:00+07:00');
const receipt = fc.integer({ min: START / 60_000, max: END / 60_000 }).map((m) => m * 60_000);
const citizen: FeedbackActor = { kind: 'citizen', citizenId: 1 };
const officer: FeedbackActor = { kind: 'officer', staffId: 1, role: 'specialist' };

function actionOf(type: FeedbackActionType, at: number): FeedbackAction {
  const base = { at, actor: officer };
  switch (type) {
    case 'submit':
      return { type, at, actor: citizen, deadlines: receiptDeadlines(cal, at) };
    case 'classify':
      return { ...base, type, classification: at % 2 ? 'rules' : 'behaviour' };
    case 'request_info':
      return { ...base, type, question: 'Cần thêm thông tin' };
    case 'add_info':
      return { type, at, actor: citizen, content: 'Bổ sung' };
    case 'refuse':
      return { ...base, type, reason: 'Không thuộc thẩm quyền' };
    case 'resolve':
      return { ...base, type, answer: 'Trả lời', publishBy: publishDeadline(cal, at) };
    case 'publish':
      return { ...base, type };
    case 'close':
      return { ...base, type };
    case 'rate':
      return { type, at, actor: citizen, satisfied: at % 3 !== 0 };
    case 'raise_again':
      return { type, at, actor: citizen, reason: 'Chưa thỏa đáng' };
  }
}

/** A random walk through the allowed actions, each some hours after the last. */
const walk = fc
  .tuple(
    receipt,
    fc.array(fc.tuple(fc.nat({ max: 1000 }), fc.integer({ min: 1, max: 200 })), { maxLength: 12 }),
  )
  .map(([r, steps]) => {
    let s = applyFeedback(EMPTY_FEEDBACK, actionOf('submit', r));
    const states: FeedbackSnapshot[] = [s];
    let t = r;
    for (const [pick, hours] of steps) {
      const kinds = [...allowedFeedbackActions(s, 'officer'), ...allowedFeedbackActions(s, 'citizen')];
      if (kinds.length === 0) break;
      t += hours * 3_600_000;
      s = applyFeedback(s, actionOf(kinds[pick % kinds.length] as FeedbackActionType, t));
      states.push(s);
    }
    return { r, s, states, t };
  });

describe('PAKN properties', () => {
  it('deadlines follow the receipt in the legal order, in working time', () => {
    fc.assert(
      fc.property(receipt, (r) => {
        const d = receiptDeadlines(cal, r);
        expect(d.refuseBy).toBeGreaterThan(r);
        expect(d.requestInfoBy).toBeGreaterThan(d.refuseBy);
        expect(d.resolveBy).toBeGreaterThan(d.requestInfoBy);
        // even across Tết and its weekends, 2 working days end within 16 calendar days
        expect(d.refuseBy - r).toBeLessThan(16 * 86_400_000);
        // publishing has the same 2 working days, counted from the resolution
        expect(publishDeadline(cal, r)).toBe(d.refuseBy);
      }),
      { numRuns: 300 },
    );
  });

  it('every action the tables offer is accepted; the version counts the actions', () => {
    fc.assert(
      fc.property(walk, ({ states }) => {
        expect(states.map((s) => s.version)).toEqual(states.map((_, i) => i + 1));
      }),
      { numRuns: 300 },
    );
  });

  it('an action the tables do not offer is refused with a code', () => {
    fc.assert(
      fc.property(
        walk,
        fc.constantFrom<FeedbackActionType>('request_info', 'add_info', 'refuse', 'publish', 'close'),
        ({ s, t }, type) => {
          const offered = [...allowedFeedbackActions(s, 'officer'), ...allowedFeedbackActions(s, 'citizen')];
          if (offered.includes(type)) return;
          expect(() => applyFeedback(s, actionOf(type, t + 1))).toThrow(FeedbackError);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('ratios stay within their denominators, and lateness never heals with time', () => {
    fc.assert(
      fc.property(
        fc.array(walk, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 90 }),
        (walks, days) => {
          const facts = walks.map((w) => w.s as FeedbackFacts);
          const from = START;
          const to = END + days * 86_400_000;
          const r52 = petitionOnTimeRatio(facts, from, to);
          const r53 = petitionSatisfactionRatio(facts, from, to);
          expect(r52.numerator).toBeLessThanOrEqual(r52.denominator);
          expect(r53.numerator).toBeLessThanOrEqual(r53.denominator);
          // every PAKN received in the window is counted for 5.2
          expect(r52.denominator).toBe(facts.filter((f) => petitionCount(f, from, to) !== 'outside').length);
          for (const f of facts) if (isLate(f, to)) expect(isLate(f, to + days * 86_400_000)).toBe(true);
          const all = petitionRatios(facts, from, to);
          expect(all.PETITION_PROCESSING_ON_TIME).toEqual(r52);
        },
      ),
      { numRuns: 200 },
    );
  });
});
