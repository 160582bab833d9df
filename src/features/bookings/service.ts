import type { SessionUser } from '../../auth/model';
import type { Deps } from '../../deps';
import { AppError } from '../../platform/errors';
import { bookingFor } from '../booking/made-bookings';
import type { Booking } from '../booking/model';
import { deliveryOf, resendConfirmation } from '../confirmations/service';
import { ticketPdf } from '../tickets/pdf';
import { qrSvg } from '../tickets/qr';
import { ticketCodeFor } from '../tickets/service';

/*
 * A booking after it is made, as its owner (or staff) sees it: the booking page with its ticket and the
 * confirmation's delivery, the PDF, and the account's list. This feature comes after booking, tickets and
 * confirmations and composes them; none of them imports it.
 */

export type BookingsDeps = Pick<Deps, 'db' | 'clock' | 'config' | 'log' | 'cache' | 'payment' | 'tickets'>;

/**
 * How a booking's confirmation is getting on, as the booking page and its live status show it. Only the
 * customer who booked may have the tickets sent again.
 */
async function deliveryStatus(deps: BookingsDeps, actor: SessionUser, booking: Booking) {
  return {
    bookingId: booking.id,
    delivery: await deliveryOf(deps, booking.id),
    timeZone: booking.timeZone,
    canResend: booking.userId === actor.id,
  };
}

/** Everything the booking page shows: the booking, its signed ticket code and QR code, and its delivery. */
export async function bookingPage(deps: BookingsDeps, actor: SessionUser, bookingId: string) {
  const found = await bookingFor(deps, actor, bookingId);
  const [code, status] = await Promise.all([ticketCodeFor(deps, found), deliveryStatus(deps, actor, found)]);
  return {
    booking: found,
    // A cancelled booking admits no one: its page shows no ticket.
    ticket: found.cancelledAt
      ? undefined
      : { code, qr: qrSvg(code, { title: `Ticket QR code for booking ${found.id}` }) },
    status,
  };
}

/** A booking's PDF ticket, for its owner or staff; a cancelled booking has none. */
export async function ticketPdfOf(deps: BookingsDeps, actor: SessionUser, bookingId: string) {
  const found = await bookingFor(deps, actor, bookingId);
  if (found.cancelledAt) {
    throw new AppError('not_found', 'This booking was cancelled by the theater, so it has no ticket.');
  }
  return {
    bookingId: found.id,
    pdf: await ticketPdf(found, await ticketCodeFor(deps, found), { locale: found.locale }),
  };
}

/** How a booking's confirmation is getting on, for the booking page's live status. */
export async function deliveryStatusOf(deps: BookingsDeps, actor: SessionUser, bookingId: string) {
  return deliveryStatus(deps, actor, await bookingFor(deps, actor, bookingId));
}

/** Sends a booking's tickets again, for its owner; false when they are still on their way. */
export async function sendTicketsAgain(deps: BookingsDeps, actor: SessionUser, bookingId: string) {
  const found = await bookingFor(deps, actor, bookingId);
  return { bookingId: found.id, queued: await resendConfirmation(deps, actor, found) };
}
