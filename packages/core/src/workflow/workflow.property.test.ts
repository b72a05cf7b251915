/** Properties of the workflow validator and the templates over random small workflows. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { instantiateTemplate, TemplateError, templateMinimumHours, WORKFLOW_TEMPLATES } from './templates.js';
import { CENTRE, CONSTRUCTION, context, LAND_OFFICE, province, task } from './test-workflows.js';
import type { StepEdge, TaskStep, WorkflowContext, WorkflowDefinition } from './types.js';
import { longestPath, validateWorkflow, workflowErrorSummary } from './validate.js';

const AGENCY = '000.21.31.H40';
const ctxWith = (limitHours: number | null): WorkflowContext =>
  context(AGENCY, { [AGENCY]: { roles: ['specialist', 'receiving_officer'] } }, { limitHours });

interface Dag {
  def: WorkflowDefinition;
  /** successors by index; steps are listed in topological order (every edge goes forward) */
  succ: number[][];
}

/**
 * A random acyclic workflow of 2 to 9 steps listed in forward order: every step after the first
 * has a predecessor among the earlier ones (so all are reachable), extra forward edges are
 * sprinkled on, and the steps left without an edge are the result steps. Budgets are half hours,
 * like real ones.
 */
const dag: fc.Arbitrary<Dag> = fc.integer({ min: 2, max: 9 }).chain((n) =>
  fc
    .record({
      preds: fc.array(fc.nat(), { minLength: n, maxLength: n }),
      extra: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: n * n, maxLength: n * n }),
      halfHours: fc.array(fc.integer({ min: 1, max: 80 }), { minLength: n, maxLength: n }),
    })
    .map(({ preds, extra, halfHours }) => {
      const succ: number[][] = Array.from({ length: n }, () => []);
      for (let i = 1; i < n; i++) succ[preds[i]! % i]!.push(i);
      for (let i = 0; i < n; i++)
        for (let j = i + 1; j < n; j++) if (extra[i * n + j] === 0 && !succ[i]!.includes(j)) succ[i]!.push(j);
      const steps = succ.map((vs, i) =>
        task(`S${i}`, {
          budgetHours: halfHours[i]! / 2,
          actions: vs.length ? ['forward', 'return'] : ['return_result'],
          // the first edge is the default, the others are told apart by a form field
          next: vs.map(
            (v, k): StepEdge =>
              k === 0 ? { to: `S${v}` } : { to: `S${v}`, when: { field: 'f', equals: k } },
          ),
          ...(vs.length ? {} : { end: 'result' as const }),
        }),
      );
      return { def: { start: 'S0', steps }, succ };
    }),
);

/** The longest budget over the simple paths from the start to an end step, by enumeration. */
function bruteForce(def: WorkflowDefinition): number {
  const byCode = new Map(def.steps.map((s) => [s.code, s]));
  let best = 0;
  const walk = (code: string, seen: Set<string>, sum: number) => {
    const s = byCode.get(code)!;
    const total = sum + s.budgetHours;
    if (s.end) best = Math.max(best, total);
    else for (const e of s.next) if (!seen.has(e.to)) walk(e.to, new Set([...seen, e.to]), total);
  };
  walk(def.start, new Set([def.start]), 0);
  return best;
}

/** Pairs (j, i) such that i is a proper ancestor of j: an edge j → i closes a rework loop. */
function loops(d: Dag): [number, number][] {
  const n = d.succ.length;
  const pairs: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    const seen = new Set<number>();
    const stack = [...d.succ[i]!];
    while (stack.length) {
      const v = stack.pop()!;
      if (seen.has(v)) continue;
      seen.add(v);
      stack.push(...d.succ[v]!);
    }
    for (const j of seen) if (d.succ[j]!.length > 0) pairs.push([j, i]);
  }
  return pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

