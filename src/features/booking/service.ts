import type { SessionUser } from '../../auth/model';
import type { Deps } from '../../deps';
import type { ReadAhead } from '../../platform/db/query';
import { AppError } from '../../platform/errors';
import { accepts } from '../catalog/model';
import { inReadingOrder } from '../catalog/seats';
import { type ShowtimeDetails, showtimeDetails } from '../catalog/service';
import * as limit from '../limits/service';
import { limits } from '../limits/service';
import { bookingIdFor } from './booking-id';
import { getBookingAndHold, getHoldReads } from './hold-repo';
import { isNewHold, slotFor } from './hold-slots';
import { bookingOfSpentHold } from './made-bookings';
import type { Booking, Hold, PriceBreakdown } from './model';
import { priceSeats } from './pricing';
import * as repo from './repo';
import { bestAvailable, indexLayout, seatsDeciding, validateSelection } from './rules';
import { newBooking, sellHold } from './sale';
import { refuseUnlessOnSale, salesState, showtimeChanged } from './sales-state';
import { SeatConflictError } from './seat-conflict';
import { seatMapLifetime } from './seat-map-lifetime';
import { type HeldSeats, heldBy, statesOfSlottedHold } from './seat-states';
import { selectionError } from './selection-error';
import { FIRST_LAYOUT_VERSION } from './showtime-check';
import { refuseUnpaidBeyondLimits, releaseAtFor } from './unpaid';

export type BookingDeps = Pick<Deps, 'db' | 'clock' | 'config' | 'log' | 'cache' | 'payment'>;
/** What the seat map and its poll need on top: the shared seat states. */
export type SeatMapDeps = BookingDeps & Pick<Deps, 'seatStates'>;

/** `unavailable`: blocked by the theater (house seats, a broken seat), so not sold online. */
export type SeatStatus = 'free' | 'taken' | 'mine' | 'unavailable';

/**
 * Seats held by a live hold or sold count as taken, blocked ones as unavailable; a hold past its expiry
 * is a free seat.
 */
function statuses(
  states: repo.SeatState[],
  now: string,
  holdId: string | undefined,
): Map<string, SeatStatus> {
  const map = new Map<string, SeatStatus>();
  for (const seat of states) {
    if (seat.state === 'sold') {
      // Released unpaid (booking/unpaid.ts): free for anyone from that instant.
      if (!seat.unpaidUntil || seat.unpaidUntil > now) map.set(seat.seatId, 'taken');
    } else if (seat.state === 'blocked') map.set(seat.seatId, 'unavailable');
    else if (seat.expiresAt && seat.expiresAt > now)
      map.set(seat.seatId, seat.holdId === holdId ? 'mine' : 'taken');
  }
  return map;
}

/** The seats a status map counts as not to be had (taken or unavailable), in the map's order. */
function takenSeats(seats: Map<string, SeatStatus>, only?: SeatStatus): string[] {
  return [...seats].flatMap(([id, status]) =>
    (only ? status === only : status === 'taken' || status === 'unavailable') ? [id] : [],
  );
}

/**
 * A hold item when it has not expired. It may already be spent: confirming sells its seats and leaves
 * the item to expire, so callers that have the seat states check `ownsSeats` too.
 */
const unexpired = (deps: Pick<BookingDeps, 'clock'>, hold: Hold | undefined) =>
  hold && hold.expiresAt > deps.clock.now().toISOString() ? hold : undefined;

/** A hold still holds its seats until they are sold (the sale removes `holdId` from each). */
const ownsSeats = (hold: HeldSeats, states: repo.SeatState[]) =>
  states.some((seat) => seat.state === 'held' && seat.holdId === hold.holdId);

/**
 * A showtime as one viewer sees it from the seat states read: those seats' statuses, the viewer's hold
 * when it still owns its seats, and whether (and why not) sales are open.
 */
function viewerView<H extends HeldSeats>(
  deps: BookingDeps,
  details: ShowtimeDetails,
  states: repo.SeatState[],
  item: H | undefined,
) {
  const hold = item && ownsSeats(item, states) ? item : undefined;
  const sales = salesState(deps, details);
  return {
    ...details,
    seats: statuses(states, deps.clock.now().toISOString(), hold?.holdId),
    hold,
    sales,
    salesOpen: sales === 'open',
  };
}

