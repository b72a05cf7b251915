/**
 * Workflow templates bootstrap agencies fast: one action gives many procedures of many agencies
 * (every commune, say) a workflow whose budgets are the template's shares of each procedure's own
 * legal limit. Each resulting workflow is validated like a hand-made one; by default the whole
 * batch is refused when one fails, so nothing is half-applied.
 */
import {
  checkTemplate,
  instantiateTemplate,
  localProcedureCode,
  TemplateError,
  validateWorkflow,
  WORKFLOW_TEMPLATES,
  type WorkflowDefinition,
  type WorkflowTemplate,
  type WorkflowValidation,
} from '@motcua/core';
import type { AuthContext } from '../../auth/access.js';
import type { Db } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { DomainError, errors } from '../../errors.js';
import { actorOf, recordAudit } from '../audit/repository.js';
import * as repo from './repository.js';
import { assertCatalogueAdmin, type RequestMeta } from './versions.js';
import { type AssignTarget, insertWorkflowVersion, resolveAgencies, workflowContext } from './workflows.js';

export async function listTemplates(db: Db, auth: AuthContext) {
  const own = await db
    .selectFrom('workflow_templates')
    .select(['code', 'name', 'definition'])
    .where('tenant_id', '=', auth.tenantId)
    .orderBy('code')
    .execute();
  return [
    ...WORKFLOW_TEMPLATES.map((t) => ({ builtIn: true, ...t })),
    ...own.map((t) => ({ builtIn: false, ...(t.definition as WorkflowTemplate), id: t.code, name: t.name })),
  ];
}

async function findTemplate(db: Db, auth: AuthContext, code: string): Promise<WorkflowTemplate> {
  const builtIn = WORKFLOW_TEMPLATES.find((t) => t.id === code);
  if (builtIn) return builtIn;
  const own = await db
    .selectFrom('workflow_templates')
    .select(['code', 'name', 'definition'])
    .where('tenant_id', '=', auth.tenantId)
    .where('code', '=', code)
    .executeTakeFirst();
  if (!own) throw errors.notFound('workflow template', code, 'quy trình mẫu');
  return { ...(own.definition as WorkflowTemplate), id: own.code, name: own.name };
}

/** A deployment's own template; it must instantiate into a valid shape for a typical limit. */
function asTemplate(t: unknown): WorkflowTemplate {
  try {
    checkTemplate(t);
    return t;
  } catch (e) {
    if (e instanceof TemplateError) throw new DomainError(400, e.code, e.message, e.messageVi, e.details);
    throw e;
  }
}

export async function createTemplate(db: Db, auth: AuthContext, input: unknown, meta: RequestMeta) {
  await assertCatalogueAdmin(db, auth);
  const t = asTemplate(input);
  if (WORKFLOW_TEMPLATES.some((b) => b.id === t.id))
    throw errors.conflict(
      'TEMPLATE_EXISTS',
      `${t.id} is a built-in template`,
      `${t.id} là quy trình mẫu có sẵn`,
    );
  try {
    return await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('workflow_templates')
        .values({
          tenant_id: auth.tenantId,
          code: t.id,
          name: t.name,
          definition: JSON.stringify(t),
          created_by: auth.staffId,
        })
        .execute();
      await recordAudit(trx, {
        ...actorOf(auth),
        action: 'workflow_template.create',
        entityType: 'workflow_template',
        entityId: t.id,
        before: null,
        after: t,
        ...meta,
      });
      return { code: t.id, name: t.name };
    });
  } catch (e) {
    if (isUniqueViolation(e))
      throw errors.conflict('TEMPLATE_EXISTS', `template ${t.id} exists`, `quy trình mẫu ${t.id} đã có`);
    throw e;
  }
}

export interface ApplyOptions {
  procedures: string[];
  target: AssignTarget;
  receivingAgency?: string | null;
  department?: string | null;
  jointAgency?: string | null;
  skipInvalid?: boolean;
}

interface Planned {
  procedure: string;
  agency: string;
  definition?: WorkflowDefinition;
  validation?: WorkflowValidation;
  error?: { code: string; vi: string; en: string };
}

