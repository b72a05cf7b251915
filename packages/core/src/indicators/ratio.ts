/**
 * A ratio as Decision 766 reports it: numerator and denominator kept apart, so "no data" (0 ÷ 0)
 * is never shown as 0 % or 100 % (INDICATORS-766.md §4: never store a ratio alone).
 */
export interface Ratio {
  numerator: number;
  denominator: number;
  /** percentage with two decimals; null when the denominator is 0 */
  percent: number | null;
}

export const round2 = (x: number) => Math.round((x + Number.EPSILON) * 100) / 100;

export function ratio(numerator: number, denominator: number): Ratio {
  if (!Number.isFinite(numerator) || !Number.isFinite(denominator) || numerator < 0 || denominator < 0)
    throw new RangeError(`a ratio needs non-negative counts, got ${numerator}/${denominator}`);
  return {
    numerator,
    denominator,
    percent: denominator === 0 ? null : round2((100 * numerator) / denominator),
  };
}

/** The ratio as a fraction (0–1 or more), or null without a denominator. */
export const fraction = (r: Ratio): number | null =>
  r.denominator === 0 ? null : r.numerator / r.denominator;
