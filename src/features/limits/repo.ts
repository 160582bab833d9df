import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../../platform/db/client';
import { keys, SCHEMA_VERSION, TTL_ATTRIBUTE } from '../../platform/db/keys';
import { getItem, type TransactItem } from '../../platform/db/query';

/** A rate limit's counter for one subject and window, and when TTL may remove it (epoch seconds). */
export type Counter = { name: string; subject: string; windowStart: string; expiresAt: number };

/** The UpdateItem that adds one hit to `counter`, creating it on the window's first hit. */
function addHit(db: Db, counter: Counter) {
  return {
    TableName: db.table,
    Key: { pk: keys.rate(counter.name, counter.subject), sk: counter.windowStart },
    UpdateExpression: 'ADD hits :one SET entity = :entity, v = :v, #ttl = :ttl',
    ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
    ExpressionAttributeValues: {
      ':one': 1,
      ':entity': 'RateCounter',
      ':v': SCHEMA_VERSION,
      ':ttl': counter.expiresAt,
    },
  };
}

/**
 * Counts one hit in a fixed window: UpdateItem ADD hits :one on RATE#<name>#<subject> / <window start>,
 * returning the new count. Atomic, so processes behind a load balancer share one count.
 */
export async function countHit(db: Db, counter: Counter): Promise<number> {
  const { Attributes } = await db.doc.send(
    new UpdateCommand({ ...addHit(db, counter), ReturnValues: 'UPDATED_NEW' }),
  );
  return Number(Attributes?.hits ?? 1);
}

/**
 * The same count as a write of another transaction: ADD hits :one, on condition the window has fewer
 * than `max` hits, so the transaction is cancelled (and nothing counted) once the limit is reached.
 */
export function hitInTransaction(db: Db, counter: Counter & { max: number }): TransactItem {
  const update = addHit(db, counter);
  return {
    Update: {
      ...update,
      ConditionExpression: 'attribute_not_exists(hits) OR hits < :max',
      ExpressionAttributeValues: { ...update.ExpressionAttributeValues, ':max': counter.max },
    },
  };
}

/** GetItem RATE#<name>#<subject> / <window start>: the count so far, 0 when none. */
export async function peekHits(db: Db, counter: Counter): Promise<number> {
  const found = await getItem<{ hits: number }>(
    db,
    { pk: keys.rate(counter.name, counter.subject), sk: counter.windowStart },
    { consistent: true },
  );
  return Number(found?.hits ?? 0);
}
