/**
 * The periodic report from the day counters (migration 0019) instead of the facts: for a period
 * that runs from midnight to midnight, each class's level at the two ends (core counters.ts
 * reportRowOfLevels) per procedure or field. Equal to processingReport over the same dossiers
 * once the counters have caught up (report-counters.test.ts); the report route uses it when the
 * period allows and the counters are fresh, and says which source it used.
 */
import { type Levels, midnightOfDay, reportRowOfLevels, vnDayNumber } from '@motcua/core';
import type { Db } from '../../db/client.js';
import { errors } from '../../errors.js';
import * as counters from './counters-repository.js';
import {
  assembleReport,
  type ProcessingReport,
  processingReport,
  type ReportGroup,
  type ReportQuery,
  resolvePeriod,
} from './report.js';
import * as repo from './repository.js';

/** The lag up to which the counters stand for the facts (the bound). */
export const FRESH_LAG_SECONDS = 5;

/** The day numbers of a period's two midnights, or null when an end is not a midnight (a period not over yet). */
export function dayAligned(range: { from: number; to: number }): { fromDay: number; toDay: number } | null {
  const fromDay = vnDayNumber(range.from);
  const toDay = vnDayNumber(range.to);
  if (midnightOfDay(fromDay) !== range.from || midnightOfDay(toDay) !== range.to) return null;
  return { fromDay, toDay };
}

/** processingReport's answer, computed from the counters; null when the period is not day-aligned. */
export async function reportFromCounters(
  db: Db,
  tenantId: number,
  agencyId: number,
  q: ReportQuery,
  now: number = Date.now(),
): Promise<ProcessingReport | null> {
  const range = resolvePeriod(q, now);
  const days = dayAligned(range);
  if (!days) return null;
  const groupBy = q.groupBy ?? 'procedure';
  const stopped = q.stopped ?? 'suspended';
  const name = await repo.agencyName(db, tenantId, agencyId);
  if (name === undefined) throw errors.notFound('agency', agencyId, 'cơ quan');
  const rows = await counters.agencyLevels(db, tenantId, agencyId, days.fromDay, days.toDay);
  const byKey = new Map<string, { code: string | null; name: string; levels: Levels[] }>();
  for (const r of rows) {
    // the same keys as processingReport's, so the two reports group alike
    const key = groupBy === 'procedure' ? r.procedure_code : (r.field_code ?? r.field_name ?? '');
    let g = byKey.get(key);
    if (!g) {
      g =
        groupBy === 'procedure'
          ? { code: r.procedure_code, name: r.procedure_name, levels: [] }
          : { code: r.field_code, name: r.field_name ?? 'Chưa phân lĩnh vực', levels: [] };
      byKey.set(key, g);
    }
    g.levels.push({
      channel: r.channel === 'none' ? null : r.channel,
      cls: r.class as Levels['cls'],
      atFrom: r.at_from,
      atTo: r.at_to,
    });
  }
  const groups: ReportGroup[] = [...byKey].map(([key, g]) => ({
    key,
    code: g.code,
    name: g.name,
    row: reportRowOfLevels(g.levels, { stopped }),
  }));
  return assembleReport({ id: agencyId, name }, range, groupBy, stopped, groups);
}

/** Which source an answer came from, returned with it. */
export interface Sourced {
  /** counters: the day counters (a day-aligned period, counters fresh); facts: every dossier's facts */
  source: 'counters' | 'facts';
  /** the counters' lag for the tenant when the answer was made, in seconds */
  countersLagSeconds: number;
}

/**
 * The rule every read model with a counters path follows: the counters' answer when they lag at
 * most FRESH_LAG_SECONDS and can give one (`fromCounters` is null for a period that does not run
 * midnight to midnight: one not over yet ends now, which no midnight level gives), the facts'
 * otherwise, saying which.
 */
export async function countersOrFacts<T extends object>(
  db: Db,
  tenantId: number,
  fromCounters: () => Promise<T | null>,
  fromFacts: () => Promise<T>,
): Promise<T & Sourced> {
  const lag = await counters.countersLag(db, tenantId);
  const countersLagSeconds = Math.round(lag * 10) / 10;
  if (lag <= FRESH_LAG_SECONDS) {
    const r = await fromCounters();
    if (r) return { ...r, source: 'counters', countersLagSeconds };
  }
  return { ...(await fromFacts()), source: 'facts', countersLagSeconds };
}

export type SourcedReport = ProcessingReport & Sourced;

/** The periodic report, from the counters or the facts by countersOrFacts' rule. */
export async function periodicReport(
  db: Db,
  tenantId: number,
  agencyId: number,
  q: ReportQuery,
  now: number = Date.now(),
): Promise<SourcedReport> {
  return countersOrFacts(
    db,
    tenantId,
    () => reportFromCounters(db, tenantId, agencyId, q, now),
    () => processingReport(db, tenantId, agencyId, q, now),
  );
}
