/**
 * The citizen's data store (kho quản lý dữ liệu điện tử; Decree 107/2021 and 45/2020, LIFECYCLE.md
 * T17): documents a citizen keeps and the electronic results returned to them, each with owner,
 * source dossier, issuer and validity, and their reuse in a new dossier instead of an upload
 * (DuocTaiSuDung). The bytes are the blob store's, shared by hash: a reuse copies nothing.
 */
import type { Db } from '../../db/client.js';
import { errors } from '../../errors.js';
import type { Requester } from '../dossiers/authorize.js';
import { readableRow } from '../dossiers/service.js';
import type { ReceiveUpload } from './multipart.js';
import * as repo from './repository.js';
import type { DocumentFields } from './schemas.js';
import {
  checkComponentState,
  checkValidity,
  componentOf,
  contentMissing,
  type FileDeps,
  todayOf,
} from './service.js';
import { documentView, fileView } from './views.js';

const documentNotFound = (id: number) => errors.notFound('document', id, 'giấy tờ trong kho dữ liệu');

export async function listCitizenDocuments(
  db: Db,
  deps: FileDeps,
  citizenId: number,
  query: repo.DocumentFilter,
) {
  const day = query.validOn ?? todayOf(deps);
  const rows = await repo.citizenDocuments(db, citizenId, query, 500);
  return { items: rows.map((d) => documentView(d, day)) };
}

/** The citizen keeps a document in their store (a paper they hold, to hand in again later). */
export async function uploadCitizenDocument(
  db: Db,
  deps: FileDeps,
  citizenId: number,
  receive: ReceiveUpload<DocumentFields>,
) {
  const today = todayOf(deps);
  const { fields, file } = await receive((f) => checkValidity(f.validFrom ?? today, f.validUntil));
  return db.transaction().execute(async (trx) => {
    const kept = await repo.insertCitizenDocument(trx, {
      citizenId,
      kind: 'document',
      name: fields.name,
      documentCode: fields.documentCode ?? null,
      resultCode: null,
      sha256: file.sha256,
      size: file.size,
      fileKind: file.kind,
      mimeType: file.mimeType,
      filename: file.filename,
      issuerAgencyId: null,
      issuerName: fields.issuer ?? null,
      sourceDossierId: null,
      validFrom: fields.validFrom ?? today,
      validUntil: fields.validUntil ?? null,
    });
    const detail = await repo.citizenDocument(trx, citizenId, kept.id);
    return { document: documentView(detail!, today) };
  });
}

export async function citizenDocumentContent(db: Db, deps: FileDeps, citizenId: number, id: number) {
  const d = await repo.citizenDocument(db, citizenId, id);
  if (!d) throw documentNotFound(id);
  if (!(await deps.store.has(d.sha256))) throw contentMissing(d.sha256);
  return { document: documentView(d, todayOf(deps)), stream: () => deps.store.get(d.sha256) };
}

/**
 * The owning applicant hands in a document of their data store instead of uploading it again: a
 * file row naming the same bytes, flagged reused (reused_from, DuocTaiSuDung). A document that is
 * not valid today is refused: an expired paper is not a paper (Decree 61 Art. 16).
 */
export async function reuseDocument(
  db: Db,
  deps: FileDeps,
  citizenId: number,
  dossierId: number,
  componentId: number,
  documentId: number,
) {
  const requester: Requester = { kind: 'citizen', citizenId };
  const row = await readableRow(db, requester, dossierId);
  await componentOf(db, dossierId, componentId);
  checkComponentState(requester, row.status);
  const d = await repo.citizenDocument(db, citizenId, documentId);
  if (!d) throw documentNotFound(documentId);
  const today = todayOf(deps);
  if (d.valid_until !== null && d.valid_until < today)
    throw errors.rule(
      'DOCUMENT_EXPIRED',
      `The document expired on ${d.valid_until}`,
      `Giấy tờ đã hết hiệu lực từ ngày ${d.valid_until.split('-').reverse().join('/')}`,
      { documentId, validUntil: d.valid_until },
    );
  if (d.valid_from > today)
    throw errors.rule(
      'DOCUMENT_NOT_YET_VALID',
      `The document is valid from ${d.valid_from}`,
      `Giấy tờ chỉ có hiệu lực từ ngày ${d.valid_from.split('-').reverse().join('/')}`,
      { documentId, validFrom: d.valid_from },
    );
  if (!(await deps.store.has(d.sha256))) throw contentMissing(d.sha256);
  return db.transaction().execute(async (trx) => {
    const now = await repo.dossierStatusForShare(trx, dossierId);
    checkComponentState(requester, now.status);
    const inserted = await repo.insertFile(trx, {
      dossierId,
      componentId,
      purpose: 'component',
      sha256: d.sha256,
      size: d.size,
      kind: d.file_kind,
      mimeType: d.mime_type,
      filename: d.filename,
      reusedFrom: d.id,
      uploadedBy: { kind: 'applicant', citizenId },
      at: new Date(deps.now()),
    });
    await repo.markComponentProvided(trx, componentId);
    return { file: fileView(inserted) };
  });
}

export interface ElectronicResult {
  citizenId: number;
  dossierId: number;
  name: string;
  resultCode: string | null;
  sha256: string;
  size: number;
  kind: string;
  mimeType: string;
  filename: string | null;
  issuerAgencyId: number;
  /** YYYY-MM-DD, the result's date of issue */
  validFrom: string;
  /** YYYY-MM-DD; absent or null: valid until further notice */
  validUntil?: string | null;
}

/**
 * Puts an electronic result returned online into the applicant's data store (LIFECYCLE.md T17),
 * in the caller's transaction (the return_result action's). Storing the same file of the same
 * dossier again returns the first row, so a replayed action changes nothing.
 */
export async function storeElectronicResult(trx: Db, r: ElectronicResult): Promise<{ id: number }> {
  checkValidity(r.validFrom, r.validUntil);
  const row = await repo.insertResultOnce(trx, {
    citizenId: r.citizenId,
    kind: 'result',
    name: r.name,
    documentCode: null,
    resultCode: r.resultCode,
    sha256: r.sha256,
    size: r.size,
    fileKind: r.kind,
    mimeType: r.mimeType,
    filename: r.filename,
    issuerAgencyId: r.issuerAgencyId,
    issuerName: null,
    sourceDossierId: r.dossierId,
    validFrom: r.validFrom,
    validUntil: r.validUntil ?? null,
  });
  return { id: row.id };
}
