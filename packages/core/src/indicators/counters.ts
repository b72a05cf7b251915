/**
 * Day counters: the periodic report and indicator 2.1 from sums, not from every dossier.
 *
 * Where a dossier stands (standingAt) changes only at its own instants: receipt, refusal, end,
 * withdrawal, a pause's start and end, a change of the due instant, the due instant itself (or
 * the legal limit's crossing) and an apology. Between two of them its class is constant. So each
 * dossier is written once as a few *deltas* keyed by day — "from the midnight starting day k
 * (Hà Nội), one more dossier in class X, one fewer in class Y" — and the number of dossiers in a
 * class at a midnight is the sum of the deltas up to that day. A report over a period that runs
 * from midnight to midnight needs each class's level at its two ends only:
 *
 *   received (handled in the period) = received by the end − ended or withdrawn by the start
 *   carried over = received by the start − ended or withdrawn by the start
 *   new = received by the end − received by the start (per channel)
 *   resolved, withdrawn (by kind and timing) = level at the end − level at the start
 *   pending, suspended = level at the end
 *   apologies = (a running count) at the end − at the start
 *
 * which holds because an ended or withdrawn dossier stays so (the log has nothing after a
 * withdrawal or a stop, and both close the open pauses; a result's end is its finishing instant,
 * which nothing moves). The levels equal reportRow / progressRatio over the same dossiers exactly,
 * property-tested; the counters are a function of the dossier's current facts only, so a change
 * of facts (even one that reclassifies the past, as the portal's rule for an unanswered only
 * supplement request does) is the difference of the two dossiers' deltas.
 */
import { VN_OFFSET_MS, vnDayNumber } from './period.js';
import { type Ratio, ratio } from './ratio.js';
import { emptyRow, type ReportFacts, type ReportOptions, type ReportRow } from './report.js';
import { type DossierFacts, type Standing, standingAt } from './timeliness.js';

const DAY_MS = 86_400_000;

/** The midnight (Hà Nội) that starts day number `k` (vnDayNumber's numbering). */
export const midnightOfDay = (k: number) => k * DAY_MS - VN_OFFSET_MS;

/**
 * Report view classes (standingAt without options) and the progress view (2.1, where a dossier
 * left waiting for its only supplement request counts as ended at the request). Not counted: not
 * received, refused.
 */
export type ReportClass =
  | 'open'
  | 'overdue'
  | 'paused:supplement'
  | 'paused:payment'
  | `${'result' | 'stopped'}:${'early' | 'on_time' | 'late' | 'none'}`
  | 'withdrawn';
export type ProgressClass =
  | 'p:open_ok'
  | 'p:open_overdue'
  | 'p:resolved_ok'
  | 'p:resolved_late'
  | 'p:withdrawn';
/** A running count, never decremented: apologies up to a midnight. */
export type EventClass = 'apology';
export type CounterClass = ReportClass | ProgressClass | EventClass;

export interface DayDelta {
  /** effective from the midnight starting this day number */
  day: number;
  cls: CounterClass;
  delta: number;
}

function reportClass(s: Standing): ReportClass | null {
  switch (s.bucket) {
    case 'not_received':
    case 'refused':
      return null;
    case 'withdrawn':
      return 'withdrawn';
    case 'resolved':
      return `${s.kind}:${s.timing ?? 'none'}`;
    case 'open':
      if (s.paused) return `paused:${s.paused}`;
      return s.overdue ? 'overdue' : 'open';
  }
}

function progressClass(s: Standing): ProgressClass | null {
  switch (s.bucket) {
    case 'not_received':
    case 'refused':
      return null;
    case 'withdrawn':
      return 'p:withdrawn';
    case 'resolved':
      return s.timing === 'late' ? 'p:resolved_late' : 'p:resolved_ok';
    case 'open':
      return s.overdue === false ? 'p:open_ok' : 'p:open_overdue';
  }
}

/**
 * The instant a dossier without a due instant passes its legal limit of elapsed time (the clock
 * stopped during pauses), or null when it never does (an open pause holds it).
 */
