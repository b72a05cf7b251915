/**
 * Log templates for the dossier generator (generate-dossiers.ts). A template is one dossier's
 * whole life along a demo workflow (intake, every step, the result), built by applying the core
 * actions one by one with core `apply`, so every log is one the lifecycle accepts. The generator
 * instantiates a template thousands of times in SQL with other times, staff, codes and
 * applicants; a dossier whose life is not over yet takes the first j actions of its template, and
 * the state stored for it is the snapshot `apply` gave after those j actions.
 *
 * What varies per dossier is written as sentinels while building and turned into PostgreSQL
 * format() placeholders (`%N$s`) at the end: times are offsets from the submission (T0 + ms),
 * officers are "the performer of step s" (STAFF0 + s, agency "@AGs@"), the performer's place is
 * AGENCY0 + s and DEPARTMENT0 + s (a department id or JSON null), the citizen is CITIZEN, the
 * dossier code "@CODE@" and the competent agency "@COMP@". Applying an affine map to all times of
 * a log (shift, and scale by a positive factor) keeps every order and every inequality the
 * lifecycle checks, so the instantiated log still replays to the instantiated state.
 */
import {
  type Actor,
  apply,
  type DossierAction,
  type DossierSnapshot,
  EMPTY_DOSSIER,
  NATIONAL_STATUS,
  type Role,
  type StepPerformer,
  type WorkflowDefinition,
  type WorkflowStep,
} from '@motcua/core';

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
/** Calendar hours per working hour (8-hour days, five days a week): plausible, not legal, deadlines. */
export const CALENDAR_PER_WORKING_HOUR = 4.2;
/** Longest workflow the generator handles (steps); argument positions depend on it. */
export const MAX_STEPS = 16;

/** Positions of format() arguments; the generator builds the same array per dossier. */
export const ARG = {
  code: 1,
  citizen: 2,
  competent: 3,
  /** staff id of the officer performing step s */
  staff: (step: number) => 4 + step,
  /** electronic identifier of that officer's agency */
  agency: (step: number) => 4 + MAX_STEPS + step,
  /** id of the agency performing step s (StepPerformer.agencyId) */
  stepAgency: (step: number) => 4 + 2 * MAX_STEPS + step,
  /** id of its department, or `null` */
  stepDepartment: (step: number) => 4 + 3 * MAX_STEPS + step,
  /** k: index of the time in the path's `times` */
  time: (k: number) => 4 + 4 * MAX_STEPS + k,
};

const T0 = 7_000_000_000_000;
const STAFF0 = 8_000_000_000_000;
const AGENCY0 = 8_100_000_000_000;
const DEPARTMENT0 = 8_200_000_000_000;
const CITIZEN = 8_500_000_000_000;

export const CHANNELS = ['online', 'direct', 'postal'] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_WEIGHTS: Record<Channel, number> = { online: 0.55, direct: 0.4, postal: 0.05 };

export const SCENARIOS = [
  'returned', // the common case: in time, result collected
  'rated', // the same, online, and the applicant rates the service
  'late', // slow: finished after the due instant
  'late_apology', // slow, with an apology and a new appointment before the due instant
  'stuck', // very slow (three to five times the budget), with an apology
  'supplement', // the specialist asks for a supplement once; the clock stops until it arrives
  'completion', // the receiving officer asks once for completion before accepting
  'payment', // a financial obligation that stops the clock (procedures that have one)
  'refused', // refused at intake
  'withdrawn_intake', // the applicant withdraws before acceptance (online)
  'withdrawn', // withdrawn during processing
  'stopped', // negative appraisal: the refusal step stops processing
] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** Share of each scenario among a workflow's dossiers, before channel restrictions. */
export const SCENARIO_WEIGHTS: Record<Scenario, number> = {
  returned: 0.54,
  rated: 0.13,
  late: 0.03,
  late_apology: 0.05,
  stuck: 0.02,
  supplement: 0.08,
  completion: 0.04,
  payment: 0.04,
  refused: 0.03,
  withdrawn_intake: 0.01,
  withdrawn: 0.01,
  stopped: 0.02,
};

