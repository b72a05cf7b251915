/**
 * The periodic report as Excel and PDF over the API: the workbook parsed back with exceljs and the
 * PDF's text extracted with pdf.js (as the forms' tests do) must carry the JSON report's figures,
 * the merged two-level headers and the Vietnamese text intact.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/db.js';
import { readPdf } from '../../test/pdf-text.js';
import { dossierApi, H, journey, vn } from '../dossiers/test-helpers.js';
import { REPORT_GROUPS, REPORT_HEADER_ROW, REPORT_SHEET, REPORT_TITLE } from './report-export.js';

const t = await testDatabase('demo');
const api = await dossierApi(t, vn(2026, 12, 7, 9, 0));

describe('the periodic report as files', () => {
  let agencyId: number;
  const get = (q: string) => api.get('lanhdao.hoankiem', `/api/v1/agencies/${agencyId}/report?${q}`);

  it('sets up December at phường Hoàn Kiếm', async () => {
    const returned = await journey(api, 'returned');
    agencyId = returned.competentAgencyId as number;
    await journey(api, 'appraisal');
    api.advance(26 * H);
    expect((await get('period=2026-12')).statusCode).toBe(200);
  });

  it('exports an Excel workbook with the JSON figures under merged headers', async () => {
    const json = (await get('period=2026-12')).json();
    const res = await get('period=2026-12&format=xlsx');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const cd = String(res.headers['content-disposition']);
    expect(cd).toMatch(/^attachment; filename="Bao cao TTHC [\x20-\x7e]+\.xlsx"; filename\*=UTF-8''/);
    expect(decodeURIComponent(cd.split("UTF-8''")[1]!)).toBe(
      `Báo cáo TTHC ${json.agency.name} Tháng 12-2026.xlsx`.normalize('NFC'),
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(REPORT_SHEET)!;
    expect(ws.getCell(3, 1).value).toBe(REPORT_TITLE);
    expect(ws.getCell(4, 1).value).toBe('Kỳ báo cáo: Tháng 12/2026');
    // group labels merged over their columns
    expect(ws.getCell(REPORT_HEADER_ROW, 4).value).toBe('Số hồ sơ nhận giải quyết');
    expect(ws.getCell(REPORT_HEADER_ROW, 7).isMerged).toBe(true);
    expect(ws.getCell(REPORT_HEADER_ROW, 7).master.address).toBe(ws.getCell(REPORT_HEADER_ROW, 4).address);
    expect(ws.getCell(REPORT_HEADER_ROW, 8).value).toBe('Số hồ sơ đã giải quyết');
    const columns = REPORT_GROUPS.flatMap((g) => g.columns);
    const rows = [...json.groups.map((g: { row: unknown }) => g.row), json.total];
    rows.forEach((row, i) => {
      const r = REPORT_HEADER_ROW + 2 + i;
      columns.forEach((c, j) => {
        const v = c.value(row);
        expect(ws.getCell(r, 4 + j).value ?? '').toBe(v);
      });
    });
    expect(ws.getCell(REPORT_HEADER_ROW + 2 + json.groups.length, 3).value).toBe('Tổng cộng');
    expect(ws.getCell(REPORT_HEADER_ROW + 2, 2).value).toBe(json.groups[0].code);
  });

  it('exports an A4 landscape PDF with the national header, diacritics and figures', async () => {
    const json = (await get('period=2026-12')).json();
    const res = await get('period=2026-12&format=pdf');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(String(res.headers['content-disposition'])).toMatch(
      /filename="[\x20-\x7e]+\.pdf"; filename\*=UTF-8''/,
    );
    const pdf = res.rawPayload;
    const { text, pages } = await readPdf(pdf);
    expect(pages[0]!.width).toBeGreaterThan(pages[0]!.height);
    for (const s of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      REPORT_TITLE,
      'Kỳ báo cáo: Tháng 12/2026',
      'Số hồ sơ đang giải quyết',
      'Thủ tục đăng ký khai sinh',
      'Tổng cộng',
    ])
      expect(text).toContain(s);
    const t = json.total;
    // the totals row: Tổng cộng followed by its figures in column order
    const figures = REPORT_GROUPS.flatMap((g) => g.columns).map((c) => String(c.value(t)));
    expect(text).toContain(`Tổng cộng ${figures.join(' ')}`);
  });

  it('refuses a bad period and an unknown agency in any format', async () => {
    const bad = await get('from=2026-12-31&to=2026-12-01&format=xlsx');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('PERIOD_RANGE_REVERSED');
    expect((await get('period=2026-12&format=doc')).statusCode).toBe(400);
    const unknown = await api.get('admin', '/api/v1/agencies/999999/report?period=2026-12&format=pdf');
    expect([403, 404]).toContain(unknown.statusCode);
  });
});
