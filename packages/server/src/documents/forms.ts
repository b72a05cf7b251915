/**
 * The counter forms, one function each, plain data in and a PDF out: the receipt (Mẫu 01), the
 * request to supplement (Mẫu 02) and the refusal (Mẫu 03). Their numbers are the same in the
 * 2018 and 2025 sets; the set still follows the receipt date for the label and the metadata.
 * Fields follow LIFECYCLE.md §5.1 (2018 fields [M]; the 2025 layouts are [GAP] and reuse them).
 */
import {
  addressee,
  capitalise,
  procedureText,
  requestText,
  SIGN_AND_NAME,
  salutation,
  startDossierForm,
} from './common.js';
import { FONT } from './fonts.js';
import { formatCount, formatLongDate, formatTimeOfDay } from './format.js';
import { BLANK, field, footer, heading, paragraph, SIZE, type SignatureBlock, write } from './layout.js';
import { qrPng } from './qr.js';
import { drawTable } from './table.js';
import type {
  Applicant,
  DocumentItem,
  Person,
  ReceiptData,
  RefusalData,
  RenderOptions,
  SupplementRequestData,
} from './types.js';

const QR_SIDE = 66;

function applicantFields(doc: PDFKit.PDFDocument, a: Applicant): void {
  field(doc, a.kind === 'organisation' ? 'Tổ chức' : 'Ông/bà', a.name);
  if (a.identityNumber)
    field(
      doc,
      a.kind === 'organisation' ? 'Mã số định danh/Mã số thuế' : 'Số định danh cá nhân',
      a.identityNumber,
    );
  field(doc, 'Địa chỉ', a.address);
  paragraph(doc, ['Số điện thoại: ', a.phone || BLANK, '     Email: ', a.email || BLANK], { gap: 2 });
}

const count = (n: number | undefined) => (n ? formatCount(n) : '');

function documentTable(doc: PDFKit.PDFDocument, items: DocumentItem[]): void {
  drawTable(doc, {
    fontSize: SIZE.table,
    columns: [
      { header: 'STT', weight: 0.55, align: 'center' },
      { header: 'Tên giấy tờ', weight: 5 },
      { header: 'Bản chính', weight: 1.05, align: 'center' },
      { header: 'Bản sao chứng thực', weight: 1.25, align: 'center' },
      { header: 'Bản sao', weight: 1.05, align: 'center' },
    ],
    rows: items.map((d, i) => [
      String(i + 1),
      d.name,
      count(d.originals),
      count(d.certifiedCopies),
      count(d.copies),
    ]),
  });
}

const officerBlock = (officer: Person): SignatureBlock => ({
  kind: 'signature',
  title: ['NGƯỜI TIẾP NHẬN HỒ SƠ'],
  caption: SIGN_AND_NAME,
  name: officer.name,
});

/** Mẫu 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả, with the tracking QR code under the agency. */
export async function renderReceipt(input: ReceiptData, options: RenderOptions): Promise<Buffer> {
  const png = await qrPng(input.trackingUrl.normalize('NFC'));
  const { doc, data, form, finish } = startDossierForm('RECEIPT', input, options, {
    leftExtra: (doc, x, y, width) => {
      doc.image(png, x + (width - QR_SIDE) / 2, y + 2, { width: QR_SIDE, height: QR_SIDE });
      write(doc, 'Quét mã để tra cứu hồ sơ', {
        x,
        y: y + QR_SIDE + 3,
        width,
        align: 'center',
        font: FONT.italic,
        size: SIZE.small - 1,
      });
      return QR_SIDE + 16;
    },
  });
  const unit = data.receptionUnit || data.agency.name;
  heading(doc, form.heading, [[{ text: 'Mã hồ sơ: ' }, { text: data.dossierCode, bold: true }]]);

  paragraph(doc, [unit, ' tiếp nhận hồ sơ của:'], { gap: 2 });
  applicantFields(doc, data.applicant);
  field(doc, 'Nội dung yêu cầu giải quyết', requestText(data));
  if (data.requestContent) field(doc, 'Thủ tục hành chính', procedureText(data));

  write(doc, '1. Thành phần hồ sơ nộp gồm:', { gap: 3 });
  documentTable(doc, data.documents);
  field(doc, '2. Số lượng hồ sơ', `${formatCount(data.numberOfSets)} (bộ)`);
  field(doc, '3. Thời gian giải quyết hồ sơ theo quy định', data.legalTimeLimit);
  field(doc, '4. Thời gian nhận hồ sơ', formatTimeOfDay(data.receivedAt, 'receivedAt'));
  field(
    doc,
    '5. Thời gian trả kết quả giải quyết hồ sơ',
    formatTimeOfDay(data.appointmentAt, 'appointmentAt'),
  );
  field(doc, '6. Nơi nhận kết quả', data.resultDelivery || unit);
  paragraph(doc, [
    'Vào Sổ theo dõi hồ sơ, Quyển số: ',
    data.register.book || BLANK,
    ', Số thứ tự: ',
    data.register.number || BLANK,
  ]);
  paragraph(doc, [{ text: 'Tra cứu tình trạng hồ sơ tại: ', italic: true }, data.trackingUrl], {
    size: SIZE.small,
  });

  footer(doc, [
    {
      kind: 'signature',
      title: ['NGƯỜI NỘP HỒ SƠ'],
      caption: SIGN_AND_NAME,
      name: data.submitter?.name ?? data.applicant.name,
    },
    officerBlock(data.officer),
  ]);
  return finish();
}