/** A workflow as the generator sees it: the definition, its legal limit, whether fees stop the clock. */
export interface Shape {
  id: number;
  definition: WorkflowDefinition;
  limitHours: number;
  payment: boolean;
}

export interface TemplateAction {
  seq: number;
  type: DossierAction['type'];
  /** index into the path's times */
  at: number;
  reason: string | null;
  /** the payload JSON as a format() string */
  payload: string;
}

/** The dossier after the first j actions of a path. */
export interface Template {
  j: number;
  status: DossierSnapshot['status'];
  nationalStatus: number | null;
  /** index of the acceptance time (the code is issued then), null before */
  received: number | null;
  /** the state JSON as a format() string */
  state: string;
}

export interface Path {
  id: number;
  shape: number;
  channel: Channel;
  scenario: Scenario;
  variant: number;
  /** share of the shape's dossiers that follow this path */
  weight: number;
  /** offsets (ms from the submission) of every time the path uses; argument ARG.time(k) */
  times: number[];
  /** offset of each action, ascending: a dossier of age a (in the path's time) has done the actions up to a */
  actionTimes: number[];
  actions: TemplateAction[];
  templates: Template[];
  /** the final snapshot with sentinels, for tests */
  final: DossierSnapshot;
}

/** A small deterministic generator (xorshift32): the same templates on every run. */
export function prng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4294967296;
  };
}

interface Place {
  index: number;
  step: WorkflowStep;
  started: number;
  due: number;
}

const REASONS = {
  refuse: 'Hồ sơ không thuộc thẩm quyền giải quyết; đã hướng dẫn nộp tại cơ quan có thẩm quyền',
  withdraw: 'Tổ chức, cá nhân có văn bản đề nghị rút hồ sơ',
  stop: 'Kết quả thẩm định không đủ điều kiện giải quyết',
  apology: 'Hồ sơ cần xác minh thêm nên chưa giải quyết kịp thời hạn',
};

const APOLOGY_ALLOWED = new Set(['accepted', 'processing', 'supplement_requested', 'awaiting_payment']);

/** Records one path: each action applied with core `apply` (a refusal is a bug here), and the step after it. */
class PathBuilder {
  private state: DossierSnapshot = EMPTY_DOSSIER;
  private readonly timeIndex = new Map<number, number>();
  readonly times: number[] = [];
  readonly actions: DossierAction[] = [];
  readonly snapshots: DossierSnapshot[] = [];
  readonly desk: number;
  private place: Place | null = null;
  private last = -MINUTE;
  /** an apology to record before the first action after `at`, if the dossier is still being processed */
  apology: { at: number; slack: number } | null = null;

  constructor(
    readonly shape: Shape,
    readonly channel: Channel,
  ) {
    this.desk = shape.definition.steps.findIndex((s) => s.code === shape.definition.start);
  }

  /** A time (ms from the submission) as a sentinel, registered among the path's times. */
  t(ms: number): number {
    const v = Math.round(ms);
    if (!this.timeIndex.has(v)) {
      this.timeIndex.set(v, this.times.length);
      this.times.push(v);
    }
    return T0 + v;
  }

  indexOf(sentinelOrMs: number): number {
    const ms = sentinelOrMs >= T0 ? sentinelOrMs - T0 : sentinelOrMs;
    const k = this.timeIndex.get(ms);
    if (k === undefined) throw new Error(`time ${ms} was not registered`);
    return k;
  }

  officer(step: number, role: Role): Actor {
    return { kind: 'officer', staffId: STAFF0 + step, role, agency: `@AG${step}@` };
  }

  /** The one-stop unit records what is handed in or asked for at the counter. */
  deskOfficer(): Actor {
    return this.officer(this.desk, 'receiving_officer');
  }

  applicantOrDesk(): Actor {
    return this.channel === 'online' ? { kind: 'applicant', citizenId: CITIZEN } : this.deskOfficer();
  }

  get current(): Place | null {
    return this.place;
  }

