import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor, DossierAction, StepPerformer } from '../lifecycle/actions.js';
import { replay } from '../lifecycle/machine.js';
import type { Role } from '../org/roles.js';
import { foldOfficers, HANDLING_KINDS, handlingKind, officerStats } from './officers.js';
import { vnMidnight } from './period.js';

const H = 3_600_000;
const T0 = vnMidnight(2026, 12, 7) + 8 * H;
const AGENCY = { id: 7, identifier: 'H26.70' };
const officer = (staffId: number, role: Role, agency = AGENCY.identifier): Actor => ({
  kind: 'officer',
  staffId,
  role,
  agency,
});
const DESK = officer(1, 'receiving_officer');
const SPEC = officer(2, 'specialist');
const HEAD = officer(3, 'department_head');
const LEAD = officer(4, 'agency_leader');
const CLERK = officer(5, 'clerk');
const step = (role: Role, at: number, budgetH: number | null, agencyId = AGENCY.id): StepPerformer => ({
  role,
  agencyId,
  departmentId: null,
  dueAt: budgetH === null ? null : at + budgetH * H,
});

/** A birth registration at the commune as the demo's short workflow records it; `gap` hours between actions. */
function birth(gap = 1, opts: { supplement?: boolean } = {}): DossierAction[] {
  let t = T0;
  const next = () => {
    t += gap * H;
    return t;
  };
  const log: DossierAction[] = [
    { type: 'register', channel: 'direct', at: t, actor: DESK },
    {
      type: 'accept',
      code: 'X-1',
      dueAt: t + 40 * H,
      step: 'TIEP_NHAN',
      performer: step('receiving_officer', t, 2),
      at: t,
      actor: DESK,
    },
  ];
  const at1 = next();
  log.push({
    type: 'forward',
    toStep: 'THAM_DINH',
    performer: step('specialist', at1, 4),
    at: at1,
    actor: DESK,
  });
  if (opts.supplement) {
    const a = next();
    log.push({ type: 'request_supplement', items: [{ name: 'Giấy', reason: 'mờ' }], at: a, actor: SPEC });
    const b = next();
    log.push({ type: 'supplement_received', dueAt: b + 40 * H, at: b, actor: DESK });
  }
  const at2 = next();
  log.push({
    type: 'forward',
    toStep: 'KY',
    outcome: 'positive',
    performer: step('agency_leader', at2, 4),
    at: at2,
    actor: SPEC,
  });
  log.push({ type: 'approve', at: next(), actor: LEAD });
  log.push({ type: 'sign', at: next(), actor: LEAD });
  const at3 = next();
  log.push({ type: 'forward', toStep: 'BAN_HANH', performer: step('clerk', at3, 2), at: at3, actor: LEAD });
  log.push({ type: 'issue_result', resultCode: null, at: next(), actor: CLERK });
  log.push({ type: 'return_result', delivery: 'counter', at: next(), actor: DESK });
  return log;
}

describe('handlings of one dossier', () => {
  it('is a lifecycle-valid log (the fixtures replay)', () => {
    expect(replay(birth()).status).toBe('returned');
    expect(replay(birth(3, { supplement: true })).status).toBe('returned');
  });

  it('names each officer action by its kind', () => {
    const kinds = birth().map(handlingKind);
    expect(kinds).toEqual([
      null,
      'received',
      null,
      'processed',
      'approved',
      'signed',
      null,
      'issued',
      'returned',
    ]);
  });

  it('judges each handling by its own step: on time inside the budget, late past it', () => {
    const quick = foldOfficers(birth(1), AGENCY, T0, T0 + 100 * H);
    expect(quick.handlings.map((h) => [h.kind, h.timing])).toEqual([
      ['received', 'on_time'],
      ['processed', 'on_time'],
      ['approved', 'on_time'],
      ['signed', 'on_time'],
      ['issued', 'on_time'],
      ['returned', 'unjudged'],
    ]);
    // three hours between actions: the desk (2 h), the leader's step (4 h, three actions) and the clerk's (2 h) are late
    const slow = foldOfficers(birth(3), AGENCY, T0, T0 + 100 * H);
    expect(slow.handlings.map((h) => [h.kind, h.timing])).toEqual([
      ['received', 'late'],
      ['processed', 'on_time'],
      ['approved', 'late'],
      ['signed', 'late'],
      ['issued', 'late'],
      ['returned', 'unjudged'],
    ]);
  });

  it('leaves a step whose clock stopped unjudged, and counts the request', () => {
    const f = foldOfficers(birth(3, { supplement: true }), AGENCY, T0, T0 + 100 * H);
    expect(f.handlings.find((h) => h.kind === 'processed')?.timing).toBe('unjudged');
    expect(f.supplementRequests).toEqual([{ staffId: 2, role: 'specialist' }]);
  });

  it('judges an open step at the period end, and names its holder', () => {
    const log = birth(1).slice(0, 5); // approved, not signed: in the leader's step since T0 + 2 h, due T0 + 6 h
    const early = foldOfficers(log, AGENCY, T0, T0 + 3.5 * H);
    expect(early.handlings.find((h) => h.kind === 'approved')?.timing).toBe('open');
    expect(early.holding).toEqual({ staffId: 4, standing: 'in_time' });
    const later = foldOfficers(log, AGENCY, T0, T0 + 10 * H);
    expect(later.handlings.find((h) => h.kind === 'approved')?.timing).toBe('late');
    expect(later.holding).toEqual({ staffId: 4, standing: 'overdue' });
    // nobody of the agency has acted in the specialist's step yet: unheld until assigned
    const unheld = foldOfficers(birth(1).slice(0, 3), AGENCY, T0, T0 + 2 * H);
    expect(unheld.holding).toBeNull();
    const assigned = foldOfficers(
      [
        ...birth(1).slice(0, 3),
        { type: 'assign', step: 'THAM_DINH', assigneeId: 2, at: T0 + 1.5 * H, actor: HEAD },
      ],
      AGENCY,
      T0,
      T0 + 2 * H,
    );
    expect(assigned.holding).toEqual({ staffId: 2, standing: 'in_time' });
  });

  it('reads only the period: actions before `from` are not handlings, actions after `to` do not exist yet', () => {
    const log = birth(1);
    const f = foldOfficers(log, AGENCY, T0 + 2.5 * H, T0 + 4.5 * H);
    expect(f.handlings.map((h) => h.kind)).toEqual(['approved', 'signed']);
    // signed at T0 + 4 h; the step, due at T0 + 6 h, is left at T0 + 5 h, after the period's end
    expect(f.handlings.map((h) => h.timing)).toEqual(['open', 'open']);
  });

  it('counts only the officers of the agency', () => {
    const other = { id: 9, identifier: 'H26.99' };
    expect(foldOfficers(birth(1), other, T0, T0 + 100 * H).handlings).toEqual([]);
  });
});

