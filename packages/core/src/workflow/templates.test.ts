import { describe, expect, it } from 'vitest';
import {
  checkTemplate,
  getWorkflowTemplate,
  instantiateTemplate,
  TemplateError,
  templateMinimumHours,
  WORKFLOW_TEMPLATES,
} from './templates.js';
import { CENTRE, COMMUNE, CONSTRUCTION, LAND_OFFICE, province } from './test-workflows.js';
import type { JointStep, TaskStep, WorkflowDefinition } from './types.js';
import { longestPath, validateWorkflow, workflowErrorSummary } from './validate.js';

const template = (id: string) => getWorkflowTemplate(id)!;
const budgets = (def: WorkflowDefinition) =>
  Object.fromEntries(def.steps.map((s) => [s.code, s.budgetHours]));
const step = (def: WorkflowDefinition, code: string) => def.steps.find((s) => s.code === code)!;
const thrown = (f: () => unknown): TemplateError => {
  try {
    f();
  } catch (e) {
    if (e instanceof TemplateError) return e;
    throw e;
  }
  throw new Error('no TemplateError');
};

describe('built-in templates', () => {
  it('are well formed, distribute the whole limit along their longest route and have unique ids', () => {
    expect(WORKFLOW_TEMPLATES.map((t) => t.id)).toEqual(['standard', 'simple', 'joint']);
    for (const t of WORKFLOW_TEMPLATES) {
      expect(() => checkTemplate(t)).not.toThrow();
      const shares = longestPath(
        instantiateTemplate(t, { limitHours: 1000, jointAgency: LAND_OFFICE, stepHoursRound: 0.001 }),
      );
      expect(shares.hours).toBeCloseTo(1000, 6);
      expect(t.name).toMatch(/^Quy trình/);
      for (const s of t.steps) expect(s.description.length).toBeGreaterThan(20);
    }
  });

  it('standard: receive, assign, appraise, review, sign, issue, return; refuse after appraisal', () => {
    const def = instantiateTemplate(template('standard'), { limitHours: 160 });
    expect(longestPath(def).path).toEqual([
      'TIEP_NHAN',
      'PHAN_CONG',
      'THAM_DINH',
      'PHE_DUYET',
      'KY',
      'BAN_HANH',
      'TRA_KET_QUA',
    ]);
    const roles = Object.fromEntries(def.steps.map((s) => [s.code, (s as TaskStep).role]));
    expect(roles).toEqual({
      TIEP_NHAN: 'receiving_officer',
      PHAN_CONG: 'department_head',
      THAM_DINH: 'specialist',
      PHE_DUYET: 'department_head',
      KY: 'agency_leader',
      BAN_HANH: 'clerk',
      TRA_KET_QUA: 'receiving_officer',
      TU_CHOI: 'agency_leader',
    });
    const thamDinh = step(def, 'THAM_DINH') as TaskStep;
    expect(thamDinh.actions).toEqual(expect.arrayContaining(['request_supplement', 'consult', 'return']));
    expect(thamDinh.next).toContainEqual({ to: 'TU_CHOI', when: { outcome: 'negative' } });
    expect(step(def, 'TU_CHOI')).toMatchObject({
      end: 'refusal',
      actions: expect.arrayContaining(['sign', 'refuse']),
    });
    expect(step(def, 'TRA_KET_QUA')).toMatchObject({ end: 'result', actions: ['return_result'] });
  });

  it('joint: a liên thông step between appraisal and approval, to the agency given', () => {
    const def = instantiateTemplate(template('joint'), {
      limitHours: 120,
      jointAgency: LAND_OFFICE,
      jointProcedure: '1.004227',
    });
    expect(longestPath(def).path).toEqual([
      'TIEP_NHAN',
      'PHAN_CONG',
      'THAM_DINH',
      'LIEN_THONG',
      'PHE_DUYET',
      'KY',
      'BAN_HANH',
      'TRA_KET_QUA',
    ]);
    expect(step(def, 'LIEN_THONG')).toMatchObject({
      kind: 'joint',
      agency: LAND_OFFICE,
      procedure: '1.004227',
    });
  });
});