/** The seat states of a showtime as this process read them at most SEAT_MAP_CACHE_SECONDS ago. */
const recentStates = (deps: SeatMapDeps, showId: string) =>
  deps.seatStates.get(showId, () => repo.listSeatStates(deps.db, showId));

/**
 * A showtime's seat map as one viewer sees it: every held or sold seat, theirs marked. Built from the
 * seat states every viewer of this process shares (`deps.seatStates`), the viewer's hold read from its
 * seats, so a page costs no read of its own; `lifetime` says how long a page drawn from it stays current.
 * `alsoTaken` are seats a refused hold just found taken: shown taken even when the shared read is older
 * than that.
 */
export async function seatMap(
  deps: SeatMapDeps,
  showId: string,
  viewer: SessionUser | undefined,
  alsoTaken: readonly string[] = [],
) {
  const shared = recentStates(deps, showId);
  const [details, read] = await Promise.all([showtimeDetails(deps, showId), shared]);
  const at = deps.clock.now();
  const now = at.toISOString();
  const known = new Set(read.map((seat) => seat.seatId));
  const states = [
    ...read,
    ...alsoTaken
      .filter((seatId) => !known.has(seatId))
      .map((seatId): repo.SeatState => ({ seatId, state: 'sold' })),
  ];
  return {
    ...viewerView(deps, details, states, viewer && heldBy(details.screen.layout, states, viewer.id, now)),
    lifetime: seatMapLifetime(deps, details.show, shared, states, at.getTime()),
  };
}

/** A seat map as the pages that show one need it, the checkout's included: without its lifetime. */
export type SeatMapView = Omit<Awaited<ReturnType<typeof seatMap>>, 'lifetime'>;

/**
 * "Best available": the best group of `request.count` seats together in one category, from the seats
 * free now; or, when no such group is left, the message that says so. A request that is malformed
 * (`undefined`), names no category of this screen or asks for more than an order may hold is refused.
 */
export function bestSeats(
  deps: Pick<BookingDeps, 'config'>,
  map: SeatMapView,
  request: { count: number; category: string } | undefined,
): { seats: string[] } | { unavailable: string } {
  const max = deps.config.maxSeatsPerOrder;
  const category = map.screen.categories.find((candidate) => candidate.id === request?.category);
  if (!request || !category || request.count > max) {
    throw new AppError(
      'bad_request',
      `Ask for between 1 and ${max} seats in one of this screen's categories.`,
    );
  }
  const taken = new Set(takenSeats(map.seats));
  const seats = bestAvailable(map.screen.layout, taken, { category: category.id, count: request.count });
  if (!seats) {
    return {
      unavailable: `There are no ${request.count} seats together left in ${category.name}. Try fewer seats or another category.`,
    };
  }
  return { seats };
}

export type Availability = { taken: string[]; unavailable?: string[]; open: boolean };

/**
 * What every viewer of a seat map polls for: the seats taken now (sold, or held by a live hold other
 * than `holdId`, the viewer's own) and those the theater blocked, in reading order, and whether sales are
 * still open. The seat states come through `deps.seatStates`, a short per-process cache, so many viewers
 * cost one query a moment, not one each.
 */
export async function availability(
  deps: SeatMapDeps,
  showId: string,
  holdId: string | undefined,
): Promise<Availability> {
  const [details, states] = await Promise.all([showtimeDetails(deps, showId), recentStates(deps, showId)]);
  const seats = statuses(states, deps.clock.now().toISOString(), holdId);
  const unavailable = inReadingOrder(details.screen.layout, takenSeats(seats, 'unavailable'));
  return {
    taken: inReadingOrder(details.screen.layout, takenSeats(seats, 'taken')),
    // Polled every second by every open map: left out when no seat is blocked, as it mostly is.
    ...(unavailable.length > 0 ? { unavailable } : {}),
    open: salesState(deps, details) === 'open',
  };
}

/**
 * The checkout's view of a showtime: its details and the viewer's live hold, if it still owns its seats,
 * or else the booking that bought the hold's seats (`booked`), so going back to a confirmed checkout
 * shows what was booked. One read in the common case (the hold item and the user's hold slots); the
 * hold's seats only when those cannot say, never the whole house, so `seats` lists just those.
 */
