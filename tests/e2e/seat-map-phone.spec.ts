import type { Locator, Page } from '@playwright/test';
import { expect, tabTo, test } from './fixtures';
import { holdElsewhere, seatById } from './seat-holds';

/*
 * The Grand Hall's seat map on a phone and by keyboard (docs/decisions/022). Row A is one of its widest
 * rows: seats 1–22 in three blocks, 26 units with the aisles and row letters, 778 px at 28 px a seat.
 */

const seat = seatById;

/** The accessible name of the element with focus, or its text when it has none. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el?.getAttribute('aria-label') ?? el?.textContent?.trim() ?? '';
  });

/** Scrolls `target` into view as a swipe or a Tab would, and checks that a tap on its middle reaches it. */
async function expectTappable(target: Locator) {
  await target.evaluate((el) => el.scrollIntoView({ block: 'center', inline: 'nearest' }));
  await expect(target).toBeInViewport({ ratio: 1 });
  const box = await target.boundingBox();
  expect(box?.width).toBeGreaterThanOrEqual(24);
  expect(box?.height).toBeGreaterThanOrEqual(24);
  // Not hidden under the row letters that stay at the map's edges.
  const hit = await target.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === el;
  });
  expect(hit, `${await target.getAttribute('aria-label')} is the element under its middle`).toBe(true);
}

