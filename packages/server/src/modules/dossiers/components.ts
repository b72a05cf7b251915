/**
 * The components of a dossier (thành phần hồ sơ) and the completeness check at reception
 * (Decree 61 Art. 16: accept only a complete dossier; otherwise guide once, listing everything).
 *
 * Which documents are required: a document of the procedure version with `required !== false`
 * whose case applies. Documents without a case, and those of the general groups ("Giấy tờ phải
 * nộp", "Giấy tờ phải xuất trình"), always apply; a group named "Trường hợp …" applies only when
 * the applicant or officer says so in `cases`.
 */
import type { DocumentDef, ProcedureContent } from '@motcua/core';
import type { Db } from '../../db/client.js';
import { DomainError } from '../../errors.js';

export interface ComponentInput {
  /** the document's code in the procedure version; absent for a paper the version does not list */
  code?: string;
  name?: string;
  provided: boolean;
  originals?: number;
  certifiedCopies?: number;
  copies?: number;
}

export interface ComponentRow {
  id: number;
  documentCode: string | null;
  name: string;
  required: boolean;
  provided: boolean;
  originals: number;
  certifiedCopies: number;
  copies: number;
  digitisedAt: string | null;
  digitisedBy: number | null;
}

const CASE_GROUP = /^trường hợp/i;

export function caseGroups(content: ProcedureContent): string[] {
  return [
    ...new Set(
      content.documents
        .map((d) => d.group)
        .filter((g): g is string => !!g && CASE_GROUP.test(g.normalize('NFC'))),
    ),
  ];
}

function applies(d: DocumentDef, cases: readonly string[]): boolean {
  if (!d.group || !CASE_GROUP.test(d.group.normalize('NFC'))) return true;
  return cases.includes(d.group);
}

const componentError = (code: string, en: string, vi: string, details: Record<string, unknown>) =>
  new DomainError(422, code, en, vi, details);

export interface PlannedComponent {
  document_code: string | null;
  name: string;
  required: boolean;
  provided: boolean;
  originals: number;
  certified_copies: number;
  copies: number;
}

/** Planned rows as the lifecycle's checks read them (before they have ids). */
export const plannedAsChecked = (rows: readonly PlannedComponent[]) =>
  rows.map((r) => ({
    documentCode: r.document_code,
    name: r.name,
    required: r.required,
    provided: r.provided,
  }));

/**
 * The rows to write for a new dossier: every document of the version, plus extra papers. With
 * `eformFilled` (the request's e-form data passed the version's schema), a document the version
 * flags providedByEform is handed in by that data: the declaration is the e-form itself.
 */
export function planComponents(
  content: ProcedureContent,
  inputs: readonly ComponentInput[],
  cases: readonly string[],
  eformFilled = false,
): PlannedComponent[] {
  const known = caseGroups(content);
  const unknownCases = cases.filter((c) => !known.includes(c));
  if (unknownCases.length)
    throw componentError(
      'CASE_UNKNOWN',
      'The procedure has no such case',
      'Thủ tục không có trường hợp này',
      {
        cases: unknownCases,
        known,
      },
    );
  const byCode = new Map<string, ComponentInput>();
  const extras: ComponentInput[] = [];
  for (const i of inputs) {
    if (i.code === undefined) {
      if (!i.name?.trim())
        throw componentError(
          'DOCUMENT_NAME_REQUIRED',
          'An extra paper needs a name',
          'Giấy tờ bổ sung cần có tên',
          {},
        );
      extras.push(i);
      continue;
    }
    if (!content.documents.some((d) => d.code === i.code))
      throw componentError(
        'DOCUMENT_UNKNOWN',
        `The procedure version lists no document ${i.code}`,
        `Thủ tục không có thành phần hồ sơ ${i.code}`,
        {
          code: i.code,
        },
      );
    if (byCode.has(i.code))
      throw componentError(
        'DOCUMENT_DUPLICATE',
        `Document ${i.code} is listed twice`,
        `Thành phần ${i.code} bị khai hai lần`,
        { code: i.code },
      );
    byCode.set(i.code, i);
  }
  const rows: PlannedComponent[] = content.documents.map((d, idx) => {
    const i = d.code ? byCode.get(d.code) : undefined;
    return {
      document_code: d.code ?? `#${idx + 1}`,
      name: d.name.slice(0, 500),
      required: d.required !== false && applies(d, cases),
      provided: (eformFilled && d.providedByEform === true) || (i?.provided ?? false),
      originals: i?.originals ?? 0,
      certified_copies: i?.certifiedCopies ?? 0,
      copies: i?.copies ?? 0,
    };
  });
  for (const e of extras)
    rows.push({
      document_code: null,
      name: (e.name ?? '').trim().slice(0, 500),
      required: false,
      provided: e.provided,
      originals: e.originals ?? 0,
      certified_copies: e.certifiedCopies ?? 0,
      copies: e.copies ?? 0,
    });
  return rows;
}

export async function listComponents(db: Db, dossierId: number): Promise<ComponentRow[]> {
  const rows = await db
    .selectFrom('dossier_components')
    .selectAll()
    .where('dossier_id', '=', dossierId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    documentCode: r.document_code,
    name: r.name,
    required: r.required,
    provided: r.provided,
    originals: r.originals,
    certifiedCopies: r.certified_copies,
    copies: r.copies,
    digitisedAt: r.digitised_at ? r.digitised_at.toISOString() : null,
    digitisedBy: r.digitised_by,
  }));
}

/** Marks components provided (a completed dossier, a supplement received). */
export async function markProvided(trx: Db, dossierId: number, codes: readonly string[]) {
  if (!codes.length) return;
  await trx
    .updateTable('dossier_components')
    .set({ provided: true })
    .where('dossier_id', '=', dossierId)
    .where('document_code', 'in', codes)
    .execute();
}

/** What a receiving officer must still obtain before accepting. */
export const missingComponents = <R extends Pick<ComponentRow, 'required' | 'provided'>>(
  rows: readonly R[],
) => rows.filter((r) => r.required && !r.provided);
