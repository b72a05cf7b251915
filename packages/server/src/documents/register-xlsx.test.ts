/**
 * The register's Excel export, read back with exceljs: the sheet, the Mẫu 06 header block and
 * columns, a data row with real date cells in Vietnam time, and NFC text.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  REGISTER_COLUMNS,
  REGISTER_DATE_FORMAT,
  REGISTER_FIRST_DATA_ROW,
  REGISTER_HEADER_ROW,
  REGISTER_SHEET_NAME,
  type RegisterData,
  renderRegisterXlsx,
} from './index.js';
import { birthRegistrationForms } from './test-data.js';

const now = new Date('2026-11-22T03:00:00Z');

async function load(data: RegisterData) {
  const wb = new ExcelJS.Workbook();
  // exceljs types its input as its own Buffer interface; a Node Buffer is what it reads
  await wb.xlsx.load((await renderRegisterXlsx(data, { now })) as unknown as ExcelJS.Buffer);
  const ws = wb.getWorksheet(REGISTER_SHEET_NAME);
  if (!ws) throw new Error('sheet missing');
  return { wb, ws };
}

const flat = (ws: ExcelJS.Worksheet, row: number) =>
  Array.from({ length: REGISTER_COLUMNS.length }, (_, i) => ws.getCell(row, i + 1).text);

describe('register export to Excel', () => {
  it('has the sheet, the header block and the Mẫu 06 / Mẫu 07 columns', async () => {
    const { wb, ws } = await load(birthRegistrationForms('2025').REGISTER);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Sổ theo dõi hồ sơ']);
    expect(wb.creator).toBe('MotCua');
    expect(wb.created.toISOString()).toBe(now.toISOString());

    const texts = Array.from({ length: 6 }, (_, r) => flat(ws, r + 1).join(' | '));
    expect(texts.join('\n')).toContain('Mẫu số 07');
    expect(texts.join('\n')).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(texts.join('\n')).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(texts.join('\n')).toContain('UBND XÃ THƯ LÂM');
    expect(texts.join('\n')).toContain('Hà Nội, ngày 28 tháng 02 năm 2026');
    expect(texts.join('\n')).toContain('SỔ THEO DÕI HỒ SƠ');
    expect(texts.join('\n')).toContain('Quyển số: 01/2026 - Từ ngày 01/02/2026 đến ngày 28/02/2026');

    const top = flat(ws, REGISTER_HEADER_ROW);
    const bottom = flat(ws, REGISTER_HEADER_ROW + 1);
    expect(top.slice(0, 7)).toEqual([
      'STT',
      'Mã hồ sơ',
      'Tên thủ tục hành chính',
      'Số lượng hồ sơ (bộ)',
      'Tên cá nhân, tổ chức',
      'Địa chỉ, số điện thoại',
      'Cơ quan chủ trì giải quyết',
    ]);
    expect(top[7]).toBe('Ngày, tháng, năm');
    expect(bottom.slice(7, 12)).toEqual([
      'Nhận hồ sơ',
      'Hẹn trả kết quả',
      'Chuyển hồ sơ đến cơ quan giải quyết',
      'Nhận kết quả giải quyết',
      'Trả kết quả cho cá nhân, tổ chức',
    ]);
    expect(top.slice(12)).toEqual(['Ghi chú', 'Ký nhận']);
    expect(ws.getCell('H7').isMerged && ws.getCell('L7').master.address).toBe('H7');
    expect(ws.getCell('A8').master.address).toBe('A7');
    expect(ws.getColumn(2).width).toBe(24);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: REGISTER_HEADER_ROW + 1 });
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape' });
  });

  it('writes a row with numbers, text and dates in Vietnam time', async () => {
    const { ws } = await load(birthRegistrationForms('2025').REGISTER);
    const row = ws.getRow(REGISTER_FIRST_DATA_ROW);
    expect(row.getCell(1).value).toBe(1);
    expect(row.getCell(2).value).toBe('000.45.20.H26-260213-0007');
    expect(row.getCell(3).value).toBe('Thủ tục đăng ký khai sinh');
    expect(row.getCell(4).value).toBe(1);
    expect(row.getCell(5).value).toBe('Nguyễn Thị Hường');
    expect(row.getCell(6).value).toBe('Thôn Đào Thục, xã Thư Lâm, thành phố Hà Nội; ĐT: 0912 345 678');
    expect(row.getCell(7).value).toBe('UBND xã Thư Lâm');
    // 10:30 in Hà Nội is what the cell shows, whatever the reader's time zone
    const received = row.getCell(8);
    expect(received.value).toBeInstanceOf(Date);
    expect((received.value as Date).toISOString()).toBe('2026-02-13T10:30:00.000Z');
    expect(received.numFmt).toBe(REGISTER_DATE_FORMAT);
    expect((row.getCell(9).value as Date).toISOString()).toBe('2026-02-16T10:30:00.000Z');
    expect((row.getCell(12).value as Date).toISOString()).toBe('2026-02-17T14:00:00.000Z');
    expect(row.getCell(13).value).toBe('Trả kết quả quá hạn');
    expect(ws.getRow(REGISTER_FIRST_DATA_ROW + 1).getCell(2).value).toBeNull();
  });

  it('labels a 2025-06 register Mẫu số 06, leaves unknown dates empty and composes decomposed text', async () => {
    const data = birthRegistrationForms('2018').REGISTER;
    const row = data.rows[0]!;
    const nfdData: RegisterData = {
      ...data,
      rows: [
        {
          ...row,
          applicantName: 'Đặng Quốc Bảo'.normalize('NFD'),
          forwardedAt: undefined,
          resultReceivedAt: undefined,
          returnedAt: undefined,
        },
      ],
    };
    const { ws } = await load(nfdData);
    expect(ws.getCell(1, REGISTER_COLUMNS.length - 1).text).toBe('Mẫu số 06');
    const r = ws.getRow(REGISTER_FIRST_DATA_ROW);
    expect(r.getCell(5).value).toBe('Đặng Quốc Bảo');
    expect(r.getCell(5).value).toBe('Đặng Quốc Bảo'.normalize('NFC'));
    expect(r.getCell(10).value).toBeNull();
    expect(r.getCell(12).value).toBeNull();
    expect((r.getCell(8).value as Date).toISOString()).toBe('2025-06-30T09:15:00.000Z');
  });
});
