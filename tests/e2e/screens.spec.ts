import { randomBytes } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Page } from '@playwright/test';
import { putCatalog } from '../../src/features/catalog/bulk-writes';
import { keys, SCHEMA_VERSION } from '../../src/platform/db/keys';
import { showtimeOn } from '../support/screens';
import { type Account, expect, tabTo, test } from './fixtures';

/*
 * A manager adds a screen of their theater from a text layout, with the keyboard alone: previewed with the
 * Preview button when JavaScript is off, and live while typing when it is on. An edit that would remove a
 * seat already sold is refused with the seat named. Every page passes axe and the Nu HTML checker.
 */

const COLABA = 'Harbour Lights Cinema, Colaba';
const LEGEND = 'S = standard "Standard"\nP = premium "Premium"\nW = standard wheelchair\n';
const GOOD = `${LEGEND}A: WSSS_SSSS\nB: PPPP_PPPP\n`;
const BROKEN = `${LEGEND}A: WSSS_SSXS\nB: PPPP_PPPP\n`;

/** Makes `who` a manager of Colaba with the admin's role form, then signs them in. */
async function becomeManager(
  page: Page,
  admin: Account,
  who: Account,
  signIn: (p: Page, a: Account) => Promise<void>,
) {
  await signIn(page, admin);
  await page.goto('/admin');
  await page.getByLabel('Email address of the account').fill(who.email);
  await page.getByLabel('Role', { exact: true }).selectOption('manager');
  await page.getByLabel(COLABA).check();
  await page.getByRole('button', { name: 'Save role' }).click();
  await expect(page.getByRole('status')).toContainText('The role is saved.');
  await signIn(page, who);
}

/** Focuses `target` with Tab and presses Enter: following a link or pressing a button, keyboard only. */
async function press(page: Page, target: ReturnType<Page['getByRole']>) {
  await tabTo(page, target);
  await page.keyboard.press('Enter');
}

/** Replaces the layout text by typing, as a person would. */
async function typeLayout(page: Page, text: string) {
  await tabTo(page, page.getByLabel('Seat layout'));
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(text);
}

