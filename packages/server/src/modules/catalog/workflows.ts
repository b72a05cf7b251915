/**
 * Implementation of procedures by agencies (which agency or commune does what, with which local
 * code and fees) and their internal workflows. A workflow is saved only when core's validator
 * accepts it against the world as it is: the procedure's legal limit, the agencies, departments
 * and roles that exist, and the agencies a liên thông step hands over to.
 */
import {
  canAct,
  localProcedureCode,
  type ProcedureContent,
  strictestLimit,
  validateWorkflow,
  type WorkflowContext,
  type WorkflowDefinition,
  type WorkflowValidation,
} from '@motcua/core';
import { sql } from 'kysely';
import type { AuthContext } from '../../auth/access.js';
import { resolveTarget } from '../../auth/access.js';
import type { Db } from '../../db/client.js';
import { DomainError, errors } from '../../errors.js';
import { actorOf, recordAudit } from '../audit/repository.js';
import { loadCalendar } from '../calendar/service.js';
import { today } from '../org/service.js';
import * as repo from './repository.js';
import { assertCatalogueAdmin, contentOf, type RequestMeta } from './versions.js';

export type AssignTarget = { agencies: string[] } | { allCommunes: true };

async function procedureOrThrow(db: Db, code: string) {
  const p = await repo.findProcedure(db, code);
  if (!p) throw errors.notFound('procedure', code, 'thủ tục');
  return p;
}

async function assertAgencyAdmin(db: Db, auth: AuthContext, agencyId: number) {
  const target = await resolveTarget(db, { agencyId });
  if (!target || target.tenantId !== auth.tenantId || !canAct(auth.positions, ['admin'], target))
    throw errors.forbidden({ reason: 'AGENCY_OUTSIDE_SCOPE', agencyId });
}

/** The agencies a target names, within the caller's deployment; unknown identifiers are a 422. */
export async function resolveAgencies(db: Db, auth: AuthContext, target: AssignTarget) {
  if ('allCommunes' in target) {
    await assertCatalogueAdmin(db, auth);
    return db
      .selectFrom('agencies')
      .select(['id', 'identifier', 'name'])
      .where('tenant_id', '=', auth.tenantId)
      .where('kind', '=', 'people_committee')
      .where('level', '=', 'commune')
      .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', today())]))
      .orderBy('identifier')
      .execute();
  }
  const wanted = [...new Set(target.agencies)];
  const rows = await db
    .selectFrom('agencies')
    .select(['id', 'identifier', 'name'])
    .where('tenant_id', '=', auth.tenantId)
    .where('identifier', 'in', wanted)
    .execute();
  const missing = wanted.filter((w) => !rows.some((r) => r.identifier === w));
  if (missing.length)
    throw errors.rule(
      'AGENCY_UNKNOWN',
      `no agency with identifier ${missing.join(', ')} in this deployment`,
      `không có cơ quan mã định danh ${missing.join(', ')} trong hệ thống`,
      { agencies: missing },
    );
  for (const r of rows) await assertAgencyAdmin(db, auth, r.id);
  return rows;
}

/** Assigns a procedure to agencies (e.g. every commune at once); assigning again re-activates. */
export async function assign(
  db: Db,
  auth: AuthContext,
  code: string,
  target: AssignTarget,
  meta: RequestMeta,
) {
  const p = await procedureOrThrow(db, code);
  const agencies = await resolveAgencies(db, auth, target);
  return db.transaction().execute(async (trx) => {
    let created = 0;
    let reactivated = 0;
    for (let i = 0; i < agencies.length; i += 500) {
      const chunk = agencies.slice(i, i + 500);
      const rows = await trx
        .insertInto('procedure_implementations')
        .values(
          chunk.map((a) => ({
            tenant_id: auth.tenantId,
            procedure_id: p.id,
            agency_id: a.id,
            local_code: localProcedureCode(p.code, a.identifier),
            fee_overrides: JSON.stringify([]),
          })),
        )
        .onConflict((oc) =>
          oc
            .columns(['agency_id', 'procedure_id'])
            .doUpdateSet({ active: true, updated_at: sql`now()` })
            .where('procedure_implementations.active', '=', false),
        )
        // xmax = 0 tells a fresh insert from an update of an existing row
        .returning(sql<boolean>`xmax = 0`.as('inserted'))
        .execute();
      created += rows.filter((r) => r.inserted).length;
      reactivated += rows.filter((r) => !r.inserted).length;
    }
    await recordAudit(trx, {
      ...actorOf(auth),
      action: 'procedure.assign',
      entityType: 'procedure',
      entityId: code,
      before: null,
      after: { target, agencies: agencies.length, created, reactivated },
      ...meta,
    });
    return {
      code,
      agencies: agencies.length,
      created,
      reactivated,
      unchanged: agencies.length - created - reactivated,
    };
  });
}

