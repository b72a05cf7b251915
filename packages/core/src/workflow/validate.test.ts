import { describe, expect, it } from 'vitest';
import {
  birthRegistration,
  CENTRE,
  COMMUNE,
  CONSTRUCTION,
  constructionPermit,
  context,
  LAND_OFFICE,
  landCertificate,
  POLICE,
  province,
  task,
} from './test-workflows.js';
import type { JointStep, TaskStep, WorkflowContext, WorkflowDefinition } from './types.js';
import {
  longestPath,
  validateWorkflow,
  WORKFLOW_ERROR_CODES,
  WORKFLOW_WARNING_CODES,
  workflowErrorSummary,
} from './validate.js';

const codes = (issues: { code: string }[]) => issues.map((i) => i.code);
const commune = (extra: Partial<WorkflowContext> = {}) => province({ limitHours: 8, ...extra }, COMMUNE);

/** The smallest valid workflow: receive, then return the result. */
function minimal(): WorkflowDefinition {
  return {
    start: 'A',
    steps: [
      task('A', { role: 'receiving_officer', next: [{ to: 'B' }] }),
      task('B', { role: 'receiving_officer', actions: ['return_result'], end: 'result' }),
    ],
  };
}
const joint = (agency: string, p: Partial<JointStep> = {}): JointStep => ({
  kind: 'joint',
  code: 'J',
  name: 'Liên thông',
  agency,
  procedure: null,
  budgetHours: 1,
  next: [{ to: 'B' }],
  ...p,
});
/** minimal() with step A replaced or changed. */
const withA = (p: Partial<TaskStep>): WorkflowDefinition => {
  const d = minimal();
  d.steps[0] = { ...(d.steps[0] as TaskStep), ...p };
  return d;
};
const withJoint = (j: JointStep): WorkflowDefinition => ({
  start: 'A',
  steps: [...withA({ next: [{ to: 'J' }] }).steps, j],
});

describe('real workflows', () => {
  it('birth registration at a commune fits the same working day', () => {
    const v = validateWorkflow(birthRegistration(), commune());
    expect(v.ok, workflowErrorSummary(v)).toBe(true);
    expect(v.warnings).toEqual([]);
    expect(v.longestPathHours).toBe(7.5);
    expect(v.limitHours).toBe(8);
  });

  it('a construction permit with a consultation and a rework loop fits 20 working days', () => {
    const v = validateWorkflow(constructionPermit(), province());
    expect(v.ok, workflowErrorSummary(v)).toBe(true);
    expect(v.warnings).toEqual([]);
    // 4 + 4 + 96 + 16 + 16 + 8 + 8: the return PHE_DUYET → THAM_DINH is not counted twice
    expect(v.longestPathHours).toBe(152);
    expect(longestPath(constructionPermit()).path).toEqual([
      'TIEP_NHAN',
      'PHAN_CONG',
      'THAM_DINH',
      'PHE_DUYET',
      'KY',
      'BAN_HANH',
      'TRA_KET_QUA',
    ]);
  });

  it('a land-use certificate handed from the commune to the land registration office', () => {
    const ctx = province({ jointTargets: new Set([LAND_OFFICE]) }, COMMUNE);
    const v = validateWorkflow(landCertificate(), ctx);
    expect(v.ok, workflowErrorSummary(v)).toBe(true);
    expect(v.longestPathHours).toBe(156);
    // the office has not published its workflow yet: the dossier could not be handed over
    const none = validateWorkflow(landCertificate(), { ...ctx, jointTargets: new Set() });
    expect(codes(none.errors)).toEqual(['JOINT_TARGET_NO_WORKFLOW']);
    expect(none.errors[0]!.step).toBe('LIEN_THONG');
  });

  it('a limit converted from calendar days is a warning only', () => {
    const v = validateWorkflow(constructionPermit(), province({ limitApproximate: true }));
    expect(v.ok).toBe(true);
    expect(codes(v.warnings)).toEqual(['LIMIT_APPROXIMATE']);
  });

  it('reports the longest path and both numbers when the budgets exceed the limit', () => {
    const v = validateWorkflow(constructionPermit(), province({ limitHours: 120 }));
    expect(v.ok).toBe(false);
    expect(codes(v.errors)).toEqual(['BUDGET_EXCEEDS_LIMIT']);
    expect(v.longestPathHours).toBe(152);
    const e = v.errors[0]!;
    expect(e.step).toBeNull();
    expect(e.en).toContain('TIEP_NHAN → PHAN_CONG → THAM_DINH → PHE_DUYET → KY → BAN_HANH → TRA_KET_QUA');
    expect(e.en).toContain('152 h');
    expect(e.en).toContain('120 h');
    expect(e.vi).toContain('152 giờ');
  });

  it('writes fractional hours the Vietnamese way', () => {
    const v = validateWorkflow(birthRegistration(), commune({ limitHours: 7.25 }));
    expect(v.errors[0]!.vi).toContain('7,5 giờ');
    expect(v.errors[0]!.vi).toContain('7,25 giờ');
    expect(v.errors[0]!.en).toContain('7.5 h');
  });
});

