/** How a liên thông child's part stands against its own time share, as the control slip says it. */
import { vietnamDay } from '../ui/format.js';

export type Segment = 'early' | 'on_time' | 'late' | 'open';

/**
 * A child's part judged as the control slip judges each segment (core classifyFinished): late once
 * it ends after its own due instant, early when it ends on an earlier day in Vietnam, else on
 * time. A part still running is open (its deadline tag says how it stands).
 */
export function segmentOf(c: { finishedAt: string | null; dueAt: string | null }): Segment {
  if (!c.finishedAt || !c.dueAt) return 'open';
  if (new Date(c.finishedAt).getTime() > new Date(c.dueAt).getTime()) return 'late';
  return vietnamDay(c.finishedAt) < vietnamDay(c.dueAt) ? 'early' : 'on_time';
}
