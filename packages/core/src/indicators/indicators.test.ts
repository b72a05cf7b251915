import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GROUPS, METRIC_BY_CODE, METRICS } from './metrics.js';
import { dateRange, PeriodError, periodLabel, periodRange, vnMidnight } from './period.js';
import { ratio } from './ratio.js';
import {
  addToRow,
  emptyRow,
  onlineShareRatio,
  progressCount,
  progressRatio,
  type ReportFacts,
  reportRow,
  sumRows,
} from './report.js';
import { DEFAULT_POLICY, paymentScore, rank, scoreMetric, scoreUnit, type UnitInputs } from './score.js';
import { type DossierFacts, standingAt, timingOf } from './timeliness.js';

const H = 3_600_000;
/** an instant in Vietnam's civil time */
const vn = (y: number, mo: number, d: number, h = 0, mi = 0) => vnMidnight(y, mo, d) + h * H + mi * 60_000;

describe('ratios keep "no data" apart from 0 %', () => {
  it('reports 0 ÷ 0 as null and rounds to two decimals', () => {
    expect(ratio(0, 0)).toEqual({ numerator: 0, denominator: 0, percent: null });
    expect(ratio(1, 3).percent).toBe(33.33);
    expect(ratio(2, 2).percent).toBe(100);
    expect(() => ratio(-1, 2)).toThrow(RangeError);
  });
});

describe('reporting periods in Vietnam time', () => {
  it('starts a month at 00:00 UTC+7', () => {
    const jan = periodRange({ kind: 'month', year: 2026, month: 1 });
    expect(new Date(jan.from).toISOString()).toBe('2025-12-31T17:00:00.000Z');
    expect(new Date(jan.to).toISOString()).toBe('2026-01-31T17:00:00.000Z');
    const dec = periodRange({ kind: 'month', year: 2026, month: 12 });
    expect(new Date(dec.to).toISOString()).toBe('2026-12-31T17:00:00.000Z');
  });

  it("follows the Government's cut-off: the 15th of the month before to the 14th of the last month", () => {
    const q1 = periodRange({ kind: 'quarter', year: 2026, quarter: 1 }, 'government');
    expect(q1.from).toBe(vn(2025, 12, 15));
    expect(q1.to).toBe(vn(2026, 3, 15));
    const y = periodRange({ kind: 'year', year: 2026 }, 'government');
    expect([y.from, y.to]).toEqual([vn(2025, 12, 15), vn(2026, 12, 15)]);
    expect(periodLabel({ kind: 'quarter', year: 2026, quarter: 3 })).toBe('Quý III/2026');
  });

  it('refuses invalid, reversed and over-long periods with a code', () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof PeriodError ? e.code : 'other';
      }
      return 'none';
    };
    expect(code(() => periodRange({ kind: 'month', year: 2026, month: 13 }))).toBe('PERIOD_INVALID');
    expect(code(() => periodRange({ kind: 'quarter', year: 2026, quarter: 0 }))).toBe('PERIOD_INVALID');
    const d = (year: number, month: number, day: number) => ({ year, month, day });
    expect(code(() => dateRange(d(2026, 3, 2), d(2026, 3, 1)))).toBe('PERIOD_RANGE_REVERSED');
    expect(code(() => dateRange(d(2025, 1, 1), d(2026, 6, 30)))).toBe('PERIOD_TOO_LONG');
    expect(dateRange(d(2026, 3, 1), d(2026, 3, 1)).to - dateRange(d(2026, 3, 1), d(2026, 3, 1)).from).toBe(
      24 * H,
    );
  });
});