export async function checkoutOf(deps: BookingDeps, showId: string, viewer: SessionUser, ahead?: ReadAhead) {
  // The hold item outlives its expiry (TTL removes it a day later): a spent one still names its seats.
  // It is read with the user's hold slots: a live hold still in its slot owns its seats, unread.
  const [details, read] = await Promise.all([
    showtimeDetails(deps, showId),
    getHoldReads(deps.db, showId, viewer.id, [], deps.config.maxHoldsPerAccount, ahead),
  ]);
  const item = read.hold;
  const live = unexpired(deps, item);
  const slotted = live && statesOfSlottedHold(live, read.slots);
  const states = slotted ?? (item ? await repo.getSeatStates(deps.db, showId, item.seats) : []);
  const view = viewerView(deps, details, states, live);
  const booked = item && !view.hold ? await bookingOfSpentHold(deps, item, states) : undefined;
  return { ...view, booked };
}

export type CheckoutView = Awaited<ReturnType<typeof checkoutOf>>;

/** The price of seats of a showtime, from the server's own prices and fees. */
export function quote(details: ShowtimeDetails, seatIds: string[]): PriceBreakdown {
  const index = indexLayout(details.screen.layout);
  const seats = seatIds.flatMap((id) => {
    const entry = index.get(id);
    return entry ? [{ id, category: entry.seat.category }] : [];
  });
  return priceSeats(details.show, details.screen, details.city, seats);
}

/**
 * Holds seats for a verified user: validates the selection against the layout and the seats taken now,
 * then places the hold in one conditional transaction that also releases the user's previous hold on
 * this showtime. A seat taken in between makes the whole hold fail with the seats named.
 */
export async function holdSeats(
  deps: BookingDeps,
  user: SessionUser,
  showId: string,
  seatIds: string[],
  ahead?: ReadAhead,
): Promise<Hold> {
  if (!user.emailVerifiedAt) {
    throw new AppError(
      'forbidden',
      'Please confirm your email address before booking: see your account page.',
    );
  }
  const details = await showtimeDetails(deps, showId);
  const now = deps.clock.now();
  refuseUnlessOnSale(deps, details);
  // One read decides the hold (not the whole house): the user's hold item, the chosen seats with their
  // neighbours for the single-seat rule, and the user's hold slots. The current hold's other seats, if
  // it has any, are a second read.
  const deciding = seatsDeciding(details.screen.layout, seatIds);
  const read = await getHoldReads(deps.db, showId, user.id, deciding, deps.config.maxHoldsPerAccount, ahead);
  const item = unexpired(deps, read.hold);
  const more = (item?.seats ?? []).filter((seat) => !deciding.includes(seat));
  const states = more.length
    ? [...read.seats, ...(await repo.getSeatStates(deps.db, showId, more))]
    : read.seats;
  // A spent hold (its seats sold) is replaced like any other, but has no seats left to keep or let go.
  const previous = item && !ownsSeats(item, states) ? { ...item, seats: [] } : item;
  const seats = statuses(states, now.toISOString(), previous?.holdId);
  const taken = new Set(takenSeats(seats));
  const verdict = validateSelection(details.screen.layout, taken, seatIds, {
    maxSeats: deps.config.maxSeatsPerOrder,
    isolationRule: details.theater.isolatedSeatRule ?? true,
  });
  if (!verdict.ok) throw selectionError(verdict.reason, verdict.seats, deps.config.maxSeatsPerOrder);
  const slot = await slotFor(deps, user, showId, previous, read.slots);
  // A new hold, not a change of seats, counts against the account's limit in the hold's own transaction,
  // so holding and letting go in a loop has an end too, and a refused hold costs no count.
  const count = isNewHold(previous)
    ? limit.hitWithTransaction(deps, limits.newHoldsPerAccount, user.id)
    : undefined;
  const hold: Hold = {
    holdId: crypto.randomUUID(),
    showId,
    userId: user.id,
    seats: inReadingOrder(details.screen.layout, seatIds),
    createdAt: now.toISOString(),
    // Changing the seats of a live hold keeps its expiry: re-posting a hold never renews it.
    expiresAt: previous?.seats.length
      ? previous.expiresAt
      : new Date(
          Math.min(now.getTime() + deps.config.holdMs, Date.parse(details.show.startsAt)),
        ).toISOString(),
    // So is its one extension for paying online (booking/hold-extension.ts): it is not had twice.
    ...(previous?.seats.length && previous.extendedAt ? { extendedAt: previous.extendedAt } : {}),
    slot,
    // The seats were checked against this layout: the transaction refuses the hold if it has changed.
    layoutVersion: details.show.layoutVersion ?? FIRST_LAYOUT_VERSION,
  };
  try {
    await repo.placeHold(deps.db, hold, previous, now.toISOString(), count?.item);
  } catch (error) {
    if (error instanceof SeatConflictError && error.limited && count) throw count.refusal();
    if (error instanceof SeatConflictError && error.showtime) throw await showtimeChanged(deps, showId, hold);
    if (error instanceof SeatConflictError) {
      throw new AppError(
        'conflict',
        error.seats.length > 0
          ? `Someone else just took ${error.seats.join(', ')}. Please choose again.`
          : error.busy
            ? 'Those seats are being booked right now. Please try again in a moment.'
            : 'Your selection changed in another window. Please choose again.',
        { seats: error.seats.join(' ') },
      );
    }
    throw error;
  }
  deps.log.info('seats held', { showId, holdId: hold.holdId, seats: hold.seats.length });
  return hold;
}

