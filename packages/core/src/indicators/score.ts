/**
 * Scoring a unit (an agency, a commune, the province) for a period from its metric inputs. Every
 * figure keeps its numerator, denominator, ratio and score apart; a null score (no data, or a
 * rule the sources leave unresolved) counts as 0 in a group's total, as the portal does, but is
 * reported as null (INDICATORS-766.md §4).
 */
import { GROUPS, type GroupId, METRICS, type MetricDef, PETITION_METRICS } from './metrics.js';
import { fraction, type Ratio, round2 } from './ratio.js';

/** Where the sources disagree, which reading to project with (configuration, not code). */
export interface IndicatorPolicy {
  /**
   * A unit without PAKN: 'rev' gives each empty PAKN metric full points (what published scores
   * show); 'ops' moves their points equally onto the group's metrics that have data.
   */
  petitionsEmpty: 'rev' | 'ops';
  /** 4.2: 'rev' scores max × r/100 (published scores); 'ops' gives full points from 80 % */
  digitisedComponents: 'rev' | 'ops';
  /** 2.1 with no dossier: 'null' (no data, the default: unresolved in the sources) or 'zero' */
  progressEmpty: 'null' | 'zero';
}

export const DEFAULT_POLICY: IndicatorPolicy = {
  petitionsEmpty: 'rev',
  digitisedComponents: 'rev',
  progressEmpty: 'null',
};

/** The online payment metric's three ratios (§3.4). */
export interface PaymentInputs {
  /** dossiers paid online ÷ dossiers with a financial obligation */
  a: Ratio;
  /** fee-bearing procedures with online-paid dossiers ÷ fee-bearing procedures */
  b: Ratio;
  /** fee-bearing procedures with dossiers ÷ fee-bearing procedures */
  c: Ratio;
}

/** A unit's inputs: a ratio per metric code (absent: MotCua does not measure it for this unit). */
export interface UnitInputs {
  ratios: Partial<Record<string, Ratio>>;
  payment?: PaymentInputs;
}

export interface MetricScore {
  code: string;
  no: string;
  max: number;
  ratio: Ratio | null;
  /** the payment metric's parts */
  parts?: PaymentInputs;
  score: number | null;
  status: MetricDef['status'];
  basis: MetricDef['basis'];
  /** why the score is null: no input, no data (0 ÷ 0), or a rule the sources leave open */
  nullBecause?: 'not_measured' | 'no_data' | 'unresolved' | 'tracking';
}

export interface GroupScore {
  group: GroupId;
  max: number;
  /** null when no metric of the group could be scored (e.g. 3a, unresolved) */
  score: number | null;
  metrics: MetricScore[];
}

export interface UnitScore {
  groups: GroupScore[];
  /** sum of the group scores (null groups count 0) */
  total: number;
  /** the points MotCua can project: 100 minus the groups whose rule is unresolved */
  projectable: number;
}

function linearScore(def: MetricDef, r: Ratio, fullAt: number, whenEmpty: 'null' | 'zero' | 'full') {
  const f = fraction(r);
  if (f == null) return whenEmpty === 'null' ? null : whenEmpty === 'zero' ? 0 : def.max;
  return round2(Math.min(def.max, (def.max * f * 100) / fullAt));
}

export function paymentScore(p: PaymentInputs): number {
  // a ratio without a denominator counts 0 (verified on the published scores)
  const v = (r: Ratio) => fraction(r) ?? 0;
  // the verified rule can reach 10.5 (B = C = 1); the group's maximum is 10 [OPS]
  return round2(Math.min(10, 6 * v(p.a) + Math.min(2, 2.5 * v(p.b)) + 2.5 * v(p.c)));
}

export function scoreMetric(
  def: MetricDef,
  inputs: UnitInputs,
  policy: IndicatorPolicy = DEFAULT_POLICY,
): MetricScore {
  const base = { code: def.code, no: def.no, max: def.max, status: def.status, basis: def.basis };
  const rule = def.rule;
  if (rule.kind === 'payment') {
    if (!inputs.payment) return { ...base, ratio: null, score: null, nullBecause: 'not_measured' };
    return { ...base, ratio: inputs.payment.a, parts: inputs.payment, score: paymentScore(inputs.payment) };
  }
  const r = inputs.ratios[def.code] ?? null;
  if (rule.kind === 'unresolved') return { ...base, ratio: r, score: null, nullBecause: 'unresolved' };
  if (rule.kind === 'tracking') return { ...base, ratio: r, score: null, nullBecause: 'tracking' };
  if (!r) return { ...base, ratio: null, score: null, nullBecause: 'not_measured' };
  let fullAt = rule.fullAt;
  let whenEmpty = rule.whenEmpty;
  if (def.code === 'SO_HOA_GIAY_TO_GIAI_QUYET' && policy.digitisedComponents === 'ops') fullAt = 80;
  if (def.code === 'DOSSIER_ON_TIME') whenEmpty = policy.progressEmpty;
  const score = linearScore(def, r, fullAt, whenEmpty);
  return { ...base, ratio: r, score, ...(score == null ? { nullBecause: 'no_data' as const } : {}) };
}

/** The OPS reading of a unit without PAKN: the empty PAKN metrics' points go equally to the others. */
function redistributePetitions(metrics: MetricScore[]) {
  const empty = metrics.filter(
    (m) => (PETITION_METRICS as readonly string[]).includes(m.code) && m.ratio && m.ratio.denominator === 0,
  );
  const receivers = metrics.filter((m) => m.max > 0 && !empty.includes(m) && m.score != null);
  if (empty.length === 0 || receivers.length === 0) return;
  const share = empty.reduce((n, m) => n + m.max, 0) / receivers.length;
  for (const m of empty) m.score = 0;
  for (const m of receivers) m.score = round2(((m.score as number) * (m.max + share)) / m.max);
}

export function scoreUnit(inputs: UnitInputs, policy: IndicatorPolicy = DEFAULT_POLICY): UnitScore {
  const groups = GROUPS.map((g): GroupScore => {
    const metrics = METRICS.filter((m) => m.group === g.id).map((m) => scoreMetric(m, inputs, policy));
    if (g.id === 'satisfaction' && policy.petitionsEmpty === 'ops') redistributePetitions(metrics);
    const scored = metrics.filter((m) => m.score != null);
    const score = scored.length === 0 ? null : round2(scored.reduce((n, m) => n + (m.score as number), 0));
    return { group: g.id, max: g.max, score, metrics };
  });
  const unresolved = GROUPS.filter((g) =>
    METRICS.filter((m) => m.group === g.id).every((m) => m.rule.kind === 'unresolved'),
  );
  return {
    groups,
    total: round2(groups.reduce((n, g) => n + (g.score ?? 0), 0)),
    projectable: 100 - unresolved.reduce((n, g) => n + g.max, 0),
  };
}

/**
 * Ranks units of one class (provincial agencies, communes) by total, highest first; equal totals
 * share a rank and the next rank skips (1, 2, 2, 4), as league tables are read.
 */
export function rank<T extends { total: number | null }>(
  units: readonly T[],
): (T & { rank: number | null })[] {
  const sorted = [...units].sort((a, b) => (b.total ?? -1) - (a.total ?? -1));
  let prev: number | null = null;
  let prevRank = 0;
  return sorted.map((u, i) => {
    if (u.total == null) return { ...u, rank: null };
    const r = u.total === prev ? prevRank : i + 1;
    prev = u.total;
    prevRank = r;
    return { ...u, rank: r };
  });
}
