import type { Page } from '@playwright/test';
import { test as base, expect, tabTo } from './fixtures';
import { linkTo, mailTo, uniqueEmail } from './mail';

type Account = { name: string; email: string; password: string };

const test = base.extend<{ account: Account }>({
  /** A fresh, unconfirmed account, created over HTTP: for the tests whose subject is not sign-up. */
  account: async ({ request, baseURL }, use) => {
    const account = { name: 'Meera Nair', email: uniqueEmail(), password: 'lantern orbit meadow' };
    const response = await request.post('/sign-up', {
      form: account,
      // The app refuses cross-site form posts, and a request from the test runner has no Origin of its own.
      headers: { Origin: baseURL ?? '' },
      maxRedirects: 0,
    });
    expect(response.status(), await response.text()).toBe(200);
    await use(account);
  },
});

const CONFIRM_SUBJECT = 'Confirm your email for Movie Magic';
const RESET_SUBJECT = 'Reset your Movie Magic password';
const MISMATCH = 'That email and password do not match an account.';

const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });

async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function expectSignedIn(page: Page) {
  await expect(nav(page).getByRole('link', { name: 'Account' })).toBeVisible();
  await expect(nav(page).getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expect(nav(page).getByRole('link', { name: 'Sign in' })).toHaveCount(0);
}

async function expectSignedOut(page: Page) {
  await expect(nav(page).getByRole('link', { name: 'Sign in' })).toBeVisible();
  await expect(nav(page).getByRole('link', { name: 'Account' })).toHaveCount(0);
  await expect(nav(page).getByRole('button', { name: 'Sign out' })).toHaveCount(0);
}

test('sign up, confirm the email from its link, sign in and sign out', async ({ page, expectAccessible }) => {
  const email = uniqueEmail();
  const password = 'velvet harbour lantern';

  await page.goto('/');
  await nav(page).getByRole('link', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expectAccessible();
  await page.getByRole('link', { name: 'Create an account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Create an account' })).toBeVisible();
  await expectAccessible();

  await page.getByLabel('Your name').fill('Asha Rao');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText(email);
  await expectAccessible();

  await page.goto(linkTo(await mailTo(email, CONFIRM_SUBJECT), '/verify-email'));
  await expect(page.getByRole('heading', { level: 1, name: 'Email confirmed' })).toBeVisible();
  await expectAccessible();

  await nav(page).getByRole('link', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await signIn(page, email, password);
  await expect(page).toHaveURL('/account');
  await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
  await expectSignedIn(page);
  await expect(page.getByRole('main')).toContainText(`Signed in as ${email}. Your email is confirmed.`);
  await expect(page.getByRole('button', { name: 'Send the confirmation link again' })).toHaveCount(0);
  await expectAccessible();

  await nav(page).getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL('/');
  await expectSignedOut(page);
  await expectAccessible();

  await page.goto('/account');
  await expect(page).toHaveURL('/sign-in?next=%2Faccount');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expectSignedOut(page);
});

test('a password reset by email ends every session and only the new password works', async ({
  page,
  browser,
  account,
  expectAccessible,
}) => {
  const newPassword = 'quiet comet saffron';

  // Another device, signed in before the reset.
  const other = await browser.newContext();
  try {
    const otherPage = await other.newPage();
    await otherPage.goto('/sign-in');
    await signIn(otherPage, account.email, account.password);
    await expect(otherPage).toHaveURL('/account');
    await expectSignedIn(otherPage);

    await page.goto('/sign-in');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Reset your password' })).toBeVisible();
    await expectAccessible();
    await page.getByLabel('Email address').fill(account.email);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await expect(page.getByRole('status')).toContainText(`If an account uses ${account.email}`);
    await expectAccessible();

    await page.goto(linkTo(await mailTo(account.email, RESET_SUBJECT), '/reset-password'));
    await expect(page.getByRole('heading', { level: 1, name: 'Choose a new password' })).toBeVisible();
    await expectAccessible();
    await page.getByLabel('New password', { exact: true }).fill(newPassword);
    await page.getByRole('button', { name: 'Set new password' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Your password is changed' })).toBeVisible();
    await expectAccessible();

    await otherPage.reload();
    await expect(otherPage).toHaveURL('/sign-in?next=%2Faccount');
    await expect(otherPage.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    await expectSignedOut(otherPage);
  } finally {
    await other.close();
  }

  await page.getByRole('link', { name: 'Sign in with your new password' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await signIn(page, account.email, account.password);
  await expect(page.getByRole('alert')).toHaveText(MISMATCH);
  await expect(page.getByLabel('Email address')).toHaveValue(account.email);
  await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
  await expectSignedOut(page);
  await expectAccessible();

  await page.getByLabel('Password', { exact: true }).fill(newPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL('/account');
  await expectSignedIn(page);
  await expectAccessible();
});

test.describe('with JavaScript disabled', () => {
  test.use({ javaScriptEnabled: false });

  test('sign-up and sign-in are plain forms, and errors show beside their fields', async ({
    page,
    expectAccessible,
  }) => {
    const email = uniqueEmail();
    const password = 'amber kettle horizon';

    await page.goto('/sign-up');
    await page.getByLabel('Your name').fill('Noor Haddad');
    await page.getByLabel('Email address').fill('noor.example.com');
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByRole('alert')).toHaveText('Please correct the 2 fields marked below.');
    await expect(page.getByLabel('Email address')).toHaveAccessibleDescription(
      'Enter an email address like name@example.com.',
    );
    await expect(page.getByLabel('Email address')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Password', { exact: true })).toHaveAccessibleDescription(
      /^At least 8 characters\..* Use at least 8 characters\.$/,
    );
    await expect(page.getByLabel('Password', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Your name')).toHaveValue('Noor Haddad');
    await expect(page.getByLabel('Email address')).toHaveValue('noor.example.com');
    await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
    await expect(page.getByLabel('Your name')).not.toHaveAttribute('aria-invalid');
    await expectAccessible();

    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible();
    await expectAccessible();

    await page.getByRole('main').getByRole('link', { name: 'Sign in' }).click();
    await signIn(page, email, password);
    await expect(page).toHaveURL('/account');
    await expect(page.getByRole('main')).toContainText(
      `Signed in as ${email}. Your email is not confirmed yet`,
    );
    await expectSignedIn(page);
    await expectAccessible();

    await nav(page).getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL('/');
    await expectSignedOut(page);
  });
});

test('signs in with the keyboard alone', async ({ page, account, expectAccessible }) => {
  await page.goto('/sign-in');
  await tabTo(page, page.getByLabel('Email address'));
  await page.keyboard.type(account.email);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Password', { exact: true })).toBeFocused();
  await page.keyboard.type(account.password);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL('/account');
  await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
  await expectSignedIn(page);
  await expectAccessible();
});

test('signing in from a movie page returns to it', async ({ page, account, expectAccessible }) => {
  await page.goto('/movies/pixel-pals');
  await expect(page.getByRole('heading', { level: 1, name: 'Pixel Pals' })).toBeVisible();
  await nav(page).getByRole('link', { name: 'Sign in' }).click();
  await expect(page).toHaveURL('/sign-in?next=%2Fmovies%2Fpixel-pals');
  await expectAccessible();
  await signIn(page, account.email, account.password);
  await expect(page).toHaveURL('/movies/pixel-pals');
  await expect(page.getByRole('heading', { level: 1, name: 'Pixel Pals' })).toBeVisible();
  await expectSignedIn(page);
  await expectAccessible();
});
