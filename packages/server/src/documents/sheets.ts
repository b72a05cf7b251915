/**
 * The two forms generated from the process log rather than typed at the counter: the process
 * control sheet (2018 Mẫu 05 / 2025 Mẫu 06), one row per hand-over, and the dossier register
 * (2018 Mẫu 06 / 2025 Mẫu 07), one row per dossier, printed A4 landscape for its 14 columns.
 */
import type { FinishedTimeliness } from '@motcua/core';
import { startDossierForm } from './common.js';
import { formSetFor, formTemplate } from './form-sets.js';
import { deepNfc, formatDate, formatDateTime, formatTimeOfDay, placeAndDate } from './format.js';
import { field, formLabel, heading, nationalHeader, openDocument, paragraph, SIZE } from './layout.js';
import { REGISTER_COLUMNS, REGISTER_DATE_GROUP, REGISTER_DATE_SPAN } from './register-columns.js';
import { drawTable } from './table.js';
import type { ControlSheetData, RegisterData, RenderOptions } from './types.js';

export const TIMELINESS_LABELS: Readonly<Record<FinishedTimeliness, string>> = {
  early: 'Trước hạn',
  on_time: 'Đúng hạn',
  late: 'Quá hạn',
};

/** Phiếu kiểm soát quá trình giải quyết hồ sơ: who handed the dossier to whom, when, and how it went. */
export async function renderControlSheet(input: ControlSheetData, options: RenderOptions): Promise<Buffer> {
  const { doc, data, form, finish } = startDossierForm('CONTROL_SHEET', input, options);
  heading(doc, form.heading, [
    [{ text: 'Mã hồ sơ: ' }, { text: data.dossierCode, bold: true }],
    [{ text: '(Kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả)', italic: true }],
  ]);
  field(doc, 'Tổ chức, cá nhân', data.applicant.name);
  field(
    doc,
    'Thủ tục hành chính',
    data.procedure.code ? `${data.procedure.name} (mã ${data.procedure.code})` : data.procedure.name,
  );
  field(doc, 'Thời gian nhận hồ sơ', formatTimeOfDay(data.receivedAt, 'receivedAt'));
  field(doc, 'Thời gian hẹn trả kết quả', formatTimeOfDay(data.appointmentAt, 'appointmentAt'));
  field(doc, 'Cơ quan (bộ phận) giải quyết hồ sơ', data.leadAgency);
  if (data.coordinatingAgencies?.length)
    field(doc, 'Cơ quan phối hợp giải quyết hồ sơ', data.coordinatingAgencies.join('; '));
  doc.moveDown(0.3);

  drawTable(doc, {
    fontSize: SIZE.table,
    columns: [
      { header: 'STT', weight: 0.6, align: 'center' },
      { header: 'Tên cơ quan', weight: 3.2 },
      { header: 'Thời gian giao, nhận hồ sơ', weight: 1.7, align: 'center' },
      { header: 'Người giao, người nhận', weight: 2.2 },
      { header: 'Kết quả giải quyết hồ sơ (trước hạn/ đúng hạn/ quá hạn)', weight: 1.7, align: 'center' },
      { header: 'Ghi chú', weight: 1.4 },
    ],
    rows: data.rows.map((r, i) => [
      String(i + 1),
      `Giao: ${r.fromAgency}\nNhận: ${r.toAgency}`,
      formatDateTime(r.handedOverAt, `rows[${i}].handedOverAt`).replace(' ', '\n'),
      `Người giao: ${r.giverName ?? ''}\nNgười nhận: ${r.receiverName ?? ''}`,
      r.result ? TIMELINESS_LABELS[r.result] : '',
      r.note ?? '',
    ]),
  });
  return finish();
}

/** Sổ theo dõi hồ sơ as a PDF; the set follows `periodFrom` (see RegisterData). */
export async function renderRegister(input: RegisterData, options: RenderOptions): Promise<Buffer> {
  const form = formTemplate(formSetFor(input.periodFrom), 'REGISTER');
  const data = deepNfc(input);
  const from = formatDate(data.periodFrom, 'periodFrom');
  const to = formatDate(data.periodTo, 'periodTo');
  const { doc, finish } = openDocument({
    title: `${form.label} - ${form.title} - ${from} - ${to}`,
    author: data.agency.name,
    subject: `${form.title} (${form.legalBasis})`,
    keywords: `${form.code}, ${from}, ${to}`,
    now: options.now,
    landscape: true,
  });
  formLabel(doc, form.label);
  nationalHeader(doc, {
    parentAgency: data.agency.parentName,
    agency: data.agency.name,
    dateLine: placeAndDate(data.agency.place, data.issuedAt, 'issuedAt'),
  });
  heading(doc, form.heading, [
    ...(data.book ? [[{ text: `Quyển số: ${data.book}` }]] : []),
    [{ text: `Từ ngày ${from} đến ngày ${to}`, italic: true }],
  ]);

  drawTable(doc, {
    fontSize: SIZE.small - 2,
    columns: REGISTER_COLUMNS.map((c) => ({ header: c.header, weight: c.pdfWeight, align: c.align })),
    groups: [{ label: REGISTER_DATE_GROUP, ...REGISTER_DATE_SPAN }],
    rows: data.rows.map((row) =>
      REGISTER_COLUMNS.map((c) => {
        const v = c.value(row);
        if (v.kind === 'number') return String(v.value);
        if (v.kind === 'text') return v.value;
        return v.value ? formatDateTime(v.value, v.field) : '';
      }),
    ),
  });
  if (data.rows.length === 0) paragraph(doc, [{ text: 'Không có hồ sơ trong kỳ.', italic: true }]);
  return finish();
}
