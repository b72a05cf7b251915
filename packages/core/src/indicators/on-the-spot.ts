/**
 * Tỷ lệ giải quyết tại chỗ — the on-the-spot processing rate of a service centre (issue #7 item
 * 5). The domain guide does not define it: LIFECYCLE.md T2 only says that an on-the-spot
 * procedure needs no receipt slip (Mẫu 01) while the system still records it, and TIME.md §1.1
 * knows same-day procedures ("giải quyết trong ngày"). The rule below is therefore MotCua's
 * interpretation [L], kept in this one function (`resolvedOnTheSpot`) so that a deployment, or a
 * later text, can replace it:
 *
 * a dossier received at a centre was resolved on the spot when it was accepted at the centre and
 * its result was issued and returned on the same civil day (UTC+7) as the acceptance, every
 * officer action from the acceptance to the return was recorded in a position of the centre's
 * agency (received, appraised, approved, signed and returned by the centre itself: nothing went
 * to another agency, no opinion came from one), no liên thông was sent, and the clock never
 * stopped (no supplement request, no payment that stops the clock).
 *
 * The same civil day is stricter than TIME.md's same-day limit (received after 15:00, returned the
 * next working day): "tại chỗ" is read as while the applicant is at the centre. The log records
 * the agency of each action, not where it was done, so a provincial department's officer working
 * at the provincial centre counts as another agency unless they act in a position of the centre's.
 *
 * The targets, as issue #7 phrases them: at least 20 % of the (frequent) procedures at the
 * provincial centre, 50 % at district or commune level, are resolved on the spot. Their legal
 * source is not in the domain guide [GAP]; they are configuration (`ON_THE_SPOT_TARGETS`). Which
 * procedures are "frequent" is not listed anywhere either: the denominator is the procedures the
 * centre received dossiers of in the period, and a procedure counts as resolved on the spot when
 * at least `procedureShare` (default one half) of those dossiers were.
 */
import type { DossierAction } from '../lifecycle/actions.js';
import { vnDayNumber } from './period.js';
import { type Ratio, ratio } from './ratio.js';

export const RECEPTION_POINT_KINDS = [
  'provincial_center',
  'district_center',
  'commune_center',
  'branch',
  'ministry_unit',
] as const;
export type ReceptionPointKind = (typeof RECEPTION_POINT_KINDS)[number];

export interface OnTheSpotTarget {
  /** minimum share of procedures, in % */
  percent: number;
  basis: string;
}

/**
 * The targets by kind of centre. A branch is part of the provincial centre (a single-level centre
 * with branches), so it has the provincial target; a ministry's unit has none in the issue.
 */
export const ON_THE_SPOT_TARGETS: Readonly<Record<ReceptionPointKind, OnTheSpotTarget | null>> = {
  provincial_center: { percent: 20, basis: 'issue #7: ≥ 20 % TTHC tại Trung tâm cấp tỉnh [GAP: nguồn]' },
  branch: { percent: 20, basis: 'issue #7: ≥ 20 % TTHC tại Trung tâm cấp tỉnh [GAP: nguồn]' },
  district_center: { percent: 50, basis: 'issue #7: ≥ 50 % TTHC tại cấp huyện, cấp xã [GAP: nguồn]' },
  commune_center: { percent: 50, basis: 'issue #7: ≥ 50 % TTHC tại cấp huyện, cấp xã [GAP: nguồn]' },
  ministry_unit: null,
};

/** Why a dossier accepted at the centre was not resolved on the spot, the first failed condition. */
export const ON_THE_SPOT_MISSES = [
  'not_accepted_here',
  'not_returned',
  'not_same_day',
  'other_agency',
  'joint',
  'clock_stopped',
] as const;
export type OnTheSpotMiss = (typeof ON_THE_SPOT_MISSES)[number];

