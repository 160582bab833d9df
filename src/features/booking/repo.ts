import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../../platform/db/client';
import { keys, SCHEMA_VERSION, TTL_ATTRIBUTE } from '../../platform/db/keys';
import { batchGetAll, fromItem, getItem, queryAll, type TransactItem } from '../../platform/db/query';
import { doorCodePut } from './door-repo';
import type { Booking, Hold } from './model';
import { DOOR_CODE, type ItemRoles, LIMIT, SHOWTIME, SLOT, seatConflict } from './seat-conflict';
import { FIRST_LAYOUT_VERSION, showtimeOnSale } from './showtime-check';

/*
 * Seats are held and sold only through conditional TransactWriteItems: all seats or none, and a seat
 * is written only when its condition (free, or its hold expired, or held by this very hold) is true at
 * the moment of the write. Nothing here reads a seat and then writes it on the strength of that read.
 * Each also checks the showtime item in the same transaction (showtime-check.ts).
 */

/**
 * A seat with an item: held by a hold (until `expiresAt`), sold to a booking, or blocked by a manager
 * (house seats, a broken seat) with the reason, so it is not sold online. No item means free.
 */
export type SeatState = {
  seatId: string;
  state: 'held' | 'sold' | 'blocked';
  holdId?: string;
  /** The holder or buyer; for a blocked seat, the manager who blocked it. */
  userId?: string;
  expiresAt?: string;
  bookingId?: string;
  /** Sold to a booking still to be paid at the box office: from this instant the seat counts as free. */
  unpaidUntil?: string;
  reason?: string;
  blockedAt?: string;
  blockedByEmail?: string;
};

export const epochSeconds = (iso: string) => Math.ceil(Date.parse(iso) / 1000);
// Expired holds linger a day for diagnosis, then TTL removes them; conditions never wait for TTL.
export const HOLD_TTL_GRACE_SECONDS = 86_400;

/** Query pk = SHOW#id, begins_with(sk, SEAT#), strongly consistent: the seats held, sold or blocked. */
export async function listSeatStates(db: Db, showId: string): Promise<SeatState[]> {
  const items = await queryAll<Record<string, unknown>>(db, {
    KeyConditionExpression: 'pk = :pk and begins_with(sk, :seat)',
    ExpressionAttributeValues: { ':pk': keys.show(showId), ':seat': keys.seat('') },
    ConsistentRead: true,
  });
  return items.map((item) => fromItem<SeatState>(item));
}

/**
 * BatchGetItem of some seats of a showtime, strongly consistent: the states of just the seats a hold or
 * a checkout needs, instead of the whole house. Seats with no item are free and are not returned.
 */
export async function getSeatStates(
  db: Db,
  showId: string,
  seatIds: readonly string[],
): Promise<SeatState[]> {
  const pk = keys.show(showId);
  return batchGetAll<SeatState>(
    db,
    seatIds.map((seatId) => ({ pk, sk: keys.seat(seatId) })),
    { consistent: true },
  );
}

/** GetItem SHOW#id / HOLD#user, strongly consistent. */
export async function getHold(db: Db, showId: string, userId: string): Promise<Hold | undefined> {
  return getItem<Hold>(db, { pk: keys.show(showId), sk: keys.hold(userId) }, { consistent: true });
}

/** Query pk = SHOW#id, begins_with(sk, HOLD#), strongly consistent: every hold item, live or not. */
export async function listHolds(db: Db, showId: string): Promise<Hold[]> {
  const items = await queryAll<Record<string, unknown>>(db, {
    KeyConditionExpression: 'pk = :pk and begins_with(sk, :hold)',
    ExpressionAttributeValues: { ':pk': keys.show(showId), ':hold': keys.hold('') },
    ConsistentRead: true,
  });
  return items.map((item) => fromItem<Hold>(item));
}

