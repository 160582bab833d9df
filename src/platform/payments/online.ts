import type { Money } from '../money';

/**
 * A card and UPI provider with its own hosted payment page (Stripe Checkout, Razorpay Payment Links): our
 * pages stay script-free, and the buyer types card details only on the provider's page.
 *
 * The flow (features/payments): start a session keyed by the hold, send the buyer to its page, and confirm
 * the booking when the provider says it is paid, by a signed webhook or on the return page, whichever
 * comes first. Neither is trusted on its word: both lead to `getPayment`, which asks the provider.
 * Amounts are integer minor units (paise, cents) everywhere.
 */
export type OnlineProviderId = 'stripe' | 'razorpay';

export type StartCheckout = {
  /**
   * Ours for this attempt (hold id and attempt number): asked twice with one key, the provider gives back
   * the same session rather than making a second.
   */
  idempotencyKey: string;
  /** Our payment's id: carried by the provider's session and handed back in its webhooks. */
  paymentId: string;
  amount: Money;
  /** One line on the hosted page, for example "2 tickets · Dune: Part Two · Sat 30 Nov, 7:00 pm". */
  description: string;
  customerEmail?: string | undefined;
  /** Where the provider sends the buyer after paying; the adapter adds what identifies the session. */
  returnUrl: string;
  /** Where the provider's "back" goes: the checkout, with the seats still held. */
  cancelUrl: string;
  /** When the session stops taking payment (providers have minimums: Stripe 30 min, Razorpay 15). */
  expiresAt: Date;
};

/** A session as the provider reports it when asked, never as a webhook's payload claims. */
export type ProviderPayment = {
  sessionId: string;
  /** Our payment id, as we gave it when starting the session. */
  paymentId: string;
  status: 'open' | 'paid' | 'failed' | 'expired';
  /** What was charged, in minor units, and in which currency (lower case ISO 4217 as Stripe writes it is normalised to upper). */
  amount: number;
  currency: string;
  /** The provider's id of the money that moved, which a refund names: Stripe's payment intent, Razorpay's payment. */
  chargeId?: string | undefined;
  /** The provider's words for the last failure, such as a declined card, to show the buyer. */
  failureReason?: string | undefined;
};

/** A verified webhook: its id (to ignore repeats for good) and the session it is about, if any. */
export type ProviderEvent = { eventId: string; type: string; sessionId?: string | undefined };

export type ProviderRefund = { refundId: string; status: 'succeeded' | 'pending' | 'failed' };

/** Thrown for a webhook whose signature does not verify: the route answers 400 and writes nothing. */
export class WebhookSignatureError extends Error {
  override name = 'WebhookSignatureError';
}

/** Thrown when the provider answers with an error or cannot be reached; `retryable` if trying later may work. */
export class ProviderError extends Error {
  override name = 'ProviderError';
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

export type OnlineProvider = {
  id: OnlineProviderId;
  /** How the choice reads at checkout, for example "Card, UPI, net banking or wallet (Razorpay)". */
  label: string;
  /**
   * The origins the buyer's browser is sent to (the hosted page and any redirect on the way): the
   * checkout's form posts there through a 303, so the Content-Security-Policy's form-action must name them.
   */
  pageOrigins: string[];
  startCheckout(input: StartCheckout): Promise<{ sessionId: string; url: string }>;
  getPayment(sessionId: string): Promise<ProviderPayment>;
  /**
   * Checks the signature over the raw body before anything else (throws WebhookSignatureError) and says
   * which session the event concerns.
   */
  readWebhook(rawBody: string, headers: Headers): Promise<ProviderEvent>;
  /**
   * The session the buyer came back from, read from the return page's query. Only a hint: the payment is
   * then asked of the provider.
   */
  sessionFromReturn(query: URLSearchParams): string | undefined;
  /** Gives back `amount` of a charge; one key makes one refund however often it is sent. */
  refund(input: { chargeId: string; amount: number; idempotencyKey: string }): Promise<ProviderRefund>;
};