/**
 * One minimal bad workflow per issue code. Each case must raise its code; together they must
 * cover every code the validator can give.
 */
const ctx0 = () =>
  context(COMMUNE, { [COMMUNE]: { roles: ['receiving_officer', 'specialist', 'agency_leader'] } });
const cases: [string, unknown, WorkflowContext?][] = [
  ['WORKFLOW_INVALID', null],
  ['WORKFLOW_INVALID', { start: 'A', steps: 'A,B' }],
  ['WORKFLOW_INVALID', { ...minimal(), start: 7 }],
  ['WORKFLOW_EMPTY', { start: 'A', steps: [] }],
  [
    'WORKFLOW_TOO_LARGE',
    {
      start: 'S0',
      steps: Array.from({ length: 61 }, (_, i) => task(`S${i}`, { next: [{ to: `S${i + 1}` }] })),
    },
  ],
  ['STEP_INVALID', { ...minimal(), steps: [...minimal().steps, 'C'] }],
  ['STEP_CODE_INVALID', withA({ code: 'tiep_nhan' })],
  ['STEP_CODE_INVALID', withA({ code: `A${'B'.repeat(40)}` })],
  ['STEP_DUPLICATE', { ...minimal(), steps: [...minimal().steps, task('B', { end: 'result' })] }],
  ['STEP_NAME_MISSING', withA({ name: '  ' })],
  ['STEP_KIND_UNKNOWN', withA({ kind: 'gateway' as 'task' })],
  ['STEP_FIELD_INVALID', withA({ agency: 42 as unknown as string })],
  ['BUDGET_INVALID', withA({ budgetHours: 0 })],
  ['BUDGET_INVALID', withA({ budgetHours: Number.NaN })],
  ['BUDGET_INVALID', withA({ budgetHours: Number.POSITIVE_INFINITY })],
  ['BUDGET_INVALID', withA({ budgetHours: 10_001 })],
  ['BUDGET_INVALID', withA({ budgetHours: '2' as unknown as number })],
  ['ROLE_UNKNOWN', withA({ role: 'chairman' as 'clerk' })],
  ['ROLE_NOT_PERFORMER', withA({ role: 'inspector' })],
  ['ACTION_UNKNOWN', withA({ actions: ['forward', 'approve_all' as 'approve'] })],
  ['ACTION_UNKNOWN', withA({ actions: 'forward' as unknown as [] })],
  ['ACTION_DUPLICATE', withA({ actions: ['forward', 'forward'] })],
  [
    'CONSULTATION_INVALID',
    withA({
      actions: ['forward', 'consult'],
      consultations: [{ agency: null, department: null, budgetHours: 1 }],
    }),
  ],
  ['CONSULTATION_INVALID', withA({ actions: ['forward', 'consult'], consultations: {} as [] })],
  ['JOINT_AGENCY_MISSING', withJoint(joint(''))],
  ['JOINT_PROCEDURE_INVALID', withJoint(joint(LAND_OFFICE, { procedure: '1.23' }))],
  ['END_INVALID', withA({ end: 'done' as 'result' })],
  ['NEXT_INVALID', withA({ next: null as unknown as [] })],
  ['NEXT_INVALID', withA({ next: [{} as { to: string }] })],
  ['EDGE_CONDITION_INVALID', withA({ next: [{ to: 'B', when: { outcome: 'maybe' as 'positive' } }] })],
  [
    'EDGE_CONDITION_INVALID',
    withA({ next: [{ to: 'B', when: { field: 'x', equals: null as unknown as string } }] }),
  ],
  [
    'EDGE_CONDITION_DUPLICATE',
    {
      start: 'A',
      steps: [
        task('A', {
          next: [
            { to: 'B' },
            { to: 'C', when: { outcome: 'negative' } },
            { to: 'D', when: { outcome: 'negative' } },
          ],
        }),
        task('B', { actions: ['return_result'], end: 'result' }),
        task('C', { actions: ['return_result'], end: 'result' }),
        task('D', { actions: ['return_result'], end: 'result' }),
      ],
    },
  ],
  ['NEXT_UNKNOWN', withA({ next: [{ to: 'Z' }] })],
  ['NEXT_DUPLICATE', withA({ next: [{ to: 'B' }, { to: 'B', when: { outcome: 'negative' } }] })],
  ['NEXT_SELF', withA({ next: [{ to: 'B' }, { to: 'A', when: { outcome: 'negative' } }] })],
  [
    'END_WITH_NEXT',
    {
      start: 'A',
      steps: [
        minimal().steps[0],
        task('B', { actions: ['return_result'], end: 'result', next: [{ to: 'A' }] }),
      ],
    },
  ],
  ['DEAD_END', withA({ next: [] })],
  [
    'DEFAULT_EDGE_AMBIGUOUS',
    {
      start: 'A',
      steps: [
        ...withA({ next: [{ to: 'B' }, { to: 'C' }] }).steps,
        task('C', { actions: ['refuse'], end: 'refusal' }),
      ],
    },
  ],
  ['START_UNKNOWN', { ...minimal(), start: 'Z' }],
  ['STEP_UNREACHABLE', { ...minimal(), steps: [...minimal().steps, task('C', { next: [{ to: 'B' }] })] }],
  [
    'NO_EXIT',
    {
      // B and C send the dossier to each other for ever
      start: 'A',
      steps: [
        task('A', { next: [{ to: 'B' }, { to: 'E', when: { outcome: 'negative' } }] }),
        task('B', { next: [{ to: 'C' }] }),
        task('C', { next: [{ to: 'B' }] }),
        task('E', { actions: ['return_result'], end: 'result' }),
      ],
    },
  ],
  [
    'NO_RESULT_END',
    {
      start: 'A',
      steps: [minimal().steps[0], task('B', { role: 'agency_leader', actions: ['refuse'], end: 'refusal' })],
    },
  ],
  ['LIMIT_MISSING', minimal(), { ...ctx0(), limitHours: null }],
  ['LIMIT_INVALID', minimal(), { ...ctx0(), limitHours: -8 }],
  ['BUDGET_EXCEEDS_LIMIT', minimal(), { ...ctx0(), limitHours: 1.5 }],
  [
    'CONSULT_BUDGET_EXCEEDS_STEP',
    withA({
      actions: ['forward', 'consult'],
      consultations: [{ agency: null, department: 'TP', budgetHours: 2 }],
    }),
    context(COMMUNE, { [COMMUNE]: { departments: ['TP'], roles: ['receiving_officer'] } }),
  ],
  [
    'CONSULT_WITHOUT_ACTION',
    withA({ consultations: [{ agency: null, department: 'TP', budgetHours: 1 }] }),
    context(COMMUNE, { [COMMUNE]: { departments: ['TP'], roles: ['receiving_officer'] } }),
  ],
  ['AGENCY_UNKNOWN', withA({ agency: CENTRE })],
  [
    'AGENCY_UNKNOWN',
    withA({
      actions: ['forward', 'consult'],
      consultations: [{ agency: POLICE, department: null, budgetHours: 1 }],
    }),
  ],
  ['DEPARTMENT_UNKNOWN', withA({ department: 'QLXD' })],
  [
    'DEPARTMENT_UNKNOWN',
    withA({
      actions: ['forward', 'consult'],
      consultations: [{ agency: null, department: 'TP', budgetHours: 1 }],
    }),
  ],
  ['ROLE_MISSING', withA({ role: 'clerk' })],
  ['JOINT_TARGET_UNKNOWN', withJoint(joint(LAND_OFFICE))],
  [
    'JOINT_TARGET_NO_WORKFLOW',
    withJoint(joint(LAND_OFFICE)),
    { ...province({}, COMMUNE), jointTargets: new Set([CONSTRUCTION]) },
  ],
  ['JOINT_SELF', withJoint(joint(COMMUNE))],
  ['LIMIT_APPROXIMATE', minimal(), { ...ctx0(), limitApproximate: true }],
  [
    'END_ACTION_MISSING',
    { start: 'A', steps: [minimal().steps[0], task('B', { actions: ['sign'], end: 'result' })] },
  ],
  [
    'END_ACTION_MISSING',
    {
      start: 'A',
      steps: [
        task('A', { next: [{ to: 'B' }, { to: 'C', when: { outcome: 'negative' } }] }),
        task('B', { actions: ['return_result'], end: 'result' }),
        task('C', { actions: ['sign'], end: 'refusal' }),
      ],
    },
  ],
  ['DEFAULT_EDGE_MISSING', withA({ next: [{ to: 'B', when: { field: 'kenh', equals: 'truc_tuyen' } }] })],
];

