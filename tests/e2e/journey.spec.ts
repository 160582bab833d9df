import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import sharp from 'sharp';
import type { Showtime } from '../../src/features/catalog/model';
import { listShowtimesForTheater } from '../../src/features/catalog/repo';
import type { Db } from '../../src/platform/db/client';
import { type Account, expect, test } from './fixtures';
import { mailStartingWith } from './mail';

/*
 * A cinema opened and run from the back office, end to end: an admin adds a theater and makes its manager;
 * the manager adds a screen from a text layout, a film with a poster, a price card and a week of
 * showtimes; a customer books two of them; the manager moves one (the customer's email holds a new code
 * that the door admits, the old one refused) and cancels the other (the customer is told). An overlapping
 * showtime and a layout edit that would drop a sold seat are refused, and a manager of another theater
 * gets 403. With the mouse, and again with JavaScript off; axe and the Nu checker on every page. The
 * keyboard-only passes of each page are in screens, films, schedule and showtime-changes.spec.ts.
 */

const DAY = 86_400_000;
const ZONE = 'Asia/Kolkata';
const LEGEND = 'S = standard "Standard"\nP = premium "Premium"\n';
const LAYOUT = `${LEGEND}A: SSSS_SSSS\nB: SSSS_SSSS\nC: PPPP_PPPP\n`;
/** Row A keeps three seats: A4 to A8 gone. */
const SHORTER = `${LEGEND}A: SSS\nB: SSSS_SSSS\nC: PPPP_PPPP\n`;

type SignIn = (page: Page, who: Account) => Promise<void>;

/** The theater's local date `days` from now (YYYY-MM-DD), as a date field takes it. */
function localDateIn(days: number): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(Date.now() + days * DAY));
}

/** A small poster, made here: the upload is re-encoded by the server. */
function posterPng(): Promise<Buffer> {
  return sharp({ create: { width: 400, height: 600, channels: 3, background: '#1d3557' } })
    .png()
    .toBuffer();
}

/** The theater's showtimes from now on, soonest first. */
async function showtimesOf(db: Db, theaterId: string): Promise<Showtime[]> {
  const shows = await listShowtimesForTheater(db, theaterId, new Date().toISOString(), '9999');
  return shows.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}

/** Books `seat` of a showtime as `customer` through the seat map and checkout; the ticket code shown. */
async function book(page: Page, signIn: SignIn, customer: Account, showId: string, seat: string) {
  await signIn(page, customer);
  await page.goto(`/showtimes/${showId}?seats=${seat}`);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Confirm booking' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Booking confirmed' })).toBeVisible();
  return (await page.getByText(/^MM1\./).textContent())?.trim() ?? '';
}

/** What the door tells `usher` about a code, in a browser context of its own. */
async function door(page: Page, signIn: SignIn, usher: Account, showId: string, code: string) {
  const context = await page
    .context()
    .browser()
    ?.newContext({ baseURL: new URL(page.url()).origin });
  if (!context) throw new Error('no browser');
  const desk = await context.newPage();
  await signIn(desk, usher);
  await desk.goto(`/door/${showId}`);
  await desk.getByLabel('Ticket code').fill(code);
  await desk.getByRole('button', { name: 'Check ticket' }).click();
  const verdict = (await desk.getByRole('alert').textContent()) ?? '';
  await context.close();
  return verdict;
}

