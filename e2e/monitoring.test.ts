/**
 * The monitoring screens in Chromium at the desk's screen: an inspector sees the deployment's
 * agencies ranked on Decision 766 indicator 2.1 for this month, opens an agency's periodic report
 * and the dossiers behind its figure; every figure comes from dossiers the test created.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signInOfficer, VIEWPORTS, webSuite } from './harness.js';

const web = webSuite();

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

describe('monitoring', () => {
  it('ranks the agencies on 2.1 and opens an agency’s report', async () => {
    await receiveAtCounter(2);
    const page = await web.open('/can-bo/dang-nhap', VIEWPORTS.desk);
    await signInOfficer(page, 'thanhtra');
    await page.getByRole('link', { name: 'Theo dõi, đánh giá' }).click();
    await page
      .getByRole('heading', { level: 1, name: 'Theo dõi, đánh giá chất lượng giải quyết TTHC' })
      .waitFor();
    const row = page.getByRole('row', { name: /Ủy ban nhân dân Phường Hoàn Kiếm/ });
    await row.waitFor();
    // two dossiers received this month, both open within time
    expect(await row.innerText()).toContain('(2/2 hồ sơ)');
    // 2.1 full, and 5.2 and 5.3 full for an agency without PAKN (the [REV] reading): 32 of 32 measured
    expect(await row.innerText()).toMatch(/32 \/ 32/);
    await web.expectAccessible(page, 'desk, monitoring overview');
    await web.shot(page, 'monitoring-overview');

    await row.getByRole('link', { name: 'Ủy ban nhân dân Phường Hoàn Kiếm' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ủy ban nhân dân Phường Hoàn Kiếm' }).waitFor();
    const total = page.getByRole('row', { name: /^Tổng cộng/ });
    await total.waitFor();
    const cells = await total.getByRole('cell').allInnerTexts();
    // received 2 (new at the counter), pending 2 in time
    expect(cells.slice(0, 4)).toEqual(['2', '0', '0', '2']);
    expect(cells.slice(8, 11)).toEqual(['2', '2', '0']);
    await page.getByText('Không có hồ sơ nào quá hạn trong kỳ.').waitFor();
    await web.expectAccessible(page, 'desk, agency monitoring');
    await web.shot(page, 'monitoring-agency');
  });

  it('is not offered to a specialist', async () => {
    const page = await web.open('/can-bo/dang-nhap', VIEWPORTS.desk);
    await signInOfficer(page, 'chuyenvien.hoankiem');
    await page.getByRole('navigation', { name: 'Trình đơn' }).waitFor();
    expect(await page.getByRole('link', { name: 'Theo dõi, đánh giá' }).count()).toBe(0);
  });
});
