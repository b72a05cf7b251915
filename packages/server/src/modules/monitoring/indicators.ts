/**
 * Decision 766 indicators of a deployment's agencies for a period, from the facts read model,
 * scored by the core (indicators/score.ts) and ranked within each level (provincial agencies,
 * communes). MotCua measures today what its own logs hold: 2.1 dossiers handled on time (scored),
 * 3.3 the online share (shown, not scored: the rule is unresolved), and from the PAKN log
 * (modules/feedback) 5.1 the classification (tracking), 5.2 PAKN handled on time and 5.3
 * satisfaction with their handling (scored; an agency without PAKN gets their full points, the
 * [REV] reading of INDICATORS-766.md §3.6). Every other metric comes back as `not_measured` with
 * its points, so a reader sees what the total leaves out (`measuredMax`), never a zero passed off
 * as a result. Each agency's 2.1 drills down to the dossiers counted against it (`indicatorDossiers`).
 */
import {
  type FeedbackFacts,
  onlineShareRatio,
  petitionRatios,
  progressCount,
  progressRatio,
  type ReportFacts,
  rank,
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

interface AgencyFacts {
  id: number;
  name: string;
  identifier: string;
  level: string;
  facts: ReportFacts[];
  ids: number[];
  /** the agency's PAKN of the period (metrics 5.1–5.3) */
  petitions: FeedbackFacts[];
}

async function byAgency(db: Db, tenantId: number, from: number, to: number) {
  const rows = await repo.tenantPeriodFacts(db, tenantId, new Date(from), new Date(to));
  const agencies = new Map<number, AgencyFacts>();
  for (const r of rows) {
    let a = agencies.get(r.competent_agency_id);
    if (!a) {
      a = {
        id: r.competent_agency_id,
        name: r.agency_name,
        identifier: r.agency_identifier,
        level: r.agency_level,
        facts: [],
        ids: [],
        petitions: [],
      };
      agencies.set(a.id, a);
    }
    a.facts.push(storedFacts({ facts: r.facts, due_history: r.due_history } as repo.FactsRow));
    a.ids.push(r.dossier_id);
  }
  // an agency with PAKN but no dossier in the period is ranked too
  for (const p of (await feedbackFactsByAgency(db, tenantId, from, to)).values()) {
    let a = agencies.get(p.id);
    if (!a) {
      a = {
        id: p.id,
        name: p.name,
        identifier: p.identifier,
        level: p.level,
        facts: [],
        ids: [],
        petitions: [],
      };
      agencies.set(a.id, a);
    }
    a.petitions = p.facts;
  }
  return agencies;
}

const scoreOf = (facts: ReportFacts[], petitions: FeedbackFacts[], from: number, to: number): UnitScore =>
  scoreUnit({
    ratios: {
      DOSSIER_ON_TIME: progressRatio(facts, from, to),
      ONLINE_CHANNEL_SHARE: onlineShareRatio(facts, from, to),
      ...petitionRatios(petitions, from, to),
    },
  });

/** The points of the metrics MotCua scores from its data (what `total` is out of). */
const measuredMax = (s: UnitScore) =>
  s.groups
    .flatMap((g) => g.metrics)
    .filter((m) => (MEASURED as readonly string[]).includes(m.code) && m.score !== null)
    .reduce((n, m) => n + m.max, 0);

export async function indicators(db: Db, tenantId: number, q: ReportQuery, now: number = Date.now()) {
  const range = resolvePeriod(q, now);
  const agencies = await byAgency(db, tenantId, range.from, range.to);
  const all = [...agencies.values()].flatMap((a) => a.facts);
  const allPetitions = [...agencies.values()].flatMap((a) => a.petitions);
  const units = [...agencies.values()].map((a) => {
    const score = scoreOf(a.facts, a.petitions, range.from, range.to);
    return {
      agency: { id: a.id, name: a.name, identifier: a.identifier, level: a.level },
      total: score.total,
      measuredMax: measuredMax(score),
      groups: score.groups,
    };
  });
  // rankings within each level: a commune is compared with communes
  const levels = [...new Set(units.map((u) => u.agency.level))].sort();
  const deployment = scoreOf(all, allPetitions, range.from, range.to);
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
      agencies: rank(units.filter((u) => u.agency.level === level)),
    })),
  };
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
  const agency = (await byAgency(db, tenantId, range.from, range.to)).get(agencyId);
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