/**
 * Places `hold` in one transaction: each new seat is put on condition that it is free or its hold has
 * expired; seats kept from the user's `previous` live hold are re-pointed on condition that the previous
 * hold still owns them; seats dropped from it are released the same way; the hold item itself may only
 * replace the previous hold or an expired one; the showtime must still be on sale with the hold's layout
 * version; `count`, a rate limit's count of new holds, must be within its limit. Throws SeatConflictError
 * naming the seats that were taken (or saying the showtime changed, or the limit was reached).
 */
export async function placeHold(
  db: Db,
  hold: Hold,
  previous: Hold | undefined,
  now: string,
  count?: TransactItem,
): Promise<void> {
  const pk = keys.show(hold.showId);
  const kept = new Set(previous ? previous.seats.filter((seat) => hold.seats.includes(seat)) : []);
  const dropped = previous ? previous.seats.filter((seat) => !hold.seats.includes(seat)) : [];
  const seatItem = (seatId: string) => ({
    pk,
    sk: keys.seat(seatId),
    entity: 'SeatState',
    v: SCHEMA_VERSION,
    seatId,
    state: 'held',
    holdId: hold.holdId,
    userId: hold.userId,
    expiresAt: hold.expiresAt,
    [TTL_ATTRIBUTE]: epochSeconds(hold.expiresAt) + HOLD_TTL_GRACE_SECONDS,
  });
  const items: TransactItem[] = [
    showtimeOnSale(db, hold.showId, { layoutVersion: hold.layoutVersion ?? FIRST_LAYOUT_VERSION }),
  ];
  const seatAt: ItemRoles = [SHOWTIME];
  for (const seatId of hold.seats) {
    items.push({
      Put: {
        TableName: db.table,
        Item: seatItem(seatId),
        ...(kept.has(seatId)
          ? {
              ConditionExpression: 'holdId = :previous AND #state = :held',
              ExpressionAttributeValues: { ':previous': previous?.holdId, ':held': 'held' },
            }
          : {
              // Free: no item, a hold that ran out, or a sale released unpaid (booking/unpaid.ts).
              ConditionExpression:
                'attribute_not_exists(pk) OR (#state = :held AND expiresAt <= :now) OR (#state = :sold AND unpaidUntil <= :now)',
              ExpressionAttributeValues: { ':held': 'held', ':now': now, ':sold': 'sold' },
            }),
        ExpressionAttributeNames: { '#state': 'state' },
      },
    });
    seatAt.push(seatId);
  }
  for (const seatId of dropped) {
    items.push({
      Delete: {
        TableName: db.table,
        Key: { pk, sk: keys.seat(seatId) },
        ConditionExpression: 'holdId = :previous AND #state = :held',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':previous': previous?.holdId, ':held': 'held' },
      },
    });
    seatAt.push(undefined);
  }
  items.push({
    Put: {
      TableName: db.table,
      Item: {
        pk,
        sk: keys.hold(hold.userId),
        entity: 'Hold',
        v: SCHEMA_VERSION,
        [TTL_ATTRIBUTE]: epochSeconds(hold.expiresAt) + HOLD_TTL_GRACE_SECONDS,
        ...hold,
      },
      ConditionExpression: previous ? 'holdId = :previous' : 'attribute_not_exists(pk) OR expiresAt <= :now',
      ExpressionAttributeValues: previous ? { ':previous': previous.holdId } : { ':now': now },
    },
  });
  seatAt.push(undefined);
  if (hold.slot !== undefined) {
    items.push({
      Put: {
        TableName: db.table,
        Item: {
          pk: keys.holdSlots(hold.userId),
          sk: keys.holdSlot(hold.slot),
          entity: 'HoldSlot',
          v: SCHEMA_VERSION,
          slot: hold.slot,
          showId: hold.showId,
          expiresAt: hold.expiresAt,
          [TTL_ATTRIBUTE]: epochSeconds(hold.expiresAt) + HOLD_TTL_GRACE_SECONDS,
        },
        ConditionExpression: 'attribute_not_exists(pk) OR expiresAt <= :now OR showId = :show',
        ExpressionAttributeValues: { ':now': now, ':show': hold.showId },
      },
    });
    seatAt.push(SLOT);
  }
  if (count) {
    items.push(count);
    seatAt.push(LIMIT);
  }
  try {
    await db.doc.send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    throw seatConflict(error, seatAt) ?? error;
  }
}

