/**
 * Stripe Checkout behind the OnlineProvider port, through the official SDK on its fetch client and Web
 * Crypto, so one file runs on Node and on Workers. The API's address comes from configuration: Stripe's
 * own, or the local payment server's in `make run` and the tests.
 */
import Stripe from 'stripe';
import { systemClock } from '../clock';
import {
  type OnlineProvider,
  ProviderError,
  type ProviderPayment,
  type ProviderRefund,
  WebhookSignatureError,
} from './online';

export type StripeSettings = {
  /** `sk_live_…`, `sk_test_…` or a restricted `rk_…` key with Checkout Sessions and Refunds. */
  secretKey: string;
  /** The webhook endpoint's signing secret, `whsec_…`. */
  webhookSecret: string;
  /** Unset: api.stripe.com. Only scheme, host and port are used: the SDK always adds `/v1/`. */
  apiUrl?: string | undefined;
  /**
   * The SDK's own retries, with the same Idempotency-Key, of a request that failed on the network or
   * with a 409 or a 5xx Stripe says may be retried; after them the caller gets a ProviderError.
   */
  maxNetworkRetries?: number | undefined;
  now?: () => Date;
  /** The global fetch unless given (tests give one that answers as Stripe would). */
  fetch?: typeof fetch;
};

/** Stripe refuses a session that closes sooner than 30 minutes after it is made; the margin covers clock skew. */
const MIN_SESSION_MS = 31 * 60_000;
/**
 * A session pushed out to Stripe's minimum closes on a 10-minute grid rather than at now + 31 min: a retry
 * with the same Idempotency-Key must send the same parameters, or Stripe refuses it.
 */
const SESSION_GRID_MS = 10 * 60_000;

/** The events that say something about a Checkout Session; each carries the session as data.object. */
const SESSION_EVENTS = new Set([
  'checkout.session.completed',
  'checkout.session.async_payment_succeeded',
  'checkout.session.async_payment_failed',
  'checkout.session.expired',
]);

export function stripeProvider(settings: StripeSettings): OnlineProvider {
  const api = settings.apiUrl ? new URL(settings.apiUrl) : undefined;
  const protocol = api?.protocol === 'http:' ? 'http' : 'https';
  const stripe = new Stripe(settings.secretKey, {
    httpClient: Stripe.createFetchHttpClient(settings.fetch),
    ...(api && {
      host: api.hostname,
      port: api.port || (protocol === 'http' ? '80' : '443'),
      protocol,
    }),
    maxNetworkRetries: settings.maxNetworkRetries ?? 2,
    // A buyer is waiting on most of these calls; the SDK's default is 80 s.
    timeout: 20_000,
    // Off: on Node it would write an id into ~/.config/stripe and report request timings to Stripe.
    telemetry: false,
  });
  const subtleCrypto = Stripe.createSubtleCryptoProvider();
  const now = settings.now ?? systemClock.now;

  return {
    id: 'stripe',
    label: 'Card (Stripe)',
    // The local payment server serves its pages where its API is; Stripe's hosted Checkout lives here.
    pageOrigins: api ? [api.origin] : ['https://checkout.stripe.com'],

    async startCheckout(input) {
      const soonest = Math.ceil((now().getTime() + MIN_SESSION_MS) / SESSION_GRID_MS) * SESSION_GRID_MS;
      const expiresAt = Math.max(input.expiresAt.getTime(), soonest);
      const session = await calling(() =>
        stripe.checkout.sessions.create(
          {
            mode: 'payment',
            line_items: [
              {
                quantity: 1,
                price_data: {
                  currency: input.amount.currency.toLowerCase(),
                  unit_amount: input.amount.amount,
                  product_data: { name: input.description },
                },
              },
            ],
            client_reference_id: input.paymentId,
            metadata: { payment_id: input.paymentId },
            customer_email: input.customerEmail,
            success_url: withSessionId(input.returnUrl),
            cancel_url: input.cancelUrl,
            expires_at: Math.ceil(expiresAt / 1000),
          },
          { idempotencyKey: input.idempotencyKey },
        ),
      );
      if (!session.url)
        throw new ProviderError(`Stripe session ${session.id} came back without a URL`, false);
      return { sessionId: session.id, url: session.url };
    },

    async getPayment(sessionId) {
      const session = await calling(() =>
        stripe.checkout.sessions.retrieve(sessionId, { expand: ['payment_intent'] }),
      );
      const intent = typeof session.payment_intent === 'object' ? session.payment_intent : null;
      const failure = intent?.status !== 'succeeded' ? intent?.last_payment_error : undefined;
      const status: ProviderPayment['status'] =
        session.payment_status === 'paid'
          ? 'paid'
          : session.status === 'expired'
            ? 'expired'
            : failure
              ? 'failed'
              : 'open';
      return {
        sessionId: session.id,
        paymentId: session.metadata?.payment_id ?? session.client_reference_id ?? '',
        status,
        amount: session.amount_total ?? 0,
        currency: (session.currency ?? '').toUpperCase(),
        chargeId:
          intent?.id ?? (typeof session.payment_intent === 'string' ? session.payment_intent : undefined),
        failureReason: status === 'failed' ? (failure?.message ?? 'The payment failed.') : undefined,
      };
    },

    async readWebhook(rawBody, headers) {
      let event: Stripe.Event;
      try {
        event = await stripe.webhooks.constructEventAsync(
          rawBody,
          headers.get('stripe-signature') ?? '',
          settings.webhookSecret,
          undefined,
          subtleCrypto,
        );
      } catch (error) {
        throw new WebhookSignatureError(error instanceof Error ? error.message : String(error));
      }
      const object = event.data.object as { id?: unknown };
      const sessionId =
        SESSION_EVENTS.has(event.type) && typeof object.id === 'string' ? object.id : undefined;
      return { eventId: event.id, type: event.type, sessionId };
    },

    sessionFromReturn(query) {
      const id = query.get('session_id');
      return id && /^cs_[A-Za-z0-9_]{1,250}$/.test(id) ? id : undefined;
    },

    async refund({ chargeId, amount, idempotencyKey }) {
      const refund = await calling(() =>
        stripe.refunds.create({ payment_intent: chargeId, amount }, { idempotencyKey }),
      );
      return { refundId: refund.id, status: refundStatus(refund.status) };
    },
  };
}

/** success_url with Stripe's template variable, which must reach Stripe unencoded. */
function withSessionId(returnUrl: string): string {
  return `${returnUrl}${returnUrl.includes('?') ? '&' : '?'}session_id={CHECKOUT_SESSION_ID}`;
}

function refundStatus(status: string | null): ProviderRefund['status'] {
  if (status === 'succeeded') return 'succeeded';
  if (status === 'failed' || status === 'canceled') return 'failed';
  return 'pending'; // pending, requires_action
}

/** Runs an SDK call, turning Stripe's errors into ProviderErrors: worth retrying when Stripe is down or busy. */
async function calling<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof Stripe.errors.StripeError)) throw error;
    const status = error.statusCode;
    const retryable =
      error instanceof Stripe.errors.StripeConnectionError ||
      status === undefined ||
      status === 409 ||
      status === 429 ||
      status >= 500;
    throw new ProviderError(`Stripe: ${error.message}`, retryable);
  }
}