export async function listImplementations(db: Db, auth: AuthContext, code: string) {
  const p = await procedureOrThrow(db, code);
  const rows = await db
    .selectFrom('procedure_implementations as i')
    .innerJoin('agencies as a', 'a.id', 'i.agency_id')
    .leftJoin('workflows as w', 'w.id', 'i.workflow_id')
    .select([
      'i.id',
      'i.local_code',
      'i.fee_overrides',
      'i.active',
      'a.identifier as agency',
      'a.name as agency_name',
      'a.level as agency_level',
      'w.version_no as workflow_version',
      'w.longest_path_hours',
      'w.limit_hours',
    ])
    .where('i.tenant_id', '=', auth.tenantId)
    .where('i.procedure_id', '=', p.id)
    .orderBy('a.identifier')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    agency: r.agency,
    agencyName: r.agency_name,
    agencyLevel: r.agency_level,
    localCode: r.local_code,
    feeOverrides: r.fee_overrides as { label: string; amountVnd: number; note: string }[],
    active: r.active,
    workflow:
      r.workflow_version === null
        ? null
        : {
            versionNo: r.workflow_version,
            longestPathHours: Number(r.longest_path_hours),
            limitHours: r.limit_hours === null ? null : Number(r.limit_hours),
          },
  }));
}

async function implementationOrThrow(db: Db, auth: AuthContext, id: number) {
  const impl = await db
    .selectFrom('procedure_implementations as i')
    .innerJoin('agencies as a', 'a.id', 'i.agency_id')
    .innerJoin('procedures as p', 'p.id', 'i.procedure_id')
    .select([
      'i.id',
      'i.tenant_id',
      'i.agency_id',
      'i.procedure_id',
      'i.workflow_id',
      'i.fee_overrides',
      'i.active',
      'i.local_code',
      'a.identifier as agency',
      'p.code as procedure_code',
    ])
    .where('i.id', '=', id)
    .executeTakeFirst();
  if (!impl || impl.tenant_id !== auth.tenantId)
    throw errors.notFound('implementation', id, 'việc thực hiện thủ tục');
  await assertAgencyAdmin(db, auth, impl.agency_id);
  return impl;
}

/** The version whose limits a workflow must respect: the one in force today, else the draft. */
async function limitVersion(db: Db, procedureId: number) {
  const v = (await repo.versionInForce(db, procedureId, today())) ?? (await repo.getDraft(db, procedureId));
  return v ? contentOf(v) : null;
}

async function standardDayMinutes(db: Db, tenantId: number, agencyId: number): Promise<number> {
  const cal = await db
    .selectFrom('calendars')
    .select('id')
    .where((eb) =>
      eb.or([
        eb('agency_id', '=', agencyId),
        eb.and([eb('tenant_id', '=', tenantId), eb('agency_id', 'is', null)]),
      ]),
    )
    .orderBy(sql`agency_id is null`)
    .limit(1)
    .executeTakeFirst();
  return (await loadCalendar(db, cal?.id)).calendar.standardDayMinutes;
}

function namedAgencies(def: WorkflowDefinition): string[] {
  const out = new Set<string>();
  for (const s of def.steps ?? []) {
    if (s.agency) out.add(s.agency);
    if (s.kind === 'task') for (const c of s.consultations ?? []) if (c.agency) out.add(c.agency);
  }
  return [...out];
}

