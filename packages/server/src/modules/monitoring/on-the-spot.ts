/**
 * Tỷ lệ giải quyết tại chỗ per service centre (issue #7 item 5): for each reception point of the
 * deployment, the dossiers accepted there in the period and how many were resolved on the spot,
 * as a share of dossiers and as a share of procedures, against the target of its kind. The rule
 * is the core's (indicators/on-the-spot.ts: MotCua's interpretation, replaceable); a dossier
 * belongs to the reception point recorded on it at registration (dossiers.reception_point_id), so
 * an online dossier counts at a centre only when one was recorded for it.
 */
import {
  type DossierAction,
  meetsTarget,
  ON_THE_SPOT_TARGETS,
  type OnTheSpotMiss,
  onTheSpotRates,
  type Ratio,
  type ReceptionPointKind,
} from '@motcua/core';
import type { Db } from '../../db/client.js';
import { errors } from '../../errors.js';
import * as orepo from './officers-repository.js';
import { type ReportQuery, resolvePeriod } from './report.js';
import * as repo from './repository.js';

/** The province's centre and its branches first, then the districts and communes (a reader's order, not the alphabet's). */
const LEVEL_ORDER: readonly string[] = [
  'provincial_center',
  'branch',
  'district_center',
  'commune_center',
  'ministry_unit',
] satisfies readonly ReceptionPointKind[];

export interface OnTheSpotQuery extends ReportQuery {
  /** one reception point (its id); all of the deployment when absent */
  centre?: number;
  /** the share of a procedure's dossiers that must be resolved on the spot for it to count (0–1] */
  procedureShare?: number;
}

export interface CentreOnTheSpot {
  centre: {
    id: number;
    code: string;
    name: string;
    kind: ReceptionPointKind;
    agency: { id: number; name: string };
  };
  dossiers: Ratio;
  procedures: Ratio;
  target: { percent: number; basis: string } | null;
  /** the procedure share against the target; null without a target or without dossiers */
  meetsTarget: boolean | null;
  byProcedure: { code: string; name: string; received: number; onTheSpot: number; counts: boolean }[];
  misses: Partial<Record<OnTheSpotMiss, number>>;
}

export async function onTheSpot(db: Db, tenantId: number, q: OnTheSpotQuery, now: number = Date.now()) {
  const range = resolvePeriod(q, now);
  const procedureShare = q.procedureShare ?? 0.5;
  let points = (await orepo.receptionPoints(db, tenantId)).sort(
    (a, b) => LEVEL_ORDER.indexOf(a.kind) - LEVEL_ORDER.indexOf(b.kind) || a.code.localeCompare(b.code),
  );
  if (q.centre !== undefined) {
    points = points.filter((p) => p.id === q.centre);
    // as an unknown agency on the report: the resource asked for does not exist here
    if (!points.length) throw errors.notFound('reception_point', q.centre, 'Bộ phận Một cửa, Trung tâm');
  }
  const rows = await orepo.receivedAtPoints(
    db,
    tenantId,
    points.map((p) => p.id),
    new Date(range.from),
    new Date(range.to),
  );
  const logs = await repo.logsOf(
    db,
    rows.map((r) => r.id),
  );
  const names = new Map(rows.map((r) => [r.procedure_code, r.procedure_name]));
  const centres: CentreOnTheSpot[] = points.map((p) => {
    const kind = p.kind as ReceptionPointKind;
    const mine = rows.filter((r) => r.reception_point_id === p.id);
    const rates = onTheSpotRates(
      mine.map((r) => ({ procedure: r.procedure_code, log: (logs.get(r.id) ?? []) as DossierAction[] })),
      p.agency_identifier,
      range.from,
      range.to,
      { procedureShare },
    );
    return {
      centre: {
        id: p.id,
        code: p.code,
        name: p.name,
        kind,
        agency: { id: p.agency_id, name: p.agency_name },
      },
      dossiers: rates.dossiers,
      procedures: rates.procedures,
      target: ON_THE_SPOT_TARGETS[kind],
      meetsTarget: meetsTarget(rates, kind),
      byProcedure: rates.byProcedure.map((x) => ({
        code: x.procedure,
        name: names.get(x.procedure) ?? x.procedure,
        received: x.received,
        onTheSpot: x.onTheSpot,
        counts: x.counts,
      })),
      misses: rates.misses,
    };
  });
  return {
    period: {
      from: new Date(range.from).toISOString(),
      to: new Date(range.to).toISOString(),
      label: range.label,
    },
    procedureShare,
    // the rule's name, so a reader (and a later replacement) can tell which reading produced the figures
    rule: 'MOTCUA_SAME_DAY_AT_CENTRE' as const,
    centres,
  };
}
