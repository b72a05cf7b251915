/**
 * The periodic report (report.ts) as files: an Excel workbook with the two-level column groups of
 * INDICATORS-766.md §6 as merged headers, and an A4 landscape PDF in Tinos under the national
 * header. Both are drawn from the same JSON report, so the figures cannot drift from the API's.
 */

import type { ReportRow } from '@motcua/core';
import ExcelJS from 'exceljs';
import { FONT } from '../../documents/fonts.js';
import { deepNfc } from '../../documents/format.js';
import { NATIONAL_MOTTO, NATIONAL_TITLE, openDocument } from '../../documents/layout.js';
import type { ProcessingReport } from './report.js';

export const REPORT_TITLE = 'BÁO CÁO TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH';
export const REPORT_SHEET = 'Báo cáo';

/** The §6 column groups: a group label over its columns, each column a getter on a row. */
export const REPORT_GROUPS: {
  label: string;
  columns: { label: string; value: (r: ReportRow) => number | string }[];
}[] = [
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

const COLUMNS = REPORT_GROUPS.flatMap((g) => g.columns);
const FIRST_COLUMNS = ['STT', 'Mã', 'Tên'] as const;
/** first of the two header rows; data starts two rows below */
export const REPORT_HEADER_ROW = 6;

const keyLabel = (r: ProcessingReport) => (r.groupBy === 'procedure' ? 'Thủ tục hành chính' : 'Lĩnh vực');

/** The data lines: one per group, then the total. */
function lines(r: ProcessingReport): { no: string; code: string; name: string; row: ReportRow }[] {
  return [
    ...r.groups.map((g, i) => ({ no: String(i + 1), code: g.code ?? '', name: g.name, row: g.row })),
    { no: '', code: '', name: 'Tổng cộng', row: r.total },
  ];
}

/** The file name offered for download (UTF-8; routes add the ASCII fallback). */
export function reportFileName(r: ProcessingReport, ext: 'xlsx' | 'pdf'): string {
  return `Báo cáo TTHC ${r.agency.name} ${r.period.label.replace(/\//g, '-')}.${ext}`.normalize('NFC');
}

const thin = { style: 'thin' as const };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };

