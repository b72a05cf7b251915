import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type DayDelta,
  dayDeltas,
  deltaChange,
  levelsOf,
  midnightOfDay,
  onlineShareOfLevels,
  progressRatioOfLevels,
  reportRowOfLevels,
} from './counters.js';
import { vnDayNumber, vnMidnight } from './period.js';
import { onlineShareRatio, progressRatio, type ReportFacts, reportRow } from './report.js';

const H = 3_600_000;
const BASE_DAY = vnDayNumber(vnMidnight(2026, 3, 1));
const BASE = midnightOfDay(BASE_DAY);

/**
 * Dossiers as the lifecycle leaves them: pauses one after another; an end only with the clock
 * running; a stop or a withdrawal closes an open pause; nothing after a withdrawal. Instants on
 * whole hours from a midnight, so that many fall exactly on midnights (the boundaries the
 * comparisons disagree on).
 */
const facts: fc.Arbitrary<ReportFacts> = fc
  .record({
    received: fc.option(fc.integer({ min: 0, max: 24 * 40 }), { nil: null }),
    refused: fc.boolean(),
    dueHours: fc.array(fc.integer({ min: 0, max: 24 * 30 }), { minLength: 0, maxLength: 3 }),
    limitHours: fc.option(fc.integer({ min: 1, max: 24 * 20 }), { nil: null }),
    pauses: fc.array(
      fc.record({
        kind: fc.constantFrom('supplement' as const, 'payment' as const),
        gap: fc.integer({ min: 0, max: 24 * 10 }),
        len: fc.integer({ min: 0, max: 24 * 10 }),
      }),
      { maxLength: 2 },
    ),
    lastOpen: fc.boolean(),
    ending: fc.constantFrom('none', 'result', 'stopped', 'withdrawn'),
    endGap: fc.integer({ min: 0, max: 24 * 30 }),
    apologies: fc.array(fc.integer({ min: 0, max: 24 * 40 }), { maxLength: 2 }),
    channel: fc.constantFrom('online' as const, 'direct' as const, 'postal' as const, null),
  })
  .map((x): ReportFacts => {
    if (x.received == null)
      return {
        receivedAt: null,
        refusedAt: x.refused ? BASE + x.endGap * H : null,
        dueHistory: [],
        end: null,
        withdrawnAt: null,
        pauses: [],
        supplementRequests: 0,
        channel: x.channel,
        apologiesAt: [],
      };
    const r = BASE + x.received * H;
    let t = r;
    const pauses = x.pauses.map((p) => {
      t += p.gap * H;
      const from = t;
      t += p.len * H;
      return { kind: p.kind, from, to: t as number | null };
    });
    // the due instant is set at receipt and may move at each resumption
    const dueHistory = x.dueHours.map((h, i) => ({
      from: i === 0 ? r : ((pauses[i - 1]?.to as number) ?? r + i * H),
      dueAt: r + h * H + i * 24 * H,
    }));
    dueHistory.sort((a, b) => a.from - b.from);
    const endAt = t + x.endGap * H;
    const last = pauses.at(-1);
    let end: ReportFacts['end'] = null;
    let withdrawnAt: number | null = null;
    if (x.ending === 'result' || x.ending === 'stopped') end = { kind: x.ending, at: endAt };
    else if (x.ending === 'withdrawn') withdrawnAt = endAt;
    else if (last && x.lastOpen) last.to = null;
    // a stop or a withdrawal during a pause closes it (the clock stops for good)
    if (last && x.ending === 'stopped' && x.lastOpen) {
      last.to = endAt;
      if (end) end = { kind: 'stopped', at: endAt };
    }
    return {
      receivedAt: r,
      refusedAt: null,
      dueHistory,
      legalLimitMs: dueHistory.length ? null : x.limitHours == null ? null : x.limitHours * H,
      end,
      withdrawnAt,
      pauses,
      supplementRequests: pauses.filter((p) => p.kind === 'supplement').length,
      channel: x.channel,
      apologiesAt: x.apologies.map((a) => r + a * H).filter((a) => a < (end?.at ?? withdrawnAt ?? Infinity)),
    };
  });

