import type { Browser, Page } from '@playwright/test';
import { type Account, expect } from './fixtures';

/** Another browser (its own cookies) where `who` holds `seats` and reaches the checkout. */
export async function holdElsewhere(
  browser: Browser,
  baseURL: string,
  signIn: (page: Page, who: Account) => Promise<void>,
  who: Account,
  path: string,
  seats: string[],
) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signIn(page, who);
  await checkOut(page, path, seats);
  return { context, page };
}

/** Chooses `seats` from the address of the seat map at `path` and continues to the checkout. */
export async function checkOut(page: Page, path: string, seats: string[]) {
  await page.goto(`${path}?seats=${seats.join(',')}`);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/checkout\//);
}

/** A seat's checkbox by its id ("G5"), whatever its state. */
export const seatById = (page: Page, id: string) => {
  const [, row, number] = /^([A-Z]+)(\d+)$/.exec(id) ?? [];
  return page.getByRole('checkbox', { name: new RegExp(`^Row ${row}, seat ${number}, `) });
};
