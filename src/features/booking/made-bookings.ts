import type { SessionUser } from '../../auth/model';
import { AppError } from '../../platform/errors';
import type { AuditEntry } from '../audit/model';
import { BOOKING_ID_PATTERN } from './booking-id';
import * as door from './door-repo';
import type { Booking, Hold } from './model';
import * as repo from './repo';
import type { BookingDeps } from './service';

/*
 * Bookings once made: read by their owner and staff, by the outbox that sends their tickets, and by the
 * door that admits them. service.ts makes them.
 */

/** A booking for its owner, or for staff and admins; anyone else gets not found. */
export async function bookingFor(deps: BookingDeps, actor: SessionUser, bookingId: string): Promise<Booking> {
  const booking = BOOKING_ID_PATTERN.test(bookingId) ? await repo.getBooking(deps.db, bookingId) : undefined;
  if (!booking || (booking.userId !== actor.id && actor.role === 'customer')) {
    throw new AppError('not_found', 'We could not find that booking.');
  }
  return booking;
}

/** The actor's bookings, upcoming first, then past ones newest first. */
export async function bookingsOf(deps: BookingDeps, actor: SessionUser) {
  const all = await repo.listUserBookings(deps.db, actor.id);
  const now = deps.clock.now().toISOString();
  return {
    upcoming: all.filter((b) => b.startsAt > now).sort((a, b) => a.startsAt.localeCompare(b.startsAt)),
    past: all.filter((b) => b.startsAt <= now).sort((a, b) => b.startsAt.localeCompare(a.startsAt)),
  };
}

/** A booking by its id, for the features that act on it after it is made (delivery, the door). */
export function findBooking(deps: Pick<BookingDeps, 'db'>, bookingId: string): Promise<Booking | undefined> {
  return repo.getBooking(deps.db, bookingId);
}

/** The booking a typed door code (as `normalizeDoorCode` gives it) belongs to; undefined when none. */
export async function findBookingByDoorCode(
  deps: Pick<BookingDeps, 'db'>,
  code: string,
): Promise<Booking | undefined> {
  const bookingId = await door.bookingIdOfDoorCode(deps.db, code);
  return bookingId ? repo.getBooking(deps.db, bookingId) : undefined;
}

/**
 * Records that a paid booking was let in at the door, once: a conditional write, so of two scans only the
 * first admits and the second is told who admitted it and when. An unpaid booking is refused (`unpaid`).
 */
export function admitBooking(deps: Pick<BookingDeps, 'db'>, bookingId: string, admission: door.Admission) {
  return door.admitBooking(deps.db, bookingId, admission);
}

/**
 * Records that door staff took an unpaid booking's money, and admits it in the same write, with its audit
 * entry: once, however often it is asked.
 */
export function collectAndAdmit(
  deps: Pick<BookingDeps, 'db'>,
  booking: Booking,
  admission: door.Admission,
  audit: AuditEntry,
) {
  return door.collectAndAdmit(deps.db, booking, admission, audit);
}

/**
 * The user's booking that sold every seat of `hold`, if one did (confirmed from this checkout or another
 * tab's), from those seats' `states` when the caller has read them: the sale writes the booking id on each
 * seat and leaves the hold item to expire, so no other lookup is needed.
 */
export async function bookingOfSpentHold(
  deps: BookingDeps,
  hold: Hold,
  states?: repo.SeatState[],
): Promise<Booking | undefined> {
  const seats = states ?? (await repo.getSeatStates(deps.db, hold.showId, hold.seats));
  const sold = seats.filter((seat) => hold.seats.includes(seat.seatId) && seat.state === 'sold');
  const bookingId = sold[0]?.bookingId;
  if (!bookingId || sold.length !== hold.seats.length || sold.some((s) => s.bookingId !== bookingId))
    return undefined;
  const booking = await repo.getBooking(deps.db, bookingId);
  return booking?.userId === hold.userId ? booking : undefined;
}
