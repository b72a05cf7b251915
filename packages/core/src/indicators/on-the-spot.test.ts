import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor, DossierAction } from '../lifecycle/actions.js';
import { replay } from '../lifecycle/machine.js';
import type { Role } from '../org/roles.js';
import {
  meetsTarget,
  ON_THE_SPOT_TARGETS,
  onTheSpotOf,
  onTheSpotRates,
  RECEPTION_POINT_KINDS,
} from './on-the-spot.js';
import { vnMidnight } from './period.js';

const H = 3_600_000;
const DAY = vnMidnight(2026, 12, 7);
const CENTRE = 'H26.70';
const who = (staffId: number, role: Role, agency = CENTRE): Actor => ({
  kind: 'officer',
  staffId,
  role,
  agency,
});

/** A dossier accepted at `startH` (hours after midnight), each later action `gapH` later. */
function dossier(
  startH: number,
  gapH: number,
  o: { processedBy?: string; supplement?: boolean; joint?: boolean; stopAt?: number } = {},
): DossierAction[] {
  let t = DAY + startH * H;
  const next = () => (t += gapH * H);
  const perf = { role: null, agencyId: 1, departmentId: null, dueAt: null };
  const log: DossierAction[] = [
    { type: 'register', channel: 'direct', at: t, actor: who(1, 'receiving_officer') },
    {
      type: 'accept',
      code: 'X',
      dueAt: t + 48 * H,
      step: 'TIEP_NHAN',
      at: t,
      actor: who(1, 'receiving_officer'),
    },
    {
      type: 'forward',
      toStep: 'THAM_DINH',
      performer: { ...perf, role: 'specialist' },
      at: next(),
      actor: who(1, 'receiving_officer'),
    },
  ];
  if (o.supplement) {
    log.push({
      type: 'request_supplement',
      items: [{ name: 'a', reason: 'b' }],
      at: next(),
      actor: who(2, 'specialist'),
    });
    log.push({
      type: 'supplement_received',
      dueAt: t + 48 * H,
      at: next(),
      actor: who(1, 'receiving_officer'),
    });
  }
  if (o.joint)
    log.push({
      type: 'joint_send',
      jointId: 'j',
      agency: 'H26.01',
      dueAt: t + 9 * H,
      at: next(),
      actor: who(2, 'specialist'),
    });
  if (o.joint)
    log.push({
      type: 'joint_done',
      jointId: 'j',
      outcome: 'positive',
      at: next(),
      actor: { kind: 'system' },
    });
  const spec = who(2, 'specialist', o.processedBy ?? CENTRE);
  log.push({ type: 'forward', toStep: 'KY', outcome: 'positive', performer: perf, at: next(), actor: spec });
  log.push({ type: 'approve', at: next(), actor: who(3, 'agency_leader') });
  log.push({ type: 'sign', at: next(), actor: who(3, 'agency_leader') });
  log.push({ type: 'issue_result', resultCode: null, at: next(), actor: who(3, 'agency_leader') });
  log.push({ type: 'return_result', delivery: 'counter', at: next(), actor: who(1, 'receiving_officer') });
  return o.stopAt === undefined ? log : log.slice(0, o.stopAt);
}

describe('a dossier resolved on the spot', () => {
  it('is accepted, handled only by the centre and returned the same day', () => {
    expect(replay(dossier(8, 0.5)).status).toBe('returned');
    expect(onTheSpotOf(dossier(8, 0.5), CENTRE)).toEqual({ onTheSpot: true });
  });

  it('is not when any condition fails, and says which', () => {
    const miss = (log: DossierAction[], to?: number) => {
      const r = onTheSpotOf(log, CENTRE, to);
      return r.onTheSpot ? null : r.miss;
    };
    // accepted at 14:00, returned after midnight (6 actions 2 h apart)
    expect(miss(dossier(14, 2))).toBe('not_same_day');
    expect(miss(dossier(8, 0.5, { processedBy: 'H26.01' }))).toBe('other_agency');
    expect(miss(dossier(8, 0.5, { supplement: true }))).toBe('clock_stopped');
    expect(miss(dossier(8, 0.5, { joint: true }))).toBe('joint');
    expect(miss(dossier(8, 0.5, { stopAt: 6 }))).toBe('not_returned');
    expect(miss(dossier(8, 0.5), DAY + 9 * H)).toBe('not_returned');
    expect(miss(dossier(8, 0.5), DAY)).toBe('not_accepted_here');
    expect(onTheSpotOf(dossier(8, 0.5), 'H26.01')).toEqual({ onTheSpot: false, miss: 'not_accepted_here' });
  });
});

