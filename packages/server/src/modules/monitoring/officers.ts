/**
 * Per-officer statistics of an agency for a period (issue #7 item 4): for each of its officers the
 * dossiers received, processed, approved, signed, issued and returned, each on time or late against
 * the officer's own step budget as the log recorded it, what they hold at the period's end, the
 * supplement requests and apologies they recorded. The rules are the core's
 * (indicators/officers.ts); this reads the logs the period concerns and names the officers.
 */
import {
  type DossierAction,
  HANDLING_KINDS,
  type HandlingKind,
  type KindCount,
  type OfficerStats,
  officerStats,
  type Ratio,
  type Role,
  ratio,
} from '@motcua/core';
import type { Db } from '../../db/client.js';
import { errors } from '../../errors.js';
import * as orepo from './officers-repository.js';
import { type ReportQuery, resolvePeriod } from './report.js';
import * as repo from './repository.js';

/** Who may read an agency's officer statistics: the periodic report's readers, where it reaches. */
export const OFFICER_STATS_ROLES: readonly Role[] = [
  'agency_leader',
  'department_head',
  'admin',
  'inspector',
];

/**
 * The roles whose holders are listed even without a handling (their zeros are real: they could
 * have handled dossiers and did not); administrators and inspectors handle none, so they appear
 * only if the log shows them acting.
 */
export const HANDLER_ROLES: readonly Role[] = [
  'receiving_officer',
  'specialist',
  'department_head',
  'agency_leader',
  'clerk',
];

export interface OfficerRow extends Omit<OfficerStats, 'staffId'> {
  staff: { id: number; fullName: string; username: string };
}

export interface OfficerTotals {
  handled: Record<HandlingKind, KindCount>;
  onTimeRate: Ratio;
  holding: OfficerStats['holding'];
  supplementRequests: number;
  apologies: number;
}

export interface OfficerStatistics {
  agency: { id: number; name: string };
  period: { from: string; to: string; label: string };
  officers: OfficerRow[];
  total: OfficerTotals;
}

/** The sum over officers: a dossier two officers handled counts for each (handlings, not dossiers). */
function totalOf(rows: readonly OfficerRow[]): OfficerTotals {
  const handled = Object.fromEntries(
    HANDLING_KINDS.map((k) => [k, { total: 0, onTime: 0, late: 0, open: 0, unjudged: 0 }]),
  ) as Record<HandlingKind, KindCount>;
  const holding = { total: 0, inTime: 0, overdue: 0, noBudget: 0 };
  let supplementRequests = 0;
  let apologies = 0;
  for (const r of rows) {
    for (const k of HANDLING_KINDS)
      for (const f of ['total', 'onTime', 'late', 'open', 'unjudged'] as const)
        handled[k][f] += r.handled[k][f];
    for (const f of ['total', 'inTime', 'overdue', 'noBudget'] as const) holding[f] += r.holding[f];
    supplementRequests += r.supplementRequests;
    apologies += r.apologies;
  }
  const onTime = HANDLING_KINDS.reduce((n, k) => n + handled[k].onTime, 0);
  const late = HANDLING_KINDS.reduce((n, k) => n + handled[k].late, 0);
  return { handled, onTimeRate: ratio(onTime, onTime + late), holding, supplementRequests, apologies };
}

/**
 * The route's access rule has already checked that the caller's position reaches the agency (403
 * outside it, 404 for an agency that does not exist); the tenant is checked here again, as the
 * periodic report does, so an agency of another deployment is unknown rather than empty.
 */
export async function officerStatistics(
  db: Db,
  tenantId: number,
  agencyId: number,
  q: ReportQuery,
  now: number = Date.now(),
): Promise<OfficerStatistics> {
  const range = resolvePeriod(q, now);
  const agency = await orepo.agencyOf(db, tenantId, agencyId);
  if (!agency) throw errors.notFound('agency', agencyId, 'cơ quan');
  const from = new Date(range.from);
  const to = new Date(range.to);
  const ids = await orepo.officerDossierIds(db, tenantId, agency, from, to);
  const logs = await repo.logsOf(db, ids);
  const staff = await orepo.agencyStaff(db, tenantId, agency.id, HANDLER_ROLES, from, to);
  const stats = officerStats(
    logs.values() as Iterable<DossierAction[]>,
    agency,
    range.from,
    range.to,
    staff.map((s) => s.id),
  );
  // officers who acted for the agency in the period without a position there any more
  const named = new Map(staff.map((s) => [s.id, s]));
  const missing = [...stats.keys()].filter((id) => !named.has(id));
  for (const s of await orepo.staffNames(db, tenantId, missing)) named.set(s.id, { ...s, roles: [] });
  const officers: OfficerRow[] = [...stats.values()]
    .map(({ staffId, ...o }) => {
      const s = named.get(staffId);
      const roles = [...new Set([...(s?.roles ?? []), ...o.roles])].sort() as Role[];
      return {
        staff: { id: staffId, fullName: s?.full_name ?? `#${staffId}`, username: s?.username ?? '' },
        ...o,
        roles,
      };
    })
    .sort((a, b) => a.staff.fullName.localeCompare(b.staff.fullName, 'vi') || a.staff.id - b.staff.id);
  return {
    agency: { id: agency.id, name: agency.name },
    period: { from: from.toISOString(), to: to.toISOString(), label: range.label },
    officers,
    total: totalOf(officers),
  };
}
