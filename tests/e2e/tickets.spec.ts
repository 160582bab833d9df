import { expect, test } from './fixtures';

test('a booked ticket shows its QR code and door code, is paid for at the door, then admitted once', async ({
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
  const doorCode = (await page.getByText(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/).textContent())?.trim() ?? '';
  expect(doorCode).toMatch(/^[23456789ABCDEFGHJKMNPQRSTVWXYZ]{4}-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{4}$/);
  await expect(page.getByText('staff can scan the QR code or type your door code')).toBeVisible();
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
  // Booked to pay at the box office: the door asks for the money first and admits no one yet.
  await door.getByLabel('Ticket code').fill(code.toLowerCase());
  await door.getByRole('button', { name: 'Check ticket' }).click();
  await expect(door.getByRole('alert')).toContainText(/^Collect ₹[\d,.]+ first/);
  await expect(door.getByRole('alert')).not.toContainText('Admit 2');
  await expectAccessible(door, { scripts: false });
  await door.getByRole('button', { name: 'Payment received — admit' }).click();
  await expect(door.getByRole('alert')).toContainText('Admit 2 — Row B 9, 10');
  await expect(door.getByRole('alert')).toContainText(
    new RegExp(`Paid ₹[\\d,.]+ at the door, taken by ${staff.name}`),
  );
  await expectAccessible(door, { scripts: false });

  // The door code, typed as read out, goes the same way: admitted already, and when.
  await door.getByLabel('Ticket code').fill(doorCode.toLowerCase().replace('-', ' '));
  await door.getByRole('button', { name: 'Check ticket' }).click();
  await expect(door.getByRole('alert')).toContainText(
    new RegExp(`Already admitted at \\d{1,2}:\\d\\d\\s?[ap]m by ${staff.name}`),
  );
  await expectAccessible(door, { scripts: false });

  await door.getByLabel('Ticket code').fill(`${code.slice(0, -3)}AAA`);
  await door.getByRole('button', { name: 'Check ticket' }).click();
  await expect(door.getByRole('alert')).toContainText('Do not admit');
  await door.context().close();

  // The customer's booking page says when the tickets were scanned.
  await page.reload();
  await expect(
    page.getByText(/^Scanned at the door at \d{1,2}:\d\d\s?[ap]m on \d{1,2} [A-Z][a-z]+\.$/),
  ).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: /^Paid$/ })).toBeVisible();
});