  /**
   * The dossier enters step `index` at `at` (null: it leaves the steps); returns the performer the
   * entering action carries, as the server resolves it (modules/dossiers/world.ts performerOf):
   * a receiving officer's step at the receiving agency, a liên thông step at the joint agency,
   * any other at the step's agency (else the competent one) and department.
   */
  enter(index: number, at: number): StepPerformer {
    const step = this.shape.definition.steps[index]!;
    const due = at + step.budgetHours * CALENDAR_PER_WORKING_HOUR * HOUR;
    this.place = { index, step, started: at, due };
    return {
      role: step.kind === 'task' ? step.role : null,
      agencyId: AGENCY0 + index,
      departmentId: DEPARTMENT0 + index,
      dueAt: step.budgetHours > 0 ? this.t(due) : null,
    };
  }

  leave() {
    this.place = null;
  }

  /**
   * Records the action made for instant max(at, previous + 1 min). Returns the instant used.
   */
  record(make: (at: number) => DossierAction, at: number): number {
    const when = Math.max(Math.round(at), this.last + MINUTE);
    if (this.apology && when > this.apology.at) {
      const { at: aAt, slack } = this.apology;
      this.apology = null;
      if (APOLOGY_ALLOWED.has(this.state.status)) {
        const appointment = (this.state.appointmentAt ?? T0) - T0;
        this.record(
          (x) => ({
            type: 'apologise',
            agency: '@COMP@',
            newAppointmentAt: this.t(Math.max(appointment, x) + slack),
            reason: REASONS.apology,
            at: this.t(x),
            actor: this.deskOfficer(),
          }),
          aAt,
        );
      }
      return this.record(make, at);
    }
    const action = make(when);
    this.state = apply(this.state, action);
    this.last = when;
    this.actions.push(action);
    this.snapshots.push(this.state);
    return when;
  }

  get snapshot(): DossierSnapshot {
    return this.state;
  }
}

function nextOf(step: WorkflowStep, outcome: 'positive' | 'negative'): string | null {
  const conditional = (o: string) =>
    step.next.find((x) => x.when && 'outcome' in x.when && x.when.outcome === o);
  if (outcome === 'negative') return conditional('negative')?.to ?? null;
  return (conditional('positive') ?? step.next.find((x) => !x.when))?.to ?? null;
}

/** Scenarios a shape and channel allow (applicant-only actions need the online channel). */
export function scenariosFor(shape: Shape, channel: Channel): Scenario[] {
  const hasNegative = shape.definition.steps.some((s) => s.kind === 'task' && nextOf(s, 'negative') !== null);
  return SCENARIOS.filter((s) => {
    if (s === 'rated' || s === 'withdrawn_intake') return channel === 'online';
    if (s === 'completion') return channel !== 'direct';
    if (s === 'payment') return shape.payment;
    if (s === 'stopped') return hasNegative;
    return true;
  });
}

/** How fast the officers work, as a multiple of the step budgets. */
function paceOf(scenario: Scenario, variant: number): number {
  if (scenario === 'stuck') return variant ? 5 : 3.2;
  if (scenario === 'late' || scenario === 'late_apology') return variant ? 2.3 : 1.7;
  return variant ? 0.7 : 0.3;
}

const DELIVERY: Record<Channel, 'online' | 'counter' | 'postal'> = {
  online: 'online',
  direct: 'counter',
  postal: 'postal',
};