const period = fc
  .tuple(fc.integer({ min: -5, max: 90 }), fc.integer({ min: 1, max: 60 }))
  .map(([a, len]) => ({ a: BASE_DAY + a, b: BASE_DAY + a + len }));

const levels = (all: readonly ReportFacts[], a: number, b: number) =>
  levelsOf(
    all.map((f) => ({ channel: f.channel, deltas: dayDeltas(f) })),
    a,
    b,
  );

describe('day counters', () => {
  it('give the report row, 2.1 and the online share of any dossiers over any period of whole days', () => {
    fc.assert(
      fc.property(fc.array(facts, { maxLength: 30 }), period, (all, { a, b }) => {
        const from = midnightOfDay(a);
        const to = midnightOfDay(b);
        const l = levels(all, a, b);
        expect(reportRowOfLevels(l)).toEqual(reportRow(all, from, to));
        expect(reportRowOfLevels(l, { stopped: 'resolved' })).toEqual(
          reportRow(all, from, to, { stopped: 'resolved' }),
        );
        expect(progressRatioOfLevels(l)).toEqual(progressRatio(all, from, to));
        expect(onlineShareOfLevels(l)).toEqual(onlineShareRatio(all, from, to));
      }),
      { numRuns: 400 },
    );
  });

  it('turn one version of a dossier into the next by their difference', () => {
    fc.assert(
      fc.property(facts, facts, period, (before, after, { a, b }) => {
        const change = deltaChange(dayDeltas(before), dayDeltas(after));
        const applied = [...dayDeltas(before), ...change];
        const viaChange = levelsOf([{ channel: after.channel, deltas: applied }], a, b).filter(
          (x) => x.atFrom !== 0 || x.atTo !== 0,
        );
        // (same channel: a dossier's channel never changes)
        const direct = levelsOf([{ channel: after.channel, deltas: dayDeltas(after) }], a, b).filter(
          (x) => x.atFrom !== 0 || x.atTo !== 0,
        );
        const key = (x: { cls: string }) => x.cls;
        expect([...viaChange].sort((p, q) => key(p).localeCompare(key(q)))).toEqual(
          [...direct].sort((p, q) => key(p).localeCompare(key(q))),
        );
      }),
    );
  });

  it('write a few deltas per dossier, each class entered before it is left', () => {
    fc.assert(
      fc.property(facts, (f) => {
        const d = dayDeltas(f);
        expect(d.length).toBeLessThanOrEqual(2 * 2 * (6 + 2 * f.pauses.length + 2 * f.dueHistory.length) + 2);
        const level = new Map<string, number>();
        for (const x of [...d].sort((p, q) => p.day - q.day || q.delta - p.delta)) {
          level.set(x.cls, (level.get(x.cls) ?? 0) + x.delta);
          expect(level.get(x.cls)).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  it('counts a dossier received, overdue and resolved late, day by day (Hà Nội midnights)', () => {
    // received 9:00 on 2 March, due 17:00 on 4 March, result 10:00 on 6 March
    const day = (d: number, h: number) => vnMidnight(2026, 3, d) + h * H;
    const f: ReportFacts = {
      receivedAt: day(2, 9),
      dueHistory: [{ from: day(2, 9), dueAt: day(4, 17) }],
      end: { kind: 'result', at: day(6, 10) },
      withdrawnAt: null,
      pauses: [],
      supplementRequests: 0,
      channel: 'online',
      apologiesAt: [day(5, 8)],
    };
    const n = (d: number) => vnDayNumber(vnMidnight(2026, 3, d));
    const report = dayDeltas(f).filter((x) => !x.cls.startsWith('p:'));
    expect(report).toEqual<DayDelta[]>([
      { day: n(3), cls: 'open', delta: 1 },
      { day: n(5), cls: 'open', delta: -1 },
      { day: n(5), cls: 'overdue', delta: 1 },
      { day: n(7), cls: 'overdue', delta: -1 },
      { day: n(7), cls: 'result:late', delta: 1 },
      { day: n(6), cls: 'apology', delta: 1 },
    ]);
  });
});
