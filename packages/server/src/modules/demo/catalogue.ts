/**
 * The demo deployment's configured catalogue: the reviewed versions of ten-odd real procedures
 * (time limits, fees, documents by case, e-forms), which agencies implement them (every commune
 * for commune procedures), and the internal workflows of the staffed agencies, including one
 * liên thông from a commune to a provincial department. Everything goes through the same checks
 * as an administrator's edits: a workflow that core's validator refuses stops the seed.
 */
import { localProcedureCode, validateWorkflow, type WorkflowDefinition } from '@motcua/core';
import type { Db } from '../../db/client.js';
import * as catalog from '../catalog/repository.js';
import { checkContent, contentHash, contentOf, valuesOf } from '../catalog/versions.js';
import { insertWorkflowVersion, workflowContext } from '../catalog/workflows.js';
import { HANOI_PROVINCIAL, HANOI_STAFFED_COMMUNES } from './definitions.js';
import { DEMO_PROCEDURES, type DemoProcedure } from './procedures.js';

interface Agencies {
  byKey: Map<string, { id: number; identifier: string }>;
  communes: { id: number; identifier: string; unitCode: string }[];
}

async function agenciesOf(db: Db, tenantId: number): Promise<Agencies> {
  const rows = await db
    .selectFrom('agencies as a')
    .innerJoin('admin_units as u', 'u.id', 'a.admin_unit_id')
    .select(['a.id', 'a.identifier', 'a.kind', 'a.level', 'u.code as unit_code'])
    .where('a.tenant_id', '=', tenantId)
    .execute();
  const byKey = new Map<string, { id: number; identifier: string }>();
  for (const p of HANOI_PROVINCIAL) {
    const r = rows.find((x) => x.identifier === p.identifier);
    if (r) byKey.set(p.key, r);
  }
  const communes = rows
    .filter((r) => r.kind === 'people_committee' && r.level === 'commune')
    .map((r) => ({ id: r.id, identifier: r.identifier, unitCode: r.unit_code }));
  return { byKey, communes };
}

/** Publishes the reviewed content as the version in force, unless it already is. */
async function publishContent(db: Db, d: DemoProcedure, today: string) {
  const p = await catalog.findProcedure(db, d.code);
  if (!p) throw new Error(`demo: procedure ${d.code} is not in the catalogue; load the reference data first`);
  checkContent(d.content);
  const inForce = await catalog.versionInForce(db, p.id, today);
  if (inForce && contentHash(contentOf(inForce)) === contentHash(d.content)) return p;
  const latest = await catalog.latestEffective(db, p.id);
  // the demo's reviewed version takes effect on its decision's date when it has one, else today
  let effectiveFrom = d.content.effectiveFrom ?? today;
  if (latest?.effective_from && effectiveFrom <= latest.effective_from) effectiveFrom = today;
  const content = { ...d.content, effectiveFrom };
  const versionNo = (await catalog.maxVersionNo(db, p.id)) + 1;
  const draft = await catalog.insertDraft(db, p.id, versionNo, valuesOf(content, null, 'demo'));
  await catalog.publishDraft(db, draft.id, {
    effectiveFrom,
    decisionNo: content.decisionNo ?? 'demo',
    decisionDate: content.decisionDate ?? effectiveFrom,
    by: null,
  });
  await catalog.refreshCurrentVersions(db, today, p.id);
  return p;
}

export async function seedDemoCatalogue(db: Db, tenantId: number, today: string) {
  const agencies = await agenciesOf(db, tenantId);
  const staffed = new Set(
    HANOI_STAFFED_COMMUNES.map((c) => agencies.communes.find((x) => x.unitCode === c.code)?.identifier),
  );
  const procedures = new Map<string, { id: number; code: string }>();
  for (const d of DEMO_PROCEDURES) procedures.set(d.code, await publishContent(db, d, today));

  // implementations first, so that liên thông targets exist
  const implOf = new Map<
    string,
    { id: number; tenant_id: number; agency_id: number; procedure_id: number }
  >();
  for (const d of DEMO_PROCEDURES) {
    const p = procedures.get(d.code)!;
    const targets = [
      ...(d.implementedBy.communes === 'all' ? agencies.communes : []),
      ...d.implementedBy.provincial.map((k) => {
        const a = agencies.byKey.get(k);
        if (!a) throw new Error(`demo: ${d.code} names an unknown agency ${k}`);
        return a;
      }),
    ];
    for (let i = 0; i < targets.length; i += 500) {
      const rows = await db
        .insertInto('procedure_implementations')
        .values(
          targets.slice(i, i + 500).map((a) => ({
            tenant_id: tenantId,
            procedure_id: p.id,
            agency_id: a.id,
            local_code: localProcedureCode(p.code, a.identifier),
            fee_overrides: JSON.stringify(d.feeOverrides ?? []),
          })),
        )
        .onConflict((oc) => oc.columns(['agency_id', 'procedure_id']).doNothing())
        .returning(['id', 'tenant_id', 'agency_id', 'procedure_id'])
        .execute();
      for (const r of rows) implOf.set(`${d.code}@${r.agency_id}`, r);
    }
  }

  // provincial workflows before commune ones: a commune's liên thông step needs its target's
  const jobs: { d: DemoProcedure; agency: { id: number; identifier: string }; def: WorkflowDefinition }[] =
    [];
  for (const d of DEMO_PROCEDURES)
    for (const w of d.workflows) {
      if (w.agency === 'commune') {
        for (const c of agencies.communes.filter((x) => staffed.has(x.identifier)))
          jobs.push({ d, agency: c, def: w.definition });
      } else {
        const a = agencies.byKey.get(w.agency);
        if (!a) throw new Error(`demo: ${d.code} has a workflow for an unknown agency ${w.agency}`);
        jobs.push({ d, agency: a, def: w.definition });
      }
    }
  jobs.sort(
    (x, y) =>
      Number(x.def.steps.some((s) => s.kind === 'joint')) -
      Number(y.def.steps.some((s) => s.kind === 'joint')),
  );
  let saved = 0;
  for (const job of jobs) {
    const impl = implOf.get(`${job.d.code}@${job.agency.id}`);
    if (!impl) continue; // already configured by an earlier run
    const ctx = await workflowContext(
      db,
      { ...impl, agency: job.agency.identifier, procedure_code: job.d.code },
      job.def,
    );
    const v = validateWorkflow(job.def, ctx);
    if (!v.ok)
      throw new Error(
        `demo: the workflow of ${job.d.code} at ${job.agency.identifier} is invalid: ${v.errors.map((e) => `${e.code} ${e.step ?? ''} ${e.en}`).join('; ')}`,
      );
    await insertWorkflowVersion(db, impl, job.def, v, null, null);
    saved++;
  }
  return { procedures: procedures.size, implementations: implOf.size, workflows: saved };
}
