import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { validatePaymentVerification, validateWebhookSignature } from 'razorpay/dist/utils/razorpay-utils';
import Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { onlinePaymentsFor } from '../../src/node';
import { freePort } from '../../src/platform/node/child-server';
import { type LocalPayments, startLocalPayments } from '../../src/platform/payments/node/local-payments';
import { RAZORPAY_DECLINE } from '../../src/platform/payments/node/local-razorpay';
import { STRIPE_DECLINE } from '../../src/platform/payments/node/local-stripe';
import {
  type OnlineProvider,
  type OnlineProviderId,
  ProviderError,
  type StartCheckout,
  WebhookSignatureError,
} from '../../src/platform/payments/online';
import { razorpayProvider } from '../../src/platform/payments/razorpay';
import { stripeProvider } from '../../src/platform/payments/stripe';

/** A stand-in for the app's webhook routes: keeps every POST and answers 200, or 500 when told to. */
type Received = { path: string; headers: IncomingHttpHeaders; body: string };
const received: Received[] = [];
let failWebhooks = 0;
let receiver: Server;
let local: LocalPayments;

beforeAll(async () => {
  receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    request.on('end', () => {
      received.push({ path: request.url ?? '', headers: request.headers, body });
      response.statusCode = failWebhooks-- > 0 ? 500 : 200;
      response.end();
    });
  });
  await new Promise<void>((listening) => receiver.listen(0, '127.0.0.1', listening));
  const { port } = receiver.address() as AddressInfo;
  local = await startLocalPayments({
    webhookUrls: {
      stripe: `http://127.0.0.1:${port}/payments/webhooks/stripe`,
      razorpay: `http://127.0.0.1:${port}/payments/webhooks/razorpay`,
    },
    retryDelaysMs: [20, 40],
  });
});

afterAll(async () => {
  await local?.stop();
  await new Promise((closed) => receiver?.close(closed));
});

beforeEach(() => {
  failWebhooks = 0;
});

/** The provider's adapter on the local server; the SDK's own retries off, so each refusal reaches the test. */
function adapter(id: OnlineProviderId, webhookSecret?: string): OnlineProvider {
  const { secrets } = local;
  return id === 'stripe'
    ? stripeProvider({
        secretKey: secrets.stripeSecretKey,
        webhookSecret: webhookSecret ?? secrets.stripeWebhookSecret,
        apiUrl: local.stripeApiUrl,
        maxNetworkRetries: 0,
      })
    : razorpayProvider({
        keyId: secrets.razorpayKeyId,
        keySecret: secrets.razorpayKeySecret,
        webhookSecret: webhookSecret ?? secrets.razorpayWebhookSecret,
        apiUrl: local.razorpayBaseUrl,
      });
}

let serial = 0;
function checkout(overrides: Partial<StartCheckout> = {}): StartCheckout {
  serial += 1;
  return {
    idempotencyKey: `hold_${serial}_${Date.now()}-1`,
    paymentId: `pay_${serial}_${Date.now()}`,
    amount: { amount: 64_000, currency: 'INR' },
    description: '2 tickets · Dune: Part Two · Sat 30 Nov, 7:00 pm',
    customerEmail: 'asha@example.com',
    returnUrl: 'http://127.0.0.1:3000/payments/return',
    cancelUrl: 'http://127.0.0.1:3000/checkout/hold_1',
    // A hold's eight minutes: shorter than either provider allows, so the adapters push it out.
    expiresAt: new Date(Date.now() + 8 * 60_000),
    ...overrides,
  };
}

/** The webhooks the receiver got for one session, as Headers the adapters read. */
function webhooksAbout(sessionId: string) {
  return received
    .filter((webhook) => webhook.body.includes(sessionId))
    .map((webhook) => ({ ...webhook, headers: headersOf(webhook.headers) }));
}

function headersOf(raw: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) if (typeof value === 'string') headers.set(name, value);
  return headers;
}

