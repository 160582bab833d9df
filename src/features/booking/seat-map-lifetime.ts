import type { Deps } from '../../deps';
import type { Showtime } from '../catalog/model';
import { salesCloseAt } from '../catalog/showings';
import type { SeatState } from './repo';

/**
 * How long a seat map drawn now stays the map that would be drawn: `until` (epoch ms) the first instant it
 * would be drawn differently from the same read, and `current()` while this process still hands out that
 * read (the seat map cache's entry, forgotten on the process's own writes to the showtime).
 */
export type SeatMapLifetime = { until: number; current: () => boolean };

/**
 * The lifetime of a map of `show` drawn at `now` from `states`, which `read` (the promise the seat map
 * cache handed out) resolved to. It ends when a live hold in it expires, an unpaid seat is released,
 * sales close or the showtime starts, whichever comes first.
 */
export function seatMapLifetime(
  deps: Pick<Deps, 'seatStates' | 'config'>,
  show: Pick<Showtime, 'id' | 'startsAt'>,
  read: Promise<unknown>,
  states: readonly SeatState[],
  now: number,
): SeatMapLifetime {
  let until = Number.POSITIVE_INFINITY;
  const consider = (at: number) => {
    if (at > now && at < until) until = at;
  };
  for (const seat of states) {
    if (seat.state === 'held' && seat.expiresAt) consider(Date.parse(seat.expiresAt));
    if (seat.state === 'sold' && seat.unpaidUntil) consider(Date.parse(seat.unpaidUntil));
  }
  consider(salesCloseAt(show, deps.config.salesCloseMs));
  consider(Date.parse(show.startsAt));
  return { until, current: () => deps.seatStates.peek(show.id) === read };
}
