import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/*
 * The design system (docs/design.md) as users meet it: the journey's pages pass axe in light and in dark,
 * dark mode really is dark, and the header keeps to two rows on a phone.
 */

/** The background of the page, as the browser painted it: [r, g, b]. */
async function pageBackground(page: Page): Promise<number[]> {
  const colour = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  return (colour.match(/\d+/g) ?? []).slice(0, 3).map(Number);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the journey's pages pass axe in ${colorScheme}, signed out`, async ({
    page,
    showtime,
    expectAccessible,
    baseURL,
  }) => {
    // Each page of the journey through axe: more than a minute on a busy machine.
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme });
    await page.context().addCookies([{ name: 'city', value: 'mumbai', url: baseURL ?? '' }]);
    const pages = ['/', '/movies/orbit-of-ashes', '/theaters/harbour-lights-colaba', '/search?q=orbit'];
    for (const path of [...pages, showtime.path, '/sign-in']) {
      await page.goto(path);
      await expectAccessible(page);
    }
    const [r = 0, g = 0, b = 0] = await pageBackground(page);
    if (colorScheme === 'dark') expect(r + g + b, 'a dark page background').toBeLessThan(120);
    else expect(r + g + b, 'a light page background').toBeGreaterThan(700);
  });

  test(`the journey's pages pass axe in ${colorScheme}, signed in, from the seats to the booking`, async ({
    page,
    customer,
    showtime,
    signIn,
    expectAccessible,
  }) => {
    // Each page of the journey through axe: more than a minute on a busy machine.
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme });
    await signIn(page, customer);
    await page.goto(`${showtime.path}?seats=C9,C10`);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page).toHaveURL(/\/checkout\//);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Confirm booking' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Booking confirmed' })).toBeVisible();
    await expectAccessible(page);
    await page.goto('/account');
    await expectAccessible(page);
  });
}

for (const width of [320, 360]) {
  test(`the header keeps to two rows at ${width} px, signed out and in`, async ({
    page,
    customer,
    signIn,
  }) => {
    await page.setViewportSize({ width, height: 740 });
    // Rows of the header's controls: their middles, a new row wherever the next is 12 px or more lower.
    const rows = async () => {
      const middles = await page.locator('header a, header select, header button').evaluateAll((nodes) =>
        nodes.map((node) => {
          const box = node.getBoundingClientRect();
          return box.top + box.height / 2;
        }),
      );
      middles.sort((a, b) => a - b);
      return middles.filter((middle, i) => i === 0 || middle - (middles[i - 1] ?? 0) >= 12).length;
    };
    await page.goto('/');
    const header = page.getByRole('banner');
    await header.getByLabel('City').selectOption('mumbai');
    await header.getByRole('button', { name: 'Set' }).click();
    expect(await rows()).toBeLessThanOrEqual(2);
    await signIn(page, customer);
    await page.goto('/');
    expect(await rows()).toBeLessThanOrEqual(2);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, 'no sideways scrolling').toBeLessThanOrEqual(0);
  });
}
