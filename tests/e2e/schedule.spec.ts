import type { Locator, Page } from '@playwright/test';
import { ensureVerifiedAccount } from '../../src/features/accounts/operator-accounts';
import { findUserByEmail } from '../../src/features/accounts/repo';
import { listShowtimesForTheater } from '../../src/features/catalog/repo';
import { systemClock } from '../../src/platform/clock';
import type { Db } from '../../src/platform/db/client';
import { nodeHasher } from '../../src/platform/passwords/node/argon2-native';
import { addDays, localDate, zonedToUtc } from '../../src/platform/time';
import { type Account, expect, tabTo, test } from './fixtures';
import { uniqueEmail } from './mail';

/*
 * A manager of Harbour Lights, Colaba schedules a week of showtimes with a price card of their own: the
 * preview first, then the create, then a second batch refused for overlapping the first. Once with the
 * mouse and keyboard alone, once with JavaScript off. Each run takes its own weeks, past the demo's.
 */

const COLABA = 'harbour-lights-colaba';
const ZONE = 'Asia/Kolkata';

async function manager(db: Db): Promise<Account> {
  const email = uniqueEmail();
  const account = { email, name: 'Test manager', role: 'manager' as const, password: `lantern ${email}` };
  await ensureVerifiedAccount(
    { db, clock: systemClock, passwords: nodeHasher },
    { ...account, theaterIds: [COLABA] },
  );
  const user = await findUserByEmail(db, email);
  if (!user) throw new Error('the manager was not made');
  return { ...account, id: user.id };
}

/** A week of Colaba's local dates, `weeks` weeks after the demo's. */
function week(weeks: number) {
  const from = addDays(localDate(new Date(), ZONE), 7 * weeks);
  return { from, to: addDays(from, 6) };
}

/** Showtimes stored on a screen in a week, by the theater's index. */
async function storedIn(db: Db, screenId: string, dates: { from: string; to: string }) {
  const shows = await listShowtimesForTheater(
    db,
    COLABA,
    zonedToUtc(dates.from, '00:00', ZONE).toISOString(),
    zonedToUtc(addDays(dates.to, 1), '00:00', ZONE).toISOString(),
  );
  return shows.filter((show) => show.screenId === screenId);
}

/** Focuses a field with Tab and types into it, as someone at a keyboard would. */
async function typeInto(page: Page, field: Locator, text: string) {
  await tabTo(page, field);
  await page.keyboard.type(text);
}

