/**
 * The app's frame in a real browser: the portal's home and the officers' sign-in, accessible
 * (axe, WCAG 2.1 AA) on a phone and a desk screen, Vietnamese first, usable with the keyboard alone.
 */
import { describe, expect, it } from 'vitest';
import { checkA11y } from './browser.js';
import { focused, sidewaysOverflow, VIEWPORTS, webSuite } from './harness.js';

const OFFICER = { username: 'motcua.tinh', password: 'MotCua@2025', fullName: 'Vũ Thị Nhận' };
const web = webSuite();

const expectResults = (page: import('playwright-core').Page) =>
  page.getByText(/^Tìm thấy [\d.]+ thủ tục$/).waitFor({ state: 'visible' });

describe('the web app in Chromium', () => {
  it('has a harness that catches a violation (so a pass means something)', async () => {
    const page = await web.open('/api/health');
    await page.setContent('<html><body><img src="x.png"><p style="color:#bbb">nhạt</p></body></html>');
    const { violations, report } = await checkA11y(page, 'a bad page on purpose');
    expect(violations.map((v) => v.id).sort()).toEqual([
      'color-contrast',
      'document-title',
      'html-has-lang',
      'image-alt',
    ]);
    expect(report).toMatch(/image-alt \[critical\] .*\n.*dequeuniversity.*\n {2}- img\n/);
  });

  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    it(`shows the portal's home accessibly on the ${name} screen (${viewport.width}×${viewport.height})`, async () => {
      const page = await web.open('/', viewport);
      await expectResults(page);
      await expect.poll(() => page.locator('.results li').count()).toBe(10);
      await web.expectAccessible(page, `${name}, portal home`);
      // nothing may force sideways scrolling on a phone (WCAG 1.4.10 reflow)
      expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
      await web.shot(page, `portal-home-${name}`);
    });
  }

  it('is Vietnamese, has one h1 and a labelled search that ignores diacritics', async () => {
    // the data first: a UI failure below then cannot be a missing procedure
    const api = await fetch(
      `${web.base}/api/v1/procedures?limit=10&q=${encodeURIComponent('dang ky khai sinh')}`,
    );
    const found = (await api.json()) as { items: { code: string; name: string }[] };
    expect(found.items).toContainEqual(
      expect.objectContaining({ code: '1.001193', name: 'Thủ tục đăng ký khai sinh' }),
    );

    const page = await web.open('/', VIEWPORTS.phone);
    await expectResults(page);
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    expect(await page.title()).toMatch(/MotCua/);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).count()).toBe(1);
    for (const landmark of ['banner', 'main', 'contentinfo'] as const)
      expect(await page.getByRole(landmark).count(), landmark).toBe(1);

    const search = page.getByRole('searchbox', { name: /Tên hoặc mã thủ tục/ });
    await search.click();
    await page.keyboard.type('dang ky khai sinh');
    // the answer to the whole query, not to what was typed on the way
    await page.getByText(/^Tìm thấy [\d.]+ thủ tục$/).waitFor();
    await page.locator('.results[aria-busy="false"]').waitFor();
    await expect.poll(() => page.inputValue('input[type=search]')).toBe('dang ky khai sinh');
    const birth = page.locator('.results li', { hasText: '1.001193' });
    await birth.waitFor();
    expect(await birth.textContent()).toContain('Thủ tục đăng ký khai sinh');
    // every hit is a birth registration, whatever the diacritics in its name
    for (const item of await page.locator('.results li').allTextContents())
      expect(item.toLowerCase()).toContain('khai sinh');
    await web.expectAccessible(page, 'phone, search results');
  });

  it('switches to English and back, and remembers the choice', async () => {
    const page = await web.open('/', VIEWPORTS.phone);
    await expectResults(page);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'One-stop public services' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'One-stop public services' }).waitFor();
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dịch vụ công một cửa' }).waitFor();
  });

  it('starts with a skip link and reaches the search with Tab, with a visible focus', async () => {
    const page = await web.open('/', VIEWPORTS.desk);
    await expectResults(page);
    const reached: { tag: string; name: string; outline: boolean }[] = [];
    // until the search box, however many links the menu holds (at most 15 stops)
    const search = /^Tên hoặc mã thủ tục/;
    for (let i = 0; i < 15 && !reached.some((f) => search.test(f.name)); i++) {
      await page.keyboard.press('Tab');
      const f = await focused(page);
      if (f && f.tag !== 'body') reached.push(f);
    }
    const names = reached.map((f) => f.name);
    expect(names[0]).toBe('Bỏ qua, tới nội dung chính');
    const at = [/^MotCua/, /^Trang chủ$/, /^Tra cứu hồ sơ$/, search].map((re) =>
      names.findIndex((n) => re.test(n)),
    );
    expect(at, names.join(' → ')).not.toContain(-1);
    expect(at, names.join(' → ')).toEqual([...at].sort((a, b) => a - b));
    for (const f of reached) expect(f.outline, `focus outline on ${f.tag} "${f.name}"`).toBe(true);
  });

  it('signs an officer in and out with the keyboard alone', async () => {
    const page = await web.open('/can-bo/dang-nhap', VIEWPORTS.desk);
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập cán bộ' }).waitFor();
    await web.expectAccessible(page, 'desk, officer sign-in');
    await web.shot(page, 'officer-sign-in');
    // the user name field has the focus on arrival
    expect((await focused(page))?.name).toBe('Tên đăng nhập');
    await page.keyboard.type(OFFICER.username);
    await page.keyboard.press('Tab');
    await page.keyboard.type(OFFICER.password);
    await page.keyboard.press('Enter');

    await page.getByText(OFFICER.fullName).waitFor();
    await page
      .getByText(/Cán bộ một cửa/)
      .first()
      .waitFor();
    expect(new URL(page.url()).pathname).toBe('/mot-cua/tiep-nhan');

    await page.getByRole('button', { name: 'Đăng xuất' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập cán bộ' }).waitFor();
    // signed out on the server too, not just in the page
    await page.goto('/can-bo');
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập cán bộ' }).waitFor();
    expect(new URL(page.url()).searchParams.get('next')).toBe('/can-bo');
  });

  it('says in Vietnamese, in an alert, that the password is wrong', async () => {
    const page = await web.open('/can-bo/dang-nhap', VIEWPORTS.phone);
    await page.getByLabel('Tên đăng nhập').fill(OFFICER.username);
    await page.getByLabel('Mật khẩu', { exact: true }).fill('sai-mat-khau');
    await page.getByLabel('Mật khẩu', { exact: true }).press('Enter');
    const alert = page.getByRole('alert').filter({ hasText: 'Sai tên đăng nhập hoặc mật khẩu' });
    await alert.waitFor();
    await web.expectAccessible(page, 'phone, wrong password');
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
  });
});
