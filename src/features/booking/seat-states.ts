import type { Deps } from '../../deps';
import * as repo from './repo';

/**
 * The seats of `seatIds` that are sold, blocked, or held by a hold that has not expired, read strongly
 * consistent: what a change of the showtime's seat layout must leave alone (a hold past its expiry is a
 * free seat; a blocked one is released by its manager first).
 */
export async function takenSeatsAmong(
  deps: Pick<Deps, 'db' | 'clock'>,
  showId: string,
  seatIds: readonly string[],
): Promise<{ seatId: string; state: repo.SeatState['state'] }[]> {
  if (seatIds.length === 0) return [];
  const now = deps.clock.now().toISOString();
  const states = await repo.getSeatStates(deps.db, showId, seatIds);
  return states
    .filter((seat) => seat.state !== 'held' || (seat.expiresAt ?? '') > now)
    .map(({ seatId, state }) => ({ seatId, state }));
}
