import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../../platform/db/client';
import { keys, SCHEMA_VERSION, TTL_ATTRIBUTE } from '../../platform/db/keys';
import { getItem, type TransactItem } from '../../platform/db/query';

/**
 * Counts one hit in a fixed window: UpdateItem ADD hits :one on RATE#<name>#<subject> / <window start>,
 * returning the new count. Atomic, so processes behind a load balancer share one count.
 */
export async function countHit(
  db: Db,
  name: string,
  subject: string,
  windowStart: string,
  expiresAt: number,
): Promise<number> {
  const { Attributes } = await db.doc.send(
    new UpdateCommand({
      TableName: db.table,
      Key: { pk: keys.rate(name, subject), sk: windowStart },
      UpdateExpression: 'ADD hits :one SET entity = :entity, v = :v, #ttl = :ttl',
      ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
      ExpressionAttributeValues: {
        ':one': 1,
        ':entity': 'RateCounter',
        ':v': SCHEMA_VERSION,
        ':ttl': expiresAt,
      },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return Number(Attributes?.hits ?? 1);
}

/**
 * The same count as a write of another transaction: ADD hits :one, on condition the window has fewer
 * than `max` hits, so the transaction is cancelled (and nothing counted) once the limit is reached.
 */
export function hitInTransaction(
  db: Db,
  counter: { name: string; subject: string; windowStart: string; expiresAt: number; max: number },
): TransactItem {
  return {
    Update: {
      TableName: db.table,
      Key: { pk: keys.rate(counter.name, counter.subject), sk: counter.windowStart },
      UpdateExpression: 'ADD hits :one SET entity = :entity, v = :v, #ttl = :ttl',
      ConditionExpression: 'attribute_not_exists(hits) OR hits < :max',
      ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
      ExpressionAttributeValues: {
        ':one': 1,
        ':max': counter.max,
        ':entity': 'RateCounter',
        ':v': SCHEMA_VERSION,
        ':ttl': counter.expiresAt,
      },
    },
  };
}

/** GetItem RATE#<name>#<subject> / <window start>: the count so far, 0 when none. */
export async function peekHits(db: Db, name: string, subject: string, windowStart: string): Promise<number> {
  const counter = await getItem<{ hits: number }>(
    db,
    { pk: keys.rate(name, subject), sk: windowStart },
    { consistent: true },
  );
  return Number(counter?.hits ?? 0);
}
