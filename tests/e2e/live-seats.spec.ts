import type { Browser, Page } from '@playwright/test';
import { shortHoldURL } from '../../playwright.config';
import { DEMO_USERS } from '../../src/demo/users';
import { expect, test } from './fixtures';

const demoCustomer = DEMO_USERS.find((user) => user.role === 'customer');
if (!demoCustomer) throw new Error('no demo customer');
const customer = demoCustomer;

/** The path of the `nth` upcoming Grand Hall showtime, from the theater page. */
async function grandHallShowtime(page: Page, nth: number): Promise<string> {
  await page.goto('/theaters/harbour-lights-colaba');
  const href = await page
    .locator('a[href^="/showtimes/harbour-lights-colaba-1-"]')
    .nth(nth)
    .getAttribute('href');
  if (!href) throw new Error(`no Grand Hall showtime ${nth}`);
  return href;
}

async function signIn(page: Page) {
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(customer.email);
  await page.getByLabel('Password', { exact: true }).fill(customer.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL('/account');
}

/** Another browser (its own cookies) where the demo customer holds `seats` and reaches the checkout. */
async function holdElsewhere(browser: Browser, baseURL: string, path: string, seats: string[]) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signIn(page);
  await page.goto(`${path}?seats=${seats.join(',')}`);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/checkout\//);
  return { context, page };
}

const seat = (page: Page, id: string) => {
  const [, row, number] = /^([A-Z]+)(\d+)$/.exec(id) ?? [];
  return page.getByRole('checkbox', { name: new RegExp(`^Row ${row}, seat ${number}, `) });
};

test('a seat taken in another browser shows as taken within 2 seconds, and a chosen one is flagged', async ({
  page,
  browser,
  baseURL,
  expectAccessible,
}) => {
  const path = await grandHallShowtime(page, 15);
  await page.goto(path);
  await seat(page, 'G5').check();
  await expect(page.locator('#summary')).toContainText('1 seat chosen: G5');

  const other = await holdElsewhere(browser, baseURL ?? '', path, ['G5', 'G6']);
  const held = Date.now();
  await expect(seat(page, 'G5')).toBeDisabled({ timeout: 2000 });
  console.log(`seat shown taken ${Date.now() - held} ms after the other browser's checkout page loaded`);
  await expect(seat(page, 'G6')).toBeDisabled();
  await expect(seat(page, 'G5')).not.toBeChecked();
  await expect(seat(page, 'G5')).toHaveAccessibleName(/, taken$/);
  await expect(page.getByRole('alert')).toContainText(
    'G5 was just taken by someone else, so we removed it from your selection.',
  );
  await expect(page.locator('#summary')).toContainText('No seats chosen yet');
  await expectAccessible();

  // Released there, the seats come back here.
  await other.page.getByRole('button', { name: 'Release seats' }).click();
  const released = Date.now();
  await expect(seat(page, 'G5')).toBeEnabled({ timeout: 2000 });
  console.log(`seat shown free ${Date.now() - released} ms after the other browser released it`);
  await expect(seat(page, 'G5')).toHaveAccessibleName(/, available$/);
  await other.context.close();
});

test('best available checks the best group, which can be changed before continuing', async ({
  page,
  expectAccessible,
}) => {
  await signIn(page);
  await page.goto(await grandHallShowtime(page, 17));
  await page.getByLabel('Seats', { exact: true }).selectOption('3');
  await page.getByLabel('Category').selectOption('premium');
  await page.getByRole('button', { name: 'Find the best seats together' }).click();
  await expect(page.locator('#summary')).toContainText('3 seats chosen');
  const chosen = page.getByRole('checkbox', { checked: true });
  await expect(chosen).toHaveCount(3);
  for (const name of await chosen.evaluateAll((boxes) => boxes.map((b) => b.getAttribute('aria-label'))))
    expect(name).toMatch(/, Premium, /);
  await expectAccessible();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/checkout\//);
  await expect(page.getByRole('listitem').filter({ hasText: '· Premium' })).toHaveCount(3);
  await page.getByRole('button', { name: 'Release seats' }).click();
});

test('the checkout counts down and announces 2 minutes and 30 seconds left', async ({
  page,
  expectAccessible,
}) => {
  await page.clock.install();
  await signIn(page);
  const path = await grandHallShowtime(page, 19);
  await page.goto(`${path}?seats=H9,H10`);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/checkout\//);
  await expect(page.getByRole('timer')).toHaveText(/^Time left: [78]:\d\d$/);
  const polite = page.locator('[data-countdown-news="polite"]');
  await expect(polite).toHaveAttribute('aria-live', 'polite');
  await expect(polite).toBeEmpty();

  await page.clock.fastForward('06:05');
  await expect(polite).toHaveText('2 minutes left to confirm your booking.');
  await expect(page.getByRole('timer')).toHaveText(/^Time left: 1:5\d$/);
  await page.clock.fastForward('01:32');
  await expect(page.getByRole('alert')).toHaveText('30 seconds left to confirm your booking.');
  await expectAccessible();
  await page.clock.fastForward('00:31');
  await expect(page.getByRole('alert')).toContainText('Your hold has ended');
  await expect(page.getByRole('timer')).toHaveText('Time left: 0:00');
  await page.getByRole('button', { name: 'Release seats' }).click();
});

test.describe('with holds of 6 seconds', () => {
  test.use({ baseURL: shortHoldURL });

  test('an expired hold gives its seats back to everyone and cannot be confirmed', async ({
    page,
    browser,
    expectAccessible,
  }) => {
    await signIn(page);
    const path = await grandHallShowtime(page, 3);
    await page.goto(`${path}?seats=J9,J10`);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page).toHaveURL(/\/checkout\//);

    const watcher = await (await browser.newContext({ baseURL: shortHoldURL })).newPage();
    await watcher.goto(path);
    await expect(seat(watcher, 'J9')).toBeDisabled();

    await expect(page.getByRole('alert')).toContainText('Your hold has ended', { timeout: 10_000 });
    await expect(seat(watcher, 'J9')).toBeEnabled({ timeout: 3000 });
    await expect(seat(watcher, 'J10')).toBeEnabled();
    await expectAccessible();

    await page.getByRole('button', { name: 'Confirm booking' }).click();
    await expect(page.getByRole('alert')).toContainText(
      'Your seats were released because the hold expired. Please choose them again.',
    );
    await expectAccessible();
    await page.getByRole('link', { name: /^Choose seats for / }).click();
    await expect(seat(page, 'J9')).toBeEnabled();
    await expect(seat(page, 'J9')).not.toBeChecked();
    await watcher.context().close();
  });
});