test('a manager schedules a week with a price card, with the mouse and keyboard only', async ({
  page,
  database,
  signIn,
  expectAccessible,
}) => {
  const colaba = await manager(database);
  await signIn(page, colaba);
  const dates = week(3);

  await page.goto('/admin/price-cards');
  await expect(page.getByText('Harbour Lights Cinema, Colaba', { exact: true })).toBeVisible();
  const card = page.locator('form[action="/admin/price-cards"]');
  await card.getByLabel('Name').click();
  await page.keyboard.type('Festival week');
  await typeInto(page, card.getByLabel('Standard'), '210');
  await typeInto(page, card.getByLabel('Premium'), '290.50');
  await typeInto(page, card.getByLabel('Recliner'), '480');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toHaveText('The price card is added.');
  await expect(page.getByRole('listitem').filter({ hasText: 'Festival week' })).toContainText(
    'Standard ₹210 · Premium ₹290.50 · Recliner ₹480',
  );
  await expectAccessible(page);

  await page.getByRole('link', { name: 'schedule showtimes' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Showtimes' })).toBeVisible();
  await typeInto(page, page.getByLabel('Screen'), 'Screen 2');
  await expect(page.getByLabel('Screen')).toHaveValue(`${COLABA}-2`);
  await typeInto(page, page.getByLabel('Film'), 'The Last');
  await expect(page.getByLabel('Film')).toHaveValue('the-last-ferry');
  // A date field takes its parts as digits: month, day, year in this browser's locale.
  const [fy, fm, fd] = dates.from.split('-');
  const [ty, tm, td] = dates.to.split('-');
  await typeInto(page, page.getByLabel('First date'), `${fm}${fd}${fy}`);
  await typeInto(page, page.getByLabel('Last date'), `${tm}${td}${ty}`);
  await expect(page.getByLabel('First date')).toHaveValue(dates.from);
  await expect(page.getByLabel('Last date')).toHaveValue(dates.to);
  await expect(page.getByRole('checkbox', { name: 'Sunday' })).toBeChecked();
  await typeInto(page, page.getByLabel('Start times'), '10:30, 14:00, 19:15');
  await typeInto(page, page.getByLabel('Language'), 'English');
  await typeInto(page, page.getByLabel('Price card'), 'Festival');
  await expect(page.getByLabel('Price card')).toHaveValue(`${COLABA}-festival-week`);
  await page.getByRole('button', { name: 'Preview' }).click();

  await expect(page.getByRole('status')).toHaveText('21 showtimes will be created.');
  await expect(page.getByLabel('Start times')).toHaveValue('10:30, 14:00, 19:15');
  expect(await storedIn(database, `${COLABA}-2`, dates)).toHaveLength(0);
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Create 21 showtimes' }).click();
  await expect(page.getByRole('status')).toHaveText('21 showtimes were created.');
  const stored = await storedIn(database, `${COLABA}-2`, dates);
  expect(stored).toHaveLength(21);
  expect(stored.every((show) => show.priceCardId === `${COLABA}-festival-week`)).toBe(true);
  expect(stored[0]?.prices).toEqual([
    { category: 'standard', amount: 21_000 },
    { category: 'premium', amount: 29_050 },
    { category: 'recliner', amount: 48_000 },
  ]);

  // Another film at 11:00 the same week would overlap the 10:30 showings: refused, with the reason.
  // A click on a label puts the focus in its field.
  await page.locator('label[for="batch-movie"]').click();
  await page.keyboard.type('Orbit');
  await expect(page.getByLabel('Film')).toHaveValue('orbit-of-ashes');
  await page.getByLabel('Start times').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('11:00');
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByRole('status')).toHaveText('0 showtimes will be created; 7 are refused.');
  await expect(page.getByRole('region', { name: 'Refused' }).getByRole('listitem').first()).toContainText(
    /Overlaps The Last Ferry, .+, 10:30 am to 12:24 pm, and the 15 minutes' cleaning after it\./,
  );
  await expect(page.getByRole('button', { name: /^Create/ })).toHaveCount(0);
  await expectAccessible(page);
});

test('scheduling works with JavaScript off', async ({ browser, database, signIn, expectAccessible }) => {
  const colaba = await manager(database);
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, colaba);
  const dates = week(4);

  await page.goto('/admin/showtimes');
  await page.getByLabel('Screen').selectOption(`${COLABA}-1`);
  await page.getByLabel('Film').selectOption('the-last-ferry');
  await page.getByLabel('First date').fill(dates.from);
  await page.getByLabel('Last date').fill(dates.to);
  await page.getByRole('checkbox', { name: 'Saturday' }).uncheck();
  await page.getByRole('checkbox', { name: 'Sunday' }).uncheck();
  await page.getByLabel('Start times').fill('12:00, 18:00');
  await page.getByLabel('Language').selectOption('English');
  await page.getByLabel('Price card').selectOption(`${COLABA}-evening`);
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByRole('status')).toHaveText('10 showtimes will be created.');
  await expectAccessible(page, { scripts: false });
  await page.getByRole('button', { name: 'Create 10 showtimes' }).click();
  await expect(page.getByRole('status')).toHaveText('10 showtimes were created.');
  expect(await storedIn(database, `${COLABA}-1`, dates)).toHaveLength(10);

  // Previewed again, the same batch would make nothing twice.
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByRole('status')).toHaveText('0 showtimes will be created; 10 are scheduled already.');
  expect(await storedIn(database, `${COLABA}-1`, dates)).toHaveLength(10);
  await page.getByRole('link', { name: 'The 14 days after' }).click();
  await expect(page.getByRole('heading', { level: 2, name: /^Showtimes from/ })).toBeVisible();
  await context.close();
});
