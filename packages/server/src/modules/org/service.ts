import { canAct, checkPassword, parseAgencyIdentifier, type Role, reachOf, type Scope } from '@motcua/core';
import type { AuthContext } from '../../auth/access.js';
import { resolveTarget } from '../../auth/access.js';
import { hashPassword } from '../../auth/passwords.js';
import type { Db } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { AgencyKind, AgencyLevel } from '../../db/schema.js';
import { errors } from '../../errors.js';
import { recordAudit } from '../audit/repository.js';
import * as repo from './repository.js';

export interface RequestMeta {
  requestId: string;
  ip: string | null;
}

const ADMIN: readonly Role[] = ['admin'];
const READERS: readonly Role[] = ['admin', 'inspector'];

function actor(auth: AuthContext, meta: RequestMeta) {
  return {
    tenantId: auth.tenantId,
    actorId: auth.staffId,
    actorLabel: auth.username,
    requestId: meta.requestId,
    ip: meta.ip,
  };
}

export const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' });

export async function listAgencies(
  db: Db,
  auth: AuthContext,
  f: { q?: string; level?: string; limit: number; offset: number },
) {
  // Every officer may see the agencies of the deployment (routing, liên thông); lists are not secret.
  return repo.listAgencies(db, auth.tenantId, f);
}

export async function getAgency(db: Db, auth: AuthContext, id: number) {
  const agency = await repo.getAgency(db, id);
  if (!agency || agency.tenant_id !== auth.tenantId) throw errors.notFound('agency', id, 'cơ quan');
  const departments = await repo.listDepartments(db, id);
  return { ...agency, departments };
}

export interface AgencyInput {
  identifier: string;
  name: string;
  shortName?: string | null;
  kind: AgencyKind;
  level: AgencyLevel;
  adminUnitId: number;
  parentId?: number | null;
}

/** Validation shared by the API and the agencies importer. */
export async function checkAgencyInput(db: Db, tenantId: number, input: AgencyInput) {
  const parsed = parseAgencyIdentifier(input.identifier);
  if (!parsed.ok)
    throw errors.validation(
      { field: 'identifier', problem: parsed.problem.code },
      `identifier: ${parsed.problem.message}`,
      `Mã định danh: ${parsed.problem.messageVi}`,
    );
  const unit = await repo.getAdminUnit(db, input.adminUnitId);
  if (!unit)
    throw errors.rule(
      'UNKNOWN_ADMIN_UNIT',
      `administrative unit ${input.adminUnitId} does not exist`,
      `Không có đơn vị hành chính ${input.adminUnitId}`,
      { field: 'adminUnitId' },
    );
  if (input.parentId) {
    const parent = await repo.getAgency(db, input.parentId);
    if (!parent || parent.tenant_id !== tenantId)
      throw errors.rule(
        'UNKNOWN_PARENT_AGENCY',
        `parent agency ${input.parentId} does not exist`,
        `Không có cơ quan cấp trên ${input.parentId}`,
        { field: 'parentId' },
      );
  }
  if (await repo.findAgencyByIdentifier(db, tenantId, parsed.value))
    throw errors.conflict(
      'AGENCY_IDENTIFIER_TAKEN',
      `identifier ${parsed.value} is already used`,
      `Mã định danh ${parsed.value} đã được sử dụng`,
      { field: 'identifier' },
    );
  return { identifier: parsed.value, unit };
}

