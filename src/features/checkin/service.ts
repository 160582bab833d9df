import { authorize, authorizeTheater, theatersOf } from '../../auth/authorize';
import type { SessionUser } from '../../auth/model';
import type { Deps } from '../../deps';
import { formatMoney } from '../../platform/money';
import { boxOffice } from '../../platform/payments/payment-provider';
import { formatDayMonth, formatLongDay, formatTime, localDate } from '../../platform/time';
import { auditEntry } from '../audit/service';
import { BOOKING_ID_PATTERN } from '../booking/booking-id';
import { formatDoorCode, normalizeDoorCode } from '../booking/door-code';
import type { Refusal } from '../booking/door-repo';
import { admitBooking, collectAndAdmit, findBooking, findBookingByDoorCode } from '../booking/made-bookings';
import type { Booking } from '../booking/model';
import { isReleased, releaseTime } from '../booking/unpaid';
import { paymentText } from '../booking/wording';
import { byReadingOrder } from '../catalog/seats';
import { citiesWithTheaters, showtimeDetails, theaterShowsToday } from '../catalog/service';
import { normalizeTicketCode, TICKET_CODE_MESSAGES, ticketWindowStatus, verifyTicket } from '../tickets/code';
import { isCurrentTicket, windowOf } from '../tickets/service';

export type DoorDeps = Pick<Deps, 'db' | 'clock' | 'cache' | 'tickets' | 'config'>;

/**
 * What the door screen says after a scan: admit, collect the money of an unpaid booking first (staff then
 * confirm the payment, which admits), already admitted, or refused with the reason.
 */
export type DoorVerdict =
  | { kind: 'admit'; headline: string; booking: Booking; payment: string }
  | { kind: 'collect'; headline: string; booking: Booking }
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

/** An unpaid booking past its release: its seats went back on sale (booking/unpaid.ts). */
const releasedText = (booking: Booking) =>
  `Released at ${releaseTime(booking, booking.payment.releaseAt ?? booking.startsAt)}: this booking was not paid in time, so its seats went back on sale. Send the customer to the box office.`;

const CANCELLED =
  'This booking was cancelled: the showtime was cancelled. Send the customer to the box office for a refund.';

/** "7:12 pm", or "7:12 pm on Wednesday, 25 November" when that is not today in the theater's zone. */
export function doorTime(instant: Date, zone: string, now: Date): string {
  const day = localDate(instant, zone);
  const time = formatTime(instant, zone);
  return day === localDate(now, zone) ? time : `${time} on ${formatDayMonth(day, { weekday: true })}`;
}

const amountOf = (booking: Booking) =>
  formatMoney({ amount: booking.price.total, currency: booking.price.currency }, booking.locale);

type Door = { staff: SessionUser; showId: string; zone: string; now: Date };

/** The showtime a booking or ticket is for, when it is not the one at this door. */
async function otherShowtime(deps: DoorDeps, door: Door, showId: string): Promise<DoorVerdict> {
  const other = await showtimeDetails(deps, showId).catch(() => undefined);
  return refused(
    other
      ? `This ticket is for another showtime: ${other.movie.title} at ${doorTime(new Date(other.show.startsAt), other.theater.timeZone, door.now)}, ${other.theater.name}, ${other.screen.name}.`
      : 'This ticket is for another showtime.',
  );
}

/** Where `now` falls against a ticket's window, said to staff when it is outside. */
function outsideWindow(door: Door, window: { notBefore: Date; notAfter: Date }): DoorVerdict | undefined {
  const status = ticketWindowStatus(window, door.now);
  if (status === 'early') {
    return refused(
      `Too early: this ticket is accepted from ${doorTime(window.notBefore, door.zone, door.now)}.`,
    );
  }
  if (status === 'closed') {
    return refused(
      `Too late: this ticket was accepted until ${doorTime(window.notAfter, door.zone, door.now)}.`,
    );
  }
  return undefined;
}

function already(door: Door, booking: Booking, previous: Refusal['previous']): DoorVerdict {
  const at = previous ? doorTime(new Date(previous.admittedAt), door.zone, door.now) : 'an earlier scan';
  return {
    kind: 'already',
    headline: `Already admitted at ${at} by ${previous?.admittedBy || 'another member of staff'}`,
    booking,
  };
}

const admitted = (booking: Booking, payment: string): DoorVerdict => ({
  kind: 'admit',
  headline: `Admit ${booking.seats.length} — ${seatsByRow(booking.seats.map((seat) => seat.id))}`,
  booking,
  payment,
});

/**
 * The end of every way in (QR code, door code, payment taken): a booking for this showtime, inside its
 * window, is admitted with a conditional write when paid, so a second scan is told who admitted it and
 * when. An unpaid one is not admitted: staff are asked to collect its money first.
 */
