/**
 * The local payment server's Razorpay: Payment Links, their payments and refunds, in memory, over the
 * documented REST API (JSON, Basic auth with key id and secret, errors as `{error: {code, description}}`,
 * refunds keyed by `X-Refund-Idempotency`).
 */
import { type Context, Hono } from 'hono';
import type { ApiAnswer as Answer, HostedPage, LocalContext, LocalProvider } from './local-provider';
import { Refusal, randomId, unixSeconds } from './local-provider';
import { type Link, missing, notesOf, type Payment, type Refund, refuse } from './local-razorpay-entities';
import { hmacHex } from './local-webhooks';

export const RAZORPAY_DECLINE = "Your payment didn't go through as it was declined by the bank.";

export function localRazorpay(
  context: LocalContext,
  keys: { keyId: string; keySecret: string },
): LocalProvider {
  const links = new Map<string, Link>();
  const payments = new Map<string, Payment>();
  const refunds: Refund[] = [];
  /** X-Refund-Idempotency → the body first sent with it and the refund made. */
  const refundKeys = new Map<string, { body: string; refund: Refund }>();
  const now = () => unixSeconds(context.now());

  function event(type: string, entities: Record<string, object>) {
    const id = randomId('evt_', 14);
    const body = JSON.stringify({
      entity: 'event',
      account_id: 'acc_LocalTest0001',
      event: type,
      contains: Object.keys(entities),
      payload: Object.fromEntries(Object.entries(entities).map(([name, entity]) => [name, { entity }])),
      created_at: now(),
    });
    return context.send({ provider: 'razorpay', eventId: id, type, body });
  }

  /** A link as it stands now: one past its expire_by becomes expired, with Razorpay's event. */
  function current(id: string): Link | undefined {
    const link = links.get(id);
    if (link?.status === 'created' && link.expire_by && now() >= link.expire_by) {
      link.status = 'expired';
      link.expired_at = now();
      void event('payment_link.expired', { payment_link: link });
    }
    return link;
  }

  function open(id: string): Link {
    const link = current(id);
    if (!link) throw new Refusal(`No payment link ${id}`, 404);
    if (link.status !== 'created') throw new Refusal(`This payment link is ${link.status}.`);
    return link;
  }

  function createLink(input: Record<string, unknown>): Answer {
    const amount = input.amount;
    if (typeof amount !== 'number' || !Number.isInteger(amount) || amount <= 0) {
      return refuse('The amount must be an integer greater than zero.', 'amount');
    }
    const reference = typeof input.reference_id === 'string' ? input.reference_id : '';
    if (reference.length > 40)
      return refuse('The reference id may not be greater than 40 characters.', 'reference_id');
    if (reference && [...links.values()].some((link) => link.reference_id === reference)) {
      return refuse(`Payment Link with reference_id ${reference} already exists`, 'reference_id');
    }
    const callbackUrl = typeof input.callback_url === 'string' ? input.callback_url : '';
    if (callbackUrl && input.callback_method !== 'get')
      return refuse('callback_method must be get', 'callback_method');
    const expireBy = typeof input.expire_by === 'number' ? input.expire_by : 0;
    if (expireBy && expireBy < now() + 15 * 60) {
      return refuse('expire_by should be at least 15 minutes after the current time.', 'expire_by');
    }
    const customer = (input.customer ?? {}) as { email?: string };
    const notify = (input.notify ?? {}) as { sms?: boolean; email?: boolean };
    const id = randomId('plink_');
    const link: Link = {
      id,
      amount,
      amount_paid: 0,
      currency: typeof input.currency === 'string' ? input.currency : 'INR',
      accept_partial: false,
      reference_id: reference,
      description: typeof input.description === 'string' ? input.description : '',
      customer: customer.email ? { email: customer.email } : {},
      notify: { sms: notify.sms !== false, email: notify.email !== false },
      reminder_enable: input.reminder_enable === true,
      callback_url: callbackUrl,
      callback_method: callbackUrl ? 'get' : '',
      expire_by: expireBy,
      expired_at: 0,
      cancelled_at: 0,
      notes: notesOf(input.notes),
      order_id: randomId('order_'),
      payments: null,
      short_url: `${context.origin()}/pay/razorpay/${id}`,
      status: 'created',
      created_at: now(),
      updated_at: now(),
      upi_link: false,
      user_id: '',
    };
    links.set(id, link);
    return { status: 200, body: link };
  }

  function createRefund(paymentId: string, body: string, key: string | undefined): Answer {
    if (key !== undefined && !/^[A-Za-z0-9_-]{10,}$/.test(key)) {
      return refuse('The idempotency key must be at least 10 letters, digits, hyphens or underscores.');
    }
    const saved = key === undefined ? undefined : refundKeys.get(key);
    if (saved) {
      return saved.body === body
        ? { status: 200, body: saved.refund }
        : refuse('Different request with the same idempotency key has already been processed.');
    }
    const payment = payments.get(paymentId);
    if (!payment) return missing();
    if (payment.status !== 'captured') return refuse('Only captured payments can be refunded.');
    const left = payment.amount - payment.amount_refunded;
    if (left <= 0) return refuse('The payment has been fully refunded already');
    let input: { amount?: unknown; receipt?: unknown; notes?: unknown };
    try {
      input = body ? JSON.parse(body) : {};
    } catch {
      return refuse('The request body is not valid JSON.');
    }
    const amount = input.amount === undefined ? left : input.amount;
    if (typeof amount !== 'number' || !Number.isInteger(amount) || amount <= 0) {
      return refuse('The amount must be an integer greater than zero.', 'amount');
    }
    if (amount > left) return refuse('The refund amount provided is greater than amount captured', 'amount');
    const refund: Refund = {
      id: randomId('rfnd_'),
      entity: 'refund',
      amount,
      currency: payment.currency,
      payment_id: payment.id,
      notes: notesOf(input.notes),
      receipt: typeof input.receipt === 'string' ? input.receipt : null,
      status: 'processed',
      speed_requested: 'normal',
      speed_processed: 'normal',
      created_at: now(),
    };
    refunds.push(refund);
    payment.amount_refunded += amount;
    payment.refund_status = payment.amount_refunded === payment.amount ? 'full' : 'partial';
    if (key !== undefined) refundKeys.set(key, { body, refund });
    return { status: 200, body: refund };
  }

  function attempt(link: Link, status: Payment['status']): Payment {
    const declined = status === 'failed';
    const payment: Payment = {
      id: randomId('pay_'),
      entity: 'payment',
      amount: link.amount,
      currency: link.currency,
      status,
      order_id: link.order_id,
      method: 'card',
      amount_refunded: 0,
      refund_status: null,
      captured: !declined,
      description: link.description,
      email: link.customer.email ?? null,
      notes: link.notes,
      error_code: declined ? 'BAD_REQUEST_ERROR' : null,
      error_description: declined ? RAZORPAY_DECLINE : null,
      error_source: declined ? 'bank' : null,
      error_step: declined ? 'payment_authorization' : null,
      error_reason: declined ? 'payment_declined' : null,
      created_at: now(),
    };
    payments.set(payment.id, payment);
    link.payments = [
      ...(link.payments ?? []),
      {
        payment_id: payment.id,
        plink_id: link.id,
        amount: link.amount,
        method: 'card',
        status,
        created_at: now(),
      },
    ];
    link.updated_at = now();
    return payment;
  }

  const send = (c: Context, answer: Answer) => c.json(answer.body, answer.status);
  const api = new Hono();
  api.use('/v1/*', async (c, next) => {
    if (c.req.header('authorization') !== `Basic ${btoa(`${keys.keyId}:${keys.keySecret}`)}`) {
      return send(c, refuse('Authentication failed', undefined, 401));
    }
    await next();
  });
  api.post('/v1/payment_links', async (c) => {
    const input = await c.req.json<Record<string, unknown>>().catch(() => undefined);
    return send(c, input ? createLink(input) : refuse('The request body is not valid JSON.'));
  });
  api.get('/v1/payment_links', (c) => {
    const reference = c.req.query('reference_id');
    const paymentId = c.req.query('payment_id');
    const found = [...links.keys()]
      .flatMap((id) => current(id) ?? [])
      .filter((link) => reference === undefined || link.reference_id === reference)
      .filter((link) => paymentId === undefined || link.payments?.some((p) => p.payment_id === paymentId));
    return c.json({ payment_links: found });
  });
  api.get('/v1/payment_links/:id', (c) => {
    const link = current(c.req.param('id'));
    return link ? c.json(link) : send(c, missing());
  });
  api.get('/v1/payments/:id', (c) => {
    const payment = payments.get(c.req.param('id'));
    return payment ? c.json(payment) : send(c, missing());
  });
  api.post('/v1/payments/:id/refund', async (c) => {
    if (context.refuseRefund()) {
      return send(
        c,
        refuse('The server encountered an error. The incident has been reported to admins.', undefined, 500),
      );
    }
    return send(c, createRefund(c.req.param('id'), await c.req.text(), c.req.header('x-refund-idempotency')));
  });
  api.get('/v1/payments/:id/refunds', (c) => {
    if (!payments.has(c.req.param('id'))) return send(c, missing());
    const items = refunds.filter((refund) => refund.payment_id === c.req.param('id'));
    return c.json({ entity: 'collection', count: items.length, items });
  });

  const pageOf = (link: Link): HostedPage => {
    const last = link.payments?.at(-1);
    const notes = Array.isArray(link.notes) ? {} : link.notes;
    return {
      provider: 'razorpay',
      id: link.id,
      description: link.description,
      amount: { amount: link.amount, currency: link.currency },
      state: link.status === 'paid' ? 'paid' : link.status === 'created' ? 'open' : 'expired',
      failure:
        last?.status === 'failed'
          ? (payments.get(last.payment_id)?.error_description ?? undefined)
          : undefined,
      // Razorpay's page has no way back; the adapter leaves one in the notes for this page's button.
      backUrl: notes.cancel_url || link.callback_url || undefined,
    };
  };

  return {
    api,
    page(id) {
      const link = current(id);
      return link && pageOf(link);
    },
    pages: () => [...links.keys()].flatMap((id) => current(id) ?? []).map(pageOf),
    pay(id) {
      const link = open(id);
      const payment = attempt(link, 'captured');
      link.status = 'paid';
      link.amount_paid = link.amount;
      const order = {
        id: link.order_id,
        entity: 'order',
        amount: link.amount,
        amount_paid: link.amount,
        amount_due: 0,
        currency: link.currency,
        receipt: link.reference_id,
        status: 'paid',
        notes: link.notes,
        created_at: link.created_at,
      };
      const delivered = event('payment_link.paid', { payment_link: link, order, payment });
      const query = new URLSearchParams({
        razorpay_payment_id: payment.id,
        razorpay_payment_link_id: link.id,
        razorpay_payment_link_reference_id: link.reference_id,
        razorpay_payment_link_status: 'paid',
        razorpay_signature: hmacHex(keys.keySecret, `${link.id}|${link.reference_id}|paid|${payment.id}`),
      });
      const redirect = link.callback_url
        ? `${link.callback_url}${link.callback_url.includes('?') ? '&' : '?'}${query}`
        : `${context.origin()}/pay/razorpay/${link.id}`;
      return { redirect, delivered };
    },
    decline(id) {
      const payment = attempt(open(id), 'failed');
      return { delivered: event('payment.failed', { payment }) };
    },
    async expire(id) {
      const link = open(id);
      link.status = 'expired';
      link.expired_at = now();
      await event('payment_link.expired', { payment_link: link });
    },
  };
}
