import type { OnlineProviderId } from '../../platform/payments/online';
import type { PriceBreakdown } from '../booking/model';

/**
 * A payment started online for a hold: the session at the provider, what it asks for, and what came of
 * it. Its id is the id of the booking it makes when paid, so the booking, the payment and the provider's
 * session all name each other. `status`:
 * - `open`: the buyer may pay, fail, or go back; a failure's words are kept to show at the checkout.
 * - `booked`: paid, and the seats sold in the same transaction that set this.
 * - `refunding`: paid, but the seats could not be sold (taken after the hold ran out, or the showtime
 *   changed): a refund of the whole charge was queued in the same transaction that set this.
 * `booked` and `refunding` are each reached only from `open`, so one payment never does both.
 */
export type Payment = {
  id: string;
  userId: string;
  showId: string;
  /** The theater the seats are at: the payments page lists by it (gsi2). */
  theaterId: string;
  /** The hold the money is for, and its seats as they were when the buyer chose to pay. */
  holdId: string;
  seats: string[];
  slot?: number | undefined;
  layoutVersion?: number | undefined;
  holdCreatedAt: string;
  holdExpiresAt: string;
  provider: OnlineProviderId;
  sessionId: string;
  /** The provider's hosted page, to send the buyer back to on a double click. */
  url: string;
  amount: number;
  currency: string;
  price: PriceBreakdown;
  status: 'open' | 'booked' | 'refunding';
  /** The provider's id of the money taken (Stripe payment intent, Razorpay payment), once paid. */
  chargeId?: string;
  failureReason?: string;
  createdAt: string;
  settledAt?: string;
};

/**
 * A refund to send to the provider, retried like the outbox's messages (confirmations/dispatcher.ts):
 * its key is also the provider's idempotency key, so a retry after a lost answer refunds nothing twice.
 */
export type Refund = {
  paymentId: string;
  /** The theater of the booking or payment refunded: the payments page lists by it (gsi2). */
  theaterId: string;
  key: string;
  provider: OnlineProviderId;
  chargeId: string;
  amount: number;
  currency: string;
  userId: string;
  /** Why, in words for the buyer's email and the log. */
  reason: string;
  status: 'pending' | 'sending' | 'done' | 'failed';
  attempts: number;
  nextAttemptAt: string;
  leaseOwner?: string;
  leaseUntil?: string;
  providerRefundId?: string;
  lastError?: string;
  createdAt: string;
  doneAt?: string;
  /** When the buyer was told; set once, so the email goes once per refund even across retries. */
  toldAt?: string;
  /** False when another message tells the buyer (a cancellation's email says what is refunded). */
  tellBuyer?: boolean;
};