describe('issue codes', () => {
  it('the minimal workflow and its context are valid', () => {
    const v = validateWorkflow(minimal(), ctx0());
    expect(v.ok, workflowErrorSummary(v)).toBe(true);
    expect(v.warnings).toEqual([]);
    expect(v.longestPathHours).toBe(2);
  });

  it.each(cases.map(([code, def, ctx], i) => [`${code} #${i}`, code, def, ctx] as const))(
    '%s',
    (_, code, def, ctx) => {
      const v = validateWorkflow(def, ctx ?? ctx0());
      const warning = (WORKFLOW_WARNING_CODES as readonly string[]).includes(code);
      expect(codes(warning ? v.warnings : v.errors), workflowErrorSummary(v)).toContain(code);
      expect(v.ok).toBe(warning ? v.errors.length === 0 : false);
      for (const issue of [...v.errors, ...v.warnings]) {
        expect(issue.vi.length).toBeGreaterThan(10);
        expect(issue.en.length).toBeGreaterThan(10);
        expect(issue.vi).not.toBe(issue.en);
      }
    },
  );

  it('every code is exercised by a case above', () => {
    const covered = new Set(cases.map(([c]) => c));
    expect([...WORKFLOW_ERROR_CODES, ...WORKFLOW_WARNING_CODES].filter((c) => !covered.has(c))).toEqual([]);
  });

  it('the minimal bad workflows raise only the error they are about', () => {
    // cascades would bury the real problem under echoes of it
    const single = [
      'STEP_CODE_INVALID',
      'STEP_DUPLICATE',
      'NEXT_UNKNOWN',
      'DEAD_END',
      'START_UNKNOWN',
      'BUDGET_INVALID',
      'ROLE_MISSING',
      'JOINT_SELF',
      'DEPARTMENT_UNKNOWN',
    ];
    for (const [code, def, ctx] of cases.filter(([c]) => single.includes(c))) {
      expect(codes(validateWorkflow(def, ctx ?? ctx0()).errors)).toEqual([code]);
    }
  });

  it('names the step concerned', () => {
    const v = validateWorkflow(withA({ role: 'clerk' }), ctx0());
    expect(v.errors[0]!.step).toBe('A');
    const loop = cases.find(([c]) => c === 'NO_EXIT')![1];
    expect(validateWorkflow(loop, ctx0()).errors.map((e) => e.step)).toEqual(['B', 'C']);
  });

  it('never throws on junk and reports the limit even when the workflow is unreadable', () => {
    for (const junk of [undefined, 0, 'quy trình', [], { steps: [null] }, { start: 'A', steps: [{}] }]) {
      const v = validateWorkflow(junk, { ...ctx0(), limitHours: null });
      expect(v.ok).toBe(false);
      expect(v.longestPathHours).toBe(0);
      expect(codes(v.errors)).toContain('LIMIT_MISSING');
    }
  });
});

