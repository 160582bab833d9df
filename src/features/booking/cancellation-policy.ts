import { formatMoney } from '../../platform/money';
import { type CancellationPolicy, DEFAULT_CANCELLATION_POLICY } from '../catalog/model';
import type { Booking } from './model';

/*
 * What cancelling a booking gives back, by the policy it was bought under: a share of the tickets by how
 * long before the show, the fee only if the policy says so, and never more than was charged.
 */

export type CancelRefund = {
  /** Minor units to give back; 0 for a booking paid nowhere yet or past the last step. */
  amount: number;
  percent: number;
  /** True once the show is too close (or started): cancelling is refused. */
  closed: boolean;
};

const policyOf = (booking: Booking): CancellationPolicy =>
  booking.cancellationPolicy ?? DEFAULT_CANCELLATION_POLICY;

/** The step of the policy that applies `now`, as a percentage of the tickets (0 past the last). */
export function refundPercent(policy: CancellationPolicy, startsAt: string, now: Date): number {
  const minutesLeft = (Date.parse(startsAt) - now.getTime()) / 60_000;
  const steps = [...policy.steps].sort((a, b) => b.minutesBefore - a.minutesBefore);
  return steps.find((step) => minutesLeft >= step.minutesBefore)?.percent ?? 0;
}

/**
 * What a customer's cancellation of the whole booking refunds now. Money only comes back where it was
 * taken online; an unpaid booking is cancelled for nothing. Cancelling closes when the show starts.
 */
export function customerRefund(booking: Booking, now: Date): CancelRefund {
  const closed = now.getTime() >= Date.parse(booking.startsAt);
  const policy = policyOf(booking);
  const percent = refundPercent(policy, booking.startsAt, now);
  const most = refundable(booking);
  if (most === 0) return { amount: 0, percent, closed };
  const tickets = booking.price.tickets.reduce((sum, line) => sum + line.amount, 0);
  const amount = policyAmount(policy, percent, tickets, booking.price.fee + booking.price.tax);
  return { amount: Math.min(amount, most), percent, closed };
}

/** The policy's share, at `percent`, of tickets worth `tickets` and a fee with its tax worth `fees`. */
export function policyAmount(policy: CancellationPolicy, percent: number, tickets: number, fees: number) {
  return Math.floor((tickets * percent) / 100) + (percent > 0 && policy.refundFee ? fees : 0);
}

/**
 * What may still be refunded of a booking: what was charged online less what cancelling some of its seats
 * already gave back (Booking.refunded). 0 for a booking not paid online.
 */
export function refundable(booking: Booking): number {
  if (booking.payment.status !== 'paid') return 0;
  return Math.max(0, (booking.payment.charged?.amount ?? 0) - (booking.refunded ?? 0));
}

const hours = (minutes: number) =>
  minutes % 60 === 0 ? `${minutes / 60} ${minutes === 60 ? 'hour' : 'hours'}` : `${minutes} minutes`;

/** The policy in one sentence, as the checkout and the booking page state it. */
export function policySentence(policy: CancellationPolicy = DEFAULT_CANCELLATION_POLICY): string {
  const steps = [...policy.steps].sort((a, b) => b.minutesBefore - a.minutesBefore);
  if (steps.length === 0) return 'Tickets cannot be cancelled for a refund.';
  const parts = steps.map((step, index) => {
    const share =
      step.percent === 100 ? 'a full refund of the tickets' : `${step.percent}% of the tickets back`;
    return `${index === 0 ? 'Cancel up to' : 'up to'} ${hours(step.minutesBefore)} before the show for ${share}`;
  });
  const fee = policy.refundFee
    ? 'the convenience fee is refunded too'
    : 'the convenience fee is not refunded';
  return `${parts.join(', or ')}; after that, nothing is refunded, and ${fee}.`;
}

/** What this booking's cancellation would refund, in words for its page and the confirmation step. */
export function refundSentence(booking: Booking, refund: CancelRefund): string {
  if (booking.payment.status !== 'paid' || !booking.payment.charged)
    return 'Nothing was charged online, so there is nothing to refund.';
  if (refund.amount === 0) return 'It is too close to the show for a refund: nothing will be refunded.';
  const money = formatMoney(
    { amount: refund.amount, currency: booking.payment.charged.currency },
    booking.locale,
  );
  return `${money} will be refunded to the card or account you paid with.`;
}

export { policyOf };