describe('instantiateTemplate', () => {
  it('birth registration at a commune: the short template fits one working day', () => {
    const def = instantiateTemplate(template('simple'), { limitHours: 8 });
    // 0.8 → 0.5, 4, 2, 1.2 → 1: shares rounded down to half hours
    expect(budgets(def)).toEqual({ TIEP_NHAN: 0.5, THAM_DINH: 4, KY: 2, TRA_KET_QUA: 1, TU_CHOI: 2 });
    const v = validateWorkflow(def, province({ limitHours: 8 }, COMMUNE));
    expect(v.ok, workflowErrorSummary(v)).toBe(true);
    expect(v.warnings).toEqual([]);
    expect(v.longestPathHours).toBe(7.5);
  });

  it('construction permit: 20 working days, received and returned by the provincial centre', () => {
    const def = instantiateTemplate(template('standard'), {
      limitHours: 160,
      receivingAgency: CENTRE,
      department: 'QLXD',
    });
    expect(budgets(def)).toEqual({
      TIEP_NHAN: 8,
      PHAN_CONG: 8,
      THAM_DINH: 72,
      PHE_DUYET: 24,
      KY: 16,
      BAN_HANH: 16,
      TRA_KET_QUA: 16,
      TU_CHOI: 24,
    });
    const where = Object.fromEntries(
      def.steps.map((s) => [s.code, `${(s as TaskStep).agency ?? '-'} ${(s as TaskStep).department ?? '-'}`]),
    );
    expect(where).toEqual({
      TIEP_NHAN: `${CENTRE} -`,
      PHAN_CONG: '- QLXD',
      THAM_DINH: '- QLXD',
      PHE_DUYET: '- QLXD',
      KY: '- -',
      BAN_HANH: '- -',
      TRA_KET_QUA: `${CENTRE} -`,
      TU_CHOI: '- -',
    });
    const ctx = province();
    // the clerk of the Department of Construction sits in its office (VP): any department counts
    const v = validateWorkflow(def, ctx);
    expect(v.ok, workflowErrorSummary(v)).toBe(true);
    expect(v.longestPathHours).toBe(160);
  });

  it('land-use certificate: liên thông from the commune to the land registration office', () => {
    const def = instantiateTemplate(template('joint'), { limitHours: 120, jointAgency: LAND_OFFICE });
    const ctx = province({ limitHours: 120, jointTargets: new Set([LAND_OFFICE]) }, COMMUNE);
    // a commune has no department heads: the template needs them, the validator says so
    const v = validateWorkflow(def, ctx);
    expect(v.errors.map((e) => [e.code, e.step])).toEqual([
      ['ROLE_MISSING', 'PHAN_CONG'],
      ['ROLE_MISSING', 'PHE_DUYET'],
    ]);
    // the same template for the Department of Construction, received by the provincial centre
    const staffed = province({ limitHours: 120, jointTargets: new Set([LAND_OFFICE]) }, CONSTRUCTION);
    const forConstruction = instantiateTemplate(template('joint'), {
      limitHours: 120,
      jointAgency: LAND_OFFICE,
      receivingAgency: CENTRE,
      department: 'QLXD',
    });
    const ok = validateWorkflow(forConstruction, staffed);
    expect(ok.ok, workflowErrorSummary(ok)).toBe(true);
    expect(ok.longestPathHours).toBeLessThanOrEqual(120);
    expect((step(def, 'LIEN_THONG') as JointStep).budgetHours).toBe(42);
  });

  it('a same-day limit fits the seven standard steps by shrinking the largest budget', () => {
    const def = instantiateTemplate(template('standard'), { limitHours: 4 });
    // shares give 0.5 (min), 0.5 (min), 1.5, 0.5, 0.5 (min), 0.5 (min), 0.5 (min) = 4.5 h: the
    // appraisal gives back the extra half hour
    expect(budgets(def)).toMatchObject({
      TIEP_NHAN: 0.5,
      PHAN_CONG: 0.5,
      THAM_DINH: 1,
      PHE_DUYET: 0.5,
      KY: 0.5,
      BAN_HANH: 0.5,
      TRA_KET_QUA: 0.5,
    });
    expect(longestPath(def).hours).toBe(4);
    expect(
      longestPath(instantiateTemplate(template('standard'), { limitHours: 8 })).hours,
    ).toBeLessThanOrEqual(8);
  });

  it('refuses a limit shorter than one rounding step per step', () => {
    expect(templateMinimumHours(template('standard'))).toBe(3.5);
    expect(templateMinimumHours(template('simple'))).toBe(2);
    expect(templateMinimumHours(template('joint'), 1)).toBe(8);
    const e = thrown(() => instantiateTemplate(template('standard'), { limitHours: 1 }));
    expect(e.code).toBe('TEMPLATE_LIMIT_TOO_SHORT');
    expect(e.details).toMatchObject({ minimumHours: 3.5, limitHours: 1 });
    expect(e.messageVi).toContain('3,5 giờ');
    // exactly the minimum is fine
    expect(longestPath(instantiateTemplate(template('standard'), { limitHours: 3.5 })).hours).toBe(3.5);
    expect(() =>
      instantiateTemplate(template('simple'), { limitHours: 1, stepHoursRound: 0.25 }),
    ).not.toThrow();
  });

  it('rounds down to the rounding step, never below it, and caps at the step maximum', () => {
    const def = instantiateTemplate(template('standard'), { limitHours: 37, stepHoursRound: 1 });
    // 1.85 → 1, 1.85 → 1, 16.65 → 16, 5.55 → 5, 3.7 → 3, 3.7 → 3, 3.7 → 3, refusal 5.55 → 5
    expect(Object.values(budgets(def))).toEqual([1, 1, 16, 5, 3, 3, 3, 5]);
    const huge = instantiateTemplate(template('simple'), { limitHours: 30_000 });
    expect(Math.max(...Object.values(budgets(huge)))).toBe(10_000);
  });

  it('needs the joint agency for the joint template and sane parameters', () => {
    expect(thrown(() => instantiateTemplate(template('joint'), { limitHours: 160 })).code).toBe(
      'TEMPLATE_JOINT_AGENCY_MISSING',
    );
    for (const limitHours of [0, -8, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(thrown(() => instantiateTemplate(template('simple'), { limitHours })).code).toBe(
        'TEMPLATE_PARAM_INVALID',
      );
    }
    expect(
      thrown(() => instantiateTemplate(template('simple'), { limitHours: 8, stepHoursRound: 0 })).code,
    ).toBe('TEMPLATE_PARAM_INVALID');
  });

  it('gives each workflow its own arrays', () => {
    const a = instantiateTemplate(template('standard'), { limitHours: 160 });
    (a.steps[0] as TaskStep).actions.push('sign');
    a.steps[2]!.next[1]!.when = { outcome: 'positive' };
    const b = instantiateTemplate(template('standard'), { limitHours: 160 });
    expect((b.steps[0] as TaskStep).actions).toEqual(['forward']);
    expect(b.steps[2]!.next[1]!.when).toEqual({ outcome: 'negative' });
  });
});

describe('checkTemplate', () => {
  const standard = template('standard');
  const broken = (f: (t: { id: unknown; start: unknown; steps: Record<string, unknown>[] }) => void) => {
    const t = JSON.parse(JSON.stringify(standard));
    f(t);
    return thrown(() => checkTemplate(t));
  };

  it('accepts a deployment template read back from JSON', () => {
    const t: unknown = JSON.parse(
      JSON.stringify({ ...standard, id: 'tinh-h40-chuan', name: 'Quy trình của tỉnh' }),
    );
    checkTemplate(t);
    expect(instantiateTemplate(t, { limitHours: 40 }).steps).toHaveLength(8);
  });

  it('refuses what would not instantiate', () => {
    expect(thrown(() => checkTemplate(null)).code).toBe('TEMPLATE_INVALID');
    expect(broken((t) => (t.id = 'Chuẩn')).code).toBe('TEMPLATE_INVALID');
    expect(broken((t) => (t.steps = [])).code).toBe('TEMPLATE_INVALID');
    expect(broken((t) => (t.steps[1]!.code = 'TIEP_NHAN')).details).toEqual({ step: null });
    expect(broken((t) => (t.steps[2]!.share = 0)).details).toEqual({ step: 'THAM_DINH' });
    expect(broken((t) => (t.steps[2]!.role = 'chuyen_vien')).messageVi).toContain('THAM_DINH');
    expect(broken((t) => (t.steps[2]!.performer = 'centre')).code).toBe('TEMPLATE_INVALID');
    expect(broken((t) => delete t.steps[2]!.inDepartment).code).toBe('TEMPLATE_INVALID');
    expect(broken((t) => (t.steps[2]!.actions = ['appraise'])).code).toBe('TEMPLATE_INVALID');
    expect(broken((t) => (t.steps[2]!.next = [{ when: 'negative' }])).code).toBe('TEMPLATE_INVALID');
    expect(broken((t) => (t.steps[2]!.kind = 'gateway')).code).toBe('TEMPLATE_INVALID');
    expect(broken((t) => (t.steps[6]!.end = 'done')).code).toBe('TEMPLATE_INVALID');
  });

  it('refuses a template whose routing is not a sound workflow', () => {
    const unknownStart = broken((t) => (t.start = 'BAT_DAU'));
    expect(unknownStart.details).toEqual({ step: null, issue: 'START_UNKNOWN' });
    expect(unknownStart.messageVi).toContain('BAT_DAU');
    expect(broken((t) => delete t.steps[6]!.end).details).toEqual({ step: 'TRA_KET_QUA', issue: 'DEAD_END' });
    expect(broken((t) => (t.steps[5]!.role = 'inspector')).details).toEqual({
      step: 'BAN_HANH',
      issue: 'ROLE_NOT_PERFORMER',
    });
    expect(broken((t) => (t.steps[1]!.next = [{ to: 'KHONG_CO' }])).details).toEqual({
      step: 'PHAN_CONG',
      issue: 'NEXT_UNKNOWN',
    });
  });

  it('refuses shares that add up to more than the limit', () => {
    const e = broken((t) => (t.steps[2]!.share = 0.6));
    expect(e.code).toBe('TEMPLATE_INVALID');
    expect(e.message).toContain('1.15');
    expect(e.message).toContain('TIEP_NHAN → PHAN_CONG → THAM_DINH');
  });
});
