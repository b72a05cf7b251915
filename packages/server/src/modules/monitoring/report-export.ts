/**
 * The periodic report (report.ts) as files: an Excel workbook with the two-level column groups of
 * INDICATORS-766.md §6 as merged headers, and an A4 landscape PDF in Tinos under the national
 * header (the layout is table-export.ts). Both are drawn from the same JSON report, so the figures
 * cannot drift from the API's.
 */

import type { ReportRow } from '@motcua/core';
import { deepNfc } from '../../documents/format.js';
import type { ProcessingReport } from './report.js';
import {
  type GroupedTable,
  renderTablePdf,
  renderTableXlsx,
  TABLE_HEADER_ROW,
  type TableGroup,
} from './table-export.js';

export const REPORT_TITLE = 'BÁO CÁO TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH';
export const REPORT_SHEET = 'Báo cáo';

/** The §6 column groups: a group label over its columns, each column a getter on a row. */
export const REPORT_GROUPS: TableGroup<ReportRow>[] = [
  {
    label: 'Số hồ sơ nhận giải quyết',
    columns: [
      { label: 'Tổng số', value: (r) => r.received.total },
      { label: 'Kỳ trước chuyển qua', value: (r) => r.received.carriedOver },
      { label: 'Mới tiếp nhận trực tuyến', value: (r) => r.received.newOnline },
      { label: 'Mới tiếp nhận trực tiếp và BCCI', value: (r) => r.received.newDirectOrPostal },
    ],
  },
  {
    label: 'Số hồ sơ đã giải quyết',
    columns: [
      { label: 'Tổng số', value: (r) => r.resolved.total },
      { label: 'Trước hạn', value: (r) => r.resolved.early },
      { label: 'Đúng hạn', value: (r) => r.resolved.onTime },
      { label: 'Quá hạn', value: (r) => r.resolved.late },
    ],
  },
  {
    label: 'Số hồ sơ đang giải quyết',
    columns: [
      { label: 'Tổng số', value: (r) => r.pending.total },
      { label: 'Trong hạn', value: (r) => r.pending.inTime },
      { label: 'Quá hạn', value: (r) => r.pending.overdue },
    ],
  },
  {
    label: 'Tạm dừng xử lý',
    columns: [
      { label: 'Yêu cầu bổ sung', value: (r) => r.suspended.supplement },
      { label: 'Yêu cầu thực hiện NVTC', value: (r) => r.suspended.payment },
      { label: 'Dừng xử lý', value: (r) => r.suspended.stopped },
    ],
  },
  {
    label: 'Khác',
    columns: [
      { label: 'Trả lại / rút hồ sơ', value: (r) => r.withdrawn },
      { label: 'Số hồ sơ xin lỗi', value: (r) => r.apologies },
      {
        label: 'Tỷ lệ đúng hạn (%)',
        value: (r) => (r.onTimeRate.percent === null ? '' : r.onTimeRate.percent),
      },
    ],
  },
];

/** first of the two header rows; data starts two rows below */
export const REPORT_HEADER_ROW = TABLE_HEADER_ROW;

const keyLabel = (r: ProcessingReport) => (r.groupBy === 'procedure' ? 'Thủ tục hành chính' : 'Lĩnh vực');

/** The report as the shared table layout: one line per group, then the total. */
function table(input: ProcessingReport): GroupedTable<ReportRow> {
  const r = deepNfc(input);
  return {
    title: REPORT_TITLE,
    sheet: REPORT_SHEET,
    issuer: r.agency.name,
    periodLabel: r.period.label,
    keywords: 'báo cáo, thủ tục hành chính',
    lead: [
      { label: 'STT', xlsxWidth: 6, pdfWidth: 24 },
      { label: 'Mã', xlsxWidth: 12, pdfWidth: 50 },
      { label: keyLabel(r), xlsxWidth: 40, pdfWidth: 150, wrap: true },
    ],
    groups: REPORT_GROUPS,
    lines: [
      ...r.groups.map((g, i) => ({ lead: [String(i + 1), g.code ?? '', g.name], row: g.row })),
      { lead: ['', '', 'Tổng cộng'], row: r.total, total: true },
    ],
    xlsx: { cellWidth: 11, freezeColumns: 3 },
    pdf: { fontSize: 8, titleSize: 13, headerHeights: [24, 36], minRowHeight: 16, pad: 2 },
  };
}

/** The file name offered for download (UTF-8; routes add the ASCII fallback). */
export function reportFileName(r: ProcessingReport, ext: 'xlsx' | 'pdf'): string {
  return `Báo cáo TTHC ${r.agency.name} ${r.period.label.replace(/\//g, '-')}.${ext}`.normalize('NFC');
}

export const renderReportXlsx = (r: ProcessingReport, now: Date): Promise<Buffer> =>
  renderTableXlsx(table(r), now);

export const renderReportPdf = (r: ProcessingReport, now: Date): Promise<Buffer> =>
  renderTablePdf(table(r), now);
