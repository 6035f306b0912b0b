import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium, type WebHarness } from './web-harness';

export const CHROMIUM = findChromium();
export const SCREENSHOTS = path.join(__dirname, '..', 'output', 'web');

/** jest's describe, or a loudly announced skip when this machine has no Chromium. */
export function describeInBrowser(name: string, body: () => void): void {
  if (CHROMIUM) {
    describe(name, body);
    return;
  }
  process.stderr.write(`\n*** SKIPPED: ${name}: no Chromium found (set CHROMIUM_PATH, or apt-get install chromium) ***\n\n`);
  describe.skip(name, body);
}

export const launch = (): Promise<Browser> => chromium.launch({ executablePath: CHROMIUM!, args: CHROMIUM_ARGS });

type Cookies = Awaited<ReturnType<BrowserContext['cookies']>>;
const sessions = new WeakMap<WebHarness, Map<string, Cookies>>();

/**
 * A browser profile signed in as this person. The first call signs in through a real link; later
 * calls reuse that session's cookie (links are rate-limited per person, as they should be).
 */
export async function signedIn(
  browser: Browser, h: WebHarness, userId: string, opts: { viewport?: { width: number; height: number } } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: h.app.url, viewport: opts.viewport ?? { width: 1280, height: 900 } });
  const page = await context.newPage();
  const known = sessions.get(h) ?? new Map<string, Cookies>();
  sessions.set(h, known);
  const cookies = known.get(userId);
  if (cookies) {
    await context.addCookies(cookies);
    await page.goto('/tickets');
  } else {
    const res = await page.goto(await h.loginPath(userId));
    if (res?.status() !== 200 || !page.url().endsWith('/tickets')) throw new Error(`sign-in failed: ${res?.status()} ${page.url()}`);
    known.set(userId, await context.cookies());
  }
  return { context, page };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core run inside the page (evaluated through the DevTools protocol, so the CSP stays as it is). */
export async function seriousAxeViolations(page: Page): Promise<{ id: string; impact: string | null; help: string; targets: string[] }[]> {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    // axe is what the evaluated script defined on window.
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run()).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.flatMap((n) => n.target) }));
}

/** The page's HTML status for a navigation. */
export async function statusOf(page: Page, url: string): Promise<number> {
  const res = await page.goto(url);
  return res?.status() ?? 0;
}
