import type { Booking } from '../booking/model';

/** A booking's seat ids grouped by category name, in booking order: "C7, C8 (Premium)" on tickets. */
export function seatsByCategory(booking: Pick<Booking, 'seats'>): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const seat of booking.seats)
    groups.set(seat.categoryName, [...(groups.get(seat.categoryName) ?? []), seat.id]);
  return groups;
}
