import type { Deps } from '../../deps';
import type { Booking } from '../booking/model';
import { signTicket } from './code';

/**
 * A booking's ticket code, valid at the door from TICKET_DOOR_OPENS_MINUTES before the start until
 * TICKET_DOOR_CLOSES_MINUTES after it. Ed25519 signatures are deterministic, so the same booking always
 * gets the same code: the page, the PDF and the email agree without the code being stored anywhere.
 */
export function ticketCodeFor(deps: Pick<Deps, 'tickets' | 'config'>, booking: Booking): Promise<string> {
  const start = Date.parse(booking.startsAt);
  return signTicket(deps.tickets, {
    bookingId: booking.id,
    showId: booking.showId,
    seats: booking.seats.map((seat) => seat.id),
    notBefore: new Date(start - deps.config.ticketOpensMs),
    notAfter: new Date(start + deps.config.ticketClosesMs),
  });
}
