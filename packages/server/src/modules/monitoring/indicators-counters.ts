/**
 * The Decision 766 dossier metrics of every agency from the day counters (migration 0019) instead
 * of the facts: for a period that runs midnight to midnight, each agency's class levels at the two
 * ends, turned into 2.1 and 3.3 by the core (counters.ts progressRatioOfLevels,
 * onlineShareOfLevels, property-tested equal to progressRatio and onlineShareRatio over the same
 * dossiers). Equal to indicatorsFromFacts once the counters have caught up
 * (indicators-counters.test.ts). The PAKN metrics (5.1–5.3) keep their own log as source.
 */
import { type Levels, onlineShareOfLevels, progressRatioOfLevels, reportRowOfLevels } from '@motcua/core';
import type { Db } from '../../db/client.js';
import * as counters from './counters-repository.js';
import {
  type AgencyRef,
  type DossierIndicators,
  indicatorsFromFacts,
  scoredIndicators,
} from './indicators.js';
import { type ReportQuery, resolvePeriod } from './report.js';
import { countersOrFacts, dayAligned } from './report-counters.js';

/** indicatorsFromFacts' answer, computed from the counters; null when the period is not day-aligned. */
export async function indicatorsFromCounters(
  db: Db,
  tenantId: number,
  range: { from: number; to: number },
): Promise<DossierIndicators | null> {
  const days = dayAligned(range);
  if (!days) return null;
  const rows = await counters.tenantLevels(db, tenantId, days.fromDay, days.toDay);
  const byAgency = new Map<number, { agency: AgencyRef; levels: Levels[] }>();
  const all: Levels[] = [];
  for (const r of rows) {
    let a = byAgency.get(r.agency_id);
    if (!a) {
      a = {
        agency: {
          id: r.agency_id,
          name: r.agency_name,
          identifier: r.agency_identifier,
          level: r.agency_level,
        },
        levels: [],
      };
      byAgency.set(r.agency_id, a);
    }
    const l: Levels = {
      channel: r.channel === 'none' ? null : r.channel,
      cls: r.class as Levels['cls'],
      atFrom: r.at_from,
      atTo: r.at_to,
    };
    a.levels.push(l);
    all.push(l);
  }
  const agencies: DossierIndicators['agencies'] = new Map();
  for (const [id, a] of byAgency) {
    // the facts list an agency when it handled a dossier in the period (received before the end,
    // not ended or withdrawn before the start): the report's received count, from the same levels.
    // An agency whose counters all lie in the past is left out as the facts leave it out.
    if (reportRowOfLevels(a.levels).received.total === 0) continue;
    agencies.set(id, {
      agency: a.agency,
      ratios: {
        DOSSIER_ON_TIME: progressRatioOfLevels(a.levels),
        ONLINE_CHANNEL_SHARE: onlineShareOfLevels(a.levels),
      },
    });
  }
  // the levels are sums, so the deployment's are the agencies' together (left-out ones add 0)
  return {
    agencies,
    deployment: {
      DOSSIER_ON_TIME: progressRatioOfLevels(all),
      ONLINE_CHANNEL_SHARE: onlineShareOfLevels(all),
    },
  };
}

/**
 * The indicators route's answer: the dossier metrics from the counters or the facts by the report
 * route's rule (countersOrFacts), the PAKN from their log, scored and ranked alike either way.
 */
export async function sourcedIndicators(db: Db, tenantId: number, q: ReportQuery, now: number = Date.now()) {
  const range = resolvePeriod(q, now);
  return countersOrFacts(
    db,
    tenantId,
    async () => {
      const d = await indicatorsFromCounters(db, tenantId, range);
      return d && scoredIndicators(db, tenantId, range, d);
    },
    async () => scoredIndicators(db, tenantId, range, await indicatorsFromFacts(db, tenantId, range)),
  );
}
