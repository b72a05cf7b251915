/**
 * The letter-type forms, signed by the head of an agency (or someone signing for them) with
 * "Số:" under the agency, "Kính gửi" and "Nơi nhận": the apology (2018 Mẫu 04, renamed in 2025
 * to an apology and extension request) and the 2025 stop notice (Mẫu 05).
 */
import {
  addressee,
  capitalise,
  procedureText,
  requestText,
  SIGN_NAME_AND_SEAL,
  type StartedForm,
  salutation,
  startDossierForm,
} from './common.js';
import { formatLongDate, formatTimeOfDay } from './format.js';
import { BLANK, footer, heading, paragraph, write } from './layout.js';
import type {
  ApologyExtensionData,
  DossierFormBase,
  RenderOptions,
  Signatory,
  StopNoticeData,
} from './types.js';

const numberLine = (data: DossierFormBase) => `Số: ${data.documentNumber || BLANK}`;

function signerFooter(
  started: StartedForm<DossierFormBase & { signer: Signatory; recipients?: string[] }>,
): void {
  const { doc, data } = started;
  const recipients = data.recipients?.length
    ? data.recipients
    : [`- ${addressee(data.applicant)};`, '- Lưu: VT.'];
  footer(doc, [
    { kind: 'recipients', lines: recipients },
    {
      kind: 'signature',
      title: [
        ...(data.signer.onBehalfOf ? [data.signer.onBehalfOf.toLocaleUpperCase('vi-VN')] : []),
        data.signer.title.toLocaleUpperCase('vi-VN'),
      ],
      caption: SIGN_NAME_AND_SEAL,
      name: data.signer.name,
    },
  ]);
}

function kinhGui(doc: PDFKit.PDFDocument, data: DossierFormBase): void {
  paragraph(doc, ['Kính gửi: ', addressee(data.applicant)], { align: 'center', gap: 6 });
}

/**
 * 2018 Mẫu 04 "Phiếu xin lỗi và hẹn lại ngày trả kết quả" / 2025 Mẫu 04 "Văn bản xin lỗi và đề
 * nghị gia hạn thời gian giải quyết". The new date never changes lateness (TIME.md §1.5): the
 * form states the original appointment as well.
 */
export async function renderApologyExtension(
  input: ApologyExtensionData,
  options: RenderOptions,
): Promise<Buffer> {
  const started = startDossierForm('APOLOGY_EXTENSION', input, options, {
    numberLine: numberLine(input),
  });
  const { doc, data, form, finish } = started;
  const you = salutation(data.applicant);
  const agency = data.faultingAgency || data.agency.name;
  heading(doc, form.heading, [[{ text: 'Mã hồ sơ: ' }, { text: data.dossierCode, bold: true }]]);
  kinhGui(doc, data);

  const opts = { align: 'justify' as const, gap: 3, indent: 28 };
  write(
    doc,
    `${capitalise(formatLongDate(data.receivedAt, 'receivedAt'))}, ${agency} tiếp nhận giải quyết hồ sơ của ${you} ${data.applicant.name}; nội dung yêu cầu giải quyết: ${requestText(data)}.`,
    opts,
  );
  if (data.requestContent) write(doc, `Thủ tục hành chính: ${procedureText(data)}.`, opts);
  write(
    doc,
    `Theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả, thời gian trả kết quả giải quyết hồ sơ là ${formatTimeOfDay(data.originalAppointmentAt, 'originalAppointmentAt')}. Tuy nhiên, đến nay ${agency} chưa trả kết quả giải quyết hồ sơ của ${you}.`,
    opts,
  );
  paragraph(doc, ['Lý do: ', data.delayReason], opts);
  const newDate = formatTimeOfDay(data.newAppointmentAt, 'newAppointmentAt');
  write(
    doc,
    form.set === '2018'
      ? `Sự chậm trễ này đã gây phiền hà cho ${you}. ${agency} xin lỗi ${you} và hẹn trả kết quả giải quyết hồ sơ vào ${newDate}.`
      : `Sự chậm trễ này đã gây phiền hà cho ${you}. ${agency} xin lỗi ${you} và đề nghị gia hạn thời gian giải quyết hồ sơ đến ${newDate}.`,
    opts,
  );
  write(doc, `Xin trân trọng cảm ơn sự hợp tác của ${you}./.`, opts);
  signerFooter(started);
  return finish();
}

/**
 * 2025 Mẫu 05 "Thông báo dừng giải quyết hồ sơ". Its layout is [GAP]; it carries the minimum
 * LIFECYCLE.md §5.2 asks for: mã hồ sơ, applicant, procedure, reason and legal ground, signer,
 * date. Asking for it on a dossier received before 1/7/2025 throws FormNotInSetError.
 */
export async function renderStopNotice(input: StopNoticeData, options: RenderOptions): Promise<Buffer> {
  const started = startDossierForm('STOP_NOTICE', input, options, { numberLine: numberLine(input) });
  const { doc, data, form, finish } = started;
  const you = salutation(data.applicant);
  heading(doc, form.heading, [[{ text: 'Mã hồ sơ: ' }, { text: data.dossierCode, bold: true }]]);
  kinhGui(doc, data);

  const opts = { align: 'justify' as const, gap: 3, indent: 28 };
  write(
    doc,
    `${capitalise(formatLongDate(data.receivedAt, 'receivedAt'))}, ${data.agency.name} tiếp nhận hồ sơ của ${you} ${data.applicant.name}${data.applicant.address ? `, địa chỉ: ${data.applicant.address}` : ''}.`,
    opts,
  );
  paragraph(doc, ['Thủ tục hành chính: ', procedureText(data)], opts);
  if (data.requestContent) paragraph(doc, ['Nội dung yêu cầu giải quyết: ', data.requestContent], opts);
  write(doc, `${data.agency.name} thông báo dừng giải quyết hồ sơ nêu trên.`, opts);
  paragraph(doc, ['Lý do: ', data.reason], opts);
  paragraph(doc, ['Căn cứ: ', data.legalGround], opts);
  write(doc, `${data.agency.name} thông báo để ${you} được biết./.`, opts);
  signerFooter(started);
  return finish();
}