export async function renderReportXlsx(input: ProcessingReport, now: Date): Promise<Buffer> {
  const r = deepNfc(input);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'MotCua';
  wb.title = REPORT_TITLE;
  wb.company = r.agency.name;
  wb.created = now;
  wb.modified = now;
  const ws = wb.addWorksheet(REPORT_SHEET, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    views: [{ state: 'frozen', ySplit: REPORT_HEADER_ROW + 1, xSplit: 3 }],
  });
  const last = FIRST_COLUMNS.length + COLUMNS.length;
  ws.getColumn(1).width = 6;
  ws.getColumn(2).width = 12;
  ws.getColumn(3).width = 40;
  for (let c = 4; c <= last; c++) ws.getColumn(c).width = 11;
  const font = { name: 'Times New Roman', size: 11 };
  const put = (row: number, from: number, to: number, value: string, bold = false) => {
    if (to > from) ws.mergeCells(row, from, row, to);
    const cell = ws.getCell(row, from);
    cell.value = value;
    cell.font = { ...font, bold };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  };
  put(1, 1, 3, r.agency.name, true);
  put(1, 4, last, NATIONAL_TITLE, true);
  put(2, 4, last, NATIONAL_MOTTO, true);
  put(3, 1, last, REPORT_TITLE, true);
  put(4, 1, last, `Kỳ báo cáo: ${r.period.label}`);

  const h = REPORT_HEADER_ROW;
  const header = (row: number, col: number, value: string) => {
    const cell = ws.getCell(row, col);
    cell.value = value;
    cell.font = { ...font, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = BORDER;
  };
  ['STT', 'Mã', keyLabel(r)].forEach((label, i) => {
    ws.mergeCells(h, i + 1, h + 1, i + 1);
    header(h, i + 1, label);
  });
  let col = FIRST_COLUMNS.length + 1;
  for (const g of REPORT_GROUPS) {
    ws.mergeCells(h, col, h, col + g.columns.length - 1);
    header(h, col, g.label);
    for (const c of g.columns) header(h + 1, col++, c.label);
  }
  ws.getRow(h + 1).height = 45;
  let row = h + 2;
  for (const l of lines(r)) {
    const values = [l.no, l.code, l.name, ...COLUMNS.map((c) => c.value(l.row))];
    values.forEach((v, i) => {
      const cell = ws.getCell(row, i + 1);
      cell.value = v === '' && i >= FIRST_COLUMNS.length ? null : v;
      cell.font = { ...font, bold: l.name === 'Tổng cộng' && l.no === '' };
      cell.border = BORDER;
      if (i === 2) cell.alignment = { wrapText: true };
    });
    row++;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function renderReportPdf(input: ProcessingReport, now: Date): Promise<Buffer> {
  const r = deepNfc(input);
  const { doc, finish } = openDocument({
    title: REPORT_TITLE,
    author: r.agency.name,
    subject: r.period.label,
    keywords: 'báo cáo, thủ tục hành chính',
    now,
    landscape: true,
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const top = doc.y;
  doc.font(FONT.bold).fontSize(11);
  doc.text(r.agency.name.toUpperCase(), left, top, { width: width * 0.4, align: 'center' });
  doc.text(NATIONAL_TITLE, left + width * 0.4, top, { width: width * 0.6, align: 'center' });
  doc.text(NATIONAL_MOTTO, left + width * 0.4, doc.y, { width: width * 0.6, align: 'center' });
  doc.moveDown(1.2);
  doc.fontSize(13).text(REPORT_TITLE, left, doc.y, { width, align: 'center' });
  doc
    .font(FONT.italic)
    .fontSize(11)
    .text(`Kỳ báo cáo: ${r.period.label}`, left, doc.y, { width, align: 'center' });
  doc.moveDown(0.8);

  const nameW = 150;
  const noW = 24;
  const codeW = 50;
  const cellW = (width - noW - codeW - nameW) / COLUMNS.length;
  const xs: number[] = [left, left + noW, left + noW + codeW, left + noW + codeW + nameW];
  for (let i = 1; i < COLUMNS.length; i++) xs.push(xs[3]! + i * cellW);
  const widths = [noW, codeW, nameW, ...COLUMNS.map(() => cellW)];
  const size = 8;
  const box = (
    x: number,
    y: number,
    w: number,
    hgt: number,
    text: string,
    font: string,
    align: 'center' | 'left' | 'right',
  ) => {
    doc.rect(x, y, w, hgt).stroke();
    doc
      .font(font)
      .fontSize(size)
      .text(text, x + 2, y + 3, { width: w - 4, align });
  };
  const drawHeader = () => {
    const y = doc.y;
    const h1 = 24;
    const h2 = 36;
    ['STT', 'Mã', keyLabel(r)].forEach((label, i) => {
      box(xs[i]!, y, widths[i]!, h1 + h2, label, FONT.bold, 'center');
    });
    let c = 3;
    for (const g of REPORT_GROUPS) {
      box(xs[c]!, y, cellW * g.columns.length, h1, g.label, FONT.bold, 'center');
      for (const col of g.columns) {
        box(xs[c]!, y + h1, cellW, h2, col.label, FONT.bold, 'center');
        c++;
      }
    }
    doc.y = y + h1 + h2;
  };
  drawHeader();
  const bottom = doc.page.height - doc.page.margins.bottom - 20;
  for (const l of lines(r)) {
    doc.font(FONT.regular).fontSize(size);
    const hgt = Math.max(16, doc.heightOfString(l.name, { width: nameW - 4 }) + 6);
    if (doc.y + hgt > bottom) {
      doc.addPage();
      drawHeader();
    }
    const y = doc.y;
    const font = l.no === '' ? FONT.bold : FONT.regular;
    const values = [l.no, l.code, l.name, ...COLUMNS.map((c) => String(c.value(l.row)))];
    values.forEach((v, i) => {
      box(xs[i]!, y, widths[i]!, hgt, v, font, i === 2 ? 'left' : 'center');
    });
    doc.y = y + hgt;
  }
  return finish();
}
