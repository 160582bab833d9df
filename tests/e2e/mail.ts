import { randomBytes } from 'node:crypto';
import { expect } from '@playwright/test';
import { sesURL } from '../../playwright.config';
import { type StoredEmail, storedEmails } from '../support/ses-store';

/** An address no other test uses: every worker reads the one shared store. */
export function uniqueEmail(): string {
  return `e2e-${randomBytes(6).toString('hex')}@example.com`;
}

/**
 * Waits for the newest email to `to` with `subject` to reach the local SES server and returns its
 * text. Sending happens inside the request that triggered it, but polling keeps the tests from
 * depending on that.
 */
export async function mailTo(to: string, subject: string): Promise<string> {
  let found: StoredEmail | undefined;
  await expect
    .poll(
      async () => {
        found = (await storedEmails(sesURL)).findLast(
          (e) => e.subject === subject && e.destination.to.some((address) => address.includes(to)),
        );
        return found !== undefined;
      },
      { message: `an email to ${to} with the subject "${subject}"`, timeout: 10_000 },
    )
    .toBe(true);
  return found?.body.text ?? '';
}

/**
 * The first link in `text` to `path`, absolute as the email has it: opening it as is checks that it
 * points at this site too, since the page fixture fails on any request to another origin.
 */
export function linkTo(text: string, path: string): string {
  const link = text.match(new RegExp(`https?://\\S+${path}\\?token=[A-Za-z0-9]+`))?.[0];
  expect(link, `a link to ${path} in:\n${text}`).toBeDefined();
  return link ?? '';
}

/** The text of the newest email to `to` whose subject starts with `subject`, once it has arrived. */
export async function mailStartingWith(to: string, subject: string): Promise<string> {
  let text = '';
  await expect
    .poll(
      async () => {
        const found = (await storedEmails(sesURL, to)).findLast((mail) => mail.subject.startsWith(subject));
        text = found?.body.text ?? '';
        return text !== '';
      },
      { message: `an email to ${to} starting "${subject}"`, timeout: 15_000 },
    )
    .toBe(true);
  return text;
}
