/**
 * All SQL of the files module: dossier files (never updated: the application role may only insert
 * and read them), the components they are attached to, and the citizen's data store.
 */
import type { Actor } from '@motcua/core';
import { type Selectable, sql } from 'kysely';
import type { Db } from '../../db/client.js';
import type { DossierComponentsTable, DossierFilesTable } from '../dossiers/tables.js';
import type { CitizenDocumentsTable } from './tables.js';

export type FileRow = Selectable<DossierFilesTable>;
export type ComponentRow = Selectable<DossierComponentsTable>;
export type CitizenDocumentRow = Selectable<CitizenDocumentsTable>;

export async function componentOf(
  db: Db,
  dossierId: number,
  componentId: number,
): Promise<ComponentRow | undefined> {
  return db
    .selectFrom('dossier_components')
    .selectAll()
    .where('id', '=', componentId)
    .where('dossier_id', '=', dossierId)
    .executeTakeFirst();
}

/** The component, locked until the transaction ends (two officers marking it at once). */
export async function lockComponent(trx: Db, componentId: number): Promise<ComponentRow | undefined> {
  return trx
    .selectFrom('dossier_components')
    .selectAll()
    .where('id', '=', componentId)
    .forUpdate()
    .executeTakeFirst();
}

/**
 * The dossier's status, share-locked: an upload that streamed while the dossier moved on is judged
 * on the state it is written in, and an action cannot slip in between the check and the insert.
 */
export async function dossierStatusForShare(trx: Db, dossierId: number) {
  return trx
    .selectFrom('dossiers')
    .select(['status', 'citizen_id'])
    .where('id', '=', dossierId)
    .forShare()
    .executeTakeFirstOrThrow();
}

export interface NewFile {
  dossierId: number;
  componentId: number | null;
  purpose: 'component' | 'result' | 'form';
  sha256: string;
  size: number;
  kind: string;
  mimeType: string;
  filename: string | null;
  reusedFrom: number | null;
  uploadedBy: Actor;
  at: Date;
}

export async function insertFile(trx: Db, f: NewFile): Promise<FileRow> {
  return trx
    .insertInto('dossier_files')
    .values({
      dossier_id: f.dossierId,
      component_id: f.componentId,
      purpose: f.purpose,
      sha256: f.sha256,
      size: f.size,
      kind: f.kind,
      mime_type: f.mimeType,
      filename: f.filename,
      reused_from: f.reusedFrom,
      uploaded_by: JSON.stringify(f.uploadedBy),
      created_at: f.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function markComponentProvided(trx: Db, componentId: number): Promise<void> {
  await trx
    .updateTable('dossier_components')
    .set({ provided: true })
    .where('id', '=', componentId)
    .where('provided', '=', false)
    .execute();
}

export async function componentHasFile(trx: Db, componentId: number): Promise<boolean> {
  const r = await trx
    .selectFrom('dossier_files')
    .select(sql<number>`1`.as('one'))
    .where('component_id', '=', componentId)
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

export async function setDigitised(
  trx: Db,
  componentId: number,
  staffId: number,
  at: Date,
): Promise<ComponentRow> {
  return trx
    .updateTable('dossier_components')
    .set({ digitised_by: staffId, digitised_at: at })
    .where('id', '=', componentId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function filesOf(db: Db, dossierId: number): Promise<FileRow[]> {
  return db
    .selectFrom('dossier_files')
    .selectAll()
    .where('dossier_id', '=', dossierId)
    .orderBy('id')
    .execute();
}

export async function fileById(db: Db, id: number): Promise<FileRow | undefined> {
  return db.selectFrom('dossier_files').selectAll().where('id', '=', id).executeTakeFirst();
}

// ── the citizen's data store ────────────────────────────────────────────────────────────────

export interface NewCitizenDocument {
  citizenId: number;
  kind: 'document' | 'result';
  name: string;
  documentCode: string | null;
  resultCode: string | null;
  sha256: string;
  size: number;
  fileKind: string;
  mimeType: string;
  filename: string | null;
  issuerAgencyId: number | null;
  issuerName: string | null;
  sourceDossierId: number | null;
  validFrom: string;
  validUntil: string | null;
}

const documentValues = (d: NewCitizenDocument) => ({
  citizen_id: d.citizenId,
  kind: d.kind,
  name: d.name,
  document_code: d.documentCode,
  result_code: d.resultCode,
  sha256: d.sha256,
  size: d.size,
  file_kind: d.fileKind,
  mime_type: d.mimeType,
  filename: d.filename,
  issuer_agency_id: d.issuerAgencyId,
  issuer_name: d.issuerName,
  source_dossier_id: d.sourceDossierId,
  valid_from: d.validFrom,
  valid_until: d.validUntil,
});

export async function insertCitizenDocument(trx: Db, d: NewCitizenDocument): Promise<CitizenDocumentRow> {
  return trx
    .insertInto('citizen_documents')
    .values(documentValues(d))
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A result is stored once per dossier and file: a second call returns the first row. */
export async function insertResultOnce(trx: Db, d: NewCitizenDocument): Promise<CitizenDocumentRow> {
  const inserted = await trx
    .insertInto('citizen_documents')
    .values(documentValues(d))
    .onConflict((oc) => oc.columns(['source_dossier_id', 'sha256']).where('kind', '=', 'result').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return inserted;
  return trx
    .selectFrom('citizen_documents')
    .selectAll()
    .where('kind', '=', 'result')
    .where('source_dossier_id', '=', d.sourceDossierId)
    .where('sha256', '=', d.sha256)
    .executeTakeFirstOrThrow();
}

export interface DocumentFilter {
  validOn?: string;
  kind?: 'document' | 'result';
  documentCode?: string;
}

const documentColumns = [
  'd.id',
  'd.citizen_id',
  'd.kind',
  'd.name',
  'd.document_code',
  'd.result_code',
  'd.sha256',
  'd.size',
  'd.file_kind',
  'd.mime_type',
  'd.filename',
  'd.issuer_agency_id',
  'd.issuer_name',
  'd.source_dossier_id',
  'd.valid_from',
  'd.valid_until',
  'd.created_at',
  'a.identifier as issuer_identifier',
  'a.name as issuer_agency_name',
  'x.code as source_dossier_code',
] as const;

function documentsQuery(db: Db) {
  return db
    .selectFrom('citizen_documents as d')
    .leftJoin('agencies as a', 'a.id', 'd.issuer_agency_id')
    .leftJoin('dossiers as x', 'x.id', 'd.source_dossier_id')
    .select(documentColumns);
}

export type CitizenDocumentDetail = NonNullable<Awaited<ReturnType<typeof citizenDocument>>>;

export async function citizenDocuments(db: Db, citizenId: number, f: DocumentFilter, limit: number) {
  let q = documentsQuery(db).where('d.citizen_id', '=', citizenId);
  if (f.kind) q = q.where('d.kind', '=', f.kind);
  if (f.documentCode) q = q.where('d.document_code', '=', f.documentCode);
  if (f.validOn) {
    const on = f.validOn;
    q = q
      .where('d.valid_from', '<=', on)
      .where((eb) => eb.or([eb('d.valid_until', 'is', null), eb('d.valid_until', '>=', on)]));
  }
  return q.orderBy('d.created_at', 'desc').orderBy('d.id', 'desc').limit(limit).execute();
}

/** One document of the citizen's own store; another citizen's is as absent as a missing one. */
export async function citizenDocument(db: Db, citizenId: number, id: number) {
  return documentsQuery(db).where('d.citizen_id', '=', citizenId).where('d.id', '=', id).executeTakeFirst();
}
