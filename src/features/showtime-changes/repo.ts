import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../../platform/db/client';
import { keys, SCHEMA_VERSION } from '../../platform/db/keys';
import type { TransactItem } from '../../platform/db/query';
import type { auditPut } from '../audit/repo';
import { refundable } from '../booking/cancellation-policy';
import type { Booking } from '../booking/model';
import { freeSoldSeat } from '../booking/seat-states';
import type { Showtime } from '../catalog/model';
import { newMessagePut } from '../confirmations/repo';
import { bookingRefundPut } from '../payments/repo';

/*
 * The writes of a showtime's changes (docs/data-model.md, patterns 72 to 78), each one TransactWriteItems
 * with its conditions written here: seat blocks, the sales switch, and the two steps of a move and of a
 * cancellation (the showtime item, which goes with its audit entry and the screen's slots through the
 * screen's guard; then its bookings, each with its seats and its outbox message). Nothing is written on the strength of an earlier read alone: every item carries the
 * state it was read in as its condition.
 */

type TransactItems = TransactItem[];
type AuditPut = ReturnType<typeof auditPut>;

/** The most items one TransactWriteItems may hold. */
export const MAX_TRANSACTION_ITEMS = 100;

/** A change refused because items were not in the state its conditions expect; `failed` names them. */
export class ChangeRefusedError extends Error {
  override name = 'ChangeRefusedError';
  constructor(
    readonly failed: string[],
    /** Another transaction on the same items was under way: trying again may succeed. */
    readonly busy = false,
  ) {
    super(`refused: ${failed.join(', ') || (busy ? 'busy' : 'changed')}`);
  }
}

/** Runs a transaction; a cancellation becomes ChangeRefusedError naming the items (by `names`) whose condition failed. */
async function transact(db: Db, items: TransactItems, names: (string | undefined)[]): Promise<void> {
  try {
    await db.doc.send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const reasons = error.CancellationReasons ?? [];
    const failed = names.flatMap((name, i) =>
      name !== undefined && reasons[i]?.Code === 'ConditionalCheckFailed' ? [name] : [],
    );
    throw new ChangeRefusedError(
      failed,
      reasons.some((reason) => reason.Code === 'TransactionConflict'),
    );
  }
}

const showKey = (showId: string) => ({ pk: keys.show(showId), sk: keys.showMeta() });
const seatKey = (showId: string, seatId: string) => ({ pk: keys.show(showId), sk: keys.seat(seatId) });

/** Who blocked seats, when and why: kept on each blocked seat. */
export type Block = { reason: string; at: string; userId: string; email: string };

/**
 * Blocks seats (pattern 72): per seat a Put of `state = blocked` on condition the seat is free (no item, or
 * a hold that has expired), and the audit entry, in one transaction. A seat held or sold, or blocked
 * already, fails its condition: ChangeRefusedError names those seats.
 */
export async function blockSeats(
  db: Db,
  showId: string,
  seatIds: readonly string[],
  block: Block,
  audit: AuditPut,
): Promise<void> {
  const puts = seatIds.map((seatId) => ({
    Put: {
      TableName: db.table,
      Item: {
        ...seatKey(showId, seatId),
        entity: 'SeatState',
        v: SCHEMA_VERSION,
        seatId,
        state: 'blocked',
        userId: block.userId,
        reason: block.reason,
        blockedAt: block.at,
        blockedByEmail: block.email,
      },
      ConditionExpression: 'attribute_not_exists(pk) OR (#state = :held AND expiresAt <= :now)',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':held': 'held', ':now': block.at },
    },
  }));
  await transact(db, [...puts, audit], [...seatIds, undefined]);
}

/**
 * Releases blocked seats (pattern 73): per seat a Delete on condition it is blocked, so a held or sold seat
 * is never touched, and the audit entry, in one transaction. ChangeRefusedError names seats not blocked.
 */
export async function releaseBlocks(
  db: Db,
  showId: string,
  seatIds: readonly string[],
  audit: AuditPut,
): Promise<void> {
  const deletes = seatIds.map((seatId) => ({
    Delete: {
      TableName: db.table,
      Key: seatKey(showId, seatId),
      ConditionExpression: '#state = :blocked',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':blocked': 'blocked' },
    },
  }));
  await transact(db, [...deletes, audit], [...seatIds, undefined]);
}