/** Opens the new-screen form from the list and types a name and a short name of its own. */
async function startScreen(page: Page, name: string, shortId: string) {
  await page.goto('/admin/screens');
  await press(page, page.getByRole('link', { name: `Add a screen to ${COLABA}` }));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Add a screen to ${COLABA}`);
  await tabTo(page, page.getByLabel('Name', { exact: true }));
  await page.keyboard.type(name);
  await tabTo(page, page.getByLabel('Short name'));
  await page.keyboard.type(shortId);
}

const seatMap = (page: Page) => page.getByRole('region', { name: 'Seat map' });

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('a manager adds a screen from a text layout, previewing it with the button, keyboard only', async ({
    page,
    admin,
    customer,
    signIn,
    expectAccessible,
  }) => {
    test.setTimeout(120_000);
    await becomeManager(page, admin, customer, signIn);
    await page.goto('/admin/screens');
    await expectAccessible(page);
    const shortId = `nojs-${randomBytes(3).toString('hex')}`;
    await startScreen(page, 'Screen No Script', shortId);
    await typeLayout(page, BROKEN);
    await press(page, page.getByRole('button', { name: 'Preview' }));
    await expect(page.locator('#preview-status')).toHaveText(
      'The layout has 1 mistake, listed below with their line and column.',
    );
    await expect(
      page.getByRole('link', { name: /^Row A, column 11: 'X' is not a seat category/ }),
    ).toBeVisible();
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Screen No Script');
    await expect(page.getByLabel('Seat layout')).toHaveValue(BROKEN);
    await expectAccessible(page);
    await typeLayout(page, GOOD);
    await press(page, page.getByRole('button', { name: 'Preview' }));
    await expect(page.locator('#preview-status')).toHaveText(
      '2 rows and 16 seats (Standard 8, Premium 8), numbered from the left.',
    );
    await expect(seatMap(page).getByRole('checkbox')).toHaveCount(16);
    await expectAccessible(page);
    await press(page, page.getByRole('button', { name: 'Add screen' }));
    await expect(page).toHaveURL(
      `/admin/screens/harbour-lights-colaba/harbour-lights-colaba-${shortId}?done=created`,
    );
    await expect(page.getByRole('status').first()).toHaveText('The screen is added.');
    await expectAccessible(page);
  });
});

test('with JavaScript the preview follows the typing; an edit removing a sold seat is refused', async ({
  page,
  admin,
  customer,
  signIn,
  database,
  expectAccessible,
}) => {
  // Typed a key at a time, with a preview after each pause, and checked twice by axe: a slow test.
  test.setTimeout(120_000);
  await becomeManager(page, admin, customer, signIn);
  const shortId = `live-${randomBytes(3).toString('hex')}`;
  await startScreen(page, 'Screen Live', shortId);
  await typeLayout(page, BROKEN);
  // No button pressed: the preview answers the typing, and its status line is announced.
  await expect(page.getByRole('status')).toHaveText(
    'The layout has 1 mistake, listed below with their line and column.',
  );
  await expectAccessible(page);
  // Following the mistake puts the caret on it.
  await press(page, page.getByRole('link', { name: /^Row A, column 11/ }));
  const caret = await page
    .getByLabel('Seat layout')
    .evaluate((field: HTMLTextAreaElement) => [
      document.activeElement === field,
      field.value.slice(field.selectionStart, field.selectionEnd),
    ]);
  expect(caret).toEqual([true, 'X']);
  await page.keyboard.press('Delete');
  await page.keyboard.type('S');
  await expect(page.getByRole('status')).toHaveText(
    '2 rows and 16 seats (Standard 8, Premium 8), numbered from the left.',
  );
  await expect(seatMap(page).getByRole('checkbox')).toHaveCount(16);
  await expectAccessible(page);
  await press(page, page.getByRole('button', { name: 'Add screen' }));
  const screenId = `harbour-lights-colaba-${shortId}`;
  await expect(page).toHaveURL(`/admin/screens/harbour-lights-colaba/${screenId}?done=created`);

  // A showtime on the new screen, two days ahead, with seat B8 sold.
  const showId = `${screenId}-e2e`;
  const startsAt = new Date(Math.floor(Date.now() / 60_000) * 60_000 + 2 * 86_400_000).toISOString();
  await putCatalog(
    { db: database },
    { showtimes: [showtimeOn({ id: screenId, theaterId: 'harbour-lights-colaba' }, showId, startsAt)] },
  );
  await database.doc.send(
    new PutCommand({
      TableName: database.table,
      Item: {
        pk: keys.show(showId),
        sk: keys.seat('B8'),
        entity: 'SeatState',
        v: SCHEMA_VERSION,
        seatId: 'B8',
        state: 'sold',
        userId: customer.id,
        bookingId: 'e2e-booking',
      },
    }),
  );
  await page.goto(`/admin/screens/harbour-lights-colaba/${screenId}`);
  await expect(page.getByText('1 upcoming showtime uses it.')).toBeVisible();
  const shorter = `${LEGEND}A: WSSS_SSSS\nB: PPPP_PPP\n`;
  await typeLayout(page, shorter);
  await press(page, page.getByRole('button', { name: 'Save screen' }));
  await expect(page.getByText(/B8 \(sold\) in The Last Ferry/).first()).toBeVisible();
  await expect(page.getByLabel('Seat layout')).toHaveValue(shorter);
  await expect(page.getByLabel('Seat layout')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);
  await page.goto(`/admin/screens/harbour-lights-colaba/${screenId}`);
  await expect(page.getByLabel('Seat layout')).toHaveValue(
    `numbering: left-to-right\n\n${LEGEND}\n${GOOD.slice(LEGEND.length)}`,
  );
});
