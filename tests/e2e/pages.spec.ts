import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Page } from '@playwright/test';
import type { Payment } from '../../src/features/payments/model';
import * as payRepo from '../../src/features/payments/repo';
import type { Db } from '../../src/platform/db/client';
import { expect, test } from './fixtures';

/*
 * Opens every kind of page once signed out and once signed in as each role, so the checks every browser
 * test makes of the pages it visits (the Nu HTML checker above all) cover pages no other test opens.
 */

/** Pages anyone may open, with the status each answers. */
const publicPages: [path: string, status: number][] = [
  ['/', 200],
  ['/search?q=the', 200],
  ['/search?date=2026-02-31x', 400],
  ['/movies/orbit-of-ashes', 200],
  ['/movies/no-such-movie', 404],
  ['/theaters', 200],
  ['/theaters/harbour-lights-colaba', 200],
  ['/about', 200],
  ['/contact', 200],
  ['/contact/thanks?ref=0a1b2c3d', 200],
  ['/sign-in', 200],
  ['/sign-up', 200],
  ['/forgot-password', 200],
  ['/reset-password?token=no-such-token', 400],
];

/** Opens `path` and checks the status it answered with; the fixtures check the page itself. */
async function open(page: Page, path: string, status = 200) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(status);
}

/** The contact form sent empty: the page again with the fields marked, no topic chosen. */
async function sendEmptyContactForm(page: Page) {
  await open(page, '/contact');
  await page.getByRole('button', { name: 'Send message' }).click();
  await expect(page.getByRole('alert')).toContainText(/Please correct the \d fields marked below/);
  await expect(page.getByLabel('Topic')).toHaveValue('');
}

/**
 * Online payments at Harbour Lights today, written by the payments feature's repo: one paid, one declined,
 * one paid with a refund still to send, so the payments page has every table to show.
 */
async function somePayments(db: Db, tag: string): Promise<{ declined: string }> {
  const createdAt = new Date(Date.now() - 60_000).toISOString();
  const payment = (n: number): Payment => ({
    id: `MM-E2E${n}-${tag}-0000`,
    userId: 'e2e-buyer',
    showId: 'e2e-show',
    theaterId: 'harbour-lights-colaba',
    holdId: `e2e-hold-${tag}-${n}`,
    seats: ['E5'],
    holdCreatedAt: createdAt,
    holdExpiresAt: createdAt,
    provider: 'stripe',
    sessionId: `cs_e2e_${tag}_${n}`,
    url: 'https://pay.example/e2e',
    amount: 32_050,
    currency: 'INR',
    price: {
      currency: 'INR',
      tickets: [],
      fee: 0,
      feePerTicket: 0,
      tax: 0,
      taxName: 'GST',
      taxBasisPoints: 0,
      total: 32_050,
    },
    status: 'open',
    createdAt,
  });
  const [paid, declined, refunded] = [payment(1), payment(2), payment(3)];
  for (const each of [paid, declined, refunded]) await payRepo.putPayment(db, each);
  await db.doc.send(
    new TransactWriteCommand({ TransactItems: [payRepo.bookedUpdate(db, paid, `pi_${tag}`, createdAt)] }),
  );
  await payRepo.noteFailure(db, declined.id, 'Your card was declined.');
  await payRepo.queueRefundOfOpen(
    db,
    refunded,
    {
      paymentId: refunded.id,
      theaterId: refunded.theaterId,
      key: `${refunded.id}-whole`,
      provider: 'stripe',
      chargeId: `pi_${tag}_3`,
      amount: refunded.amount,
      currency: 'INR',
      userId: refunded.userId,
      reason: 'The showtime changed while you were paying.',
      status: 'pending',
      attempts: 0,
      // Far ahead, so no refund process of the test server sends it to a provider that is not there.
      nextAttemptAt: '2099-01-01T00:00:00.000Z',
      createdAt,
    },
    createdAt,
  );
  return { declined: declined.id };
}

test('every public page, signed out, and the sign-in page for the rest', async ({ page, showtime }) => {
  for (const [path, status] of publicPages) await open(page, path, status);
  await open(page, showtime.path);
  for (const path of ['/account', '/admin', '/door', `/checkout/${showtime.id}`]) {
    await open(page, path);
    await expect(page).toHaveURL(/\/sign-in\?next=/);
  }
  await sendEmptyContactForm(page);
  await open(page, '/sign-in');
  await page.getByLabel('Email address').fill('nobody@example.com');
  await page.getByLabel('Password', { exact: true }).fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
});