describe('roles', () => {
  const ctxRoles = (roles: string[]) =>
    context(COMMUNE, { [COMMUNE]: { departments: ['TP', 'VHXH'], roles: ['receiving_officer', ...roles] } });
  const check = (department: string | null, roles: string[]) =>
    codes(validateWorkflow(withA({ department, role: 'specialist' }), ctxRoles(roles)).errors);

  it('a department step needs the role in that department or agency-wide', () => {
    expect(check('TP', ['TP:specialist'])).toEqual([]);
    expect(check('TP', ['specialist'])).toEqual([]);
    expect(check('TP', ['VHXH:specialist'])).toEqual(['ROLE_MISSING']);
    expect(check('TP', ['TP:clerk'])).toEqual(['ROLE_MISSING']);
  });

  it('a step without a department takes the role anywhere in the agency', () => {
    expect(check(null, ['specialist'])).toEqual([]);
    expect(check(null, ['VHXH:specialist'])).toEqual([]);
    expect(check(null, ['VHXH:clerk'])).toEqual(['ROLE_MISSING']);
  });

  it('a step of another agency is checked against that agency', () => {
    const ctx = province();
    const def = withA({ agency: CENTRE, role: 'receiving_officer' });
    def.steps[1] = { ...(def.steps[1] as TaskStep), agency: CENTRE };
    expect(codes(validateWorkflow(def, ctx).errors)).toEqual([]);
    const byPolice = withA({ agency: POLICE, department: 'PC07', role: 'department_head' });
    expect(codes(validateWorkflow(byPolice, ctx).errors)).toContain('ROLE_MISSING');
  });
});