/**
 * Stops or restarts online sales (pattern 74): UpdateItem of the showtime, `SET salesStopped = true` on
 * condition it is not cancelled and not stopped, or `REMOVE salesStopped` on condition it is stopped and not
 * cancelled, with the audit entry. ChangeRefusedError (`showtime`) when the condition fails.
 */
export async function switchSales(db: Db, showId: string, stop: boolean, audit: AuditPut): Promise<void> {
  const update = {
    Update: {
      TableName: db.table,
      Key: showKey(showId),
      UpdateExpression: stop ? 'SET salesStopped = :stopped' : 'REMOVE salesStopped',
      ConditionExpression: stop
        ? 'attribute_exists(pk) AND attribute_not_exists(cancelledAt) AND (attribute_not_exists(salesStopped) OR salesStopped <> :stopped)'
        : 'attribute_not_exists(cancelledAt) AND salesStopped = :stopped',
      ExpressionAttributeValues: { ':stopped': true },
    },
  };
  await transact(db, [update, audit], ['showtime', undefined]);
}

/**
 * A move's first step (pattern 75), the showtime's part: its start and both index sort keys (a movie's and
 * a theater's showtimes are sorted by start) on condition it still starts at `show.startsAt` and is not
 * cancelled. Written with its audit entry and the screen's slots through the screen's guard
 * (schedule/guard): two managers moving it at once, the second is refused.
 */
export function showtimeMove(db: Db, show: Showtime, startsAt: string): TransactItems[number] {
  const sortKey = keys.showByStart(startsAt, show.id);
  return {
    Update: {
      TableName: db.table,
      Key: showKey(show.id),
      UpdateExpression: 'SET startsAt = :to, gsi1sk = :sort, gsi2sk = :sort',
      ConditionExpression: 'startsAt = :from AND attribute_not_exists(cancelledAt)',
      ExpressionAttributeValues: { ':to': startsAt, ':from': show.startsAt, ':sort': sortKey },
    },
  };
}

/**
 * A move's second step for some bookings (pattern 76), 2 items each: the booking gets the new start (and
 * its place in the customer's list), `previousStartsAt` and `movedAt`, on condition it still has the start
 * it was read with and is not cancelled; its 'showtime-moved' message is put beside it.
 */
/** An unpaid booking not yet released, whose release time (and its seats' mark) moves with the show. */
const stillWaiting = (booking: Booking, at: string) =>
  booking.payment.status === 'unpaid' &&
  booking.payment.releaseAt !== undefined &&
  booking.payment.releaseAt > at;

/** How many items moving one booking takes: the booking and its message, and the seats of an unpaid one. */
export const moveItemCount = (booking: Booking, at: string) =>
  2 + (stillWaiting(booking, at) ? booking.seats.length : 0);

export async function moveBookings(
  db: Db,
  bookings: readonly Booking[],
  move: { startsAt: string; at: string; releaseMs: number },
): Promise<void> {
  const items: TransactItems = [];
  const names: (string | undefined)[] = [];
  const releaseAt = new Date(Date.parse(move.startsAt) - move.releaseMs).toISOString();
  for (const booking of bookings) {
    const waiting = stillWaiting(booking, move.at);
    items.push(
      {
        Update: {
          TableName: db.table,
          Key: { pk: keys.booking(booking.id), sk: keys.bookingMeta() },
          UpdateExpression: waiting
            ? 'SET startsAt = :to, gsi1sk = :sort, previousStartsAt = :from, movedAt = :at, payment.releaseAt = :release'
            : 'SET startsAt = :to, gsi1sk = :sort, previousStartsAt = :from, movedAt = :at',
          ConditionExpression: 'startsAt = :from AND attribute_not_exists(cancelledAt)',
          ExpressionAttributeValues: {
            ':to': move.startsAt,
            ':from': booking.startsAt,
            ':sort': `${move.startsAt}#${booking.id}`,
            ':at': move.at,
            ...(waiting ? { ':release': releaseAt } : {}),
          },
        },
      },
      newMessagePut(db, {
        bookingId: booking.id,
        kind: 'showtime-moved',
        startsAt: move.startsAt,
        changedAt: move.at,
        previousStartsAt: booking.startsAt,
        userId: booking.userId,
        createdAt: move.at,
      }),
    );
    names.push(booking.id, booking.id);
    if (!waiting) continue;
    // Its seats are released when the show's new time says (booking/unpaid.ts), not the old one's.
    for (const seat of booking.seats) {
      items.push({
        Update: {
          TableName: db.table,
          Key: seatKey(booking.showId, seat.id),
          UpdateExpression: 'SET unpaidUntil = :release',
          ConditionExpression: '#state = :sold AND bookingId = :booking',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':release': releaseAt, ':sold': 'sold', ':booking': booking.id },
        },
      });
      names.push(booking.id);
    }
  }
  await transact(db, items, names);
}

