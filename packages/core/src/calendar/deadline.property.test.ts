/** Properties of the deadline engine over the official calendar 2020–2026. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeDeadline, type Limit, workingTimeBetween } from './deadline.js';
import { officialCalendar } from './test-calendar.js';
import { dayPlan, localOf } from './work-calendar.js';

const cal = officialCalendar();
const START = Date.parse('2020-01-01T00:00:00+07:00');
const END = Date.parse('2026-06-30T00:00:00+07:00');
// receipts on a 1-minute grid, like real timestamps from the counter
const receipt = fc.integer({ min: START / 60_000, max: END / 60_000 }).map((m) => m * 60_000);
const workingLimit = fc.oneof(
  fc.integer({ min: 1, max: 60 }).map((n): Limit => ({ amount: n, unit: 'working_days' })),
  fc.integer({ min: 1, max: 400 }).map((n): Limit => ({ amount: n, unit: 'working_hours' })),
  fc.constantFrom(0.5, 1.5, 2.5).map((n): Limit => ({ amount: n, unit: 'working_days' })),
);
const anyLimit = fc.oneof(
  workingLimit,
  fc.integer({ min: 1, max: 90 }).map((n): Limit => ({ amount: n, unit: 'calendar_days' })),
  fc.integer({ min: 1, max: 12 }).map((n): Limit => ({ amount: n, unit: 'months' })),
  fc.constant<Limit>({ amount: 1, unit: 'same_day' }),
);
const dueOf = (receivedAt: number, limit: Limit, pauses: { from: number; to: number }[] = []) =>
  computeDeadline(cal, { receivedAt, limit, pauses }).dueAt;

/** True when the instant is inside or at the end of a working period (never in non-working time). */
function inWorkingTime(t: number): boolean {
  const { day, minute } = localOf(cal, t);
  const exact = (t - Date.parse('1970-01-01T00:00:00+07:00')) % 60_000 === 0;
  const m = exact ? minute : minute + 0.5;
  return dayPlan(cal, day).periods.some((p) => m > p.start && m <= p.end);
}

describe('deadline properties', () => {
  it('the due instant is never before the receipt and never in non-working time', () => {
    fc.assert(
      fc.property(receipt, anyLimit, (r, limit) => {
        const due = dueOf(r, limit);
        expect(due).toBeGreaterThanOrEqual(r);
        expect(inWorkingTime(due)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('is monotone in the amount', () => {
    fc.assert(
      fc.property(
        receipt,
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 40 }),
        fc.constantFrom('working_days', 'working_hours', 'calendar_days'),
        (r, a, extra, unit) => {
          const u = unit as Limit['unit'];
          expect(dueOf(r, { amount: a + extra, unit: u })).toBeGreaterThanOrEqual(
            dueOf(r, { amount: a, unit: u }),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('adding a pause never makes the due instant earlier', () => {
    fc.assert(
      fc.property(
        receipt,
        anyLimit,
        fc.integer({ min: 0, max: 20 * 86_400_000 }),
        fc.integer({ min: 60_000, max: 10 * 86_400_000 }),
        (r, limit, offset, length) => {
          const pause = { from: r + offset, to: r + offset + length };
          expect(dueOf(r, limit, [pause])).toBeGreaterThanOrEqual(dueOf(r, limit));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('a working-time pause inside the count moves the due instant by exactly the working time stopped', () => {
    fc.assert(
      fc.property(
        receipt,
        workingLimit,
        fc.integer({ min: 0, max: 5 * 86_400_000 }),
        fc.integer({ min: 60_000, max: 5 * 86_400_000 }),
        (r, limit, offset, length) => {
          const plain = dueOf(r, limit);
          const pause = { from: r + offset, to: r + offset + length };
          fc.pre(pause.from < plain);
          const paused = dueOf(r, limit, [pause]);
          expect(workingTimeBetween(cal, plain, paused)).toBe(workingTimeBetween(cal, pause.from, pause.to));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('counting N then M equals counting N + M', () => {
    fc.assert(
      fc.property(
        receipt,
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 1, max: 200 }),
        fc.constantFrom('working_days', 'working_hours'),
        (r, n, m, unit) => {
          const u = unit as 'working_days' | 'working_hours';
          const first = dueOf(r, { amount: n, unit: u });
          expect(dueOf(first, { amount: m, unit: u })).toBe(dueOf(r, { amount: n + m, unit: u }));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('counts exactly the limit in working time', () => {
    fc.assert(
      fc.property(receipt, workingLimit, (r, limit) => {
        const d = computeDeadline(cal, { receivedAt: r, limit });
        const minutes =
          limit.unit === 'working_days' ? limit.amount * cal.standardDayMinutes : limit.amount * 60;
        expect(d.workingMinutesCounted).toBe(minutes);
        expect(workingTimeBetween(cal, r, d.dueAt)).toBe(minutes * 60_000);
      }),
      { numRuns: 300 },
    );
  });
});
