/**
 * The local payment server's pages: a hosted payment page per session or link, and an index of them.
 * Plain server HTML with three forms, so it works with JavaScript off and reads well to a screen reader.
 */
import { html } from 'hono/html';
import type { HostedPage } from './local-provider';

const PROVIDER_NAMES = { stripe: 'Stripe Checkout', razorpay: 'Razorpay Payment Link' } as const;

const STYLE =
  'body{font:1rem/1.5 system-ui,sans-serif;max-width:34rem;margin:2rem auto;padding:0 1rem}' +
  'button{font:inherit;padding:.5rem 1rem;margin:.25rem 0;min-width:14rem}' +
  '[role=alert]{border-left:4px solid #b00020;padding-left:.75rem}';

/** "₹640.00": the amount as a buyer reads it, with its minor units. */
export function amountInWords({ amount, currency }: HostedPage['amount']): string {
  const format = new Intl.NumberFormat('en-IN', { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amount / 10 ** digits);
}

function layout(title: string, body: unknown) {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

/** The hosted page; `refusal` is why the last button could not be honoured (an expired session, say). */
export function payPage(page: HostedPage, refusal?: string) {
  const amount = amountInWords(page.amount);
  const name = PROVIDER_NAMES[page.provider];
  const action = (verb: string) => `/pay/${page.provider}/${page.id}/${verb}`;
  const back = page.backUrl
    ? html`<form method="post" action="${action('cancel')}"><button type="submit">Cancel and go back</button></form>`
    : '';
  const state =
    page.state === 'open'
      ? html`${page.failure ? html`<p role="alert">The last attempt failed: ${page.failure}</p>` : ''}
<form method="post" action="${action('pay')}"><button type="submit">Pay ${amount}</button></form>
<form method="post" action="${action('decline')}"><button type="submit">Decline the card</button></form>
${back}`
      : page.state === 'paid'
        ? html`<p>Paid. Nothing more to do here.</p>`
        : html`<p>This payment page has expired. Nothing was charged.</p>${back}`;
  return layout(
    `Pay ${amount} · ${name} (local test)`,
    html`<h1>${name} (local test)</h1>
<p>A stand-in for the provider's page: no real card is asked for and no money moves.</p>
${refusal ? html`<p role="alert">${refusal}</p>` : ''}
<p>${page.description}</p>
<p>Amount to pay: <strong>${amount}</strong></p>
${state}`,
  );
}

/** Every session and link made since the server started, newest last. */
export function indexPage(pages: HostedPage[]) {
  const items = pages.map(
    (page) =>
      html`<li><a href="/pay/${page.provider}/${page.id}">${PROVIDER_NAMES[page.provider]}: ${page.description}, ${amountInWords(page.amount)}</a> (${page.state})</li>`,
  );
  return layout(
    'Local payments',
    html`<h1>Local payments</h1>
${items.length ? html`<ul>${items}</ul>` : html`<p>No payment has been started yet.</p>`}`,
  );
}

export function notFoundPage(message: string) {
  return layout('Not found · Local payments', html`<h1>Not found</h1><p>${message}</p>`);
}
