import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { expect, tabTo, test } from './fixtures';

/** A small poster made for the test: a PNG of two colour bands, 240 × 360 pixels. */
async function posterPng(): Promise<Buffer> {
  const band = await sharp({
    create: { width: 240, height: 180, channels: 3, background: { r: 250, g: 190, b: 40 } },
  })
    .png()
    .toBuffer();
  return sharp({ create: { width: 240, height: 360, channels: 3, background: { r: 20, g: 40, b: 90 } } })
    .composite([{ input: band, top: 180, left: 0 }])
    .png()
    .toBuffer();
}

test('a manager adds a film with a poster using the keyboard, and the movie page shows the poster', async ({
  page,
  manager,
  signIn,
  expectAccessible,
}) => {
  const id = `e2e-film-${randomBytes(4).toString('hex')}`;
  await signIn(page, manager);
  await page.goto('/admin');
  await tabTo(page, page.getByRole('link', { name: 'Films', exact: true }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Films' })).toBeVisible();
  await expectAccessible();

  await tabTo(page, page.getByRole('link', { name: 'Add a film' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Add a film' })).toBeVisible();
  await expect(page.getByText(/Moviegoers see a new film within the catalogue cache time/)).toBeVisible();
  await expectAccessible();

  // Sent empty first: every problem beside its field, announced, and the page still accessible.
  await tabTo(page, page.getByRole('button', { name: 'Add film' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toContainText(/Please correct the \d+ fields marked below/);
  await expect(page.getByLabel('Title')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible();

  const type = async (label: string, text: string) => {
    await tabTo(page, page.getByLabel(label, { exact: true }));
    await page.keyboard.type(text);
  };
  await type('Title', 'Lanterns Over Colaba');
  await type('Short name for links (optional)', id);
  await type(
    'Synopsis',
    'A night watchman keeps the harbour lamps burning through the last monsoon of the old port.',
  );
  await type('Languages', 'Marathi, English');
  await type('Genres', 'Drama');
  await tabTo(page, page.getByLabel('Certificate'));
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
  await expect(page.getByLabel('Certificate')).toHaveValue('UA 13+');
  await type('Running time in minutes', '117');
  // A date field takes its parts in the browser's order (en-US: month, day, year).
  await type('Release date', '12042026');
  await expect(page.getByLabel('Release date')).toHaveValue('2026-12-04');
  await type('Cast (optional)', 'Meera Kulkarni, Arjun Pillai');
  await type('Trailer link (optional)', 'https://www.example.com/trailers/lanterns');
  // The file chooser is the operating system's: the test hands the file to the focused input instead.
  const file = page.getByLabel('Poster file (optional)');
  await tabTo(page, file);
  await file.setInputFiles({ name: 'lanterns.png', mimeType: 'image/png', buffer: await posterPng() });
  await tabTo(page, page.getByRole('button', { name: 'Add film' }));
  await page.keyboard.press('Enter');

  await expect(page).toHaveURL(/\/admin\/films\?done=created$/);
  await expect(page.getByRole('status')).toHaveText('The film is added.');
  const listed = page.getByRole('listitem').filter({ hasText: 'Lanterns Over Colaba' });
  await expect(listed).toContainText('Certificate UA 13+');
  await expect(listed).toContainText('Uploaded poster');
  await expectAccessible();

  await tabTo(page, page.getByRole('link', { name: 'Lanterns Over Colaba' }), 200);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Change Lanterns Over Colaba' })).toBeVisible();
  await expect(page.getByText('The film shows an uploaded poster.')).toBeVisible();
  await expectAccessible();

  await page.goto(`/movies/${id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Lanterns Over Colaba' })).toBeVisible();
  await expect(page.getByText('With Meera Kulkarni, Arjun Pillai')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Trailer on www.example.com' })).toHaveAttribute(
    'href',
    'https://www.example.com/trailers/lanterns',
  );
  const poster = page.locator('article img').first();
  await expect(poster).toHaveAttribute('srcset', /\/posters\/[0-9a-f]{32}-160\.webp 160w, .*-320\.webp 320w/);
  await expect(poster).toHaveAttribute('width', '160');
  await poster.scrollIntoViewIfNeeded();
  await expect
    .poll(() => poster.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
    .toBeGreaterThan(0);
  expect(await poster.evaluate((img: HTMLImageElement) => img.currentSrc)).toMatch(
    /\/posters\/[0-9a-f]{32}-(160|320)\.webp$/,
  );
  await expectAccessible();
});

test('a poster that is not an image is refused beside the field, the rest of the form kept', async ({
  page,
  admin,
  signIn,
  expectAccessible,
}) => {
  await signIn(page, admin);
  await page.goto('/admin/films/new');
  await page.getByLabel('Title').fill('Not A Picture');
  await page.getByLabel('Poster file (optional)').setInputFiles({
    name: 'poster.jpg',
    mimeType: 'image/jpeg',
    buffer: Buffer.from('this is only text\n'.repeat(20)),
  });
  await page.getByRole('button', { name: 'Add film' }).click();
  await expect(page.getByText('This file is not an image we can read.')).toBeVisible();
  await expect(page.getByLabel('Title')).toHaveValue('Not A Picture');
  await expect(page.getByLabel('Poster file (optional)')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible();
});
