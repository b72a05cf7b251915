/**
 * One harness for the browser tests: the real server on a demo database (the application's own
 * database role, a private files folder), Debian's Chromium, axe-core, and screenshots. A test file
 * calls `webSuite()` once at its top level and gets what it needs to drive pages.
 *
 * Screenshots go to $MOTCUA_SCREENSHOTS (docs/screenshots with `npm run screenshots`), otherwise
 * to $TMPDIR/motcua-web-screenshots.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { testApp } from '../packages/server/src/test/app.js';
import { type TestDatabase, testDatabase } from '../packages/server/src/test/db.js';
import { checkA11y, launchBrowser } from './browser.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const web = path.join(root, 'packages/web');

export const VIEWPORTS = {
  phone: { width: 360, height: 740 },
  desk: { width: 1366, height: 768 },
} as const;
export type Viewport = { width: number; height: number };

/** The newest modification time under a path, to tell whether dist is older than its sources. */
function newest(p: string): number {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...fs.readdirSync(p).map((f) => newest(path.join(p, f))));
}

/** `npm test` builds the web app first (pretest); a bare `vitest run` after an edit must not test a stale build. */
export function ensureWebBuild() {
  const index = path.join(web, 'dist/index.html');
  const sources = Math.max(newest(path.join(web, 'src')), newest(path.join(web, 'index.html')));
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= sources) return;
  // vitest sets NODE_ENV=test, which would make Vite bundle React's development build
  execFileSync('npm', ['run', 'build', '-w', '@motcua/web'], {
    cwd: root,
    stdio: 'pipe',
    env: { ...process.env, NODE_ENV: 'production' },
  });
}

export const screenshotDir = () =>
  path.resolve(root, process.env.MOTCUA_SCREENSHOTS ?? path.join(os.tmpdir(), 'motcua-web-screenshots'));

export interface WebSuite {
  /** the server's origin, e.g. http://127.0.0.1:41234 */
  readonly base: string;
  /** the test database (the migration role: for reading what a phone or mailbox would receive) */
  readonly t: TestDatabase;
  /** a fresh browser context (no cookies), Vietnamese, at `path` */
  open(path?: string, viewport?: Viewport): Promise<Page>;
  /** zero WCAG 2.1 A/AA violations, or a failure listing them */
  expectAccessible(page: Page, context: string): Promise<void>;
  /** a full-page screenshot named `name`.png */
  shot(page: Page, name: string): Promise<void>;
  /** the one-time code last sent to a citizen (read from the outbox, as their phone would show it) */
  lastCitizenCode(): Promise<string>;
}

export function webSuite(opts: { env?: Record<string, string>; clock?: () => number } = {}): WebSuite {
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  const state = { base: '', t: undefined as TestDatabase | undefined };
  let filesDir = '';

  beforeAll(async () => {
    ensureWebBuild();
    // the browser first: without Chromium every test fails at once with the install hint
    browser = await launchBrowser();
    state.t = await testDatabase('demo');
    filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-e2e-files-'));
    const app = await testApp(
      state.t.appDb,
      { MOTCUA_FILES_DIR: filesDir, ...(opts.env ?? {}) },
      opts.clock ? { clock: opts.clock } : {},
    );
    state.base = await app.listen({ port: 0, host: '127.0.0.1' });
    fs.mkdirSync(screenshotDir(), { recursive: true });
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
    // an uncaught exception in the page fails the test that caused it
    expect(pageErrors.splice(0)).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    if (filesDir) fs.rmSync(filesDir, { recursive: true, force: true });
  });

  return {
    get base() {
      return state.base;
    },
    get t() {
      if (!state.t) throw new Error('the suite has not started');
      return state.t;
    },
    async open(to = '/', viewport = VIEWPORTS.desk) {
      if (!browser) throw new Error('the browser did not start');
      const context = await browser.newContext({
        viewport,
        locale: 'vi-VN',
        baseURL: state.base,
        acceptDownloads: true,
      });
      contexts.push(context);
      // short waits: a missing element should fail in seconds, not at the test timeout
      context.setDefaultTimeout(10_000);
      const page = await context.newPage();
      page.on('pageerror', (e) => pageErrors.push(e.message));
      await page.goto(to);
      return page;
    },
    async expectAccessible(page, context) {
      const { violations, report } = await checkA11y(page, context);
      expect(violations, report).toHaveLength(0);
    },
    async shot(page, name) {
      await page.screenshot({ path: path.join(screenshotDir(), `${name}.png`), fullPage: true });
    },
    async lastCitizenCode() {
      if (!state.t) throw new Error('the suite has not started');
      const sms = await state.t.db
        .selectFrom('outbox_messages')
        .select('payload')
        .where('topic', 'like', 'citizen%')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      const code = /\b(\d{6})\b/.exec(JSON.stringify(sms.payload))?.[1];
      if (!code) throw new Error('no one-time code in the last citizen message');
      return code;
    },
  };
}

/** Signs a demo officer in through the sign-in page and waits for their home screen. */
export async function signInOfficer(page: Page, username: string, password = 'MotCua@2025') {
  await page.goto('/can-bo/dang-nhap');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByLabel('Mật khẩu', { exact: true }).press('Enter');
  await page.waitForURL((u) => !u.pathname.startsWith('/can-bo/dang-nhap'));
}

/** What has the keyboard focus, and whether its focus indicator can be seen. */
export function focused(page: Page) {
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

/** Horizontal overflow of the page in CSS pixels (WCAG 1.4.10 reflow wants none on a phone). */
export function sidewaysOverflow(page: Page) {
  return page.evaluate(() => {
    const el = (globalThis as unknown as { document: { documentElement: Record<string, number> } }).document
      .documentElement;
    return (el.scrollWidth ?? 0) - (el.clientWidth ?? 0);
  });
}
