/**
 * The periodic report "Tình hình, kết quả giải quyết thủ tục hành chính" (INDICATORS-766.md §6):
 * one row of counts for a set of dossiers over a period [from, to). The sources leave open where
 * a stopped dossier belongs; it is configuration (`stopped`), defaulting to current practice
 * (suspended, under "dừng xử lý"). Invariants, tested:
 *   received = carried over + new;
 *   received = resolved + pending + suspended + withdrawn.
 */
import { type Ratio, ratio } from './ratio.js';
import { type DossierFacts, standingAt } from './timeliness.js';

export interface ReportFacts extends DossierFacts {
  channel: 'direct' | 'online' | 'postal' | null;
  /** instants of the apologies (Mẫu 04 / văn bản xin lỗi) */
  apologiesAt: readonly number[];
}

export interface ReportOptions {
  /** 'suspended' (practice: a column of "tạm dừng") or 'resolved' (the 766 end-of-processing rule) */
  stopped: 'suspended' | 'resolved';
}

export interface ReportRow {
  received: { total: number; carriedOver: number; newOnline: number; newDirectOrPostal: number };
  resolved: { total: number; early: number; onTime: number; late: number };
  pending: { total: number; inTime: number; overdue: number };
  suspended: { total: number; supplement: number; payment: number; stopped: number };
  withdrawn: number;
  apologies: number;
  /** (early + on time) ÷ resolved */
  onTimeRate: Ratio;
}

export const emptyRow = (): ReportRow => ({
  received: { total: 0, carriedOver: 0, newOnline: 0, newDirectOrPostal: 0 },
  resolved: { total: 0, early: 0, onTime: 0, late: 0 },
  pending: { total: 0, inTime: 0, overdue: 0 },
  suspended: { total: 0, supplement: 0, payment: 0, stopped: 0 },
  withdrawn: 0,
  apologies: 0,
  onTimeRate: ratio(0, 0),
});

/** Adds one dossier to a row; returns false when the dossier does not belong to the period. */
export function addToRow(
  row: ReportRow,
  f: ReportFacts,
  from: number,
  to: number,
  opts: ReportOptions = { stopped: 'suspended' },
): boolean {
  if (f.receivedAt == null || f.receivedAt >= to) return false;
  const before = standingAt(f, from);
  // finished or withdrawn before the period: not part of it
  if (f.receivedAt < from && (before.bucket === 'resolved' || before.bucket === 'withdrawn')) return false;
  if (f.receivedAt < from) row.received.carriedOver++;
  else if (f.channel === 'online') row.received.newOnline++;
  else row.received.newDirectOrPostal++;
  row.received.total++;
  row.apologies += f.apologiesAt.filter((t) => t >= from && t < to).length;

  const s = standingAt(f, to);
  if (s.bucket === 'resolved' && (s.kind === 'result' || opts.stopped === 'resolved')) {
    row.resolved.total++;
    if (s.timing === 'early') row.resolved.early++;
    else if (s.timing === 'late') row.resolved.late++;
    else row.resolved.onTime++;
  } else if (s.bucket === 'resolved') {
    row.suspended.total++;
    row.suspended.stopped++;
  } else if (s.bucket === 'withdrawn') row.withdrawn++;
  else if (s.bucket === 'open' && s.paused) {
    row.suspended.total++;
    row.suspended[s.paused]++;
  } else if (s.bucket === 'open') {
    row.pending.total++;
    if (s.overdue) row.pending.overdue++;
    else row.pending.inTime++;
  }
  row.onTimeRate = ratio(row.resolved.early + row.resolved.onTime, row.resolved.total);
  return true;
}

export function reportRow(
  facts: Iterable<ReportFacts>,
  from: number,
  to: number,
  opts?: ReportOptions,
): ReportRow {
  const row = emptyRow();
  for (const f of facts) addToRow(row, f, from, to, opts);
  return row;
}

/** The sum of rows (a field's total from its procedures, an agency's from its fields). */
export function sumRows(rows: Iterable<ReportRow>): ReportRow {
  const out = emptyRow();
  for (const r of rows) {
    for (const k of ['received', 'resolved', 'pending', 'suspended'] as const) {
      const a = out[k] as unknown as Record<string, number>;
      const b = r[k] as unknown as Record<string, number>;
      for (const key of Object.keys(b)) a[key] = (a[key] ?? 0) + (b[key] ?? 0);
    }
    out.withdrawn += r.withdrawn;
    out.apologies += r.apologies;
  }
  out.onTimeRate = ratio(out.resolved.early + out.resolved.onTime, out.resolved.total);
  return out;
}

/**
 * Decision 766 indicator 2.1 for a set of dossiers: (resolved early or on time + open within
 * time) ÷ dossiers received and handled in the period, with the portal's rule that a dossier
 * left waiting for its only supplement request ended at the request.
 */
/**
 * How one dossier counts in indicator 2.1 for [from, to): not at all (not received in time, or
 * ended or withdrawn before the period), on time (resolved early or on time, or open within
 * time), or against (resolved late, or open overdue): the drill-down behind the figure.
 */
export type ProgressCount = 'excluded' | 'on_time' | 'late' | 'overdue';

export function progressCount(f: DossierFacts, from: number, to: number): ProgressCount {
  if (f.receivedAt == null || f.receivedAt >= to) return 'excluded';
  const before = standingAt(f, from, { unfinishedSupplementEnds: true });
  if (f.receivedAt < from && (before.bucket === 'resolved' || before.bucket === 'withdrawn'))
    return 'excluded';
  const s = standingAt(f, to, { unfinishedSupplementEnds: true });
  if (s.bucket === 'withdrawn') return 'excluded';
  if (s.bucket === 'resolved') return s.timing === 'late' ? 'late' : 'on_time';
  if (s.bucket === 'open') return s.overdue === false ? 'on_time' : 'overdue';
  return 'excluded';
}

/**
 * Decision 766 indicator 2.1 for a set of dossiers: (resolved early or on time + open within
 * time) ÷ dossiers received and handled in the period, with the portal's rule that a dossier
 * left waiting for its only supplement request ended at the request.
 */
export function progressRatio(facts: Iterable<DossierFacts>, from: number, to: number): Ratio {
  let n = 0;
  let d = 0;
  for (const f of facts) {
    const c = progressCount(f, from, to);
    if (c === 'excluded') continue;
    d++;
    if (c === 'on_time') n++;
  }
  return ratio(n, d);
}

/** Indicator 3.3 (shown, not scored): dossiers received online in the period ÷ dossiers received in it. */
export function onlineShareRatio(facts: Iterable<ReportFacts>, from: number, to: number): Ratio {
  let n = 0;
  let d = 0;
  for (const f of facts) {
    if (f.receivedAt == null || f.receivedAt < from || f.receivedAt >= to) continue;
    d++;
    if (f.channel === 'online') n++;
  }
  return ratio(n, d);
}
