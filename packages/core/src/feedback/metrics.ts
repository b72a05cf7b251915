/**
 * The Decision 766 PAKN metrics of a unit for a period (INDICATORS-766.md §3.6), as ratios the
 * indicators' scoring (indicators/score.ts, rule linear(100, 'full') in indicators/metrics.ts)
 * turns into points; numerator and denominator are kept apart and 0 ÷ 0 stays "no data".
 *
 * - 5.1 PETITION_CLASSIFICATION (tracking, no score): PAKN about rules ÷ PAKN classified, with
 *   the counts by classification (those not yet classified are counted apart, never guessed);
 * - 5.2 PETITION_PROCESSING_ON_TIME: (handled on time + open within time) ÷ PAKN of the period;
 * - 5.3 PETITION_HANDLING_SATISFACTION: (handled − rated dissatisfied, raised again or handled
 *   late) ÷ PAKN handled in the period.
 *
 * A PAKN belongs to a period as a dossier does to 2.1: received before its end and not handled
 * before its start. "Handled" is refused or resolved (with an answer); everything is judged at the
 * period's last instant, so what happens after the period does not change it.
 */
import { type Ratio, ratio } from '../indicators/ratio.js';
import { type FeedbackTiming, isLate } from './deadlines.js';
import type { FeedbackClassification } from './machine.js';

export interface FeedbackFacts extends FeedbackTiming {
  classification: FeedbackClassification | null;
  rating: { satisfied: boolean; at: number } | null;
  raisedAgainAt: number | null;
}

const handledAt = (f: FeedbackTiming) => f.refusedAt ?? f.resolvedAt;

/** Where one PAKN stands for 5.2 in [from, to): outside the period, or how it counts. */
export type PetitionCount = 'outside' | 'on_time' | 'late' | 'open_in_time' | 'overdue';

export function petitionCount(f: FeedbackFacts, from: number, to: number): PetitionCount {
  const end = handledAt(f);
  if (f.receivedAt >= to || (end !== null && end < from)) return 'outside';
  const at = to - 1;
  const handled = end !== null && end <= at;
  const late = isLate(f, at);
  return handled ? (late ? 'late' : 'on_time') : late ? 'overdue' : 'open_in_time';
}

/** 5.2: (handled on time + open within time) ÷ PAKN of the period. */
export function petitionOnTimeRatio(facts: readonly FeedbackFacts[], from: number, to: number): Ratio {
  let n = 0;
  let d = 0;
  for (const f of facts) {
    const c = petitionCount(f, from, to);
    if (c === 'outside') continue;
    d++;
    if (c === 'on_time' || c === 'open_in_time') n++;
  }
  return ratio(n, d);
}

/** Why a handled PAKN counts against 5.3 (null: it does not). */
export function dissatisfactionOf(
  f: FeedbackFacts,
  at: number,
): 'dissatisfied' | 'raised_again' | 'late' | null {
  if (f.rating && f.rating.at <= at && !f.rating.satisfied) return 'dissatisfied';
  if (f.raisedAgainAt !== null && f.raisedAgainAt <= at) return 'raised_again';
  if (isLate(f, at)) return 'late';
  return null;
}

/** 5.3: (handled − rated dissatisfied, raised again or handled late) ÷ PAKN handled in [from, to). */
export function petitionSatisfactionRatio(facts: readonly FeedbackFacts[], from: number, to: number): Ratio {
  let n = 0;
  let d = 0;
  for (const f of facts) {
    const end = handledAt(f);
    if (end === null || end < from || end >= to) continue;
    d++;
    if (dissatisfactionOf(f, to - 1) === null) n++;
  }
  return ratio(n, d);
}

export interface PetitionClassification {
  rules: number;
  behaviour: number;
  unclassified: number;
  /** rules ÷ (rules + behaviour) */
  ratio: Ratio;
}

/** 5.1: the PAKN of the period by classification (tracking only). */
export function petitionClassification(
  facts: readonly FeedbackFacts[],
  from: number,
  to: number,
): PetitionClassification {
  const c = { rules: 0, behaviour: 0, unclassified: 0 };
  for (const f of facts) {
    if (petitionCount(f, from, to) === 'outside') continue;
    c[f.classification ?? 'unclassified']++;
  }
  return { ...c, ratio: ratio(c.rules, c.rules + c.behaviour) };
}

/** The three ratios as the indicators' scoring takes them (UnitInputs.ratios). */
export function petitionRatios(
  facts: readonly FeedbackFacts[],
  from: number,
  to: number,
): Record<string, Ratio> {
  return {
    PETITION_CLASSIFICATION: petitionClassification(facts, from, to).ratio,
    PETITION_PROCESSING_ON_TIME: petitionOnTimeRatio(facts, from, to),
    PETITION_HANDLING_SATISFACTION: petitionSatisfactionRatio(facts, from, to),
  };
}

/** The facts of a snapshot (the server stores the snapshot; these are the fields that count). */
export function feedbackFactsOf(s: FeedbackFacts): FeedbackFacts {
  return {
    receivedAt: s.receivedAt,
    refuseBy: s.refuseBy,
    requestInfoBy: s.requestInfoBy,
    resolveBy: s.resolveBy,
    infoRequestsAt: s.infoRequestsAt,
    refusedAt: s.refusedAt,
    resolvedAt: s.resolvedAt,
    publishBy: s.publishBy,
    publishedAt: s.publishedAt,
    classification: s.classification,
    rating: s.rating,
    raisedAgainAt: s.raisedAgainAt,
  };
}
