import type { SessionUser } from '../../auth/model';
import type { Deps } from '../../deps';
import { AppError } from '../../platform/errors';
import { formatMoney } from '../../platform/money';
import type { OnlineProvider, OnlineProviderId } from '../../platform/payments/online';
import { bookingIdFor } from '../booking/booking-id';
import { extendHoldOnce } from '../booking/hold-extension';
import type { Hold } from '../booking/model';
import * as bookingRepo from '../booking/repo';
import { newBooking, sellHold } from '../booking/sale';
import { refuseUnlessOnSale } from '../booking/sales-state';
import { SeatConflictError } from '../booking/seat-conflict';
import { checkoutOf, quote } from '../booking/service';
import { accepts } from '../catalog/model';
import { showtimeDetails } from '../catalog/service';
import type { Payment } from './model';
import * as repo from './repo';

/*
 * Paying online (docs/decisions/023): start a provider's hosted session for the hold, then settle it when
 * the provider says so, by webhook or on the buyer's return, whichever comes first. Settling asks the
 * provider for the truth and then either sells the seats (the payment becomes `booked` in that same
 * transaction) or, when the seats can no longer be had, queues a refund of the whole charge (the payment
 * becomes `refunding` in that transaction). Both leave `open` on a condition, so however many webhooks
 * and returns race, one booking is made or one refund is queued, never both and never two.
 */

export type PaymentDeps = Pick<
  Deps,
  'db' | 'clock' | 'config' | 'log' | 'cache' | 'payment' | 'onlinePayments'
>;

/** How long paying online may stretch a hold, once (the provider's page takes a while). */
export const PAYMENT_EXTENSION_MS = 10 * 60_000;

export function providerFor(deps: Pick<Deps, 'onlinePayments'>, id: string): OnlineProvider | undefined {
  return deps.onlinePayments.find((provider) => provider.id === id);
}

/**
 * Starts paying for the user's live hold with `providerId` and returns the provider's page to send the
 * buyer to. The checkout form's key names the payment (and the booking it makes), so a double click or a
 * replayed form goes to the same session; the provider's idempotency key is the hold's id with it.
 */
export async function startPayment(
  deps: PaymentDeps,
  user: SessionUser,
  showId: string,
  providerId: string,
  formKey: string,
  origin: string,
): Promise<string> {
  const provider = providerFor(deps, providerId);
  if (!provider) throw new AppError('bad_request', 'Choose a way to pay from the list.');
  if (!/^[0-9a-f-]{36}$/.test(formKey))
    throw new AppError('bad_request', 'This checkout form is not valid. Please start again.');
  const id = bookingIdFor(formKey, user.id);
  const existing = await repo.getPayment(deps.db, id);
  if (existing) return existing.userId === user.id ? pageFor(existing) : '/';
  const view = await checkoutOf(deps, showId, user);
  if (view.booked) return `/bookings/${view.booked.id}`;
  if (!view.hold) {
    throw new AppError(
      'conflict',
      'Your seats were released because the hold expired. Please choose them again.',
    );
  }
  const details = await showtimeDetails(deps, showId);
  refuseUnlessOnSale(deps, details);
  if (!accepts(details.theater, provider.id))
    throw new AppError(
      'bad_request',
      `${details.theater.name} does not take this way to pay. Choose another.`,
    );
  const now = deps.clock.now();
  // Never past the start of the show: the seats are no use after it.
  const until = new Date(
    Math.min(now.getTime() + PAYMENT_EXTENSION_MS, Date.parse(details.show.startsAt)),
  ).toISOString();
  const hold = await extendHoldOnce(deps.db, view.hold, until, now.toISOString());
  if (!hold) {
    throw new AppError(
      'conflict',
      'Your seats were released before payment could start. Please choose them again.',
    );
  }
  const price = quote(details, hold.seats);
  const session = await provider.startCheckout({
    idempotencyKey: `${hold.holdId}:${id}`,
    paymentId: id,
    amount: { amount: price.total, currency: price.currency },
    description: `${hold.seats.length} ${hold.seats.length === 1 ? 'ticket' : 'tickets'} · ${details.movie.title} · ${details.theater.name}`,
    customerEmail: user.email,
    returnUrl: `${origin}/payments/${provider.id}/return`,
    cancelUrl: `${origin}/checkout/${showId}?payment=${id}`,
    expiresAt: new Date(hold.expiresAt),
  });
  const payment: Payment = {
    id,
    userId: user.id,
    showId,
    theaterId: details.theater.id,
    holdId: hold.holdId,
    seats: hold.seats,
    slot: hold.slot,
    layoutVersion: hold.layoutVersion,
    holdCreatedAt: hold.createdAt,
    holdExpiresAt: hold.expiresAt,
    provider: provider.id,
    sessionId: session.sessionId,
    url: session.url,
    amount: price.total,
    currency: price.currency,
    price,
    status: 'open',
    createdAt: now.toISOString(),
  };
  if (!(await repo.putPayment(deps.db, payment))) {
    const stored = await repo.getPayment(deps.db, id);
    return stored ? pageFor(stored) : session.url;
  }
  deps.log.info('payment started', { paymentId: id, provider: provider.id, showId, amount: price.total });
  return session.url;
}

/** Where a payment sends its buyer now: the provider's page while open, else the booking or the checkout. */
function pageFor(payment: Payment): string {
  if (payment.status === 'open') return payment.url;
  if (payment.status === 'booked') return `/bookings/${payment.id}`;
  return `/checkout/${payment.showId}?payment=${payment.id}`;
}

