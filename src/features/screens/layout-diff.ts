import type { LayoutSeat, ScreenLayout, SeatCategory } from '../catalog/model';
import { seatId } from '../catalog/seats';

/*
 * What a new layout does to the seats of an earlier one: the seats it takes away, and those it keeps under
 * the same id but as another kind of seat (another category, or a wheelchair space made a plain seat).
 * Only these can meet a seat that is already held or sold; seats it adds or leaves alone cannot.
 */

export type SeatChange = { seatId: string; change: 'removed' | 'changed' };

function seatsById(layout: ScreenLayout): Map<string, LayoutSeat> {
  const seats = new Map<string, LayoutSeat>();
  for (const row of layout.rows) {
    for (const item of row.items) if (item.type === 'seat') seats.set(seatId(row.label, item.number), item);
  }
  return seats;
}

/** The seats of `before` that `after` removes or changes, in `before`'s reading order. */
export function seatChanges(before: ScreenLayout, after: ScreenLayout): SeatChange[] {
  const next = seatsById(after);
  return [...seatsById(before)].flatMap(([id, seat]): SeatChange[] => {
    const now = next.get(id);
    if (!now) return [{ seatId: id, change: 'removed' }];
    const same = now.category === seat.category && now.access === seat.access;
    return same ? [] : [{ seatId: id, change: 'changed' }];
  });
}

/** The categories of a layout that `prices` has no price for. */
export function unpricedCategories(
  categories: SeatCategory[],
  prices: { category: string }[],
): SeatCategory[] {
  const priced = new Set(prices.map((price) => price.category));
  return categories.filter((category) => !priced.has(category.id));
}