describe('officer statistics', () => {
  it('counts each dossier once per officer and kind, with its worst standing', () => {
    const sentBack: DossierAction[] = [
      ...birth(1).slice(0, 4),
      {
        type: 'return_step',
        toStep: 'THAM_DINH',
        performer: step('specialist', T0 + 3 * H, 1),
        reason: 'sửa',
        at: T0 + 3 * H,
        actor: LEAD,
      },
      {
        type: 'forward',
        toStep: 'KY',
        outcome: 'positive',
        performer: step('agency_leader', T0 + 6 * H, 2),
        at: T0 + 6 * H,
        actor: SPEC,
      },
    ];
    const stats = officerStats([sentBack, birth(1)], AGENCY, T0, T0 + 7 * H, [2, 99]);
    const spec = stats.get(2)!;
    expect(spec.handled.processed).toEqual({ total: 2, onTime: 1, late: 1, open: 0, unjudged: 0 });
    expect(spec.onTimeRate).toEqual({ numerator: 1, denominator: 2, percent: 50 });
    // listed staff without handlings show zeros and no rate
    const idle = stats.get(99)!;
    expect(idle.handled.received.total).toBe(0);
    expect(idle.onTimeRate.percent).toBeNull();
    expect(stats.get(1)!.handled.received.total).toBe(2);
    // the dossier sent back waits in the leader's step again, where no leader has acted yet: unheld
    expect(stats.get(4)!.holding.total).toBe(0);
  });

  const gaps = fc.array(
    fc.record({
      gap: fc.integer({ min: 0, max: 6 }),
      supplement: fc.boolean(),
      cut: fc.integer({ min: 2, max: 12 }),
    }),
    {
      maxLength: 8,
    },
  );
  const toArb = fc.integer({ min: 0, max: 80 });

  it('splits every kind exactly into on time, late, open and unjudged; each officer-kind counts a dossier at most once', () => {
    fc.assert(
      fc.property(gaps, toArb, fc.integer({ min: 0, max: 20 }), (ds, toH, fromH) => {
        const logs = ds.map((d) => birth(d.gap, { supplement: d.supplement }).slice(0, d.cut));
        const stats = officerStats(logs, AGENCY, T0 + fromH * H - 10 * H, T0 + toH * H);
        for (const o of stats.values())
          for (const k of HANDLING_KINDS) {
            const c = o.handled[k];
            expect(c.onTime + c.late + c.open + c.unjudged).toBe(c.total);
            expect(c.total).toBeLessThanOrEqual(logs.length);
          }
        // one holder at most per dossier
        const held = [...stats.values()].reduce((n, o) => n + o.holding.total, 0);
        expect(held).toBeLessThanOrEqual(logs.length);
      }),
    );
  });

  it('gives each officer an on-time rate in [0, 100] over the judged handlings, null exactly when none was judged', () => {
    fc.assert(
      fc.property(gaps, toArb, (ds, toH) => {
        const logs = ds.map((d) => birth(d.gap, { supplement: d.supplement }).slice(0, d.cut));
        const stats = officerStats(logs, AGENCY, T0 - H, T0 + toH * H, [1, 2, 3, 4, 5]);
        for (const o of stats.values()) {
          const kinds = HANDLING_KINDS.map((k) => o.handled[k]);
          const onTime = kinds.reduce((n, c) => n + c.onTime, 0);
          const late = kinds.reduce((n, c) => n + c.late, 0);
          expect([o.onTimeRate.numerator, o.onTimeRate.denominator]).toEqual([onTime, onTime + late]);
          if (onTime + late === 0) expect(o.onTimeRate.percent).toBeNull();
          else {
            expect(o.onTimeRate.percent).not.toBeNull();
            expect(o.onTimeRate.percent).toBeGreaterThanOrEqual(0);
            expect(o.onTimeRate.percent).toBeLessThanOrEqual(100);
          }
        }
      }),
    );
  });

  it('never turns a late handling on time as the period end moves later', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6 }), fc.boolean(), toArb, toArb, (gap, supplement, a, b) => {
        const log = birth(gap, { supplement });
        const [t1, t2] = [Math.min(a, b), Math.max(a, b)].map((h) => T0 + h * H) as [number, number];
        const late1 = foldOfficers(log, AGENCY, T0, t1).handlings.filter((h) => h.timing === 'late');
        const f2 = foldOfficers(log, AGENCY, T0, t2).handlings;
        for (const h of late1)
          expect(f2.find((x) => x.at === h.at && x.kind === h.kind)?.timing).toBe('late');
      }),
    );
  });
});
