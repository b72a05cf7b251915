/**
 * What every per-dossier form shares: choosing the form in the set of the receipt date, the PDF
 * metadata, the "Mẫu số" label and the national header, and the ways of addressing the applicant.
 */
import { type FormCode, formSetFor, formTemplate, type ResolvedForm } from './form-sets.js';
import { deepNfc, placeAndDate } from './format.js';
import { formLabel, type HeaderInput, nationalHeader, type OpenDocument, openDocument } from './layout.js';
import type { Applicant, DossierFormBase, RenderOptions } from './types.js';

export interface StartedForm<T> extends OpenDocument {
  form: ResolvedForm;
  /** the input, every string in NFC */
  data: T;
}

export function startDossierForm<T extends DossierFormBase>(
  code: FormCode,
  input: T,
  options: RenderOptions,
  header: Pick<HeaderInput, 'numberLine' | 'leftExtra'> = {},
): StartedForm<T> {
  // resolve first: an unknown form must fail before any byte is produced
  const form = formTemplate(formSetFor(input.receivedAt), code);
  const data = deepNfc(input);
  const opened = openDocument({
    title: `${form.label} - ${form.title} - ${data.dossierCode}`,
    author: data.agency.name,
    subject: `${form.title} (${form.legalBasis})`,
    keywords: `${form.code}, ${data.dossierCode}`,
    now: options.now,
  });
  formLabel(opened.doc, form.label);
  nationalHeader(opened.doc, {
    ...header,
    parentAgency: data.agency.parentName,
    agency: data.agency.name,
    dateLine: placeAndDate(data.agency.place, data.issuedAt, 'issuedAt'),
  });
  return { ...opened, form, data };
}

/** "ông/bà" for a person, "tổ chức" for an organisation, as the templates address the applicant. */
export function salutation(a: Applicant): string {
  return a.kind === 'organisation' ? 'tổ chức' : 'ông/bà';
}

export function capitalise(s: string): string {
  return s.charAt(0).toLocaleUpperCase('vi-VN') + s.slice(1);
}

/** "Ông/bà Nguyễn Thị Hường" / "Tổ chức Công ty TNHH Xây dựng An Phát" */
export function addressee(a: Applicant): string {
  return `${capitalise(salutation(a))} ${a.name}`;
}

/** "Giấy khai sinh (mã thủ tục 1.001193)" */
export function procedureText(data: DossierFormBase): string {
  const p = data.procedure;
  return p.code ? `${p.name} (mã thủ tục ${p.code})` : p.name;
}

/** Nội dung yêu cầu giải quyết: the request when given, otherwise the procedure. */
export function requestText(data: DossierFormBase): string {
  return data.requestContent ? data.requestContent : procedureText(data);
}

export const SIGN_AND_NAME = '(Ký và ghi rõ họ tên)';
export const SIGN_NAME_AND_SEAL = '(Ký, ghi rõ họ tên và đóng dấu)';
