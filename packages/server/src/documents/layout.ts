/**
 * Page and block layout of the one-stop forms, following the presentation rules for
 * administrative documents (Decree 30/2020/NĐ-CP, Appendix I [M]): A4, margins top/bottom 20 mm,
 * left 30 mm, right 15 mm; the issuing body top left in capitals with a short rule under it; the
 * national title top right with the motto underlined by a rule as long as the motto; the place
 * and date in italics under the motto; the heading centred in bold capitals.
 *
 * Every string goes through nfc() before it is measured or drawn.
 */
import PDFDocument from 'pdfkit';
import { FONT, type FontName, registerFonts } from './fonts.js';
import { nfc } from './format.js';

export const mm = (v: number) => (v * 72) / 25.4;

/** A4 in points, as pdfkit and every viewer reports it. */
export const A4 = { width: 595.28, height: 841.89 } as const;

export const PORTRAIT_MARGINS = { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) };
/** The register has 14 columns: landscape, with narrower side margins. */
export const LANDSCAPE_MARGINS = { top: mm(15), bottom: mm(15), left: mm(20), right: mm(15) };

export const SIZE = { title: 14, body: 13, header: 12.5, table: 11, small: 10.5 } as const;

export const NATIONAL_TITLE = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const NATIONAL_MOTTO = 'Độc lập - Tự do - Hạnh phúc';
/** Printed where the applicant fills in by hand, as the paper templates do. */
export const BLANK = '……………………';

export interface DocumentMeta {
  title: string;
  /** the issuing agency */
  author: string;
  subject: string;
  keywords: string;
  now: Date;
  landscape?: boolean;
}

export interface OpenDocument {
  doc: PDFKit.PDFDocument;
  /** Number the pages, close the document and collect its bytes. */
  finish(): Promise<Buffer>;
}

export function openDocument(meta: DocumentMeta): OpenDocument {
  const doc = new PDFDocument({
    size: 'A4',
    layout: meta.landscape ? 'landscape' : 'portrait',
    margins: meta.landscape ? LANDSCAPE_MARGINS : PORTRAIT_MARGINS,
    bufferPages: true,
    lang: 'vi-VN',
    displayTitle: true,
    info: {
      Title: nfc(meta.title),
      Author: nfc(meta.author),
      Subject: nfc(meta.subject),
      Keywords: nfc(meta.keywords),
      Creator: 'MotCua',
      Producer: 'MotCua',
      CreationDate: meta.now,
      ModDate: meta.now,
    },
  });
  registerFonts(doc);
  doc.font(FONT.regular).fontSize(SIZE.body).fillColor('black').strokeColor('black');
  const chunks: Buffer[] = [];
  const ended = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return {
    doc,
    finish() {
      numberPages(doc);
      doc.end();
      return ended;
    },
  };
}

export const contentLeft = (doc: PDFKit.PDFDocument) => doc.page.margins.left;
export const contentWidth = (doc: PDFKit.PDFDocument) =>
  doc.page.width - doc.page.margins.left - doc.page.margins.right;
export const contentBottom = (doc: PDFKit.PDFDocument) => doc.page.height - doc.page.margins.bottom;

/** Start a new page when fewer than `height` points remain; returns true if it did. */
export function ensureSpace(doc: PDFKit.PDFDocument, height: number): boolean {
  if (doc.y + height <= contentBottom(doc)) return false;
  doc.addPage();
  return true;
}

export interface TextOpts {
  font?: FontName;
  size?: number;
  align?: 'left' | 'center' | 'right' | 'justify';
  x?: number;
  y?: number;
  width?: number;
  gap?: number;
  indent?: number;
}

/** Draw one string (NFC) and leave the cursor under it. */
export function write(doc: PDFKit.PDFDocument, text: string, opts: TextOpts = {}): void {
  doc.font(opts.font ?? FONT.regular).fontSize(opts.size ?? SIZE.body);
  const x = opts.x ?? contentLeft(doc);
  doc.text(nfc(text), x, opts.y ?? doc.y, {
    width: opts.width ?? contentWidth(doc) - (x - contentLeft(doc)),
    align: opts.align ?? 'left',
    lineGap: 1.5,
    indent: opts.indent ?? 0,
  });
  if (opts.gap) doc.moveDown(opts.gap / doc.currentLineHeight(true));
}

export function measure(doc: PDFKit.PDFDocument, text: string, width: number, font: FontName, size: number) {
  doc.font(font).fontSize(size);
  return doc.heightOfString(nfc(text), { width, lineGap: 1.5 });
}

export type Segment = string | { text: string; bold?: boolean; italic?: boolean };

function fontOf(s: Segment): FontName {
  if (typeof s === 'string') return FONT.regular;
  if (s.bold && s.italic) return FONT.boldItalic;
  if (s.bold) return FONT.bold;
  if (s.italic) return FONT.italic;
  return FONT.regular;
}