describe('a centre’s rates', () => {
  const from = DAY;
  const to = DAY + 7 * 24 * H;

  it('gives the share of dossiers and of procedures, with null for no data', () => {
    const rates = onTheSpotRates(
      [
        { procedure: '1.001193', log: dossier(8, 0.5) },
        { procedure: '1.001193', log: dossier(14, 2) },
        { procedure: '1.000894', log: dossier(9, 0.5, { supplement: true }) },
        { procedure: '2.000001', log: dossier(9, 0.5) },
        // accepted before the period: not the period's
        { procedure: '2.000001', log: dossier(-30, 0.5) },
      ],
      CENTRE,
      from,
      to,
    );
    expect(rates.dossiers).toEqual({ numerator: 2, denominator: 4, percent: 50 });
    // 1.001193: 1 of 2 (half: counts), 1.000894: 0 of 1, 2.000001: 1 of 1
    expect(rates.procedures).toEqual({ numerator: 2, denominator: 3, percent: 66.67 });
    expect(rates.misses).toEqual({ not_same_day: 1, clock_stopped: 1 });
    const strict = onTheSpotRates(
      [
        { procedure: '1.001193', log: dossier(8, 0.5) },
        { procedure: '1.001193', log: dossier(14, 2) },
      ],
      CENTRE,
      from,
      to,
      { procedureShare: 1 },
    );
    expect(strict.procedures).toEqual({ numerator: 0, denominator: 1, percent: 0 });
    const none = onTheSpotRates([], CENTRE, from, to);
    expect(none.dossiers.percent).toBeNull();
    expect(meetsTarget(none, 'commune_center')).toBeNull();
    expect(() => onTheSpotRates([], CENTRE, from, to, { procedureShare: 0 })).toThrow(RangeError);
  });

  it('compares the procedure share with the target of the kind of centre', () => {
    expect(ON_THE_SPOT_TARGETS.provincial_center?.percent).toBe(20);
    expect(ON_THE_SPOT_TARGETS.commune_center?.percent).toBe(50);
    const at = (n: number, d: number) => ({
      procedures: { numerator: n, denominator: d, percent: (100 * n) / d },
    });
    expect(meetsTarget(at(1, 5), 'provincial_center')).toBe(true);
    expect(meetsTarget(at(1, 5), 'commune_center')).toBe(false);
    expect(meetsTarget(at(1, 2), 'district_center')).toBe(true);
    expect(meetsTarget(at(1, 2), 'ministry_unit')).toBeNull();
  });

  const arb = fc.array(
    fc.record({
      procedure: fc.constantFrom('a', 'b', 'c'),
      start: fc.integer({ min: -24, max: 24 * 8 }),
      gap: fc.constantFrom(0, 0.25, 1, 3),
      processedBy: fc.constantFrom(CENTRE, 'H26.01'),
      supplement: fc.boolean(),
      stopAt: fc.option(fc.integer({ min: 2, max: 9 }), { nil: undefined }),
    }),
    { maxLength: 12 },
  );
  const build = (
    xs: {
      procedure: string;
      start: number;
      gap: number;
      processedBy: string;
      supplement: boolean;
      stopAt?: number;
    }[],
  ) => xs.map((x) => ({ procedure: x.procedure, log: dossier(x.start, x.gap, x) }));

  it('keeps numerators within denominators; a stricter procedure share never counts more procedures', () => {
    fc.assert(
      fc.property(
        arb,
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        (xs, s1, s2) => {
          const ds = build(xs);
          const a = onTheSpotRates(ds, CENTRE, from, to, { procedureShare: Math.min(s1, s2) });
          const b = onTheSpotRates(ds, CENTRE, from, to, { procedureShare: Math.max(s1, s2) });
          expect(a.dossiers.numerator).toBeLessThanOrEqual(a.dossiers.denominator);
          expect(b.procedures.numerator).toBeLessThanOrEqual(a.procedures.numerator);
          expect(a.dossiers).toEqual(b.dossiers);
          const missed = Object.values(a.misses).reduce((n, v) => n + v, 0);
          expect(a.dossiers.numerator + missed).toBe(a.dossiers.denominator);
          expect(a.byProcedure.reduce((n, p) => n + p.received, 0)).toBe(a.dossiers.denominator);
        },
      ),
    );
  });

  it('keeps both rates in [0, 100], null exactly when nothing was received, and judges the target only on data', () => {
    fc.assert(
      fc.property(arb, fc.constantFrom(...RECEPTION_POINT_KINDS), (xs, kind) => {
        const r = onTheSpotRates(build(xs), CENTRE, from, to);
        for (const x of [r.dossiers, r.procedures]) {
          expect(x.percent === null).toBe(x.denominator === 0);
          if (x.percent !== null) {
            expect(x.percent).toBeGreaterThanOrEqual(0);
            expect(x.percent).toBeLessThanOrEqual(100);
          }
        }
        // a centre with dossiers has at least one procedure, and the other way round
        expect(r.dossiers.denominator === 0).toBe(r.procedures.denominator === 0);
        const verdict = meetsTarget(r, kind);
        if (ON_THE_SPOT_TARGETS[kind] === null || r.procedures.denominator === 0) expect(verdict).toBeNull();
        else expect(verdict).toBe((r.procedures.percent ?? -1) >= (ON_THE_SPOT_TARGETS[kind]?.percent ?? 0));
      }),
    );
  });

  it('never counts a dossier on the spot once another agency’s officer acted on it', () => {
    fc.assert(
      fc.property(arb, (xs) => {
        const ds = build(xs.map((x) => ({ ...x, processedBy: 'H26.01' })));
        expect(onTheSpotRates(ds, CENTRE, from, to).dossiers.numerator).toBe(0);
      }),
    );
  });
});
