/**
 * The web app in a real browser against the real server and a demo database: accessible (axe,
 * WCAG 2.1 AA) on a phone and a desk screen, Vietnamese, usable with the keyboard alone.
 * Screenshots land in $TMPDIR/motcua-web-screenshots for a human (or CI artifact) to look at.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../packages/server/src/test/app.js';
import { testDatabase } from '../packages/server/src/test/db.js';
import { checkA11y, launchBrowser } from './browser.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const web = path.join(root, 'packages/web');
const shots = path.join(os.tmpdir(), 'motcua-web-screenshots');

const VIEWPORTS = {
  phone: { width: 360, height: 740 },
  desk: { width: 1366, height: 768 },
} as const;
const OFFICER = { username: 'motcua.tinh', password: 'MotCua@2025', fullName: 'Vũ Thị Nhận' };

/** The newest modification time under a path, to tell whether dist is older than its sources. */
function newest(p: string): number {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...fs.readdirSync(p).map((f) => newest(path.join(p, f))));
}

/** `npm test` builds the web app first (pretest); a bare `vitest run` after an edit must not test a stale build. */
function ensureWebBuild() {
  const index = path.join(web, 'dist/index.html');
  const sources = Math.max(newest(path.join(web, 'src')), newest(path.join(web, 'index.html')));
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= sources) return;
  execFileSync('npm', ['run', 'build', '-w', '@motcua/web'], { cwd: root, stdio: 'pipe' });
}

let browser: Browser | undefined;
let base = '';
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  ensureWebBuild();
  // the browser first: without Chromium every test fails at once with the install hint
  browser = await launchBrowser();
  const t = await testDatabase('demo');
  const app = await testApp(t.db);
  base = await app.listen({ port: 0, host: '127.0.0.1' });
  fs.mkdirSync(shots, { recursive: true });
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
  // an uncaught exception in the page fails the test that caused it
  expect(pageErrors.splice(0)).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
});

async function open(viewport: { width: number; height: number } = VIEWPORTS.phone): Promise<Page> {
  if (!browser) throw new Error('the browser did not start');
  const context = await browser.newContext({ viewport, locale: 'vi-VN', baseURL: base });
  contexts.push(context);
  // short waits: a missing element should fail in seconds, not at the 60 s test timeout
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto('/');
  await expectResults(page);
  return page;
}

const expectResults = (page: Page) =>
  page.getByText(/^Tìm thấy [\d.]+ thủ tục$/).waitFor({ state: 'visible' });

async function expectAccessible(page: Page, context: string) {
  const { violations, report } = await checkA11y(page, context);
  expect(violations, report).toHaveLength(0);
}

/** What has the keyboard focus, and whether its focus indicator can be seen. */
function focused(page: Page) {
  return page.evaluate(() => {
    const g = globalThis as unknown as {
      document: {
        activeElement: {
          tagName: string;
          getAttribute(n: string): string | null;
          textContent: string | null;
          labels?: ArrayLike<{ textContent: string | null }>;
        } | null;
      };
      getComputedStyle(el: unknown): { outlineStyle: string; outlineWidth: string };
    };
    const el = g.document.activeElement;
    if (!el) return null;
    const style = g.getComputedStyle(el);
    return {
      tag: el.tagName.toLowerCase(),
      name: (el.labels?.[0]?.textContent ?? el.getAttribute('aria-label') ?? el.textContent ?? '').trim(),
      outline: style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2,
    };
  });
}

