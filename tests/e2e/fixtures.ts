import AxeBuilder from '@axe-core/playwright';
import { type Browser, test as base, expect, type Locator, type Page } from '@playwright/test';

type Fixtures = {
  /**
   * Runs axe on the page as it is now and fails on any violation. `scripts: false` for a page from a
   * context of its own with JavaScript off (the test's own setting is the default).
   */
  expectAccessible: (page?: Page, options?: { scripts?: boolean }) => Promise<void>;
  /** Every request that left our origin during the test; asserted empty after it. */
  foreignRequests: string[];
};

/**
 * The base test for every browser test: axe on demand, no request to another origin, and no
 * console error or uncaught exception in the page.
 */
export const test = base.extend<Fixtures>({
  foreignRequests: async ({ context, baseURL }, use) => {
    const origin = new URL(baseURL ?? 'http://127.0.0.1').origin;
    const foreign: string[] = [];
    context.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith('data:') && new URL(url).origin !== origin) foreign.push(url);
    });
    await use(foreign);
    expect(foreign, 'requests to other origins').toEqual([]);
  },
  page: async ({ page, foreignRequests }, use) => {
    void foreignRequests;
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && !/status of 40[049]/.test(message.text()))
        problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await use(page);
    expect(problems, 'console errors and uncaught exceptions in the page').toEqual([]);
  },
  expectAccessible: async ({ page, browser, javaScriptEnabled }, use) => {
    await use(async (target = page, options = {}) => {
      const results = await axe(target, browser, options.scripts ?? javaScriptEnabled !== false);
      const summary = results.violations.map(
        (v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`,
      );
      expect(summary, `axe violations on ${target.url()}`).toEqual([]);
    });
  },
});

export { expect };

/**
 * axe runs inside the page, so a page with JavaScript disabled is checked through a twin: a context that
 * runs scripts, with the same cookies, shown the same document at the same URL. The document is handed
 * over rather than fetched again, because a form's errors are the answer to a POST that a GET of its URL
 * would not show. The server HTML is what is checked either way.
 */
async function axe(target: Page, browser: Browser, scripts: boolean) {
  const context = target.context();
  if (scripts) return new AxeBuilder({ page: target }).analyze();
  const twin = await browser.newContext({ javaScriptEnabled: true });
  try {
    await twin.addCookies(await context.cookies());
    const page = await twin.newPage();
    const url = target.url();
    const html = await target.content();
    await page.route(
      (candidate) => candidate.href === url,
      (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }),
      { times: 1 },
    );
    await page.goto(url);
    return await new AxeBuilder({ page }).analyze();
  } finally {
    await twin.close();
  }
}

/** Presses Tab until `target` has focus (keyboard-only navigation); fails after `limit` presses. */
export async function tabTo(page: Page, target: Locator, limit = 80): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`could not reach ${target} with Tab in ${limit} presses`);
}
