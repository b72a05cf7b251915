/**
 * The citizen portal's public pages in Chromium: a procedure's page (papers, fees and time limits
 * per way, where to submit, legal basis) reached from the home's search, and the public tracking
 * of a dossier by its code (typed, or opened from the receipt's QR), on a phone and a desk screen,
 * accessible (axe), with no sideways scrolling on the phone.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sidewaysOverflow, VIEWPORTS, webSuite } from './harness.js';

const web = webSuite();

/** A birth registration handed in and accepted at the Hoàn Kiếm counter, through the API. */
async function acceptedDossierCode(): Promise<string> {
  const login = await fetch(`${web.base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'motcua.hoankiem', password: 'MotCua@2025' }),
  });
  expect(login.status).toBe(200);
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
      applicant: { name: 'Trần Văn Bình', identityNumber: '001090001234', phone: '0987654321' },
      documents: [
        { code: 'TK_KHAI_SINH', provided: true, originals: 1 },
        { code: 'GIAY_CHUNG_SINH', provided: true, originals: 1 },
      ],
      accept: true,
    }),
  });
  const body = (await res.json()) as { dossier: { code: string } };
  expect(res.status, JSON.stringify(body)).toBe(201);
  return body.dossier.code;
}

describe('the portal’s public pages', () => {
  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    it(`shows a procedure’s page from the search, accessibly, on the ${name} screen`, async () => {
      const api = (await (await fetch(`${web.base}/api/v1/procedures/1.001193?tenant=ha-noi`)).json()) as {
        content: { name: string; documents: { name: string }[]; legalBasis: { number: string }[] };
        implementations: { agencyName: string }[];
      };
      const page = await web.open('/', viewport);
      await page.getByRole('searchbox', { name: /Tên hoặc mã thủ tục/ }).fill('khai sinh');
      await page.locator('a[href="/thu-tuc/1.001193"]').click();
      await page.getByRole('heading', { level: 1, name: api.content.name }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/thu-tuc/1.001193');
      const docs = page.getByRole('region', { name: 'Thành phần hồ sơ' }).getByRole('listitem');
      expect(await docs.count()).toBe(api.content.documents.length);
      await expect.poll(() => docs.first().innerText()).toContain(api.content.documents[0]!.name);
      const ways = page.getByRole('region', { name: 'Cách thức thực hiện, thời hạn và phí' });
      for (const w of ['Trực tiếp', 'Trực tuyến', 'Qua bưu chính'])
        await ways.getByRole('rowheader', { name: w }).waitFor();
      await ways.getByText('8.000 ₫').first().waitFor();
      const where = page.getByRole('region', { name: 'Nơi tiếp nhận và giải quyết' });
      expect(api.implementations.length).toBeGreaterThan(0);
      if (api.implementations.length > 8)
        await where.getByText(`Xem ${api.implementations.length} cơ quan thực hiện`).click();
      await where.getByText(api.implementations[0]!.agencyName, { exact: true }).waitFor();
      await page.getByText(api.content.legalBasis[0]!.number, { exact: false }).first().waitFor();
      await page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).waitFor();
      await web.expectAccessible(page, `${name}, procedure page`);
      if (name === 'phone') expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
      await web.shot(page, `portal-procedure-${name}`);
    });
  }

  it('says plainly when a procedure code does not exist', async () => {
    const page = await web.open('/thu-tuc/9.999999', VIEWPORTS.phone);
    await page.getByRole('heading', { level: 1, name: 'Không tìm thấy thủ tục' }).waitFor();
    await web.expectAccessible(page, 'phone, unknown procedure');
  });

  it('tracks a dossier by its code, typed or from the QR, without sign-in and without personal data', async () => {
    const code = await acceptedDossierCode();
    const page = await web.open('/tra-cuu', VIEWPORTS.phone);
    await page.getByRole('heading', { level: 1, name: 'Tra cứu tình trạng hồ sơ' }).waitFor();
    await web.expectAccessible(page, 'phone, tracking form');
    // a malformed code is refused in the page, with the reason
    await page.getByLabel('Mã hồ sơ').fill('abc');
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await page.getByRole('alert').filter({ hasText: 'Mã hồ sơ chưa đúng dạng' }).waitFor();
    await page.getByLabel('Mã hồ sơ').fill(code.toLowerCase());
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    const found = page.getByRole('region', { name: `Hồ sơ ${code}` });
    await found.waitFor();
    expect(new URL(page.url()).pathname).toBe(`/tra-cuu/${code}`);
    const text = await found.innerText();
    expect(text).toContain('Thủ tục đăng ký khai sinh');
    expect(text).toContain('Đã tiếp nhận (2)');
    expect(text).toContain('Ủy ban nhân dân Phường Hoàn Kiếm');
    expect(text).toMatch(/Âm lịch/);
    // the applicant's name and phone are not shown
    expect(text).not.toContain('Trần Văn Bình');
    expect(text).not.toContain('0987654321');
    await web.expectAccessible(page, 'phone, tracking result');
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await web.shot(page, 'portal-tracking-phone');

    // the QR's address opens the same answer directly
    const qr = await web.open(`/tra-cuu/${code}`, VIEWPORTS.desk);
    await qr.getByRole('region', { name: `Hồ sơ ${code}` }).waitFor();
    const unknown = await web.open('/tra-cuu/000.04.99.H26-261207-9999', VIEWPORTS.phone);
    await unknown.getByRole('heading', { name: 'Không tìm thấy hồ sơ' }).waitFor();
    await web.expectAccessible(unknown, 'phone, unknown dossier');
  });
});