describe('the on-time test (TIME.md §1.6)', () => {
  // TIME.md §1.8: 3 working days from Fri 30/1/2026 16:00 → due Wed 4/2/2026 16:00
  const due = vn(2026, 2, 4, 16);
  it('compares timestamps, and calls a finish on an earlier date early', () => {
    expect(timingOf(vn(2026, 2, 4, 15, 59), due)).toBe('on_time');
    expect(timingOf(due, due)).toBe('on_time');
    expect(timingOf(due + 1000, due)).toBe('late');
    expect(timingOf(vn(2026, 2, 3, 16, 30), due)).toBe('early');
    // 23:30 on the 3rd in Hà Nội is still the 3rd, though it is the 3rd 16:30 UTC
    expect(timingOf(vn(2026, 2, 3, 23, 30), due)).toBe('early');
  });

  const base: DossierFacts = {
    receivedAt: vn(2026, 1, 30, 16),
    dueHistory: [{ from: vn(2026, 1, 30, 16), dueAt: due }],
    end: null,
    withdrawnAt: null,
    pauses: [],
    supplementRequests: 0,
  };

  it('judges an open dossier at the instant asked', () => {
    expect(standingAt(base, vn(2026, 2, 4, 12))).toEqual({ bucket: 'open', overdue: false, paused: null });
    expect(standingAt(base, vn(2026, 2, 5))).toEqual({ bucket: 'open', overdue: true, paused: null });
    expect(standingAt(base, vn(2026, 1, 30, 12))).toEqual({ bucket: 'not_received' });
  });

  it('uses the due instant in force at the time, moved by a resumption', () => {
    const f: DossierFacts = {
      ...base,
      pauses: [{ kind: 'supplement', from: vn(2026, 2, 2, 9), to: vn(2026, 2, 9, 9) }],
      supplementRequests: 1,
      dueHistory: [...base.dueHistory, { from: vn(2026, 2, 9, 9), dueAt: vn(2026, 2, 11, 16) }],
      end: { kind: 'result', at: vn(2026, 2, 11, 10) },
    };
    expect(standingAt(f, vn(2026, 2, 5))).toEqual({ bucket: 'open', overdue: false, paused: 'supplement' });
    expect(standingAt(f, vn(2026, 2, 12))).toMatchObject({ bucket: 'resolved', timing: 'on_time' });
  });

  it('counts a dossier left waiting for its only supplement as ended at the request, for 766 only', () => {
    const f: DossierFacts = {
      ...base,
      pauses: [{ kind: 'supplement', from: vn(2026, 2, 3, 9), to: null }],
      supplementRequests: 1,
    };
    const at = vn(2026, 3, 1);
    expect(standingAt(f, at)).toEqual({ bucket: 'open', overdue: false, paused: 'supplement' });
    expect(standingAt(f, at, { unfinishedSupplementEnds: true })).toEqual({
      bucket: 'resolved',
      kind: 'result',
      at: vn(2026, 2, 3, 9),
      timing: 'early',
    });
    // a second request: the rule does not apply
    expect(standingAt({ ...f, supplementRequests: 2 }, at, { unfinishedSupplementEnds: true }).bucket).toBe(
      'open',
    );
  });

  it('without a due instant, compares the elapsed time less the pauses with the legal limit', () => {
    const f: DossierFacts = { ...base, dueHistory: [], legalLimitMs: 48 * H };
    expect(
      standingAt({ ...f, end: { kind: 'result', at: base.receivedAt! + 47 * H } }, vn(2026, 3, 1)),
    ).toMatchObject({
      timing: 'on_time',
    });
    expect(
      standingAt({ ...f, end: { kind: 'stopped', at: base.receivedAt! + 49 * H } }, vn(2026, 3, 1)),
    ).toMatchObject({
      kind: 'stopped',
      timing: 'late',
    });
  });
});

describe('the metrics table', () => {
  it('adds up to each group maximum and to 100', () => {
    for (const g of GROUPS)
      expect(
        METRICS.filter((m) => m.group === g.id).reduce((n, m) => n + m.max, 0),
        g.id,
      ).toBe(g.max);
    expect(GROUPS.reduce((n, g) => n + g.max, 0)).toBe(100);
  });
});

const m = (code: string) => METRIC_BY_CODE.get(code)!;
const inputs = (ratios: UnitInputs['ratios']): UnitInputs => ({ ratios });

