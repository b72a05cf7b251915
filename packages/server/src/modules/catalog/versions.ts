/**
 * Procedure versions: drafts an administrator edits, publication under a decision (quyết định công
 * bố) with an effective date, retirement (bãi bỏ). A published version never changes (the database
 * refuses it too); a dossier is bound to the version in force on its receipt date.
 */
import { createHash } from 'node:crypto';
import { canAct, type ProcedureContent } from '@motcua/core';
import type { AuthContext } from '../../auth/access.js';
import { resolveTarget } from '../../auth/access.js';
import type { Db } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { DomainError, errors } from '../../errors.js';
import { actorOf, recordAudit } from '../audit/repository.js';
import { today } from '../org/service.js';
import { checkEForm } from './eform.js';
import * as repo from './repository.js';

export interface RequestMeta {
  requestId: string;
  ip: string;
}

type VersionRow = NonNullable<Awaited<ReturnType<typeof repo.getVersion>>>;

/**
 * The catalogue is shared by the installation: only administrators who reach a whole deployment
 * (its root administrative unit) edit it; agency administrators manage their implementations.
 */
export async function assertCatalogueAdmin(db: Db, auth: AuthContext): Promise<void> {
  const tenant = await db
    .selectFrom('tenants')
    .select('root_unit_id')
    .where('id', '=', auth.tenantId)
    .executeTakeFirst();
  const target = tenant?.root_unit_id ? await resolveTarget(db, { adminUnitId: tenant.root_unit_id }) : null;
  if (!target || !canAct(auth.positions, ['admin'], target))
    throw errors.forbidden({
      reason: 'CATALOGUE_ADMIN_ONLY',
      hint: 'a deployment-wide administrator edits the catalogue',
    });
}

const refreshedOn = new WeakMap<Db, string>();
/** Moves `current_version_id` when a future-dated version takes effect; cheap after the first call of a day. */
export async function ensureCurrentVersions(db: Db, date = today()): Promise<void> {
  if (refreshedOn.get(db) === date) return;
  await repo.refreshCurrentVersions(db, date);
  refreshedOn.set(db, date);
}

export function contentOf(v: VersionRow): ProcedureContent {
  return {
    name: v.name,
    fieldName: v.field_name,
    levels: v.levels,
    procedureType: v.procedure_type,
    applicantTypes: v.applicant_types,
    competentAgency: v.competent_agency,
    implementingAgency: v.implementing_agency,
    coordinatingAgency: v.coordinating_agency,
    channels: v.channels as ProcedureContent['channels'],
    documents: v.documents as ProcedureContent['documents'],
    eform: (v.eform as ProcedureContent['eform']) ?? null,
    results: v.results as ProcedureContent['results'],
    onlineLevel: v.online_level,
    conditions: v.conditions,
    legalBasis: v.legal_basis as ProcedureContent['legalBasis'],
    stepsText: v.steps_text,
    decisionNo: v.decision_no,
    decisionDate: v.decision_date,
    effectiveFrom: v.effective_from,
  };
}

/** What a reviewer must look at before publishing; the import flags the same things. */
export function reviewFlagsOf(c: ProcedureContent): string[] {
  const flags: string[] = [];
  if (c.channels.length === 0) flags.push('no_channel');
  if (c.channels.some((ch) => ch.timeLimit.value === null || ch.timeLimit.unit === null))
    flags.push('time_limit_missing');
  if (c.channels.some((ch) => ch.fees.ambiguous)) flags.push('fee_ambiguous');
  if (c.onlineLevel !== 'none' && !c.channels.some((ch) => ch.channel === 'online'))
    flags.push('online_level_without_online_channel');
  return flags;
}

/** JSON with sorted keys: jsonb and clients order keys differently, the content is the same. */
function canonical(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(canonical);
  if (x && typeof x === 'object')
    return Object.fromEntries(
      Object.keys(x)
        .filter((k) => (x as Record<string, unknown>)[k] !== undefined)
        .sort()
        .map((k) => [k, canonical((x as Record<string, unknown>)[k])]),
    );
  return x;
}