const EVENTS = {
  stripe: {
    paid: 'checkout.session.completed',
    declined: 'payment_intent.payment_failed',
    expired: 'checkout.session.expired',
  },
  razorpay: { paid: 'payment_link.paid', declined: 'payment.failed', expired: 'payment_link.expired' },
} as const;
const DECLINES = { stripe: STRIPE_DECLINE, razorpay: RAZORPAY_DECLINE };
const CHARGE_IDS = { stripe: /^pi_\w+$/, razorpay: /^pay_\w+$/ };

describe.each(['stripe', 'razorpay'] as const)('the %s adapter against the local payment server', (id) => {
  const events = EVENTS[id];

  it('makes one session for one idempotency key, with a hosted page', async () => {
    const provider = adapter(id);
    const input = checkout();
    const first = await provider.startCheckout(input);
    const again = await provider.startCheckout(input);
    expect(again).toEqual(first);
    expect(first.url).toBe(`${local.url}pay/${id}/${first.sessionId}`);
    const other = await provider.startCheckout(checkout());
    expect(other.sessionId).not.toBe(first.sessionId);
    expect(await provider.getPayment(first.sessionId)).toMatchObject({
      sessionId: first.sessionId,
      paymentId: input.paymentId,
      status: 'open',
      amount: 64_000,
      currency: 'INR',
      chargeId: undefined,
    });
  });

  it('is paid: the webhook verifies with the adapter and with the provider library, and the provider says paid', async () => {
    const provider = adapter(id);
    const input = checkout();
    const { sessionId } = await provider.startCheckout(input);
    const redirect = await local.pay(id, sessionId);

    const [webhook] = webhooksAbout(sessionId);
    if (!webhook) throw new Error(`no webhook about ${sessionId}`);
    expect(webhook.path).toBe(`/payments/webhooks/${id}`);
    const event = await provider.readWebhook(webhook.body, webhook.headers);
    expect(event).toMatchObject({ type: events.paid, sessionId });
    const { secrets } = local;
    if (id === 'stripe') {
      const official = Stripe.webhooks.constructEvent(
        webhook.body,
        webhook.headers.get('stripe-signature') ?? '',
        secrets.stripeWebhookSecret,
      );
      expect(official.id).toBe(event.eventId);
      expect(official.type).toBe(events.paid);
    } else {
      const signature = webhook.headers.get('x-razorpay-signature') ?? '';
      expect(validateWebhookSignature(webhook.body, signature, secrets.razorpayWebhookSecret)).toBe(true);
      expect(event.eventId).toBe(webhook.headers.get('x-razorpay-event-id'));
    }

    const payment = await provider.getPayment(sessionId);
    expect(payment).toMatchObject({
      status: 'paid',
      amount: 64_000,
      currency: 'INR',
      paymentId: input.paymentId,
    });
    expect(payment.chargeId).toMatch(CHARGE_IDS[id]);
    expect(webhook.body).toContain(payment.chargeId);

    // The buyer's way back names the session, and Razorpay's signature on it is Razorpay's own.
    const query = new URL(redirect).searchParams;
    expect(redirect.startsWith(input.returnUrl)).toBe(true);
    expect(provider.sessionFromReturn(query)).toBe(sessionId);
    if (id === 'razorpay') {
      const signed = {
        payment_id: query.get('razorpay_payment_id') ?? '',
        payment_link_id: query.get('razorpay_payment_link_id') ?? '',
        payment_link_reference_id: query.get('razorpay_payment_link_reference_id') ?? '',
        payment_link_status: query.get('razorpay_payment_link_status') ?? '',
      };
      expect(
        validatePaymentVerification(signed, query.get('razorpay_signature') ?? '', secrets.razorpayKeySecret),
      ).toBe(true);
      query.set('razorpay_payment_link_status', 'created');
      expect(provider.sessionFromReturn(query)).toBeUndefined();
    }
  });

  it('refuses a webhook altered by one byte, or signed with another secret', async () => {
    const provider = adapter(id);
    const { sessionId } = await provider.startCheckout(checkout());
    await local.pay(id, sessionId);
    const [webhook] = webhooksAbout(sessionId);
    if (!webhook) throw new Error(`no webhook about ${sessionId}`);
    await expect(provider.readWebhook(webhook.body, webhook.headers)).resolves.toMatchObject({ sessionId });

    const altered = webhook.body.replace('64000', '64001');
    expect(altered).not.toBe(webhook.body);
    await expect(provider.readWebhook(altered, webhook.headers)).rejects.toThrow(WebhookSignatureError);
    const stranger = adapter(id, id === 'stripe' ? 'whsec_someone_else' : 'someone-else');
    await expect(stranger.readWebhook(webhook.body, webhook.headers)).rejects.toThrow(WebhookSignatureError);
    await expect(provider.readWebhook(webhook.body, new Headers())).rejects.toThrow(WebhookSignatureError);
  });

  it('reports a declined card with the provider reason, and takes a second try on the same page', async () => {
    const provider = adapter(id);
    const { sessionId } = await provider.startCheckout(checkout());
    const before = received.length;
    await local.decline(id, sessionId);
    expect(await provider.getPayment(sessionId)).toMatchObject({
      status: 'failed',
      failureReason: DECLINES[id],
    });
    const [webhook, ...more] = received.slice(before);
    if (!webhook) throw new Error('no webhook for the declined card');
    expect(more).toEqual([]);
    // About the attempt (a payment intent, a payment), not the session, which stays open for another try.
    await expect(provider.readWebhook(webhook.body, headersOf(webhook.headers))).resolves.toEqual({
      eventId: expect.any(String),
      type: events.declined,
      sessionId: undefined,
    });

    await local.pay(id, sessionId);
    expect(await provider.getPayment(sessionId)).toMatchObject({ status: 'paid', failureReason: undefined });
  });

  it('refunds once per key, never more than was charged', async () => {
    const provider = adapter(id);
    const { sessionId } = await provider.startCheckout(checkout());
    await local.pay(id, sessionId);
    const { chargeId } = await provider.getPayment(sessionId);
    if (!chargeId) throw new Error('no charge id');

    const first = await provider.refund({ chargeId, amount: 1_000, idempotencyKey: `${sessionId}:refund:1` });
    const again = await provider.refund({ chargeId, amount: 1_000, idempotencyKey: `${sessionId}:refund:1` });
    expect(first.status).toBe('succeeded');
    expect(again).toEqual(first);

    const tooMuch = provider.refund({ chargeId, amount: 64_000, idempotencyKey: `${sessionId}:refund:2` });
    await expect(tooMuch).rejects.toThrow(ProviderError);
    await expect(tooMuch).rejects.toMatchObject({ retryable: false });
    const rest = await provider.refund({ chargeId, amount: 63_000, idempotencyKey: `${sessionId}:refund:3` });
    expect(rest.refundId).not.toBe(first.refundId);
    await expect(
      provider.refund({ chargeId, amount: 1, idempotencyKey: `${sessionId}:refund:4` }),
    ).rejects.toMatchObject({ retryable: false });
  });

  it('says a refund refused by an outage may be retried, and the retry with its key goes through', async () => {
    const provider = adapter(id);
    const { sessionId } = await provider.startCheckout(checkout());
    await local.pay(id, sessionId);
    const { chargeId } = await provider.getPayment(sessionId);
    if (!chargeId) throw new Error('no charge id');
    const request = { chargeId, amount: 64_000, idempotencyKey: `${sessionId}:refund` };

    local.failNextRefunds(1);
    const refused = provider.refund(request);
    await expect(refused).rejects.toThrow(ProviderError);
    await expect(refused).rejects.toMatchObject({ retryable: true });
    await expect(provider.refund(request)).resolves.toMatchObject({ status: 'succeeded' });
  });

  it('refuses to take payment once the session has expired', async () => {
    const provider = adapter(id);
    const { sessionId, url } = await provider.startCheckout(checkout());
    await local.expire(id, sessionId);
    const [webhook] = webhooksAbout(sessionId);
    if (!webhook) throw new Error(`no webhook about ${sessionId}`);
    expect(await provider.readWebhook(webhook.body, webhook.headers)).toMatchObject({
      type: events.expired,
      sessionId,
    });
    expect(await provider.getPayment(sessionId)).toMatchObject({ status: 'expired', chargeId: undefined });

    await expect(local.pay(id, sessionId)).rejects.toThrow(/expired/);
    const button = await fetch(`${url}/pay`, { method: 'POST', redirect: 'manual' });
    expect(button.status).toBe(409);
    expect(await button.text()).toContain('This payment page has expired. Nothing was charged.');
    expect((await provider.getPayment(sessionId)).status).toBe('expired');
  });

  it('shows a hosted page with the amount and three labelled buttons, and its buttons work without script', async () => {
    const provider = adapter(id);
    const input = checkout();
    const { sessionId, url } = await provider.startCheckout(input);
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await response.text();
    expect(page).toMatch(/<html lang="en">/);
    expect(page).toMatch(/<title>Pay ₹640\.00 · [^<]+<\/title>/);
    expect(page).toMatch(/<h1>[^<]+<\/h1>/);
    expect(page).toContain('2 tickets · Dune: Part Two · Sat 30 Nov, 7:00 pm');
    expect(page).toContain('<button type="submit">Pay ₹640.00</button>');
    expect(page).toContain('<button type="submit">Decline the card</button>');
    expect(page).toContain('<button type="submit">Cancel and go back</button>');
    expect(page).not.toContain('<script');

    const cancel = await fetch(`${url}/cancel`, { method: 'POST', redirect: 'manual' });
    expect(cancel.status).toBe(303);
    expect(cancel.headers.get('location')).toBe(input.cancelUrl);
    expect((await provider.getPayment(sessionId)).status).toBe('open');

    const decline = await fetch(`${url}/decline`, { method: 'POST', redirect: 'manual' });
    expect(decline.status).toBe(303);
    const failed = await (await fetch(url)).text();
    expect(failed).toContain(
      `<p role="alert">The last attempt failed: ${DECLINES[id].replace("'", '&#39;')}</p>`,
    );

    const pay = await fetch(`${url}/pay`, { method: 'POST', redirect: 'manual' });
    expect(pay.status).toBe(303);
    const location = pay.headers.get('location') ?? '';
    expect(location.startsWith(input.returnUrl)).toBe(true);
    expect(provider.sessionFromReturn(new URL(location).searchParams)).toBe(sessionId);
    await local.settled();
    expect((await provider.getPayment(sessionId)).status).toBe('paid');
  });
});

