import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../../platform/db/client';
import { keys, SCHEMA_VERSION } from '../../platform/db/keys';
import { fromItem, getItem, isConditionFailure, queryAll } from '../../platform/db/query';
import type { OutboxMessage, OutboxRef } from './model';

/*
 * The outbox: the booking transaction writes a booking's confirmation (booking/repo.confirmHold), and the
 * transactions that move or cancel a booking write its news (`newMessagePut`); this file is every way a
 * message is read and written afterwards. A message is only ever changed by the dispatcher that holds its
 * lease (`leaseOwner`, until `leaseUntil`), so two processes never send the same one, and a process that
 * dies mid-send loses the lease when it runs out, not the message.
 */

/** A message's key: `OUTBOX#<booking id>` and its kind (a move's also names its new start and time). */
export function messageKey(ref: OutboxRef): { pk: string; sk: string } {
  const sk =
    ref.kind === 'booking-confirmation'
      ? keys.outboxConfirmation()
      : ref.kind === 'showtime-cancelled'
        ? keys.outboxShowtimeCancelled()
        : ref.kind === 'booking-cancelled'
          ? keys.outboxBookingCancelled()
          : ref.kind === 'seats-cancelled'
            ? keys.outboxSeatsCancelled(ref.changedAt ?? '')
            : keys.outboxShowtimeMoved(ref.startsAt ?? '', ref.changedAt ?? '');
  return { pk: keys.outbox(ref.bookingId), sk };
}

const confirmation = (bookingId: string): OutboxRef => ({ bookingId, kind: 'booking-confirmation' });
const key = messageKey;

/**
 * The Put of a new pending message, for the transaction that makes the change it announces: conditioned
 * on no such message, and listed in the pending index from `createdAt`.
 */
