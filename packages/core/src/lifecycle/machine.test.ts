import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTION_TYPES, type Actor, type DossierAction } from './actions.js';
import {
  ALLOWED_FROM,
  allowedActions,
  apply,
  clockStopped,
  EMPTY_DOSSIER,
  LifecycleError,
  nationalStatusOf,
  replay,
} from './machine.js';
import { DOSSIER_STATES, NATIONAL_STATUS, TERMINAL_STATES } from './states.js';

const officer: Actor = { kind: 'officer', staffId: 7, role: 'receiving_officer', agency: '000.01.99.H26' };
const citizen: Actor = { kind: 'applicant', citizenId: 3 };
const H = 3_600_000;
const t0 = Date.UTC(2026, 1, 2, 2, 0); // Monday 2 Feb 2026, 09:00 in Hà Nội

const errorOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof LifecycleError) return e.code;
    throw e;
  }
  return null;
};

/** Birth registration online: submitted, accepted, appraised, signed, returned online, rated. */
const happy: DossierAction[] = [
  { type: 'submit', channel: 'online', at: t0, actor: citizen },
  {
    type: 'accept',
    code: '000.01.99.H26-260202-0001',
    dueAt: t0 + 8 * H,
    step: 'TIEP_NHAN',
    at: t0 + H,
    actor: officer,
  },
  { type: 'forward', toStep: 'THAM_DINH', at: t0 + 2 * H, actor: officer },
  { type: 'assign', step: 'THAM_DINH', assigneeId: 9, at: t0 + 2 * H, actor: officer },
  { type: 'forward', toStep: 'KY', outcome: 'positive', at: t0 + 3 * H, actor: officer },
  { type: 'approve', at: t0 + 4 * H, actor: officer },
  { type: 'sign', at: t0 + 4 * H, actor: officer },
  { type: 'issue_result', resultCode: null, at: t0 + 5 * H, actor: officer },
  { type: 'return_result', delivery: 'online', at: t0 + 6 * H, actor: officer },
  { type: 'rate', score: 5, at: t0 + 30 * H, actor: citizen },
];

