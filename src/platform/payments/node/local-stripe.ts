/**
 * The local payment server's Stripe: Checkout Sessions, their PaymentIntents and Refunds, in memory, over
 * the API's own wire format (form-encoded requests, JSON answers, Stripe's error shape, Idempotency-Key
 * replays), so the official SDK talks to it unchanged.
 */
import { type Context, Hono } from 'hono';
import type { ApiAnswer as Answer, HostedPage, LocalContext, LocalProvider } from './local-provider';
import { Refusal, randomId, unixSeconds } from './local-provider';
import {
  API_VERSION,
  fail,
  type Intent,
  integer,
  invalid,
  object,
  type Refund,
  readStripeForm,
  type Session,
  text,
} from './local-stripe-objects';

export const STRIPE_DECLINE = 'Your card was declined.';
export function localStripe(context: LocalContext, secretKey: string): LocalProvider {
  const sessions = new Map<string, Session>();
  const intents = new Map<string, Intent>();
  const refunds: Refund[] = [];
  /** Idempotency-Key → the request it was first used with and the answer given, replayed on a repeat. */
  const replays = new Map<string, { request: string; answer: Answer }>();

  function event(type: string, data: object) {
    const id = randomId('evt_', 24);
    const body = JSON.stringify({
      id,
      object: 'event',
      api_version: API_VERSION,
      created: unixSeconds(context.now()),
      data: { object: data },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
    });
    return context.send({ provider: 'stripe', eventId: id, type, body });
  }

  /** A session as it stands now: one past its expiry becomes expired, with Stripe's event. */
  function current(id: string): Session | undefined {
    const session = sessions.get(id);
    if (session?.status === 'open' && unixSeconds(context.now()) >= session.expires_at) {
      session.status = 'expired';
      session.url = null;
      void event('checkout.session.expired', wire(session));
    }
    return session;
  }

  function open(id: string): Session {
    const session = current(id);
    if (!session) throw new Refusal(`No such checkout.session: '${id}'`, 404);
    if (session.status !== 'open') throw new Refusal(`This Checkout Session is ${session.status}.`);
    return session;
  }

  const wire = ({ description: _, ...session }: Session) => session;

  function createSession(form: Record<string, unknown>): Answer {
    if (form.mode !== 'payment') return invalid('This local server makes `payment` sessions only.', 'mode');
    const item = object(object(form.line_items)['0']);
    const price = object(item.price_data);
    const currency = text(price.currency);
    const unitAmount = integer(price.unit_amount);
    const name = text(object(price.product_data).name);
    const quantity = integer(item.quantity) ?? 1;
    if (!currency || unitAmount === undefined || !name) {
      return invalid(
        'line_items[0][price_data] needs currency, unit_amount and product_data[name].',
        'line_items',
      );
    }
    const successUrl = text(form.success_url);
    if (!successUrl) return invalid('Missing required param: success_url.', 'success_url');
    const now = unixSeconds(context.now());
    const expiresAt = integer(form.expires_at) ?? now + 24 * 3600;
    if (expiresAt < now + 30 * 60 || expiresAt > now + 24 * 3600) {
      return invalid(
        'The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout Session creation.',
        'expires_at',
      );
    }
    const id = randomId('cs_test_', 58);
    const session: Session = {
      id,
      object: 'checkout.session',
      mode: 'payment',
      amount_subtotal: unitAmount * quantity,
      amount_total: unitAmount * quantity,
      currency: currency.toLowerCase(),
      client_reference_id: text(form.client_reference_id) ?? null,
      customer_email: text(form.customer_email) ?? null,
      metadata: Object.fromEntries(Object.entries(object(form.metadata)).map(([k, v]) => [k, String(v)])),
      payment_status: 'unpaid',
      status: 'open',
      payment_intent: null,
      success_url: successUrl,
      cancel_url: text(form.cancel_url) ?? null,
      expires_at: expiresAt,
      created: now,
      livemode: false,
      url: `${context.origin()}/pay/stripe/${id}`,
      description: name,
    };
    sessions.set(id, session);
    return { status: 200, body: wire(session) };
  }

  function createRefund(form: Record<string, unknown>): Answer {
    const intentId = text(form.payment_intent) ?? '';
    const intent = intents.get(intentId);
    if (!intent)
      return fail(404, {
        type: 'invalid_request_error',
        code: 'resource_missing',
        param: 'payment_intent',
        message: `No such payment_intent: '${intentId}'`,
      });
    if (intent.status !== 'succeeded') {
      return invalid(
        `This PaymentIntent (${intent.id}) does not have a successful charge to refund.`,
        'payment_intent',
      );
    }
    const refunded = refunds
      .filter((r) => r.payment_intent === intent.id)
      .reduce((sum, r) => sum + r.amount, 0);
    const left = intent.amount_received - refunded;
    if (left <= 0)
      return invalid(
        `Charge ${intent.latest_charge} has already been refunded.`,
        undefined,
        'charge_already_refunded',
      );
    const amount = form.amount === undefined ? left : integer(form.amount);
    if (!amount) return invalid('Invalid positive integer', 'amount');
    if (amount > left) {
      return invalid(
        `Refund amount (${amount}) is greater than unrefunded amount on charge (${left})`,
        'amount',
        'amount_too_large',
      );
    }
    const refund: Refund = {
      id: randomId('re_', 24),
      object: 'refund',
      amount,
      currency: intent.currency,
      payment_intent: intent.id,
      charge: intent.latest_charge,
      status: 'succeeded',
      created: unixSeconds(context.now()),
    };
    refunds.push(refund);
    return { status: 200, body: refund };
  }

  /**
   * Answers a POST once per Idempotency-Key: a repeat with the same parameters gets the first answer again,
   * with different ones an idempotency_error. Only successes are kept: Stripe keeps no result for a request
   * that failed validation before it ran.
   */
  async function idempotent(c: Context, run: (form: Record<string, unknown>) => Answer) {
    const body = await c.req.text();
    const key = c.req.header('idempotency-key');
    const request = `${c.req.method} ${c.req.path} ${body}`;
    const saved = key === undefined ? undefined : replays.get(key);
    let answer: Answer;
    if (saved && saved.request !== request) {
      answer = fail(400, {
        type: 'idempotency_error',
        message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
      });
    } else if (saved) {
      c.header('idempotent-replayed', 'true');
      answer = saved.answer;
    } else {
      answer = run(readStripeForm(body));
      if (key !== undefined && answer.status === 200) replays.set(key, { request, answer });
    }
    return c.json(answer.body, answer.status);
  }

  const api = new Hono();
  api.use('/v1/*', async (c, next) => {
    if (c.req.header('authorization') !== `Bearer ${secretKey}`) {
      return c.json({ error: { type: 'invalid_request_error', message: 'Invalid API Key provided.' } }, 401);
    }
    await next();
  });
  api.post('/v1/checkout/sessions', (c) => idempotent(c, createSession));
  api.get('/v1/checkout/sessions/:id', (c) => {
    const session = current(c.req.param('id'));
    if (!session) {
      const answer = fail(404, {
        type: 'invalid_request_error',
        code: 'resource_missing',
        message: `No such checkout.session: '${c.req.param('id')}'`,
      });
      return c.json(answer.body, answer.status);
    }
    const expand = new URL(c.req.url).searchParams;
    const intent = [...expand].some(([k, v]) => k.startsWith('expand') && v === 'payment_intent');
    const body = wire(session);
    return c.json(
      intent && session.payment_intent
        ? { ...body, payment_intent: intents.get(session.payment_intent) }
        : body,
    );
  });
  api.post('/v1/checkout/sessions/:id/expire', async (c) => {
    try {
      await expire(c.req.param('id'));
      return c.json(wire(sessions.get(c.req.param('id')) as Session));
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      const answer = invalid(error.message);
      return c.json(answer.body, error.status === 404 ? 404 : answer.status);
    }
  });
  api.post('/v1/refunds', (c) => {
    if (context.refuseRefund()) {
      return c.json(
        {
          error: {
            type: 'api_error',
            message: 'An unknown error occurred (a refusal asked for by failNextRefunds).',
          },
        },
        500,
      );
    }
    return idempotent(c, createRefund);
  });

  function intentFor(session: Session): Intent {
    const existing = session.payment_intent ? intents.get(session.payment_intent) : undefined;
    if (existing) return existing;
    const intent: Intent = {
      id: randomId('pi_', 24),
      object: 'payment_intent',
      amount: session.amount_total,
      amount_received: 0,
      currency: session.currency,
      status: 'requires_payment_method',
      last_payment_error: null,
      latest_charge: null,
      created: unixSeconds(context.now()),
      livemode: false,
    };
    intents.set(intent.id, intent);
    session.payment_intent = intent.id;
    return intent;
  }

  async function expire(id: string): Promise<void> {
    const session = open(id);
    session.status = 'expired';
    session.url = null;
    await event('checkout.session.expired', wire(session));
  }

  const pageOf = (session: Session): HostedPage => {
    const intent = session.payment_intent ? intents.get(session.payment_intent) : undefined;
    return {
      provider: 'stripe',
      id: session.id,
      description: session.description,
      amount: { amount: session.amount_total, currency: session.currency.toUpperCase() },
      state: session.status === 'complete' ? 'paid' : session.status,
      failure: intent?.last_payment_error?.message,
      backUrl: session.cancel_url ?? undefined,
    };
  };

  return {
    api,
    page(id) {
      const session = current(id);
      return session && pageOf(session);
    },
    pages: () =>
      [...sessions.keys()].flatMap((id) => {
        const session = current(id);
        return session ? [pageOf(session)] : [];
      }),
    pay(id) {
      const session = open(id);
      const intent = intentFor(session);
      intent.status = 'succeeded';
      intent.amount_received = intent.amount;
      intent.last_payment_error = null;
      intent.latest_charge = randomId('ch_', 24);
      session.payment_status = 'paid';
      session.status = 'complete';
      session.url = null;
      const delivered = event('checkout.session.completed', wire(session));
      return { redirect: session.success_url.replaceAll('{CHECKOUT_SESSION_ID}', session.id), delivered };
    },
    decline(id) {
      const intent = intentFor(open(id));
      intent.last_payment_error = {
        type: 'card_error',
        code: 'card_declined',
        decline_code: 'generic_decline',
        message: STRIPE_DECLINE,
      };
      return { delivered: event('payment_intent.payment_failed', intent) };
    },
    expire,
  };
}
