import type { Deps } from '../../deps';
import type { Db } from '../../platform/db/client';
import { keys } from '../../platform/db/keys';
import type { TransactItem } from '../../platform/db/query';
import type { ScreenLayout } from '../catalog/model';
import { inReadingOrder } from '../catalog/seats';
import type { Hold, HoldSlot } from './model';
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

/**
 * The Delete that frees a seat a booking gave up (cancelled, or its showtime was), for the transaction
 * that records why: only while the seat is still sold to that booking, so a seat is never freed twice and
 * never taken from its next buyer.
 */
export function freeSoldSeat(db: Db, booking: { id: string; showId: string }, seatId: string): TransactItem {
  return {
    Delete: {
      TableName: db.table,
      Key: { pk: keys.show(booking.showId), sk: keys.seat(seatId) },
      ConditionExpression: '#state = :sold AND bookingId = :booking',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':sold': 'sold', ':booking': booking.id },
    },
  };
}

/** What a seat map needs of a hold: which one, its seats and when it ends. */
export type HeldSeats = Pick<Hold, 'holdId' | 'seats' | 'expiresAt'>;

/** The viewer's live hold as its seats say: the seats held in their name, one hold per showtime. */
export function heldBy(
  layout: ScreenLayout,
  states: repo.SeatState[],
  userId: string,
  now: string,
): HeldSeats | undefined {
  const mine = states.filter(
    (seat) => seat.state === 'held' && seat.userId === userId && (seat.expiresAt ?? '') > now && seat.holdId,
  );
  const first = mine[0];
  if (!first?.holdId || !first.expiresAt) return undefined;
  const seats = mine.filter((seat) => seat.holdId === first.holdId).map((seat) => seat.seatId);
  return { holdId: first.holdId, seats: inReadingOrder(layout, seats), expiresAt: first.expiresAt };
}

/**
 * The seat states a live hold stands for when its slot is still its showtime's: selling or letting go of
 * a hold (by its holder or a manager) frees its slot in the same transaction, and its seats keep the
 * hold's expiry, so the two items read together say what the seats hold without reading them. Undefined
 * when they do not say it (no slot, or the slot gone): the seats themselves must be read.
 */
export function statesOfSlottedHold(hold: Hold, slots: readonly HoldSlot[]): repo.SeatState[] | undefined {
  const slot = slots.find((s) => s.slot === hold.slot);
  if (hold.slot === undefined || slot?.showId !== hold.showId) return undefined;
  return hold.seats.map((seatId) => ({
    seatId,
    state: 'held',
    holdId: hold.holdId,
    userId: hold.userId,
    expiresAt: hold.expiresAt,
  }));
}
