/**
 * The per-officer statistics (officers.ts) as files, drawn from the same JSON so the figures
 * cannot drift from the API's, in the periodic report's layout (table-export.ts): one column
 * group per kind of handling, then what the officer holds at the period's end and the rest.
 */
import { HANDLING_KINDS, type HandlingKind, ROLE_LABELS } from '@motcua/core';
import { deepNfc } from '../../documents/format.js';
import type { OfficerStatistics, OfficerTotals } from './officers.js';
import {
  type GroupedTable,
  renderTablePdf,
  renderTableXlsx,
  TABLE_HEADER_ROW,
  type TableGroup,
} from './table-export.js';

export const OFFICERS_TITLE = 'THỐNG KÊ KẾT QUẢ XỬ LÝ HỒ SƠ THỦ TỤC HÀNH CHÍNH THEO CÁN BỘ';
export const OFFICERS_SHEET = 'Theo cán bộ';
/** first of the two header rows; data starts two rows below */
export const OFFICERS_HEADER_ROW = TABLE_HEADER_ROW;

export const KIND_LABELS: Record<HandlingKind, string> = {
  received: 'Tiếp nhận',
  processed: 'Thụ lý, thẩm định',
  approved: 'Phê duyệt',
  signed: 'Ký',
  issued: 'Ban hành',
  returned: 'Trả kết quả',
};

export const OFFICERS_GROUPS: TableGroup<OfficerTotals>[] = [
  ...HANDLING_KINDS.map((k) => ({
    label: KIND_LABELS[k],
    columns: [
      { label: 'Tổng số', value: (r: OfficerTotals) => r.handled[k].total },
      { label: 'Đúng hạn', value: (r: OfficerTotals) => r.handled[k].onTime },
      { label: 'Quá hạn', value: (r: OfficerTotals) => r.handled[k].late },
    ],
  })),
  {
    label: 'Đang giữ cuối kỳ',
    columns: [
      { label: 'Tổng số', value: (r) => r.holding.total },
      { label: 'Trong hạn', value: (r) => r.holding.inTime },
      { label: 'Quá hạn', value: (r) => r.holding.overdue },
    ],
  },
  {
    label: 'Khác',
    columns: [
      { label: 'Yêu cầu bổ sung', value: (r) => r.supplementRequests },
      { label: 'Xin lỗi', value: (r) => r.apologies },
      {
        label: 'Tỷ lệ đúng hạn (%)',
        // no judged handling: no rate, never 0 %
        value: (r) => (r.onTimeRate.percent === null ? '' : r.onTimeRate.percent),
      },
    ],
  },
];

/** The statistics as the shared table layout: one line per officer, then the total. */
function table(input: OfficerStatistics): GroupedTable<OfficerTotals> {
  const s = deepNfc(input);
  return {
    title: OFFICERS_TITLE,
    sheet: OFFICERS_SHEET,
    issuer: s.agency.name,
    periodLabel: s.period.label,
    keywords: 'thống kê, cán bộ, thủ tục hành chính',
    lead: [
      { label: 'STT', xlsxWidth: 6, pdfWidth: 18 },
      { label: 'Cán bộ', xlsxWidth: 30, pdfWidth: 92, wrap: true },
      { label: 'Vai trò', xlsxWidth: 22, pdfWidth: 62, wrap: true },
    ],
    groups: OFFICERS_GROUPS,
    lines: [
      ...s.officers.map((o, i) => ({
        lead: [String(i + 1), o.staff.fullName, o.roles.map((r) => ROLE_LABELS[r].vi).join(', ')],
        row: o,
      })),
      { lead: ['', 'Tổng cộng', ''], row: s.total, total: true },
    ],
    xlsx: { cellWidth: 9, freezeColumns: 2 },
    pdf: { fontSize: 7, titleSize: 12, headerHeights: [22, 30], minRowHeight: 14, pad: 1.5 },
  };
}

export function officersFileName(s: OfficerStatistics, ext: 'xlsx' | 'pdf'): string {
  return `Thống kê theo cán bộ ${s.agency.name} ${s.period.label.replace(/\//g, '-')}.${ext}`.normalize(
    'NFC',
  );
}

export const renderOfficersXlsx = (s: OfficerStatistics, now: Date): Promise<Buffer> =>
  renderTableXlsx(table(s), now);

export const renderOfficersPdf = (s: OfficerStatistics, now: Date): Promise<Buffer> =>
  renderTablePdf(table(s), now);