describe('validator properties', () => {
  it('on acyclic workflows the longest path is the brute-force maximum over simple paths', () => {
    fc.assert(
      fc.property(dag, ({ def }) => {
        const v = validateWorkflow(def, ctxWith(100_000));
        expect(v.ok, workflowErrorSummary(v)).toBe(true);
        expect(v.longestPathHours).toBeCloseTo(bruteForce(def), 6);
        const lp = longestPath(def);
        expect(lp.hours).toBe(v.longestPathHours);
        // the path named is a real path from the start to an end step and adds up
        expect(lp.path[0]).toBe('S0');
        const steps = lp.path.map((c) => def.steps.find((s) => s.code === c)!);
        expect(steps.at(-1)!.end).toBe('result');
        for (let k = 1; k < steps.length; k++)
          expect(steps[k - 1]!.next.map((e) => e.to)).toContain(steps[k]!.code);
        expect(steps.reduce((a, s) => a + s.budgetHours, 0)).toBeCloseTo(lp.hours, 6);
      }),
      { numRuns: 200 },
    );
  });

  it('scaling every budget down never turns a valid workflow into a budget error', () => {
    fc.assert(
      fc.property(
        dag,
        fc.double({ min: 0.3, max: 1.5, noNaN: true }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        ({ def }, slack, factor) => {
          const ctx = ctxWith(Math.max(0.5, bruteForce(def) * slack));
          if (!validateWorkflow(def, ctx).ok) return;
          const scaled: WorkflowDefinition = {
            ...def,
            steps: def.steps.map((s) => ({ ...s, budgetHours: s.budgetHours * factor })),
          };
          const v = validateWorkflow(scaled, ctx);
          expect(v.ok, workflowErrorSummary(v)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a rework loop back to an earlier step changes neither the longest path nor the validity', () => {
    fc.assert(
      fc.property(dag, fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), (d, picks) => {
        const candidates = loops(d);
        fc.pre(candidates.length > 0);
        const ctx = ctxWith(100_000);
        const before = validateWorkflow(d.def, ctx);
        const def = structuredClone(d.def);
        for (const p of picks) {
          const [j, i] = candidates[p % candidates.length]!;
          const from = def.steps[j] as TaskStep;
          if (from.next.some((e) => e.to === `S${i}`)) continue;
          from.next.push({ to: `S${i}`, when: { field: 'rework', equals: i } });
        }
        const after = validateWorkflow(def, ctx);
        expect(after.longestPathHours).toBe(before.longestPathHours);
        expect(after.ok, workflowErrorSummary(after)).toBe(true);
        expect(after.errors.map((e) => e.code)).not.toContain('NO_EXIT');
      }),
      { numRuns: 300 },
    );
  });

  it('on any graph the longest forward path is a simple path no longer than the brute-force maximum', () => {
    // cycles anywhere (not only returns to ancestors): the forward path is a lower bound
    const anyGraph = fc.integer({ min: 2, max: 7 }).chain((n) =>
      fc.record({
        edges: fc.array(fc.array(fc.integer({ min: 0, max: n - 1 }), { maxLength: 3 }), {
          minLength: n,
          maxLength: n,
        }),
        ends: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
        halfHours: fc.array(fc.integer({ min: 1, max: 40 }), { minLength: n, maxLength: n }),
      }),
    );
    fc.assert(
      fc.property(anyGraph, ({ edges, ends, halfHours }) => {
        const def: WorkflowDefinition = {
          start: 'S0',
          steps: edges.map((vs, i) =>
            task(`S${i}`, {
              budgetHours: halfHours[i]! / 2,
              next: ends[i] ? [] : [...new Set(vs)].filter((v) => v !== i).map((v) => ({ to: `S${v}` })),
              ...(ends[i] ? { end: 'result' as const } : {}),
            }),
          ),
        };
        const lp = longestPath(def);
        expect(lp.hours).toBeLessThanOrEqual(bruteForce(def) + 1e-9);
        expect(new Set(lp.path).size).toBe(lp.path.length);
        if (lp.path.length) expect(def.steps.find((s) => s.code === lp.path.at(-1))!.end).toBe('result');
      }),
      { numRuns: 300 },
    );
  });

  it('never throws, whatever arrives over HTTP', () => {
    const stepish = fc.record(
      {
        kind: fc.constantFrom('task', 'joint', 'x'),
        code: fc.constantFrom('A', 'B', 'C', 'bad', ''),
        name: fc.string(),
        agency: fc.constantFrom(null, AGENCY, 'X', 1),
        department: fc.constantFrom(null, 'D', ''),
        role: fc.constantFrom('specialist', 'clerk', 'nobody'),
        budgetHours: fc.oneof(fc.double(), fc.integer(), fc.constant('1')),
        actions: fc.oneof(
          fc.array(fc.constantFrom('forward', 'sign', 'x')),
          fc.anything({ withNullPrototype: true }),
        ),
        consultations: fc.anything({ withNullPrototype: true }),
        next: fc.oneof(
          fc.array(
            fc.record({
              to: fc.constantFrom('A', 'B', 'C', 'Z'),
              when: fc.anything({ withNullPrototype: true }),
            }),
          ),
          fc.anything({ withNullPrototype: true }),
        ),
        end: fc.constantFrom(undefined, 'result', 'refusal', 'x'),
        procedure: fc.anything({ withNullPrototype: true }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything({ withNullPrototype: true }),
          fc.record({ start: fc.constantFrom('A', 'B', 7), steps: fc.array(stepish, { maxLength: 5 }) }),
        ),
        (input) => {
          const v = validateWorkflow(input, ctxWith(8));
          expect(v.ok).toBe(v.errors.length === 0);
          expect(Number.isFinite(v.longestPathHours)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('template properties', () => {
  it('a template read from JSON is either accepted or refused with a TemplateError', () => {
    const base = JSON.stringify(WORKFLOW_TEMPLATES[0]);
    const junk = fc.anything({ withNullPrototype: true });
    // either anything at all, or a built-in template with one field of one step replaced by junk
    const changed = fc
      .record({
        step: fc.nat({ max: 7 }),
        key: fc.constantFrom(
          'code',
          'name',
          'share',
          'role',
          'performer',
          'inDepartment',
          'actions',
          'next',
          'end',
          'kind',
        ),
        value: junk,
      })
      .map(({ step, key, value }) => {
        const t = JSON.parse(base);
        t.steps[step][key] = value;
        return t as unknown;
      });
    fc.assert(
      fc.property(fc.oneof(junk, changed), (t) => {
        try {
          instantiateTemplate(t as never, { limitHours: 160, jointAgency: LAND_OFFICE });
        } catch (e) {
          expect(e).toBeInstanceOf(TemplateError);
        }
      }),
      { numRuns: 300 },
    );
  });

  const ctx = (limitHours: number) =>
    province({ limitHours, jointTargets: new Set([LAND_OFFICE]) }, CONSTRUCTION);

  it('every built-in template instantiates into a valid workflow within any limit above its minimum', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...WORKFLOW_TEMPLATES),
        fc.constantFrom(0.25, 0.5, 1),
        fc.oneof(
          fc.constant(0),
          fc.double({ min: 0, max: 1, noNaN: true }),
          fc.double({ min: 0, max: 4000, noNaN: true }),
        ),
        fc.boolean(),
        (template, round, above, byCentre) => {
          const limitHours = templateMinimumHours(template, round) + above;
          const def = instantiateTemplate(template, {
            limitHours,
            stepHoursRound: round,
            receivingAgency: byCentre ? CENTRE : null,
            department: 'QLXD',
            jointAgency: LAND_OFFICE,
          });
          const staffed = ctx(limitHours);
          // without the centre the Department of Construction receives itself: give it the officer
          if (!byCentre) (staffed.agencies.get(CONSTRUCTION)!.roles as Set<string>).add('receiving_officer');
          const v = validateWorkflow(def, staffed);
          expect(v.ok, workflowErrorSummary(v)).toBe(true);
          expect(v.warnings).toEqual([]);
          expect(v.longestPathHours).toBeLessThanOrEqual(limitHours + 1e-6);
          for (const s of def.steps) {
            expect(s.budgetHours).toBeGreaterThanOrEqual(round);
            expect(Math.abs(s.budgetHours / round - Math.round(s.budgetHours / round))).toBeLessThan(1e-6);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a longer limit never gives a step less time', () => {
    // from 16 h up, no share falls under the half-hour minimum, so nothing is shrunk to fit and
    // budgets are plain rounded-down shares (shrinking below that is not monotone, by design)
    fc.assert(
      fc.property(
        fc.constantFrom(...WORKFLOW_TEMPLATES),
        fc.integer({ min: 16, max: 2000 }),
        fc.integer({ min: 0, max: 2000 }),
        (template, limit, extra) => {
          const a = instantiateTemplate(template, { limitHours: limit, jointAgency: LAND_OFFICE });
          const b = instantiateTemplate(template, { limitHours: limit + extra, jointAgency: LAND_OFFICE });
          a.steps.forEach((s, i) => {
            expect(b.steps[i]!.budgetHours).toBeGreaterThanOrEqual(s.budgetHours);
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});
