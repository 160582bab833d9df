import { expect, test } from './fixtures';

/*
 * The movie page on a phone: the date strip and the filters fit a 320 and a 360 px screen without a
 * sideways scroll, the day tabs and the filter form work as plain links and a GET form, and axe and the
 * Nu HTML checker (every page, in the fixtures) find nothing.
 */

for (const width of [320, 360]) {
  test(`the movie page's days and filters fit ${width} px`, async ({ page, expectAccessible }) => {
    await page.setViewportSize({ width, height: 800 });
    await page.goto('/movies/orbit-of-ashes?city=mumbai');
    const days = page.getByRole('navigation', { name: 'Days' });
    await expect(days.getByRole('link')).toHaveCount(7);
    const filters = page.getByRole('group', { name: 'Filter showtimes' });
    await expect(filters).toBeVisible();

    // Nothing wider than the screen: the page does not scroll sideways, and every tab and control is inside.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    for (const box of [
      await days.boundingBox(),
      await filters.boundingBox(),
      ...(await Promise.all((await days.getByRole('link').all()).map((tab) => tab.boundingBox()))),
    ]) {
      expect(box).not.toBeNull();
      expect((box?.x ?? -1) >= 0 && (box?.x ?? 0) + (box?.width ?? 0) <= width).toBe(true);
    }
    await expectAccessible(page);

    // A day tab and a filter keep each other: the day stays when filtering, the filter when changing days.
    const third = days.getByRole('link').nth(2);
    const date = new URL(await third.evaluate((a: HTMLAnchorElement) => a.href)).searchParams.get('date');
    await third.click();
    await expect(days.locator('[aria-current="page"]')).toHaveAttribute('href', new RegExp(`date=${date}`));
    await page.getByLabel('Time of day').selectOption('night');
    await page.getByRole('button', { name: 'Show times' }).click();
    await expect(page).toHaveURL(new RegExp(`date=${date}.*time=night`));
    await expect(page.getByLabel('Time of day')).toHaveValue('night');
    await expect(days.getByRole('link').first()).toHaveAttribute('href', /time=night/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await expectAccessible(page);
  });
}

test('a bad filter value is answered in the page with a 400', async ({ page, expectAccessible }) => {
  const response = await page.goto('/movies/orbit-of-ashes?city=mumbai&time=brunch');
  expect(response?.status()).toBe(400);
  await expect(page.getByRole('alert')).toContainText('Some showtime filters are not valid');
  await expect(page.getByText('Choose morning, afternoon, evening or night.')).toBeVisible();
  await expectAccessible(page);
});