test('every page a customer sees, from the seat map to the booking', async ({
  page,
  customer,
  showtime,
  signIn,
}) => {
  await signIn(page, customer);
  for (const [path, status] of publicPages) await open(page, path, status);
  await open(page, '/account');
  // A mobile number not yet confirmed: the account page offers the texted code, and a wrong one is refused.
  await page.getByLabel('Mobile number (optional)').fill('+919812345678');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByRole('heading', { name: 'Confirm your mobile number' })).toBeVisible();
  await page.getByLabel('Code from the text').fill('12345');
  await page.getByRole('button', { name: 'Confirm number' }).click();
  await expect(page.getByText('Enter the 6-digit code from the text.')).toBeVisible();
  await sendEmptyContactForm(page);
  await open(page, `${showtime.path}?seats=B9,B10`);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/checkout\//);
  await page.getByRole('button', { name: 'Confirm booking' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Booking confirmed' })).toBeVisible();
});

test('the admin pages and the door, for staff and admins', async ({
  page,
  staff,
  admin,
  showtime,
  signIn,
  expectAccessible,
  database,
}) => {
  // Every back-office page, each through axe and the Nu checker: more than a minute on a busy machine.
  test.setTimeout(180_000);
  await signIn(page, admin);
  await open(page, '/admin');
  await expectAccessible(page);
  // The payments page with a charge, a failure and a refund on its way; then a bad day beside its field.
  const { declined } = await somePayments(database, staff.id.slice(0, 4).toUpperCase());
  await page.getByRole('link', { name: 'Payments', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Payments');
  await expect(page.getByRole('row', { name: new RegExp(declined) })).toContainText(
    'Your card was declined.',
  );
  await expectAccessible(page);
  await page.getByLabel('First day').fill('2026-11-24');
  await page.getByLabel('Last day').fill('2026-11-01');
  await page.getByRole('button', { name: 'Show payments' }).click();
  await expect(page.getByText('Choose a last day on or after the first day.')).toBeVisible();
  await expectAccessible(page);
  // A theater added with the keyboard's worth of form: refused first for a missing zone, then added.
  await open(page, '/admin/theaters');
  await expectAccessible(page);
  const name = `Test Cinema ${staff.id.slice(0, 6)}`;
  const form = page.locator('form[action="/admin/theaters"]');
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByLabel('City').selectOption('mumbai');
  await form.getByLabel('Address').fill('12 Test Road, Mumbai');
  await form.getByRole('button', { name: 'Add theater' }).click();
  await expect(page.getByText("Choose the theater's time zone from the list.").last()).toBeVisible();
  await expectAccessible(page);
  await form.getByLabel('Time zone').selectOption('Asia/Kolkata');
  await form.getByRole('button', { name: 'Add theater' }).click();
  await expect(page.getByRole('status')).toContainText('The theater is added.');
  await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
  // Editing a theater and a city: a bad cleaning gap refused beside its field, the input kept.
  await open(page, '/admin/theaters/harbour-lights-colaba');
  await page.getByLabel(/^Cleaning gap/).fill('1h');
  await page.getByRole('button', { name: 'Save theater' }).click();
  await expect(page.getByText('Enter whole minutes, like 15, or leave it empty for 15.')).toBeVisible();
  await expect(page.getByLabel(/^Cleaning gap/)).toHaveValue('1h');
  await expectAccessible(page);
  await open(page, '/admin/cities/mumbai');
  await expectAccessible(page);
  await open(page, '/admin');
  // Staff become a manager of one theater and back: the role form with its theaters, and the audit log.
  await page.getByLabel('Email address of the account').fill(staff.email);
  await page.getByLabel('Role', { exact: true }).selectOption('manager');
  await page.getByLabel('Harbour Lights Cinema, Colaba').check();
  await page.getByRole('button', { name: 'Save role' }).click();
  await expect(page.getByRole('status')).toContainText('The role is saved.');
  await open(page, '/admin/audit');
  await expect(page.getByRole('row', { name: new RegExp(`changed access: ${staff.email}`) })).toBeVisible();
  await signIn(page, staff);
  await open(page, '/admin/audit');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Audit log: Harbour Lights Cinema, Colaba',
  );
  await open(page, '/admin/payments');
  await expect(page.getByLabel('Theater')).toContainText('All my theaters');
  await signIn(page, admin);
  await open(page, '/admin');
  await page.getByLabel('Email address of the account').fill(staff.email);
  await page.getByLabel('Role', { exact: true }).selectOption('staff');
  await page.getByLabel('Harbour Lights Cinema, Colaba').check();
  await page.getByRole('button', { name: 'Save role' }).click();
  await signIn(page, staff);
  await open(page, '/admin');
  for (const path of ['/door', '/door/theaters/harbour-lights-colaba', `/door/${showtime.id}`])
    await open(page, path);
  await page.getByLabel('Ticket code').fill('MM1.NOPE.NOPE.NOPE');
  await page.getByRole('button', { name: 'Check ticket' }).click();
  await expect(page.getByRole('alert')).toContainText('Do not admit');
});