async function admitAtDoor(
  deps: DoorDeps,
  door: Door,
  booking: Booking,
  window: { notBefore: Date; notAfter: Date },
): Promise<DoorVerdict> {
  if (booking.cancelledAt) return refused(CANCELLED);
  if (booking.admittedAt) {
    return already(door, booking, { admittedAt: booking.admittedAt, admittedBy: booking.admittedBy ?? '' });
  }
  const outside = outsideWindow(door, window);
  if (outside) return outside;
  if (isReleased(booking, door.now)) return refused(releasedText(booking));
  if (booking.payment.status !== 'paid') {
    return { kind: 'collect', headline: `Collect ${amountOf(booking)} first`, booking };
  }
  const result = await admitBooking(deps, booking.id, {
    admittedAt: door.now.toISOString(),
    admittedBy: door.staff.name,
  });
  if (result.admitted) return admitted(booking, paymentText(booking, boxOffice.label));
  if (result.cancelled) return refused(CANCELLED);
  return already(door, booking, result.previous);
}

/** Staff at the door of a showtime of their own theater, now; customers and others are refused. */
async function doorFor(deps: DoorDeps, staff: SessionUser, showId: string) {
  authorize(staff, 'staff', 'admin');
  const show = await showtimeDetails(deps, showId);
  // Staff admit at the theaters they work at: a scan elsewhere is refused before the ticket is read.
  authorizeTheater(staff, show.theater.id, 'staff', 'admin');
  return { staff, showId, zone: show.theater.timeZone, now: deps.clock.now() };
}

/**
 * Checks what staff scanned or typed at the door of `showId`. A door code (8 characters, dash and case
 * aside) is looked up; anything else is read as a QR code's signed text: its signature (no database
 * needed), that it is for this showtime, and that its booking is not cancelled and the code is its current
 * one (a moved showtime's codes are reissued). Both then go through `admitAtDoor`. Only that theater's
 * staff, and admins, may.
 */
export async function checkIn(
  deps: DoorDeps,
  staff: SessionUser,
  showId: string,
  typed: string,
): Promise<DoorVerdict> {
  const door = await doorFor(deps, staff, showId);
  const doorCode = normalizeDoorCode(typed);
  if (doorCode) {
    const booking = await findBookingByDoorCode(deps, doorCode);
    if (!booking) {
      return refused(
        `No booking has the door code ${formatDoorCode(doorCode)}. Check each character with the customer, or scan their QR code.`,
      );
    }
    if (booking.showId !== showId) return otherShowtime(deps, door, booking.showId);
    return admitAtDoor(deps, door, booking, windowOf(deps, booking));
  }
  const code = normalizeTicketCode(typed);
  if (code === '') return refused('Scan a ticket, or type its door code.');
  if (code.length > 512) return refused(TICKET_CODE_MESSAGES.malformed);
  const verified = await verifyTicket(deps.tickets.verify, code);
  if (!verified.ok) return refused(TICKET_CODE_MESSAGES[verified.reason]);
  const ticket = verified.ticket;
  if (ticket.showId !== showId) return otherShowtime(deps, door, ticket.showId);
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
      `This ticket was reissued: the showtime moved to ${doorTime(new Date(booking.startsAt), door.zone, door.now)}. Ask for the new code, in the customer's latest email or on their booking page.`,
    );
  }
  return admitAtDoor(deps, door, booking, ticket);
}

/**
 * Staff took an unpaid booking's money at the door: records the payment (who, when) and admits, in one
 * conditional write with its audit entry, so it happens once; a second click is told who admitted it.
 * The booking must be this showtime's, not cancelled, and inside its window, as for a scan.
 */
export async function collectPayment(
  deps: DoorDeps,
  staff: SessionUser,
  showId: string,
  bookingId: string,
): Promise<DoorVerdict> {
  const door = await doorFor(deps, staff, showId);
  const booking = BOOKING_ID_PATTERN.test(bookingId) ? await findBooking(deps, bookingId) : undefined;
  if (!booking) return refused('We could not find that booking. Scan the ticket again.');
  if (booking.showId !== showId) return otherShowtime(deps, door, booking.showId);
  // Paid meanwhile (or online after all): the ordinary admission, which says so if it was admitted.
  if (booking.payment.status === 'paid' || booking.cancelledAt || booking.admittedAt) {
    return admitAtDoor(deps, door, booking, windowOf(deps, booking));
  }
  const outside = outsideWindow(door, windowOf(deps, booking));
  if (outside) return outside;
  if (isReleased(booking, door.now)) return refused(releasedText(booking));
  const amount = amountOf(booking);
  const at = door.now.toISOString();
  const audit = auditEntry(deps, staff, {
    action: 'took payment at the door',
    target: { kind: 'booking', id: booking.id, label: `${booking.id}, ${booking.movieTitle}` },
    theaterId: booking.theaterId,
    before: { payment: 'unpaid' },
    after: { payment: 'paid', amount },
  });
  const result = await collectAndAdmit(deps, booking, { admittedAt: at, admittedBy: staff.name }, audit);
  if (result.admitted) return admitted(booking, `Paid ${amount} at the door, taken by ${staff.name}`);
  if (result.cancelled) return refused(CANCELLED);
  return already(door, booking, result.previous);
}