/** Gathers what the validator needs to know about the deployment. */
export async function workflowContext(
  db: Db,
  impl: {
    tenant_id: number;
    agency_id: number;
    procedure_id: number;
    agency: string;
    procedure_code: string;
  },
  def: WorkflowDefinition,
  content?: ProcedureContent | null,
): Promise<WorkflowContext> {
  const version = content ?? (await limitVersion(db, impl.procedure_id));
  const dayMinutes = await standardDayMinutes(db, impl.tenant_id, impl.agency_id);
  const limit = version ? strictestLimit(version.channels, dayMinutes) : null;
  const identifiers = [...new Set([impl.agency, ...namedAgencies(def)])];
  const agencyRows = await db
    .selectFrom('agencies')
    .select(['id', 'identifier'])
    .where('tenant_id', '=', impl.tenant_id)
    .where('identifier', 'in', identifiers)
    .execute();
  const ids = agencyRows.map((a) => a.id);
  const departments = ids.length
    ? await db.selectFrom('departments').select(['agency_id', 'code']).where('agency_id', 'in', ids).execute()
    : [];
  const positions = ids.length
    ? await db
        .selectFrom('staff_positions as sp')
        .innerJoin('staff as s', 's.id', 'sp.staff_id')
        .leftJoin('departments as d', 'd.id', 'sp.department_id')
        .select(['sp.agency_id', 'sp.role', 'd.code as department'])
        .where('sp.agency_id', 'in', ids)
        .where('s.active', '=', true)
        .where((eb) => eb.or([eb('sp.valid_to', 'is', null), eb('sp.valid_to', '>=', today())]))
        .execute()
    : [];
  const agencies = new Map<string, { departments: Set<string>; roles: Set<string> }>();
  for (const a of agencyRows) {
    agencies.set(a.identifier, {
      departments: new Set(departments.filter((d) => d.agency_id === a.id).map((d) => d.code)),
      roles: new Set(
        positions
          .filter((p) => p.agency_id === a.id)
          .map((p) => (p.department ? `${p.department}:${p.role}` : p.role)),
      ),
    });
  }
  // liên thông: the receiving agency must implement the child procedure with a workflow of its own
  const jointTargets = new Set<string>();
  const joints = (def.steps ?? []).filter((s) => s.kind === 'joint');
  if (joints.length) {
    const codes = [...new Set(joints.map((j) => (j.kind === 'joint' && j.procedure) || impl.procedure_code))];
    const rows = await db
      .selectFrom('procedure_implementations as i')
      .innerJoin('agencies as a', 'a.id', 'i.agency_id')
      .innerJoin('procedures as p', 'p.id', 'i.procedure_id')
      .select(['a.identifier', 'p.code'])
      .where('i.tenant_id', '=', impl.tenant_id)
      .where('i.active', '=', true)
      .where('i.workflow_id', 'is not', null)
      .where('p.code', 'in', codes)
      .execute();
    for (const j of joints) {
      const child = (j.kind === 'joint' && j.procedure) || impl.procedure_code;
      if (rows.some((r) => r.identifier === j.agency && r.code === child)) jointTargets.add(j.agency);
    }
  }
  return {
    agency: impl.agency,
    limitHours: limit?.hours ?? null,
    limitApproximate: limit?.approximate ?? false,
    agencies,
    jointTargets,
  };
}

export async function validateForImplementation(
  db: Db,
  auth: AuthContext,
  id: number,
  def: WorkflowDefinition,
) {
  const impl = await implementationOrThrow(db, auth, id);
  return validateWorkflow(def, await workflowContext(db, impl, def));
}

export function workflowInvalid(v: WorkflowValidation, details: Record<string, unknown> = {}) {
  const first = v.errors[0];
  return new DomainError(
    422,
    'WORKFLOW_INVALID',
    `the workflow is not valid: ${first ? first.en : 'see errors'}${v.errors.length > 1 ? ` (+${v.errors.length - 1} more)` : ''}`,
    `quy trình chưa hợp lệ: ${first ? first.vi : 'xem danh sách lỗi'}${v.errors.length > 1 ? ` (và ${v.errors.length - 1} lỗi khác)` : ''}`,
    {
      ...details,
      errors: v.errors,
      warnings: v.warnings,
      longestPathHours: v.longestPathHours,
      limitHours: v.limitHours,
    },
  );
}