describe('graph', () => {
  it('a rework loop that can exit is allowed and not counted in the longest path', () => {
    const def = birthRegistration();
    const ky = def.steps[2] as TaskStep;
    ky.next = [{ to: 'TRA_KET_QUA' }, { to: 'THAM_DINH', when: { outcome: 'negative' } }];
    const v = validateWorkflow(def, commune());
    expect(v.ok, workflowErrorSummary(v)).toBe(true);
    expect(v.longestPathHours).toBe(7.5);
  });

  it('a loop with no way out is NO_EXIT on each of its steps', () => {
    const def: WorkflowDefinition = {
      start: 'A',
      steps: [task('A', { next: [{ to: 'B' }] }), task('B', { next: [{ to: 'A' }] })],
    };
    const v = validateWorkflow(def, ctx0());
    expect(codes(v.errors)).toEqual(['NO_EXIT', 'NO_EXIT', 'NO_RESULT_END']);
    expect(v.longestPathHours).toBe(0);
  });

  it('skips the graph checks while codes or edges are broken', () => {
    const v = validateWorkflow(withA({ next: [{ to: 'Z' }] }), ctx0());
    // B is unreachable and A cannot exit, but both only because of the unknown edge
    expect(codes(v.errors)).toEqual(['NEXT_UNKNOWN']);
  });

  it('an unreachable step may still be fine otherwise', () => {
    const v = validateWorkflow(cases.find(([c]) => c === 'STEP_UNREACHABLE')![1], ctx0());
    expect(codes(v.errors)).toEqual(['STEP_UNREACHABLE']);
    expect(v.errors[0]!.step).toBe('C');
  });

  it('two outcomes without a default are complete', () => {
    const def = withA({
      next: [
        { to: 'B', when: { outcome: 'positive' } },
        { to: 'C', when: { outcome: 'negative' } },
      ],
    });
    def.steps.push(task('C', { role: 'agency_leader', actions: ['refuse'], end: 'refusal' }));
    const v = validateWorkflow(def, ctx0());
    expect(v.ok, workflowErrorSummary(v)).toBe(true);
    expect(v.warnings).toEqual([]);
  });

  it('a joint step as the last step carries the child result', () => {
    const def = withJoint(joint(LAND_OFFICE, { next: [], end: 'result', procedure: '1.004227' }));
    (def.steps[0] as TaskStep).next = [{ to: 'J' }];
    def.steps.splice(1, 1);
    const v = validateWorkflow(def, province({ jointTargets: new Set([LAND_OFFICE]) }, COMMUNE));
    expect(v.ok, workflowErrorSummary(v)).toBe(true);
    expect(v.warnings).toEqual([]);
  });

  it('longestPath follows the forward route and names it', () => {
    expect(longestPath(birthRegistration())).toEqual({
      hours: 7.5,
      path: ['TIEP_NHAN', 'THAM_DINH', 'KY', 'TRA_KET_QUA'],
    });
    expect(longestPath({ start: 'Z', steps: [] })).toEqual({ hours: 0, path: [] });
  });

  it('longestPath takes the refusal branch when it is the longer one', () => {
    const def = birthRegistration();
    (def.steps[4] as TaskStep).budgetHours = 4;
    expect(longestPath(def)).toEqual({ hours: 8.5, path: ['TIEP_NHAN', 'THAM_DINH', 'TU_CHOI'] });
  });
});
