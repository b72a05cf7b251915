/**
 * Files and digitisation (issue #5 item 4; LIFECYCLE.md T5; PITFALLS E5): files attached to a
 * dossier's components or as its result, and the receiving officer's "digitised" mark. The
 * citizen's data store, whose documents a new dossier can reuse, is data-store.ts.
 *
 * Every use case checks who may do it before a byte of the upload is read, streams the file into
 * the blob store outside any transaction (an upload may take minutes), then writes its rows in one
 * short transaction that checks the dossier's state again: the dossier may have moved on while
 * the file was arriving. A refused or failed upload leaves no row; its bytes are either not stored
 * at all or, when identical bytes were stored before, shared with those (content addressing).
 */

import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { type Actor, type DossierState, type Role, receiptDateOf, TERMINAL_STATES } from '@motcua/core';
import type { AuthContext } from '../../auth/access.js';
import type { Db } from '../../db/client.js';
import { claimIdempotencyKey, storeIdempotencyResponse } from '../../db/idempotency.js';
import { DomainError, errors } from '../../errors.js';
import type { BlobStore } from '../../files/store.js';
import { actorOf, recordAudit } from '../audit/repository.js';
import {
  notPermitted,
  officerActor,
  positionFor,
  type Requester,
  requirePosition,
} from '../dossiers/authorize.js';
import type { DossierRow } from '../dossiers/repository.js';
import { readableRow } from '../dossiers/service.js';
import type { ReceiveUpload } from './multipart.js';
import * as repo from './repository.js';
import type { ComponentUploadFields, DossierFileView } from './schemas.js';
import { componentView, documentView, fileView } from './views.js';

/** What an upload answers (and a retry with its key gets again). */
export interface UploadAnswer {
  file: DossierFileView;
  document?: ReturnType<typeof documentView>;
}

export interface FileDeps {
  store: BlobStore;
  /** the clock rows are dated by (tests move it) */
  now: () => number;
}

export interface RequestMeta {
  requestId: string;
  ip: string | null;
}

/** Việt Nam's offset from UTC: validity is judged on the local calendar day. */
const VN_OFFSET_MINUTES = 420;
export const todayOf = (deps: FileDeps) => receiptDateOf(deps.now(), VN_OFFSET_MINUTES);

/** While the applicant may still change what they handed in (draft, before acceptance, supplement). */
const APPLICANT_EDITABLE: ReadonlySet<DossierState> = new Set(['draft', 'submitted', 'supplement_requested']);
/** Who attaches scans and papers to components: the one-stop desk and the handling specialists. */
const COMPONENT_ROLES: readonly Role[] = ['receiving_officer', 'specialist'];
/** Who attaches the result: the competent agency's handlers, signers and clerks. */
const RESULT_ROLES: readonly Role[] = ['specialist', 'department_head', 'agency_leader', 'clerk'];
/** A result file exists from appraisal on; it is final once processing ends. */
const RESULT_STATES: ReadonlySet<DossierState> = new Set(['processing', 'result_ready']);
/** The applicant sees result files once processing has ended (not a draft under appraisal). */
const RESULT_VISIBLE: ReadonlySet<DossierState> = new Set(['result_ready', 'returned']);

// ── errors ────────────────────────────────────────────────────────────────────────────────────

const componentNotFound = (id: number) => errors.notFound('component', id, 'thành phần hồ sơ');
const fileNotFound = (id: number) => errors.notFound('file', id, 'tệp');

const notEditable = (status: DossierState) =>
  errors.conflict(
    'DOSSIER_NOT_EDITABLE',
    'The applicant can no longer change the documents of this dossier',
    'Hồ sơ đã được tiếp nhận hoặc đã kết thúc: người nộp không thể thay đổi giấy tờ',
    { status },
  );
const dossierClosed = (status: DossierState) =>
  errors.conflict(
    'DOSSIER_CLOSED',
    'The dossier is closed',
    'Hồ sơ đã kết thúc, không thể đính kèm thêm tệp',
    {
      status,
    },
  );
