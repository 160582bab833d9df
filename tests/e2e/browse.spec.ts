import { expect, tabTo, test } from './fixtures';

test.describe('home → search → movie → theater', () => {
  test('with the mouse', async ({ page, expectAccessible }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Choose your city' })).toBeVisible();
    await expectAccessible();

    await page.getByRole('radio', { name: 'Bengaluru' }).check();
    await page.getByRole('button', { name: 'Show movies' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Now showing in Bengaluru' })).toBeVisible();
    await expectAccessible();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Search' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Search movies and showtimes' })).toBeVisible();
    await expect(page.getByLabel('City', { exact: true }).last()).toHaveValue('bengaluru');
    await page.getByRole('searchbox', { name: 'Title, genre or language' }).fill('kaveri');
    // htmx swaps the results as the user types, and the URL follows.
    await expect(page.getByRole('heading', { name: '1 movie found' })).toBeVisible();
    await expect(page).toHaveURL(/[?&]q=kaveri/);
    await expectAccessible();

    await page.getByRole('link', { name: 'Kaveri Express' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Kaveri Express' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Showtimes in Bengaluru' })).toBeVisible();
    await expectAccessible();

    const theaterLink = page.getByRole('link', { name: /Lakeview Cinemas|Garden City Screens/ }).first();
    const theaterName = (await theaterLink.textContent()) ?? '';
    await theaterLink.click();
    await expect(page.getByRole('heading', { level: 1, name: theaterName })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Showtimes' })).toBeVisible();
    await expectAccessible();
  });

  test('with the keyboard only', async ({ page, expectAccessible }) => {
    await page.goto('/');
    // Tab enters the radio group at its checked option; the arrow keys choose within it.
    await tabTo(page, page.getByRole('radio', { checked: true }));
    const mumbai = page.getByRole('radio', { name: 'Mumbai' });
    for (let i = 0; i < 5 && !(await mumbai.isChecked()); i++) await page.keyboard.press('ArrowDown');
    await expect(mumbai).toBeChecked();
    await tabTo(page, page.getByRole('button', { name: 'Show movies' }));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Now showing in Mumbai' })).toBeVisible();
    await expectAccessible();

    await tabTo(page, page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Search' }));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Search movies and showtimes' })).toBeVisible();
    await tabTo(page, page.getByRole('searchbox', { name: 'Title, genre or language' }));
    await page.keyboard.type('gully');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: '1 movie found' })).toBeVisible();
    await expectAccessible();

    await tabTo(page, page.getByRole('link', { name: 'Gully Cricket' }));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Gully Cricket' })).toBeVisible();
    await expectAccessible();

    const theaterLink = page.getByRole('link', { name: /Harbour Lights|Sapphire Multiplex/ }).first();
    const theaterName = (await theaterLink.textContent()) ?? '';
    await tabTo(page, theaterLink, 200);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: theaterName })).toBeVisible();
    await expectAccessible();
  });

  test.describe('with JavaScript disabled', () => {
    test.use({ javaScriptEnabled: false });

    test('every step works as plain HTML', async ({ page, expectAccessible }) => {
      await page.goto('/');
      await page.getByRole('radio', { name: 'Dubai' }).check();
      await page.getByRole('button', { name: 'Show movies' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Now showing in Dubai' })).toBeVisible();
      await expectAccessible();

      await page.goto('/search');
      await page.getByRole('searchbox', { name: 'Title, genre or language' }).fill('desert');
      await page.getByRole('button', { name: 'Search' }).click();
      await expect(page).toHaveURL(/\/search\?q=desert/);
      await expect(page.getByRole('heading', { name: '1 movie found' })).toBeVisible();
      await expectAccessible();

      await page.getByRole('link', { name: 'Desert Rose' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Desert Rose' })).toBeVisible();
      await expectAccessible();

      const theaterLink = page.getByRole('link', { name: /Marina Picture House|Creekside Cinema/ }).first();
      const theaterName = (await theaterLink.textContent()) ?? '';
      await theaterLink.click();
      await expect(page.getByRole('heading', { level: 1, name: theaterName })).toBeVisible();
      await expectAccessible();
    });

    test('a malformed filter is reported beside its field with a 400', async ({ page, expectAccessible }) => {
      const response = await page.goto('/search?date=2026-02-31x&q=ferry');
      expect(response?.status()).toBe(400);
      await expect(page.getByLabel('Date')).toHaveAccessibleDescription(/YYYY-MM-DD/);
      await expect(page.getByRole('searchbox')).toHaveValue('ferry');
      await expectAccessible();
    });
  });

  test('Back returns to the previous search after htmx updates', async ({ page }) => {
    await page.goto('/search');
    const box = page.getByRole('searchbox', { name: 'Title, genre or language' });
    await box.fill('ferry');
    await expect(page.getByRole('heading', { name: '1 movie found' })).toBeVisible();
    await expect(page).toHaveURL(/q=ferry/);
    await page.getByRole('link', { name: 'The Last Ferry' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'The Last Ferry' })).toBeVisible();
    await page.goBack();
    await expect(page).toHaveURL(/q=ferry/);
    await expect(page.getByRole('heading', { name: '1 movie found' })).toBeVisible();
  });

  test('unknown pages get the 404 page in the site layout', async ({ page, expectAccessible }) => {
    const response = await page.goto('/movies/no-such-movie');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    await expectAccessible();
  });
});