export type Settled =
  | { kind: 'booked'; bookingId: string }
  | { kind: 'refunding'; payment: Payment }
  | { kind: 'open' | 'failed' | 'expired'; payment: Payment; reason?: string | undefined }
  | { kind: 'unknown' };

/**
 * What became of a provider's session, asked of the provider: sells the seats if it is paid, or queues
 * its refund if the seats cannot be had. Safe to run any number of times, concurrently.
 */
export async function settle(
  deps: PaymentDeps,
  provider: OnlineProvider,
  sessionId: string,
): Promise<Settled> {
  const state = await provider.getPayment(sessionId);
  const payment = await repo.getPayment(deps.db, state.paymentId);
  if (!payment || payment.provider !== provider.id || payment.sessionId !== sessionId) {
    deps.log.warn('payment session not ours', { provider: provider.id, sessionId });
    return { kind: 'unknown' };
  }
  if (payment.status === 'booked') return { kind: 'booked', bookingId: payment.id };
  if (payment.status === 'refunding') return { kind: 'refunding', payment };
  if (state.status === 'failed') {
    const reason = state.failureReason ?? 'The payment did not go through.';
    await repo.noteFailure(deps.db, payment.id, reason);
    return { kind: 'failed', payment, reason };
  }
  if (state.status !== 'paid') return { kind: state.status, payment };
  const now = deps.clock.now().toISOString();
  const chargeId = state.chargeId ?? sessionId;
  if (state.amount !== payment.amount || state.currency.toUpperCase() !== payment.currency.toUpperCase()) {
    deps.log.error('payment amount differs from the price', {
      paymentId: payment.id,
      asked: payment.amount,
      charged: state.amount,
      currency: state.currency,
    });
    return refundWhole(
      deps,
      payment,
      { ...state, chargeId },
      now,
      'The amount paid was not the price of the seats.',
    );
  }
  const details = await showtimeDetails(deps, payment.showId);
  const booking = newBooking(
    details,
    {
      id: payment.id,
      userId: payment.userId,
      seats: payment.seats,
      price: payment.price,
      payment: {
        provider: provider.id,
        status: 'paid',
        reference: chargeId,
        sessionId,
        charged: { amount: state.amount, currency: payment.currency },
      },
    },
    now,
  );
  const hold: Hold = {
    holdId: payment.holdId,
    showId: payment.showId,
    userId: payment.userId,
    seats: payment.seats,
    createdAt: payment.holdCreatedAt,
    expiresAt: payment.holdExpiresAt,
    ...(payment.slot === undefined ? {} : { slot: payment.slot }),
    ...(payment.layoutVersion === undefined ? {} : { layoutVersion: payment.layoutVersion }),
  };
  try {
    // A fresh token each time: concurrent settles are decided by the conditions, not by the token.
    await sellHold(deps, hold, booking, now, crypto.randomUUID(), {
      paid: true,
      also: [repo.bookedUpdate(deps.db, payment, chargeId, now)],
    });
    deps.log.info('booking paid and confirmed', {
      bookingId: booking.id,
      provider: provider.id,
      total: state.amount,
    });
    return { kind: 'booked', bookingId: booking.id };
  } catch (error) {
    if (!(error instanceof SeatConflictError)) throw error;
    if (await bookingRepo.getBooking(deps.db, payment.id)) return { kind: 'booked', bookingId: payment.id };
    const reason = error.showtime
      ? 'The showtime changed while you were paying.'
      : 'Your hold ended and the seats went to someone else before the payment arrived.';
    return refundWhole(deps, payment, { ...state, chargeId }, now, reason);
  }
}

/** Queues the refund of a whole charge whose seats could not be sold, once; says what the payment became. */
async function refundWhole(
  deps: PaymentDeps,
  payment: Payment,
  charge: { chargeId: string; amount: number },
  now: string,
  reason: string,
): Promise<Settled> {
  const queued = await repo.queueRefundOfOpen(
    deps.db,
    payment,
    {
      paymentId: payment.id,
      theaterId: payment.theaterId,
      key: `${payment.id}-whole`,
      provider: payment.provider,
      chargeId: charge.chargeId,
      amount: charge.amount,
      currency: payment.currency,
      userId: payment.userId,
      reason,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: now,
      createdAt: now,
    },
    now,
  );
  const current = queued ? undefined : await repo.getPayment(deps.db, payment.id);
  if (current?.status === 'booked') return { kind: 'booked', bookingId: current.id };
  if (queued)
    deps.log.warn('paid without seats: refund queued', {
      paymentId: payment.id,
      amount: formatMoney({ amount: charge.amount, currency: payment.currency }),
      reason,
    });
  return { kind: 'refunding', payment: current ?? { ...payment, status: 'refunding' } };
}

/** The payment a checkout page was sent back with, if it is this user's and for this showtime. */
export async function paymentOf(
  deps: PaymentDeps,
  user: SessionUser,
  showId: string,
  paymentId: string,
): Promise<Payment | undefined> {
  const payment = await repo.getPayment(deps.db, paymentId);
  return payment && payment.userId === user.id && payment.showId === showId ? payment : undefined;
}

/** The ids of the providers configured, for the checkout's choice. */
export function onlineChoices(deps: Pick<Deps, 'onlinePayments'>): { id: OnlineProviderId; label: string }[] {
  return deps.onlinePayments.map(({ id, label }) => ({ id, label }));
}
