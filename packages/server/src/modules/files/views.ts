/** The files module's rows as the API shows them. */
import type * as repo from './repository.js';
import type { CitizenDocumentView, ComponentView, DossierFileView } from './schemas.js';

export function fileView(r: repo.FileRow): DossierFileView {
  return {
    id: r.id,
    dossierId: r.dossier_id,
    componentId: r.component_id,
    purpose: r.purpose,
    sha256: r.sha256,
    size: r.size,
    kind: r.kind,
    mimeType: r.mime_type,
    filename: r.filename,
    reused: r.reused_from !== null,
    reusedFrom: r.reused_from,
    uploadedBy: r.uploaded_by,
    createdAt: r.created_at.toISOString(),
  };
}

export function componentView(r: repo.ComponentRow): ComponentView {
  return {
    id: r.id,
    dossierId: r.dossier_id,
    documentCode: r.document_code,
    name: r.name,
    provided: r.provided,
    digitisedAt: r.digitised_at ? r.digitised_at.toISOString() : null,
    digitisedBy: r.digitised_by,
  };
}

export const validOn = (d: { valid_from: string; valid_until: string | null }, day: string) =>
  d.valid_from <= day && (d.valid_until === null || d.valid_until >= day);

export function documentView(d: repo.CitizenDocumentDetail, day: string): CitizenDocumentView {
  return {
    id: d.id,
    kind: d.kind,
    name: d.name,
    documentCode: d.document_code,
    resultCode: d.result_code,
    sha256: d.sha256,
    size: d.size,
    fileKind: d.file_kind,
    mimeType: d.mime_type,
    filename: d.filename,
    issuer: {
      agencyId: d.issuer_agency_id,
      agencyIdentifier: d.issuer_identifier,
      name: d.issuer_agency_name ?? d.issuer_name,
    },
    sourceDossier:
      d.source_dossier_id === null ? null : { id: d.source_dossier_id, code: d.source_dossier_code },
    validFrom: d.valid_from,
    validUntil: d.valid_until,
    valid: validOn(d, day),
    createdAt: d.created_at.toISOString(),
  };
}
