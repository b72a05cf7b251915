/**
 * The dossier register as an Excel workbook: one sheet "Sổ theo dõi hồ sơ" with the Mẫu 06
 * (2025: Mẫu 07) columns under the same header block as the PDF, dates as real date cells in
 * Vietnam time so the book can be sorted and filtered, and print settings for A4 landscape.
 */
import ExcelJS from 'exceljs';
import { formSetFor, formTemplate } from './form-sets.js';
import { deepNfc, formatDate, placeAndDate, vietnamWallClock } from './format.js';
import { NATIONAL_MOTTO, NATIONAL_TITLE } from './layout.js';
import { REGISTER_COLUMNS, REGISTER_DATE_GROUP, REGISTER_DATE_SPAN } from './register-columns.js';
import type { RegisterData, RenderOptions } from './types.js';

export const REGISTER_SHEET_NAME = 'Sổ theo dõi hồ sơ';
export const REGISTER_DATE_FORMAT = 'dd/mm/yyyy hh:mm';
/** first of the two header rows; data starts two rows below */
export const REGISTER_HEADER_ROW = 7;
export const REGISTER_FIRST_DATA_ROW = REGISTER_HEADER_ROW + 2;

const FONT_NAME = 'Times New Roman';
const thin = { style: 'thin' as const };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };

export async function renderRegisterXlsx(input: RegisterData, options: RenderOptions): Promise<Buffer> {
  const form = formTemplate(formSetFor(input.periodFrom), 'REGISTER');
  const data = deepNfc(input);
  const n = REGISTER_COLUMNS.length;
  const last = n; // column index of the last column (1-based)
  const half = REGISTER_DATE_SPAN.from; // the left block ends before the date group

  const wb = new ExcelJS.Workbook();
  wb.creator = 'MotCua';
  wb.lastModifiedBy = 'MotCua';
  wb.company = data.agency.name;
  wb.title = `${form.label} - ${form.title}`;
  wb.subject = form.legalBasis;
  wb.created = options.now;
  wb.modified = options.now;

  const ws = wb.addWorksheet(REGISTER_SHEET_NAME, {
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${REGISTER_HEADER_ROW}:${REGISTER_HEADER_ROW + 1}`,
      margins: { left: 0.8, right: 0.6, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    views: [{ state: 'frozen', ySplit: REGISTER_HEADER_ROW + 1, xSplit: 0 }],
  });
  ws.properties.defaultRowHeight = 18;
  REGISTER_COLUMNS.forEach((c, i) => {
    ws.getColumn(i + 1).width = c.xlsxWidth;
  });

  const put = (
    row: number,
    from: number,
    to: number,
    value: string,
    font: Partial<ExcelJS.Font> = {},
    align: 'left' | 'center' | 'right' = 'center',
  ) => {
    if (to > from) ws.mergeCells(row, from, row, to);
    const cell = ws.getCell(row, from);
    cell.value = value;
    cell.font = { name: FONT_NAME, size: 12, ...font };
    cell.alignment = { horizontal: align, vertical: 'middle', wrapText: true };
  };

  put(1, last - 1, last, form.label, { bold: true }, 'right');
  put(2, 1, half - 1, (data.agency.parentName ?? '').toLocaleUpperCase('vi-VN'));
  put(2, half, last, NATIONAL_TITLE, { bold: true });
  put(3, 1, half - 1, data.agency.name.toLocaleUpperCase('vi-VN'), { bold: true });
  put(3, half, last, NATIONAL_MOTTO, { bold: true, size: 13 });
  put(4, half, last, placeAndDate(data.agency.place, data.issuedAt, 'issuedAt'), { italic: true, size: 13 });
  put(5, 1, last, form.heading, { bold: true, size: 14 });
  const period = `Từ ngày ${formatDate(data.periodFrom, 'periodFrom')} đến ngày ${formatDate(data.periodTo, 'periodTo')}`;
  put(6, 1, last, data.book ? `Quyển số: ${data.book} - ${period}` : period, { italic: true });
  ws.getRow(5).height = 24;

  // two header rows: a column outside the date group spans both
  const h1 = REGISTER_HEADER_ROW;
  const h2 = h1 + 1;
  REGISTER_COLUMNS.forEach((c, i) => {
    const col = i + 1;
    const inGroup = i >= REGISTER_DATE_SPAN.from && i <= REGISTER_DATE_SPAN.to;
    if (!inGroup) ws.mergeCells(h1, col, h2, col);
    ws.getCell(inGroup ? h2 : h1, col).value = c.header;
  });
  ws.mergeCells(h1, REGISTER_DATE_SPAN.from + 1, h1, REGISTER_DATE_SPAN.to + 1);
  ws.getCell(h1, REGISTER_DATE_SPAN.from + 1).value = REGISTER_DATE_GROUP;
  for (const r of [h1, h2]) {
    ws.getRow(r).height = 36;
    for (let col = 1; col <= n; col++) {
      const cell = ws.getCell(r, col);
      cell.font = { name: FONT_NAME, size: 11, bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = BORDER;
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };
    }
  }

  data.rows.forEach((row, r) => {
    const excelRow = ws.getRow(REGISTER_FIRST_DATA_ROW + r);
    REGISTER_COLUMNS.forEach((c, i) => {
      const cell = excelRow.getCell(i + 1);
      const v = c.value(row);
      if (v.kind === 'instant') {
        cell.value = v.value ? vietnamWallClock(v.value, `rows[${r}].${v.field}`) : null;
        cell.numFmt = REGISTER_DATE_FORMAT;
      } else {
        cell.value = v.value;
      }
      cell.font = { name: FONT_NAME, size: 11 };
      cell.alignment = { horizontal: c.align, vertical: 'top', wrapText: true };
      cell.border = BORDER;
    });
  });

  return Buffer.from(await wb.xlsx.writeBuffer());
}
