/**
 * Decision 766 indicators of a deployment's agencies for a period, the dossier metrics from the
 * facts read model (here) or the day counters (indicators-counters.ts), scored by the core
 * (indicators/score.ts) and ranked within each level (provincial agencies, communes). MotCua
 * measures today what its own logs hold: 2.1 dossiers handled on time (scored), 3.3 the online
 * share (shown, not scored: the rule is unresolved), and from the PAKN log (modules/feedback) 5.1
 * the classification (tracking), 5.2 PAKN handled on time and 5.3 satisfaction with their handling
 * (scored; an agency without PAKN gets their full points, the [REV] reading of INDICATORS-766.md
 * §3.6). Every other metric comes back as `not_measured` with its points, so a reader sees what
 * the total leaves out (`measuredMax`), never a zero passed off as a result. Each agency's 2.1
 * drills down to the dossiers counted against it (`indicatorDossiers`).
 */
import {
  type FeedbackFacts,
  onlineShareRatio,
  petitionRatios,
  progressCount,
  progressRatio,
  type Ratio,
  type ReportFacts,
  rank,
  ratio,
  scoreUnit,
  type UnitScore,
} from '@motcua/core';
import type { Db } from '../../db/client.js';
import { errors } from '../../errors.js';
import { feedbackFactsByAgency } from '../feedback/service.js';
import { storedFacts } from './facts.js';
import { type ReportQuery, resolvePeriod } from './report.js';
import * as repo from './repository.js';

/** The metrics MotCua measures from its own data, today. */
export const MEASURED = [
  'DOSSIER_ON_TIME',
  'ONLINE_CHANNEL_SHARE',
  'PETITION_CLASSIFICATION',
  'PETITION_PROCESSING_ON_TIME',
  'PETITION_HANDLING_SATISFACTION',
] as const;

/** An agency as the rankings show it. */
export interface AgencyRef {
  id: number;
  name: string;
  identifier: string;
  level: string;
}

/** The figures of the metrics that come from dossiers (2.1, 3.3), of one agency or the deployment. */
export interface DossierRatios {
  DOSSIER_ON_TIME: Ratio;
  ONLINE_CHANNEL_SHARE: Ratio;
}

/**
 * The dossier metrics of a period, whichever source gave them: per agency with a dossier handled
 * in the period (received before its end, not ended or withdrawn before its start), and for the
 * deployment.
 */
export interface DossierIndicators {
  agencies: Map<number, { agency: AgencyRef; ratios: DossierRatios }>;
  deployment: DossierRatios;
}

type Range = { from: number; to: number; label: string };

/** The facts of the dossiers each agency handled in the period, with their ids (the drill-down). */
async function factsByAgency(db: Db, tenantId: number, from: number, to: number) {
  const rows = await repo.tenantPeriodFacts(db, tenantId, new Date(from), new Date(to));
  const agencies = new Map<number, { agency: AgencyRef; facts: ReportFacts[]; ids: number[] }>();
  for (const r of rows) {
    let a = agencies.get(r.competent_agency_id);
    if (!a) {
      a = {
        agency: {
          id: r.competent_agency_id,
          name: r.agency_name,
          identifier: r.agency_identifier,
          level: r.agency_level,
        },
        facts: [],
        ids: [],
      };
      agencies.set(a.agency.id, a);
    }
    a.facts.push(storedFacts({ facts: r.facts, due_history: r.due_history } as repo.FactsRow));
    a.ids.push(r.dossier_id);
  }
  return agencies;
}

const dossierRatios = (facts: ReportFacts[], from: number, to: number): DossierRatios => ({
  DOSSIER_ON_TIME: progressRatio(facts, from, to),
  ONLINE_CHANNEL_SHARE: onlineShareRatio(facts, from, to),
});

/** The dossier metrics folded from every dossier's facts: any period, also one still running. */
export async function indicatorsFromFacts(
  db: Db,
  tenantId: number,
  range: Range,
): Promise<DossierIndicators> {
  const byAgency = await factsByAgency(db, tenantId, range.from, range.to);
  const agencies: DossierIndicators['agencies'] = new Map();
  for (const [id, a] of byAgency)
    agencies.set(id, { agency: a.agency, ratios: dossierRatios(a.facts, range.from, range.to) });
  const all = [...byAgency.values()].flatMap((a) => a.facts);
  return { agencies, deployment: dossierRatios(all, range.from, range.to) };
}

const scoreOf = (dossiers: DossierRatios, petitions: FeedbackFacts[], from: number, to: number): UnitScore =>
  scoreUnit({ ratios: { ...dossiers, ...petitionRatios(petitions, from, to) } });