/** Mẫu 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ; one numbered item per missing piece, with its reason. */
export async function renderSupplementRequest(
  input: SupplementRequestData,
  options: RenderOptions,
): Promise<Buffer> {
  const { doc, data, form, finish } = startDossierForm('SUPPLEMENT_REQUEST', input, options);
  const you = salutation(data.applicant);
  heading(doc, form.heading, [[{ text: 'Mã hồ sơ: ' }, { text: data.dossierCode, bold: true }]]);

  field(doc, 'Hồ sơ của', addressee(data.applicant));
  field(doc, 'Địa chỉ', data.applicant.address);
  field(doc, 'Nội dung yêu cầu giải quyết', requestText(data));
  paragraph(
    doc,
    [
      capitalise(formatLongDate(data.receivedAt, 'receivedAt')),
      `, ${data.agency.name} đã tiếp nhận hồ sơ của ${you}. Sau khi xem xét, hồ sơ chưa đầy đủ, hợp lệ; đề nghị ${you} bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:`,
    ],
    { align: 'justify', gap: 4 },
  );
  drawTable(doc, {
    fontSize: SIZE.table,
    columns: [
      { header: 'STT', weight: 0.55, align: 'center' },
      { header: 'Nội dung cần bổ sung, hoàn thiện', weight: 4 },
      { header: 'Lý do', weight: 3.5 },
    ],
    rows: data.items.map((it, i) => [String(i + 1), it.content, it.reason]),
  });
  write(doc, `Hồ sơ được tiếp tục giải quyết khi ${you} bổ sung, hoàn thiện đầy đủ các nội dung trên.`, {
    align: 'justify',
    gap: 2,
  });
  paragraph(
    doc,
    [
      `Trong quá trình bổ sung, hoàn thiện hồ sơ, nếu có vướng mắc, ${you} liên hệ với `,
      data.officer.name,
      ', số điện thoại ',
      data.contactPhone || BLANK,
      ' để được hướng dẫn./.',
    ],
    { align: 'justify' },
  );
  footer(doc, [{ kind: 'empty' }, officerBlock(data.officer)]);
  return finish();
}

/** Mẫu 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ; the reasons are the heart of it. */
export async function renderRefusal(input: RefusalData, options: RenderOptions): Promise<Buffer> {
  const { doc, data, form, finish } = startDossierForm('REFUSAL', input, options);
  const unit = data.receptionUnit || data.agency.name;
  const you = salutation(data.applicant);
  heading(doc, form.heading, [[{ text: 'Mã hồ sơ: ' }, { text: data.dossierCode, bold: true }]]);

  paragraph(doc, [unit, ' tiếp nhận hồ sơ của:'], { gap: 2 });
  applicantFields(doc, data.applicant);
  field(doc, 'Nội dung yêu cầu giải quyết', requestText(data));
  write(
    doc,
    `Qua xem xét, đối chiếu với các quy định hiện hành, ${unit} từ chối tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:`,
    { align: 'justify', gap: 2 },
  );
  for (const reason of data.reasons)
    write(doc, `- ${reason}`, { indent: 0, x: doc.page.margins.left + 14, gap: 1 });
  write(doc, `Xin thông báo để ${you} được biết và thực hiện./.`, { gap: 2 });
  footer(doc, [{ kind: 'empty' }, officerBlock(data.officer)]);
  return finish();
}