/**
 * Lets go of a hold's slot in the transaction that releases or sells it: only while the slot is still this
 * showtime's, so a slot another hold has since claimed is left alone (absent passes too).
 */
function releaseSlot(db: Db, hold: Hold) {
  if (hold.slot === undefined) return [];
  const Key = { pk: keys.holdSlots(hold.userId), sk: keys.holdSlot(hold.slot) };
  const condition = 'attribute_not_exists(pk) OR showId = :show';
  return [
    {
      Delete: {
        TableName: db.table,
        Key,
        ConditionExpression: condition,
        ExpressionAttributeValues: { ':show': hold.showId },
      },
    },
  ];
}

/** Releases a live hold: deletes its seats and the hold item, each on condition this hold still owns it. */
export async function releaseHold(db: Db, hold: Hold): Promise<boolean> {
  const pk = keys.show(hold.showId);
  try {
    await db.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          ...hold.seats.map((seatId) => ({
            Delete: {
              TableName: db.table,
              Key: { pk, sk: keys.seat(seatId) },
              ConditionExpression: 'holdId = :hold AND #state = :held',
              ExpressionAttributeNames: { '#state': 'state' },
              ExpressionAttributeValues: { ':hold': hold.holdId, ':held': 'held' },
            },
          })),
          {
            Delete: {
              TableName: db.table,
              Key: { pk, sk: keys.hold(hold.userId) },
              ConditionExpression: 'holdId = :hold',
              ExpressionAttributeValues: { ':hold': hold.holdId },
            },
          },
          ...releaseSlot(db, hold),
        ],
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof TransactionCanceledException) return false;
    throw error;
  }
}

/**
 * What a sale may add: `also`, another feature's items that must hold with it (a payment's update);
 * `paid`, for money already taken: the seats are sold while they are still this hold's, even if the
 * hold has run out, since nobody else has taken them. Seats another hold took since are refused.
 */
export type SaleOptions = { also?: TransactItems; paid?: boolean; unpaidUntil?: string };

type TransactItems = TransactItem[];

/**
 * Confirms a hold in one transaction: every seat becomes sold on condition this hold owns it and has
 * not expired; the booking and its outbox message are created; the showtime must still be on sale with
 * the hold's layout version and the booking's start. All or nothing. The hold item is left
 * to expire: once its seats are sold it owns none, so it no longer counts as a hold (see `ownsSeats`),
 * and not deleting it saves two write units on every booking.
 * `requestToken` makes a retried call within DynamoDB's idempotency window a no-op success.
 */
