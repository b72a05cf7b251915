/**
 * Plain-data inputs of the form renderers. Nothing here knows about the database: the dossier
 * service fills these from a dossier and its event log. Every string may arrive in any Unicode
 * normal form; the renderers normalise to NFC before drawing.
 *
 * Instants are ISO-8601 strings with an offset ("2026-02-13T10:30:00+07:00" or "…Z"); the forms
 * print them in Vietnam time.
 */
import type { FinishedTimeliness } from '@motcua/core';

export type IsoInstant = string;

/** The issuing body as printed in the top-left block of every form. */
export interface AgencyInfo {
  /** Cơ quan chủ quản, printed above the agency, e.g. "UBND thành phố Hà Nội"; omitted when absent. */
  parentName?: string;
  /** The agency or one-stop unit issuing the form, e.g. "UBND phường Ba Đình"; printed in capitals. */
  name: string;
  /** Place of the date line, e.g. "Hà Nội" → "Hà Nội, ngày 22 tháng 11 năm 2026". */
  place: string;
}

export interface Applicant {
  /** Full name of the person, or name of the organisation. */
  name: string;
  /** Chooses "Ông/bà" or "Tổ chức" in the body; default individual. */
  kind?: 'individual' | 'organisation';
  address?: string;
  phone?: string;
  email?: string;
  /** 12-digit personal identification number, or the organisation's identifier / tax code. */
  identityNumber?: string;
}

export interface ProcedureInfo {
  /** Code in the National TTHC Database, e.g. "1.001193". */
  code?: string;
  name: string;
}

/** A person signing at the counter: the officer, or the submitter when not the applicant. */
export interface Person {
  name: string;
  title?: string;
}

/**
 * The signer of a letter-type form (apology, stop notice). `onBehalfOf` is the authority line
 * printed above the title when the signer signs for the head, e.g. "KT. CHỦ TỊCH" over "PHÓ CHỦ TỊCH".
 */
export interface Signatory {
  name: string;
  title: string;
  onBehalfOf?: string;
}

/** One component of the dossier as received: how many originals, certified copies and plain copies. */
export interface DocumentItem {
  name: string;
  originals?: number;
  certifiedCopies?: number;
  copies?: number;
}

/** Fields every per-dossier form carries. */
export interface DossierFormBase {
  agency: AgencyInfo;
  /** Mã hồ sơ (CODES.md). */
  dossierCode: string;
  /** When the dossier was received: chooses the 2018 or the 2025 form set. */
  receivedAt: IsoInstant;
  /** Date of the form, printed in the place-and-date line. */
  issuedAt: IsoInstant;
  /** "Số: 15/TB-UBND" for the letter-type forms; printed as a blank to fill in when absent. */
  documentNumber?: string;
  applicant: Applicant;
  procedure: ProcedureInfo;
  /** Nội dung yêu cầu giải quyết, when it says more than the procedure name. */
  requestContent?: string;
}

/** Mẫu 01 (both sets): receipt and appointment. */
export interface ReceiptData extends DossierFormBase {
  /** The unit receiving at the counter, e.g. "Bộ phận Một cửa UBND phường Ba Đình"; default agency.name. */
  receptionUnit?: string;
  documents: DocumentItem[];
  numberOfSets: number;
  /** As published for the procedure, e.g. "05 ngày làm việc". */
  legalTimeLimit: string;
  appointmentAt: IsoInstant;
  /** Where or how the result is returned, e.g. "Bộ phận Một cửa UBND phường Ba Đình". */
  resultDelivery?: string;
  /** Entry in the register (Mẫu 06 / 2025 Mẫu 07): volume and number. */
  register: { book: string; number: string };
  /** The person who handed the dossier in, when not the applicant (a representative). */
  submitter?: Person;
  officer: Person;
  /** Public tracking page; printed as a QR code and as text. */
  trackingUrl: string;
}

export interface SupplementItem {
  /** What to add or correct. */
  content: string;
  reason: string;
}

/** Mẫu 02 (both sets): request to supplement or complete the dossier. */
export interface SupplementRequestData extends DossierFormBase {
  items: SupplementItem[];
  /** The officer who guides the applicant and signs. */
  officer: Person;
  /** Phone number the applicant calls with questions. */
  contactPhone?: string;
}

/** Mẫu 03 (both sets): refusal to receive and process. */
export interface RefusalData extends DossierFormBase {
  receptionUnit?: string;
  reasons: string[];
  officer: Person;
}

/** 2018 Mẫu 04 (apology and new date) / 2025 Mẫu 04 (apology and extension request). */
export interface ApologyExtensionData extends DossierFormBase {
  /** The agency that caused the delay and apologises; default agency.name. */
  faultingAgency?: string;
  /** Appointment printed on the receipt. */
  originalAppointmentAt: IsoInstant;
  delayReason: string;
  /** New appointment (2018) or the end of the requested extension (2025). */
  newAppointmentAt: IsoInstant;
  signer: Signatory;
  /** "Nơi nhận"; default: the applicant and the archive. */
  recipients?: string[];
}

/** 2025 Mẫu 05 only: notice that processing stops. Minimum fields per LIFECYCLE.md §5.2 [L]. */
export interface StopNoticeData extends DossierFormBase {
  reason: string;
  /** Article, clause and document relied on, e.g. "Khoản 2 Điều 18 Nghị định số 118/2025/NĐ-CP". */
  legalGround: string;
  signer: Signatory;
  recipients?: string[];
}

/** One hand-over of the dossier, taken from the process log. */
export interface ControlSheetRow {
  fromAgency: string;
  toAgency: string;
  handedOverAt: IsoInstant;
  giverName?: string;
  receiverName?: string;
  /** Result of the segment; absent while the segment is open. */
  result?: FinishedTimeliness;
  note?: string;
}

/** 2018 Mẫu 05 / 2025 Mẫu 06: process control sheet, generated from the log. */
export interface ControlSheetData extends DossierFormBase {
  appointmentAt: IsoInstant;
  /** Cơ quan (bộ phận) giải quyết hồ sơ. */
  leadAgency: string;
  /** Cơ quan phối hợp giải quyết hồ sơ (liên thông). */
  coordinatingAgencies?: string[];
  rows: ControlSheetRow[];
}

/** One line of the register. */
export interface RegisterRow {
  /** STT */
  no: number;
  dossierCode: string;
  procedureName: string;
  numberOfDossiers: number;
  applicantName: string;
  applicantAddress?: string;
  applicantPhone?: string;
  /** Cơ quan chủ trì giải quyết. */
  leadAgency: string;
  receivedAt: IsoInstant;
  appointmentAt: IsoInstant;
  /** Chuyển hồ sơ đến cơ quan giải quyết. */
  forwardedAt?: IsoInstant;
  /** Nhận kết quả giải quyết from the competent agency. */
  resultReceivedAt?: IsoInstant;
  /** Trả kết quả cho tổ chức, cá nhân. */
  returnedAt?: IsoInstant;
  note?: string;
}

/**
 * 2018 Mẫu 06 / 2025 Mẫu 07: the dossier register over a period. The form set follows
 * `periodFrom` (a register book is opened under one set; both sets share the columns).
 */
export interface RegisterData {
  agency: AgencyInfo;
  issuedAt: IsoInstant;
  periodFrom: IsoInstant;
  periodTo: IsoInstant;
  /** Quyển số */
  book?: string;
  rows: RegisterRow[];
}

export interface RenderOptions {
  /** Creation date written into the PDF or workbook metadata; injected so output is reproducible. */
  now: Date;
}
