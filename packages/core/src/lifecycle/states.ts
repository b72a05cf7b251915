/**
 * Dossier states and their national codes (LIFECYCLE.md §1). Status codes are typed constants in
 * one place (PITFALLS.md A5), and the true code is always reported: 5, 6 and 8 are never
 * collapsed into 9 (A3).
 */

export const DOSSIER_STATES = [
  'draft', // NHAP: an online draft, not yet submitted
  'submitted', // CHO_TIEP_NHAN: waiting for acceptance (online, postal, or registered at a counter)
  'accepted', // DA_TIEP_NHAN: code issued, clock started
  'refused', // TU_CHOI_TIEP_NHAN: refused at intake (Mẫu 03)
  'processing', // CHUYEN_XU_LY, THAM_DINH, LAY_Y_KIEN_LIEN_THONG, TRINH_KY, XIN_LOI_GIA_HAN
  'supplement_requested', // YEU_CAU_BO_SUNG: the clock is stopped
  'awaiting_payment', // CHO_NGHIA_VU_TAI_CHINH
  'withdrawn', // RUT_HO_SO
  'stopped', // DUNG_XU_LY: stop notice, or refused after appraisal
  'result_ready', // CHO_TRA_KET_QUA: processing ended, waiting for hand-over
  'returned', // DA_TRA_KET_QUA
] as const;
export type DossierState = (typeof DOSSIER_STATES)[number];

/** TrangThaiHoSo of the National Public Service Portal; a draft has none. */
export const NATIONAL_STATUS: Readonly<Record<DossierState, number | null>> = {
  draft: null,
  submitted: 1,
  accepted: 2,
  refused: 3,
  processing: 4,
  supplement_requested: 5,
  awaiting_payment: 6,
  withdrawn: 7,
  stopped: 8,
  result_ready: 9,
  returned: 10,
};

export const NATIONAL_STATUS_NAMES: Readonly<Record<number, string>> = {
  1: 'Mới đăng ký',
  2: 'Được tiếp nhận',
  3: 'Không được tiếp nhận',
  4: 'Đang xử lý',
  5: 'Yêu cầu bổ sung giấy tờ',
  6: 'Yêu cầu thực hiện nghĩa vụ tài chính',
  7: 'Công dân yêu cầu rút hồ sơ',
  8: 'Dừng xử lý',
  9: 'Đã xử lý xong',
  10: 'Đã trả kết quả',
};

export const STATE_LABELS: Readonly<Record<DossierState, { vi: string; en: string }>> = {
  draft: { vi: 'Hồ sơ nháp', en: 'Draft' },
  submitted: { vi: 'Chờ tiếp nhận', en: 'Waiting for acceptance' },
  accepted: { vi: 'Đã tiếp nhận', en: 'Accepted' },
  refused: { vi: 'Từ chối tiếp nhận', en: 'Refused at intake' },
  processing: { vi: 'Đang xử lý', en: 'Processing' },
  supplement_requested: { vi: 'Chờ bổ sung hồ sơ', en: 'Waiting for a supplement' },
  awaiting_payment: { vi: 'Chờ thực hiện nghĩa vụ tài chính', en: 'Waiting for payment' },
  withdrawn: { vi: 'Đã rút hồ sơ', en: 'Withdrawn' },
  stopped: { vi: 'Dừng xử lý', en: 'Processing stopped' },
  result_ready: { vi: 'Chờ trả kết quả', en: 'Result ready' },
  returned: { vi: 'Đã trả kết quả', en: 'Result returned' },
};

/** States 3, 7, 8 and 10 are final: to reopen, a new dossier is linked to the old one. */
export const TERMINAL_STATES: ReadonlySet<DossierState> = new Set([
  'refused',
  'withdrawn',
  'stopped',
  'returned',
]);

/** KenhThucHien: how the dossier was submitted. Never defaulted silently (LIFECYCLE.md §3.3). */
export const CHANNEL_CODES = { direct: 1, online: 2, postal: 3 } as const;
/** HinhThuc: how the result is delivered; online results are pushed to the applicant's data store. */
export const DELIVERY_CODES = { counter: 0, postal: 1 } as const;
export type Delivery = 'counter' | 'postal' | 'online';
