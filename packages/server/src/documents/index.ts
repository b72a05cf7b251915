/**
 * Printable one-stop forms (LIFECYCLE.md §5): pure rendering from plain data to PDF bytes (and the
 * register to Excel). No database, no HTTP, no clock: the caller passes `now`.
 */
import type { FormCode } from './form-sets.js';
import { renderReceipt, renderRefusal, renderSupplementRequest } from './forms.js';
import { renderApologyExtension, renderStopNotice } from './letters.js';
import { renderControlSheet, renderRegister } from './sheets.js';
import type {
  ApologyExtensionData,
  ControlSheetData,
  ReceiptData,
  RefusalData,
  RegisterData,
  RenderOptions,
  StopNoticeData,
  SupplementRequestData,
} from './types.js';

export { DocumentInputError, FormNotInSetError } from './errors.js';
export { FONT, fontPath } from './fonts.js';
export {
  FORM_CODES,
  FORM_SETS,
  type FormCode,
  type FormDefinition,
  type FormSetDefinition,
  type FormSetId,
  formSetFor,
  formTemplate,
  type ResolvedForm,
} from './form-sets.js';
export {
  deepNfc,
  formatDate,
  formatDateTime,
  formatLongDate,
  formatTimeOfDay,
  placeAndDate,
  VIETNAM_UTC_OFFSET_MINUTES,
} from './format.js';
export { renderReceipt, renderRefusal, renderSupplementRequest } from './forms.js';
export { A4, NATIONAL_MOTTO, NATIONAL_TITLE } from './layout.js';
export { renderApologyExtension, renderStopNotice } from './letters.js';
export { type QrMatrix, qrMatrix, qrPng } from './qr.js';
export { REGISTER_COLUMNS } from './register-columns.js';
export {
  REGISTER_DATE_FORMAT,
  REGISTER_FIRST_DATA_ROW,
  REGISTER_HEADER_ROW,
  REGISTER_SHEET_NAME,
  renderRegisterXlsx,
} from './register-xlsx.js';
export { renderControlSheet, renderRegister, TIMELINESS_LABELS } from './sheets.js';
export type * from './types.js';

/** The input of each form, by semantic code. */
export interface FormDataByCode {
  RECEIPT: ReceiptData;
  SUPPLEMENT_REQUEST: SupplementRequestData;
  REFUSAL: RefusalData;
  APOLOGY_EXTENSION: ApologyExtensionData;
  STOP_NOTICE: StopNoticeData;
  CONTROL_SHEET: ControlSheetData;
  REGISTER: RegisterData;
}

const RENDERERS: { [C in FormCode]: (data: FormDataByCode[C], options: RenderOptions) => Promise<Buffer> } = {
  RECEIPT: renderReceipt,
  SUPPLEMENT_REQUEST: renderSupplementRequest,
  REFUSAL: renderRefusal,
  APOLOGY_EXTENSION: renderApologyExtension,
  STOP_NOTICE: renderStopNotice,
  CONTROL_SHEET: renderControlSheet,
  REGISTER: renderRegister,
};

/** Render a form by its semantic code (what the dossier log stores). */
export function renderForm<C extends FormCode>(
  code: C,
  data: FormDataByCode[C],
  options: RenderOptions,
): Promise<Buffer> {
  const render = RENDERERS[code] as (data: FormDataByCode[C], options: RenderOptions) => Promise<Buffer>;
  return render(data, options);
}