/**
 * A cancellation's first step (pattern 77), the showtime's part: `SET cancelledAt` on condition it exists,
 * is not cancelled and still starts at `show.startsAt` (so the slot removed beside it is its own). Written
 * with its audit entry through the screen's guard. From then on no hold or sale of it can commit
 * (showtime-check).
 */
export function showtimeCancel(db: Db, show: Showtime, at: string): TransactItems[number] {
  return {
    Update: {
      TableName: db.table,
      Key: showKey(show.id),
      UpdateExpression: 'SET cancelledAt = :at',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(cancelledAt) AND startsAt = :from',
      ExpressionAttributeValues: { ':at': at, ':from': show.startsAt },
    },
  };
}

/**
 * Money taken online for a booking, which a cancelled showtime gives back in full: what was charged less
 * what cancelling some of its seats gave back already.
 */
const chargedOnline = (booking: Booking) => {
  const amount = refundable(booking);
  return amount > 0 && booking.payment.charged && booking.payment.reference ? { amount } : undefined;
};

/** How many items cancelling one booking takes: the booking, each seat, the message and any refund. */
export const cancelItemCount = (booking: Booking, at: string) =>
  seatsOwned(booking, at).length + 2 + (chargedOnline(booking) ? 1 : 0);

/** A booking's seats it still owns: none once it was released unpaid (booking/unpaid.ts). */
const seatsOwned = (booking: Booking, at: string) =>
  booking.payment.status === 'unpaid' &&
  booking.payment.releaseAt !== undefined &&
  booking.payment.releaseAt <= at
    ? []
    : booking.seats;

/**
 * A cancellation's second step for some bookings (pattern 78): each booking gets `cancelledAt` on
 * condition it has none; each of its seats is deleted on condition it is sold to that booking, so the seat
 * is free to sell again in the same instant; its 'showtime-cancelled' message is put beside it.
 */
export async function cancelBookings(db: Db, bookings: readonly Booking[], at: string): Promise<void> {
  const items: TransactItems = [];
  const names: (string | undefined)[] = [];
  for (const booking of bookings) {
    items.push({
      Update: {
        TableName: db.table,
        Key: { pk: keys.booking(booking.id), sk: keys.bookingMeta() },
        UpdateExpression: 'SET cancelledAt = :at, cancellation = :cancellation',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(cancelledAt)',
        ExpressionAttributeValues: {
          ':at': at,
          ':cancellation': { by: 'theater', refund: chargedOnline(booking)?.amount ?? 0 },
        },
      },
    });
    for (const seat of seatsOwned(booking, at)) items.push(freeSoldSeat(db, booking, seat.id));
    items.push(
      newMessagePut(db, {
        bookingId: booking.id,
        kind: 'showtime-cancelled',
        userId: booking.userId,
        createdAt: at,
      }),
    );
    // Paid online: all of it comes back through the provider, told of in the cancellation's message.
    const charged = chargedOnline(booking);
    if (charged) {
      items.push(
        bookingRefundPut(db, booking, {
          key: `${booking.id}-showtime-cancelled`,
          amount: charged.amount,
          reason: 'The theater cancelled the showtime.',
          at,
        }),
      );
    }
    names.push(...Array.from({ length: cancelItemCount(booking, at) }, () => booking.id));
  }
  await transact(db, items, names);
}