export function newMessagePut(
  db: Db,
  message: OutboxRef & Pick<OutboxMessage, 'userId' | 'createdAt' | 'previousStartsAt'>,
) {
  return {
    Put: {
      TableName: db.table,
      Item: {
        ...messageKey(message),
        gsi1pk: keys.outboxPending(),
        gsi1sk: `${message.createdAt}#${message.bookingId}`,
        entity: 'OutboxMessage',
        v: SCHEMA_VERSION,
        ...message,
        status: 'pending',
        attempts: 0,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** GetItem OUTBOX#id / booking-confirmation, strongly consistent: the booking page's delivery status. */
export function getOutboxMessage(db: Db, bookingId: string): Promise<OutboxMessage | undefined> {
  return getItem<OutboxMessage>(db, key(confirmation(bookingId)), { consistent: true });
}

/** Query pk = OUTBOX#id, strongly consistent: every message of a booking, its confirmation and its news. */
export async function listBookingMessages(db: Db, bookingId: string): Promise<OutboxMessage[]> {
  const items = await queryAll<Record<string, unknown>>(db, {
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.outbox(bookingId) },
    ConsistentRead: true,
  });
  return items.map((item) => fromItem<OutboxMessage>(item));
}

/**
 * Query gsi1 `OUTBOX#pending` up to `now`, soonest due first: what a dispatcher may try to claim. The
 * index is eventually consistent; the claim's condition is what decides.
 */
export async function listDueMessages(db: Db, now: string, limit: number): Promise<OutboxMessage[]> {
  const { Items = [] } = await db.doc.send(
    new QueryCommand({
      TableName: db.table,
      IndexName: 'gsi1',
      // The sort key is when the message is next due (created, retry, lease end): only due ones are read.
      KeyConditionExpression: 'gsi1pk = :pending AND gsi1sk <= :due',
      FilterExpression:
        '(attribute_not_exists(dueAt) OR dueAt <= :now) AND (attribute_not_exists(leaseUntil) OR leaseUntil <= :now)',
      ExpressionAttributeValues: { ':pending': keys.outboxPending(), ':due': `${now}~`, ':now': now },
      Limit: limit,
    }),
  );
  return Items.map((item) => fromItem<OutboxMessage>(item));
}

/**
 * Claims a message for `owner` until `leaseUntil` and counts the attempt: UpdateItem on condition it is
 * pending, due and not leased by a live dispatcher. Undefined when another got there first.
 */
export async function claimMessage(
  db: Db,
  ref: OutboxRef,
  owner: string,
  now: string,
  leaseUntil: string,
): Promise<OutboxMessage | undefined> {
  const { bookingId } = ref;
  try {
    const { Attributes } = await db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: key(ref),
        // Its place in the pending index moves to the lease's end: a message claimed by a dispatcher
        // that then died comes due again there, behind the ones waiting now.
        UpdateExpression:
          'SET leaseOwner = :owner, leaseUntil = :until, attempts = attempts + :one, gsi1sk = :due',
        ConditionExpression:
          '#status = :pending AND (attribute_not_exists(dueAt) OR dueAt <= :now) AND (attribute_not_exists(leaseUntil) OR leaseUntil <= :now)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':owner': owner,
          ':until': leaseUntil,
          ':due': `${leaseUntil}#${bookingId}`,
          ':one': 1,
          ':pending': 'pending',
          ':now': now,
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return Attributes ? fromItem<OutboxMessage>(Attributes) : undefined;
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
}

/**
 * UpdateItem on condition `owner` still holds the lease: sets the given attributes and removes others.
 * False when the lease was lost (it ran out and another dispatcher took the message).
 */
async function updateLeased(
  db: Db,
  ref: OutboxRef,
  owner: string,
  set: Record<string, string | number>,
  remove: string[] = [],
): Promise<boolean> {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':owner': owner };
  const assignments = Object.entries(set).map(([name, value], i) => {
    names[`#s${i}`] = name;
    values[`:s${i}`] = value;
    return `#s${i} = :s${i}`;
  });
  const removals = remove.map((name, i) => {
    names[`#r${i}`] = name;
    return `#r${i}`;
  });
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: key(ref),
        UpdateExpression: [
          assignments.length > 0 ? `SET ${assignments.join(', ')}` : '',
          removals.length > 0 ? `REMOVE ${removals.join(', ')}` : '',
        ].join(' '),
        ConditionExpression: 'leaseOwner = :owner',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Records that one channel went out, under the lease. */
export function recordChannel(
  db: Db,
  ref: OutboxRef,
  owner: string,
  progress: Partial<
    Pick<OutboxMessage, 'emailSentAt' | 'emailMessageId' | 'smsSentAt' | 'smsMessageId' | 'smsSkipped'>
  >,
): Promise<boolean> {
  return updateLeased(db, ref, owner, progress as Record<string, string>);
}

/** Query gsi1 `OUTBOX#failed`, newest first: the messages that used up their attempts, for operators. */
export async function listFailedMessages(db: Db, limit: number): Promise<OutboxMessage[]> {
  const { Items = [] } = await db.doc.send(
    new QueryCommand({
      TableName: db.table,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :failed',
      ExpressionAttributeValues: { ':failed': keys.outboxFailed() },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return Items.map((item) => fromItem<OutboxMessage>(item));
}

/**
 * Marks the message sent and takes it out of the pending index (gsi1 is sparse); with `skipped`, it was
 * done with unsent, for that reason.
 */
export function markSent(
  db: Db,
  ref: OutboxRef,
  owner: string,
  at: string,
  skipped?: string,
): Promise<boolean> {
  const done = { status: 'sent', sentAt: at, ...(skipped ? { skipped } : {}) };
  return updateLeased(db, ref, owner, done, [
    'gsi1pk',
    'gsi1sk',
    'leaseOwner',
    'leaseUntil',
    'dueAt',
    'lastError',
  ]);
}

/** Puts the message back to be tried at `dueAt`, with the error that stopped this attempt. */
export function scheduleRetry(
  db: Db,
  ref: OutboxRef,
  owner: string,
  dueAt: string,
  error: string,
): Promise<boolean> {
  return updateLeased(db, ref, owner, { dueAt, lastError: error, gsi1sk: `${dueAt}#${ref.bookingId}` }, [
    'leaseOwner',
    'leaseUntil',
  ]);
}

/** Gives up on the message: failed, listed under gsi1 `OUTBOX#failed` for operators. */
export function markFailed(
  db: Db,
  ref: OutboxRef,
  owner: string,
  at: string,
  error: string,
): Promise<boolean> {
  return updateLeased(
    db,
    ref,
    owner,
    {
      status: 'failed',
      failedAt: at,
      lastError: error,
      gsi1pk: keys.outboxFailed(),
      gsi1sk: `${at}#${ref.bookingId}`,
    },
    ['leaseOwner', 'leaseUntil', 'dueAt'],
  );
}

/**
 * Sends a booking's confirmation again: back to pending with fresh attempts and no channel recorded,
 * on condition it is not pending already (then it is on its way and nothing changes). False then.
 */
export async function requeue(db: Db, bookingId: string, now: string): Promise<boolean> {
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: key(confirmation(bookingId)),
        UpdateExpression:
          'SET #status = :pending, attempts = :zero, gsi1pk = :index, gsi1sk = :sort REMOVE emailSentAt, emailMessageId, smsSentAt, smsMessageId, smsSkipped, sentAt, failedAt, dueAt, lastError, leaseOwner, leaseUntil',
        ConditionExpression: 'attribute_exists(pk) AND #status <> :pending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':pending': 'pending',
          ':zero': 0,
          ':index': keys.outboxPending(),
          ':sort': `${now}#${bookingId}`,
        },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
