import type { Page } from '@playwright/test';
import { type Account, expect, type OwnShowtime, putOwnShowtime, tabTo, test } from './fixtures';
import { mailStartingWith } from './mail';

/*
 * A manager runs showtimes from /admin/showtimes/<id>: blocks a seat, stops and restarts sales, moves a
 * showtime a customer booked (whose email then holds a new code the door admits, the old one refused),
 * and cancels another. With the keyboard only, and again with JavaScript off.
 */

const DAY = 86_400_000;

/** The theater's local date `days` from now, as a date field takes it (YYYY-MM-DD). */
function localDateIn(days: number): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Kolkata',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(Date.now() + days * DAY));
}

/** Books `seats` of a showtime as `customer`, through the seat map and checkout; the ticket code shown. */
async function book(page: Page, customer: Account, show: OwnShowtime, seats: string[], signIn: SignIn) {
  await signIn(page, customer);
  await page.goto(`${show.path}?seats=${seats.join(',')}`);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Confirm booking' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Booking confirmed' })).toBeVisible();
  return (await page.getByText(/^MM1\./).textContent())?.trim() ?? '';
}

type SignIn = (page: Page, who: Account) => Promise<void>;

/** What the door says about a code for a showtime, to staff in a context of their own with JavaScript off. */
async function door(page: Page, staff: Account, show: OwnShowtime, code: string, signIn: SignIn) {
  const context = await page
    .context()
    .browser()
    ?.newContext({ baseURL: new URL(page.url()).origin, javaScriptEnabled: false });
  if (!context) throw new Error('no browser');
  const usher = await context.newPage();
  await signIn(usher, staff);
  await usher.goto(`/door/${show.id}`);
  await usher.getByLabel('Ticket code').fill(code);
  await usher.getByRole('button', { name: 'Check ticket' }).click();
  const verdict = (await usher.getByRole('alert').textContent()) ?? '';
  await context.close();
  return verdict;
}