export function contentHash(c: ProcedureContent): string {
  return createHash('sha256')
    .update(JSON.stringify(canonical(c)))
    .digest('hex');
}

/**
 * Checks beyond the schema: the e-form compiles, document codes are unique, a document the e-form
 * stands for has a code (the online submission names it) and the version has an e-form. Throws 400.
 */
export function checkContent(c: ProcedureContent): void {
  if (c.eform) checkEForm(c.eform);
  const seen = new Set<string>();
  for (const [i, d] of c.documents.entries()) {
    if (d.providedByEform && (!c.eform || !d.code))
      throw new DomainError(
        400,
        'EFORM_DOCUMENT_INVALID',
        `documents/${i} is provided by the e-form, but ${c.eform ? 'has no code' : 'the version has no e-form'}`,
        `thành phần hồ sơ documents/${i} được thay bằng tờ khai điện tử nhưng ${c.eform ? 'chưa có mã' : 'phiên bản chưa có tờ khai điện tử'}`,
        { path: `/documents/${i}/providedByEform` },
      );
    if (!d.code) continue;
    if (seen.has(d.code))
      throw new DomainError(
        400,
        'DOCUMENT_CODE_DUPLICATE',
        `document code ${d.code} appears twice (documents/${i})`,
        `mã thành phần hồ sơ ${d.code} bị trùng (documents/${i})`,
        { path: `/documents/${i}/code`, code: d.code },
      );
    seen.add(d.code);
  }
  // a channel may appear more than once: the national catalogue lists cases with different limits
}

export function valuesOf(c: ProcedureContent, by: number | null, source: string): repo.VersionValues {
  return {
    name: c.name.normalize('NFC'),
    field_name: c.fieldName,
    decision_no: c.decisionNo,
    decision_date: c.decisionDate,
    effective_from: c.effectiveFrom,
    levels: c.levels,
    procedure_type: c.procedureType,
    applicant_types: c.applicantTypes,
    competent_agency: c.competentAgency,
    implementing_agency: c.implementingAgency,
    coordinating_agency: c.coordinatingAgency,
    delegated_agency: null,
    receiving_address: null,
    channels: JSON.stringify(c.channels),
    documents: JSON.stringify(c.documents),
    documents_preamble: null,
    legal_basis: JSON.stringify(c.legalBasis),
    conditions: c.conditions,
    // the import's free-text result stays filled so older readers keep working
    result: JSON.stringify({
      text: c.results.map((r) => r.name).join('; ') || null,
      codes: c.results.map((r) => r.code).filter((x): x is string => !!x),
    }),
    steps_text: c.stepsText,
    source,
    source_url: null,
    review_flags: reviewFlagsOf(c),
    content_hash: contentHash(c),
    eform: c.eform ? JSON.stringify(c.eform) : null,
    results: JSON.stringify(c.results),
    online_level: c.onlineLevel,
    created_by: by,
  };
}

function versionView(v: VersionRow) {
  return {
    versionNo: v.version_no,
    status: v.status,
    retiredOn: v.retired_on,
    source: v.source,
    sourceUrl: v.source_url,
    reviewFlags: v.review_flags,
    publishedAt: v.published_at ? new Date(v.published_at).toISOString() : null,
    content: contentOf(v),
  };
}

async function procedureOrThrow(db: Db, code: string) {
  const p = await repo.findProcedure(db, code);
  if (!p) throw errors.notFound('procedure', code, 'thủ tục');
  return p;
}

export async function getVersionView(db: Db, code: string, versionNo: number) {
  const p = await procedureOrThrow(db, code);
  const v = await repo.getVersion(db, p.id, versionNo);
  if (!v || v.status === 'draft')
    throw errors.notFound('procedure version', `${code} v${versionNo}`, 'phiên bản thủ tục');
  return { code: p.code, ...versionView(v) };
}