function limitCrossing(f: DossierFacts): number | null {
  if (f.legalLimitMs == null || f.receivedAt == null || f.dueHistory.length) return null;
  let t = f.receivedAt + f.legalLimitMs;
  for (const p of [...f.pauses].sort((a, b) => a.from - b.from)) {
    if (p.from >= t) break;
    if (p.to == null) return null;
    t += p.to - p.from;
  }
  return t;
}

/** The instants at which a dossier's class may change. */
function breakpoints(f: ReportFacts): number[] {
  const out: number[] = [];
  const add = (t: number | null | undefined) => {
    if (t != null && Number.isFinite(t)) out.push(t);
  };
  add(f.receivedAt);
  add(f.refusedAt);
  add(f.end?.at);
  add(f.withdrawnAt);
  for (const p of f.pauses) {
    add(p.from);
    add(p.to);
  }
  for (const h of f.dueHistory) {
    add(h.from);
    add(h.dueAt);
  }
  add(limitCrossing(f));
  return out;
}

/**
 * The midnights (as day numbers) at which the class may differ from the midnight before: the
 * first midnight after each instant, and the instant's own when it falls on one (standingAt
 * compares some instants strictly, the due instant's history inclusively).
 */
function candidateDays(instants: readonly number[]): number[] {
  const days = new Set<number>();
  for (const t of instants) {
    const n = vnDayNumber(t);
    days.add(n + 1);
    if (midnightOfDay(n) === t) days.add(n);
  }
  return [...days].sort((a, b) => a - b);
}

function deltasOf<C extends string>(
  days: readonly number[],
  classAt: (t: number) => C | null,
  out: { day: number; cls: C; delta: number }[],
) {
  let current: C | null = null;
  for (const day of days) {
    const c = classAt(midnightOfDay(day));
    if (c === current) continue;
    if (current !== null) out.push({ day, cls: current, delta: -1 });
    if (c !== null) out.push({ day, cls: c, delta: 1 });
    current = c;
  }
}

/** One dossier's day deltas, both views and the apologies, in day order within each view. */
export function dayDeltas(f: ReportFacts): DayDelta[] {
  const out: DayDelta[] = [];
  const days = candidateDays(breakpoints(f));
  deltasOf(days, (t) => reportClass(standingAt(f, t)), out);
  deltasOf(days, (t) => progressClass(standingAt(f, t, { unfinishedSupplementEnds: true })), out);
  for (const a of f.apologiesAt) out.push({ day: vnDayNumber(a) + 1, cls: 'apology', delta: 1 });
  return out;
}

/**
 * The deltas that turn one dossier's counters into another's (a change of facts), summed per
 * day and class, without the zeros: what an action's transaction adds to the counters.
 */
export function deltaChange(before: readonly DayDelta[], after: readonly DayDelta[]): DayDelta[] {
  const sum = new Map<string, DayDelta>();
  const add = (d: DayDelta, sign: number) => {
    const key = `${d.day}|${d.cls}`;
    const cur = sum.get(key);
    if (cur) cur.delta += sign * d.delta;
    else sum.set(key, { day: d.day, cls: d.cls, delta: sign * d.delta });
  };
  for (const d of before) add(d, -1);
  for (const d of after) add(d, 1);
  return [...sum.values()]
    .filter((d) => d.delta !== 0)
    .sort((a, b) => a.day - b.day || (a.cls < b.cls ? -1 : 1));
}

/** Levels of the classes at a period's two ends, per channel: what the counters' SQL sums give. */
export interface Levels {
  channel: 'direct' | 'online' | 'postal' | null;
  cls: CounterClass;
  /** at the period's first midnight */
  atFrom: number;
  /** at the midnight ending it */
  atTo: number;
}

const RECEIVED: readonly ReportClass[] = [
  'open',
  'overdue',
  'paused:supplement',
  'paused:payment',
  'result:early',
  'result:on_time',
  'result:late',
  'result:none',
  'stopped:early',
  'stopped:on_time',
  'stopped:late',
  'stopped:none',
  'withdrawn',
];
const isEnded = (c: CounterClass) => c === 'withdrawn' || c.startsWith('result:') || c.startsWith('stopped:');

