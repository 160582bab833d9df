import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../../platform/db/client';
import { keys, SCHEMA_VERSION } from '../../platform/db/keys';
import { getItem, isConditionFailure } from '../../platform/db/query';
import type { AuditEntry } from '../audit/model';
import { auditPut } from '../audit/repo';
import type { Booking } from './model';

/*
 * What the door writes and reads of a booking: its door code's lookup item (written by the sale, in
 * repo.confirmHold), the admission, and the payment an usher takes for an unpaid booking.
 */

/**
 * The Put of a door code's lookup item, for the transaction that sells the booking's seats: on condition
 * it does not exist, which is what makes a code belong to one booking only.
 */
export function doorCodePut(db: Db, code: string, booking: Pick<Booking, 'id' | 'showId'>) {
  return {
    Put: {
      TableName: db.table,
      Item: {
        pk: keys.doorCode(code),
        sk: keys.doorCodeMeta(),
        entity: 'DoorCode',
        v: SCHEMA_VERSION,
        bookingId: booking.id,
        showId: booking.showId,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** GetItem DOORCODE#code, strongly consistent: the booking a typed door code belongs to, if any. */
export async function bookingIdOfDoorCode(db: Db, code: string): Promise<string | undefined> {
  const found = await db.doc.send(
    new GetCommand({
      TableName: db.table,
      Key: { pk: keys.doorCode(code), sk: keys.doorCodeMeta() },
      ConsistentRead: true,
      ProjectionExpression: 'bookingId',
    }),
  );
  const bookingId = found.Item?.bookingId;
  return typeof bookingId === 'string' ? bookingId : undefined;
}

export type Admission = { admittedAt: string; admittedBy: string };

/** Why an admission was not written, read back after its condition failed. */
export type Refusal = {
  admitted: false;
  previous?: Admission | undefined;
  cancelled?: boolean;
  unpaid?: boolean;
};

// Admissions are never undone, so a read after a refused write sees the one that won.
async function refusal(db: Db, bookingId: string): Promise<Refusal> {
  const booking = await getItem<Booking>(
    db,
    { pk: keys.booking(bookingId), sk: keys.bookingMeta() },
    { consistent: true },
  );
  if (booking?.admittedAt !== undefined) {
    return {
      admitted: false,
      previous: { admittedAt: booking.admittedAt, admittedBy: booking.admittedBy ?? '' },
    };
  }
  if (booking?.cancelledAt) return { admitted: false, cancelled: true };
  if (booking?.payment.status === 'unpaid') return { admitted: false, unpaid: true };
  return { admitted: false };
}

const NOT_ADMITTED =
  'attribute_exists(pk) AND attribute_not_exists(admittedAt) AND attribute_not_exists(cancelledAt)';

/**
 * Marks a paid booking admitted at the door: UpdateItem on condition it exists, is paid, is not cancelled
 * and was not admitted before. On a second scan the condition fails and the first admission is read back,
 * so staff see who and when (or that it was cancelled meanwhile, or is unpaid: `collectAndAdmit`).
 */
export async function admitBooking(
  db: Db,
  bookingId: string,
  admission: Admission,
): Promise<{ admitted: true } | Refusal> {
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: { pk: keys.booking(bookingId), sk: keys.bookingMeta() },
        UpdateExpression: 'SET admittedAt = :at, admittedBy = :by',
        ConditionExpression: `${NOT_ADMITTED} AND payment.#status = :paid`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':at': admission.admittedAt,
          ':by': admission.admittedBy,
          ':paid': 'paid',
        },
      }),
    );
    return { admitted: true };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    return refusal(db, bookingId);
  }
}

/**
 * Records that door staff took an unpaid booking's money and admits it, in one TransactWriteItems: the
 * booking's Update (paid, collected by and at, admitted by and at) on condition it is unpaid, not admitted
 * and not cancelled, and its audit entry. Of two clicks only the first writes; the second reads back
 * who admitted it.
 */
export async function collectAndAdmit(
  db: Db,
  booking: Pick<Booking, 'id' | 'showId' | 'seats'>,
  admission: Admission,
  audit: AuditEntry,
): Promise<{ admitted: true } | Refusal> {
  const bookingId = booking.id;
  try {
    await db.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          // Paid now: its seats lose the release mark (booking/unpaid.ts), while still this booking's.
          ...booking.seats.map((seat) => ({
            Update: {
              TableName: db.table,
              Key: { pk: keys.show(booking.showId), sk: keys.seat(seat.id) },
              UpdateExpression: 'REMOVE unpaidUntil',
              ConditionExpression: '#state = :sold AND bookingId = :booking',
              ExpressionAttributeNames: { '#state': 'state' },
              ExpressionAttributeValues: { ':sold': 'sold', ':booking': bookingId },
            },
          })),
          {
            Update: {
              TableName: db.table,
              Key: { pk: keys.booking(bookingId), sk: keys.bookingMeta() },
              UpdateExpression:
                'SET payment.#status = :paid, payment.collectedAt = :at, payment.collectedBy = :by, admittedAt = :at, admittedBy = :by',
              // Not once released: its seats may have been sold again since.
              ConditionExpression: `${NOT_ADMITTED} AND payment.#status = :unpaid AND (attribute_not_exists(payment.releaseAt) OR payment.releaseAt > :at)`,
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: {
                ':at': admission.admittedAt,
                ':by': admission.admittedBy,
                ':paid': 'paid',
                ':unpaid': 'unpaid',
              },
            },
          },
          auditPut(db, audit),
        ],
      }),
    );
    return { admitted: true };
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    if (!error.CancellationReasons?.some((reason) => reason.Code === 'ConditionalCheckFailed')) throw error;
    return refusal(db, bookingId);
  }
}
