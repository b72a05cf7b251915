/**
 * Where a dossier stands at an instant, by the national portal's counting rule (TIME.md §1.6):
 * processing ends at the first of "đã xử lý xong", "dừng xử lý" (our stop, including a refusal
 * after appraisal); a resolved dossier is on time when its end ≤ the due instant, compared as
 * timestamps; an open one is judged at the instant asked (the period's end) as within time or
 * overdue. "Trước hạn" (early) is an earlier civil date than the due date: the boundary is [GAP]
 * in the sources and this is the proposed [L] reading, kept in one function.
 */
import type { ClockStop } from '../lifecycle/machine.js';
import { vnDayNumber } from './period.js';

export interface DossierFacts {
  /** NgayTiepNhan: the clock starts (null: never accepted) */
  receivedAt: number | null;
  /** refused at intake (Mẫu 03): never received */
  refusedAt?: number | null;
  /** the due instant and when each value came into force (acceptance, then every resumption) */
  dueHistory: readonly { from: number; dueAt: number }[];
  /** NgayKetThucXuLy and how processing ended; withdrawal is not an end of processing */
  end: { kind: 'result' | 'stopped'; at: number } | null;
  withdrawnAt: number | null;
  pauses: readonly ClockStop[];
  /** how many supplement requests during processing (not the completion request at intake) */
  supplementRequests: number;
  /** the legal limit in milliseconds of elapsed time, for a dossier without a due instant */
  legalLimitMs?: number | null;
}

export type Timing = 'early' | 'on_time' | 'late';
export type Standing =
  | { bucket: 'not_received' }
  | { bucket: 'refused' }
  | { bucket: 'withdrawn'; at: number }
  | { bucket: 'resolved'; kind: 'result' | 'stopped'; at: number; timing: Timing | null }
  | { bucket: 'open'; overdue: boolean | null; paused: ClockStop['kind'] | null };

/** The due instant in force at `t` (the last value set at or before it). */
export function dueAt(f: Pick<DossierFacts, 'dueHistory'>, t: number): number | null {
  let due: number | null = null;
  for (const h of f.dueHistory) if (h.from <= t) due = h.dueAt;
  return due;
}

export function timingOf(end: number, due: number): Timing {
  if (end > due) return 'late';
  return vnDayNumber(end) < vnDayNumber(due) ? 'early' : 'on_time';
}

/** Stopped-clock time of the pauses up to `t`. */
function pausedMs(pauses: readonly ClockStop[], t: number): number {
  let ms = 0;
  for (const p of pauses) if (p.from < t) ms += Math.min(p.to ?? t, t) - p.from;
  return ms;
}

export interface StandingOptions {
  /**
   * The portal counts a dossier left waiting for its only supplement request as ended at the
   * request (TIME.md §1.6). True for Decision 766 scoring; false for the periodic report, which
   * shows it as suspended.
   */
  unfinishedSupplementEnds?: boolean;
}

/** The dossier's standing at instant `at` (typically the end of a reporting period). */
export function standingAt(f: DossierFacts, at: number, opts: StandingOptions = {}): Standing {
  if (f.refusedAt != null && f.refusedAt < at && (f.receivedAt == null || f.receivedAt >= at))
    return { bucket: 'refused' };
  if (f.receivedAt == null || f.receivedAt >= at) return { bucket: 'not_received' };
  const judge = (end: number): Timing | null => {
    const due = dueAt(f, end);
    if (due != null) return timingOf(end, due);
    if (f.legalLimitMs == null || f.receivedAt == null) return null;
    const elapsed = end - f.receivedAt - pausedMs(f.pauses, end);
    return elapsed <= f.legalLimitMs ? 'on_time' : 'late';
  };
  if (f.end && f.end.at < at)
    return { bucket: 'resolved', kind: f.end.kind, at: f.end.at, timing: judge(f.end.at) };
  if (f.withdrawnAt != null && f.withdrawnAt < at) return { bucket: 'withdrawn', at: f.withdrawnAt };
  const open = f.pauses.find((p) => p.from < at && (p.to == null || p.to >= at)) ?? null;
  if (
    open?.kind === 'supplement' &&
    opts.unfinishedSupplementEnds &&
    f.supplementRequests === 1 &&
    open.to == null
  )
    return { bucket: 'resolved', kind: 'result', at: open.from, timing: judge(open.from) };
  if (open) {
    // the clock is stopped: the dossier is as late as it was when it stopped
    const due = dueAt(f, open.from);
    return { bucket: 'open', overdue: due == null ? null : open.from > due, paused: open.kind };
  }
  const due = dueAt(f, at);
  if (due == null) {
    if (f.legalLimitMs == null) return { bucket: 'open', overdue: null, paused: null };
    return {
      bucket: 'open',
      overdue: at - f.receivedAt - pausedMs(f.pauses, at) > f.legalLimitMs,
      paused: null,
    };
  }
  return { bucket: 'open', overdue: at > due, paused: null };
}
