import { formatMoney } from '../../platform/money';
import { formatLongDay, formatTime, localDate, zoneName } from '../../platform/time';
import { byReadingOrder } from '../catalog/seats';
import type { Booking, PriceBreakdown } from './model';

/*
 * What a booking says, as words: the booking page, the confirmation email (HTML and text), the SMS and
 * the PDF ticket all take their wording from here, so they cannot drift apart.
 */

/** "Tuesday, 24 November 2026, 7:30 pm IST": the start in the theater's own zone. */
export function whenText(startsAt: string, timeZone: string, locale?: string): string {
  const at = new Date(startsAt);
  return `${formatLongDay(localDate(at, timeZone), locale)}, ${formatTime(at, timeZone, locale)} ${zoneName(at, timeZone, locale)}`;
}

/** "C7 (Premium), C8 (Premium)". */
export function seatsText(booking: Booking): string {
  return [...booking.seats]
    .sort((a, b) => byReadingOrder(a.id, b.id))
    .map((seat) => `${seat.id} (${seat.categoryName})`)
    .join(', ');
}

const PROVIDER_NAMES: Record<string, string> = { stripe: 'Stripe', razorpay: 'Razorpay' };

/**
 * "Paid ₹640 online (Stripe)", "Paid", "Unpaid — pay at the box office by 6:30 pm on 30 November, or
 * the seats go back on sale", or, given `now` past that, that it was released.
 */
export function paymentText(booking: Booking, label: string, now?: Date): string {
  const { charged, provider } = booking.payment;
  if (booking.payment.status === 'paid' && charged)
    return `Paid ${formatMoney(charged, booking.locale)} online (${PROVIDER_NAMES[provider] ?? provider})`;
  if (booking.payment.status === 'paid') return 'Paid';
  const { releaseAt } = booking.payment;
  if (releaseAt) {
    const at = new Date(releaseAt);
    const when = `${formatTime(at, booking.timeZone, booking.locale)} on ${formatLongDay(localDate(at, booking.timeZone))}`;
    if (now && now.getTime() >= at.getTime())
      return `Released unpaid at ${when}: its seats went back on sale`;
    return `Unpaid — ${label.toLowerCase()} by ${when}, or the seats go back on sale`;
  }
  return booking.payment.provider === 'box-office' ? `Unpaid — ${label.toLowerCase()}` : 'Unpaid';
}

/** "1 seat", "2 seats". */
export const plural = (count: number, one: string, many = `${one}s`) =>
  `${count} ${count === 1 ? one : many}`;

/** The price breakdown as lines of words and amounts, the total last. */
export function priceLines(price: PriceBreakdown, locale?: string): { label: string; amount: string }[] {
  const money = (amount: number) => formatMoney({ amount, currency: price.currency }, locale);
  const seats = price.tickets.reduce((sum, line) => sum + line.count, 0);
  return [
    ...price.tickets.map((line) => ({
      label: `${line.name}: ${plural(line.count, 'seat')} at ${money(line.unitPrice)}`,
      amount: money(line.amount),
    })),
    ...(price.feePerTicket > 0
      ? [{ label: `Convenience fee: ${money(price.feePerTicket)} × ${seats}`, amount: money(price.fee) }]
      : []),
    ...(price.taxBasisPoints > 0
      ? [{ label: `${price.taxName} at ${price.taxBasisPoints / 100}% on the fee`, amount: money(price.tax) }]
      : []),
    { label: 'Total', amount: money(price.total) },
  ];
}

/** The booking's facts in the booking page's order, as label and value. */
export function bookingFacts(booking: Booking, paymentLabel: string): { label: string; value: string }[] {
  return [
    { label: 'Booking id', value: booking.id },
    { label: 'Movie', value: booking.movieTitle },
    { label: 'When', value: whenText(booking.startsAt, booking.timeZone, booking.locale) },
    { label: 'Where', value: `${booking.theaterName}, ${booking.screenName}, ${booking.theaterAddress}` },
    { label: 'Seats', value: seatsText(booking) },
    { label: 'Payment', value: paymentText(booking, paymentLabel) },
  ];
}

/**
 * How a booking of a cancelled showtime is refunded: money taken online goes back through the provider
 * (queued with the cancellation); what was paid at the box office is refunded there.
 */
export function refundText(booking: Booking): string {
  const refund = booking.cancellation?.refund ?? 0;
  if (booking.payment.status === 'paid' && booking.payment.charged && refund > 0) {
    const money = formatMoney({ amount: refund, currency: booking.payment.charged.currency }, booking.locale);
    return `We are refunding all you paid, ${money}, to the card or account you paid with; banks usually show it within 5 to 7 working days.`;
  }
  const total = formatMoney(
    { amount: booking.price.total, currency: booking.price.currency },
    booking.locale,
  );
  const where = `the box office of ${booking.theaterName}`;
  return booking.payment.provider === 'box-office'
    ? `Nothing was charged online. If you already paid at the box office, show this message or your booking id ${booking.id} at ${where} for a full refund of ${total}; if you had not paid yet, there is nothing to pay.`
    : `Show this message or your booking id ${booking.id} at ${where} for a full refund of ${total}.`;
}