describe('the local payment server', () => {
  it('tries a webhook again after a 5xx, and sends one again when asked, with the same event id', async () => {
    const provider = adapter('razorpay');
    const { sessionId } = await provider.startCheckout(checkout());
    failWebhooks = 1;
    await local.pay('razorpay', sessionId);
    const tries = local.deliveries.filter((delivery) => delivery.body.includes(sessionId));
    expect(tries.map((delivery) => [delivery.attempt, delivery.status])).toEqual([
      [1, 500],
      [2, 200],
    ]);
    const last = tries.at(-1);
    if (!last) throw new Error('no delivery');
    await local.deliverAgain(last);
    const all = webhooksAbout(sessionId);
    expect(all).toHaveLength(3);
    const ids = await Promise.all(
      all.map(async (webhook) => (await provider.readWebhook(webhook.body, webhook.headers)).eventId),
    );
    expect(new Set(ids).size).toBe(1);
  });

  it('lets the Stripe SDK retry a refused refund itself, with its key, into one refund', async () => {
    const { secrets } = local;
    const retrying = stripeProvider({
      secretKey: secrets.stripeSecretKey,
      webhookSecret: secrets.stripeWebhookSecret,
      apiUrl: local.stripeApiUrl,
      maxNetworkRetries: 1,
    });
    const { sessionId } = await retrying.startCheckout(checkout());
    await local.pay('stripe', sessionId);
    const { chargeId } = await retrying.getPayment(sessionId);
    if (!chargeId) throw new Error('no charge id');
    local.failNextRefunds(1);
    const refund = await retrying.refund({ chargeId, amount: 64_000, idempotencyKey: `${sessionId}:refund` });
    expect(refund.status).toBe('succeeded');
    await expect(
      retrying.refund({ chargeId, amount: 1, idempotencyKey: `${sessionId}:refund:2` }),
    ).rejects.toThrow(/already been refunded/);
  });

  it('refuses the wrong API keys as the providers do, and a server that is not there may be retried', async () => {
    const wrongStripe = stripeProvider({
      secretKey: 'sk_test_wrong',
      webhookSecret: 'whsec_x',
      apiUrl: local.stripeApiUrl,
      maxNetworkRetries: 0,
    });
    await expect(wrongStripe.startCheckout(checkout())).rejects.toMatchObject({
      name: 'ProviderError',
      retryable: false,
    });
    const wrongRazorpay = razorpayProvider({
      keyId: 'rzp_test_wrong',
      keySecret: 'x',
      webhookSecret: 'x',
      apiUrl: local.razorpayBaseUrl,
    });
    await expect(wrongRazorpay.startCheckout(checkout())).rejects.toMatchObject({
      name: 'ProviderError',
      retryable: false,
    });

    const nowhere = `http://127.0.0.1:${await freePort()}`;
    const absent = [
      stripeProvider({
        secretKey: 'sk_test_x',
        webhookSecret: 'whsec_x',
        apiUrl: nowhere,
        maxNetworkRetries: 0,
      }),
      razorpayProvider({ keyId: 'rzp_test_x', keySecret: 'x', webhookSecret: 'x', apiUrl: nowhere }),
    ];
    for (const provider of absent) {
      await expect(provider.getPayment('cs_test_missing')).rejects.toMatchObject({
        name: 'ProviderError',
        retryable: true,
      });
    }
  });
});