/** The report row of a period from its levels (equal to reportRow over the same dossiers). */
export function reportRowOfLevels(
  levels: Iterable<Levels>,
  opts: ReportOptions = { stopped: 'suspended' },
): ReportRow {
  const row = emptyRow();
  let endedAtFrom = 0;
  for (const l of levels) {
    if (l.cls === 'apology') {
      row.apologies += l.atTo - l.atFrom;
      continue;
    }
    if (!(RECEIVED as readonly string[]).includes(l.cls)) continue;
    const { atFrom, atTo } = l;
    row.received.total += atTo;
    row.received.carriedOver += atFrom;
    if (l.channel === 'online') row.received.newOnline += atTo - atFrom;
    else row.received.newDirectOrPostal += atTo - atFrom;
    if (isEnded(l.cls)) endedAtFrom += atFrom;
    const inPeriod = atTo - atFrom;
    const [kind, timing] = l.cls.split(':') as [string, string | undefined];
    if (kind === 'result' || (kind === 'stopped' && opts.stopped === 'resolved')) {
      row.resolved.total += inPeriod;
      if (timing === 'early') row.resolved.early += inPeriod;
      else if (timing === 'late') row.resolved.late += inPeriod;
      else row.resolved.onTime += inPeriod;
    } else if (kind === 'stopped') {
      row.suspended.total += inPeriod;
      row.suspended.stopped += inPeriod;
    } else if (l.cls === 'withdrawn') row.withdrawn += inPeriod;
    else if (kind === 'paused') {
      row.suspended.total += atTo;
      row.suspended[timing as 'supplement' | 'payment'] += atTo;
    } else {
      row.pending.total += atTo;
      if (l.cls === 'overdue') row.pending.overdue += atTo;
      else row.pending.inTime += atTo;
    }
  }
  // the dossiers ended or withdrawn before the period are not part of it
  row.received.total -= endedAtFrom;
  row.received.carriedOver -= endedAtFrom;
  row.onTimeRate = ratio(row.resolved.early + row.resolved.onTime, row.resolved.total);
  return row;
}

/** Indicator 2.1 of a period from its levels (equal to progressRatio over the same dossiers). */
export function progressRatioOfLevels(levels: Iterable<Levels>): Ratio {
  let n = 0;
  let d = 0;
  for (const l of levels) {
    switch (l.cls) {
      case 'p:open_ok':
        n += l.atTo;
        d += l.atTo;
        break;
      case 'p:open_overdue':
        d += l.atTo;
        break;
      case 'p:resolved_ok':
        n += l.atTo - l.atFrom;
        d += l.atTo - l.atFrom;
        break;
      case 'p:resolved_late':
        d += l.atTo - l.atFrom;
        break;
    }
  }
  return ratio(n, d);
}

/** Indicator 3.3 (online share of the dossiers received in the period) from its levels. */
export function onlineShareOfLevels(levels: Iterable<Levels>): Ratio {
  let n = 0;
  let d = 0;
  for (const l of levels) {
    if (!(RECEIVED as readonly string[]).includes(l.cls)) continue;
    d += l.atTo - l.atFrom;
    if (l.channel === 'online') n += l.atTo - l.atFrom;
  }
  return ratio(n, d);
}

/** The levels of some dossiers' deltas at the midnights starting days `from` and `to` (tests, rebuild checks). */
export function levelsOf(
  dossiers: Iterable<{ channel: Levels['channel']; deltas: readonly DayDelta[] }>,
  from: number,
  to: number,
): Levels[] {
  const out = new Map<string, Levels>();
  for (const x of dossiers)
    for (const d of x.deltas) {
      if (d.day > to) continue;
      const key = `${x.channel}|${d.cls}`;
      let l = out.get(key);
      if (!l) {
        l = { channel: x.channel, cls: d.cls, atFrom: 0, atTo: 0 };
        out.set(key, l);
      }
      l.atTo += d.delta;
      if (d.day <= from) l.atFrom += d.delta;
    }
  return [...out.values()];
}
