import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { linkTo, mailTo, uniqueEmail } from './mail';

/*
 * Someone new chooses seats, is asked to sign in, creates an account instead, and confirms it from the
 * email in the local SES store: they come back to the same seats, still chosen, with the mouse and with
 * JavaScript off.
 */

const seat = (page: Page, id: string) => {
  const [, row, number] = /^([A-Z]+)(\d+)$/.exec(id) ?? [];
  return page.getByRole('checkbox', { name: new RegExp(`^Row ${row}, seat ${number}, `) });
};

for (const javaScript of [true, false]) {
  test.describe(javaScript ? 'with the mouse' : 'with JavaScript off', () => {
    test.use({ javaScriptEnabled: javaScript });

    test('A new user signs up from the seat map and, after confirming, is back on the same seats', async ({
      page,
      showtime,
      expectAccessible,
    }) => {
      // Two accounts' pages, the mail store and axe on a 254-seat map: more than the default minute.
      test.setTimeout(180_000);
      const email = uniqueEmail();
      const password = 'velvet harbour lantern';
      await page.goto(showtime.path);
      await seat(page, 'G7').check();
      await seat(page, 'G8').check();
      await page.getByRole('button', { name: 'Continue' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
      await page.getByRole('link', { name: 'Create an account' }).click();

      await expect(page.getByRole('heading', { level: 1, name: 'Create an account' })).toBeVisible();
      const sms = page.getByRole('checkbox', { name: 'Send my tickets by SMS too' });
      await expect(sms).not.toBeChecked();
      await page.getByLabel('Your name').fill('Nila Menon');
      await page.getByLabel('Email address').fill(email);
      await page.getByLabel('Password', { exact: true }).fill(password);
      await page.getByLabel('Mobile number (optional)').fill('+919812345670');
      await sms.check();
      await expectAccessible();
      await page.getByRole('button', { name: 'Create account' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible();

      await page.goto(linkTo(await mailTo(email, 'Confirm your email for Movie Magic'), '/verify-email'));
      await expect(page.getByRole('heading', { level: 1, name: 'Email confirmed' })).toBeVisible();
      await expectAccessible();
      await page.getByRole('link', { name: 'Sign in and go back to your seats' }).click();
      await page.getByLabel('Email address').fill(email);
      await page.getByLabel('Password', { exact: true }).fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();

      await expect(page).toHaveURL(`${showtime.path}?seats=G7,G8`);
      await expect(seat(page, 'G7')).toBeChecked();
      await expect(seat(page, 'G8')).toBeChecked();
      await expect(page.locator('#summary')).toContainText('2 seats chosen');
      await expectAccessible();
      await page.getByRole('button', { name: 'Continue' }).click();
      // The seat form posts to the hold's address with #seat-map (where a refused hold's message is shown); a
      // browser keeps that fragment through the redirect to the checkout.
      await expect(page).toHaveURL(new RegExp(`/checkout/${showtime.id}(#seat-map)?$`));
      await expect(page.getByRole('listitem').filter({ hasText: /^G[78] · / })).toHaveCount(2);
      await page.getByRole('button', { name: 'Release seats' }).click();

      // The choice made beside the number at sign-up is the account page's, in the same words.
      await page.goto('/account');
      await expect(page.getByRole('checkbox', { name: 'Send my tickets by SMS too' })).toBeChecked();
    });
  });
}
