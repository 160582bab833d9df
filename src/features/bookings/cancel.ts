import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { authorizeTheater } from '../../auth/authorize';
import type { SessionUser } from '../../auth/model';
import { keys } from '../../platform/db/keys';
import type { TransactItem } from '../../platform/db/query';
import { AppError } from '../../platform/errors';
import { formatMoney } from '../../platform/money';
import { auditPut } from '../audit/repo';
import { auditEntry } from '../audit/service';
import {
  customerRefund,
  policyOf,
  policySentence,
  refundable,
  refundSentence,
} from '../booking/cancellation-policy';
import { bookingFor, findBooking } from '../booking/made-bookings';
import type { Booking } from '../booking/model';
import { freeSoldSeat } from '../booking/seat-states';
import { isReleased } from '../booking/unpaid';
import { newMessagePut } from '../confirmations/repo';
import { bookingRefundPut } from '../payments/repo';
import type { BookingsDeps } from './service';

/*
 * A customer cancels a whole booking from its page (docs/decisions/024). One transaction: the booking
 * becomes cancelled (only if it is not already, not scanned at the door, and its show has not started),
 * each seat is freed only while this booking still owns it, the news goes into the outbox (email and SMS)
 * and, when money was taken online, its refund is queued with its own key. Two cancellations race to
 * the booking's condition: one wins, the other changes nothing, so nothing is freed or refunded twice.
 */

export type Cancellation = NonNullable<Booking['cancellation']>;

/** Whether and what the booking's owner may cancel now, in words for the page. */
export function cancelOffer(booking: Booking, actor: SessionUser, now: Date) {
  if (booking.userId !== actor.id || booking.cancelledAt || booking.admittedAt) return undefined;
  if (isReleased(booking, now)) return undefined;
  const refund = customerRefund(booking, now);
  if (refund.closed) return undefined;
  return {
    policy: policySentence(policyOf(booking)),
    refund: refundSentence(booking, refund),
    amount: refund.amount,
  };
}

export async function cancelOwnBooking(
  deps: BookingsDeps,
  actor: SessionUser,
  bookingId: string,
): Promise<Booking> {
  const found = await bookingFor(deps, actor, bookingId);
  if (found.userId !== actor.id)
    throw new AppError('forbidden', 'Only the customer who booked can cancel here.');
  if (found.cancelledAt) return found;
  if (found.admittedAt)
    throw new AppError(
      'conflict',
      'These tickets were scanned at the door, so the booking can no longer be cancelled.',
    );
  const now = deps.clock.now();
  if (isReleased(found, now))
    throw new AppError('conflict', 'This booking was released unpaid: its seats went back on sale.');
  const refund = customerRefund(found, now);
  if (refund.closed)
    throw new AppError('conflict', 'The show has started, so the booking can no longer be cancelled.');
  return cancelBooking(deps, found, { by: 'customer', byUserId: actor.id, refund: refund.amount }, now);
}

/**
 * Cancels `booking` as `cancellation` says, in one transaction; the booking as it then stands. A booking
 * cancelled meanwhile (another tab, staff) is returned as it is; one scanned or started meanwhile is refused.
 */
