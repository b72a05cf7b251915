/**
 * The register's columns (2018 Mẫu 06 / 2025 Mẫu 07, LIFECYCLE.md §5.1), defined once for the
 * PDF and the Excel export so the two never disagree. The five dates sit under one
 * "Ngày, tháng, năm" group header, as the paper book prints them.
 */
import type { IsoInstant, RegisterRow } from './types.js';

export type RegisterValue =
  | { kind: 'text'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'instant'; value: IsoInstant | undefined; field: string };

export interface RegisterColumn {
  header: string;
  /** relative width in the PDF */
  pdfWeight: number;
  /** width in the spreadsheet, in characters */
  xlsxWidth: number;
  align: 'left' | 'center';
  value(row: RegisterRow): RegisterValue;
}

const text = (value: string | undefined): RegisterValue => ({ kind: 'text', value: value ?? '' });
const instant = (value: IsoInstant | undefined, field: string): RegisterValue => ({
  kind: 'instant',
  value,
  field,
});

export const REGISTER_DATE_GROUP = 'Ngày, tháng, năm';

export const REGISTER_COLUMNS: readonly RegisterColumn[] = [
  {
    header: 'STT',
    pdfWeight: 26,
    xlsxWidth: 6,
    align: 'center',
    value: (r) => ({ kind: 'number', value: r.no }),
  },
  { header: 'Mã hồ sơ', pdfWeight: 112, xlsxWidth: 24, align: 'left', value: (r) => text(r.dossierCode) },
  {
    header: 'Tên thủ tục hành chính',
    pdfWeight: 90,
    xlsxWidth: 40,
    align: 'left',
    value: (r) => text(r.procedureName),
  },
  {
    header: 'Số lượng hồ sơ (bộ)',
    pdfWeight: 32,
    xlsxWidth: 10,
    align: 'center',
    value: (r) => ({ kind: 'number', value: r.numberOfDossiers }),
  },
  {
    header: 'Tên cá nhân, tổ chức',
    pdfWeight: 62,
    xlsxWidth: 26,
    align: 'left',
    value: (r) => text(r.applicantName),
  },
  {
    header: 'Địa chỉ, số điện thoại',
    pdfWeight: 70,
    xlsxWidth: 34,
    align: 'left',
    value: (r) =>
      text(
        [r.applicantAddress, r.applicantPhone ? `ĐT: ${r.applicantPhone}` : ''].filter(Boolean).join('; '),
      ),
  },
  {
    header: 'Cơ quan chủ trì giải quyết',
    pdfWeight: 60,
    xlsxWidth: 26,
    align: 'left',
    value: (r) => text(r.leadAgency),
  },
  {
    header: 'Nhận hồ sơ',
    pdfWeight: 48,
    xlsxWidth: 17,
    align: 'center',
    value: (r) => instant(r.receivedAt, 'receivedAt'),
  },
  {
    header: 'Hẹn trả kết quả',
    pdfWeight: 48,
    xlsxWidth: 17,
    align: 'center',
    value: (r) => instant(r.appointmentAt, 'appointmentAt'),
  },
  {
    header: 'Chuyển hồ sơ đến cơ quan giải quyết',
    pdfWeight: 48,
    xlsxWidth: 17,
    align: 'center',
    value: (r) => instant(r.forwardedAt, 'forwardedAt'),
  },
  {
    header: 'Nhận kết quả giải quyết',
    pdfWeight: 48,
    xlsxWidth: 17,
    align: 'center',
    value: (r) => instant(r.resultReceivedAt, 'resultReceivedAt'),
  },
  {
    header: 'Trả kết quả cho cá nhân, tổ chức',
    pdfWeight: 48,
    xlsxWidth: 17,
    align: 'center',
    value: (r) => instant(r.returnedAt, 'returnedAt'),
  },
  { header: 'Ghi chú', pdfWeight: 34, xlsxWidth: 20, align: 'left', value: (r) => text(r.note) },
  // an electronic register is allowed (Circular 01/2018 [M]); the column stays for a printed book
  { header: 'Ký nhận', pdfWeight: 30, xlsxWidth: 12, align: 'left', value: () => text('') },
];

/** Indexes of the columns under the "Ngày, tháng, năm" group (first and last). */
export const REGISTER_DATE_SPAN = { from: 7, to: 11 } as const;
