import { inReadingOrder } from '../catalog/seats';
import type { SeatMapView } from './service';

// The seats a seat page's address names (`?seats=`, the way back from signing in): which can be chosen.

const isGone = (map: SeatMapView, seat: string) =>
  map.seats.get(seat) === 'taken' || map.seats.get(seat) === 'unavailable';

/** The seats of `wanted` that this showtime's screen has and that are not taken, in reading order. */
export function choosableSeats(map: SeatMapView, wanted: string[]): string[] {
  return inReadingOrder(
    map.screen.layout,
    wanted.filter((seat) => !isGone(map, seat)),
  );
}

/**
 * What the seat page says of seats named in its address (the way back from signing in or confirming an
 * email) that were taken since they were chosen; nothing when every one is still to be had.
 */
export function goneSeatsMessage(map: SeatMapView, wanted: string[]): string | undefined {
  const gone = inReadingOrder(
    map.screen.layout,
    wanted.filter((seat) => isGone(map, seat)),
  );
  if (gone.length === 0) return undefined;
  return `${gone.join(', ')} ${gone.length === 1 ? 'is' : 'are'} no longer available, so ${gone.length === 1 ? 'it is' : 'they are'} not chosen. Please choose other seats.`;
}
