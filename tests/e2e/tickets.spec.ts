import type { Browser, Page } from '@playwright/test';
import { DEMO_USERS } from '../../src/demo/users';
import { expect, test } from './fixtures';

const demo = (role: 'customer' | 'admin') => {
  const user = DEMO_USERS.find((candidate) => candidate.role === role);
  if (!user) throw new Error(`no demo ${role}`);
  return user;
};

async function signIn(page: Page, who: { email: string; password: string }) {
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL('/account');
}

/** Staff at the door, in a browser of their own: JavaScript off, since typed codes must work without it. */
async function doorBrowser(browser: Browser, baseURL: string) {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, demo('admin'));
  return page;
}

test('a booked ticket shows its QR code and is admitted at the door once', async ({
  page,
  browser,
  baseURL,
  expectAccessible,
}) => {
  await signIn(page, demo('customer'));
  await page.goto('/theaters/harbour-lights-colaba');
  const showPath = await page
    .locator('a[href^="/showtimes/harbour-lights-colaba-1-"]')
    .nth(21)
    .getAttribute('href');
  await page.goto(`${showPath}?seats=B9,B10`);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Confirm booking' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Booking confirmed' })).toBeVisible();

  const qr = page.getByRole('img', { name: /^Ticket QR code for booking MM-/ });
  await expect(qr).toBeVisible();
  const code = (await page.getByText(/^MM1\./).textContent())?.trim() ?? '';
  expect(code).toMatch(/^MM1\.[0-9A-Z]{4}\.[0-9A-Z]+\.[0-9A-Z]+$/);
  await expect(page.getByRole('link', { name: 'Download the ticket as a PDF' })).toHaveAttribute(
    'href',
    /\/ticket\.pdf$/,
  );
  // The dispatcher in the server sends the email; the page follows it with htmx.
  await expect(page.getByText(/^Sent by email at /)).toBeVisible({ timeout: 15_000 });
  await expectAccessible();

  const door = await doorBrowser(browser, baseURL ?? '');
  await door.goto(`/door/${showPath?.split('/').at(-1)}`);
  await expect(door.getByRole('heading', { level: 1, name: /^Check-in: / })).toBeVisible();
  await expectAccessible(door, { scripts: false });
  await door.getByLabel('Ticket code').fill(code.toLowerCase());
  await door.getByRole('button', { name: 'Check ticket' }).click();
  await expect(door.getByRole('alert')).toContainText('Admit 2 — Row B 9, 10');
  await expectAccessible(door, { scripts: false });

  await door.getByLabel('Ticket code').fill(code);
  await door.getByRole('button', { name: 'Check ticket' }).click();
  await expect(door.getByRole('alert')).toContainText(
    /Already admitted at \d{1,2}:\d\d\s?[ap]m by Demo Admin/,
  );
  await expectAccessible(door, { scripts: false });

  await door.getByLabel('Ticket code').fill(`${code.slice(0, -3)}AAA`);
  await door.getByRole('button', { name: 'Check ticket' }).click();
  await expect(door.getByRole('alert')).toContainText('Do not admit');
  await door.context().close();
});