/** Lets go of the user's hold on a showtime, if any. */
export async function releaseHold(deps: BookingDeps, user: SessionUser, showId: string): Promise<void> {
  const hold = unexpired(deps, await repo.getHold(deps.db, showId, user.id));
  if (hold) await repo.releaseHold(deps.db, hold);
}

/**
 * Confirms the user's hold: charges through the payment provider, then sells the seats, writes the
 * booking and its outbox message in one transaction. The idempotency key (from the checkout form) names
 * the booking, so a double click or a replayed form shows the one booking made.
 */
export async function confirmBooking(
  deps: BookingDeps,
  user: SessionUser,
  showId: string,
  idempotencyKey: string,
  ahead?: ReadAhead,
): Promise<Booking> {
  if (!/^[0-9a-f-]{36}$/.test(idempotencyKey))
    throw new AppError('bad_request', 'This checkout form is not valid. Please start again.');
  const bookingId = bookingIdFor(idempotencyKey, user.id);
  const read = await getBookingAndHold(deps.db, bookingId, showId, user.id, ahead);
  if (read.booking) return read.booking;
  const hold = unexpired(deps, read.hold);
  if (!hold) {
    throw new AppError(
      'conflict',
      'Your seats were released because the hold expired. Please choose them again.',
    );
  }
  const details = await showtimeDetails(deps, showId);
  refuseUnlessOnSale(deps, details);
  const price = quote(details, hold.seats);
  if (!accepts(details.theater, deps.payment.id))
    throw new AppError(
      'bad_request',
      `${details.theater.name} takes payment online only. Choose a way to pay online.`,
    );
  await refuseUnpaidBeyondLimits(deps, user.id, showId, hold.seats.length, details.show.startsAt);
  const releaseAt = releaseAtFor(deps, details.show.startsAt);
  const now = deps.clock.now().toISOString();
  const charge = await deps.payment.charge({
    bookingId,
    userId: user.id,
    amount: { amount: price.total, currency: price.currency },
  });
  const booking = newBooking(
    details,
    {
      id: bookingId,
      userId: user.id,
      seats: hold.seats,
      price,
      payment: {
        provider: deps.payment.id,
        status: charge.status,
        reference: charge.reference,
        ...(charge.status === 'unpaid' ? { releaseAt } : {}),
      },
    },
    now,
  );
  try {
    await sellHold(
      deps,
      hold,
      booking,
      now,
      idempotencyKey,
      charge.status === 'unpaid' ? { unpaidUntil: releaseAt } : {},
    );
  } catch (error) {
    if (!(error instanceof SeatConflictError)) throw error;
    // A concurrent confirm of the same checkout, or of this hold from another tab (another key), may have
    // won: that booking is this one, and a charge this attempt took on top of it is given back.
    const made = (await repo.getBooking(deps.db, bookingId)) ?? (await bookingOfSpentHold(deps, hold));
    if (made) {
      if (charge.reference && made.payment.reference !== charge.reference)
        await deps.payment.refund(charge.reference);
      return made;
    }
    if (charge.reference) await deps.payment.refund(charge.reference);
    if (error.showtime) throw await showtimeChanged(deps, showId, hold);
    throw new AppError(
      'conflict',
      charge.reference
        ? 'Your hold expired before the payment completed. We have refunded it; please choose your seats again.'
        : 'Your hold expired before we could confirm it. Please choose your seats again.',
    );
  }
  deps.log.info('booking confirmed', { bookingId, showId, seats: hold.seats.length, total: price.total });
  return booking;
}