/** One dossier's life along `shape` for a channel and scenario; `variant` picks the pace. */
export function buildPath(
  shape: Shape,
  channel: Channel,
  scenario: Scenario,
  variant: number,
  id: number,
  weight: number,
): Path {
  const def = shape.definition;
  if (def.steps.length > MAX_STEPS)
    throw new Error(`workflows of more than ${MAX_STEPS} steps are not supported`);
  const index = new Map(def.steps.map((s, i) => [s.code, i]));
  const b = new PathBuilder(shape, channel);
  const random = prng(id * 7919 + 17);
  const between = (lo: number, hi: number) => lo + (hi - lo) * random();
  const pace = paceOf(scenario, variant);
  const duration = (step: WorkflowStep) =>
    Math.max(10 * MINUTE, step.budgetHours * CALENDAR_PER_WORKING_HOUR * HOUR * pace * between(0.5, 1.5));
  const desk = b.deskOfficer();
  const done = () => finish(b, shape, channel, scenario, variant, id, weight);

  // intake: an online submission, or a registration at the counter (also what arrives by post)
  b.record(
    (at) =>
      channel === 'online'
        ? { type: 'submit', channel, at: b.t(at), actor: { kind: 'applicant', citizenId: CITIZEN } }
        : { type: 'register', channel, at: b.t(at), actor: desk },
    0,
  );
  let t =
    channel === 'direct'
      ? between(10, 40) * MINUTE
      : channel === 'online'
        ? between(1, 20) * HOUR
        : between(4, 30) * HOUR;
  if (scenario === 'refused') {
    b.record((at) => ({ type: 'refuse_intake', reason: REASONS.refuse, at: b.t(at), actor: desk }), t);
    return done();
  }
  if (scenario === 'withdrawn_intake') {
    const at = t + between(1, 3) * DAY;
    b.record(
      (x) => ({ type: 'withdraw', reason: REASONS.withdraw, at: b.t(x), actor: b.applicantOrDesk() }),
      at,
    );
    return done();
  }
  if (scenario === 'completion') {
    b.record(
      (at) => ({
        type: 'request_completion',
        missing: [
          { name: 'Bản sao giấy tờ chứng minh nhân thân', reason: 'Chưa nộp' },
          { name: 'Tờ khai', reason: 'Còn thiếu chữ ký của người yêu cầu' },
        ],
        at: b.t(at),
        actor: desk,
      }),
      t,
    );
    t += between(1, 4) * DAY;
  }
  let due = 0;
  t = b.record((at) => {
    due = at + shape.limitHours * CALENDAR_PER_WORKING_HOUR * HOUR;
    const performer = b.enter(b.desk, at);
    return {
      type: 'accept',
      code: '@CODE@',
      dueAt: b.t(due),
      step: def.start,
      performer,
      at: b.t(at),
      actor: desk,
    };
  }, t);
  if (scenario === 'late_apology' || scenario === 'stuck') {
    // the delay is seen coming a little before the due instant; the new appointment leaves room
    // for the slowest path (every budget at most 1.5 × pace)
    const budget = def.steps.reduce((n, s) => n + s.budgetHours, 0) * CALENDAR_PER_WORKING_HOUR * HOUR;
    b.apology = { at: Math.max(t + HOUR, due - between(4, 20) * HOUR), slack: budget * pace * 1.5 + 2 * DAY };
  }

  let current = b.desk;
  let previous: { index: number; role: Role } | null = null;
  let supplemented = false;
  let paid = false;
  let negative = false;
  for (let guard = 0; guard <= def.steps.length * 2; guard++) {
    const step = def.steps[current]!;
    const started = b.current?.started ?? t;
    const d = duration(step);
    if (step.kind === 'joint') {
      // liên thông: the other agency's part; the parent waits (not a clock stop), then issues
      const jointDue = started + step.budgetHours * CALENDAR_PER_WORKING_HOUR * HOUR;
      b.record(
        (at) => ({
          type: 'joint_send',
          jointId: 'LT1',
          agency: step.agency,
          dueAt: b.t(jointDue),
          at: b.t(at),
          actor: { kind: 'system' },
        }),
        started + 5 * MINUTE,
      );
      b.record(
        (at) => ({
          type: 'joint_done',
          jointId: 'LT1',
          outcome: 'positive',
          at: b.t(at),
          actor: { kind: 'system' },
        }),
        started + d,
      );
      const next = nextOf(step, 'positive');
      const target = next === null ? null : index.get(next)!;
      const clerk = previous?.index ?? b.desk;
      if (target === null) throw new Error(`joint step ${step.code} leads nowhere`);
      // issuing leaves the workflow's performers; the walk still times the hand-over step
      t = b.record(
        (at) => {
          b.enter(target, at);
          return { type: 'issue_result', resultCode: 'KQ', at: b.t(at), actor: b.officer(clerk, 'clerk') };
        },
        started + d + 30 * MINUTE,
      );
      previous = null;
      current = target;
      continue;
    }
    const me = b.officer(current, step.role);
    let resume = 0;
    if (step.end === 'result') {
      // the result waits at the one-stop unit (online: sent to the applicant's data store)
      const wait = channel === 'online' ? between(2, 30) * HOUR : between(1, 5) * DAY;
      b.record(
        (at) => ({ type: 'return_result', delivery: DELIVERY[channel], at: b.t(at), actor: me }),
        started + wait,
      );
      if (scenario === 'rated') {
        const score = between(0, 1) < 0.7 ? 5 : 4;
        b.record(
          (at) => ({ type: 'rate', score, at: b.t(at), actor: { kind: 'applicant', citizenId: CITIZEN } }),
          t + wait + between(0.5, 3) * DAY,
        );
      }
      return done();
    }
    if (step.role === 'specialist') {
      // taken by the specialist, or assigned by the head who handed it over
      const by = previous?.role === 'department_head' ? b.officer(previous.index, 'department_head') : me;
      b.record(
        (at) => ({ type: 'assign', step: step.code, assigneeId: STAFF0 + current, at: b.t(at), actor: by }),
        started + d * 0.1,
      );
    }
    if (step.consultations?.length) {
      const c = step.consultations[0]!;
      const consultDue = started + c.budgetHours * CALENDAR_PER_WORKING_HOUR * HOUR;
      b.record(
        (at) => ({
          type: 'consult',
          consultationId: 'YK1',
          unit: c.agency ?? c.department ?? 'phòng chuyên môn',
          dueAt: b.t(consultDue),
          at: b.t(at),
          actor: me,
        }),
        started + d * 0.2,
      );
      b.record(
        (at) => ({
          type: 'answer_consultation',
          consultationId: 'YK1',
          opinion: 'Thống nhất',
          at: b.t(at),
          actor: me,
        }),
        started + d * 0.7,
      );
    }
    if (
      scenario === 'supplement' &&
      !supplemented &&
      step.role === 'specialist' &&
      step.actions.includes('request_supplement')
    ) {
      supplemented = true;
      const asked = b.record(
        (at) => ({
          type: 'request_supplement',
          items: [{ name: 'Bản vẽ, giấy tờ kèm theo', reason: 'Chưa đầy đủ, chưa hợp lệ' }],
          at: b.t(at),
          actor: me,
        }),
        started + d * 0.4,
      );
      resume = between(1, 8) * DAY;
      due += resume;
      const newDue = due;
      b.record(
        (at) => ({
          type: 'supplement_received',
          dueAt: b.t(newDue),
          at: b.t(at),
          actor: b.applicantOrDesk(),
        }),
        asked + resume,
      );
    }
    if (
      scenario === 'payment' &&
      !paid &&
      step.role === 'department_head' &&
      step.actions.some((a) => a === 'approve' || a === 'submit_approval')
    ) {
      paid = true;
      const asked = b.record(
        (at) => ({ type: 'request_payment', amountVnd: 250_000, pausesClock: true, at: b.t(at), actor: me }),
        started + d * 0.3,
      );
      resume = between(2, 10) * DAY;
      due += resume;
      const newDue = due;
      b.record(
        (at) => ({ type: 'payment_received', dueAt: b.t(newDue), at: b.t(at), actor: { kind: 'system' } }),
        asked + resume,
      );
    }
    if (scenario === 'withdrawn' && step.role === 'specialist') {
      b.record(
        (at) => ({ type: 'withdraw', reason: REASONS.withdraw, at: b.t(at), actor: b.applicantOrDesk() }),
        started + resume + d * 0.5,
      );
      return done();
    }
    const leave = started + resume + d;
    if (step.end === 'refusal') {
      b.record(
        (at) => ({
          type: 'stop',
          legalGround: 'Điểm b khoản 2 Điều 18 Nghị định 61/2018/NĐ-CP',
          reason: REASONS.stop,
          at: b.t(at),
          actor: me,
        }),
        leave,
      );
      return done();
    }
    if (step.actions.includes('sign')) {
      if (step.actions.includes('approve'))
        b.record((at) => ({ type: 'approve', at: b.t(at), actor: me }), started + resume + d * 0.6);
      b.record((at) => ({ type: 'sign', at: b.t(at), actor: me }), started + resume + d * 0.9);
    }
    const wantNegative: boolean = scenario === 'stopped' && !negative && nextOf(step, 'negative') !== null;
    const next = nextOf(step, wantNegative ? 'negative' : 'positive');
    if (next === null) throw new Error(`workflow step ${step.code} has no way forward`);
    const target = index.get(next)!;
    if (step.actions.includes('issue_result') && def.steps[target]!.kind !== 'joint') {
      t = b.record((at) => {
        b.enter(target, at);
        return { type: 'issue_result', resultCode: 'KQ', at: b.t(at), actor: me };
      }, leave);
    } else {
      negative ||= wantNegative;
      t = b.record(
        (at) => ({
          type: 'forward',
          toStep: next,
          outcome: wantNegative ? 'negative' : 'positive',
          performer: b.enter(target, at),
          at: b.t(at),
          actor: me,
        }),
        leave,
      );
    }
    previous = { index: current, role: step.role };
    current = target;
  }
  throw new Error(`the walk along ${def.start}… did not end`);
}