/** The points of the metrics MotCua scores from its data (what `total` is out of). */
const measuredMax = (s: UnitScore) =>
  s.groups
    .flatMap((g) => g.metrics)
    .filter((m) => (MEASURED as readonly string[]).includes(m.code) && m.score !== null)
    .reduce((n, m) => n + m.max, 0);

const NO_DOSSIERS: DossierRatios = { DOSSIER_ON_TIME: ratio(0, 0), ONLINE_CHANNEL_SHARE: ratio(0, 0) };

/**
 * The indicators answer from the dossier metrics (facts or counters) and the period's PAKN,
 * scored and ranked. The PAKN always come from their own log (feedback module).
 */
export async function scoredIndicators(db: Db, tenantId: number, range: Range, dossiers: DossierIndicators) {
  const units = new Map<number, { agency: AgencyRef; ratios: DossierRatios; petitions: FeedbackFacts[] }>();
  for (const [id, a] of dossiers.agencies) units.set(id, { ...a, petitions: [] });
  // an agency with PAKN but no dossier in the period is ranked too
  for (const p of (await feedbackFactsByAgency(db, tenantId, range.from, range.to)).values()) {
    const u = units.get(p.id);
    if (u) u.petitions = p.facts;
    else
      units.set(p.id, {
        agency: { id: p.id, name: p.name, identifier: p.identifier, level: p.level },
        ratios: NO_DOSSIERS,
        petitions: p.facts,
      });
  }
  // by id, so that equal totals list alike whichever source gave the figures (rank keeps the order of ties)
  const scored = [...units.values()]
    .sort((a, b) => a.agency.id - b.agency.id)
    .map((u) => {
      const score = scoreOf(u.ratios, u.petitions, range.from, range.to);
      return { agency: u.agency, total: score.total, measuredMax: measuredMax(score), groups: score.groups };
    });
  const allPetitions = [...units.values()].flatMap((u) => u.petitions);
  const deployment = scoreOf(dossiers.deployment, allPetitions, range.from, range.to);
  // rankings within each level: a commune is compared with communes
  const levels = [...new Set(scored.map((u) => u.agency.level))].sort();
  return {
    period: {
      from: new Date(range.from).toISOString(),
      to: new Date(range.to).toISOString(),
      label: range.label,
    },
    measured: [...MEASURED],
    deployment: { total: deployment.total, measuredMax: measuredMax(deployment), groups: deployment.groups },
    rankings: levels.map((level) => ({
      level,
      agencies: rank(scored.filter((u) => u.agency.level === level)),
    })),
  };
}

/** The indicators from the facts (the dashboard's; the route chooses its source in indicators-counters.ts). */
export async function indicators(db: Db, tenantId: number, q: ReportQuery, now: number = Date.now()) {
  const range = resolvePeriod(q, now);
  return scoredIndicators(db, tenantId, range, await indicatorsFromFacts(db, tenantId, range));
}

/** The dossiers behind an agency's 2.1: those counted against it (resolved late, open overdue). */
export async function indicatorDossiers(
  db: Db,
  tenantId: number,
  agencyId: number,
  q: ReportQuery & { count?: 'late' | 'overdue' | 'on_time' },
  now: number = Date.now(),
) {
  const range = resolvePeriod(q, now);
  const agency = (await factsByAgency(db, tenantId, range.from, range.to)).get(agencyId);
  const name = await repo.agencyName(db, tenantId, agencyId);
  if (name === undefined) throw errors.notFound('agency', agencyId, 'cơ quan');
  const wanted = q.count ? [q.count] : ['late', 'overdue'];
  const picked: { id: number; count: string }[] = [];
  agency?.facts.forEach((f, i) => {
    const c = progressCount(f, range.from, range.to);
    if (wanted.includes(c)) picked.push({ id: agency.ids[i]!, count: c });
  });
  const rows = await repo.dossierCodes(
    db,
    picked.map((p) => p.id),
  );
  const countOf = new Map(picked.map((p) => [p.id, p.count]));
  return {
    agency: { id: agencyId, name },
    metric: 'DOSSIER_ON_TIME',
    period: { label: range.label },
    dossiers: rows.map((r) => ({
      id: r.id,
      code: r.code,
      count: countOf.get(r.id) as 'late' | 'overdue' | 'on_time',
      status: r.status,
      dueAt: r.due_at ? new Date(r.due_at).toISOString() : null,
      currentStep: r.current_step,
      assigneeId: r.assignee_id,
      procedure: { code: r.procedure_code, name: r.procedure_name },
    })),
  };
}
