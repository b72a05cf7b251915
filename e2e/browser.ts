/**
 * Real-browser helpers for the end-to-end tests: Debian's Chromium driven by playwright-core, and
 * axe-core for WCAG 2.1 AA. A browser is never downloaded; the system one is required.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Result } from 'axe-core';
import { type Browser, chromium, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/** The WCAG 2.1 A and AA rules; best-practice rules are left out so a failure always means a WCAG breach. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(
      `Chromium is missing at ${CHROMIUM}. Install Debian's package: ` +
        '`sudo apt-get update && sudo apt-get install -y chromium` (do not download a browser with playwright).',
    );
  // playwright gives every launch a fresh temporary --user-data-dir and removes it on close, so no
  // profile state leaks between runs. The flags keep Chromium off the network: this machine (and CI)
  // refuses its background traffic, and a refused request would only slow the start.
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

let axeSource: string | null = null;

/**
 * Runs axe-core against the whole document: the WCAG 2.1 AA violations, and a report of them that
 * names the context (viewport, state) so a failure says where to look.
 */
export async function checkA11y(
  page: Page,
  context: string,
): Promise<{ violations: Result[]; report: string }> {
  axeSource ??= fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  // a page keeps axe across checks until it navigates, and injecting it twice makes axe throw
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.addScriptTag({ content: axeSource });
  // Colours are judged as they settle: a dialog still fading in (Ant Design's opening animation)
  // shows washed-out text that no user reads. Finite animations are awaited (at most 2 s), endless
  // ones (spinners) are not.
  await page.evaluate(async () => {
    const d = (globalThis as unknown as { document: { getAnimations(): Animation[] } }).document;
    type Animation = { finished: Promise<unknown>; effect: { getTiming(): { iterations?: number } } | null };
    const finite = d
      .getAnimations()
      .filter((a) => a.effect?.getTiming().iterations !== Number.POSITIVE_INFINITY);
    await Promise.race([
      Promise.all(finite.map((a) => a.finished.catch(() => undefined))),
      new Promise((resolve) => setTimeout(resolve, 2000)),
    ]);
  });
  const violations = await page.evaluate(async (values) => {
    // the root tsconfig has no DOM types (it also checks the server), hence the narrow shape
    const g = globalThis as unknown as {
      document: unknown;
      axe: { run(context: unknown, options: unknown): Promise<{ violations: Result[] }> };
    };
    const results = await g.axe.run(g.document, { runOnly: { type: 'tag', values } });
    return results.violations;
  }, WCAG_TAGS);
  return { violations, report: formatViolations(violations, context) };
}

/** One readable block per violation: rule, impact, what to do, and each offending node. */
export function formatViolations(violations: readonly Result[], context: string): string {
  if (violations.length === 0) return '';
  const lines = [`${violations.length} accessibility violation(s) — ${context}:`];
  for (const v of violations) {
    lines.push(`• ${v.id} [${v.impact ?? 'unknown'}] ${v.help}`, `  ${v.helpUrl}`);
    for (const n of v.nodes) {
      lines.push(`  - ${n.target.join(' ')}`, `    ${n.html}`);
      if (n.failureSummary) lines.push(...n.failureSummary.split('\n').map((l) => `    ${l}`));
    }
  }
  return lines.join('\n');
}
