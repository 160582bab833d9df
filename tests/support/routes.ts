import type { App } from '../../src/app';

/*
 * The few moves every route test beside the code makes: post a form as the browser would, know where a
 * signed-out visitor is sent, and find one field's row in a form.
 */

/** Where a signed-out visitor is sent: sign-in, with `next` the page to come back to. */
export const signInPath = (back: string) => `/sign-in?next=${encodeURIComponent(back)}`;

/** A form post to `path`, from our own origin unless `origin` says otherwise (CSRF refuses other sites). */
export function postForm(
  app: App,
  path: string,
  fields: Record<string, string> | [string, string][] = [],
  { origin = 'http://localhost', headers = {} }: { origin?: string; headers?: Record<string, string> } = {},
) {
  return app.request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: origin, ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

/** The form row of one field: its label, control and error, and nothing of the other fields. */
export function fieldRow(html: string, id: string): string {
  const row = new RegExp(`<div><label class="label" for="${id}">[\\s\\S]*?</div>`).exec(html)?.[0];
  if (!row) throw new Error(`no form row for #${id}`);
  return row;
}