for (const javaScript of [true, false]) {
  test.describe(javaScript ? 'with the mouse' : 'with JavaScript off', () => {
    test.use({ javaScriptEnabled: javaScript });

    test('a cinema is opened and run from the back office, and its customers are told of every change', async ({
      page,
      admin,
      staff,
      manager,
      customer,
      database,
      signIn,
      expectAccessible,
    }) => {
      test.setTimeout(300_000);
      const run = randomBytes(3).toString('hex');
      const theaterId = `journey-${run}`;
      const theaterName = `Journey Cinema ${run}`;
      const screenId = `${theaterId}-1`;
      const filmId = `journey-film-${run}`;

      // The admin adds the theater and makes its manager (an account that signed up as anyone does).
      await signIn(page, admin);
      await page.goto('/admin');
      await expect(page.getByRole('heading', { name: 'Opening a cinema' })).toBeVisible();
      await page.getByRole('link', { name: 'Add a city and a theater' }).click();
      await page.locator('#theater-name').fill(theaterName);
      await page.locator('#theater-id').fill(theaterId);
      await page.locator('#theater-cityId').selectOption('mumbai');
      await page.locator('#theater-address').fill('1 Marine Drive, Mumbai');
      await page.locator('#theater-timeZone').selectOption(ZONE);
      await page.getByRole('button', { name: 'Add theater' }).click();
      await expect(page.getByRole('status')).toHaveText('The theater is added.');
      await expectAccessible();
      await page.goto('/admin');
      await page.getByLabel('Email address of the account').fill(staff.email);
      await page.getByLabel('Role', { exact: true }).selectOption('manager');
      await page.getByLabel(theaterName).check();
      await page.getByRole('button', { name: 'Save role' }).click();
      await expect(page.getByRole('status')).toContainText('The role is saved.');
      const boss = staff;

      // The manager adds a screen from a text layout, previewed first.
      await signIn(page, boss);
      await page.goto('/admin');
      await page.getByRole('link', { name: 'Add a screen and its seat layout' }).click();
      await page.getByRole('link', { name: `Add a screen to ${theaterName}` }).click();
      await page.getByLabel('Name', { exact: true }).fill('Screen One');
      await page.getByLabel('Short name').fill('1');
      await page.getByLabel('Seat layout').fill(LAYOUT);
      await page.getByRole('button', { name: 'Preview' }).click();
      await expect(page.locator('#preview-status')).toHaveText(
        '3 rows and 24 seats (Standard 16, Premium 8), numbered from the left.',
      );
      await expect(page.getByRole('region', { name: 'Seat map' }).getByRole('checkbox')).toHaveCount(24);
      await expectAccessible();
      await page.getByRole('button', { name: 'Add screen' }).click();
      await expect(page).toHaveURL(`/admin/screens/${theaterId}/${screenId}?done=created`);

      // A film with a poster.
      await page.goto('/admin/films/new');
      await page.getByLabel('Title', { exact: true }).fill(`Harbour Nights ${run}`);
      await page.getByLabel('Short name for links (optional)', { exact: true }).fill(filmId);
      await page.getByLabel('Synopsis', { exact: true }).fill('Two ferry pilots race the monsoon home.');
      await page.getByLabel('Languages', { exact: true }).fill('English, Hindi');
      await page.getByLabel('Genres', { exact: true }).fill('Drama');
      await page.getByLabel('Certificate').selectOption('UA 13+');
      await page.getByLabel('Running time in minutes', { exact: true }).fill('100');
      await page.getByLabel('Release date', { exact: true }).fill('2026-11-20');
      await page.getByLabel('Poster file (optional)').setInputFiles({
        name: 'poster.png',
        mimeType: 'image/png',
        buffer: await posterPng(),
      });
      await page.getByRole('button', { name: 'Add film' }).click();
      await expect(page.getByRole('status')).toHaveText('The film is added.');
      await expectAccessible();

      // A price card, then a week of showtimes with it: previewed, then created.
      await page.goto('/admin/price-cards');
      const card = page.locator('form[action="/admin/price-cards"]');
      await card.getByLabel('Name').fill('Evening');
      await card.getByLabel('Standard').fill('220');
      await card.getByLabel('Premium').fill('340');
      await card.getByRole('button').click();
      await expect(page.getByRole('status')).toHaveText('The price card is added.');
      await page.goto('/admin/showtimes');
      await page.getByLabel('Screen').selectOption(screenId);
      await page.getByLabel('Film').selectOption(filmId);
      await page.getByLabel('First date').fill(localDateIn(1));
      await page.getByLabel('Last date').fill(localDateIn(7));
      await page.getByLabel('Start times').fill('10:00, 14:00, 18:00');
      await page.getByLabel('Language').selectOption('English');
      await page.getByLabel('Price card').selectOption(`${theaterId}-evening`);
      await page.getByRole('button', { name: 'Preview' }).click();
      await expect(page.getByRole('status')).toHaveText('21 showtimes will be created.');
      expect(await showtimesOf(database, theaterId)).toHaveLength(0);
      await expectAccessible();
      await page.getByRole('button', { name: 'Create 21 showtimes' }).click();
      await expect(page.getByRole('status')).toHaveText('21 showtimes were created.');
      const shows = await showtimesOf(database, theaterId);
      expect(shows).toHaveLength(21);
      expect(shows.every((show) => show.prices.some((p) => p.amount === 34_000))).toBe(true);

      // Another start at 11:00 would overlap every 10:00 showing: refused, with the reason.
      await page.getByLabel('Start times').fill('11:00');
      await page.getByRole('button', { name: 'Preview' }).click();
      await expect(page.getByRole('status')).toHaveText('0 showtimes will be created; 7 are refused.');
      await expect(page.getByRole('region', { name: 'Refused' }).getByRole('listitem').first()).toContainText(
        /Overlaps Harbour Nights .+, 10:00 am to 11:40 am, and the 15 minutes' cleaning after it\./,
      );

      // A customer books a seat on two of the showtimes (beside the aisle: no single seat left alone).
      const [first, second] = shows;
      if (!first || !second) throw new Error('no showtimes');
      const oldCode = await book(page, signIn, customer, first.id, 'A4');
      await book(page, signIn, customer, second.id, 'C4');

      // The manager moves the first to 7:30 the same day: the customer's new code opens the door.
      await signIn(page, boss);
      await page.goto(`/admin/showtimes/${first.id}`);
      await page.getByLabel('New date').fill(localDateIn(1));
      await page.getByLabel('New start time').fill('07:30');
      await page.getByRole('button', { name: 'Move showtime' }).click();
      await expect(page.getByRole('status')).toContainText(
        'The showtime is moved. One booking moved with it',
      );
      await expectAccessible();
      const moved = await mailStartingWith(customer.email, 'New time for ');
      const newCode = /New ticket code: (MM1\.\S+)/.exec(moved)?.[1] ?? '';
      expect(newCode).toMatch(/^MM1\./);
      expect(newCode).not.toBe(oldCode);
      expect(await door(page, signIn, admin, first.id, oldCode)).toContain('This ticket was reissued');
      // The new code is accepted; the booking is to be paid at the box office, so the door asks for it.
      expect(await door(page, signIn, admin, first.id, newCode)).toMatch(/^Collect ₹[\d,.]+ first/);

      // The second is cancelled: its customer is told, its seat freed.
      await page.goto(`/admin/showtimes/${second.id}`);
      await page.getByRole('checkbox', { name: /^I understand: 1 booking will be cancelled/ }).check();
      await page.getByRole('button', { name: 'Cancel showtime' }).click();
      await expect(page.getByRole('status')).toContainText(
        'The showtime is cancelled. One booking was cancelled',
      );
      const cancelled = await mailStartingWith(customer.email, 'Cancelled: ');
      expect(cancelled).toContain('is cancelled and its seats (C4 (Premium)) are released');

      // A layout edit that would take away the seat sold on the moved showtime is refused, naming it.
      await page.goto(`/admin/screens/${theaterId}/${screenId}`);
      await page.getByLabel('Seat layout').fill(SHORTER);
      await page.getByRole('button', { name: 'Save screen' }).click();
      await expect(page.getByText(/A4 \(sold\) in Harbour Nights/).first()).toBeVisible();
      await expect(page.getByLabel('Seat layout')).toHaveValue(SHORTER);
      await expectAccessible();

      // A manager of another theater gets 403 on this one's pages and actions (asked without a page, whose
      // console would report the refusal as an error).
      await signIn(page, manager);
      for (const path of [`/admin/showtimes/${first.id}`, `/admin/screens/${theaterId}/${screenId}`]) {
        expect((await page.request.get(path)).status(), path).toBe(403);
      }
      const refused = await page.request.post(`/admin/showtimes/${first.id}/sales`, {
        form: { sales: 'stop' },
        headers: { Origin: new URL(page.url()).origin },
      });
      expect(refused.status()).toBe(403);
    });
  });
}
