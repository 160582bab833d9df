import { GetCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client';

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

/** True for a write refused by its condition expression: the expected outcome of a lost race or a stale state. */
export function isConditionFailure(error: unknown): boolean {
  return (error as Error | undefined)?.name === 'ConditionalCheckFailedException';
}