/**
 * A paragraph mixing regular, bold and italic runs, wrapped as one text (pdfkit's continued
 * text): a label and its value break across lines like ordinary prose.
 */
export function paragraph(doc: PDFKit.PDFDocument, segments: Segment[], opts: TextOpts = {}): void {
  // adjacent runs in one face become one text: pdfkit justifies each continued run on its own
  const runs: Segment[] = [];
  for (const s of segments) {
    const text = typeof s === 'string' ? s : s.text;
    if (text === '') continue;
    const prev = runs.at(-1);
    if (prev !== undefined && fontOf(prev) === fontOf(s))
      runs[runs.length - 1] = {
        ...(typeof s === 'string' ? {} : s),
        text: (typeof prev === 'string' ? prev : prev.text) + text,
      };
    else runs.push(s);
  }
  const x = opts.x ?? contentLeft(doc);
  const width = opts.width ?? contentWidth(doc) - (x - contentLeft(doc));
  doc.fontSize(opts.size ?? SIZE.body);
  // pdfkit centres each continued run on its own and overprints them: centre the line by hand
  if (opts.align === 'center') {
    const textOf = (s: Segment) => nfc(typeof s === 'string' ? s : s.text);
    const widths = runs.map((s) => doc.font(fontOf(s)).widthOfString(textOf(s)));
    const total = widths.reduce((a, b) => a + b, 0);
    if (total <= width) {
      const y = opts.y ?? doc.y;
      let cx = x + (width - total) / 2;
      runs.forEach((s, i) => {
        doc.font(fontOf(s)).text(textOf(s), cx, y, { lineBreak: false });
        cx += widths[i]!;
      });
      doc.x = contentLeft(doc);
      doc.y = y + doc.currentLineHeight(true) + 1.5;
      if (opts.gap) doc.moveDown(opts.gap / doc.currentLineHeight(true));
      return;
    }
  }
  doc.x = x;
  runs.forEach((s, i) => {
    doc.font(fontOf(s));
    const text = nfc(typeof s === 'string' ? s : s.text);
    const options = {
      width,
      align: opts.align ?? 'left',
      lineGap: 1.5,
      indent: i === 0 ? (opts.indent ?? 0) : 0,
      continued: i < runs.length - 1,
    };
    if (i === 0) doc.text(text, x, opts.y ?? doc.y, options);
    else doc.text(text, options);
  });
  doc.x = contentLeft(doc);
  if (opts.gap) doc.moveDown(opts.gap / doc.currentLineHeight(true));
}

/** "Label: value", the value replaced by a dotted blank when unknown. */
export function field(
  doc: PDFKit.PDFDocument,
  label: string,
  value: string | undefined,
  opts: TextOpts = {},
) {
  const v = value?.trim();
  paragraph(doc, [`${label}: `, v ? v : BLANK], { gap: 2, ...opts });
}

function rule(doc: PDFKit.PDFDocument, x1: number, x2: number, y: number) {
  doc.save().lineWidth(0.6).moveTo(x1, y).lineTo(x2, y).stroke().restore();
}

/** "Mẫu số 01" above the header, right-aligned, as the circular's appendix prints it. */
export function formLabel(doc: PDFKit.PDFDocument, label: string): void {
  write(doc, label, {
    font: FONT.bold,
    size: SIZE.small + 0.5,
    align: 'right',
    y: doc.page.margins.top - 16,
  });
  doc.y = doc.page.margins.top;
}

export interface HeaderInput {
  parentAgency?: string;
  agency: string;
  /** under the agency rule, e.g. "Số: 15/TB-UBND" */
  numberLine?: string;
  /** "Hà Nội, ngày 22 tháng 11 năm 2026" */
  dateLine: string;
  /** Draw something under the left block (the receipt's QR code); returns its height. */
  leftExtra?: (doc: PDFKit.PDFDocument, x: number, y: number, width: number) => number;
}

/**
 * The two-column header. Left: parent agency (regular) and agency (bold), in capitals, with a
 * centred rule a third of the column wide. Right: national title in bold capitals, the motto in
 * bold under it with a rule as long as the motto, then the place and date in italics.
 */
