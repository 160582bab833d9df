import { expect, test } from './fixtures';
import { checkOut } from './seat-holds';

/*
 * Paying by card on the local payment server's hosted page (it stands in for Stripe's Checkout in local
 * mode), with JavaScript on and off: the one other origin this flow visits, as the provider's page would be.
 */

/** The provider's page is another origin by design: its requests are taken off the list of foreign ones. */
function allowProvider(foreign: string[], provider: string) {
  for (let i = foreign.length - 1; i >= 0; i--) if (foreign[i]?.startsWith(provider)) foreign.splice(i, 1);
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? 'with JavaScript' : 'with JavaScript off', () => {
    test.use({ javaScriptEnabled });

    test('pay by card on the provider page, land on the paid booking, and cancel it', async ({
      page,
      customer,
      showtime,
      signIn,
      expectAccessible,
      foreignRequests,
    }) => {
      await signIn(page, customer);
      await checkOut(page, showtime.path, ['K9', 'K10']);
      const payment = page.getByRole('group', { name: 'How would you like to pay?' });
      await expect(payment.getByRole('radio', { name: /Pay at the box office/ })).toBeChecked();
      await payment.getByRole('radio', { name: /Card \(Stripe\)/ }).check();
      await expectAccessible();
      const total = (await page.getByRole('row', { name: /Total/ }).getByRole('cell').textContent()) ?? '';
      await page.getByRole('button', { name: 'Confirm booking' }).click();

      // The provider's page: the amount, and its three buttons.
      await expect(page.getByRole('heading', { level: 1 })).toContainText('Stripe');
      const pay = page.getByRole('button', { name: /^Pay / });
      await expect(pay).toContainText(total.replace(/\.00$/, ''));
      await expect(page.getByRole('button', { name: 'Decline the card' })).toBeVisible();
      const provider = new URL(page.url()).origin;
      await pay.click();

      await expect(page).toHaveURL(/\/bookings\/MM-/);
      allowProvider(foreignRequests, provider);
      await expect(page.getByRole('heading', { level: 1, name: 'Booking confirmed' })).toBeVisible();
      await expect(page.getByRole('main')).toContainText(/Paid .* online \(Stripe\)/);
      await expect(page.getByRole('main')).toContainText('K9 (Premium)');
      await expectAccessible();

      // Cancelling from the booking page: the policy, a confirmation step, then the refund on its way.
      const cancelling = page.getByRole('region', { name: 'Cancelling' });
      await expect(cancelling).toContainText('Cancel up to 2 hours before the show for a full refund');
      await cancelling.getByRole('link', { name: 'Cancel this booking' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toContainText('Cancel booking MM-');
      await expect(page.getByRole('main')).toContainText(
        'will be refunded to the card or account you paid with',
      );
      await expectAccessible();
      await page.getByRole('button', { name: 'Yes, cancel this booking' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Booking cancelled' })).toBeVisible();
      await expect(page.getByRole('status').first()).toContainText('Your booking is cancelled');
      await expect(page.getByRole('main')).toContainText('You cancelled this booking');
      await expect(page.getByRole('main')).toContainText('is being refunded');
      await expect(page.getByRole('region', { name: 'Cancelling' })).toHaveCount(0);
      await expectAccessible();
    });
  });
}

test('staff cancel one seat of a paid booking and refund what it cost; the customer keeps the rest', async ({
  page,
  browser,
  customer,
  staff,
  showtime,
  signIn,
  expectAccessible,
  foreignRequests,
}) => {
  await signIn(page, customer);
  await checkOut(page, showtime.path, ['K5', 'K6', 'K7']);
  await page.getByRole('radio', { name: /Card \(Stripe\)/ }).check();
  await page.getByRole('button', { name: 'Confirm booking' }).click();
  const provider = new URL(page.url()).origin;
  await page.getByRole('button', { name: /^Pay / }).click();
  await expect(page).toHaveURL(/\/bookings\/MM-/);
  allowProvider(foreignRequests, provider);
  const bookingUrl = page.url();

  // At the box office: the booking's seats to choose from, each with what it cost.
  const desk = await (await browser.newContext()).newPage();
  await signIn(desk, staff);
  await desk.goto(`${bookingUrl}/cancel`);
  const seats = desk.getByRole('group', { name: 'Seats to cancel' });
  await expect(seats.getByRole('checkbox')).toHaveCount(3);
  await expect(seats.getByRole('checkbox', { name: /K6, Premium: cost/ })).toBeChecked();
  await expectAccessible(desk);
  await seats.getByRole('checkbox', { name: /^K5/ }).uncheck();
  await seats.getByRole('checkbox', { name: /^K7/ }).uncheck();
  await desk.getByRole('radio', { name: /What the seats chosen cost/ }).check();
  await desk.getByRole('textbox', { name: 'Reason' }).fill('Seat K6 is broken');
  await desk.getByRole('button', { name: 'Cancel the seats chosen' }).click();
  await expect(desk.getByRole('status').first()).toContainText('The seats are cancelled and back on sale');
  await expect(desk.getByRole('main')).toContainText('cancelled seat K6 (Premium)');
  await expectAccessible(desk);
  await desk.context().close();

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Booking confirmed' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('K5 (Premium), K7 (Premium)');
  await expect(page.getByRole('main')).toContainText('Reason: Seat K6 is broken');
  await expect(page.getByRole('main')).toContainText('refunded for cancelled seats');
  await expectAccessible();
});