/** Whether one dossier was resolved on the spot at the centre run by `centreAgency`, and if not, why. */
export function onTheSpotOf(
  log: readonly DossierAction[],
  centreAgency: string,
  to: number = Number.POSITIVE_INFINITY,
): { onTheSpot: true } | { onTheSpot: false; miss: OnTheSpotMiss } {
  const accept = log.find((a) => a.type === 'accept');
  if (!accept || accept.at >= to || accept.actor.kind !== 'officer' || accept.actor.agency !== centreAgency)
    return { onTheSpot: false, miss: 'not_accepted_here' };
  const day = vnDayNumber(accept.at);
  let issued = false;
  let returned = false;
  for (const a of log) {
    if (a.at < accept.at || a.at >= to || returned) continue;
    if (a.type === 'joint_send') return { onTheSpot: false, miss: 'joint' };
    if (a.type === 'request_supplement' || (a.type === 'request_payment' && a.pausesClock))
      return { onTheSpot: false, miss: 'clock_stopped' };
    if (a.actor.kind === 'officer' && a.actor.agency !== centreAgency)
      return { onTheSpot: false, miss: 'other_agency' };
    if (a.type === 'issue_result' || a.type === 'return_result') {
      if (vnDayNumber(a.at) !== day) return { onTheSpot: false, miss: 'not_same_day' };
      if (a.type === 'issue_result') issued = true;
      else returned = true;
    }
  }
  return issued && returned ? { onTheSpot: true } : { onTheSpot: false, miss: 'not_returned' };
}

/** The dossier is resolved on the spot (the rule above). */
export const resolvedOnTheSpot = (log: readonly DossierAction[], centreAgency: string, to?: number) =>
  onTheSpotOf(log, centreAgency, to).onTheSpot;

export interface CentreDossier {
  procedure: string;
  log: readonly DossierAction[];
}

export interface ProcedureOnTheSpot {
  procedure: string;
  received: number;
  onTheSpot: number;
  /** at least `procedureShare` of its dossiers received in the period were resolved on the spot */
  counts: boolean;
}

export interface OnTheSpotRates {
  /** dossiers resolved on the spot ÷ dossiers accepted at the centre in the period */
  dossiers: Ratio;
  /** procedures resolved on the spot ÷ procedures the centre received dossiers of */
  procedures: Ratio;
  byProcedure: ProcedureOnTheSpot[];
  /** why the others were not, dossier by dossier reason counts */
  misses: Partial<Record<OnTheSpotMiss, number>>;
}

/**
 * A centre's rates over [from, to): the dossiers it accepted in the period, each judged with what
 * its log holds before `to`.
 */
export function onTheSpotRates(
  dossiers: Iterable<CentreDossier>,
  centreAgency: string,
  from: number,
  to: number,
  opts: { procedureShare?: number } = {},
): OnTheSpotRates {
  const share = opts.procedureShare ?? 0.5;
  if (!(share > 0 && share <= 1)) throw new RangeError(`procedureShare must be in (0, 1], got ${share}`);
  const byProcedure = new Map<string, ProcedureOnTheSpot>();
  const misses: Partial<Record<OnTheSpotMiss, number>> = {};
  let received = 0;
  let spot = 0;
  for (const d of dossiers) {
    const accept = d.log.find((a) => a.type === 'accept');
    if (!accept || accept.at < from || accept.at >= to) continue;
    const r = onTheSpotOf(d.log, centreAgency, to);
    // a dossier another agency's desk accepted is not the centre's (it was only handed in here)
    if (!r.onTheSpot && r.miss === 'not_accepted_here') continue;
    received++;
    let p = byProcedure.get(d.procedure);
    if (!p) {
      p = { procedure: d.procedure, received: 0, onTheSpot: 0, counts: false };
      byProcedure.set(d.procedure, p);
    }
    p.received++;
    if (r.onTheSpot) {
      spot++;
      p.onTheSpot++;
    } else misses[r.miss] = (misses[r.miss] ?? 0) + 1;
  }
  const list = [...byProcedure.values()].sort((a, b) => a.procedure.localeCompare(b.procedure));
  for (const p of list) p.counts = p.onTheSpot >= share * p.received;
  return {
    dossiers: ratio(spot, received),
    procedures: ratio(list.filter((p) => p.counts).length, list.length),
    byProcedure: list,
    misses,
  };
}

/** Whether the procedure share meets the centre's target: null without a target or without data. */
export function meetsTarget(
  rates: Pick<OnTheSpotRates, 'procedures'>,
  kind: ReceptionPointKind,
): boolean | null {
  const target = ON_THE_SPOT_TARGETS[kind];
  if (!target || rates.procedures.percent === null) return null;
  return rates.procedures.percent >= target.percent;
}
