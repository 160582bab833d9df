import type { Response } from '@playwright/test';
import { nuCheckerURL } from '../../playwright.config';

/** One message of the Nu HTML checker's JSON output. */
type NuMessage = {
  type: 'error' | 'info' | 'non-document-error';
  subType?: string;
  lastLine?: number;
  lastColumn?: number;
  message: string;
  extract?: string;
};

/**
 * True for a whole HTML document shown in a tab: a main-frame navigation with a body. htmx fragments
 * come from `fetch()`, not navigations, and are checked as part of the page that renders them.
 */
export function isPageDocument(response: Response): boolean {
  const request = response.request();
  if (!request.isNavigationRequest() || request.frame().parentFrame() !== null) return false;
  if (response.status() >= 300 && response.status() < 400) return false;
  return (response.headers()['content-type'] ?? '').startsWith('text/html');
}

/**
 * The Nu checker's errors in the document `response` carried, one line each naming the URL, line,
 * column, message and the markup around it (the server writes each page on one line). Only errors
 * count: its `info` messages (warnings included) are advice, not conformance failures, and its
 * `non-document-error`s (the checker could not read the document) are errors too.
 */
export async function nuErrors(response: Response): Promise<string[]> {
  const url = response.url();
  let html: string;
  try {
    html = await documentOf(response);
  } catch (error) {
    return [`${url}: the document could not be read for the Nu HTML checker (${String(error)})`];
  }
  const messages = await check(withoutStylesheet(html));
  return messages
    .filter((m) => m.type !== 'info')
    .map(
      (m) =>
        `${url} line ${m.lastLine ?? '?'}, column ${m.lastColumn ?? '?'}: ${m.message} (at “${m.extract ?? ''}”)`,
    );
}

/**
 * The HTML `response` carried. Chromium forgets a document's body once its tab has moved on, which a
 * test going quickly from page to page can do before the body is read; a GET is then sent again with
 * the cookies the browser sent (read only here: the browser's own cookies are not touched).
 */
async function documentOf(response: Response): Promise<string> {
  try {
    return await response.text();
  } catch (error) {
    const request = response.request();
    if (request.method() !== 'GET') throw error;
    const cookie = await request.headerValue('cookie');
    const again = await fetch(response.url(), { headers: cookie ? { cookie } : {} });
    return again.text();
  }
}

/**
 * The page with its inline stylesheet emptied. It is the build's compiled CSS, the same bytes on every page
 * (src/web/layout.tsx), not markup; and the checker's CSS grammar predates container queries and custom
 * properties holding calc(), which it reports as errors in valid CSS. The checker judged the HTML alone
 * when the stylesheet was a linked file, and still does.
 */
const withoutStylesheet = (html: string) => html.replace(/<style>[\s\S]*?<\/style>/, '<style></style>');

/** Sends `html` to the Nu HTML checker service the test run started. */
async function check(html: string): Promise<NuMessage[]> {
  const res = await fetch(`${nuCheckerURL}/?out=json`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/html; charset=utf-8' },
    body: html,
  });
  if (!res.ok) throw new Error(`the Nu HTML checker answered ${res.status}`);
  const { messages } = (await res.json()) as { messages: NuMessage[] };
  return messages;
}