describe('the web app in Chromium', () => {
  it('has a harness that catches a violation (so a pass means something)', async () => {
    if (!browser) throw new Error('the browser did not start');
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
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
    it(`is accessible and fits the ${name} screen (${viewport.width}×${viewport.height})`, async () => {
      const page = await open(viewport);
      await expect.poll(() => page.locator('.results li').count()).toBe(10);
      await expectAccessible(page, `${name}, signed out`);
      // nothing may force sideways scrolling on a phone (WCAG 1.4.10 reflow)
      const overflow = await page.evaluate(() => {
        const el = (globalThis as unknown as { document: { documentElement: Record<string, number> } })
          .document.documentElement;
        return (el.scrollWidth ?? 0) - (el.clientWidth ?? 0);
      });
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
    });
  }

  it('is Vietnamese, has one h1 and a labelled search that ignores diacritics', async () => {
    // the data first: a UI failure below then cannot be a missing procedure
    const api = await fetch(
      `${base}/api/v1/procedures?limit=10&q=${encodeURIComponent('dang ky khai sinh')}`,
    );
    const found = (await api.json()) as { items: { code: string; name: string }[] };
    expect(found.items).toContainEqual(
      expect.objectContaining({ code: '1.001193', name: 'Thủ tục đăng ký khai sinh' }),
    );

    const page = await open();
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    expect(await page.title()).toMatch(/thủ tục hành chính/);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).count()).toBe(1);
    for (const landmark of ['banner', 'main', 'contentinfo'] as const)
      expect(await page.getByRole(landmark).count(), landmark).toBe(1);

    const search = page.getByRole('searchbox', { name: /Tên hoặc mã thủ tục/ });
    await search.click();
    await page.keyboard.type('dang ky khai sinh');
    const birth = page.locator('.results li', { hasText: '1.001193' });
    await birth.waitFor();
    expect(await birth.textContent()).toContain('Thủ tục đăng ký khai sinh');
    // every hit is a birth registration, whatever the diacritics in its name
    for (const item of await page.locator('.results li').allTextContents())
      expect(item.toLowerCase()).toContain('khai sinh');
    await expectAccessible(page, 'phone, search results');
  });

  it('reaches the search and the sign-in fields with Tab, with a visible focus', async () => {
    const page = await open(VIEWPORTS.desk);
    const reached: { tag: string; name: string; outline: boolean }[] = [];
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      const f = await focused(page);
      // past the last control the focus leaves for the browser's own chrome (the body)
      if (f && f.tag !== 'body') reached.push(f);
    }
    const names = reached.map((f) => f.name);
    const at = [/^Tên hoặc mã thủ tục/, /^Tên đăng nhập$/, /^Mật khẩu$/, /^Đăng nhập$/].map((re) =>
      names.findIndex((n) => re.test(n)),
    );
    expect(at, names.join(' → ')).not.toContain(-1);
    expect(at, names.join(' → ')).toEqual([...at].sort((a, b) => a - b));
    for (const f of reached) expect(f.outline, `focus outline on ${f.tag} "${f.name}"`).toBe(true);
  });

  it('signs an officer in and out with the keyboard alone', async () => {
    const page = await open(VIEWPORTS.desk);
    await page.getByLabel('Tên đăng nhập').focus();
    await page.keyboard.type(OFFICER.username);
    await page.keyboard.press('Tab');
    await page.keyboard.type(OFFICER.password);
    await page.keyboard.press('Enter');

    const greeting = page.getByRole('heading', { name: `Xin chào, ${OFFICER.fullName}` });
    await greeting.waitFor();
    await page
      .getByText(/Cán bộ một cửa/)
      .first()
      .waitFor();
    // the form the focus was in is gone: the focus moves to the greeting so a screen reader says it
    expect((await focused(page))?.name).toBe(`Xin chào, ${OFFICER.fullName}`);
    await expectAccessible(page, 'desk, signed in');
    await page.screenshot({ path: path.join(shots, 'desk-signed-in.png'), fullPage: true });

    await page.getByRole('button', { name: 'Đăng xuất' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Đăng nhập cán bộ' }).waitFor();
    expect(await greeting.count()).toBe(0);
    expect((await focused(page))?.name).toBe('Đăng nhập cán bộ');
    // signed out on the server too, not just in the page
    await page.reload();
    await expectResults(page);
    expect(await page.getByRole('heading', { name: 'Đăng nhập cán bộ' }).count()).toBe(1);
  });

  it('says in Vietnamese, in an alert, that the password is wrong', async () => {
    const page = await open();
    await page.getByLabel('Tên đăng nhập').fill(OFFICER.username);
    await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
    await page.getByLabel('Mật khẩu').press('Enter');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe('Sai tên đăng nhập hoặc mật khẩu');
    await expectAccessible(page, 'phone, wrong password');
    await page.screenshot({ path: path.join(shots, 'phone-wrong-password.png'), fullPage: true });
  });
});
