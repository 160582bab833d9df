import {
  BatchGetCommand,
  GetCommand,
  QueryCommand,
  type QueryCommandInput,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { Db } from './client';

/** One write of a TransactWriteItems call: the unit a change's transaction is put together from. */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Runs a Query to the last page. Callers keep their result sets small by key design. */
export async function queryAll<T>(db: Db, input: Omit<QueryCommandInput, 'TableName'>): Promise<T[]> {
  const items: T[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new QueryCommand({ ...input, TableName: db.table, ExclusiveStartKey: start }),
    );
    items.push(...((page.Items ?? []) as T[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** Strips the key and bookkeeping attributes an item carries in the table. */
export function fromItem<T>(item: Record<string, unknown>): T {
  const { pk, sk, gsi1pk, gsi1sk, gsi2pk, gsi2sk, entity, v, ttl, ...rest } = item;
  return rest as T;
}

/** GetItem by key, without the key attributes; undefined when absent. Strongly consistent when asked. */
export async function getItem<T>(
  db: Db,
  key: { pk: string; sk: string },
  options: { consistent?: boolean } = {},
): Promise<T | undefined> {
  const { Item } = await db.doc.send(
    new GetCommand({ TableName: db.table, Key: key, ConsistentRead: options.consistent }),
  );
  return Item ? fromItem<T>(Item) : undefined;
}

/** The key of a table item. */
export type ItemKey = { pk: string; sk: string };

/**
 * Items a caller has already read, with every key it asked for (found or not): `batchGetStored` answers
 * from them, without a request, when they cover its keys and were read at least as consistently. How a
 * booking step reads its own items in the request that reads the session (auth/session-middleware.ts).
 */
export type ReadAhead = {
  keys: readonly ItemKey[];
  items: readonly Record<string, unknown>[];
  consistent: boolean;
};

const keyId = (key: ItemKey) => `${key.pk}\u0000${key.sk}`;

/**
 * BatchGetItem of every key (duplicates once), items as stored (keys included), in no particular order;
 * keys with no item are left out. 100 keys a request (the API's limit); unprocessed keys (throttling)
 * are asked for again after a short wait. None at all when `ahead` covers the keys.
 */
export async function batchGetStored(
  db: Db,
  keys: readonly ItemKey[],
  options: { consistent?: boolean; ahead?: ReadAhead | undefined } = {},
): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  const unique = new Map(keys.map((key) => [keyId(key), key]));
  const ahead = options.ahead;
  if (ahead && (ahead.consistent || !options.consistent)) {
    const asked = new Set(ahead.keys.map(keyId));
    if ([...unique.keys()].every((id) => asked.has(id)))
      return ahead.items.filter((item) => unique.has(keyId(item as ItemKey)));
  }
  let keysLeft = [...unique.values()];
  for (let round = 0; keysLeft.length > 0; round++) {
    if (round > 0) await new Promise((wake) => setTimeout(wake, Math.min(1000, 25 * 2 ** round)));
    const batch = keysLeft.slice(0, 100);
    const { Responses, UnprocessedKeys } = await db.doc.send(
      new BatchGetCommand({
        RequestItems: { [db.table]: { Keys: batch, ConsistentRead: options.consistent } },
      }),
    );
    found.push(...(Responses?.[db.table] ?? []));
    keysLeft = [
      ...((UnprocessedKeys?.[db.table]?.Keys ?? []) as { pk: string; sk: string }[]),
      ...keysLeft.slice(100),
    ];
  }
  return found;
}

/** batchGetStored without the key attributes: for keys that all name one kind of item. */
export async function batchGetAll<T>(
  db: Db,
  keys: readonly { pk: string; sk: string }[],
  options: { consistent?: boolean } = {},
): Promise<T[]> {
  return (await batchGetStored(db, keys, options)).map((item) => fromItem<T>(item));
}

/** True for a write refused by its condition expression: the expected outcome of a lost race or a stale state. */
export function isConditionFailure(error: unknown): boolean {
  return (error as Error | undefined)?.name === 'ConditionalCheckFailedException';
}
