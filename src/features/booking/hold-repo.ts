import type { Db } from '../../platform/db/client';
import { keys } from '../../platform/db/keys';
import { batchGetStored, fromItem, type ItemKey, type ReadAhead } from '../../platform/db/query';
import type { Booking, Hold, HoldSlot } from './model';
import type { SeatState } from './repo';

/*
 * The reads a hold and a sale decide on, each one BatchGetItem of items whose keys are known: a request
 * saved on every hold and every confirmation, the two steps a release-day rush is made of.
 */

/** What deciding a hold reads: the user's hold item on the showtime, some of its seats, the user's hold slots. */
export type HoldReads = { hold: Hold | undefined; seats: SeatState[]; slots: HoldSlot[] };

/** The keys `getHoldReads` reads: the hold item, the seats `seatIds`, hold slots 0 to `slotCount` - 1. */
export function holdReadKeys(
  showId: string,
  userId: string,
  seatIds: readonly string[],
  slotCount: number,
): ItemKey[] {
  const pk = keys.show(showId);
  const slotsPk = keys.holdSlots(userId);
  return [
    { pk, sk: keys.hold(userId) },
    ...seatIds.map((seatId) => ({ pk, sk: keys.seat(seatId) })),
    ...Array.from({ length: slotCount }, (_, slot) => ({ pk: slotsPk, sk: keys.holdSlot(slot) })),
  ];
}

/**
 * One BatchGetItem, strongly consistent: the user's hold item on the showtime, the seats `seatIds`, and
 * the user's hold slots 0 to `slotCount` - 1 (their keys are known, so no query is needed). None when
 * `ahead` read them with the session.
 */
export async function getHoldReads(
  db: Db,
  showId: string,
  userId: string,
  seatIds: readonly string[],
  slotCount: number,
  ahead?: ReadAhead,
): Promise<HoldReads> {
  const holdKey = keys.hold(userId);
  const slotsPk = keys.holdSlots(userId);
  const items = await batchGetStored(db, holdReadKeys(showId, userId, seatIds, slotCount), {
    consistent: true,
    ahead,
  });
  const found: HoldReads = { hold: undefined, seats: [], slots: [] };
  for (const item of items) {
    if (item.pk === slotsPk) found.slots.push(fromItem<HoldSlot>(item));
    else if (item.sk === holdKey) found.hold = fromItem<Hold>(item);
    else found.seats.push(fromItem<SeatState>(item));
  }
  return found;
}

/** The keys `getBookingAndHold` reads. */
export function bookingAndHoldKeys(bookingId: string, showId: string, userId: string): ItemKey[] {
  return [
    { pk: keys.booking(bookingId), sk: keys.bookingMeta() },
    { pk: keys.show(showId), sk: keys.hold(userId) },
  ];
}

/**
 * One BatchGetItem, strongly consistent: a booking (if it was made) and the user's hold item on a
 * showtime. None when `ahead` read them with the session.
 */
export async function getBookingAndHold(
  db: Db,
  bookingId: string,
  showId: string,
  userId: string,
  ahead?: ReadAhead,
): Promise<{ booking: Booking | undefined; hold: Hold | undefined }> {
  const bookingPk = keys.booking(bookingId);
  const items = await batchGetStored(db, bookingAndHoldKeys(bookingId, showId, userId), {
    consistent: true,
    ahead,
  });
  const booking = items.find((item) => item.pk === bookingPk);
  const hold = items.find((item) => item.pk !== bookingPk);
  return {
    booking: booking && fromItem<Booking>(booking),
    hold: hold && fromItem<Hold>(hold),
  };
}