export async function applyTemplate(
  db: Db,
  auth: AuthContext,
  code: string,
  o: ApplyOptions,
  meta: RequestMeta,
) {
  const template = await findTemplate(db, auth, code);
  const agencies = await resolveAgencies(db, auth, o.target);
  const procedures = [];
  for (const c of [...new Set(o.procedures)]) {
    const p = await repo.findProcedure(db, c);
    if (!p) throw errors.notFound('procedure', c, 'thủ tục');
    procedures.push(p);
  }
  // plan and validate everything before writing anything
  const plan: (Planned & { procedureId: number; agencyId: number; identifier: string })[] = [];
  for (const p of procedures)
    for (const a of agencies) {
      const item: (typeof plan)[number] = {
        procedure: p.code,
        agency: a.identifier,
        procedureId: p.id,
        agencyId: a.id,
        identifier: a.identifier,
      };
      plan.push(item);
      const impl = {
        tenant_id: auth.tenantId,
        agency_id: a.id,
        procedure_id: p.id,
        agency: a.identifier,
        procedure_code: p.code,
      };
      // the limit does not depend on the definition: ask once with an empty one
      const base = await workflowContext(db, impl, { start: '', steps: [] });
      if (base.limitHours === null) {
        item.error = {
          code: 'LIMIT_MISSING',
          en: `procedure ${p.code} has no legal time limit with a unit; fix its version first`,
          vi: `thủ tục ${p.code} chưa có thời hạn giải quyết và đơn vị tính; cần cập nhật phiên bản thủ tục trước`,
        };
        continue;
      }
      let def: WorkflowDefinition;
      try {
        def = instantiateTemplate(template, {
          limitHours: base.limitHours,
          receivingAgency: o.receivingAgency ?? null,
          department: o.department ?? null,
          jointAgency: o.jointAgency ?? null,
        });
      } catch (e) {
        if (!(e instanceof TemplateError)) throw e;
        item.error = { code: e.code, en: e.message, vi: e.messageVi };
        continue;
      }
      const v = validateWorkflow(def, await workflowContext(db, impl, def));
      item.definition = def;
      item.validation = v;
      if (!v.ok) {
        const first = v.errors[0];
        item.error = { code: first?.code ?? 'WORKFLOW_INVALID', en: first?.en ?? '', vi: first?.vi ?? '' };
      }
    }
  const failed = plan.filter((x) => x.error);
  const report = plan.map((x) => ({
    procedure: x.procedure,
    agency: x.agency,
    status: x.error ? ('refused' as const) : ('applied' as const),
    error: x.error ?? null,
    longestPathHours: x.validation?.longestPathHours ?? null,
    limitHours: x.validation?.limitHours ?? null,
  }));
  if (failed.length && !o.skipInvalid)
    throw errors.rule(
      'TEMPLATE_APPLY_FAILED',
      `${failed.length} of ${plan.length} workflows would not be valid; nothing was applied`,
      `${failed.length}/${plan.length} quy trình sẽ không hợp lệ; chưa áp dụng quy trình nào`,
      { results: report.filter((r) => r.status === 'refused').slice(0, 200) },
    );
  const ok = plan.filter((x) => !x.error && x.definition && x.validation);
  await db.transaction().execute(async (trx) => {
    for (const x of ok) {
      const impl = await trx
        .insertInto('procedure_implementations')
        .values({
          tenant_id: auth.tenantId,
          procedure_id: x.procedureId,
          agency_id: x.agencyId,
          local_code: localProcedureCode(x.procedure, x.identifier),
          fee_overrides: JSON.stringify([]),
        })
        .onConflict((oc) => oc.columns(['agency_id', 'procedure_id']).doUpdateSet({ active: true }))
        .returning(['id', 'tenant_id', 'agency_id', 'procedure_id'])
        .executeTakeFirstOrThrow();
      await insertWorkflowVersion(trx, impl, x.definition!, x.validation!, auth.staffId, template.id);
    }
    await recordAudit(trx, {
      ...actorOf(auth),
      action: 'workflow_template.apply',
      entityType: 'workflow_template',
      entityId: template.id,
      before: null,
      after: { ...o, applied: ok.length, refused: failed.length },
      ...meta,
    });
  });
  return { template: template.id, applied: ok.length, refused: failed.length, results: report };
}
