import { expect, test } from './fixtures';

test('a booked ticket shows its QR code and is admitted at the door once', async ({
  page,
  browser,
  baseURL,
  customer,
  staff,
  showtime,
  signIn,
  expectAccessible,
}) => {
  await signIn(page, customer);
  await page.goto(`${showtime.path}?seats=B9,B10`);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Confirm booking' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Booking confirmed' })).toBeVisible();

  const qr = page.getByRole('img', { name: /^Ticket QR code for booking MM-/ });
  await expect(qr).toBeVisible();
  const code = (await page.getByText(/^MM1\./).textContent())?.trim() ?? '';
  expect(code).toMatch(/^MM1\.[0-9A-Z]{4}\.[0-9A-Z]+\.[0-9A-Z]+$/);
  await expect(page.getByRole('link', { name: 'Download the ticket as a PDF' })).toHaveAttribute(
    'href',
    /\/ticket\.pdf$/,
  );
  // The dispatcher in the server sends the email; the page follows it with htmx.
  await expect(page.getByText(/^Sent by email at /)).toBeVisible({ timeout: 15_000 });
  await expectAccessible();

  // Staff at the door, in a browser of their own: JavaScript off, since typed codes must work without it.
  const door = await (await browser.newContext({ baseURL, javaScriptEnabled: false })).newPage();
  await signIn(door, staff);
  await door.goto(`/door/${showtime.id}`);
  await expect(door.getByRole('heading', { level: 1, name: /^Check-in: / })).toBeVisible();
  await expectAccessible(door, { scripts: false });
  await door.getByLabel('Ticket code').fill(code.toLowerCase());
  await door.getByRole('button', { name: 'Check ticket' }).click();
  await expect(door.getByRole('alert')).toContainText('Admit 2 — Row B 9, 10');
  await expectAccessible(door, { scripts: false });

  await door.getByLabel('Ticket code').fill(code);
  await door.getByRole('button', { name: 'Check ticket' }).click();
  await expect(door.getByRole('alert')).toContainText(
    new RegExp(`Already admitted at \\d{1,2}:\\d\\d\\s?[ap]m by ${staff.name}`),
  );
  await expectAccessible(door, { scripts: false });

  await door.getByLabel('Ticket code').fill(`${code.slice(0, -3)}AAA`);
  await door.getByRole('button', { name: 'Check ticket' }).click();
  await expect(door.getByRole('alert')).toContainText('Do not admit');
  await door.context().close();
});
