/**
 * The monitoring tables as files: an Excel workbook and an A4 landscape PDF in Tinos, both under
 * the national header, with a two-level header whose column groups are merged over their columns
 * (the VPCP report layout), one line per row and a totals line. The periodic report
 * (report-export.ts) and the per-officer statistics (officers-export.ts) are both this layout, so
 * it lives once: a second copy would drift in the header, the fonts or the page breaks.
 *
 * The caller passes text already in NFC (documents/format.ts deepNfc on its JSON) and the getters
 * of the figures, so a file always shows what the API returned.
 */
import ExcelJS from 'exceljs';
import { FONT } from '../../documents/fonts.js';
import { NATIONAL_MOTTO, NATIONAL_TITLE, openDocument } from '../../documents/layout.js';

export type TableCell = number | string;

export interface TableGroup<R> {
  label: string;
  columns: { label: string; value: (r: R) => TableCell }[];
}

/** One of the leading text columns (STT, code, name…), spanning both header rows. */
export interface LeadColumn {
  label: string;
  xlsxWidth: number;
  pdfWidth: number;
  /** wrapped and left-aligned; the PDF row grows to fit it */
  wrap?: boolean;
}

export interface TableLine<R> {
  lead: string[];
  row: R;
  /** the totals line, in bold */
  total?: boolean;
}

export interface GroupedTable<R> {
  title: string;
  sheet: string;
  /** the issuing agency, top left */
  issuer: string;
  periodLabel: string;
  keywords: string;
  lead: LeadColumn[];
  groups: TableGroup<R>[];
  lines: TableLine<R>[];
  xlsx: { cellWidth: number; freezeColumns: number };
  pdf: {
    fontSize: number;
    titleSize: number;
    headerHeights: [number, number];
    minRowHeight: number;
    pad: number;
  };
}

/** First of the two header rows of the sheet; data starts two rows below. */
export const TABLE_HEADER_ROW = 6;

const thin = { style: 'thin' as const };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };

export async function renderTableXlsx<R>(t: GroupedTable<R>, now: Date): Promise<Buffer> {
  const columns = t.groups.flatMap((g) => g.columns);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'MotCua';
  wb.title = t.title;
  wb.company = t.issuer;
  wb.created = now;
  wb.modified = now;
  const ws = wb.addWorksheet(t.sheet, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    views: [{ state: 'frozen', ySplit: TABLE_HEADER_ROW + 1, xSplit: t.xlsx.freezeColumns }],
  });
  const leads = t.lead.length;
  const last = leads + columns.length;
  t.lead.forEach((c, i) => {
    ws.getColumn(i + 1).width = c.xlsxWidth;
  });
  for (let c = leads + 1; c <= last; c++) ws.getColumn(c).width = t.xlsx.cellWidth;
  const font = { name: 'Times New Roman', size: 11 };
  const put = (row: number, from: number, to: number, value: string, bold = false) => {
    if (to > from) ws.mergeCells(row, from, row, to);
    const cell = ws.getCell(row, from);
    cell.value = value;
    cell.font = { ...font, bold };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  };
  put(1, 1, leads, t.issuer, true);
  put(1, leads + 1, last, NATIONAL_TITLE, true);
  put(2, leads + 1, last, NATIONAL_MOTTO, true);
  put(3, 1, last, t.title, true);
  put(4, 1, last, `Kỳ báo cáo: ${t.periodLabel}`);

  const h = TABLE_HEADER_ROW;
  const header = (row: number, col: number, value: string) => {
    const cell = ws.getCell(row, col);
    cell.value = value;
    cell.font = { ...font, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = BORDER;
  };
  t.lead.forEach((c, i) => {
    ws.mergeCells(h, i + 1, h + 1, i + 1);
    header(h, i + 1, c.label);
  });
  let col = leads + 1;
  for (const g of t.groups) {
    ws.mergeCells(h, col, h, col + g.columns.length - 1);
    header(h, col, g.label);
    for (const c of g.columns) header(h + 1, col++, c.label);
  }
  ws.getRow(h + 1).height = 45;
  let row = h + 2;
  for (const l of t.lines) {
    const values: TableCell[] = [...l.lead, ...columns.map((c) => c.value(l.row))];
    values.forEach((v, i) => {
      const cell = ws.getCell(row, i + 1);
      // an empty figure (a rate without data) is an empty cell, never 0
      cell.value = v === '' && i >= leads ? null : v;
      cell.font = { ...font, bold: l.total === true };
      cell.border = BORDER;
      if (t.lead[i]?.wrap) cell.alignment = { wrapText: true };
    });
    row++;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function renderTablePdf<R>(t: GroupedTable<R>, now: Date): Promise<Buffer> {
  const columns = t.groups.flatMap((g) => g.columns);
  const { doc, finish } = openDocument({
    title: t.title,
    author: t.issuer,
    subject: t.periodLabel,
    keywords: t.keywords,
    now,
    landscape: true,
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const top = doc.y;
  doc.font(FONT.bold).fontSize(11);
  doc.text(t.issuer.toUpperCase(), left, top, { width: width * 0.4, align: 'center' });
  doc.text(NATIONAL_TITLE, left + width * 0.4, top, { width: width * 0.6, align: 'center' });
  doc.text(NATIONAL_MOTTO, left + width * 0.4, doc.y, { width: width * 0.6, align: 'center' });
  doc.moveDown(1.2);
  doc.fontSize(t.pdf.titleSize).text(t.title, left, doc.y, { width, align: 'center' });
  doc
    .font(FONT.italic)
    .fontSize(11)
    .text(`Kỳ báo cáo: ${t.periodLabel}`, left, doc.y, { width, align: 'center' });
  doc.moveDown(0.8);

  const leadWidth = t.lead.reduce((n, c) => n + c.pdfWidth, 0);
  const cellW = (width - leadWidth) / columns.length;
  const widths = [...t.lead.map((c) => c.pdfWidth), ...columns.map(() => cellW)];
  const xs: number[] = [];
  widths.reduce((x, w) => {
    xs.push(x);
    return x + w;
  }, left);
  const { fontSize: size, pad } = t.pdf;
  const box = (
    x: number,
    y: number,
    w: number,
    hgt: number,
    text: string,
    font: string,
    align: 'center' | 'left',
  ) => {
    doc.rect(x, y, w, hgt).stroke();
    doc
      .font(font)
      .fontSize(size)
      .text(text, x + pad, y + 3, { width: w - 2 * pad, align });
  };
  const drawHeader = () => {
    const y = doc.y;
    const [h1, h2] = t.pdf.headerHeights;
    t.lead.forEach((c, i) => {
      box(xs[i]!, y, widths[i]!, h1 + h2, c.label, FONT.bold, 'center');
    });
    let c = t.lead.length;
    for (const g of t.groups) {
      box(xs[c]!, y, cellW * g.columns.length, h1, g.label, FONT.bold, 'center');
      for (const column of g.columns) {
        box(xs[c]!, y + h1, cellW, h2, column.label, FONT.bold, 'center');
        c++;
      }
    }
    doc.y = y + h1 + h2;
  };
  drawHeader();
  const bottom = doc.page.height - doc.page.margins.bottom - 20;
  for (const l of t.lines) {
    doc.font(FONT.regular).fontSize(size);
    const hgt = Math.max(
      t.pdf.minRowHeight,
      ...t.lead.map((c, i) =>
        c.wrap ? doc.heightOfString(l.lead[i] ?? '', { width: c.pdfWidth - 2 * pad }) + 6 : 0,
      ),
    );
    // the header repeats on every page, so a page's figures never lose their columns
    if (doc.y + hgt > bottom) {
      doc.addPage();
      drawHeader();
    }
    const y = doc.y;
    const font = l.total ? FONT.bold : FONT.regular;
    const values = [...l.lead, ...columns.map((c) => String(c.value(l.row)))];
    values.forEach((v, i) => {
      box(xs[i]!, y, widths[i]!, hgt, v, font, t.lead[i]?.wrap ? 'left' : 'center');
    });
    doc.y = y + hgt;
  }
  return finish();
}