const resultNotExpected = (status: DossierState) =>
  errors.conflict(
    'RESULT_NOT_EXPECTED',
    'A result file is attached while the dossier is processed or its result is ready',
    'Chỉ đính kèm tệp kết quả khi hồ sơ đang xử lý hoặc đã có kết quả',
    { status },
  );
export const contentMissing = (sha256: string) =>
  new DomainError(
    500,
    'FILE_CONTENT_MISSING',
    'The stored file is missing from the file store',
    'Không tìm thấy nội dung tệp trong kho lưu trữ',
    { sha256 },
  );

// ── who may attach ────────────────────────────────────────────────────────────────────────────

/**
 * The actor an upload to a component is recorded under, or the refusal: the owning applicant
 * while the dossier is theirs to change; an officer holding a receiving or specialist position
 * at the receiving or the competent agency while the dossier is open.
 */
async function componentUploader(db: Db, requester: Requester, row: DossierRow): Promise<Actor> {
  if (requester.kind === 'citizen') {
    checkComponentState(requester, row.status);
    return { kind: 'applicant', citizenId: requester.citizenId };
  }
  const position =
    (await positionFor(db, requester.auth, COMPONENT_ROLES, {
      agencyId: row.receiving_agency_id,
      departmentId: null,
    })) ??
    (await positionFor(db, requester.auth, COMPONENT_ROLES, {
      agencyId: row.competent_agency_id,
      departmentId: null,
    }));
  if (!position)
    throw notPermitted({
      requiredRoles: COMPONENT_ROLES,
      agencyIds: [row.receiving_agency_id, row.competent_agency_id],
    });
  checkComponentState(requester, row.status);
  return officerActor(db, requester.auth, position);
}

export function checkComponentState(requester: Requester, status: DossierState) {
  if (requester.kind === 'citizen') {
    if (!APPLICANT_EDITABLE.has(status)) throw notEditable(status);
  } else if (TERMINAL_STATES.has(status)) throw dossierClosed(status);
}

export async function componentOf(db: Db, dossierId: number, componentId: number) {
  const c = await repo.componentOf(db, dossierId, componentId);
  if (!c) throw componentNotFound(componentId);
  return c;
}

/** A document code worth keeping: the version's own codes, not the "#3" of an uncoded document. */
/**
 * An upload's Idempotency-Key (optional on uploads: a client without one gets no protection
 * against its own retries). The key is bound to the file's SHA-256 and the form's fields, known
 * once the bytes are stored (content-addressed: storing them again is free), so a retry after a
 * lost answer attaches nothing twice, and the same key with another file is refused.
 */
export interface UploadKey {
  key: string;
  path: string;
}

const uploadHash = (k: UploadKey, sha256: string, fields: unknown) =>
  createHash('sha256')
    .update(JSON.stringify(['POST', k.path, sha256, fields ?? {}]))
    .digest('hex');

/** In the upload's transaction: the first answer to this key, or null when the key is new (now ours). */
async function replayUpload<T>(
  trx: Db,
  tenantId: number,
  k: UploadKey | null,
  requestHash: string,
): Promise<T | null> {
  if (!k) return null;
  const earlier = await claimIdempotencyKey(trx, { tenantId, key: k.key, requestHash });
  if (!earlier) return null;
  if (earlier.requestHash !== requestHash)
    throw new DomainError(
      422,
      'IDEMPOTENCY_KEY_REUSED',
      'This request id was already used for a different request',
      'Mã yêu cầu này đã được dùng cho một yêu cầu khác',
      { key: k.key },
    );
  return earlier.body as T;
}

async function rememberUpload<T>(trx: Db, tenantId: number, dossierId: number, k: UploadKey | null, body: T) {
  if (k) await storeIdempotencyResponse(trx, { tenantId, key: k.key, dossierId, status: 201, body });
  return body;
}

const keptCode = (code: string | null) => (code && !code.startsWith('#') ? code : null);

export function checkValidity(validFrom: string, validUntil: string | null | undefined) {
  if (validUntil && validUntil < validFrom)
    throw errors.rule(
      'VALIDITY_INVALID',
      'The document cannot expire before it becomes valid',
      'Ngày hết hiệu lực không được trước ngày có hiệu lực',
      { validFrom, validUntil },
    );
}

