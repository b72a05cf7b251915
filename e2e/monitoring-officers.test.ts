/**
 * The per-officer statistics and the on-the-spot rate in Chromium at the desk's screen: an
 * inspector opens the on-the-spot rate per centre from the monitoring overview, then an agency's
 * officers from its report, with axe on both, and downloads the Excel and PDF files; the figures
 * come from dossiers the test received.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { OFFICERS_SHEET } from '../packages/server/src/modules/monitoring/officers-export.js';
import { signInOfficer, VIEWPORTS, webSuite } from './harness.js';

const web = webSuite();

/** Two birth registrations received and accepted at phường Hoàn Kiếm's counter. */
async function receiveAtCounter(n: number): Promise<void> {
  const login = await fetch(`${web.base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'motcua.hoankiem', password: 'MotCua@2025' }),
  });
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  for (let i = 0; i < n; i++) {
    const res = await fetch(`${web.base}/api/v1/dossiers`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie,
        'x-csrf-token': csrfToken,
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify({
        procedureCode: '1.001193',
        applicant: { name: `Người nộp ${i + 1}` },
        documents: [
          { code: 'TK_KHAI_SINH', provided: true, originals: 1 },
          { code: 'GIAY_CHUNG_SINH', provided: true, originals: 1 },
        ],
        accept: true,
      }),
    });
    expect(res.status).toBe(201);
  }
}

describe('monitoring: officers and the on-the-spot rate', () => {
  it('shows the on-the-spot rate per centre and an agency’s officers', async () => {
    await receiveAtCounter(2);
    const page = await web.open('/can-bo/dang-nhap', VIEWPORTS.desk);
    await signInOfficer(page, 'thanhtra');
    await page.getByRole('link', { name: 'Theo dõi, đánh giá' }).click();
    await page.getByRole('link', { name: 'Tỷ lệ giải quyết tại chỗ theo Trung tâm' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tỷ lệ giải quyết tại chỗ' }).waitFor();
    const centre = page.getByRole('row', { name: /Ủy ban nhân dân Phường Hoàn Kiếm/ });
    await centre.waitFor();
    // two accepted, none returned yet: 0 of 2 dossiers, 0 of 1 procedure, against the commune target
    const text = await centre.innerText();
    expect(text).toContain('0/2 hồ sơ');
    expect(text).toContain('0/1 thủ tục');
    expect(text).toContain('≥ 50 %');
    expect(text).toContain('Chưa đạt');
    await web.expectAccessible(page, 'desk, on-the-spot rate');
    await web.shot(page, 'monitoring-on-the-spot');
    // the centres without dossiers have no rate, not 0 %: listed apart, out of the table
    const idle = page.getByText(
      /Trung tâm, Bộ phận Một cửa không tiếp nhận hồ sơ nào trong kỳ: \d+ \(không có dữ liệu/,
    );
    await idle.click();
    await page
      .getByRole('listitem')
      .filter({ hasText: /Phục vụ hành chính công Phường Cầu Giấy/ })
      .waitFor();
    expect(await page.getByRole('row', { name: /Phường Cầu Giấy/ }).count()).toBe(0);
    await web.expectAccessible(page, 'desk, on-the-spot rate, centres without dossiers');

    await page.getByRole('link', { name: /Theo dõi, đánh giá chất lượng/ }).click();
    const row = page.getByRole('row', { name: /Ủy ban nhân dân Phường Hoàn Kiếm/ });
    await row.getByRole('link', { name: 'Ủy ban nhân dân Phường Hoàn Kiếm' }).click();
    await page.getByRole('link', { name: 'Thống kê theo cán bộ' }).click();
    await page
      .getByRole('heading', { level: 1, name: 'Thống kê theo cán bộ — Ủy ban nhân dân Phường Hoàn Kiếm' })
      .waitFor();
    const desk = page.getByRole('row', { name: /Cán bộ một cửa \(hoankiem\)/ });
    await desk.waitFor();
    const cells = await desk.getByRole('cell').allInnerTexts();
    // received 2, neither late: both still in the desk's step, within its budget
    expect(cells.slice(0, 3)).toEqual(['2', '0', '0']);
    await web.expectAccessible(page, 'desk, officer statistics');
    // the Excel file the page offers carries the figures the table shows
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Tải về Excel' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(
      'Thống kê theo cán bộ Ủy ban nhân dân Phường Hoàn Kiếm Tháng 12-2026.xlsx',
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(await download.path()) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(OFFICERS_SHEET)!;
    const name = (await desk.getByRole('rowheader').innerText()).split('\n')[0]!.trim();
    let found = false;
    ws.eachRow((r) => {
      if (r.getCell(2).value !== name) return;
      found = true;
      expect([r.getCell(4).value, r.getCell(5).value, r.getCell(6).value]).toEqual([2, 0, 0]);
    });
    expect(found).toBe(true);
    const pdfHref = await page.getByRole('link', { name: 'Tải về PDF' }).getAttribute('href');
    const pdf = await page.context().request.get(`${web.base}${pdfHref}`);
    expect([pdf.status(), pdf.headers()['content-type']]).toEqual([200, 'application/pdf']);
    await web.shot(page, 'monitoring-officers');
  });
});