test('a manager blocks a seat, switches sales, moves a booked showtime and cancels another, by keyboard', async ({
  page,
  customer,
  manager,
  staff,
  showtime,
  database,
  signIn,
  expectAccessible,
}) => {
  test.setTimeout(180_000);
  const oldCode = await book(page, customer, showtime, ['B9', 'B10'], signIn);
  const other = await putOwnShowtime(
    database,
    new Date(Math.floor(Date.now() / 60_000) * 60_000 + 3 * DAY).toISOString(),
  );
  await book(page, customer, other, ['C5', 'C6'], signIn);

  await signIn(page, manager);
  await page.goto(`/admin/showtimes/${showtime.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByText('2 sold, 0 held, 0 blocked')).toBeVisible();
  await expectAccessible();

  await tabTo(page, page.getByLabel('Reason (to block)'));
  await page.keyboard.type('House seat');
  const seat = page.getByRole('checkbox', { name: /^Row C, seat 1, .*free$/ });
  await tabTo(page, seat);
  await page.keyboard.press('Space');
  await expect(seat).toBeChecked();
  await tabTo(page, page.getByRole('button', { name: 'Block chosen seats' }), 300);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toHaveText('The seat is blocked: it is not sold online.');
  await expect(page.getByRole('checkbox', { name: /^Row C, seat 1, .*blocked: House seat$/ })).toBeVisible();
  await expectAccessible();

  await tabTo(page, page.getByRole('button', { name: 'Stop online sales' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toHaveText('Online sales are stopped.');
  await expectAccessible();
  await tabTo(page, page.getByRole('button', { name: 'Restart online sales' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toHaveText('Online sales are open again.');

  // Five days on at 7 am, before the day's first showtime on the screen.
  await tabTo(page, page.getByLabel('New date'));
  await page.getByLabel('New date').fill(localDateIn(5));
  await tabTo(page, page.getByLabel('New start time'));
  await page.getByLabel('New start time').fill('07:00');
  await tabTo(page, page.getByRole('button', { name: 'Move showtime' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toContainText('The showtime is moved. One booking moved with it');
  await expect(page.getByText(/7:00 am IST/).first()).toBeVisible();
  await expectAccessible();

  const moved = await mailStartingWith(customer.email, 'New time for ');
  const newCode = /New ticket code: (MM1\.\S+)/.exec(moved)?.[1] ?? '';
  expect(newCode).toMatch(/^MM1\./);
  expect(newCode).not.toBe(oldCode);
  expect(await door(page, staff, showtime, oldCode, signIn)).toContain('This ticket was reissued');
  // The new code is accepted; the booking is to be paid at the box office, so the door asks for it.
  expect(await door(page, staff, showtime, newCode, signIn)).toMatch(/^Collect ₹[\d,.]+ first/);

  await page.goto(`/admin/showtimes/${other.id}`);
  await tabTo(page, page.getByRole('checkbox', { name: /^I understand: 1 booking will be cancelled/ }));
  await page.keyboard.press('Space');
  await tabTo(page, page.getByRole('button', { name: 'Cancel showtime' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toContainText(
    'The showtime is cancelled. One booking was cancelled',
  );
  await expect(page.getByText('This showtime is cancelled: nothing here changes it any more.')).toBeVisible();
  await expectAccessible();
  const cancelled = await mailStartingWith(customer.email, 'Cancelled: ');
  expect(cancelled).toContain('is cancelled and its seats (C5 (Standard), C6 (Standard)) are released');
  expect(cancelled).toContain('for a full refund of');
});

test.describe('with JavaScript disabled', () => {
  test.use({ javaScriptEnabled: false });

  test('every form of the showtime page works as a plain form, its mistakes shown beside the fields', async ({
    page,
    customer,
    manager,
    showtime,
    signIn,
    expectAccessible,
  }) => {
    test.setTimeout(120_000);
    await book(page, customer, showtime, ['B9'], signIn);
    await signIn(page, manager);
    const path = `/admin/showtimes/${showtime.id}`;
    await page.goto(path);
    await expect(page.getByRole('checkbox', { name: /^Row B, seat 9, .*sold$/ })).toBeDisabled();

    await page.getByRole('checkbox', { name: /^Row D, seat 4, .*free$/ }).check();
    await page.getByRole('button', { name: 'Block chosen seats' }).click();
    await expect(page.locator('#seats-reason-error')).toHaveText(
      'Say why these seats are blocked, like “House seats” or “Broken seat”.',
    );
    await expect(page.getByRole('checkbox', { name: /^Row D, seat 4, / })).toBeChecked();
    await expectAccessible();
    await page.getByLabel('Reason (to block)').fill('Broken seat');
    await page.getByRole('button', { name: 'Block chosen seats' }).click();
    await expect(page.getByRole('status')).toHaveText('The seat is blocked: it is not sold online.');
    await page.getByRole('checkbox', { name: /^Row D, seat 4, .*blocked: Broken seat$/ }).check();
    await page.getByRole('button', { name: 'Release chosen seats' }).click();
    await expect(page.getByRole('status')).toHaveText('The seat is released: it sells online again.');

    await page.getByRole('button', { name: 'Stop online sales' }).click();
    await expect(page.getByRole('status')).toHaveText('Online sales are stopped.');
    await page.goto(showtime.path);
    await expect(page.getByText('Online sales for this showtime are stopped for now.')).toBeVisible();
    await page.goto(path);
    await page.getByRole('button', { name: 'Restart online sales' }).click();
    await expect(page.getByRole('status')).toHaveText('Online sales are open again.');

    await page.getByLabel('New date').fill(localDateIn(-1));
    await page.getByRole('button', { name: 'Move showtime' }).click();
    await expect(page.locator('#move-time-error')).toHaveText(
      'That time has passed. Choose a time in the future.',
    );
    await expect(page.getByLabel('New date')).toHaveValue(localDateIn(-1));
    await expectAccessible();
    await page.getByLabel('New date').fill(localDateIn(6));
    await page.getByLabel('New start time').fill('07:00');
    await page.getByRole('button', { name: 'Move showtime' }).click();
    await expect(page.getByRole('status')).toContainText('The showtime is moved.');

    await page.getByRole('button', { name: 'Cancel showtime' }).click();
    await expect(page.locator('#cancel-confirm-error')).toHaveText(
      'Tick the box to confirm the cancellation.',
    );
    await expectAccessible();
    await page.getByRole('checkbox', { name: /^I understand/ }).check();
    await page.getByRole('button', { name: 'Cancel showtime' }).click();
    await expect(page.getByRole('status')).toContainText('The showtime is cancelled.');
    await expectAccessible();
  });
});