for (const width of [320, 360, 1366]) {
  test.describe(`${width} px wide`, () => {
    test.use({ viewport: { width, height: width < 1000 ? 640 : 800 } });

    test('every seat of the widest row can be brought into view with a target of at least 24 × 24 px', async ({
      page,
      showtime,
      expectAccessible,
    }) => {
      await page.goto(showtime.path);
      await expectAccessible();
      for (let n = 1; n <= 22; n++) await expectTappable(seat(page, `A${n}`));
      // The screen stays in view above the rows.
      await expect(page.getByText('Screen this way')).toBeInViewport();
      await seat(page, 'A22').click();
      await expect(seat(page, 'A22')).toBeChecked();
      await expect(seat(page, 'A22')).toHaveAccessibleName(/, selected$/);
      await expect(page.locator('#summary')).toContainText('1 seat chosen: A22');
    });

    test('best available lands on the map with the chosen seats in view and the choice announced', async ({
      page,
      showtime,
    }) => {
      await page.goto(showtime.path);
      await page.getByLabel('Seats', { exact: true }).selectOption('2');
      await page.getByLabel('Category').selectOption('standard');
      await page.getByRole('button', { name: 'Find the best seats together' }).click();
      await expect(page).toHaveURL(/#seat-map$/);
      const chosen = page.getByRole('checkbox', { checked: true });
      await expect(chosen).toHaveCount(2);
      for (const box of await chosen.all()) {
        await expect(box).toHaveAccessibleName(/, selected$/);
        await expect(box.locator('..')).toBeInViewport({ ratio: 1 });
      }
      const status = page.getByRole('status');
      await expect(status).toContainText(
        /^We chose [A-M]\d+, [A-M]\d+, the best 2 Standard seats together\./,
      );
      await expect(status).toBeInViewport();
      await expect(status).toBeFocused();
    });

    test('Continue is reached in at most 12 Tab presses, and says why a visitor must sign in', async ({
      page,
      showtime,
    }) => {
      await page.goto(showtime.path);
      const go = page.getByRole('button', { name: 'Continue' });
      await tabTo(page, go, 13);
      await expect(go).toHaveAccessibleDescription(
        'Sign in to hold these seats: we send your tickets to your account.',
      );
      await expect(page.getByText('Sign in to hold these seats')).toBeVisible();
    });

    test('a refused hold shows its message in view just above the map, with focus on it', async ({
      page,
      browser,
      baseURL,
      customer,
      admin,
      showtime,
      signIn,
    }) => {
      await signIn(page, customer);
      // The seat is taken between two polls of the map: the page still shows it free.
      await page.route(/\/seats(\?|$)/, (route) =>
        route.fulfill({ contentType: 'application/json', body: '{"taken":[],"open":true}' }),
      );
      await page.goto(`${showtime.path}?seats=E9,E10`);
      const { context: other } = await holdElsewhere(browser, baseURL ?? '', signIn, admin, showtime.path, [
        'E10',
        'E11',
      ]);
      await page.getByRole('button', { name: 'Continue' }).click();
      await expect(page).toHaveURL(/#seat-map$/);
      const alert = page.getByRole('alert').filter({ hasText: 'E10 is no longer available' });
      await expect(alert).toBeInViewport();
      await expect(alert).toBeFocused();
      await expect(page.getByRole('region', { name: 'Seat map' })).toBeInViewport();
      await expect(seat(page, 'E10')).toBeDisabled();
      await other.close();
    });
  });
}

test.describe('whole hall and zoom at 320 px, without script', () => {
  test.use({ viewport: { width: 320, height: 640 }, javaScriptEnabled: false });

  test('the whole hall fits the screen, a tap on a part zooms into it, and seats still book', async ({
    page,
    customer,
    showtime,
    signIn,
    expectAccessible,
  }) => {
    await signIn(page, customer);
    await page.goto(showtime.path);
    await expect(page.getByRole('link', { name: 'Skip the seat map' })).toBeVisible();
    await page.getByRole('link', { name: 'see the whole hall' }).click();
    await expect(page).toHaveURL(/#hall$/);
    for (const n of [1, 11, 22]) await expect(seat(page, `A${n}`).locator('..')).toBeInViewport({ ratio: 1 });
    await page.getByRole('link', { name: 'Zoom into seats 19–22' }).click();
    await expect(page).toHaveURL(/#zoom-3$/);
    await expect(seat(page, 'A22').locator('..')).toBeInViewport({ ratio: 1 });
    expect((await seat(page, 'A22').boundingBox())?.width).toBeGreaterThanOrEqual(24);
    await expectAccessible();

    await seat(page, 'C21').click();
    await seat(page, 'C22').click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page).toHaveURL(/\/checkout\//);
    await expect(page.getByRole('listitem').filter({ hasText: 'C22 ·' })).toBeVisible();
    await page.getByRole('button', { name: 'Release seats' }).click();
  });
});

test.describe('by keyboard', () => {
  test.use({ viewport: { width: 1366, height: 800 } });

  test('the map is one Tab stop; arrows, Home and End move between seats, skipping aisles and taken seats', async ({
    page,
    browser,
    baseURL,
    customer,
    showtime,
    signIn,
    expectAccessible,
  }) => {
    const { context: other } = await holdElsewhere(browser, baseURL ?? '', signIn, customer, showtime.path, [
      'A3',
      'A4',
    ]);
    await page.goto(showtime.path);
    await expect(page.getByRole('link', { name: 'Skip the seat map' })).toBeHidden();
    await tabTo(page, seat(page, 'A1'), 12);
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Continue' })).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await expect(seat(page, 'A1')).toBeFocused();

    const press = async (key: string, name: RegExp) => {
      await page.keyboard.press(key);
      expect(await focused(page)).toMatch(name);
    };
    await press('ArrowRight', /^Row A, seat 2, /);
    await press('ArrowRight', /^Row A, seat 5, /); // past A3 and A4, taken, and the aisle
    await press('End', /^Row A, seat 22, /);
    await press('ArrowRight', /^Row A, seat 22, /);
    await press('Home', /^Row A, seat 1, /);
    await press('ArrowDown', /^Row B, seat 1, /);
    await press('ArrowUp', /^Row A, seat 1, /);
    for (const row of ['B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K', 'L'])
      await press('ArrowDown', new RegExp(`^Row ${row}, seat 1, `));
    await press('End', /^Row L, seat 22, /);
    await press('ArrowDown', /^Row M, seat 12, /); // the nearest seat of the narrower back row
    await press('Home', /^Row M, seat 1, /);
    await press('ArrowUp', /^Row L, seat [45], /);

    await page.keyboard.press('Space');
    const chosen = page.locator(':focus');
    await expect(chosen).toBeChecked();
    await expect(chosen).toHaveAccessibleName(/, selected$/);
    await page.keyboard.press('Space');
    await expect(chosen).toHaveAccessibleName(/, available$/);
    await expectAccessible();
    await other.close();
  });

  test('live availability keeps the focus in the map and the seats checked', async ({
    page,
    browser,
    baseURL,
    customer,
    showtime,
    signIn,
  }) => {
    await page.goto(`${showtime.path}?seats=C9`);
    await tabTo(page, seat(page, 'C9'), 12);
    await page.keyboard.press('ArrowRight');
    await expect(seat(page, 'C10')).toBeFocused();
    const { context: other } = await holdElsewhere(browser, baseURL ?? '', signIn, customer, showtime.path, [
      'C10',
    ]);
    await expect(seat(page, 'C10')).toBeDisabled({ timeout: 3000 });
    // Focus moved to the next seat, not out of the map.
    await expect(seat(page, 'C11')).toBeFocused();
    await expect(seat(page, 'C9')).toBeChecked();
    await page.keyboard.press('ArrowLeft');
    await expect(seat(page, 'C9')).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Continue' })).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await expect(seat(page, 'C9')).toBeFocused();
    await other.close();
  });
});
