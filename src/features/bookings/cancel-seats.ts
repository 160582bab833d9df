import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { authorizeTheater } from '../../auth/authorize';
import type { SessionUser } from '../../auth/model';
import { keys } from '../../platform/db/keys';
import { AppError } from '../../platform/errors';
import { auditPut } from '../audit/repo';
import { auditEntry } from '../audit/service';
import { policyAmount, policyOf, refundable, refundPercent } from '../booking/cancellation-policy';
import { bookingFor } from '../booking/made-bookings';
import type { Booking, SeatCancellation } from '../booking/model';
import { priceOfSeatsLeft } from '../booking/pricing';
import { freeSoldSeat } from '../booking/seat-states';
import { isReleased } from '../booking/unpaid';
import { newMessagePut } from '../confirmations/repo';
import { bookingRefundPut } from '../payments/repo';
import { cancelAsStaff, type StaffRefund, staffRefundAmount } from './cancel';
import type { BookingsDeps } from './service';

/*
 * Staff cancel some seats of a booking and keep the rest (docs/decisions/027): a broken seat, one guest who
 * cannot come. One transaction, as for a whole booking: the booking keeps the other seats and their price
 * (conditioned on still having the seats it was read with, so two such changes cannot both work from the
 * same reading), each cancelled seat is freed only while this booking owns it, the refund is queued with
 * its own key and added to what the booking has refunded (never past what was charged), the customer's
 * message goes into the outbox, and the audit entry keeps the reason. Choosing every seat cancels the
 * whole booking instead.
 */

/** What cancelling `seatIds` of a booking would give back now: what they cost, and by the policy. */
export function seatsValue(booking: Booking, seatIds: string[], now: Date) {
  const gone = booking.seats.filter((seat) => seatIds.includes(seat.id));
  const kept = booking.seats.filter((seat) => !seatIds.includes(seat.id));
  const left = priceOfSeatsLeft(booking, kept);
  const most = refundable(booking);
  const tickets =
    booking.price.tickets.reduce((sum, line) => sum + line.amount, 0) -
    left.tickets.reduce((sum, line) => sum + line.amount, 0);
  const fees = booking.price.fee + booking.price.tax - left.fee - left.tax;
  const policy = policyOf(booking);
  const percent = refundPercent(policy, booking.startsAt, now);
  return {
    gone,
    kept,
    left,
    /** The most any refund may be now: what was charged online less what was refunded before. */
    most,
    /** What the seats cost: their tickets and their share of the fee and its tax. */
    paid: Math.min(booking.price.total - left.total, most),
    policy: Math.min(policyAmount(policy, percent, tickets, fees), most),
  };
}

/**
 * Staff of the booking's theater (or an admin) cancel `seatIds` of it with the refund chosen and a reason.
 * Every seat chosen is the whole booking's cancellation. The booking as it then stands.
 */
export async function cancelSeatsAsStaff(
  deps: BookingsDeps,
  actor: SessionUser,
  bookingId: string,
  choice: { seatIds: string[]; refund: StaffRefund; reason: string },
): Promise<Booking> {
  const found = await bookingFor(deps, actor, bookingId);
  authorizeTheater(actor, found.theaterId, 'staff', 'manager', 'admin');
  if (found.cancelledAt) throw new AppError('conflict', 'This booking is already cancelled.');
  const unknown = choice.seatIds.filter((id) => !found.seats.some((seat) => seat.id === id));
  if (unknown.length > 0)
    throw new AppError('bad_request', `This booking has no seat ${unknown.join(', ')}.`);
  if (choice.seatIds.length === 0)
    throw new AppError('bad_request', 'Choose the seats to cancel, or all of them to cancel the booking.');
  if (choice.seatIds.length >= found.seats.length)
    return cancelAsStaff(deps, actor, found.id, { refund: choice.refund, reason: choice.reason });
  const now = deps.clock.now();
  if (isReleased(found, now))
    throw new AppError('conflict', 'This booking was released unpaid: its seats went back on sale.');
  const value = seatsValue(found, choice.seatIds, now);
  const wanted = staffRefundAmount(found, choice.refund, {
    full: value.paid,
    policy: value.policy,
    most: value.most,
  });
  const at = now.toISOString();
  const change: SeatCancellation = {
    at,
    byUserId: actor.id,
    reason: choice.reason,
    seats: value.gone,
    refund: wanted,
  };
  const entry = auditEntry(deps, actor, {
    action: 'cancelled seats of a booking',
    target: { kind: 'booking', id: found.id, label: `${found.id}, ${found.movieTitle}` },
    theaterId: found.theaterId,
    before: { seats: found.seats.map((seat) => seat.id), total: found.price.total },
    after: {
      seats: value.kept.map((seat) => seat.id),
      total: value.left.total,
      refund: wanted,
      reason: choice.reason,
    },
  });
  const after: Booking = {
    ...found,
    seats: value.kept,
    price: value.left,
    seatCancellations: [...(found.seatCancellations ?? []), change],
    refunded: (found.refunded ?? 0) + wanted,
  };
  await writeSeatsCancelled(deps, found, after, change, auditPut(deps.db, entry));
  deps.log.info('booking seats cancelled', {
    bookingId: found.id,
    seats: change.seats.map((seat) => seat.id),
    refund: wanted,
  });
  return after;
}

/** Writes `booking` becoming `after` by `change`, as the file's comment says; a lost race is a conflict. */
async function writeSeatsCancelled(
  deps: Pick<BookingsDeps, 'db' | 'log'>,
  booking: Booking,
  after: Booking,
  change: SeatCancellation,
  audit: ReturnType<typeof auditPut>,
): Promise<void> {
  const db = deps.db;
  const chargeId = booking.payment.reference;
  const number = after.seatCancellations?.length ?? 1;
  try {
    await db.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: db.table,
              Key: { pk: keys.booking(booking.id), sk: keys.bookingMeta() },
              UpdateExpression:
                'SET seats = :left, price = :price, seatCancellations = list_append(if_not_exists(seatCancellations, :none), :change) ADD refunded :refund',
              // Seats only ever leave a booking here: the count read is the version written against.
              ConditionExpression:
                'attribute_exists(pk) AND attribute_not_exists(cancelledAt) AND size(seats) = :count',
              ExpressionAttributeValues: {
                ':left': after.seats,
                ':price': after.price,
                ':none': [],
                ':change': [change],
                ':refund': change.refund,
                ':count': booking.seats.length,
              },
            },
          },
          ...change.seats.map((seat) => freeSoldSeat(db, booking, seat.id)),
          newMessagePut(db, {
            bookingId: booking.id,
            kind: 'seats-cancelled',
            changedAt: change.at,
            userId: booking.userId,
            createdAt: change.at,
          }),
          ...(change.refund > 0 && chargeId
            ? [
                bookingRefundPut(db, booking, {
                  key: `${booking.id}-seats-${number}`,
                  amount: change.refund,
                  reason: `The theater cancelled seats ${change.seats.map((seat) => seat.id).join(', ')}.`,
                  at: change.at,
                }),
              ]
            : []),
          audit,
        ],
      }),
    );
  } catch (error) {
    if ((error as Error).name !== 'TransactionCanceledException') throw error;
    deps.log.warn('booking seats cancellation lost a race', { bookingId: booking.id });
    throw new AppError(
      'conflict',
      'This booking changed while its seats were being cancelled (another cancellation or a sale). Look at it again and choose once more.',
    );
  }
}