describe('the legal lifecycle', () => {
  it('maps every state to its national code and keeps 5, 6 and 8 apart from 9', () => {
    expect(DOSSIER_STATES.map((s) => NATIONAL_STATUS[s])).toEqual([null, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect([...TERMINAL_STATES].map((s) => NATIONAL_STATUS[s]).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([
      3, 7, 8, 10,
    ]);
  });

  it('follows a birth registration from submission to rating', () => {
    const states = happy.map((_, i) => replay(happy.slice(0, i + 1)));
    expect(states.map(nationalStatusOf)).toEqual([1, 2, 4, 4, 4, 4, 4, 9, 10, 10]);
    const last = states.at(-1)!;
    expect(last).toMatchObject({
      status: 'returned',
      version: 10,
      code: '000.01.99.H26-260202-0001',
      receivedAt: t0 + H,
      dueAt: t0 + 8 * H,
      finishedAt: t0 + 5 * H,
      returnedAt: t0 + 6 * H,
      delivery: 'online',
      rating: 5,
    });
  });

  it('reaches processing only through acceptance', () => {
    const submitted = replay(happy.slice(0, 1));
    expect(
      errorOf(() => apply(submitted, { type: 'forward', toStep: 'X', at: t0 + H, actor: officer })),
    ).toBe('ACTION_NOT_ALLOWED_IN_STATE');
  });

  it('guides once: a second completion request is refused', () => {
    let s = apply(EMPTY_DOSSIER, { type: 'register', channel: 'direct', at: t0, actor: officer });
    s = apply(s, {
      type: 'request_completion',
      missing: [{ name: 'Giấy chứng sinh', reason: 'chưa nộp' }],
      at: t0 + 1,
      actor: officer,
    });
    expect(nationalStatusOf(s)).toBe(1);
    expect(
      errorOf(() =>
        apply(s, {
          type: 'request_completion',
          missing: [{ name: 'Tờ khai', reason: 'chưa nộp' }],
          at: t0 + 2,
          actor: officer,
        }),
      ),
    ).toBe('COMPLETION_ALREADY_REQUESTED');
    expect(errorOf(() => apply(s, { type: 'refuse_intake', at: t0 + 2, actor: officer }))).toBe(
      'REASON_REQUIRED',
    );
    const refused = apply(s, {
      type: 'refuse_intake',
      reason: 'Không thuộc thẩm quyền',
      at: t0 + 2,
      actor: officer,
    });
    expect(nationalStatusOf(refused)).toBe(3);
    expect(allowedActions(refused, 'officer')).toEqual([]);
  });

  it('stops the clock for a supplement, allows a second request only with a reason', () => {
    let s = replay(happy.slice(0, 3));
    s = apply(s, {
      type: 'request_supplement',
      items: [{ name: 'Giấy chứng sinh', reason: 'bản sao mờ' }],
      at: t0 + 3 * H,
      actor: officer,
    });
    expect(s.status).toBe('supplement_requested');
    expect(nationalStatusOf(s)).toBe(5);
    expect(clockStopped(s)).toBe(true);
    s = apply(s, { type: 'supplement_received', dueAt: t0 + 30 * H, at: t0 + 25 * H, actor: citizen });
    expect(s).toMatchObject({ status: 'processing', dueAt: t0 + 30 * H, appointmentAt: t0 + 30 * H });
    expect(s.pauses).toEqual([{ kind: 'supplement', from: t0 + 3 * H, to: t0 + 25 * H }]);
    const second: DossierAction = {
      type: 'request_supplement',
      items: [{ name: 'Tờ khai', reason: 'thiếu chữ ký' }],
      at: t0 + 26 * H,
      actor: officer,
    };
    expect(errorOf(() => apply(s, second))).toBe('SUPPLEMENT_REASON_REQUIRED');
    expect(apply(s, { ...second, reason: 'Phát hiện sai sót mới' }).supplementRequests).toBe(2);
  });

  it('a calendar change moves the due instant by a logged action of the system (B8)', () => {
    const system: Actor = { kind: 'system' };
    const moved: DossierAction = {
      type: 'recalculate_due',
      dueAt: t0 + 32 * H,
      calendars: '12@4',
      at: t0 + 3 * H,
      actor: system,
    };
    const s = replay(happy.slice(0, 3));
    expect(apply(s, moved)).toMatchObject({
      dueAt: t0 + 32 * H,
      appointmentAt: t0 + 32 * H,
      status: 'processing',
    });
    // only the system recomputes; an officer cannot move a due instant this way
    expect(errorOf(() => apply(s, { ...moved, actor: officer }))).toBe('ACTOR_NOT_ALLOWED');
    // a later appointment promised in an apology stays
    const apologised = apply(s, {
      type: 'apologise',
      agency: 'A',
      newAppointmentAt: t0 + 50 * H,
      reason: 'chậm',
      at: t0 + 3 * H,
      actor: officer,
    });
    expect(apply(apologised, moved)).toMatchObject({ dueAt: t0 + 32 * H, appointmentAt: t0 + 50 * H });
    // while the clock is stopped, and before the receipt, it is refused
    const paused = apply(s, {
      type: 'request_supplement',
      items: [{ name: 'Tờ khai', reason: 'thiếu chữ ký' }],
      at: t0 + 3 * H,
      actor: officer,
    });
    expect(errorOf(() => apply(paused, moved))).toBe('ACTION_NOT_ALLOWED_IN_STATE');
    expect(errorOf(() => apply(s, { ...moved, dueAt: t0 }))).toBe('DUE_BEFORE_RECEIPT');
    // awaiting a payment that stops the clock
    const paying = apply(s, {
      type: 'request_payment',
      amountVnd: 8000,
      pausesClock: true,
      at: t0 + 3 * H,
      actor: officer,
    });
    expect(errorOf(() => apply(paying, moved))).toBe('CLOCK_STOPPED');
    // and never after the result
    const done = replay(happy.slice(0, 8));
    expect(errorOf(() => apply(done, { ...moved, at: t0 + 6 * H }))).toBe('ACTION_NOT_ALLOWED_IN_STATE');
  });

  it('an apology moves the appointment, never the due instant that decides lateness', () => {
    let s = replay(happy.slice(0, 3));
    s = apply(s, {
      type: 'apologise',
      agency: '000.01.99.H26',
      newAppointmentAt: t0 + 48 * H,
      reason: 'Chờ xác minh',
      at: t0 + 7 * H,
      actor: officer,
    });
    expect(s).toMatchObject({ dueAt: t0 + 8 * H, appointmentAt: t0 + 48 * H });
    expect(
      errorOf(() =>
        apply(s, {
          type: 'apologise',
          agency: 'x',
          newAppointmentAt: t0 + 40 * H,
          reason: 'x',
          at: t0 + 8 * H,
          actor: officer,
        }),
      ),
    ).toBe('APPOINTMENT_NOT_LATER');
  });

  it('does not issue a result before consultations and liên thông are back and the result is signed', () => {
    let s = replay(happy.slice(0, 3));
    s = apply(s, {
      type: 'consult',
      consultationId: 'c1',
      unit: 'VP',
      dueAt: t0 + 6 * H,
      at: t0 + 3 * H,
      actor: officer,
    });
    s = apply(s, {
      type: 'joint_send',
      jointId: 'j1',
      agency: '000.00.12.H26',
      dueAt: t0 + 100 * H,
      at: t0 + 3 * H,
      actor: officer,
    });
    s = apply(s, { type: 'sign', at: t0 + 4 * H, actor: officer });
    const issue: DossierAction = { type: 'issue_result', resultCode: null, at: t0 + 5 * H, actor: officer };
    expect(errorOf(() => apply(s, issue))).toBe('CONSULTATIONS_OPEN');
    s = apply(s, {
      type: 'answer_consultation',
      consultationId: 'c1',
      opinion: 'Đồng ý',
      at: t0 + 5 * H,
      actor: officer,
    });
    expect(errorOf(() => apply(s, issue))).toBe('JOINTS_OPEN');
    s = apply(s, {
      type: 'joint_done',
      jointId: 'j1',
      outcome: 'positive',
      at: t0 + 5 * H,
      actor: { kind: 'system' },
    });
    expect(apply(s, issue).status).toBe('result_ready');
  });

  it('never accepts an action dated before the previous one', () => {
    const s = replay(happy.slice(0, 3));
    expect(errorOf(() => apply(s, { type: 'approve', at: t0, actor: officer }))).toBe('TIME_BEFORE_LAST');
  });

  it('sets the processing end once: a stop after a result is impossible', () => {
    const ready = replay(happy.slice(0, 8));
    expect(
      errorOf(() =>
        apply(ready, { type: 'stop', legalGround: 'x', reason: 'x', at: t0 + 9 * H, actor: officer }),
      ),
    ).toBe('ACTION_NOT_ALLOWED_IN_STATE');
    const stopped = apply(replay(happy.slice(0, 3)), {
      type: 'stop',
      legalGround: 'Điều 18 Nghị định 61/2018',
      reason: 'Không đủ điều kiện',
      at: t0 + 4 * H,
      actor: officer,
    });
    expect(stopped).toMatchObject({ status: 'stopped', finishedAt: t0 + 4 * H });
  });
});

describe('steps and their performers', () => {
  const p = (agencyId: number, dueAt: number) => ({
    role: 'specialist' as const,
    agencyId,
    departmentId: 4,
    dueAt,
  });
  it('records who performs the current step and until when, and forgets it when processing ends', () => {
    let s = replay(happy.slice(0, 1));
    s = apply(s, { ...(happy[1] as DossierAction & { type: 'accept' }), performer: p(1, t0 + 2 * H) });
    expect(s).toMatchObject({
      stepAgencyId: 1,
      stepRole: 'specialist',
      stepStartedAt: t0 + H,
      stepDueAt: t0 + 2 * H,
    });
    s = apply(s, {
      type: 'forward',
      toStep: 'THAM_DINH',
      performer: p(2, t0 + 5 * H),
      at: t0 + 2 * H,
      actor: officer,
    });
    expect(s).toMatchObject({ currentStep: 'THAM_DINH', stepAgencyId: 2, stepStartedAt: t0 + 2 * H });
    // assigning within the step keeps its start and budget
    s = apply(s, { type: 'assign', step: 'THAM_DINH', assigneeId: 9, at: t0 + 3 * H, actor: officer });
    expect(s).toMatchObject({ assigneeId: 9, stepStartedAt: t0 + 2 * H, stepDueAt: t0 + 5 * H });
    s = replay(happy.slice(4, 8), s);
    expect(s).toMatchObject({
      status: 'result_ready',
      currentStep: null,
      stepAgencyId: null,
      stepDueAt: null,
    });
  });

  it('opens a liên thông child dossier as accepted, only as the system', () => {
    const child = apply(EMPTY_DOSSIER, {
      type: 'receive_joint',
      channel: 'direct',
      parentCode: 'P',
      jointId: 'j1',
      code: 'C',
      dueAt: t0 + 9 * H,
      step: 'THAM_DINH',
      performer: p(3, t0 + 4 * H),
      at: t0,
      actor: { kind: 'system' },
    });
    expect(child).toMatchObject({
      status: 'accepted',
      receivedAt: t0,
      code: 'C',
      channel: 'direct',
      stepAgencyId: 3,
    });
    expect(
      errorOf(() =>
        apply(EMPTY_DOSSIER, {
          type: 'receive_joint',
          channel: 'direct',
          parentCode: 'P',
          jointId: 'j1',
          code: 'C',
          dueAt: t0 + 9 * H,
          step: 'A',
          at: t0,
          actor: officer,
        }),
      ),
    ).toBe('ACTOR_NOT_ALLOWED');
  });
});

// ---------------------------------------------------------------------------------------------
const actors: Actor[] = [officer, citizen, { kind: 'system' }];
const performer = (n: number, dueAt: number) =>
  n === 0 ? undefined : { role: 'specialist' as const, agencyId: n, departmentId: n > 1 ? n : null, dueAt };
const arbAction = (at: number): fc.Arbitrary<DossierAction> =>
  fc
    .record({
      type: fc.constantFrom(...ACTION_TYPES),
      actor: fc.constantFrom(...actors),
      reason: fc.option(fc.constantFrom('Lý do', ''), { nil: undefined }),
      dt: fc.integer({ min: -H, max: 48 * H }),
      n: fc.integer({ min: 0, max: 3 }),
    })
    .map(({ type, actor, reason, dt, n }) => {
      const base = { at: at + dt, actor, reason };
      const id = `x${n}`;
      const due = at + dt + 40 * H;
      switch (type) {
        case 'submit':
          return { ...base, type, channel: 'online' };
        case 'register':
          return { ...base, type, channel: 'direct' };
        case 'request_completion':
          return { ...base, type, missing: n ? [{ name: 'Tờ khai', reason: 'chưa nộp' }] : [] };
        case 'accept':
          return { ...base, type, code: `C-${n}`, dueAt: due, step: 'A', performer: performer(n, due) };
        case 'receive_joint':
          return {
            ...base,
            type,
            channel: 'online',
            parentCode: 'P-1',
            jointId: id,
            code: `J-${n}`,
            dueAt: due,
            step: 'A',
          };
        case 'assign':
          return { ...base, type, step: n % 2 ? 'A' : 'B', assigneeId: n };
        case 'forward':
          return {
            ...base,
            type,
            toStep: `S${n}`,
            outcome: n % 2 ? 'positive' : 'negative',
            performer: performer(n, due - H),
          };
        case 'return_step':
          return { ...base, type, toStep: 'A' };
        case 'consult':
          return { ...base, type, consultationId: id, unit: 'VP', dueAt: due };
        case 'answer_consultation':
          return { ...base, type, consultationId: id, opinion: 'ok' };
        case 'request_supplement':
          return { ...base, type, items: n ? [{ name: 'x', reason: 'y' }] : [] };
        case 'supplement_received':
        case 'payment_received':
          return { ...base, type, dueAt: due };
        case 'recalculate_due':
          return { ...base, type, dueAt: due, calendars: `1@${n}` };
        case 'request_payment':
          return { ...base, type, amountVnd: n * 10_000, pausesClock: n % 2 === 0 };
        case 'joint_send':
          return { ...base, type, jointId: id, agency: 'A', dueAt: due };
        case 'joint_done':
          return { ...base, type, jointId: id, outcome: 'positive' };
        case 'issue_result':
          return { ...base, type, resultCode: null };
        case 'apologise':
          return { ...base, type, agency: 'A', newAppointmentAt: due + n * H };
        case 'stop':
          return { ...base, type, legalGround: 'x' };
        case 'return_result':
          return { ...base, type, delivery: 'counter' };
        case 'rate':
          return { ...base, type, score: n + 2 };
        default:
          return { ...base, type } as DossierAction;
      }
    });

describe('invariants under any sequence of attempted actions', () => {
  it('a refused action changes nothing; the accepted ones replay to the same state', () => {
    fc.assert(
      fc.property(fc.array(arbAction(t0), { maxLength: 60 }), (attempts) => {
        let s = EMPTY_DOSSIER;
        const log: DossierAction[] = [];
        for (const a of attempts) {
          const before = s;
          try {
            s = apply(s, a);
            log.push(a);
          } catch (e) {
            if (!(e instanceof LifecycleError)) throw e;
            expect(s).toBe(before);
          }
          // invariants of every reachable state
          expect(s.version).toBe(log.length);
          expect(DOSSIER_STATES).toContain(s.status);
          for (const p of s.pauses) if (p.to !== null) expect(p.to).toBeGreaterThanOrEqual(p.from);
          expect(s.pauses.filter((p) => p.to === null).length).toBeLessThanOrEqual(2);
          if (s.status === 'supplement_requested') expect(clockStopped(s)).toBe(true);
          if (s.receivedAt !== null) expect(s.dueAt).toBeGreaterThan(s.receivedAt);
          if (s.appointmentAt !== null && s.dueAt !== null)
            expect(s.appointmentAt).toBeGreaterThanOrEqual(s.dueAt);
          // a step's performer is known exactly while the dossier is in that step
          if (s.currentStep === null) expect(s.stepStartedAt).toBeNull();
          if (s.stepAgencyId !== null) expect(s.currentStep).not.toBeNull();
        }
        expect(replay(log)).toEqual(s);
        // times never go backwards and every action has an actor
        for (let i = 1; i < log.length; i++) expect(log[i]!.at).toBeGreaterThanOrEqual(log[i - 1]!.at);
        // nothing follows a terminal state
        // nothing but a rating follows a terminal state
        const firstTerminal = log.findIndex((_, i) =>
          TERMINAL_STATES.has(replay(log.slice(0, i + 1)).status),
        );
        if (firstTerminal >= 0) for (const a of log.slice(firstTerminal + 1)) expect(a.type).toBe('rate');
      }),
      { numRuns: 300 },
    );
  });

  it('the processing end, once set, never changes', () => {
    fc.assert(
      fc.property(fc.array(arbAction(t0), { maxLength: 60 }), (attempts) => {
        let s = EMPTY_DOSSIER;
        let end: number | null = null;
        for (const a of attempts) {
          try {
            s = apply(s, a);
          } catch {
            continue;
          }
          if (end !== null) expect(s.finishedAt).toBe(end);
          end = s.finishedAt;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('allowedActions lists exactly the actions the state table permits', () => {
    for (const kind of ['officer', 'applicant', 'system'] as const) {
      const listed = allowedActions(replay(happy.slice(0, 3)), kind);
      for (const t of listed) expect(ALLOWED_FROM[t]).toContain('processing');
    }
  });
});