// ── dossier files ─────────────────────────────────────────────────────────────────────────────

export async function uploadComponentFile(
  db: Db,
  deps: FileDeps,
  requester: Requester,
  dossierId: number,
  componentId: number,
  receive: ReceiveUpload<ComponentUploadFields>,
  idem: UploadKey | null = null,
) {
  const row = await readableRow(db, requester, dossierId);
  const component = await componentOf(db, dossierId, componentId);
  const actor = await componentUploader(db, requester, row);
  const today = todayOf(deps);
  const { fields, file } = await receive((f) => {
    if (f.keep === 'true' && requester.kind !== 'citizen')
      throw errors.validation(
        { field: 'keep' },
        'Only the applicant keeps files in their data store',
        'Chỉ người nộp hồ sơ mới lưu tệp vào kho dữ liệu của mình',
      );
    if (f.validUntil && f.keep !== 'true')
      throw errors.validation(
        { field: 'validUntil' },
        'validUntil goes with keep=true',
        'Trường validUntil chỉ dùng khi keep=true',
      );
    checkValidity(today, f.validUntil);
  });
  const hash = idem ? uploadHash(idem, file.sha256, { componentId, ...fields }) : '';
  return db.transaction().execute(async (trx) => {
    const replayed = await replayUpload<UploadAnswer>(trx, row.tenant_id, idem, hash);
    if (replayed) return replayed;
    const now = await repo.dossierStatusForShare(trx, dossierId);
    checkComponentState(requester, now.status);
    const inserted = await repo.insertFile(trx, {
      dossierId,
      componentId,
      purpose: 'component',
      sha256: file.sha256,
      size: file.size,
      kind: file.kind,
      mimeType: file.mimeType,
      filename: file.filename,
      reusedFrom: null,
      uploadedBy: actor,
      at: new Date(deps.now()),
    });
    await repo.markComponentProvided(trx, componentId);
    if (fields.keep !== 'true' || requester.kind !== 'citizen')
      return rememberUpload<UploadAnswer>(trx, row.tenant_id, dossierId, idem, { file: fileView(inserted) });
    const kept = await repo.insertCitizenDocument(trx, {
      citizenId: requester.citizenId,
      kind: 'document',
      name: component.name,
      documentCode: keptCode(component.document_code),
      resultCode: null,
      sha256: file.sha256,
      size: file.size,
      fileKind: file.kind,
      mimeType: file.mimeType,
      filename: file.filename,
      issuerAgencyId: null,
      issuerName: null,
      sourceDossierId: dossierId,
      validFrom: today,
      validUntil: fields.validUntil ?? null,
    });
    const detail = await repo.citizenDocument(trx, requester.citizenId, kept.id);
    return rememberUpload<UploadAnswer>(trx, row.tenant_id, dossierId, idem, {
      file: fileView(inserted),
      document: documentView(detail!, today),
    });
  });
}

/** A result document of the competent agency (purpose result), while the dossier is processed. */
export async function uploadResultFile(
  db: Db,
  deps: FileDeps,
  auth: AuthContext,
  dossierId: number,
  receive: ReceiveUpload<Record<string, never>>,
  idem: UploadKey | null = null,
) {
  const row = await readableRow(db, { kind: 'officer', auth }, dossierId);
  const position = await requirePosition(db, auth, RESULT_ROLES, {
    agencyId: row.competent_agency_id,
    departmentId: null,
  });
  if (!RESULT_STATES.has(row.status)) throw resultNotExpected(row.status);
  const actor = await officerActor(db, auth, position);
  const { file } = await receive();
  const hash = idem ? uploadHash(idem, file.sha256, {}) : '';
  return db.transaction().execute(async (trx) => {
    const replayed = await replayUpload<UploadAnswer>(trx, row.tenant_id, idem, hash);
    if (replayed) return replayed;
    const now = await repo.dossierStatusForShare(trx, dossierId);
    if (!RESULT_STATES.has(now.status)) throw resultNotExpected(now.status);
    const inserted = await repo.insertFile(trx, {
      dossierId,
      componentId: null,
      purpose: 'result',
      sha256: file.sha256,
      size: file.size,
      kind: file.kind,
      mimeType: file.mimeType,
      filename: file.filename,
      reusedFrom: null,
      uploadedBy: actor,
      at: new Date(deps.now()),
    });
    return rememberUpload<UploadAnswer>(trx, row.tenant_id, dossierId, idem, { file: fileView(inserted) });
  });
}