export async function cancelBooking(
  deps: Pick<BookingsDeps, 'db' | 'log'>,
  booking: Booking,
  cancellation: Cancellation,
  now: Date,
  /** Staff may cancel a scanned or started booking; `also` is their audit entry, written with it. */
  staff?: { also: TransactItem[] },
): Promise<Booking> {
  const at = now.toISOString();
  const db = deps.db;
  const chargeId = booking.payment.reference;
  const refunds = cancellation.refund > 0 && chargeId && booking.payment.charged;
  try {
    await db.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: db.table,
              Key: { pk: keys.booking(booking.id), sk: keys.bookingMeta() },
              UpdateExpression: 'SET cancelledAt = :at, cancellation = :cancellation',
              ConditionExpression: staff
                ? 'attribute_exists(pk) AND attribute_not_exists(cancelledAt)'
                : 'attribute_exists(pk) AND attribute_not_exists(cancelledAt) AND attribute_not_exists(admittedAt) AND startsAt > :at',
              ExpressionAttributeValues: { ':at': at, ':cancellation': cancellation },
            },
          },
          // A booking released unpaid owns its seats no more (booking/unpaid.ts): they may be sold again.
          ...(isReleased(booking, now) ? [] : booking.seats).map((seat) =>
            freeSoldSeat(db, booking, seat.id),
          ),
          newMessagePut(db, {
            bookingId: booking.id,
            kind: 'booking-cancelled',
            userId: booking.userId,
            createdAt: at,
          }),
          ...(refunds
            ? [
                bookingRefundPut(db, booking, {
                  key: `${booking.id}-cancel`,
                  amount: cancellation.refund,
                  reason:
                    cancellation.by === 'customer'
                      ? 'You cancelled the booking.'
                      : 'The theater cancelled the booking.',
                  at,
                }),
              ]
            : []),
          ...(staff?.also ?? []),
        ],
      }),
    );
  } catch (error) {
    if ((error as Error).name !== 'TransactionCanceledException') throw error;
    const current = await findBooking(deps, booking.id);
    if (current?.cancelledAt) return current;
    if (current?.admittedAt)
      throw new AppError(
        'conflict',
        'These tickets were scanned at the door, so the booking can no longer be cancelled.',
      );
    if (current && current.startsAt <= at)
      throw new AppError('conflict', 'The show has started, so the booking can no longer be cancelled.');
    deps.log.error('booking cancellation refused by a seat it should own', { bookingId: booking.id });
    throw new AppError('conflict', 'This booking changed while it was being cancelled. Please try again.');
  }
  deps.log.info('booking cancelled', {
    bookingId: booking.id,
    by: cancellation.by,
    refund: cancellation.refund,
  });
  return { ...booking, cancelledAt: at, cancellation };
}

/** What staff chose to give back: as the policy says now, all that was paid, nothing, or an amount. */
export type StaffRefund = { kind: 'policy' | 'full' | 'none' } | { kind: 'amount'; amount: number };

/**
 * What staff chose to give back, in minor units: `amounts` says what "full" and "policy" come to for what
 * is cancelled, and the most any refund may be now. More than that is a bad request, saying the most.
 */
export function staffRefundAmount(
  booking: Booking,
  refund: StaffRefund,
  amounts: { full: number; policy: number; most: number },
): number {
  const wanted =
    refund.kind === 'amount'
      ? refund.amount
      : refund.kind === 'full'
        ? amounts.full
        : refund.kind === 'policy'
          ? amounts.policy
          : 0;
  if (wanted > amounts.most) {
    const most = formatMoney({ amount: amounts.most, currency: booking.price.currency }, booking.locale);
    throw new AppError(
      'bad_request',
      `The refund cannot be more than is left of what was paid online: at most ${most}.`,
    );
  }
  return wanted;
}

/**
 * Staff of the booking's theater (or an admin) cancel it for the customer, with a reason kept in the audit
 * record written in the same transaction. Unlike a customer they may cancel a scanned or started booking
 * (a show stopped by a fault). The refund never exceeds what was charged online.
 */
export async function cancelAsStaff(
  deps: BookingsDeps,
  actor: SessionUser,
  bookingId: string,
  choice: { refund: StaffRefund; reason: string },
): Promise<Booking> {
  const found = await bookingFor(deps, actor, bookingId);
  authorizeTheater(actor, found.theaterId, 'staff', 'manager', 'admin');
  if (found.cancelledAt) return found;
  const now = deps.clock.now();
  // What was charged online less what cancelling some seats gave back already.
  const charged = refundable(found);
  const wanted = staffRefundAmount(found, choice.refund, {
    full: charged,
    policy: customerRefund(found, now).amount,
    most: charged,
  });
  const entry = auditEntry(deps, actor, {
    action: 'cancelled booking',
    target: { kind: 'booking', id: found.id, label: `${found.id}, ${found.movieTitle}` },
    theaterId: found.theaterId,
    before: { seats: found.seats.map((seat) => seat.id), paid: charged },
    after: { cancelled: true, refund: wanted, reason: choice.reason },
  });
  return cancelBooking(
    deps,
    found,
    { by: 'staff', byUserId: actor.id, reason: choice.reason, refund: wanted },
    now,
    { also: [auditPut(deps.db, entry)] },
  );
}
