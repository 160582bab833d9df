import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { ProviderError, type StartCheckout, WebhookSignatureError } from './online';
import { stripeProvider } from './stripe';

const NOW = new Date('2026-11-30T10:00:07Z');
const WEBHOOK_SECRET = 'whsec_test_secret';

type Sent = { url: URL; method: string; headers: Headers; form: URLSearchParams };

/** A fetch that answers as Stripe would, one canned answer per call, and keeps what was sent. */
function stripeAnswering(...answers: (Response | Error)[]) {
  const sent: Sent[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    sent.push({
      url: new URL(String(input)),
      method: init?.method ?? 'GET',
      headers: new Headers(init?.headers),
      form: new URLSearchParams(typeof init?.body === 'string' ? init.body : ''),
    });
    const answer = answers.shift() ?? new Error('no answer left');
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { sent, fetch: fetch as typeof globalThis.fetch };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const session = {
  id: 'cs_test_a1',
  object: 'checkout.session',
  url: 'https://checkout.stripe.com/c/pay/cs_test_a1',
};

function provider(fetch: typeof globalThis.fetch, now = NOW) {
  return stripeProvider({
    secretKey: 'sk_test_key',
    webhookSecret: WEBHOOK_SECRET,
    apiUrl: 'http://127.0.0.1:4242',
    maxNetworkRetries: 0,
    now: () => now,
    fetch,
  });
}

const checkout: StartCheckout = {
  idempotencyKey: 'hold_7-attempt-1',
  paymentId: 'pay_7',
  amount: { amount: 64_000, currency: 'INR' },
  description: '2 tickets · Dune: Part Two',
  customerEmail: 'asha@example.com',
  returnUrl: 'https://tickets.example.com/payments/return',
  cancelUrl: 'https://tickets.example.com/checkout/hold_7',
  expiresAt: new Date(NOW.getTime() + 8 * 60_000),
};

describe('the Stripe adapter', () => {
  it('makes a payment-mode Checkout Session for the amount, keyed by the idempotency key', async () => {
    const stripe = stripeAnswering(json(session));
    expect(await provider(stripe.fetch).startCheckout(checkout)).toEqual({
      sessionId: 'cs_test_a1',
      url: session.url,
    });
    const [sent] = stripe.sent;
    expect(sent?.method).toBe('POST');
    expect(sent?.url.href).toBe('http://127.0.0.1:4242/v1/checkout/sessions');
    expect(sent?.headers.get('idempotency-key')).toBe('hold_7-attempt-1');
    expect(sent?.headers.get('authorization')).toBe('Bearer sk_test_key');
    expect(Object.fromEntries(sent?.form ?? [])).toEqual({
      mode: 'payment',
      'line_items[0][quantity]': '1',
      'line_items[0][price_data][currency]': 'inr',
      'line_items[0][price_data][unit_amount]': '64000',
      'line_items[0][price_data][product_data][name]': '2 tickets · Dune: Part Two',
      client_reference_id: 'pay_7',
      'metadata[payment_id]': 'pay_7',
      customer_email: 'asha@example.com',
      // Stripe fills in the template itself, so its braces must arrive as they are.
      success_url: 'https://tickets.example.com/payments/return?session_id={CHECKOUT_SESSION_ID}',
      cancel_url: 'https://tickets.example.com/checkout/hold_7',
      expires_at: String(Date.parse('2026-11-30T10:40:00Z') / 1000),
    });
  });

  it("pushes a short hold out to Stripe's 30 minutes on a grid, so a retry sends the same parameters", async () => {
    const expiries: string[] = [];
    for (const minutesLater of [0, 1, 2]) {
      const stripe = stripeAnswering(json(session));
      await provider(stripe.fetch, new Date(NOW.getTime() + minutesLater * 60_000)).startCheckout(checkout);
      expiries.push(stripe.sent[0]?.form.get('expires_at') ?? '');
    }
    expect(new Set(expiries).size).toBe(1);
    expect(Number(expiries[0]) * 1000 - (NOW.getTime() + 2 * 60_000)).toBeGreaterThanOrEqual(30 * 60_000);

    const long = stripeAnswering(json(session));
    const expiresAt = new Date(NOW.getTime() + 3 * 3600_000);
    await provider(long.fetch).startCheckout({
      ...checkout,
      expiresAt,
      returnUrl: 'https://t.example/r?from=mail',
    });
    expect(long.sent[0]?.form.get('expires_at')).toBe(String(Math.ceil(expiresAt.getTime() / 1000)));
    expect(long.sent[0]?.form.get('success_url')).toBe(
      'https://t.example/r?from=mail&session_id={CHECKOUT_SESSION_ID}',
    );
  });

  it.each([
    [
      'paid',
      { payment_status: 'paid', status: 'complete' },
      { status: 'succeeded', last_payment_error: null },
    ],
    ['expired', { payment_status: 'unpaid', status: 'expired' }, null],
    ['open', { payment_status: 'unpaid', status: 'open' }, null],
    [
      'failed',
      { payment_status: 'unpaid', status: 'open' },
      {
        status: 'requires_payment_method',
        last_payment_error: { message: 'Your card has insufficient funds.' },
      },
    ],
  ] as const)(
    'reads a session that is %s, with its payment intent expanded',
    async (status, fields, intent) => {
      const stripe = stripeAnswering(
        json({
          ...session,
          ...fields,
          amount_total: 64_000,
          currency: 'inr',
          metadata: { payment_id: 'pay_7' },
          client_reference_id: 'pay_7',
          payment_intent: intent && { id: 'pi_9', object: 'payment_intent', ...intent },
        }),
      );
      const payment = await provider(stripe.fetch).getPayment('cs_test_a1');
      expect(stripe.sent[0]?.url.pathname).toBe('/v1/checkout/sessions/cs_test_a1');
      expect(stripe.sent[0]?.url.searchParams.get('expand[0]')).toBe('payment_intent');
      expect(payment).toEqual({
        sessionId: 'cs_test_a1',
        paymentId: 'pay_7',
        status,
        amount: 64_000,
        currency: 'INR',
        chargeId: intent ? 'pi_9' : undefined,
        failureReason: status === 'failed' ? 'Your card has insufficient funds.' : undefined,
      });
    },
  );

  it('refunds part of a payment intent under the caller key, and reads the refund status', async () => {
    const stripe = stripeAnswering(
      json({ id: 're_1', object: 'refund', status: 'pending' }),
      json({ id: 're_2', object: 'refund', status: 'succeeded' }),
      json({ id: 're_3', object: 'refund', status: 'canceled' }),
    );
    const stripeAdapter = provider(stripe.fetch);
    const refund = (key: string) =>
      stripeAdapter.refund({ chargeId: 'pi_9', amount: 32_000, idempotencyKey: key });
    expect(await refund('booking_1:refund')).toEqual({ refundId: 're_1', status: 'pending' });
    expect(await refund('booking_2:refund')).toEqual({ refundId: 're_2', status: 'succeeded' });
    expect(await refund('booking_3:refund')).toEqual({ refundId: 're_3', status: 'failed' });
    expect(stripe.sent[0]?.url.pathname).toBe('/v1/refunds');
    expect(stripe.sent[0]?.headers.get('idempotency-key')).toBe('booking_1:refund');
    expect(Object.fromEntries(stripe.sent[0]?.form ?? [])).toEqual({
      payment_intent: 'pi_9',
      amount: '32000',
    });
  });

  it.each([
    [500, 'api_error', true],
    [503, 'api_error', true],
    [429, 'invalid_request_error', true],
    [409, 'idempotency_error', true],
    [400, 'invalid_request_error', false],
    [401, 'invalid_request_error', false],
    [402, 'card_error', false],
  ])('turns a %i answer into a ProviderError, retryable: %s', async (status, type, retryable) => {
    const stripe = stripeAnswering(json({ error: { type, message: `Stripe says ${status}` } }, status));
    const failure = provider(stripe.fetch).getPayment('cs_test_a1');
    await expect(failure).rejects.toThrow(ProviderError);
    await expect(failure).rejects.toMatchObject({ message: `Stripe: Stripe says ${status}`, retryable });
  });

  it('says a Stripe it cannot reach may be retried', async () => {
    const stripe = stripeAnswering(new TypeError('fetch failed'));
    await expect(provider(stripe.fetch).getPayment('cs_test_a1')).rejects.toMatchObject({
      name: 'ProviderError',
      retryable: true,
    });
  });
});

describe('Stripe webhooks', () => {
  const event = (type: string, object: object) =>
    JSON.stringify({ id: 'evt_1', object: 'event', type, data: { object } });
  const signed = async (payload: string, secret = WEBHOOK_SECRET, timestamp?: number) =>
    new Headers({
      'stripe-signature': await Stripe.webhooks.generateTestHeaderStringAsync({
        payload,
        secret,
        timestamp,
        cryptoProvider: Stripe.createSubtleCryptoProvider(),
      }),
    });
  const adapter = provider(stripeAnswering().fetch);

  it.each([
    'checkout.session.completed',
    'checkout.session.async_payment_succeeded',
    'checkout.session.async_payment_failed',
    'checkout.session.expired',
  ])('reads %s as news of its session', async (type) => {
    const body = event(type, { id: 'cs_test_a1', object: 'checkout.session' });
    expect(await adapter.readWebhook(body, await signed(body))).toEqual({
      eventId: 'evt_1',
      type,
      sessionId: 'cs_test_a1',
    });
  });

  it('reads other events without a session', async () => {
    const body = event('payment_intent.payment_failed', { id: 'pi_9', object: 'payment_intent' });
    expect(await adapter.readWebhook(body, await signed(body))).toEqual({
      eventId: 'evt_1',
      type: 'payment_intent.payment_failed',
      sessionId: undefined,
    });
  });

  it('refuses a changed body, another secret, an old signature or none', async () => {
    const body = event('checkout.session.completed', { id: 'cs_test_a1', amount_total: 64000 });
    const headers = await signed(body);
    await expect(adapter.readWebhook(body.replace('64000', '64001'), headers)).rejects.toThrow(
      WebhookSignatureError,
    );
    await expect(adapter.readWebhook(body, await signed(body, 'whsec_other'))).rejects.toThrow(
      WebhookSignatureError,
    );
    const tenMinutesAgo = Math.floor(Date.now() / 1000) - 600;
    await expect(
      adapter.readWebhook(body, await signed(body, WEBHOOK_SECRET, tenMinutesAgo)),
    ).rejects.toThrow(WebhookSignatureError);
    await expect(adapter.readWebhook(body, new Headers())).rejects.toThrow(WebhookSignatureError);
  });
});

describe('the return from Stripe Checkout', () => {
  const adapter = provider(stripeAnswering().fetch);

  it('names the session from session_id, and nothing for anything else', () => {
    expect(adapter.sessionFromReturn(new URLSearchParams('session_id=cs_test_a1B2'))).toBe('cs_test_a1B2');
    expect(adapter.sessionFromReturn(new URLSearchParams(''))).toBeUndefined();
    expect(
      adapter.sessionFromReturn(new URLSearchParams('session_id={CHECKOUT_SESSION_ID}')),
    ).toBeUndefined();
    expect(adapter.sessionFromReturn(new URLSearchParams('session_id=pi_123'))).toBeUndefined();
  });
});
