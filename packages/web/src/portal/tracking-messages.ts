import type { Messages } from '../app/messages.js';

/** Texts of the public tracking page (portal.tracking.*). Vietnamese is the source; English has the same keys. */
export const vi = {
  title: 'Tra cứu tình trạng hồ sơ',
  codeLabel: 'Mã hồ sơ',
  codeHint:
    'Ghi trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả, ví dụ 000.04.99.H26-261207-0001. Quét mã QR trên giấy cũng mở trang này.',
  codeInvalid:
    'Mã hồ sơ chưa đúng dạng: mã cơ quan, ngày (YYMMDD) và số thứ tự, cách nhau bằng dấu gạch ngang.',
  submit: 'Tra cứu',
  notFoundTitle: 'Không tìm thấy hồ sơ',
  notFound: 'Không có hồ sơ nào mang mã {{code}}. Vui lòng kiểm tra lại mã trên giấy tiếp nhận.',
  dossier: 'Hồ sơ',
  procedure: 'Thủ tục',
  status: 'Trạng thái',
  clockStopped: 'đang tạm dừng tính thời gian',
  currentUnit: 'Đơn vị đang xử lý',
  receivedBy: 'Nơi tiếp nhận',
  receivedAt: 'Ngày tiếp nhận',
  appointment: 'Ngày hẹn trả kết quả',
  finishedAt: 'Ngày giải quyết xong',
};

export const en: Messages<typeof vi> = {
  title: 'Track a dossier',
  codeLabel: 'Dossier code',
  codeHint:
    'Printed on the receipt, e.g. 000.04.99.H26-261207-0001. The QR code on the receipt opens this page too.',
  codeInvalid:
    'The code is not in the right form: agency code, date (YYMMDD) and number, separated by hyphens.',
  submit: 'Track',
  notFoundTitle: 'Dossier not found',
  notFound: 'No dossier has the code {{code}}. Please check the code on the receipt.',
  dossier: 'Dossier',
  procedure: 'Procedure',
  status: 'Status',
  clockStopped: 'the clock is stopped',
  currentUnit: 'Handled by',
  receivedBy: 'Received at',
  receivedAt: 'Received on',
  appointment: 'Result due on',
  finishedAt: 'Resolved on',
};
