import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../../platform/db/client';
import { keys, SCHEMA_VERSION } from '../../platform/db/keys';
import { fromItem, getItem, queryAll, type TransactItem } from '../../platform/db/query';
import type { Busy } from './expand';

/*
 * A screen's schedule (docs/data-model.md): a revision item that every change of the screen's showtimes
 * moves on, conditioned on the revision its writer read, and a slot per showtime made from the back office,
 * so a strongly consistent Query sees every showtime a concurrent writer has made.
 */

export type { TransactItem };

/** A screen's schedule revision: GetItem `SCHEDULE#theater#screen` / `REVISION`, strongly consistent; 0 when none. */
export async function getScheduleRevision(db: Db, theaterId: string, screenId: string): Promise<number> {
  const item = await getItem<{ revision: number }>(
    db,
    { pk: keys.screenSchedule(theaterId, screenId), sk: keys.scheduleRevision() },
    { consistent: true },
  );
  return item?.revision ?? 0;
}

/**
 * A screen's slots starting in [from, to): Query `SCHEDULE#theater#screen`, sk between `SLOT#from` and
 * `SLOT#to`, strongly consistent.
 */
export async function listScheduleSlots(
  db: Db,
  theaterId: string,
  screenId: string,
  from: string,
  to: string,
): Promise<Busy[]> {
  const items = await queryAll<Record<string, unknown>>(db, {
    KeyConditionExpression: 'pk = :pk and sk between :from and :to',
    ExpressionAttributeValues: {
      ':pk': keys.screenSchedule(theaterId, screenId),
      ':from': keys.scheduleSlot(from, ''),
      ':to': keys.scheduleSlot(to, ''),
    },
    ConsistentRead: true,
  });
  return items.map((item) => {
    const { showId, movieId, startsAt, endsAt } = fromItem<Busy>(item);
    return { showId, movieId, startsAt, endsAt };
  });
}

/** What a guarded write changes on the screen: a showtime's slot added, one removed, or both (a move). */
export type ScheduleChange = { add?: Busy | undefined; remove?: Busy | undefined };

export type GuardedWrite =
  | { outcome: 'written' }
  /** The screen's revision moved since it was read: read again and decide again. */
  | { outcome: 'stale' }
  /** The condition of `items[index]` failed (a showtime that exists already, say). */
  | { outcome: 'refused'; index: number };

/**
 * TransactWriteItems: the caller's `items` (a showtime Put, its audit entry), then Update `REVISION` to
 * `revision + 1` if it is still `revision` (or absent, for 0), Put the added slot and Delete the removed
 * one. All or nothing: a change written on a stale revision is refused, never half made.
 */
export async function writeWithRevision(
  db: Db,
  screen: { theaterId: string; screenId: string; revision: number },
  change: ScheduleChange,
  items: TransactItem[],
): Promise<GuardedWrite> {
  const pk = keys.screenSchedule(screen.theaterId, screen.screenId);
  const revisionUpdate: TransactItem = {
    Update: {
      TableName: db.table,
      Key: { pk, sk: keys.scheduleRevision() },
      UpdateExpression:
        'SET revision = :next, entity = :entity, v = :v, theaterId = :theater, screenId = :screen',
      ConditionExpression: screen.revision === 0 ? 'attribute_not_exists(pk)' : 'revision = :read',
      ExpressionAttributeValues: {
        ':next': screen.revision + 1,
        ':entity': 'ScheduleRevision',
        ':v': SCHEMA_VERSION,
        ':theater': screen.theaterId,
        ':screen': screen.screenId,
        ...(screen.revision === 0 ? {} : { ':read': screen.revision }),
      },
    },
  };
  const slots: TransactItem[] = [];
  const sameSlot =
    change.add?.showId === change.remove?.showId && change.add?.startsAt === change.remove?.startsAt;
  if (change.remove && !sameSlot)
    slots.push({
      Delete: {
        TableName: db.table,
        Key: { pk, sk: keys.scheduleSlot(change.remove.startsAt, change.remove.showId) },
      },
    });
  if (change.add)
    slots.push({
      Put: {
        TableName: db.table,
        Item: {
          pk,
          sk: keys.scheduleSlot(change.add.startsAt, change.add.showId),
          entity: 'ScheduleSlot',
          v: SCHEMA_VERSION,
          ...change.add,
        },
      },
    });
  try {
    await db.doc.send(new TransactWriteCommand({ TransactItems: [...items, revisionUpdate, ...slots] }));
    return { outcome: 'written' };
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const codes = (error.CancellationReasons ?? []).map((reason) => reason.Code);
    const refused = codes.slice(0, items.length).indexOf('ConditionalCheckFailed');
    if (refused >= 0) return { outcome: 'refused', index: refused };
    if (codes.some((code) => code === 'ConditionalCheckFailed' || code === 'TransactionConflict'))
      return { outcome: 'stale' };
    throw error;
  }
}