const visibleTo = (requester: Requester, row: DossierRow) => (f: repo.FileRow) =>
  requester.kind === 'officer' || f.purpose !== 'result' || RESULT_VISIBLE.has(row.status);

export async function listDossierFiles(db: Db, requester: Requester, dossierId: number) {
  const row = await readableRow(db, requester, dossierId);
  const rows = await repo.filesOf(db, dossierId);
  return { items: rows.filter(visibleTo(requester, row)).map(fileView) };
}

export interface FileContent {
  file: DossierFileView;
  stream: () => Readable;
}

/** A dossier file's bytes for whoever may read the dossier; 404 for anyone else, as for no file. */
export async function dossierFileContent(
  db: Db,
  deps: FileDeps,
  requester: Requester,
  fileId: number,
): Promise<FileContent> {
  const f = await repo.fileById(db, fileId);
  if (!f) throw fileNotFound(fileId);
  let row: DossierRow;
  try {
    row = await readableRow(db, requester, f.dossier_id);
  } catch (e) {
    // "dossier 12 not found" would tell which dossier the file belongs to
    if (e instanceof DomainError && e.status === 404) throw fileNotFound(fileId);
    throw e;
  }
  if (!visibleTo(requester, row)(f)) throw fileNotFound(fileId);
  if (!(await deps.store.has(f.sha256))) throw contentMissing(f.sha256);
  return { file: fileView(f), stream: () => deps.store.get(f.sha256) };
}

// ── digitisation (T5) ─────────────────────────────────────────────────────────────────────────

/**
 * A receiving officer of the receiving agency records that a component was digitised (Decree
 * 107/2021, DuocSoHoa): who and when, once, and only when a file holds the scan. The columns are
 * mutable, so the write is audited in its transaction.
 */
export async function markDigitised(
  db: Db,
  deps: FileDeps,
  auth: AuthContext,
  dossierId: number,
  componentId: number,
  meta: RequestMeta,
) {
  const row = await readableRow(db, { kind: 'officer', auth }, dossierId);
  await componentOf(db, dossierId, componentId);
  await requirePosition(db, auth, ['receiving_officer'], {
    agencyId: row.receiving_agency_id,
    departmentId: null,
  });
  return db.transaction().execute(async (trx) => {
    const c = await repo.lockComponent(trx, componentId);
    if (!c) throw componentNotFound(componentId);
    if (c.digitised_at)
      throw errors.conflict(
        'ALREADY_DIGITISED',
        'The component is already marked digitised',
        'Thành phần hồ sơ này đã được đánh dấu số hóa',
        { digitisedAt: c.digitised_at.toISOString(), digitisedBy: c.digitised_by },
      );
    if (!(await repo.componentHasFile(trx, componentId)))
      throw errors.rule(
        'NO_FILE',
        'Attach the scan to the component before marking it digitised',
        'Cần đính kèm bản số hóa của thành phần hồ sơ trước khi đánh dấu đã số hóa',
        { componentId },
      );
    const updated = await repo.setDigitised(trx, componentId, auth.staffId, new Date(deps.now()));
    await recordAudit(trx, {
      ...actorOf(auth),
      action: 'dossier_component.digitise',
      entityType: 'dossier_component',
      entityId: componentId,
      before: { digitisedBy: null, digitisedAt: null },
      after: {
        dossierId,
        digitisedBy: updated.digitised_by,
        digitisedAt: updated.digitised_at?.toISOString(),
      },
      requestId: meta.requestId,
      ip: meta.ip,
    });
    return { component: componentView(updated) };
  });
}