describe('scoring rules, with empty denominators', () => {
  it('scores linear metrics max × r/100, capped', () => {
    expect(
      scoreMetric(m('ORIGINAL_RESULT_AVAILABLE'), inputs({ ORIGINAL_RESULT_AVAILABLE: ratio(3, 4) })).score,
    ).toBe(4.5);
    expect(scoreMetric(m('PUBLISH_ON_TIME'), inputs({ PUBLISH_ON_TIME: ratio(0, 0) }))).toMatchObject({
      score: null,
      nullBecause: 'no_data',
    });
    expect(scoreMetric(m('PUBLISH_ON_TIME'), inputs({}))).toMatchObject({
      score: null,
      nullBecause: 'not_measured',
    });
  });

  it('gives reuse of digitised data full points at 80 %', () => {
    const s = (n: number, d: number) =>
      scoreMetric(m('REUSED_DIGITIZED_DATA'), inputs({ REUSED_DIGITIZED_DATA: ratio(n, d) })).score;
    expect(s(40, 100)).toBe(1);
    expect(s(80, 100)).toBe(2);
    expect(s(100, 100)).toBe(2);
  });

  it('scores handling satisfaction 0 without dossiers and full from 90 %', () => {
    const s = (n: number, d: number) =>
      scoreMetric(
        m('DOSSIER_RECEIVING_SATISFACTION'),
        inputs({ DOSSIER_RECEIVING_SATISFACTION: ratio(n, d) }),
      ).score;
    expect(s(0, 0)).toBe(0);
    expect(s(85, 100)).toBe(5.67);
    expect(s(90, 100)).toBe(6);
    expect(s(99, 100)).toBe(6);
  });

  it('gives PAKN metrics full points without PAKN (the published reading)', () => {
    for (const code of ['PETITION_PROCESSING_ON_TIME', 'PETITION_HANDLING_SATISFACTION'])
      expect(scoreMetric(m(code), inputs({ [code]: ratio(0, 0) })).score).toBe(6);
    expect(
      scoreMetric(m('PETITION_PROCESSING_ON_TIME'), inputs({ PETITION_PROCESSING_ON_TIME: ratio(3, 4) }))
        .score,
    ).toBe(4.5);
  });

  it('scores online payment 6·A + min(2, 2.5·B) + 2.5·C, at most 10, an empty ratio counting 0', () => {
    expect(paymentScore({ a: ratio(1, 2), b: ratio(1, 4), c: ratio(3, 4) })).toBe(5.5);
    expect(paymentScore({ a: ratio(4, 4), b: ratio(4, 4), c: ratio(4, 4) })).toBe(10);
    expect(paymentScore({ a: ratio(0, 0), b: ratio(0, 0), c: ratio(0, 0) })).toBe(0);
  });

  it('leaves 2.1 without dossiers as "no data" unless configured to 0', () => {
    const i = inputs({ DOSSIER_ON_TIME: ratio(0, 0) });
    expect(scoreMetric(m('DOSSIER_ON_TIME'), i).score).toBeNull();
    expect(scoreMetric(m('DOSSIER_ON_TIME'), i, { ...DEFAULT_POLICY, progressEmpty: 'zero' }).score).toBe(0);
    expect(scoreMetric(m('DOSSIER_ON_TIME'), inputs({ DOSSIER_ON_TIME: ratio(45, 50) })).score).toBe(18);
  });

  it('never scores the online-services group (its rule is unresolved) and says so', () => {
    const u = scoreUnit(inputs({ FULL_ONLINE_DOSSIERS: ratio(10, 20), ONLINE_CHANNEL_SHARE: ratio(10, 20) }));
    const g = u.groups.find((x) => x.group === 'online_services')!;
    expect(g.score).toBeNull();
    expect(g.metrics.every((x) => x.nullBecause === 'unresolved' && x.ratio?.percent === 50)).toBe(true);
    expect(u.projectable).toBe(88);
  });

  it('moves empty PAKN points onto the other metrics when configured to the operational reading', () => {
    const i = inputs({
      PETITION_PROCESSING_ON_TIME: ratio(0, 0),
      PETITION_HANDLING_SATISFACTION: ratio(0, 0),
      DOSSIER_RECEIVING_SATISFACTION: ratio(45, 100),
    });
    const sat = (policy = DEFAULT_POLICY) =>
      scoreUnit(i, policy).groups.find((g) => g.group === 'satisfaction')!.score;
    expect(sat()).toBe(15);
    expect(sat({ ...DEFAULT_POLICY, petitionsEmpty: 'ops' })).toBe(9);
    // the two readings agree when 5.4 is at its cap
    const full = inputs({ ...i.ratios, DOSSIER_RECEIVING_SATISFACTION: ratio(95, 100) });
    expect(scoreUnit(full).groups.at(-1)!.score).toBe(
      scoreUnit(full, { ...DEFAULT_POLICY, petitionsEmpty: 'ops' }).groups.at(-1)!.score,
    );
  });

  it('totals the groups, a null group counting 0', () => {
    const u = scoreUnit({
      ratios: { DOSSIER_ON_TIME: ratio(1, 1), DOSSIER_RECEIVING_SATISFACTION: ratio(1, 1) },
      payment: { a: ratio(1, 1), b: ratio(1, 1), c: ratio(1, 1) },
    });
    const byGroup = Object.fromEntries(u.groups.map((g) => [g.group, g.score]));
    expect(byGroup.progress).toBe(20);
    expect(byGroup.online_payment).toBe(10);
    // PAKN not measured (no input) is not the same as no PAKN (0 ÷ 0): only 5.4 scores
    expect(byGroup.satisfaction).toBe(6);
    expect(byGroup.transparency).toBeNull();
    expect(u.total).toBe(36);
  });

  it('keeps every score within 0 and its maximum', () => {
    const r = fc.tuple(fc.nat(1000), fc.nat(1000)).map(([a, b]) => ratio(Math.min(a, b), Math.max(a, b)));
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...METRICS.map((x) => x.code)), r), (ratios) => {
        const u = scoreUnit({ ratios });
        for (const g of u.groups) {
          for (const x of g.metrics) if (x.score != null) expect(x.score).toBeGreaterThanOrEqual(0);
          for (const x of g.metrics) if (x.score != null) expect(x.score).toBeLessThanOrEqual(x.max + 1e-9);
          expect(g.score ?? 0).toBeLessThanOrEqual(g.max + 1e-9);
        }
        expect(u.total).toBeLessThanOrEqual(100);
      }),
    );
  });
});