export async function confirmHold(
  db: Db,
  hold: Hold,
  booking: Booking,
  now: string,
  requestToken: string,
  options: SaleOptions = {},
): Promise<void> {
  const pk = keys.show(hold.showId);
  const seatAt: ItemRoles = [SHOWTIME];
  const items: TransactItem[] = [
    showtimeOnSale(db, hold.showId, {
      layoutVersion: hold.layoutVersion ?? FIRST_LAYOUT_VERSION,
      startsAt: booking.startsAt,
    }),
  ];
  for (const seatId of hold.seats) {
    items.push({
      Update: {
        TableName: db.table,
        Key: { pk, sk: keys.seat(seatId) },
        UpdateExpression: options.unpaidUntil
          ? 'SET #state = :sold, bookingId = :booking, unpaidUntil = :release REMOVE expiresAt, #ttl, holdId'
          : 'SET #state = :sold, bookingId = :booking REMOVE expiresAt, #ttl, holdId',
        ConditionExpression: options.paid
          ? 'holdId = :hold AND #state = :held'
          : 'holdId = :hold AND #state = :held AND expiresAt > :now',
        ExpressionAttributeNames: { '#state': 'state', '#ttl': TTL_ATTRIBUTE },
        ExpressionAttributeValues: {
          ':sold': 'sold',
          ':booking': booking.id,
          ':hold': hold.holdId,
          ':held': 'held',
          ...(options.paid ? {} : { ':now': now }),
          ...(options.unpaidUntil ? { ':release': options.unpaidUntil } : {}),
        },
      },
    });
    seatAt.push(seatId);
  }
  items.push({
    Put: {
      TableName: db.table,
      Item: {
        pk: keys.booking(booking.id),
        sk: keys.bookingMeta(),
        gsi1pk: keys.userBookings(booking.userId),
        gsi1sk: `${booking.startsAt}#${booking.id}`,
        entity: 'Booking',
        v: SCHEMA_VERSION,
        ...booking,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  });
  seatAt.push(undefined);
  items.push({
    Put: {
      TableName: db.table,
      Item: {
        pk: keys.outbox(booking.id),
        sk: keys.outboxConfirmation(),
        gsi1pk: keys.outboxPending(),
        gsi1sk: `${booking.createdAt}#${booking.id}`,
        entity: 'OutboxMessage',
        v: SCHEMA_VERSION,
        bookingId: booking.id,
        userId: booking.userId,
        kind: 'booking-confirmation',
        status: 'pending',
        attempts: 0,
        createdAt: booking.createdAt,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  });
  seatAt.push(undefined);
  if (booking.doorCode) {
    items.push(doorCodePut(db, booking.doorCode, booking));
    seatAt.push(DOOR_CODE);
  }
  const slot = releaseSlot(db, hold);
  items.push(...slot, ...(options.also ?? []));
  seatAt.push(...slot.map(() => undefined), ...(options.also ?? []).map(() => undefined));
  try {
    await db.doc.send(
      new TransactWriteCommand({ TransactItems: items, ClientRequestToken: requestToken.slice(0, 36) }),
    );
  } catch (error) {
    throw seatConflict(error, seatAt) ?? error;
  }
}

/** GetItem BOOKING#id, strongly consistent: shown right after the transaction that made it. */
export async function getBooking(db: Db, bookingId: string): Promise<Booking | undefined> {
  return getItem<Booking>(db, { pk: keys.booking(bookingId), sk: keys.bookingMeta() }, { consistent: true });
}

/** BatchGetItem BOOKING#id for each id, strongly consistent: a showtime's bookings, from its sold seats. */
export async function getBookings(db: Db, bookingIds: readonly string[]): Promise<Booking[]> {
  const keyOf = (id: string) => ({ pk: keys.booking(id), sk: keys.bookingMeta() });
  return batchGetAll<Booking>(db, bookingIds.map(keyOf), { consistent: true });
}

/**
 * Query gsi1 USER#id#BOOKINGS, every page: a user's bookings by showtime start; with `startingFrom`,
 * only those of showtimes starting then or later (the sort key begins with the start), so a regular's
 * past bookings are not read again each time.
 */
export async function listUserBookings(db: Db, userId: string, startingFrom?: string): Promise<Booking[]> {
  const items = await queryAll<Record<string, unknown>>(db, {
    IndexName: 'gsi1',
    KeyConditionExpression: startingFrom === undefined ? 'gsi1pk = :pk' : 'gsi1pk = :pk AND gsi1sk >= :from',
    ExpressionAttributeValues: {
      ':pk': keys.userBookings(userId),
      ...(startingFrom === undefined ? {} : { ':from': startingFrom }),
    },
  });
  return items.map((item) => fromItem<Booking>(item));
}
