import type { Deps } from '../../deps';
import type { Booking } from '../booking/model';
import { signTicket, type TicketClaims } from './code';

const MINUTE = 60_000;

/** The door window a booking's ticket is signed with: from its start, by the configured minutes. */
export function windowOf(deps: Pick<Deps, 'config'>, booking: Booking): { notBefore: Date; notAfter: Date } {
  const start = Date.parse(booking.startsAt);
  return {
    notBefore: new Date(start - deps.config.ticketOpensMs),
    notAfter: new Date(start + deps.config.ticketClosesMs),
  };
}

/**
 * A booking's ticket code, valid at the door from TICKET_DOOR_OPENS_MINUTES before the start until
 * TICKET_DOOR_CLOSES_MINUTES after it. Ed25519 signatures are deterministic, so the same booking always
 * gets the same code: the page, the PDF and the email agree without the code being stored anywhere. When
 * the showtime moves, the start changes, so the code does too (it is reissued).
 */
export function ticketCodeFor(deps: Pick<Deps, 'tickets' | 'config'>, booking: Booking): Promise<string> {
  return signTicket(deps.tickets, {
    bookingId: booking.id,
    showId: booking.showId,
    seats: booking.seats.map((seat) => seat.id),
    ...windowOf(deps, booking),
  });
}

/**
 * Whether a verified ticket carries the window its booking's code has now: false for the code of a booking
 * whose showtime moved since it was issued. Signing widens the window to whole minutes, so the start
 * minute is compared.
 */
export function isCurrentTicket(
  deps: Pick<Deps, 'config'>,
  booking: Booking,
  ticket: Pick<TicketClaims, 'notBefore'>,
): boolean {
  const expected = Math.floor(windowOf(deps, booking).notBefore.getTime() / MINUTE);
  return Math.floor(ticket.notBefore.getTime() / MINUTE) === expected;
}
