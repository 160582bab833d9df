import { shortHoldURL } from '../../playwright.config';
import { expect, test } from './fixtures';
import { checkOut, holdElsewhere, seatById } from './seat-holds';

const seat = seatById;

test('a seat taken in another browser shows as taken within 2 seconds, and a chosen one is flagged', async ({
  page,
  browser,
  baseURL,
  customer,
  showtime,
  signIn,
  expectAccessible,
}) => {
  const path = showtime.path;
  await page.goto(path);
  await seat(page, 'G5').check();
  await expect(page.locator('#summary')).toContainText('1 seat chosen: G5');

  const other = await holdElsewhere(browser, baseURL ?? '', signIn, customer, path, ['G5', 'G6']);
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
  // The release leads that browser back to the seat map: closed before it has loaded, the page could not
  // be read for the HTML checker.
  await expect(other.page).toHaveURL(path);
  await other.page.waitForLoadState('load');
  await other.context.close();
});

test('best available checks the best group, which can be changed before continuing', async ({
  page,
  customer,
  showtime,
  signIn,
  expectAccessible,
}) => {
  await signIn(page, customer);
  await page.goto(showtime.path);
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
  customer,
  showtime,
  signIn,
  expectAccessible,
}) => {
  await page.clock.install();
  await signIn(page, customer);
  await checkOut(page, showtime.path, ['H9', 'H10']);
  await expect(page.getByRole('timer')).toHaveText(/^Time left: [78]:\d\d$/);
  const polite = page.locator('[data-countdown-news="polite"]');
  await expect(polite).toHaveAttribute('aria-live', 'polite');
  await expect(polite).toBeEmpty();

  await page.clock.fastForward('06:05');
  // Seen as well as announced.
  await expect(polite).toHaveText('2 minutes left to confirm your booking.');
  await expect(polite.getByText('2 minutes left to confirm your booking.')).toBeVisible();
  await expect(page.getByRole('timer')).toHaveText(/^Time left: 1:5\d$/);
  await expectAccessible();
  await page.clock.fastForward('01:32');
  await expect(page.getByRole('alert')).toHaveText('30 seconds left to confirm your booking.');
  await expect(polite).toBeEmpty();
  await expect(page.getByRole('button', { name: 'Confirm booking' })).toBeEnabled();
  await expectAccessible();
  await page.clock.fastForward('00:31');
  await expect(page.getByRole('alert')).toHaveText(
    'Your hold has ended and the seats were released. Choose your seats again.',
  );
  await expect(page.getByRole('timer')).toHaveText('Time left: 0:00');
  await expect(page.getByRole('button', { name: 'Confirm booking' })).toBeDisabled();
  await expect(
    page.getByRole('alert').getByRole('link', { name: 'Choose your seats again' }),
  ).toHaveAttribute('href', `${showtime.path}?seats=H9,H10`);
  await expectAccessible();
  await page.getByRole('button', { name: 'Release seats' }).click();
});

test.describe('with holds of 6 seconds', () => {
  test.use({ baseURL: shortHoldURL });

  test('an expired hold gives its seats back to everyone, turns Confirm off and leads back to the seats', async ({
    page,
    browser,
    customer,
    showtime,
    signIn,
    expectAccessible,
  }) => {
    await signIn(page, customer);
    const path = showtime.path;
    await checkOut(page, path, ['J9', 'J10']);

    const watcher = await (await browser.newContext({ baseURL: shortHoldURL })).newPage();
    await watcher.goto(path);
    await expect(seat(watcher, 'J9')).toBeDisabled();

    await expect(page.getByRole('alert')).toContainText('Your hold has ended', { timeout: 10_000 });
    await expect(seat(watcher, 'J9')).toBeEnabled({ timeout: 3000 });
    await expect(seat(watcher, 'J10')).toBeEnabled();
    await expectAccessible();

    // Confirm is off (the server would refuse it now, as the test below shows), and the page says what
    // to do next.
    await expect(page.getByRole('button', { name: 'Confirm booking' })).toBeDisabled();
    await expect(page.getByRole('alert')).toContainText('Choose your seats again.');
    await page.getByRole('link', { name: 'Choose your seats again' }).click();
    await expect(page).toHaveURL(`${path}?seats=J9,J10`);
    // Nobody took them meanwhile: the same seats, chosen again, ready to hold.
    await expect(seat(page, 'J9')).toBeChecked();
    await expect(seat(page, 'J10')).toBeChecked();
    await expectAccessible();
    await watcher.context().close();
  });

  test.describe('with JavaScript off', () => {
    test.use({ javaScriptEnabled: false });

    test('the server refuses to confirm an expired hold and says what to do next', async ({
      page,
      customer,
      showtime,
      signIn,
      expectAccessible,
    }) => {
      await signIn(page, customer);
      await checkOut(page, showtime.path, ['K9', 'K10']);
      // Without the countdown nothing turns Confirm off: the hold of 6 seconds simply runs out.
      await page.waitForTimeout(6500);
      await page.getByRole('button', { name: 'Confirm booking' }).click();
      await expect(page.getByRole('alert')).toContainText(
        'Your seats were released because the hold expired. Please choose them again.',
      );
      await expectAccessible();
      await page.getByRole('link', { name: /^Choose seats for / }).click();
      await expect(seat(page, 'K9')).toBeEnabled();
      await expect(seat(page, 'K9')).not.toBeChecked();
    });
  });
});