export function nationalHeader(doc: PDFKit.PDFDocument, h: HeaderInput): void {
  const left = contentLeft(doc);
  const width = contentWidth(doc);
  const leftW = Math.round(width * 0.42);
  const rightW = width - leftW;
  const rightX = left + leftW;
  const top = doc.y;
  const upper = (s: string) => nfc(s).toLocaleUpperCase('vi-VN');

  // left block
  doc.y = top;
  if (h.parentAgency)
    write(doc, upper(h.parentAgency), { x: left, width: leftW, align: 'center', size: SIZE.header });
  write(doc, upper(h.agency), { x: left, width: leftW, align: 'center', size: SIZE.header, font: FONT.bold });
  let leftY = doc.y + 2;
  rule(doc, left + leftW / 3, left + (2 * leftW) / 3, leftY);
  leftY += 6;
  if (h.numberLine) {
    write(doc, h.numberLine, { x: left, y: leftY, width: leftW, align: 'center' });
    leftY = doc.y;
  }
  if (h.leftExtra) leftY += h.leftExtra(doc, left, leftY, leftW);

  // right block
  write(doc, NATIONAL_TITLE, {
    x: rightX,
    y: top,
    width: rightW,
    align: 'center',
    size: SIZE.header,
    font: FONT.bold,
  });
  write(doc, NATIONAL_MOTTO, { x: rightX, width: rightW, align: 'center', size: SIZE.body, font: FONT.bold });
  doc.font(FONT.bold).fontSize(SIZE.body);
  const mottoW = doc.widthOfString(nfc(NATIONAL_MOTTO));
  let rightY = doc.y + 2;
  rule(doc, rightX + (rightW - mottoW) / 2, rightX + (rightW + mottoW) / 2, rightY);
  rightY += 8;
  write(doc, h.dateLine, { x: rightX, y: rightY, width: rightW, align: 'center', font: FONT.italic });
  rightY = doc.y;

  doc.x = left;
  doc.y = Math.max(leftY, rightY) + 14;
}

/** Centred heading in bold capitals, with optional lines under it. */
export function heading(doc: PDFKit.PDFDocument, title: string, sub: Segment[][] = []): void {
  write(doc, title, { font: FONT.bold, size: SIZE.title, align: 'center' });
  for (const line of sub) paragraph(doc, line, { align: 'center' });
  doc.moveDown(0.6);
}

export interface SignatureBlock {
  kind: 'signature';
  /** bold capitals, one line each, e.g. ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"] */
  title: string[];
  /** italic instruction, e.g. "(Ký và ghi rõ họ tên)" */
  caption?: string;
  name?: string;
}
export interface RecipientsBlock {
  kind: 'recipients';
  lines: string[];
}
/** keeps a lone signature in the right half, where the templates put the signer */
export interface EmptyBlock {
  kind: 'empty';
}
export type FooterBlock = SignatureBlock | RecipientsBlock | EmptyBlock;

const SIGNATURE_SPACE = 72;

function blockHeight(doc: PDFKit.PDFDocument, b: FooterBlock, w: number): number {
  if (b.kind === 'empty') return 0;
  if (b.kind === 'recipients')
    return b.lines.reduce((sum, l) => sum + measure(doc, l, w, FONT.regular, SIZE.small), 18);
  let h = b.title.reduce((sum, l) => sum + measure(doc, l, w, FONT.bold, SIZE.body), 0);
  if (b.caption) h += measure(doc, b.caption, w, FONT.italic, SIZE.body);
  return h + SIGNATURE_SPACE + (b.name ? measure(doc, b.name, w, FONT.bold, SIZE.body) : 0);
}

/**
 * Signature blocks side by side, kept on one page with what they sign: a block never starts
 * at the foot of a page with its name on the next.
 */
export function footer(doc: PDFKit.PDFDocument, blocks: FooterBlock[]): void {
  const left = contentLeft(doc);
  const w = contentWidth(doc) / blocks.length;
  doc.moveDown(0.8);
  ensureSpace(doc, Math.max(...blocks.map((b) => blockHeight(doc, b, w))));
  const top = doc.y;
  let bottom = top;
  blocks.forEach((b, i) => {
    const x = left + i * w;
    doc.y = top;
    if (b.kind === 'empty') return;
    if (b.kind === 'recipients') {
      write(doc, 'Nơi nhận:', { x, width: w, font: FONT.boldItalic, size: SIZE.small + 0.5 });
      for (const line of b.lines) write(doc, line, { x, width: w, size: SIZE.small });
    } else {
      for (const line of b.title) write(doc, line, { x, width: w, align: 'center', font: FONT.bold });
      if (b.caption) write(doc, b.caption, { x, width: w, align: 'center', font: FONT.italic });
      doc.y += SIGNATURE_SPACE;
      if (b.name) write(doc, b.name, { x, width: w, align: 'center', font: FONT.bold });
    }
    bottom = Math.max(bottom, doc.y);
  });
  doc.x = left;
  doc.y = bottom;
}

/** "Trang 1/3" at the foot of every page, only when the form runs over one page. */
function numberPages(doc: PDFKit.PDFDocument): void {
  const range = doc.bufferedPageRange();
  if (range.count < 2) return;
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing inside the margin must not open a page
    write(doc, `Trang ${i - range.start + 1}/${range.count}`, {
      y: doc.page.height - bottom / 2 - 5,
      align: 'center',
      size: SIZE.small - 1,
      font: FONT.italic,
    });
    doc.page.margins.bottom = bottom;
  }
}