/** Inserts a new workflow version and points the implementation at it (inside the caller's transaction). */
export async function insertWorkflowVersion(
  trx: Db,
  impl: { id: number; tenant_id: number; agency_id: number; procedure_id: number },
  def: WorkflowDefinition,
  v: WorkflowValidation,
  by: number | null,
  templateCode: string | null,
) {
  const max = await trx
    .selectFrom('workflows')
    .select((eb) => eb.fn.max<number | null>('version_no').as('n'))
    .where('agency_id', '=', impl.agency_id)
    .where('procedure_id', '=', impl.procedure_id)
    .executeTakeFirstOrThrow();
  const versionNo = Number(max.n ?? 0) + 1;
  const row = await trx
    .insertInto('workflows')
    .values({
      tenant_id: impl.tenant_id,
      agency_id: impl.agency_id,
      procedure_id: impl.procedure_id,
      version_no: versionNo,
      definition: JSON.stringify(def),
      longest_path_hours: v.longestPathHours,
      limit_hours: v.limitHours,
      template_code: templateCode,
      created_by: by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .updateTable('procedure_implementations')
    .set({ workflow_id: row.id, updated_at: sql`now()` })
    .where('id', '=', impl.id)
    .execute();
  return { workflowId: row.id, versionNo };
}

export async function saveWorkflow(
  db: Db,
  auth: AuthContext,
  id: number,
  def: WorkflowDefinition,
  meta: RequestMeta,
) {
  const impl = await implementationOrThrow(db, auth, id);
  const v = validateWorkflow(def, await workflowContext(db, impl, def));
  if (!v.ok) throw workflowInvalid(v);
  return db.transaction().execute(async (trx) => {
    // one editor at a time per implementation: version numbers stay gapless and ordered
    await trx.selectFrom('procedure_implementations').select('id').where('id', '=', id).forUpdate().execute();
    const before = impl.workflow_id
      ? await trx
          .selectFrom('workflows')
          .select(['version_no', 'definition'])
          .where('id', '=', impl.workflow_id)
          .executeTakeFirst()
      : undefined;
    const saved = await insertWorkflowVersion(trx, impl, def, v, auth.staffId, null);
    await recordAudit(trx, {
      ...actorOf(auth),
      action: 'workflow.save',
      entityType: 'procedure_implementation',
      entityId: id,
      before: before ? { versionNo: before.version_no, definition: before.definition } : null,
      after: { versionNo: saved.versionNo, definition: def },
      ...meta,
    });
    return { implementationId: id, ...saved, validation: v };
  });
}

export async function getWorkflow(db: Db, auth: AuthContext, id: number) {
  const impl = await implementationOrThrow(db, auth, id);
  const versions = await db
    .selectFrom('workflows as w')
    .leftJoin('staff as s', 's.id', 'w.created_by')
    .select([
      'w.id',
      'w.version_no',
      'w.longest_path_hours',
      'w.limit_hours',
      'w.template_code',
      'w.created_at',
      's.username',
    ])
    .where('w.agency_id', '=', impl.agency_id)
    .where('w.procedure_id', '=', impl.procedure_id)
    .orderBy('w.version_no', 'desc')
    .execute();
  const current = impl.workflow_id
    ? await db
        .selectFrom('workflows')
        .select(['version_no', 'definition'])
        .where('id', '=', impl.workflow_id)
        .executeTakeFirst()
    : undefined;
  return {
    implementationId: id,
    agency: impl.agency,
    procedure: impl.procedure_code,
    localCode: impl.local_code,
    current: current
      ? { versionNo: current.version_no, definition: current.definition as WorkflowDefinition }
      : null,
    versions: versions.map((w) => ({
      versionNo: w.version_no,
      longestPathHours: Number(w.longest_path_hours),
      limitHours: w.limit_hours === null ? null : Number(w.limit_hours),
      templateCode: w.template_code,
      createdAt: new Date(w.created_at).toISOString(),
      createdBy: w.username,
    })),
  };
}

/** Local fee amounts: only for fees the version names, typically those the People's Council sets. */
export async function patchImplementation(
  db: Db,
  auth: AuthContext,
  id: number,
  patch: { feeOverrides?: { label: string; amountVnd: number; note: string }[]; active?: boolean },
  meta: RequestMeta,
) {
  const impl = await implementationOrThrow(db, auth, id);
  if (patch.feeOverrides) {
    const v = await limitVersion(db, impl.procedure_id);
    const labels = new Set(
      (v?.channels ?? []).flatMap((c) => c.fees.items.map((f) => f.label)).filter((l): l is string => !!l),
    );
    const unknown = patch.feeOverrides.filter((f) => !labels.has(f.label)).map((f) => f.label);
    if (unknown.length)
      throw errors.rule(
        'FEE_LABEL_UNKNOWN',
        `the procedure has no fee named ${unknown.join(', ')}; use a label from its fee list`,
        `thủ tục không có khoản phí, lệ phí tên ${unknown.join(', ')}; dùng đúng tên trong danh mục phí`,
        { unknown, labels: [...labels] },
      );
  }
  return db.transaction().execute(async (trx) => {
    const after = await trx
      .updateTable('procedure_implementations')
      .set({
        ...(patch.feeOverrides ? { fee_overrides: JSON.stringify(patch.feeOverrides) } : {}),
        ...(patch.active !== undefined ? { active: patch.active } : {}),
        updated_at: sql`now()`,
      })
      .where('id', '=', id)
      .returning(['id', 'fee_overrides', 'active'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      ...actorOf(auth),
      action: 'implementation.update',
      entityType: 'procedure_implementation',
      entityId: id,
      before: { feeOverrides: impl.fee_overrides, active: impl.active },
      after: { feeOverrides: after.fee_overrides, active: after.active },
      ...meta,
    });
    return { id, feeOverrides: after.fee_overrides, active: after.active };
  });
}

export { implementationOrThrow };
