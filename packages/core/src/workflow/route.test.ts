import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkReturn, nextStep, RouteError, stepAllows, stepOf } from './route.js';
import { birthRegistration, constructionPermit } from './test-workflows.js';
import type { WorkflowDefinition } from './types.js';

const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof RouteError) return e.code;
    throw e;
  }
  return null;
};

const def: WorkflowDefinition = {
  start: 'A',
  steps: [
    {
      kind: 'task',
      code: 'A',
      name: 'A',
      agency: null,
      department: null,
      role: 'specialist',
      budgetHours: 4,
      actions: ['forward', 'return'],
      next: [
        { to: 'REFUSE', when: { outcome: 'negative' } },
        { to: 'URBAN', when: { field: 'khu.loai', equals: 'do_thi' } },
        { to: 'B' },
      ],
    },
    {
      kind: 'task',
      code: 'URBAN',
      name: 'U',
      agency: null,
      department: null,
      role: 'specialist',
      budgetHours: 1,
      actions: ['forward', 'return'],
      next: [{ to: 'B' }],
    },
    {
      kind: 'task',
      code: 'B',
      name: 'B',
      agency: null,
      department: null,
      role: 'agency_leader',
      budgetHours: 1,
      actions: ['approve', 'sign', 'return'],
      next: [],
      end: 'result',
    },
    {
      kind: 'task',
      code: 'REFUSE',
      name: 'R',
      agency: null,
      department: null,
      role: 'agency_leader',
      budgetHours: 1,
      actions: ['refuse'],
      next: [],
      end: 'refusal',
    },
  ],
};

describe('routing along a workflow', () => {
  it('takes the edge that holds: negative outcome, then a form field, then the plain edge', () => {
    expect(nextStep(def, 'A', { outcome: 'negative' })).toBe('REFUSE');
    expect(nextStep(def, 'A', { formData: { khu: { loai: 'do_thi' } } })).toBe('URBAN');
    expect(nextStep(def, 'A', { outcome: 'positive', formData: { khu: { loai: 'nong_thon' } } })).toBe('B');
    expect(nextStep(def, 'A')).toBe('B');
  });

  it('accepts an explicit target only among the edges that hold', () => {
    expect(nextStep(def, 'A', { toStep: 'B' })).toBe('B');
    expect(codeOf(() => nextStep(def, 'A', { toStep: 'REFUSE' }))).toBe('EDGE_NOT_ALLOWED');
    expect(codeOf(() => nextStep(def, 'A', { toStep: 'URBAN' }))).toBe('EDGE_NOT_ALLOWED');
  });

  it('never routes a negative outcome down a positive edge', () => {
    expect(codeOf(() => nextStep(def, 'URBAN', { outcome: 'negative' }))).toBe('NO_MATCHING_EDGE');
  });

  it('refuses to move past an end step or from an unknown one', () => {
    expect(codeOf(() => nextStep(def, 'B'))).toBe('STEP_IS_END');
    expect(codeOf(() => nextStep(def, 'Z'))).toBe('STEP_UNKNOWN');
  });

  it('sends back only to a step the dossier went through', () => {
    expect(codeOf(() => checkReturn(def, 'B', 'A', ['A', 'B']))).toBeNull();
    expect(codeOf(() => checkReturn(def, 'B', 'URBAN', ['A', 'B']))).toBe('RETURN_TARGET_INVALID');
    expect(codeOf(() => checkReturn(def, 'B', 'B', ['A', 'B']))).toBe('RETURN_TARGET_INVALID');
    expect(codeOf(() => checkReturn(def, 'REFUSE', 'A', ['A', 'REFUSE']))).toBe('STEP_ACTION_NOT_ALLOWED');
  });

  it('lets no officer act inside a liên thông step', () => {
    const w = constructionPermit();
    const joint = w.steps.find((s) => s.kind === 'joint');
    if (joint) expect(stepAllows(joint, 'forward')).toBe(false);
    expect(stepAllows(stepOf(def, 'B'), 'sign')).toBe(true);
  });

  it('from any non-end step of the test workflows, some choice leads on to a step of the workflow', () => {
    for (const w of [birthRegistration(), constructionPermit(), def]) {
      const codes = new Set(w.steps.map((s) => s.code));
      fc.assert(
        fc.property(
          fc.constantFrom(...w.steps.filter((s) => s.next.length > 0).map((s) => s.code)),
          fc.constantFrom<'positive' | 'negative' | undefined>('positive', 'negative', undefined),
          (from, outcome) => {
            try {
              expect(codes.has(nextStep(w, from, { outcome }))).toBe(true);
            } catch (e) {
              // only a negative outcome may find no edge, and only where the step has no refusal edge
              expect((e as RouteError).code).toBe('NO_MATCHING_EDGE');
              expect(outcome).toBe('negative');
            }
          },
        ),
      );
    }
  });
});