const isCalendarDate = (d: string) => {
  const t = Date.parse(`${d}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === d;
};

export async function getInForce(db: Db, code: string, date: string) {
  if (!isCalendarDate(date))
    throw errors.validation(
      { path: '/date', value: date },
      `${date} is not a calendar date`,
      `${date} không phải ngày hợp lệ`,
    );
  const p = await procedureOrThrow(db, code);
  const v = await repo.versionInForce(db, p.id, date);
  if (!v)
    throw new DomainError(
      404,
      'NO_VERSION_IN_FORCE',
      `procedure ${code} has no version in force on ${date}`,
      `thủ tục ${code} không có phiên bản có hiệu lực vào ngày ${date}`,
      { code, date },
    );
  return { procedure: p, version: v, view: { code: p.code, ministry: p.ministry, ...versionView(v) } };
}

export async function listVersions(db: Db, code: string, includeDraft: boolean) {
  const p = await procedureOrThrow(db, code);
  const rows = await repo.listVersions(db, p.id);
  return rows
    .filter((r) => includeDraft || r.status !== 'draft')
    .map((r) => ({
      versionNo: r.version_no,
      status: r.status,
      decisionNo: r.decision_no,
      decisionDate: r.decision_date,
      effectiveFrom: r.effective_from,
      retiredOn: r.retired_on,
      source: r.source,
      publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null,
    }));
}

export async function getDraft(db: Db, auth: AuthContext, code: string) {
  await assertCatalogueAdmin(db, auth);
  const p = await procedureOrThrow(db, code);
  const d = await repo.getDraft(db, p.id);
  if (!d) throw errors.notFound('draft', code, 'bản nháp của thủ tục');
  return { code: p.code, ...versionView(d) };
}

/** Creates or replaces the single draft of a procedure, inside the caller's transaction. */
export async function saveDraftIn(
  trx: Db,
  auth: AuthContext,
  p: { id: number; code: string },
  content: ProcedureContent,
  meta: RequestMeta,
  source = 'admin',
) {
  const before = await repo.getDraft(trx, p.id);
  const values = valuesOf(content, auth.staffId, source);
  let versionNo: number;
  if (before) {
    await repo.updateDraft(trx, before.id, values);
    versionNo = before.version_no;
  } else {
    versionNo = (await repo.maxVersionNo(trx, p.id)) + 1;
    await repo.insertDraft(trx, p.id, versionNo, values);
  }
  await recordAudit(trx, {
    ...actorOf(auth),
    action: before ? 'procedure.draft.update' : 'procedure.draft.create',
    entityType: 'procedure',
    entityId: p.code,
    before: before ? contentOf(before) : null,
    after: content,
    ...meta,
  });
  return {
    code: p.code,
    versionNo,
    status: 'draft' as const,
    created: !before,
    reviewFlags: values.review_flags,
  };
}

const draftRace = () =>
  errors.conflict(
    'DRAFT_CHANGED',
    'someone saved a draft at the same time; reload it',
    'bản nháp vừa được người khác lưu; vui lòng tải lại',
  );

export async function saveDraft(
  db: Db,
  auth: AuthContext,
  code: string,
  content: ProcedureContent,
  meta: RequestMeta,
) {
  await assertCatalogueAdmin(db, auth);
  checkContent(content);
  const p = await procedureOrThrow(db, code);
  try {
    return await db.transaction().execute((trx) => saveDraftIn(trx, auth, p, content, meta));
  } catch (e) {
    if (isUniqueViolation(e)) throw draftRace();
    throw e;
  }
}

/** A new procedure (a local one, or a national one not yet imported) starts as draft version 1. */
export async function createProcedureIn(
  trx: Db,
  auth: AuthContext,
  code: string,
  content: ProcedureContent,
  meta: RequestMeta,
  source = 'admin',
) {
  if (await repo.findProcedure(trx, code))
    throw errors.conflict(
      'PROCEDURE_EXISTS',
      `procedure ${code} already exists; edit its draft`,
      `thủ tục ${code} đã có; hãy sửa bản nháp của thủ tục`,
      { code },
    );
  const fieldId = await repo.fieldIdByName(trx, content.fieldName);
  const { id } = await repo.insertProcedure(trx, { code, name: content.name.normalize('NFC'), fieldId });
  const values = valuesOf(content, auth.staffId, source);
  await repo.insertDraft(trx, id, 1, values);
  await recordAudit(trx, {
    ...actorOf(auth),
    action: 'procedure.create',
    entityType: 'procedure',
    entityId: code,
    before: null,
    after: content,
    ...meta,
  });
  return {
    id,
    code,
    versionNo: 1,
    status: 'draft' as const,
    created: true,
    reviewFlags: values.review_flags,
  };
}

export async function createProcedure(
  db: Db,
  auth: AuthContext,
  code: string,
  content: ProcedureContent,
  meta: RequestMeta,
) {
  await assertCatalogueAdmin(db, auth);
  checkContent(content);
  try {
    const { id: _id, ...result } = await db
      .transaction()
      .execute((trx) => createProcedureIn(trx, auth, code, content, meta));
    return result;
  } catch (e) {
    if (isUniqueViolation(e))
      throw errors.conflict('PROCEDURE_EXISTS', `procedure ${code} already exists`, `thủ tục ${code} đã có`, {
        code,
      });
    throw e;
  }
}

export async function discardDraft(db: Db, auth: AuthContext, code: string, meta: RequestMeta) {
  await assertCatalogueAdmin(db, auth);
  const p = await procedureOrThrow(db, code);
  await db.transaction().execute(async (trx) => {
    const d = await repo.getDraft(trx, p.id);
    if (!d) throw errors.notFound('draft', code, 'bản nháp của thủ tục');
    await repo.deleteDraft(trx, d.id);
    await recordAudit(trx, {
      ...actorOf(auth),
      action: 'procedure.draft.discard',
      entityType: 'procedure',
      entityId: code,
      before: contentOf(d),
      after: null,
      ...meta,
    });
  });
}

/**
 * Publishes the draft under a decision. The new version supersedes from its effective date: it
 * must be later than every published version's (two versions taking effect on one day would make
 * "the version in force at receipt" ambiguous, and an earlier date would rewrite the past).
 */
export async function publish(
  db: Db,
  auth: AuthContext,
  code: string,
  p: { effectiveFrom: string; decisionNo: string; decisionDate: string },
  meta: RequestMeta,
) {
  await assertCatalogueAdmin(db, auth);
  const proc = await procedureOrThrow(db, code);
  if (p.decisionDate > p.effectiveFrom)
    throw errors.rule(
      'DECISION_AFTER_EFFECT',
      `the decision (${p.decisionDate}) cannot come after the effective date (${p.effectiveFrom})`,
      `ngày quyết định công bố (${p.decisionDate}) không thể sau ngày có hiệu lực (${p.effectiveFrom})`,
    );
  try {
    return await db.transaction().execute(async (trx) => {
      // serialise publications of one procedure
      await trx.selectFrom('procedures').select('id').where('id', '=', proc.id).forUpdate().execute();
      const draft = await repo.getDraft(trx, proc.id);
      if (!draft)
        throw errors.conflict(
          'NO_DRAFT',
          `procedure ${code} has no draft to publish`,
          `thủ tục ${code} không có bản nháp để công bố`,
        );
      const content = contentOf(draft);
      const missing = content.channels.filter((c) => c.timeLimit.value === null || c.timeLimit.unit === null);
      if (content.channels.length === 0 || missing.length)
        throw errors.rule(
          'TIME_LIMIT_MISSING',
          'every channel needs a legal time limit with its unit before publication',
          'mỗi cách thức thực hiện phải có thời hạn giải quyết và đơn vị tính trước khi công bố',
          { channels: missing.map((c) => c.channel) },
        );
      const latest = await repo.latestEffective(trx, proc.id);
      const latestDate = latest ? (latest.effective_from ?? '-infinity') : null;
      if (latestDate !== null && latestDate !== '-infinity') {
        if (p.effectiveFrom === latestDate)
          throw errors.conflict(
            'EFFECTIVE_DATE_TAKEN',
            `version ${latest?.version_no} already takes effect on ${p.effectiveFrom}`,
            `phiên bản ${latest?.version_no} đã có hiệu lực từ ngày ${p.effectiveFrom}; chọn ngày khác`,
            { versionNo: latest?.version_no, effectiveFrom: p.effectiveFrom },
          );
        if (p.effectiveFrom < latestDate)
          throw errors.rule(
            'EFFECTIVE_DATE_BEFORE_LATEST',
            `the effective date must be after ${latestDate}, when version ${latest?.version_no} took effect`,
            `ngày có hiệu lực phải sau ngày ${latestDate} (hiệu lực của phiên bản ${latest?.version_no})`,
            { latest: latestDate },
          );
      }
      await repo.publishDraft(trx, draft.id, { ...p, by: auth.staffId });
      const fieldId = await repo.fieldIdByName(trx, content.fieldName);
      await trx.updateTable('procedures').set({ field_id: fieldId }).where('id', '=', proc.id).execute();
      await repo.refreshCurrentVersions(trx, today(), proc.id);
      await recordAudit(trx, {
        ...actorOf(auth),
        action: 'procedure.publish',
        entityType: 'procedure',
        entityId: code,
        before: latest ? { versionNo: latest.version_no, effectiveFrom: latest.effective_from } : null,
        after: { versionNo: draft.version_no, ...p },
        ...meta,
      });
      return { code, versionNo: draft.version_no, status: 'published' as const, ...p };
    });
  } catch (e) {
    if (isUniqueViolation(e))
      throw errors.conflict(
        'EFFECTIVE_DATE_TAKEN',
        `another version already takes effect on ${p.effectiveFrom}`,
        `đã có phiên bản khác có hiệu lực từ ngày ${p.effectiveFrom}`,
      );
    throw e;
  }
}

/** Records that the procedure is abolished from a date (bãi bỏ); earlier dossiers keep their version. */
export async function retire(
  db: Db,
  auth: AuthContext,
  code: string,
  r: { retiredOn: string; reason: string },
  meta: RequestMeta,
) {
  await assertCatalogueAdmin(db, auth);
  const proc = await procedureOrThrow(db, code);
  return db.transaction().execute(async (trx) => {
    await trx.selectFrom('procedures').select('id').where('id', '=', proc.id).forUpdate().execute();
    const latest = await repo.latestEffective(trx, proc.id);
    const v = latest ? await repo.getVersion(trx, proc.id, latest.version_no) : undefined;
    if (!v)
      throw errors.conflict(
        'NOT_PUBLISHED',
        `procedure ${code} has no published version`,
        `thủ tục ${code} chưa có phiên bản công bố`,
      );
    if (v.status === 'retired')
      throw errors.conflict(
        'ALREADY_RETIRED',
        `procedure ${code} was abolished on ${v.retired_on}`,
        `thủ tục ${code} đã bãi bỏ từ ngày ${v.retired_on}`,
      );
    if (v.effective_from !== null && r.retiredOn <= v.effective_from)
      throw errors.rule(
        'RETIRE_BEFORE_EFFECT',
        `the procedure cannot be abolished before its version ${v.version_no} takes effect (${v.effective_from})`,
        `không thể bãi bỏ trước ngày phiên bản ${v.version_no} có hiệu lực (${v.effective_from})`,
      );
    await repo.retireVersion(trx, v.id, r.retiredOn);
    await repo.refreshCurrentVersions(trx, today(), proc.id);
    await recordAudit(trx, {
      ...actorOf(auth),
      action: 'procedure.retire',
      entityType: 'procedure',
      entityId: code,
      before: { versionNo: v.version_no, status: v.status },
      after: { versionNo: v.version_no, status: 'retired', ...r },
      ...meta,
    });
    return { code, versionNo: v.version_no, status: 'retired' as const, retiredOn: r.retiredOn };
  });
}

/** The id of the version of a procedure in force on `date`, or null (for binding a dossier). */
export const versionIdInForce = (db: Db, procedureId: number, date: string) =>
  repo.versionIdInForce(db, procedureId, date);
