import type { Db } from './client';

type Keyed = { pk?: unknown };
type WriteInput = {
  Item?: Keyed;
  Key?: Keyed;
  TransactItems?: { Put?: { Item?: Keyed }; Update?: { Key?: Keyed }; Delete?: { Key?: Keyed } }[];
  RequestItems?: Record<string, { PutRequest?: { Item?: Keyed }; DeleteRequest?: { Key?: Keyed } }[]>;
};

/** The low-level commands' names, which the document client's commands are sent as. */
const WRITES = new Set([
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
  'TransactWriteItemsCommand',
  'BatchWriteItemCommand',
]);

/** A key attribute as the document client has it, or already marshalled (`{ S: ... }`). */
const text = (value: unknown) =>
  typeof value === 'string' ? value : (value as { S?: unknown } | undefined)?.S;

/** Writes that certainly changed nothing: a refused condition, a cancelled transaction. */
const NOTHING_WRITTEN = new Set(['ConditionalCheckFailedException', 'TransactionCanceledException']);

/** The partition keys a write command would change (a ConditionCheck changes nothing). */
export function writtenPartitions(input: WriteInput): string[] {
  const pks = [
    input.Item?.pk,
    input.Key?.pk,
    ...(input.TransactItems ?? []).map(
      (item) => (item.Put?.Item ?? item.Update?.Key ?? item.Delete?.Key)?.pk,
    ),
    ...Object.values(input.RequestItems ?? {})
      .flat()
      .map((request) => (request.PutRequest?.Item ?? request.DeleteRequest?.Key)?.pk),
  ];
  return [...new Set(pks.map(text).filter((pk): pk is string => typeof pk === 'string'))];
}

/**
 * Tells `listener` the partition keys of every write this client sends, once DynamoDB has taken it, or
 * when it failed in a way that leaves unknown whether it was taken (a timeout): what a process's own
 * short caches need to forget so that its next read shows its own writes. Writes DynamoDB refused
 * (a condition, a cancelled transaction) changed nothing and are not told.
 */
export function onWritten(db: Db, listener: (pk: string) => void): void {
  db.doc.middlewareStack.add(
    (next, context) => async (args) => {
      if (!WRITES.has(context.commandName ?? '')) return next(args);
      const tell = () => {
        for (const pk of writtenPartitions(args.input as WriteInput)) listener(pk);
      };
      try {
        const result = await next(args);
        tell();
        return result;
      } catch (error) {
        if (!NOTHING_WRITTEN.has((error as Error).name)) tell();
        throw error;
      }
    },
    { step: 'initialize' },
  );
}