describe('the Node server', () => {
  it('runs both providers on a local payment server in local mode when neither is configured', async () => {
    const { providers, local: started } = await onlinePaymentsFor(loadConfig({}));
    try {
      expect(providers.map((provider) => provider.id)).toEqual(['stripe', 'razorpay']);
      for (const provider of providers) {
        const { url } = await provider.startCheckout(checkout());
        expect(url.startsWith(`${started?.url}pay/${provider.id}/`)).toBe(true);
      }
    } finally {
      await started?.stop();
    }
  });

  it('uses the providers configured, and starts nothing', async () => {
    const stripeOnly = await onlinePaymentsFor(
      loadConfig({ STRIPE_SECRET_KEY: 'sk_test_51abc', STRIPE_WEBHOOK_SECRET: 'whsec_abc' }),
    );
    expect(stripeOnly.providers.map((provider) => provider.id)).toEqual(['stripe']);
    expect(stripeOnly.local).toBeUndefined();
    const aws = loadConfig({
      AWS_REGION: 'ap-south-1',
      TABLE_NAME: 'movie-magic-prod',
      MAIL_FROM: 'tickets@example.com',
      PUBLIC_ORIGIN: 'https://tickets.example.com',
      TICKET_SIGNING_KEY: 'unused-here',
    });
    expect(await onlinePaymentsFor(aws)).toEqual({ providers: [] });
  });
});