export async function createAgency(db: Db, auth: AuthContext, input: AgencyInput, meta: RequestMeta) {
  // An administrator registers agencies only inside the units their position reaches.
  const target = await resolveTarget(db, { adminUnitId: input.adminUnitId });
  if (!target || !canAct(auth.positions, ADMIN, target))
    throw errors.forbidden({ adminUnitId: input.adminUnitId });
  const run = () =>
    db.transaction().execute(async (trx) => {
      const { identifier } = await checkAgencyInput(trx, auth.tenantId, input);
      const agency = await repo.insertAgency(trx, {
        tenantId: auth.tenantId,
        identifier,
        name: input.name.normalize('NFC').trim(),
        shortName: input.shortName?.normalize('NFC').trim() || null,
        kind: input.kind,
        level: input.level,
        adminUnitId: input.adminUnitId,
        parentId: input.parentId ?? null,
      });
      await recordAudit(trx, {
        ...actor(auth, meta),
        action: 'agency.create',
        entityType: 'agency',
        entityId: agency.id,
        after: agency,
      });
      return agency;
    });
  try {
    return await run();
  } catch (e) {
    if (isUniqueViolation(e, 'agencies_tenant_id_identifier_key'))
      throw errors.conflict(
        'AGENCY_IDENTIFIER_TAKEN',
        `identifier ${input.identifier} is already used`,
        `Mã định danh ${input.identifier} đã được sử dụng`,
        { field: 'identifier' },
      );
    throw e;
  }
}

