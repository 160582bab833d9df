import type { User } from '../../auth/model';
import type { Deps } from '../../deps';
import type { Mail } from '../../platform/mail/mailer';
import { formatMoney } from '../../platform/money';
import type { Booking, SeatCancellation } from '../booking/model';
import { seatsText, whenText } from '../booking/wording';
import { emailDocument, escapeHtml, paragraph } from './email-html';
import { firstFitting, publicOrigin, shortTitle } from './messages';

/*
 * The news that a booking was cancelled by its customer or by staff: which seats were let go, what is
 * refunded and how long banks take, and that the tickets admit no one now. Or that staff cancelled some of
 * its seats: which, why, what is refunded for them, and which seats the same tickets still admit.
 */

function refundWords(booking: Booking): string {
  const refund = booking.cancellation?.refund ?? 0;
  if (refund > 0) {
    const money = formatMoney({ amount: refund, currency: booking.price.currency }, booking.locale);
    return `We are refunding ${money} to the card or account you paid with; banks usually show it within 5 to 7 working days.`;
  }
  return booking.payment.status === 'paid' && booking.payment.charged
    ? 'By the cancellation policy you booked under, nothing is refunded this close to the show.'
    : 'Nothing was charged online, so there is nothing to refund.';
}

export function bookingCancelledMail(
  deps: Pick<Deps, 'config'>,
  booking: Booking,
  user: Pick<User, 'email' | 'name'>,
): Mail {
  const when = whenText(booking.startsAt, booking.timeZone, booking.locale);
  const who =
    booking.cancellation?.by === 'staff'
      ? `${booking.theaterName} has cancelled your booking ${booking.id}`
      : `You cancelled your booking ${booking.id}`;
  const reason = booking.cancellation?.reason ? ` Their reason: ${booking.cancellation.reason}` : '';
  const lead = [
    `${who} for ${booking.movieTitle} on ${when}.${reason}`,
    `Its seats (${seatsText(booking)}) are released and its tickets no longer admit anyone.`,
    refundWords(booking),
  ];
  return newsMail(deps, booking, user, `Booking cancelled: ${booking.movieTitle}, ${when}`, lead);
}

/** A short letter about a booking: a greeting, the lines given, a link to the booking, in text and HTML. */
function newsMail(
  deps: Pick<Deps, 'config'>,
  booking: Booking,
  user: Pick<User, 'email' | 'name'>,
  subject: string,
  lead: string[],
): Mail {
  const page = `${publicOrigin(deps.config)}/bookings/${booking.id}`;
  const text = [`Hello ${user.name},`, ...lead, `Your booking online: ${page}`, '— Movie Magic'].join('\n\n');
  const html = emailDocument(
    subject,
    [
      `<p style="margin:0 0 16px">Hello ${escapeHtml(user.name)},</p>`,
      ...lead.map(paragraph),
      `<p style="margin:0 0 16px"><a href="${escapeHtml(page)}">Your booking online</a></p>`,
      '<p style="margin:0">— Movie Magic</p>',
    ].join('\n'),
  );
  return { to: user.email, subject, text, html };
}

export function bookingCancelledSms(booking: Booking): string {
  const when = whenText(booking.startsAt, booking.timeZone, booking.locale);
  const refund = booking.cancellation?.refund
    ? ` Refund ${formatMoney({ amount: booking.cancellation.refund, currency: booking.price.currency }, booking.locale)} on its way.`
    : '';
  return firstFitting([
    `Movie Magic ${booking.id}: your booking for ${booking.movieTitle}, ${when} is cancelled.${refund}`,
    `Movie Magic ${booking.id}: ${shortTitle(booking)}, ${when} is cancelled.${refund}`,
    `Movie Magic ${booking.id}: booking cancelled.${refund}`,
  ]);
}

const moneyOf = (booking: Booking, amount: number) =>
  formatMoney({ amount, currency: booking.price.currency }, booking.locale);

function seatsRefundWords(booking: Booking, change: SeatCancellation): string {
  if (change.refund > 0)
    return `We are refunding ${moneyOf(booking, change.refund)} for them to the card or account you paid with; banks usually show it within 5 to 7 working days.`;
  return booking.payment.status === 'paid' && booking.payment.charged
    ? 'Nothing is refunded for them.'
    : `Nothing was charged online; at the box office you now pay ${moneyOf(booking, booking.price.total)}.`;
}

export function seatsCancelledMail(
  deps: Pick<Deps, 'config'>,
  booking: Booking,
  change: SeatCancellation,
  user: Pick<User, 'email' | 'name'>,
): Mail {
  const when = whenText(booking.startsAt, booking.timeZone, booking.locale);
  const gone = seatsText({ ...booking, seats: change.seats });
  const lead = [
    `${booking.theaterName} has cancelled ${change.seats.length === 1 ? 'seat' : 'seats'} ${gone} of your booking ${booking.id} for ${booking.movieTitle} on ${when}. Their reason: ${change.reason}`,
    booking.seats.length > 0 && !booking.cancelledAt
      ? `Your tickets still admit ${booking.seats.length} to ${seatsText(booking)}: keep using the same QR code or door code.`
      : 'The rest of the booking has been cancelled since; a separate message says so.',
    seatsRefundWords(booking, change),
  ];
  return newsMail(deps, booking, user, `Seats cancelled: ${booking.movieTitle}, ${when}`, lead);
}

export function seatsCancelledSms(booking: Booking, change: SeatCancellation): string {
  const when = whenText(booking.startsAt, booking.timeZone, booking.locale);
  const gone = change.seats.map((seat) => seat.id).join(', ');
  const refund = change.refund > 0 ? ` Refund ${moneyOf(booking, change.refund)} on its way.` : '';
  return firstFitting([
    `Movie Magic ${booking.id}: ${booking.theaterName} cancelled seats ${gone} of ${booking.movieTitle}, ${when}. Your tickets admit ${booking.seats.length}.${refund}`,
    `Movie Magic ${booking.id}: seats ${gone} of ${shortTitle(booking)}, ${when} cancelled. Tickets admit ${booking.seats.length}.${refund}`,
    `Movie Magic ${booking.id}: seats ${gone} cancelled.${refund}`,
  ]);
}
