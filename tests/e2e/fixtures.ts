import { randomBytes } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import {
  type Browser,
  type BrowserContext,
  test as base,
  expect,
  type Locator,
  type Page,
} from '@playwright/test';
import { dynamoEndpoint, tableFor } from '../../playwright.config';
import type { Role } from '../../src/auth/model';
import { sessionCookieName } from '../../src/auth/session-cookie';
import { createSession } from '../../src/auth/sessions';
import { demoShowtimes } from '../../src/demo/seed';
import { ensureVerifiedAccount } from '../../src/features/accounts/operator-accounts';
import { findUserByEmail } from '../../src/features/accounts/repo';
import { putCatalog } from '../../src/features/catalog/bulk-writes';
import { systemClock } from '../../src/platform/clock';
import { createDb, type Db } from '../../src/platform/db/client';
import { nodeHasher } from '../../src/platform/passwords/node/argon2-native';
import { isPageDocument, nuErrors } from './html-checker';
import { uniqueEmail } from './mail';

/** An account a test made for itself, email confirmed, with the password it can sign in with. */
export type Account = { id: string; email: string; password: string; name: string; role: Role };

/** A showtime a test made for itself, so no other test ever competes for its seats. */
export type OwnShowtime = { id: string; path: string };

type Fixtures = {
  /** The table of the server the test talks to (its baseURL), in the tests' DynamoDB Local. */
  database: Db;
  /** A new customer, a new member of staff, a new manager and a new admin, each made for this test alone. */
  customer: Account;
  staff: Account;
  manager: Account;
  admin: Account;
  /** A new showtime in the 254-seat Grand Hall of Harbour Lights, Colaba, two days ahead. */
  showtime: OwnShowtime;
  /** Signs `who` in for every page of `page`'s browser context, as signing in would, without the form. */
  signIn: (page: Page, who: Account) => Promise<void>;
  /**
   * Runs axe on the page as it is now and fails on any violation. `scripts: false` for a page from a
   * context of its own with JavaScript off (the test's own setting is the default).
   */
  expectAccessible: (page?: Page, options?: { scripts?: boolean }) => Promise<void>;
  /** Every request that left our origin during the test; asserted empty after it. */
  foreignRequests: string[];
  /** Every page any browser context of the test opened goes to the Nu HTML checker; errors fail the test. */
  validHtml: undefined;
};

/** Contexts that show a copy of a page to axe: the copy is not what the server sent, so not checked. */
const twins = new WeakSet<BrowserContext>();

/**
 * The base test for every browser test: axe on demand, the Nu HTML checker on every page, no request
 * to another origin, and no console error or uncaught exception in the page.
 */
export const test = base.extend<Fixtures>({
  database: async ({ baseURL }, use) => {
    const table = tableFor[baseURL ?? ''];
    if (!table) throw new Error(`no test table for ${baseURL}`);
    const db = createDb(
      {
        region: 'us-east-1',
        endpoint: dynamoEndpoint,
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      },
      table,
    );
    await use(db);
    db.doc.destroy();
  },
  customer: async ({ database }, use) => use(await makeAccount(database, 'customer')),
  staff: async ({ database }, use) => use(await makeAccount(database, 'staff')),
  manager: async ({ database }, use) => use(await makeAccount(database, 'manager')),
  admin: async ({ database }, use) => use(await makeAccount(database, 'admin')),
  showtime: async ({ database }, use) => {
    const now = new Date();
    // Two days ahead, on the minute: on sale, and inside the door's window in these tests.
    const startsAt = new Date(Math.floor(now.getTime() / 60_000) * 60_000 + 2 * 86_400_000).toISOString();
    await use(await putOwnShowtime(database, startsAt));
  },
  signIn: async ({ database, baseURL }, use) => {
    await use(async (page, who) => {
      const { token } = await createSession({ db: database, clock: systemClock }, who.id);
      await page.context().addCookies([{ name: sessionCookieName(true), value: token, url: baseURL ?? '' }]);
    });
  },
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
  validHtml: [
    async ({ browser, context }, use) => {
      const checks: Promise<string[]>[] = [];
      // Checked as each page arrives: a document's body can be read only while its page is open.
      const watch = (watched: BrowserContext) =>
        watched.on('response', (response) => {
          if (!twins.has(watched) && isPageDocument(response)) checks.push(nuErrors(response));
        });
      watch(context);
      browser.on('context', watch);
      await use(undefined);
      browser.off('context', watch);
      const errors = (await Promise.all(checks)).flat();
      expect(errors, 'Nu HTML checker errors on the pages visited').toEqual([]);
    },
    { auto: true },
  ],
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
  twins.add(twin);
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

/** A new 2D showtime in the Grand Hall of Harbour Lights, Colaba, starting at `startsAt`, for one test. */
export async function putOwnShowtime(db: Db, startsAt: string): Promise<OwnShowtime> {
  const template = demoShowtimes(new Date()).find(
    (show) => show.screenId === 'harbour-lights-colaba-1' && show.format === '2D',
  );
  if (!template) throw new Error('no demo Grand Hall showtime to copy');
  const id = `harbour-lights-colaba-1-e2e-${randomBytes(5).toString('hex')}`;
  await putCatalog({ db }, { showtimes: [{ ...template, id, startsAt }] });
  return { id, path: `/showtimes/${id}` };
}

/** Makes an account with a confirmed email and a password of its own. */
async function makeAccount(db: Db, role: Role): Promise<Account> {
  const email = uniqueEmail();
  const account = { email, name: `Test ${role} ${email.slice(4, 10)}`, role, password: `lantern ${email}` };
  // Staff work the door of the theater the tests' showtimes play at; managers run it.
  const theaterIds = role === 'staff' || role === 'manager' ? ['harbour-lights-colaba'] : undefined;
  await ensureVerifiedAccount({ db, clock: systemClock, passwords: nodeHasher }, { ...account, theaterIds });
  const user = await findUserByEmail(db, email);
  if (!user) throw new Error(`the account ${email} was not made`);
  return { ...account, id: user.id };
}