export async function updateAgency(
  db: Db,
  auth: AuthContext,
  id: number,
  patch: { name?: string; shortName?: string | null; kind?: AgencyKind; parentId?: number | null },
  meta: RequestMeta,
) {
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('agencies')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!before || before.tenant_id !== auth.tenantId) throw errors.notFound('agency', id, 'cơ quan');
    if (patch.parentId) {
      if (patch.parentId === id)
        throw errors.rule(
          'AGENCY_CYCLE',
          'an agency cannot be its own parent',
          'Cơ quan không thể là cấp trên của chính nó',
        );
      const parent = await repo.getAgency(trx, patch.parentId);
      if (!parent || parent.tenant_id !== auth.tenantId)
        throw errors.rule(
          'UNKNOWN_PARENT_AGENCY',
          `parent agency ${patch.parentId} does not exist`,
          `Không có cơ quan cấp trên ${patch.parentId}`,
        );
    }
    const after = await repo.updateAgency(trx, id, {
      ...(patch.name !== undefined && { name: patch.name.normalize('NFC').trim() }),
      ...(patch.shortName !== undefined && { short_name: patch.shortName?.normalize('NFC').trim() || null }),
      ...(patch.kind !== undefined && { kind: patch.kind }),
      ...(patch.parentId !== undefined && { parent_id: patch.parentId }),
    });
    await recordAudit(trx, {
      ...actor(auth, meta),
      action: 'agency.update',
      entityType: 'agency',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

export async function createDepartment(
  db: Db,
  auth: AuthContext,
  agencyId: number,
  input: { code: string; name: string },
  meta: RequestMeta,
) {
  return db.transaction().execute(async (trx) => {
    const agency = await repo.getAgency(trx, agencyId);
    if (!agency || agency.tenant_id !== auth.tenantId) throw errors.notFound('agency', agencyId, 'cơ quan');
    const exists = (await repo.listDepartments(trx, agencyId)).some((d) => d.code === input.code);
    if (exists)
      throw errors.conflict(
        'DEPARTMENT_CODE_TAKEN',
        `department code ${input.code} is already used in this agency`,
        `Mã phòng ban ${input.code} đã được sử dụng trong cơ quan`,
        { field: 'code' },
      );
    const dep = await repo.insertDepartment(trx, {
      tenantId: auth.tenantId,
      agencyId,
      code: input.code,
      name: input.name.normalize('NFC').trim(),
    });
    await recordAudit(trx, {
      ...actor(auth, meta),
      action: 'department.create',
      entityType: 'department',
      entityId: dep.id,
      after: dep,
    });
    return dep;
  });
}

export async function listStaff(
  db: Db,
  auth: AuthContext,
  f: { q?: string; agencyId?: number; limit: number; offset: number },
) {
  const reach = reachOf(auth.positions, READERS);
  const page = await repo.listStaff(db, auth.tenantId, {
    ...f,
    unitIds: reach.unitIds,
    agencyIds: reach.agencyIds,
  });
  const positions = await repo.positionsOf(
    db,
    page.items.map((s) => s.id),
  );
  return {
    ...page,
    items: page.items.map((s) => ({ ...s, positions: positions.filter((p) => p.staff_id === s.id) })),
  };
}

export interface PositionInput {
  agencyId: number;
  departmentId?: number | null;
  receptionPointId?: number | null;
  role: Role;
  scope: Scope;
  title?: string | null;
}

export interface StaffInput {
  username: string;
  fullName: string;
  email?: string | null;
  phone?: string | null;
  password: string;
  positions: PositionInput[];
}

export async function createStaff(db: Db, auth: AuthContext, input: StaffInput, meta: RequestMeta) {
  const username = input.username.trim().toLowerCase();
  const problems = checkPassword(input.password, username);
  if (problems.length)
    throw errors.validation(
      { field: 'password', problems: problems.map((p) => p.code) },
      `password: ${problems.map((p) => p.message).join(', ')}`,
      `Mật khẩu: ${problems.map((p) => p.messageVi).join(', ')}`,
    );
  // Each position granted must lie inside what the administrator reaches, and a department
  // must belong to the position's agency.
  for (const [i, p] of input.positions.entries()) {
    const target = await resolveTarget(
      db,
      p.departmentId ? { departmentId: p.departmentId } : { agencyId: p.agencyId },
    );
    if (!target || target.agencyId !== p.agencyId)
      throw errors.rule(
        'POSITION_UNKNOWN_PLACE',
        `position ${i + 1}: the department is not in that agency`,
        `Vị trí ${i + 1}: phòng ban không thuộc cơ quan đã chọn`,
        { index: i },
      );
    if (!canAct(auth.positions, ADMIN, target)) throw errors.forbidden({ position: i + 1 });
    if (p.scope === 'department' && !p.departmentId)
      throw errors.validation(
        { field: `positions/${i}/departmentId` },
        `position ${i + 1}: department scope needs a department`,
        `Vị trí ${i + 1}: phạm vi phòng ban cần chọn phòng ban`,
      );
  }
  const passwordHash = await hashPassword(input.password);
  const taken = () =>
    errors.conflict(
      'USERNAME_TAKEN',
      `username ${username} is taken`,
      `Tên đăng nhập ${username} đã tồn tại`,
      { field: 'username' },
    );
  try {
    return await createStaffRows(db, auth, input, username, passwordHash, meta, taken);
  } catch (e) {
    // Two administrators creating the same username at once: the constraint decides.
    if (isUniqueViolation(e, 'staff_username_key')) throw taken();
    throw e;
  }
}

async function createStaffRows(
  db: Db,
  auth: AuthContext,
  input: StaffInput,
  username: string,
  passwordHash: string,
  meta: RequestMeta,
  taken: () => Error,
) {
  return db.transaction().execute(async (trx) => {
    if (await repo.usernameTaken(trx, username)) throw taken();
    const staff = await repo.insertStaff(trx, {
      tenantId: auth.tenantId,
      username,
      fullName: input.fullName.normalize('NFC').trim(),
      email: input.email ?? null,
      phone: input.phone ?? null,
      passwordHash,
    });
    const positions = [];
    for (const p of input.positions) {
      positions.push(
        await repo.insertPosition(trx, {
          tenantId: auth.tenantId,
          staffId: staff.id,
          agencyId: p.agencyId,
          departmentId: p.departmentId ?? null,
          receptionPointId: p.receptionPointId ?? null,
          role: p.role,
          scope: p.scope,
          title: p.title ?? null,
        }),
      );
    }
    // The password hash never enters the audit log.
    await recordAudit(trx, {
      ...actor(auth, meta),
      action: 'staff.create',
      entityType: 'staff',
      entityId: staff.id,
      after: { ...staff, positions },
    });
    return { ...staff, positions };
  });
}
