/**
 * The content of one procedure version (phiên bản thủ tục hành chính): what a citizen portal shows
 * and what a dossier is bound to at receipt. Versions are immutable once published; a change is a
 * new version with its own publication decision and effective date.
 *
 * The shape extends what the national catalogue import produces (documents with a `group`,
 * channels with parsed fees), so an imported version and a hand-edited one are the same data.
 */
import type { LimitUnit } from '../calendar/deadline.js';
import type { Channel } from './parse.js';

export const ONLINE_LEVELS = ['full', 'partial', 'none'] as const;
/** Dịch vụ công trực tuyến toàn trình / một phần / chỉ cung cấp thông tin. */
export type OnlineLevel = (typeof ONLINE_LEVELS)[number];

export const VERSION_STATUSES = ['draft', 'published', 'retired'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

export interface TimeLimit {
  /** null when the source gives none: the version is flagged for review, never defaulted */
  value: number | null;
  unit: LimitUnit | null;
  /** the wording of the source, kept for review */
  raw: string | null;
}

export interface FeeItemDef {
  /** "Lệ phí đăng ký kết hôn", "Phí thẩm định" … (null in the raw import when the source has none) */
  label: string | null;
  /** the amount in VND when it is a fixed amount */
  amountVnd: number | null;
  free: boolean;
  /** the amount is set by the provincial People's Council (HĐND): the deployment overrides it */
  councilSet?: boolean;
  /** the fee can be paid online (thanh toán trực tuyến) */
  payableOnline?: boolean;
  /** the description as published */
  text: string;
}

export interface ChannelDef {
  channel: Channel;
  timeLimit: TimeLimit;
  fees: { items: FeeItemDef[]; note: string; ambiguous: boolean };
  rawText: string | null;
}

export interface DocumentDef {
  /** the case (trường hợp) the document belongs to; documents of one case are submitted together */
  group: string | null;
  /** a stable code within the version, used by dossiers and the e-form (e.g. "TK01") */
  code?: string;
  name: string;
  templateFile: string | null;
  originals: number | null;
  certifiedCopies: number | null;
  copies: number | null;
  quantityRaw?: string | null;
  required?: boolean;
  /** the receiving officer must digitise it (Decree 107/2021) */
  mustDigitise?: boolean;
  /** a national database whose data replaces the paper (e.g. "population" = CSDLQG về dân cư) */
  nationalData?: string | null;
  /** results of earlier procedures (national procedure codes or result codes) that satisfy it */
  satisfiedBy?: string[];
  /**
   * the version's e-form is this document in electronic form (the civil-status procedures'
   * "Mẫu hộ tịch điện tử tương tác" replaces the paper declaration): online, filling the e-form
   * hands it in, and nobody is asked to upload it
   */
  providedByEform?: boolean;
}

export interface ResultDef {
  /** national result code KQ.<ministry>.<6 digits> when known */
  code: string | null;
  name: string;
  /** a paper document is handed over (otherwise electronic only) */
  paper: boolean;
  electronic: boolean;
}

export interface EForm {
  /** JSON Schema (draft 2020-12) of the online form data; compiled with Ajv on save */
  schema: Record<string, unknown>;
  /** presentation hints: field order, widgets, help texts (Vietnamese) */
  uiSchema: Record<string, unknown>;
}

export interface LegalBasisItem {
  number: string | null;
  title: string | null;
}

/** Everything a version says, in the editable form used by the API and the exchange format. */
export interface ProcedureContent {
  name: string;
  fieldName: string | null;
  levels: string[];
  procedureType: string | null;
  applicantTypes: string[];
  competentAgency: string | null;
  implementingAgency: string | null;
  coordinatingAgency: string | null;
  channels: ChannelDef[];
  documents: DocumentDef[];
  eform: EForm | null;
  results: ResultDef[];
  onlineLevel: OnlineLevel;
  conditions: string | null;
  legalBasis: LegalBasisItem[];
  stepsText: string | null;
  /** quyết định công bố */
  decisionNo: string | null;
  decisionDate: string | null;
  effectiveFrom: string | null;
}

/** Local long code: national code + the implementing agency's electronic identifier (CODES.md §2). */
export function localProcedureCode(nationalCode: string, agencyIdentifier: string): string {
  return `${nationalCode}.${agencyIdentifier}`;
}

export const PROCEDURE_CODE = /^[0-9]\.[0-9]{6}$/;
export const RESULT_CODE = /^KQ\.[GH][0-9]{2}\.[0-9]{6}$/;

/**
 * The strictest legal time limit over the channels that state one, or null when none does.
 * Working budgets must fit the shortest limit a dossier could be received under.
 */
export function strictestLimit(
  channels: readonly ChannelDef[],
  standardDayMinutes: number,
): { value: number; unit: LimitUnit; hours: number; approximate: boolean } | null {
  let best: { value: number; unit: LimitUnit; hours: number; approximate: boolean } | null = null;
  for (const c of channels) {
    const { value, unit } = c.timeLimit;
    if (value === null || unit === null || !(value > 0)) continue;
    const h = limitInWorkingHours({ value, unit }, standardDayMinutes);
    if (!best || h.hours < best.hours) best = { value, unit, ...h };
  }
  return best;
}

/**
 * A legal limit as working hours of the deployment's standard day. Calendar days and months do
 * not map exactly onto working time (holidays, Tết); they are converted by the guaranteed lower
 * bound of five working days per seven (a month counts as 30 days) and marked approximate.
 */
export function limitInWorkingHours(
  limit: { value: number; unit: LimitUnit },
  standardDayMinutes: number,
): { hours: number; approximate: boolean } {
  const day = standardDayMinutes / 60;
  switch (limit.unit) {
    case 'working_hours':
      return { hours: limit.value, approximate: false };
    case 'working_days':
      return { hours: limit.value * day, approximate: false };
    case 'same_day':
      return { hours: day, approximate: false };
    case 'calendar_days':
      return { hours: Math.floor((limit.value * 5) / 7) * day, approximate: true };
    case 'months':
      return { hours: Math.floor((limit.value * 30 * 5) / 7) * day, approximate: true };
  }
}
