/**
 * The dashboards in Chromium: a leader's province overview with figures that change after a
 * dossier moves through the API, the big screen refreshing itself, and the public transparency
 * page on a phone without sign-in and without personal data; axe on each.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sidewaysOverflow, signInOfficer, VIEWPORTS, webSuite } from './harness.js';

const web = webSuite();

async function receiveAtCounter(name: string): Promise<void> {
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
      applicant: { name },
      documents: [
        { code: 'TK_KHAI_SINH', provided: true, originals: 1 },
        { code: 'GIAY_CHUNG_SINH', provided: true, originals: 1 },
      ],
      accept: true,
    }),
  });
  expect(res.status).toBe(201);
}

const todayReceived = async (page: import('playwright-core').Page) =>
  (
    await page
      .getByRole('row', { name: /^Hôm nay/ })
      .getByRole('cell')
      .allInnerTexts()
  )[0];

describe('dashboards', () => {
  it('shows a leader the province overview, and new figures after a dossier moves', async () => {
    await receiveAtCounter('Trần Văn Một');
    const page = await web.open('/can-bo/dang-nhap', VIEWPORTS.desk);
    await signInOfficer(page, 'thanhtra');
    await page.goto('/theo-doi');
    await page.getByRole('heading', { level: 2, name: /^Toàn tỉnh/ }).waitFor();
    expect(await todayReceived(page)).toBe('1');
    await page.getByRole('table', { name: /Điểm theo tháng/ }).waitFor();
    await page.getByRole('table', { name: /Kênh tiếp nhận/ }).waitFor();
    await page
      .getByText(/Số liệu lúc/)
      .first()
      .waitFor();
    await web.expectAccessible(page, 'desk, province overview');
    await web.shot(page, 'monitoring-dashboard');

    await receiveAtCounter('Trần Văn Hai');
    await page.reload();
    await page.getByRole('row', { name: /^Hôm nay/ }).waitFor();
    expect(await todayReceived(page)).toBe('2');
  });

  it('runs the big screen, which refreshes itself', async () => {
    const page = await web.open('/can-bo/dang-nhap', VIEWPORTS.desk);
    await signInOfficer(page, 'thanhtra');
    await page.clock.install();
    await page.goto('/theo-doi/man-hinh');
    await page.getByRole('heading', { level: 1, name: 'Bảng theo dõi giải quyết TTHC' }).waitFor();
    const tile = page.locator('.tv-counts .tiles').first().locator('dd').first();
    const before = Number(await tile.innerText());
    await page.getByText(/Tự làm mới mỗi 30 giây/).waitFor();
    await web.expectAccessible(page, 'big screen');
    await web.shot(page, 'monitoring-tv');
    await receiveAtCounter('Trần Văn Ba');
    await page.clock.fastForward(31_000);
    await expect.poll(async () => Number(await tile.innerText()), { timeout: 10_000 }).toBe(before + 1);
  });

  it('publishes per-agency figures on a phone without sign-in or personal data', async () => {
    const page = await web.open('/minh-bach', VIEWPORTS.phone);
    await page
      .getByRole('heading', { level: 1, name: 'Công khai kết quả giải quyết thủ tục hành chính' })
      .waitFor();
    const card = page.getByRole('article', { name: /Phường Hoàn Kiếm/ });
    await card.waitFor();
    const text = await page.locator('main').innerText();
    expect(text).toContain('Giải quyết đúng hạn');
    expect(text).toContain('chưa có dữ liệu');
    for (const name of ['Trần Văn Một', 'Trần Văn Hai', 'Trần Văn Ba']) expect(text).not.toContain(name);
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await web.expectAccessible(page, 'phone, transparency');
    await web.shot(page, 'portal-transparency-phone');
  });
});