describe('rankings', () => {
  it('share a rank on equal totals and skip the next', () => {
    const r = rank([
      { id: 'a', total: 80 },
      { id: 'b', total: 91.5 },
      { id: 'c', total: 80 },
      { id: 'd', total: 70 },
      { id: 'e', total: null },
    ]);
    expect(r.map((x) => [x.id, x.rank])).toEqual([
      ['b', 1],
      ['a', 2],
      ['c', 2],
      ['d', 4],
      ['e', null],
    ]);
  });
});

describe('the periodic report', () => {
  const from = vn(2026, 3, 1);
  const to = vn(2026, 4, 1);
  const day = (d: number, h = 9) => vn(2026, 3, d, h);
  const f = (over: Partial<ReportFacts>): ReportFacts => ({
    receivedAt: day(2),
    dueHistory: [{ from: day(2), dueAt: day(10, 17) }],
    end: null,
    withdrawnAt: null,
    pauses: [],
    supplementRequests: 0,
    channel: 'online',
    apologiesAt: [],
    ...over,
  });

  it('puts each dossier in its column', () => {
    const row = reportRow(
      [
        f({ end: { kind: 'result', at: day(5) } }), // early
        f({ end: { kind: 'result', at: day(10, 16) }, channel: 'direct' }), // on time
        f({ end: { kind: 'result', at: day(12) }, apologiesAt: [day(9)] }), // late, apologised
        f({}), // still open on 1/4: overdue
        f({
          receivedAt: day(30),
          dueHistory: [{ from: day(30), dueAt: vn(2026, 4, 3, 17) }],
          channel: 'postal',
        }),
        f({ pauses: [{ kind: 'supplement', from: day(4), to: null }], supplementRequests: 1 }),
        f({ pauses: [{ kind: 'payment', from: day(4), to: null }] }),
        f({ end: { kind: 'stopped', at: day(6) } }),
        f({ withdrawnAt: day(3) }),
        // carried over from February, finished in March
        f({
          receivedAt: vn(2026, 2, 20),
          dueHistory: [{ from: vn(2026, 2, 20), dueAt: day(3, 17) }],
          end: { kind: 'result', at: day(3) },
        }),
        // finished in February: not in March's report
        f({ receivedAt: vn(2026, 2, 2), end: { kind: 'result', at: vn(2026, 2, 5) } }),
        // received in April
        f({ receivedAt: vn(2026, 4, 2) }),
      ],
      from,
      to,
    );
    expect(row.received).toEqual({ total: 10, carriedOver: 1, newOnline: 7, newDirectOrPostal: 2 });
    expect(row.resolved).toEqual({ total: 4, early: 1, onTime: 2, late: 1 });
    expect(row.pending).toEqual({ total: 2, inTime: 1, overdue: 1 });
    expect(row.suspended).toEqual({ total: 3, supplement: 1, payment: 1, stopped: 1 });
    expect(row.withdrawn).toBe(1);
    expect(row.apologies).toBe(1);
    expect(row.onTimeRate).toEqual({ numerator: 3, denominator: 4, percent: 75 });
  });

  it('counts a stopped dossier as resolved when configured so', () => {
    const row = reportRow([f({ end: { kind: 'stopped', at: day(6) } })], from, to, { stopped: 'resolved' });
    expect(row.resolved.total).toBe(1);
    expect(row.suspended.total).toBe(0);
  });

  const facts = fc
    .record({
      received: fc.option(fc.integer({ min: -40, max: 40 }), { nil: null }),
      dueDays: fc.integer({ min: 1, max: 30 }),
      endDays: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
      stopped: fc.boolean(),
      withdrawDays: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
      pause: fc.option(
        fc.record({
          kind: fc.constantFrom('supplement' as const, 'payment' as const),
          at: fc.nat(20),
          len: fc.option(fc.nat(20), { nil: null }),
        }),
        { nil: null },
      ),
      channel: fc.constantFrom('online' as const, 'direct' as const, 'postal' as const),
    })
    .map((x): ReportFacts => {
      const D = 24 * H;
      const r = x.received == null ? null : from + x.received * D;
      const pause =
        x.pause && r != null
          ? {
              kind: x.pause.kind,
              from: r + x.pause.at * D + H,
              to: x.pause.len == null ? null : r + (x.pause.at + x.pause.len) * D + 2 * H,
            }
          : null;
      const endAt = r != null && x.endDays != null ? r + x.endDays * D + 3 * H : null;
      // the log's order: no end while the clock is stopped
      const end =
        endAt != null && (!pause || (pause.to != null && pause.to < endAt))
          ? { kind: x.stopped ? ('stopped' as const) : ('result' as const), at: endAt }
          : null;
      return {
        receivedAt: r,
        dueHistory: r == null ? [] : [{ from: r, dueAt: r + x.dueDays * D }],
        end,
        withdrawnAt:
          end == null && r != null && x.withdrawDays != null && (!pause || pause.to != null)
            ? r + x.withdrawDays * D + 4 * H
            : null,
        pauses: pause ? [pause] : [],
        supplementRequests: pause?.kind === 'supplement' ? 1 : 0,
        channel: x.channel,
        apologiesAt: [],
      };
    });

  it('keeps its invariants for any dossiers: received = carried over + new = resolved + pending + suspended + withdrawn', () => {
    fc.assert(
      fc.property(fc.array(facts, { maxLength: 40 }), (all) => {
        const row = reportRow(all, from, to);
        const r = row.received;
        expect(r.total).toBe(r.carriedOver + r.newOnline + r.newDirectOrPostal);
        expect(r.total).toBe(row.resolved.total + row.pending.total + row.suspended.total + row.withdrawn);
        expect(row.resolved.total).toBe(row.resolved.early + row.resolved.onTime + row.resolved.late);
        expect(row.pending.total).toBe(row.pending.inTime + row.pending.overdue);
        // the sum of per-dossier rows is the row of all
        expect(sumRows(all.map((x) => reportRow([x], from, to)))).toEqual(row);
        const p = progressRatio(all, from, to);
        expect(p.numerator).toBeLessThanOrEqual(p.denominator);
        // the drill-down lists exactly the dossiers behind the figure
        const counts = all.map((x) => progressCount(x, from, to));
        expect(counts.filter((c) => c !== 'excluded')).toHaveLength(p.denominator);
        expect(counts.filter((c) => c === 'on_time')).toHaveLength(p.numerator);
        const online = onlineShareRatio(all, from, to);
        expect(online.denominator).toBe(row.received.newOnline + row.received.newDirectOrPostal);
        expect(online.numerator).toBe(row.received.newOnline);
      }),
    );
  });

  it('adds nothing for a dossier outside the period', () => {
    const row = emptyRow();
    expect(addToRow(row, f({ receivedAt: vn(2026, 4, 2) }), from, to)).toBe(false);
    expect(row).toEqual(emptyRow());
  });
});