/** PostgreSQL format() text of a JSON value with sentinels. */
function formatText(b: PathBuilder, value: unknown): string {
  const json = JSON.stringify(value).replaceAll('%', '%%');
  return json
    .replace(/"@CODE@"/g, `"%${ARG.code}$s"`)
    .replace(/"@COMP@"/g, `"%${ARG.competent}$s"`)
    .replace(/"@AG(\d+)@"/g, (_, s: string) => `"%${ARG.agency(Number(s))}$s"`)
    .replace(/\b8500000000000\b/g, `%${ARG.citizen}$s`)
    .replace(/\b8000000000(\d{3})\b/g, (_, s: string) => `%${ARG.staff(Number(s))}$s`)
    .replace(/\b8100000000(\d{3})\b/g, (_, s: string) => `%${ARG.stepAgency(Number(s))}$s`)
    .replace(/\b8200000000(\d{3})\b/g, (_, s: string) => `%${ARG.stepDepartment(Number(s))}$s`)
    .replace(/\b70\d{11}\b/g, (m) => `%${ARG.time(b.indexOf(Number(m)))}$s`);
}

function finish(
  b: PathBuilder,
  shape: Shape,
  channel: Channel,
  scenario: Scenario,
  variant: number,
  id: number,
  weight: number,
): Path {
  const accepted = b.actions.findIndex((a) => a.type === 'accept');
  const templates = b.snapshots.map((s, i): Template => {
    return {
      j: i + 1,
      status: s.status,
      nationalStatus: NATIONAL_STATUS[s.status],
      received: accepted >= 0 && i >= accepted ? b.indexOf(b.actions[accepted]!.at) : null,
      state: formatText(b, s),
    };
  });
  return {
    id,
    shape: shape.id,
    channel,
    scenario,
    variant,
    weight,
    times: b.times,
    actionTimes: b.actions.map((a) => a.at - T0),
    actions: b.actions.map((a, i) => ({
      seq: i + 1,
      type: a.type,
      at: b.indexOf(a.at),
      reason: a.reason ?? null,
      payload: formatText(b, a),
    })),
    templates,
    final: b.snapshot,
  };
}

/**
 * Every path of a shape: each channel × allowed scenario × two paces, weighted so that a shape's
 * weights sum to 1 (channels by CHANNEL_WEIGHTS, scenarios by SCENARIO_WEIGHTS renormalised over
 * those the channel allows).
 */
export function pathsOf(shape: Shape, firstId: number): Path[] {
  const out: Path[] = [];
  for (const channel of CHANNELS) {
    const allowed = scenariosFor(shape, channel);
    const total = allowed.reduce((n, s) => n + SCENARIO_WEIGHTS[s], 0);
    for (const scenario of allowed)
      for (const variant of [0, 1]) {
        const weight = (CHANNEL_WEIGHTS[channel] * SCENARIO_WEIGHTS[scenario]) / total / 2;
        out.push(buildPath(shape, channel, scenario, variant, firstId + out.length, weight));
      }
  }
  return out;
}
