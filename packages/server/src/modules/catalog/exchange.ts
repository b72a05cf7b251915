/**
 * Provinces share configurations as one JSON document per procedure: the version's content and,
 * optionally, one agency's implementation with its workflow. Agencies are named by electronic
 * identifier and people by role, never by database ids, so a document travels between installations.
 * Importing never touches a published version: the content lands in the procedure's draft.
 */
import { localProcedureCode, validateWorkflow, type WorkflowDefinition } from '@motcua/core';
import type { Static } from '@sinclair/typebox';
import { sql } from 'kysely';
import type { AuthContext } from '../../auth/access.js';
import type { Db } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { errors } from '../../errors.js';
import { actorOf, recordAudit } from '../audit/repository.js';
import { today } from '../org/service.js';
import * as repo from './repository.js';
import type { ExchangeDocument } from './schemas.js';
import {
  assertCatalogueAdmin,
  checkContent,
  contentHash,
  contentOf,
  createProcedureIn,
  type RequestMeta,
  saveDraftIn,
} from './versions.js';
import { insertWorkflowVersion, workflowContext, workflowInvalid } from './workflows.js';

export type ExchangeDoc = Static<typeof ExchangeDocument>;

export async function exportProcedure(
  db: Db,
  auth: AuthContext,
  code: string,
  agency?: string,
): Promise<ExchangeDoc> {
  const p = await repo.findProcedure(db, code);
  if (!p) throw errors.notFound('procedure', code, 'thủ tục');
  const v = (await repo.versionInForce(db, p.id, today())) ?? (await repo.getDraft(db, p.id));
  if (!v) throw errors.notFound('procedure version', code, 'phiên bản thủ tục');
  let implementation: ExchangeDoc['implementation'] = null;
  if (agency) {
    const impl = await db
      .selectFrom('procedure_implementations as i')
      .innerJoin('agencies as a', 'a.id', 'i.agency_id')
      .leftJoin('workflows as w', 'w.id', 'i.workflow_id')
      .select(['i.local_code', 'i.fee_overrides', 'w.definition'])
      .where('i.tenant_id', '=', auth.tenantId)
      .where('i.procedure_id', '=', p.id)
      .where('a.identifier', '=', agency)
      .executeTakeFirst();
    if (!impl) throw errors.notFound('implementation', `${code} @ ${agency}`, 'việc thực hiện thủ tục');
    implementation = {
      agency,
      localCode: impl.local_code,
      feeOverrides: impl.fee_overrides as { label: string; amountVnd: number; note: string }[],
      workflow: (impl.definition as WorkflowDefinition | null) ?? null,
    };
  }
  return {
    format: 'motcua.procedure/1',
    exportedAt: new Date().toISOString(),
    procedure: { code: p.code, versionNo: v.version_no, content: contentOf(v) },
    implementation,
  };
}

/**
 * Checks the whole document first (content, agency, workflow against the imported limits), then
 * writes it in one transaction: a draft of the procedure (unless the content equals the version
 * in force) and the agency's implementation and workflow.
 */
export async function importProcedure(db: Db, auth: AuthContext, doc: ExchangeDoc, meta: RequestMeta) {
  await assertCatalogueAdmin(db, auth);
  const { code, content } = doc.procedure;
  checkContent(content);
  const existing = await repo.findProcedure(db, code);
  const inForce = existing ? await repo.versionInForce(db, existing.id, today()) : null;
  const unchanged = inForce !== null && contentHash(contentOf(inForce)) === contentHash(content);

  let agency: { id: number; identifier: string } | undefined;
  const impl = doc.implementation;
  let validation: ReturnType<typeof validateWorkflow> | undefined;
  if (impl) {
    agency = await db
      .selectFrom('agencies')
      .select(['id', 'identifier'])
      .where('tenant_id', '=', auth.tenantId)
      .where('identifier', '=', impl.agency)
      .executeTakeFirst();
    if (!agency)
      throw errors.rule(
        'AGENCY_UNKNOWN',
        `no agency with identifier ${impl.agency} in this deployment`,
        `không có cơ quan mã định danh ${impl.agency} trong hệ thống`,
        { agency: impl.agency },
      );
    if (impl.workflow) {
      const ctx = await workflowContext(
        db,
        {
          tenant_id: auth.tenantId,
          agency_id: agency.id,
          procedure_id: existing?.id ?? 0,
          agency: impl.agency,
          procedure_code: code,
        },
        impl.workflow,
        content,
      );
      validation = validateWorkflow(impl.workflow, ctx);
      if (!validation.ok) throw workflowInvalid(validation);
    }
  }

  try {
    return await db.transaction().execute(async (trx) => {
      let procedureId: number;
      let draft: { versionNo: number; created: boolean } | null = null;
      if (!existing) {
        const created = await createProcedureIn(trx, auth, code, content, meta, 'exchange');
        procedureId = created.id;
        draft = { versionNo: created.versionNo, created: true };
      } else {
        procedureId = existing.id;
        if (!unchanged) {
          const saved = await saveDraftIn(trx, auth, existing, content, meta, 'exchange');
          draft = { versionNo: saved.versionNo, created: saved.created };
        }
      }
      let workflow: { versionNo: number } | null = null;
      if (impl && agency) {
        const row = await trx
          .insertInto('procedure_implementations')
          .values({
            tenant_id: auth.tenantId,
            procedure_id: procedureId,
            agency_id: agency.id,
            local_code: localProcedureCode(code, agency.identifier),
            fee_overrides: JSON.stringify(impl.feeOverrides),
          })
          .onConflict((oc) =>
            oc.columns(['agency_id', 'procedure_id']).doUpdateSet({
              fee_overrides: JSON.stringify(impl.feeOverrides),
              active: true,
              updated_at: sql`now()`,
            }),
          )
          .returning(['id', 'tenant_id', 'agency_id', 'procedure_id'])
          .executeTakeFirstOrThrow();
        if (impl.workflow && validation)
          workflow = await insertWorkflowVersion(trx, row, impl.workflow, validation, auth.staffId, null);
      }
      await recordAudit(trx, {
        ...actorOf(auth),
        action: 'procedure.import',
        entityType: 'procedure',
        entityId: code,
        before: null,
        after: { draft, agency: impl?.agency ?? null, workflow },
        ...meta,
      });
      return {
        code,
        procedureCreated: !existing,
        unchanged,
        draft,
        implementation: impl?.agency ?? null,
        workflow,
      };
    });
  } catch (e) {
    if (isUniqueViolation(e))
      throw errors.conflict(
        'IMPORT_RACE',
        'the procedure changed during the import; retry',
        'thủ tục vừa thay đổi trong khi nhập; vui lòng thử lại',
      );
    throw e;
  }
}
