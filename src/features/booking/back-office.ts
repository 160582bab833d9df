import type { Deps } from '../../deps';
import type { Booking, Hold } from './model';
import * as repo from './repo';

/*
 * What the back office asks of one showtime's seats, holds and bookings (src/features/showtime-changes):
 * every seat state with its details, the bookings that hold its sold seats, and letting go of live holds
 * when the showtime is cancelled. Reads are strongly consistent: they decide what a change still has to do.
 */

type HouseDeps = Pick<Deps, 'db' | 'clock' | 'log'>;

/** Every seat of the showtime with an item: held (live or expired), sold or blocked. */
export function seatStatesOf(deps: Pick<Deps, 'db'>, showId: string): Promise<repo.SeatState[]> {
  return repo.listSeatStates(deps.db, showId);
}

/** The ids of the bookings that own sold seats of the showtime, in the order first seen. */
export function bookingIdsOf(states: readonly repo.SeatState[]): string[] {
  return [
    ...new Set(states.flatMap((seat) => (seat.state === 'sold' && seat.bookingId ? [seat.bookingId] : []))),
  ];
}

/**
 * The showtime's bookings that still own seats, found through its sold seats (each sold seat names its
 * booking): a cancelled booking gave its seats back, so it is not among them. Sorted by id.
 */
export async function bookingsOfShowtime(
  deps: Pick<Deps, 'db'>,
  showId: string,
  states?: readonly repo.SeatState[],
): Promise<Booking[]> {
  const ids = bookingIdsOf(states ?? (await repo.listSeatStates(deps.db, showId)));
  const bookings = await repo.getBookings(deps.db, ids);
  return bookings.sort((a, b) => a.id.localeCompare(b.id));
}

/** Whether a hold has not expired and still owns seats (selling them removes its `holdId` from each). */
function isLive(hold: Hold, states: readonly repo.SeatState[], now: string): boolean {
  return hold.expiresAt > now && states.some((seat) => seat.state === 'held' && seat.holdId === hold.holdId);
}

/** The showtime's live holds: the seats people are checking out with right now. */
export async function liveHoldsOf(
  deps: HouseDeps,
  showId: string,
  states?: readonly repo.SeatState[],
): Promise<Hold[]> {
  const [holds, seats] = await Promise.all([
    repo.listHolds(deps.db, showId),
    states ?? repo.listSeatStates(deps.db, showId),
  ]);
  const now = deps.clock.now().toISOString();
  return holds.filter((hold) => isLive(hold, seats, now));
}

/**
 * Lets go of every live hold of the showtime, each in its own conditional transaction (pattern 34), so
 * their seats and their holders' hold slots are free at once. A hold that changed meanwhile is left: the
 * showtime's own check refuses its sale anyway. Returns how many were released.
 */
export async function releaseLiveHolds(deps: HouseDeps, showId: string): Promise<number> {
  let released = 0;
  for (const hold of await liveHoldsOf(deps, showId)) {
    if (await repo.releaseHold(deps.db, hold)) released++;
  }
  if (released > 0) deps.log.info('live holds released', { showId, released });
  return released;
}
