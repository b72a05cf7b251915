/**
 * Ruled tables for the document lists, the control sheet and the register. Rows never split: a
 * row that does not fit goes to the next page, where the header is drawn again, so a 15-document
 * construction-permit list or a long liên thông history stays readable on every page.
 */
import { FONT } from './fonts.js';
import { nfc } from './format.js';
import { contentBottom, contentLeft, contentWidth } from './layout.js';

export interface Column {
  header: string;
  /** relative weight; the table always spans the content width */
  weight: number;
  align?: 'left' | 'center' | 'right';
}

/** A header cell spanning columns [from, to] above their own headers (a two-tier header). */
export interface ColumnGroup {
  label: string;
  from: number;
  to: number;
}

export interface TableInput {
  columns: Column[];
  groups?: ColumnGroup[];
  rows: string[][];
  fontSize: number;
}

const PAD_X = 3;
const PAD_Y = 3;
const LINE_GAP = 1;

export function drawTable(doc: PDFKit.PDFDocument, t: TableInput): void {
  const left = contentLeft(doc);
  const total = t.columns.reduce((s, c) => s + c.weight, 0);
  const widths = t.columns.map((c) => (c.weight / total) * contentWidth(doc));
  const xs = widths.map((_, i) => left + widths.slice(0, i).reduce((s, w) => s + w, 0));
  const groups = t.groups ?? [];
  const groupOf = (i: number) => groups.find((g) => i >= g.from && i <= g.to);

  const cellHeight = (text: string, width: number, bold: boolean) => {
    doc.font(bold ? FONT.bold : FONT.regular).fontSize(t.fontSize);
    return doc.heightOfString(nfc(text), { width: width - 2 * PAD_X, lineGap: LINE_GAP }) + 2 * PAD_Y;
  };
  const spanWidth = (g: ColumnGroup) => widths.slice(g.from, g.to + 1).reduce((s, w) => s + w, 0);

  const groupH = groups.length ? Math.max(...groups.map((g) => cellHeight(g.label, spanWidth(g), true))) : 0;
  const columnH = Math.max(...t.columns.map((c, i) => cellHeight(c.header, widths[i]!, true)));
  const headerH = groupH + columnH;

  const cell = (
    text: string,
    x: number,
    y: number,
    w: number,
    h: number,
    opts: { bold?: boolean; align?: string },
  ) => {
    doc.save().lineWidth(0.5).rect(x, y, w, h).stroke().restore();
    doc.font(opts.bold ? FONT.bold : FONT.regular).fontSize(t.fontSize);
    const textH = doc.heightOfString(nfc(text), { width: w - 2 * PAD_X, lineGap: LINE_GAP });
    // headers are centred vertically; body cells start at the top like a ruled paper form
    const dy = opts.bold ? Math.max(PAD_Y, (h - textH) / 2) : PAD_Y;
    doc.text(nfc(text), x + PAD_X, y + dy, {
      width: w - 2 * PAD_X,
      height: h - dy,
      align: (opts.align ?? 'left') as 'left' | 'center' | 'right',
      lineGap: LINE_GAP,
    });
  };

  const drawHeader = (y: number) => {
    t.columns.forEach((c, i) => {
      const g = groupOf(i);
      if (g) cell(c.header, xs[i]!, y + groupH, widths[i]!, columnH, { bold: true, align: 'center' });
      else cell(c.header, xs[i]!, y, widths[i]!, headerH, { bold: true, align: 'center' });
    });
    for (const g of groups)
      cell(g.label, xs[g.from]!, y, spanWidth(g), groupH, { bold: true, align: 'center' });
    return y + headerH;
  };

  let y = doc.y;
  // the header never sits alone at the foot of a page
  const firstRowH = t.rows[0] ? Math.max(...t.rows[0].map((v, i) => cellHeight(v, widths[i]!, false))) : 0;
  if (y + headerH + firstRowH > contentBottom(doc)) {
    doc.addPage();
    y = doc.y;
  }
  y = drawHeader(y);
  for (const row of t.rows) {
    const h = Math.max(...row.map((v, i) => cellHeight(v, widths[i]!, false)));
    if (y + h > contentBottom(doc)) {
      doc.addPage();
      y = drawHeader(doc.y);
    }
    row.forEach((v, i) => {
      cell(v, xs[i]!, y, widths[i]!, h, { align: t.columns[i]!.align ?? 'left' });
    });
    y += h;
  }
  doc.x = left;
  doc.y = y + 6;
}
