import type { User } from '../../auth/model';
import type { Deps } from '../../deps';
import type { Mail } from '../../platform/mail/mailer';
import { formatMoney } from '../../platform/money';
import type { Booking } from '../booking/model';
import { seatsText, whenText } from '../booking/wording';
import { emailDocument, escapeHtml, paragraph } from './email-html';
import { firstFitting, publicOrigin, shortTitle } from './messages';

/*
 * The news that a booking was cancelled by its customer or by staff: which seats were let go, what is
 * refunded and how long banks take, and that the tickets admit no one now.
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
  const page = `${publicOrigin(deps.config)}/bookings/${booking.id}`;
  const text = [`Hello ${user.name},`, ...lead, `Your booking online: ${page}`, '— Movie Magic'].join('\n\n');
  const subject = `Booking cancelled: ${booking.movieTitle}, ${when}`;
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
