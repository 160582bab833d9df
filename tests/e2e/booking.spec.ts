import type { Page } from '@playwright/test';
import { type Account, expect, type OwnShowtime, tabTo, test } from './fixtures';

const BOOKING_ID = /MM-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/;

/** Opens the test's own Grand Hall showtime, so tests running side by side never compete for a seat. */
async function openShowtime(page: Page, showtime: OwnShowtime) {
  await page.goto(showtime.path);
  await expect(page.getByRole('heading', { level: 2, name: 'Choose your seats' })).toBeVisible();
}

/** Signs in with the form, as a visitor would. */
async function signInWithForm(page: Page, who: Account) {
  await page.getByLabel('Email address').fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

const seat = (page: Page, row: string, number: number) =>
  page.getByRole('checkbox', { name: new RegExp(`^Row ${row}, seat ${number}, .*, available$`) });

async function confirmAndCheck(page: Page, seats: string[], expectAccessible: () => Promise<void>) {
  await expect(page).toHaveURL(/\/checkout\//);
  await expect(page.getByRole('heading', { level: 1, name: 'Checkout' })).toBeVisible();
  await expect(
    page.getByText(/Your seats are held until \d{1,2}:\d\d\s?[ap]m \(\d+ minutes?\)/),
  ).toBeVisible();
  for (const id of seats)
    await expect(page.getByRole('listitem').filter({ hasText: `${id} ·` })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: 'Total' })).toBeVisible();
  await expect(page.getByText('Pay at the box office')).toBeVisible();
  await expectAccessible();

  await page.getByRole('button', { name: 'Confirm booking' }).click();
  await expect(page).toHaveURL(/\/bookings\/MM-/);
  await expect(page.getByRole('heading', { level: 1, name: 'Booking confirmed' })).toBeVisible();
  const id = (await page.getByText(new RegExp(`^${BOOKING_ID.source}$`)).textContent()) ?? '';
  expect(id).toMatch(BOOKING_ID);
  for (const s of seats) await expect(page.getByRole('main')).toContainText(`${s} (Premium)`);
  await expect(page.getByRole('main')).toContainText('Unpaid — pay at the box office');
  await expectAccessible();
  return id;
}

test('choose two seats with the mouse, check out and confirm', async ({
  page,
  customer,
  showtime,
  signIn,
  expectAccessible,
}) => {
  // Three axe passes and a Nu check of each page: the first test of a run, on a cold server, needs more than 60 s.
  test.setTimeout(120_000);
  await signIn(page, customer);
  await openShowtime(page, showtime);
  await expect(page.getByRole('region', { name: 'Seat map' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Row J' })).toBeVisible();
  await expectAccessible();

  await seat(page, 'J', 9).click();
  await seat(page, 'J', 10).click();
  await expect(page.getByRole('checkbox', { name: /^Row J, seat 9,/ })).toBeChecked();
  // The seat map's script brings the price as seats are checked.
  await expect(page.locator('#summary')).toContainText('2 seats chosen: J9, J10');
  await expect(page.locator('#summary').getByRole('rowheader', { name: 'Total' })).toBeVisible();
  await expectAccessible();

  await page.getByRole('button', { name: 'Continue' }).click();
  const id = await confirmAndCheck(page, ['J9', 'J10'], expectAccessible);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Account' }).click();
  const listed = page.getByRole('listitem').filter({ hasText: id });
  await expect(listed.getByRole('link')).toHaveAttribute('href', `/bookings/${id}`);
  await expectAccessible();
});

test.describe('with JavaScript disabled', () => {
  test.use({ javaScriptEnabled: false });

  test('choose seats signed out, sign in on Continue, and come back to them', async ({
    page,
    customer,
    showtime,
    expectAccessible,
  }) => {
    test.setTimeout(120_000);
    await openShowtime(page, showtime);
    await seat(page, 'K', 9).click();
    await seat(page, 'K', 10).click();
    await expectAccessible();
    await page.getByRole('button', { name: 'Continue' }).click();

    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    await signInWithForm(page, customer);
    await expect(page.getByRole('checkbox', { name: /^Row K, seat 9,/ })).toBeChecked();
    await expect(page.getByRole('checkbox', { name: /^Row K, seat 10,/ })).toBeChecked();
    await expect(page.getByText('2 seats chosen: K9, K10')).toBeVisible();
    await expectAccessible();
    await page.getByRole('button', { name: 'Continue' }).click();

    await confirmAndCheck(page, ['K9', 'K10'], expectAccessible);
  });
});

test('choose seats with the keyboard only', async ({
  page,
  customer,
  showtime,
  signIn,
  expectAccessible,
}) => {
  await signIn(page, customer);
  await openShowtime(page, showtime);

  // The map is one Tab stop: the arrow keys move to a seat, Space checks the one that has focus.
  await tabTo(page, seat(page, 'A', 1), 20);
  for (let row = 0; row < 10; row++) await page.keyboard.press('ArrowDown');
  for (let n = 1; n < 9; n++) await page.keyboard.press('ArrowRight');
  const first = page.getByRole('checkbox', { name: /^Row L, seat 9,/ });
  await expect(first).toBeFocused();
  await page.keyboard.press('Space');
  await expect(first).toBeChecked();
  await page.keyboard.press('ArrowRight');
  const second = page.getByRole('checkbox', { name: /^Row L, seat 10,/ });
  await expect(second).toBeFocused();
  await page.keyboard.press('Space');
  await expect(second).toBeChecked();
  await expect(page.locator('#summary')).toContainText('2 seats chosen: L9, L10');

  await tabTo(page, page.getByRole('button', { name: 'Continue' }), 2);
  await page.keyboard.press('Enter');
  await confirmAndCheck(page, ['L9', 'L10'], expectAccessible);
});
