import { authorize, authorizeTheater, theatersOf } from '../../auth/authorize';
import type { SessionUser } from '../../auth/model';
import type { Deps } from '../../deps';
import { formatMoney } from '../../platform/money';
import { boxOffice } from '../../platform/payments/payment-provider';
import { formatLongDay, formatTime, localDate } from '../../platform/time';
import { admitBooking, findBooking } from '../booking/made-bookings';
import type { Booking } from '../booking/model';
import { paymentText } from '../booking/wording';
import { byReadingOrder } from '../catalog/seats';
import { citiesWithTheaters, showtimeDetails, theaterShowsToday } from '../catalog/service';
import { normalizeTicketCode, TICKET_CODE_MESSAGES, ticketWindowStatus, verifyTicket } from '../tickets/code';
import { isCurrentTicket } from '../tickets/service';

export type DoorDeps = Pick<Deps, 'db' | 'clock' | 'cache' | 'tickets' | 'config'>;

/** What the door screen says after a scan: admit, already admitted, or refused with the reason. */
export type DoorVerdict =
  | { kind: 'admit'; headline: string; booking: Booking; payment: string }
  | { kind: 'already'; headline: string; booking: Booking }
  | { kind: 'refused'; headline: string; reason: string };

/** "Row C 7, 8; Row D 1": seats grouped by row, as an usher reads them out. */
export function seatsByRow(seatIds: string[]): string {
  const rows = new Map<string, string[]>();
  for (const id of [...seatIds].sort(byReadingOrder)) {
    const [, row = '', number = ''] = /^([A-Z]+)(\d+)$/.exec(id) ?? [];
    rows.set(row, [...(rows.get(row) ?? []), number]);
  }
  return [...rows].map(([row, numbers]) => `Row ${row} ${numbers.join(', ')}`).join('; ');
}

/** The door's first screen: the theaters the member of staff works at (an admin's: all), by city. */
export async function doorTheaters(deps: DoorDeps, staff: SessionUser) {
  authorize(staff, 'staff', 'admin');
  const mine = theatersOf(staff);
  return (await citiesWithTheaters(deps))
    .map(({ city, theaters }) => ({ city, theaters: theaters.filter((t) => !mine || mine.includes(t.id)) }))
    .filter(({ theaters }) => theaters.length > 0);
}

/**
 * A theater's showtimes that the door lets in today, late comers (started within
 * TICKET_DOOR_CLOSES_MINUTES) included, each with its movie title and screen name.
 */
export async function doorShowtimes(deps: DoorDeps, staff: SessionUser, theaterId: string) {
  authorizeTheater(staff, theaterId, 'staff', 'admin');
  const today = await theaterShowsToday(deps, theaterId, deps.config.ticketClosesMs);
  const screens = new Map(today.screens.map((screen) => [screen.id, screen.name]));
  return {
    theater: today.theater,
    shows: today.shows.map((show) => ({
      show,
      title: today.movies.get(show.movieId)?.title ?? show.movieId,
      screen: screens.get(show.screenId) ?? '',
    })),
  };
}

/** The door screen of one showtime: its title, and when and where it plays, as staff read it. */
export async function doorOf(deps: DoorDeps, staff: SessionUser, showId: string) {
  authorize(staff, 'staff', 'admin');
  const details = await showtimeDetails(deps, showId);
  authorizeTheater(staff, details.theater.id, 'staff', 'admin');
  const at = new Date(details.show.startsAt);
  const zone = details.theater.timeZone;
  return {
    showId: details.show.id,
    title: details.movie.title,
    when: `${formatLongDay(localDate(at, zone))}, ${formatTime(at, zone)} · ${details.theater.name}, ${details.screen.name}`,
  };
}

const refused = (reason: string): DoorVerdict => ({ kind: 'refused', headline: 'Do not admit', reason });

const CANCELLED =
  'This booking was cancelled: the showtime was cancelled. Send the customer to the box office for a refund.';

/**
 * Checks a ticket code at the door of `showId`: its signature (no database needed), that it is for this
 * showtime, that its booking is not cancelled and the code is its current one (a moved showtime's codes
 * are reissued), that it is inside its window, then admits the booking with a conditional write, so a second scan of
 * the same ticket is told who admitted it and when. Only that theater's staff, and admins, may.
 */
export async function checkIn(
  deps: DoorDeps,
  staff: SessionUser,
  showId: string,
  typed: string,
): Promise<DoorVerdict> {
  authorize(staff, 'staff', 'admin');
  const show = await showtimeDetails(deps, showId);
  // Staff admit at the theaters they work at: a scan elsewhere is refused before the ticket is read.
  authorizeTheater(staff, show.theater.id, 'staff', 'admin');
  const zone = show.theater.timeZone;
  const code = normalizeTicketCode(typed);
  if (code === '') return refused('Scan a ticket or type its code.');
  if (code.length > 512) return refused(TICKET_CODE_MESSAGES.malformed);
  const verified = await verifyTicket(deps.tickets.verify, code);
  if (!verified.ok) return refused(TICKET_CODE_MESSAGES[verified.reason]);
  const ticket = verified.ticket;
  if (ticket.showId !== showId) {
    const other = await showtimeDetails(deps, ticket.showId).catch(() => undefined);
    return refused(
      other
        ? `This ticket is for another showtime: ${other.movie.title} at ${formatTime(new Date(other.show.startsAt), other.theater.timeZone)}, ${other.theater.name}, ${other.screen.name}.`
        : 'This ticket is for another showtime.',
    );
  }
  const now = deps.clock.now();
  const window = ticketWindowStatus(ticket, now);
  // The booking is read before the window is judged: a ticket of a moved showtime is refused as
  // reissued, whatever its old window says.
  const booking = await findBooking(deps, ticket.bookingId);
  if (!booking) {
    return refused(`There is no booking ${ticket.bookingId}. Send the customer to the box office.`);
  }
  if (booking.cancelledAt) return refused(CANCELLED);
  // Only a booking that was moved is held to its current code: a change of the door window's settings
  // leaves every other ticket as good as before.
  if (booking.movedAt && !isCurrentTicket(deps, booking, ticket)) {
    return refused(
      `This ticket was reissued: the showtime moved to ${formatTime(new Date(booking.startsAt), zone)}. Ask for the new code, in the customer's latest email or on their booking page.`,
    );
  }
  if (window === 'early') {
    return refused(`Too early: this ticket is accepted from ${formatTime(ticket.notBefore, zone)}.`);
  }
  if (window === 'closed') {
    return refused(`Too late: this ticket was accepted until ${formatTime(ticket.notAfter, zone)}.`);
  }
  const result = await admitBooking(deps, booking.id, {
    admittedAt: now.toISOString(),
    admittedBy: staff.name,
  });
  if (result.admitted) {
    return {
      kind: 'admit',
      headline: `Admit ${booking.seats.length} — ${seatsByRow(booking.seats.map((seat) => seat.id))}`,
      booking,
      payment:
        booking.payment.status === 'paid'
          ? paymentText(booking, boxOffice.label)
          : `Unpaid: ${formatMoney({ amount: booking.price.total, currency: booking.price.currency })} to pay at the box office first`,
    };
  }
  if (result.cancelled) return refused(CANCELLED);
  const at = result.previous ? formatTime(new Date(result.previous.admittedAt), zone) : 'an earlier scan';
  return {
    kind: 'already',
    headline: `Already admitted at ${at} by ${result.previous?.admittedBy || 'another member of staff'}`,
    booking,
  };
}
