import { DEFAULT_CANCELLATION_POLICY } from '../catalog/model';
import type { ShowtimeDetails } from '../catalog/service';
import { newDoorCode } from './door-code';
import type { Booking, Hold, PriceBreakdown } from './model';
import * as repo from './repo';
import { indexLayout } from './rules';
import { SeatConflictError } from './seat-conflict';
import type { BookingDeps } from './service';

/*
 * The sale of a hold, as the box office confirmation and a paid online payment both make it: the booking
 * as it will be stored, and the one transaction that sells its seats.
 */

/** The booking that selling `seats` of the showtime makes, with the door code it will carry. */
export function newBooking(
  details: ShowtimeDetails,
  sale: { id: string; userId: string; seats: string[]; price: PriceBreakdown; payment: Booking['payment'] },
  now: string,
): Booking {
  const index = indexLayout(details.screen.layout);
  return {
    id: sale.id,
    userId: sale.userId,
    showId: details.show.id,
    movieId: details.movie.id,
    movieTitle: details.movie.title,
    runtimeMinutes: details.movie.runtimeMinutes,
    theaterId: details.theater.id,
    theaterName: details.theater.name,
    theaterAddress: details.theater.address,
    timeZone: details.theater.timeZone,
    ...(details.city ? { locale: details.city.locale } : {}),
    screenName: details.screen.name,
    startsAt: details.show.startsAt,
    seats: sale.seats.map((id) => {
      const category = index.get(id)?.seat.category ?? 'standard';
      return {
        id,
        category,
        categoryName: details.screen.categories.find((c) => c.id === category)?.name ?? category,
      };
    }),
    price: sale.price,
    payment: sale.payment,
    createdAt: now,
    doorCode: newDoorCode(),
    // As it stands now: a later change of the theater's policy does not change this booking's.
    cancellationPolicy: details.theater.cancellationPolicy ?? DEFAULT_CANCELLATION_POLICY,
  };
}

/**
 * Sells the hold's seats as `booking` in one transaction (repo.confirmHold) with `also` (another
 * feature's items, such as the payment's update). Two transactions on the same items cancel rather than
 * wait: a lost race is tried again, briefly. A door code another booking has (about one in 10^11 per
 * booking sold) is drawn again; the request token changes with it, as the same token with another
 * request is refused. Throws SeatConflictError when the seats, the showtime or `also` said no.
 */
export async function sellHold(
  deps: Pick<BookingDeps, 'db'>,
  hold: Hold,
  booking: Booking,
  now: string,
  requestToken: string,
  options: repo.SaleOptions = {},
): Promise<void> {
  for (let attempt = 0, token = requestToken; ; attempt++) {
    try {
      await repo.confirmHold(deps.db, hold, booking, now, token, options);
      return;
    } catch (error) {
      const conflict = error instanceof SeatConflictError && error.seats.length === 0 ? error : undefined;
      const retry = conflict && (conflict.busy || conflict.doorCode) && attempt < 3;
      if (!retry || (await repo.getBooking(deps.db, booking.id))) throw error;
      if (conflict.doorCode) {
        booking.doorCode = newDoorCode();
        token = `${requestToken.slice(0, 34)}-${attempt}`;
        continue;
      }
      await new Promise((wake) => setTimeout(wake, 20 * 2 ** attempt));
    }
  }
}
