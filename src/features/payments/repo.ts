import {
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Db } from '../../platform/db/client';
import { keys, SCHEMA_VERSION } from '../../platform/db/keys';
import { fromItem, getItem, isConditionFailure, queryAll } from '../../platform/db/query';
import type { OnlineProviderId } from '../../platform/payments/online';
import type { Booking } from '../booking/model';
import type { Payment, Refund } from './model';

/*
 * Payments and their refunds. A payment leaves `open` only by a conditional write: to `booked` inside the
 * transaction that sells its seats (`bookedUpdate`), or to `refunding` in the transaction that queues
 * its refund (`queueRefundOfOpen`). Refunds are claimed with a lease, as the outbox's messages are.
 */

const paymentKey = (id: string) => ({ pk: keys.payment(id), sk: keys.paymentMeta() });
const refundKey = (paymentId: string, key: string) => ({
  pk: keys.payment(paymentId),
  sk: keys.paymentRefund(key),
});

/** Stores a new payment; false when one with this id exists (a double click: the caller reads it). */
export async function putPayment(db: Db, payment: Payment): Promise<boolean> {
  try {
    await db.doc.send(
      new PutCommand({
        TableName: db.table,
        Item: {
          ...paymentKey(payment.id),
          gsi2pk: keys.theaterPayments(payment.theaterId),
          gsi2sk: `${payment.createdAt}#${payment.id}`,
          entity: 'Payment',
          v: SCHEMA_VERSION,
          ...payment,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** GetItem PAY#id, strongly consistent: it decides what a webhook or the return page does. */
export function getPayment(db: Db, id: string): Promise<Payment | undefined> {
  return getItem<Payment>(db, paymentKey(id), { consistent: true });
}

/** The Update that marks a payment booked, for the sale's transaction: only from `open`. */
export function bookedUpdate(db: Db, payment: Payment, chargeId: string, now: string) {
  return {
    Update: {
      TableName: db.table,
      Key: paymentKey(payment.id),
      UpdateExpression: 'SET #status = :booked, chargeId = :charge, settledAt = :now REMOVE failureReason',
      ConditionExpression: '#status = :open',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':booked': 'booked', ':charge': chargeId, ':now': now, ':open': 'open' },
    },
  };
}

/** Keeps the provider's words for a failed attempt, to show at the checkout; only while still open. */
export async function noteFailure(db: Db, id: string, reason: string): Promise<void> {
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: paymentKey(id),
        UpdateExpression: 'SET failureReason = :reason',
        ConditionExpression: '#status = :open',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':reason': reason.slice(0, 300), ':open': 'open' },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

/** The Put of a new refund, due now, for the transaction that decides it. */
export function refundPut(db: Db, refund: Refund) {
  return {
    Put: {
      TableName: db.table,
      Item: {
        ...refundKey(refund.paymentId, refund.key),
        gsi1pk: keys.refundsPending(),
        gsi1sk: `${refund.nextAttemptAt}#${refund.paymentId}#${refund.key}`,
        gsi2pk: keys.theaterRefunds(refund.theaterId),
        gsi2sk: `${refund.createdAt}#${refund.paymentId}#${refund.key}`,
        entity: 'Refund',
        v: SCHEMA_VERSION,
        ...refund,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/**
 * The Put of a refund of part or all of what a booking was charged online, told of by the message its
 * change puts beside it (so the refund's own email stays quiet): `key` names the change, once.
 */
export function bookingRefundPut(
  db: Db,
  booking: Booking,
  refund: { key: string; amount: number; reason: string; at: string },
) {
  return refundPut(db, {
    paymentId: booking.id,
    theaterId: booking.theaterId,
    key: refund.key,
    provider: booking.payment.provider as OnlineProviderId,
    chargeId: booking.payment.reference ?? '',
    amount: refund.amount,
    currency: booking.payment.charged?.currency ?? booking.price.currency,
    userId: booking.userId,
    reason: refund.reason,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: refund.at,
    createdAt: refund.at,
    tellBuyer: false,
  });
}

/**
 * A paid payment whose seats could not be sold: `open` becomes `refunding` and the whole charge's refund
 * is queued, in one transaction. False when the payment had already left `open` (booked by a concurrent
 * webhook, or refunding already): then nothing was written.
 */
export async function queueRefundOfOpen(
  db: Db,
  payment: Payment,
  refund: Refund,
  now: string,
): Promise<boolean> {
  try {
    await db.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: db.table,
              Key: paymentKey(payment.id),
              UpdateExpression: 'SET #status = :refunding, chargeId = :charge, settledAt = :now',
              ConditionExpression: '#status = :open',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: {
                ':refunding': 'refunding',
                ':charge': refund.chargeId,
                ':now': now,
                ':open': 'open',
              },
            },
          },
          refundPut(db, refund),
        ],
      }),
    );
    return true;
  } catch (error) {
    if ((error as Error).name === 'TransactionCanceledException') return false;
    throw error;
  }
}

/** The refunds of a payment, strongly consistent. */
export async function listRefunds(db: Db, paymentId: string): Promise<Refund[]> {
  const { Items = [] } = await db.doc.send(
    new QueryCommand({
      TableName: db.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :refund)',
      ExpressionAttributeValues: { ':pk': keys.payment(paymentId), ':refund': keys.paymentRefund('') },
      ConsistentRead: true,
    }),
  );
  return Items.map((item) => fromItem<Refund>(item));
}

/**
 * A theater's payments started in [from, to] (UTC instants, to inclusive): Query gsi2 `PAYMENTS#<theater>`
 * with `gsi2sk BETWEEN from AND to~`, every page, eventually consistent (a report may be a second behind).
 */
export async function listTheaterPayments(
  db: Db,
  theaterId: string,
  from: string,
  to: string,
): Promise<Payment[]> {
  const items = await queryAll<Record<string, unknown>>(db, {
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': keys.theaterPayments(theaterId), ':from': from, ':to': `${to}~` },
  });
  return items.map((item) => fromItem<Payment>(item));
}

/** A theater's refunds queued in [from, to]: Query gsi2 `REFUNDS#<theater>`, as listTheaterPayments. */
export async function listTheaterRefunds(
  db: Db,
  theaterId: string,
  from: string,
  to: string,
): Promise<Refund[]> {
  const items = await queryAll<Record<string, unknown>>(db, {
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': keys.theaterRefunds(theaterId), ':from': from, ':to': `${to}~` },
  });
  return items.map((item) => fromItem<Refund>(item));
}

/** Query gsi1 `REFUNDS#pending` up to `now`: refunds a dispatcher may try to claim. */
export async function listDueRefunds(db: Db, now: string, limit: number): Promise<Refund[]> {
  const { Items = [] } = await db.doc.send(
    new QueryCommand({
      TableName: db.table,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pending AND gsi1sk <= :due',
      ExpressionAttributeValues: { ':pending': keys.refundsPending(), ':due': `${now}~` },
      Limit: limit,
    }),
  );
  return Items.map((item) => fromItem<Refund>(item));
}

/** Claims a due refund for `owner` until `leaseUntil`, counting the attempt; undefined if another did. */
export async function claimRefund(
  db: Db,
  refund: Refund,
  owner: string,
  now: string,
  leaseUntil: string,
): Promise<Refund | undefined> {
  try {
    const { Attributes } = await db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: refundKey(refund.paymentId, refund.key),
        // A dispatcher that dies holding it leaves it due again when the lease ends.
        UpdateExpression:
          'SET leaseOwner = :owner, leaseUntil = :until, attempts = attempts + :one, gsi1sk = :due',
        ConditionExpression:
          '#status = :pending AND nextAttemptAt <= :now AND (attribute_not_exists(leaseUntil) OR leaseUntil <= :now)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':owner': owner,
          ':until': leaseUntil,
          ':due': `${leaseUntil}#${refund.paymentId}#${refund.key}`,
          ':one': 1,
          ':pending': 'pending',
          ':now': now,
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return Attributes ? fromItem<Refund>(Attributes) : undefined;
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
}

/**
 * Records what became of a claimed refund, on condition `owner` still holds its lease: `done` or `failed`
 * leave the pending index (failed ones are listed for operators), a retry comes due at `nextAttemptAt`.
 */
export async function settleRefund(
  db: Db,
  refund: Refund,
  owner: string,
  outcome:
    | { status: 'done'; providerRefundId: string; at: string }
    | { status: 'retry'; error: string; nextAttemptAt: string }
    | { status: 'failed'; error: string; at: string },
): Promise<boolean> {
  const values: Record<string, string> = { ':owner': owner };
  let update: string;
  if (outcome.status === 'done') {
    update =
      'SET #status = :done, providerRefundId = :id, doneAt = :at REMOVE gsi1pk, gsi1sk, leaseOwner, leaseUntil';
    Object.assign(values, { ':done': 'done', ':id': outcome.providerRefundId, ':at': outcome.at });
  } else if (outcome.status === 'retry') {
    update = 'SET lastError = :error, nextAttemptAt = :next, gsi1sk = :due REMOVE leaseOwner, leaseUntil';
    Object.assign(values, {
      ':error': outcome.error.slice(0, 300),
      ':next': outcome.nextAttemptAt,
      ':due': `${outcome.nextAttemptAt}#${refund.paymentId}#${refund.key}`,
    });
  } else {
    update =
      'SET #status = :failed, lastError = :error, doneAt = :at, gsi1pk = :list, gsi1sk = :at REMOVE leaseOwner, leaseUntil';
    Object.assign(values, {
      ':failed': 'failed',
      ':error': outcome.error.slice(0, 300),
      ':at': outcome.at,
      ':list': keys.refundsFailed(),
    });
  }
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: refundKey(refund.paymentId, refund.key),
        UpdateExpression: update,
        ConditionExpression: 'leaseOwner = :owner',
        ExpressionAttributeNames: outcome.status === 'retry' ? undefined : { '#status': 'status' },
        ExpressionAttributeValues: values,
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Marks the buyer told of a done refund; false if told already (by another dispatcher's round). */
export async function markTold(db: Db, refund: Refund, now: string): Promise<boolean> {
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: refundKey(refund.paymentId, refund.key),
        UpdateExpression: 'SET toldAt = :now',
        ConditionExpression: 'attribute_not_exists(toldAt)',
        ExpressionAttributeValues: { ':now': now },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

const eventKey = (provider: string, eventId: string) => ({
  pk: keys.webhookEvent(provider, eventId),
  sk: keys.webhookEventMeta(),
});

/** True when this provider's event was handled before. */
export async function seenEvent(db: Db, provider: string, eventId: string): Promise<boolean> {
  const { Item } = await db.doc.send(
    new GetCommand({ TableName: db.table, Key: eventKey(provider, eventId), ConsistentRead: true }),
  );
  return Item !== undefined;
}

/** Remembers a handled event for good (no TTL): a repeat a week later is still a repeat. */
export async function recordEvent(db: Db, provider: string, eventId: string, type: string, now: string) {
  await db.doc.send(
    new PutCommand({
      TableName: db.table,
      Item: { ...eventKey(provider, eventId), entity: 'WebhookEvent', v: SCHEMA_VERSION, type, at: now },
    }),
  );
}
