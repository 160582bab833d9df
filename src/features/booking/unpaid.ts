import { AppError } from '../../platform/errors';
import { formatTime } from '../../platform/time';
import type { Booking } from './model';
import * as repo from './repo';
import type { BookingDeps } from './service';

/*
 * Bookings to be paid at the box office (docs/decisions/025). Each customer may keep only a few waiting
 * (UNPAID_BOOKINGS_OPEN, and UNPAID_SEATS_PER_SHOWTIME seats of one showtime), and each is released
 * UNPAID_RELEASE_MINUTES before the show unless paid: its seats carry that instant (`unpaidUntil`), and
 * every hold's condition treats a sold seat past it as free, so no job has to run for the seats to come
 * back. Staff taking the money at the door before then clears the mark in the same write.
 */

/** When a box-office booking of a show starting at `startsAt` is released unless paid. */
export function releaseAtFor(deps: Pick<BookingDeps, 'config'>, startsAt: string): string {
  return new Date(Date.parse(startsAt) - deps.config.unpaidReleaseMs).toISOString();
}

/** True for a box-office booking still unpaid at its release time: its seats are back on sale. */
export function isReleased(booking: Booking, now: Date): boolean {
  return (
    booking.payment.status === 'unpaid' &&
    booking.payment.releaseAt !== undefined &&
    booking.payment.releaseAt <= now.toISOString()
  );
}

/** "6:30 pm", the release time in the theater's zone. */
export function releaseTime(booking: Pick<Booking, 'timeZone' | 'locale'>, releaseAt: string): string {
  return formatTime(new Date(releaseAt), booking.timeZone, booking.locale);
}

/**
 * Refuses a booking to pay at the box office when it would be released at once (too close to the show),
 * or when the customer already keeps as many unpaid as allowed: bookings in all, or seats of this showtime.
 * Read before the sale, so two checkouts of one customer at the same instant may each pass: a limit on
 * hoarding, not on selling a seat twice, which the sale's own conditions prevent.
 */
export async function refuseUnpaidBeyondLimits(
  deps: BookingDeps,
  userId: string,
  showId: string,
  seats: number,
  startsAt: string,
): Promise<void> {
  const now = deps.clock.now();
  const minutes = Math.round(deps.config.unpaidReleaseMs / 60_000);
  if (releaseAtFor(deps, startsAt) <= now.toISOString()) {
    throw new AppError(
      'bad_request',
      `Paying at the box office closes ${minutes} minutes before the show. Pay online to book these seats.`,
    );
  }
  const waiting = (await repo.listUserBookings(deps.db, userId, now.toISOString())).filter(
    (b) =>
      !b.cancelledAt &&
      b.payment.status === 'unpaid' &&
      b.startsAt > now.toISOString() &&
      !isReleased(b, now),
  );
  if (waiting.length >= deps.config.unpaidBookingsOpen) {
    throw new AppError(
      'bad_request',
      `You already have ${waiting.length} ${waiting.length === 1 ? 'booking' : 'bookings'} waiting to be paid at the box office. Pay online, or pay for those first.`,
    );
  }
  const here = waiting.filter((b) => b.showId === showId).reduce((sum, b) => sum + b.seats.length, 0);
  if (here + seats > deps.config.unpaidSeatsPerShowtime) {
    throw new AppError(
      'bad_request',
      `At most ${deps.config.unpaidSeatsPerShowtime} seats of a showtime can wait to be paid at the box office. Pay online for these.`,
    );
  }
}
