/**
 * The two sets of one-stop forms and which one a dossier uses (LIFECYCLE.md §5). A dossier is
 * judged by the rules in force on its receipt date, so the set follows `receivedAt`, never the
 * printing date: a dossier received on 30/6/2025 keeps the 2018 forms even when its apology is
 * printed in August 2025.
 *
 * Semantic codes are stored; form numbers changed in 2025 (the control sheet went from Mẫu 05 to
 * Mẫu 06 when the stop notice took number 5).
 */
import { FormNotInSetError } from './errors.js';
import { vietnamDate } from './format.js';
import type { IsoInstant } from './types.js';

export const FORM_CODES = [
  'RECEIPT',
  'SUPPLEMENT_REQUEST',
  'REFUSAL',
  'APOLOGY_EXTENSION',
  'STOP_NOTICE',
  'CONTROL_SHEET',
  'REGISTER',
] as const;
export type FormCode = (typeof FORM_CODES)[number];

export type FormSetId = '2018' | '2025';

export interface FormDefinition {
  /** two digits, as printed after "Mẫu số" */
  number: string;
  /** the name in the circular, sentence case; the printed heading is its upper case */
  title: string;
}

export interface FormSetDefinition {
  id: FormSetId;
  legalBasis: string;
  /** first local receipt date (YYYY-MM-DD) the set applies to; null: no lower bound */
  validFrom: string | null;
  /** last local receipt date the set applies to; null: still in force */
  validTo: string | null;
  forms: Readonly<Partial<Record<FormCode, FormDefinition>>>;
}

/**
 * 2018: Circular 01/2018/TT-VPCP, Phụ lục, Mẫu 01–06 (set and names [H]).
 * 2025: Circular 03/2025/TT-VPCP, Phụ lục I, 7 forms (names [M] S5). The circular is dated
 * 15/9/2025 but Decree 118/2025 applies from 1/7/2025; the switch date follows the decree, as the
 * brief asks. Field layouts of the 2025 forms are [GAP]: the 2018 fields are reused.
 */
export const FORM_SETS: readonly FormSetDefinition[] = [
  {
    id: '2018',
    legalBasis: 'Thông tư số 01/2018/TT-VPCP',
    validFrom: null,
    validTo: '2025-06-30',
    forms: {
      RECEIPT: { number: '01', title: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả' },
      SUPPLEMENT_REQUEST: { number: '02', title: 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ' },
      REFUSAL: { number: '03', title: 'Phiếu từ chối tiếp nhận giải quyết hồ sơ' },
      APOLOGY_EXTENSION: { number: '04', title: 'Phiếu xin lỗi và hẹn lại ngày trả kết quả' },
      CONTROL_SHEET: { number: '05', title: 'Phiếu kiểm soát quá trình giải quyết hồ sơ' },
      REGISTER: { number: '06', title: 'Sổ theo dõi hồ sơ' },
    },
  },
  {
    id: '2025',
    legalBasis: 'Thông tư số 03/2025/TT-VPCP',
    validFrom: '2025-07-01',
    validTo: null,
    forms: {
      RECEIPT: { number: '01', title: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả' },
      SUPPLEMENT_REQUEST: { number: '02', title: 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ' },
      REFUSAL: { number: '03', title: 'Phiếu từ chối tiếp nhận giải quyết hồ sơ' },
      APOLOGY_EXTENSION: {
        number: '04',
        title: 'Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết',
      },
      STOP_NOTICE: { number: '05', title: 'Thông báo dừng giải quyết hồ sơ' },
      CONTROL_SHEET: { number: '06', title: 'Phiếu kiểm soát quá trình giải quyết hồ sơ' },
      REGISTER: { number: '07', title: 'Sổ theo dõi hồ sơ' },
    },
  },
];

/** The set in force on the local (Vietnam) date of `receivedAt`. */
export function formSetFor(receivedAt: IsoInstant): FormSetId {
  const date = vietnamDate(receivedAt, 'receivedAt');
  const set = FORM_SETS.find(
    (s) => (s.validFrom === null || s.validFrom <= date) && (s.validTo === null || date <= s.validTo),
  );
  // the table covers every date; reaching this means FORM_SETS was edited with a hole in it
  if (!set) throw new Error(`No form set covers ${date}`);
  return set.id;
}

export function formSet(id: FormSetId): FormSetDefinition {
  const set = FORM_SETS.find((s) => s.id === id);
  if (!set) throw new Error(`Unknown form set ${id}`);
  return set;
}

export interface ResolvedForm extends FormDefinition {
  code: FormCode;
  set: FormSetId;
  legalBasis: string;
  /** "Mẫu số 01" */
  label: string;
  /** the printed heading, "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" */
  heading: string;
}

/** The number and title of a form in a set; throws FormNotInSetError when the set lacks it. */
export function formTemplate(set: FormSetId, code: FormCode): ResolvedForm {
  const def = formSet(set);
  const form = def.forms[code];
  if (!form) throw new FormNotInSetError(code, set);
  return {
    ...form,
    code,
    set,
    legalBasis: def.legalBasis,
    label: `Mẫu số ${form.number}`,
    heading: form.title.toLocaleUpperCase('vi-VN'),
  };
}
