import { hmac } from '@oslojs/crypto/hmac';
import { SHA256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { validateWebhookSignature } from 'razorpay/dist/utils/razorpay-utils';
import { describe, expect, it } from 'vitest';
import { ProviderError, type StartCheckout, WebhookSignatureError } from './online';
import { razorpayProvider } from './razorpay';

const NOW = new Date('2026-11-30T10:00:00Z');
const KEY_SECRET = 'key-secret';
const WEBHOOK_SECRET = 'webhook-secret';
const encoder = new TextEncoder();
const hmacHex = (secret: string, message: string) =>
  encodeHexLowerCase(hmac(SHA256, encoder.encode(secret), encoder.encode(message)));

type Sent = { url: URL; method: string; headers: Headers; body: unknown };

/** A fetch that answers as Razorpay would, one canned answer per call, and keeps what was sent. */
function razorpayAnswering(...answers: (Response | Error)[]) {
  const sent: Sent[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    sent.push({
      url: new URL(String(input)),
      method: init?.method ?? 'GET',
      headers: new Headers(init?.headers),
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    });
    const answer = answers.shift() ?? new Error('no answer left');
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { sent, fetch: fetch as typeof globalThis.fetch };
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status });
const refusal = (description: string, status = 400) =>
  json({ error: { code: status >= 500 ? 'SERVER_ERROR' : 'BAD_REQUEST_ERROR', description } }, status);

function provider(fetch: typeof globalThis.fetch) {
  return razorpayProvider({
    keyId: 'rzp_test_key',
    keySecret: KEY_SECRET,
    webhookSecret: WEBHOOK_SECRET,
    apiUrl: 'http://127.0.0.1:4242/razorpay/',
    now: () => NOW,
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
const link = {
  id: 'plink_1',
  short_url: 'https://rzp.io/i/abc',
  reference_id: 'pay_7',
  amount: 64_000,
  currency: 'INR',
};

describe('the Razorpay adapter', () => {
  it('makes a Payment Link referenced by the payment id, with no SMS or email of its own', async () => {
    const razorpay = razorpayAnswering(json(link));
    expect(await provider(razorpay.fetch).startCheckout(checkout)).toEqual({
      sessionId: 'plink_1',
      url: 'https://rzp.io/i/abc',
    });
    const [sent] = razorpay.sent;
    expect(sent?.method).toBe('POST');
    expect(sent?.url.href).toBe('http://127.0.0.1:4242/razorpay/v1/payment_links');
    expect(sent?.headers.get('authorization')).toBe(`Basic ${btoa('rzp_test_key:key-secret')}`);
    expect(sent?.body).toEqual({
      amount: 64_000,
      currency: 'INR',
      reference_id: 'pay_7',
      description: '2 tickets · Dune: Part Two',
      customer: { email: 'asha@example.com' },
      notify: { sms: false, email: false },
      reminder_enable: false,
      callback_url: 'https://tickets.example.com/payments/return',
      callback_method: 'get',
      // Eight minutes is less than Razorpay takes: 15, and a margin.
      expire_by: NOW.getTime() / 1000 + 17 * 60,
      notes: {
        payment_id: 'pay_7',
        idempotency_key: 'hold_7-attempt-1',
        cancel_url: 'https://tickets.example.com/checkout/hold_7',
      },
    });
  });

  it('gives back the link already made when Razorpay refuses a second one for the payment id', async () => {
    const razorpay = razorpayAnswering(
      refusal('Payment Link with reference_id pay_7 already exists'),
      json({ payment_links: [{ ...link, reference_id: 'pay_77' }, link] }),
    );
    expect(await provider(razorpay.fetch).startCheckout(checkout)).toEqual({
      sessionId: 'plink_1',
      url: 'https://rzp.io/i/abc',
    });
    expect(razorpay.sent[1]?.url.pathname).toBe('/razorpay/v1/payment_links');
    expect(razorpay.sent[1]?.url.searchParams.get('reference_id')).toBe('pay_7');

    const otherAmount = razorpayAnswering(
      refusal('duplicate'),
      json({ payment_links: [{ ...link, amount: 100 }] }),
    );
    await expect(provider(otherAmount.fetch).startCheckout(checkout)).rejects.toMatchObject({
      retryable: false,
    });
    const noLink = razorpayAnswering(refusal('The amount must be an integer.'), json({ payment_links: [] }));
    await expect(provider(noLink.fetch).startCheckout(checkout)).rejects.toThrow(
      /The amount must be an integer/,
    );
  });

  it('refuses a payment id longer than a reference_id holds, asking nothing', async () => {
    const razorpay = razorpayAnswering();
    await expect(
      provider(razorpay.fetch).startCheckout({ ...checkout, paymentId: 'p'.repeat(41) }),
    ).rejects.toMatchObject({ name: 'ProviderError', retryable: false });
    expect(razorpay.sent).toEqual([]);
  });

  it.each([
    [
      'paid',
      { status: 'paid', amount_paid: 64_000, payments: [{ payment_id: 'pay_X', status: 'captured' }] },
    ],
    ['expired', { status: 'expired', payments: null }],
    ['expired', { status: 'cancelled', payments: [] }],
    ['open', { status: 'created', payments: null }],
  ] as const)('reads a link as %s', async (status, fields) => {
    const razorpay = razorpayAnswering(
      json({ ...link, notes: { payment_id: 'pay_7' }, amount_paid: 0, ...fields }),
    );
    expect(await provider(razorpay.fetch).getPayment('plink_1')).toEqual({
      sessionId: 'plink_1',
      paymentId: 'pay_7',
      status,
      amount: 64_000,
      currency: 'INR',
      chargeId: status === 'paid' ? 'pay_X' : undefined,
      failureReason: undefined,
    });
    expect(razorpay.sent[0]?.url.pathname).toBe('/razorpay/v1/payment_links/plink_1');
  });

  it("reads a declined last try as failed, in the payment's own words", async () => {
    const razorpay = razorpayAnswering(
      json({
        ...link,
        status: 'created',
        amount_paid: 0,
        // Empty notes come as [], as Razorpay writes them.
        notes: [],
        payments: [
          { payment_id: 'pay_B', status: 'failed', created_at: 20 },
          { payment_id: 'pay_A', status: 'failed', created_at: 10 },
        ],
      }),
      json({ id: 'pay_B', status: 'failed', error_description: 'Your bank declined the payment.' }),
    );
    expect(await provider(razorpay.fetch).getPayment('plink_1')).toMatchObject({
      paymentId: 'pay_7',
      status: 'failed',
      failureReason: 'Your bank declined the payment.',
    });
    expect(razorpay.sent[1]?.url.pathname).toBe('/razorpay/v1/payments/pay_B');
  });

  it('refunds with the documented X-Refund-Idempotency header, hashing a key it cannot carry', async () => {
    const razorpay = razorpayAnswering(
      json({ id: 'rfnd_1', status: 'processed' }),
      json({ id: 'rfnd_2', status: 'pending' }),
    );
    const adapter = provider(razorpay.fetch);
    expect(
      await adapter.refund({ chargeId: 'pay_X', amount: 100, idempotencyKey: 'booking_1-refund' }),
    ).toEqual({
      refundId: 'rfnd_1',
      status: 'succeeded',
    });
    expect(
      await adapter.refund({ chargeId: 'pay_X', amount: 100, idempotencyKey: 'booking:1#refund' }),
    ).toEqual({
      refundId: 'rfnd_2',
      status: 'pending',
    });
    const [plain, hashed] = razorpay.sent;
    expect(plain?.url.pathname).toBe('/razorpay/v1/payments/pay_X/refund');
    expect(plain?.body).toEqual({ amount: 100, notes: { idempotency_key: 'booking_1-refund' } });
    expect(plain?.headers.get('x-refund-idempotency')).toBe('booking_1-refund');
    expect(hashed?.headers.get('x-refund-idempotency')).toMatch(/^[0-9a-f]{40}$/);
  });

  it.each([
    [500, true],
    [502, true],
    [429, true],
    [409, true],
    [400, false],
    [401, false],
  ])('turns a %i answer into a ProviderError, retryable: %s', async (status, retryable) => {
    const razorpay = razorpayAnswering(refusal(`Razorpay says ${status}`, status));
    const failure = provider(razorpay.fetch).getPayment('plink_1');
    await expect(failure).rejects.toThrow(ProviderError);
    await expect(failure).rejects.toMatchObject({ retryable });
    await expect(failure).rejects.toThrow(`Razorpay says ${status}`);
  });

  it('says a Razorpay it cannot reach, or that answers other than JSON, may be retried', async () => {
    const down = razorpayAnswering(new TypeError('fetch failed'));
    await expect(provider(down.fetch).getPayment('plink_1')).rejects.toMatchObject({ retryable: true });
    const proxy = razorpayAnswering(new Response('<html>Bad gateway</html>', { status: 502 }));
    await expect(provider(proxy.fetch).getPayment('plink_1')).rejects.toMatchObject({ retryable: true });
  });
});

describe('Razorpay webhooks', () => {
  const adapter = provider(razorpayAnswering().fetch);
  const body = JSON.stringify({
    entity: 'event',
    event: 'payment_link.paid',
    payload: {
      payment_link: { entity: { id: 'plink_1', amount: 64000 } },
      payment: { entity: { id: 'pay_X' } },
    },
  });
  const signature = hmacHex(WEBHOOK_SECRET, body);

  it("accepts Razorpay's signature, which Razorpay's own library also accepts, and names the link", async () => {
    expect(validateWebhookSignature(body, signature, WEBHOOK_SECRET)).toBe(true);
    const headers = new Headers({ 'x-razorpay-signature': signature, 'x-razorpay-event-id': 'evt_1' });
    expect(await adapter.readWebhook(body, headers)).toEqual({
      eventId: 'evt_1',
      type: 'payment_link.paid',
      sessionId: 'plink_1',
    });
  });

  it('knows an event without an id by its body, so a repeat is still a repeat', async () => {
    const headers = new Headers({ 'x-razorpay-signature': signature });
    const first = await adapter.readWebhook(body, headers);
    expect(first.eventId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect((await adapter.readWebhook(body, headers)).eventId).toBe(first.eventId);
  });

  it('reads payment.failed without a session: it carries the payment alone', async () => {
    const failed = JSON.stringify({
      event: 'payment.failed',
      payload: { payment: { entity: { id: 'pay_Y' } } },
    });
    const headers = new Headers({
      'x-razorpay-signature': hmacHex(WEBHOOK_SECRET, failed),
      'x-razorpay-event-id': 'e',
    });
    expect(await adapter.readWebhook(failed, headers)).toEqual({
      eventId: 'e',
      type: 'payment.failed',
      sessionId: undefined,
    });
  });

  it('refuses a changed body, another secret, a malformed signature or none', async () => {
    const headers = (value: string) =>
      new Headers({ 'x-razorpay-signature': value, 'x-razorpay-event-id': 'e' });
    const changed = body.replace('64000', '64001');
    await expect(adapter.readWebhook(changed, headers(signature))).rejects.toThrow(WebhookSignatureError);
    await expect(adapter.readWebhook(body, headers(hmacHex('other', body)))).rejects.toThrow(
      WebhookSignatureError,
    );
    await expect(adapter.readWebhook(body, headers(signature.slice(2)))).rejects.toThrow(
      WebhookSignatureError,
    );
    await expect(adapter.readWebhook(body, headers(`${signature.slice(0, -1)}g`))).rejects.toThrow(
      WebhookSignatureError,
    );
    await expect(adapter.readWebhook(body, new Headers())).rejects.toThrow(WebhookSignatureError);
  });
});

describe('the return from a Razorpay Payment Link', () => {
  const adapter = provider(razorpayAnswering().fetch);
  const query = (fields: Record<string, string>, secret = KEY_SECRET) => {
    const signed = `${fields.link}|${fields.reference}|${fields.status}|${fields.payment}`;
    return new URLSearchParams({
      razorpay_payment_id: fields.payment ?? '',
      razorpay_payment_link_id: fields.link ?? '',
      razorpay_payment_link_reference_id: fields.reference ?? '',
      razorpay_payment_link_status: fields.status ?? '',
      razorpay_signature: hmacHex(secret, signed),
    });
  };
  const paid = { link: 'plink_1', reference: 'pay_7', status: 'paid', payment: 'pay_X' };

  it('names the link when its signature, made with the key secret, holds', () => {
    expect(adapter.sessionFromReturn(query(paid))).toBe('plink_1');
  });

  it('names nothing for a changed field, another secret, or no signature', () => {
    const changed = query(paid);
    changed.set('razorpay_payment_link_id', 'plink_2');
    expect(adapter.sessionFromReturn(changed)).toBeUndefined();
    expect(adapter.sessionFromReturn(query(paid, 'someone-else'))).toBeUndefined();
    const unsigned = query(paid);
    unsigned.delete('razorpay_signature');
    expect(adapter.sessionFromReturn(unsigned)).toBeUndefined();
    expect(adapter.sessionFromReturn(new URLSearchParams())).toBeUndefined();
  });
});
