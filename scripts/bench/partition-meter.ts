/**
 * A DynamoDB client's capacity units, partition by partition: every request it sends is charged by the
 * rules in capacity.ts (writes through a WriteLedger, reads by the sizes of the items they read) and added
 * up by partition key with its ids left out. For `make bench-units` (partition-units.ts).
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Db } from '../../src/platform/db/client';
import { type Item, itemSize, readUnits, WRITE_COMMANDS, WriteLedger } from './capacity';

/** A partition key with its ids left out: `SHOW#<id>`, `USER#<id>#HOLDS`, `RATE#new-holds-account#<id>`. */
function partitionClass(pk: string): string {
  const [prefix, ...rest] = pk.split('#');
  if (rest.length === 0) return pk;
  if (prefix === 'RATE') return `RATE#${rest[0]}#<id>`;
  const last = rest.at(-1) ?? '';
  return rest.length > 1 && /^[A-Z]+$/.test(last) ? `${prefix}#<id>#${last}` : `${prefix}#<id>`;
}

export type Units = { read: number; write: number };

/** A value as the document client hands it back, as DynamoDB stores it: what item sizes are defined on. */
function stored(value: unknown): AttributeValue {
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number' || typeof value === 'bigint') return { N: String(value) };
  if (typeof value === 'boolean') return { BOOL: value };
  if (value === null || value === undefined) return { NULL: true };
  if (value instanceof Uint8Array) return { B: value };
  if (value instanceof Set) {
    const members = [...value];
    return typeof members[0] === 'number' ? { NS: members.map(String) } : { SS: members.map(String) };
  }
  if (Array.isArray(value)) return { L: value.map(stored) };
  return { M: storedItem(value as Record<string, unknown>) };
}
const storedItem = (item: Record<string, unknown>): Item =>
  Object.fromEntries(Object.entries(item).map(([name, value]) => [name, stored(value)]));

/**
 * Follows every request the app's DynamoDB client sends, in the build step where items are marshalled:
 * writes charged by the write ledger, reads by their items' sizes. Between start() and take() it adds up
 * units by partition class; `unsized` lists reads it could not size (a filtered or counting Query).
 */
export class Meter {
  readonly ledger = new WriteLedger();
  private units = new Map<string, Units>();
  private recording = false;
  requests = 0;
  queryBytes = 0;
  readonly unsized: string[] = [];

  constructor(db: Db) {
    db.doc.middlewareStack.add(
      (next, context) => async (args) => {
        const command = context.commandName ?? '';
        const input = args.input as Record<string, unknown>;
        if (this.recording) this.requests++;
        try {
          const response = await next(args);
          const output = response.output as Record<string, unknown>;
          if (WRITE_COMMANDS.has(command)) {
            const unprocessed = output.UnprocessedItems as Parameters<WriteLedger['charge']>[3];
            this.charge(command, input, 'ok', unprocessed);
          } else this.read(command, input, output);
          return response;
        } catch (error) {
          const name = (error as Error).name;
          if (name === 'TransactionCanceledException') this.charge(command, input, 'cancelled');
          else if (name === 'ConditionalCheckFailedException')
            this.charge(command, input, 'condition failed');
          throw error;
        }
      },
      { step: 'build', name: 'benchPartitionUnits' },
    );
  }

  start(): void {
    this.units = new Map();
    this.requests = 0;
    this.queryBytes = 0;
    this.recording = true;
  }

  take(): { units: Map<string, Units>; requests: number; queryBytes: number } {
    this.recording = false;
    return { units: this.units, requests: this.requests, queryBytes: this.queryBytes };
  }

  private add(pk: string, kind: keyof Units, amount: number): void {
    if (!this.recording) return;
    const name = partitionClass(pk);
    const entry = this.units.get(name) ?? { read: 0, write: 0 };
    entry[kind] += amount;
    this.units.set(name, entry);
  }

  private charge(
    command: string,
    input: unknown,
    result: 'ok' | 'cancelled' | 'condition failed',
    unprocessed?: Parameters<WriteLedger['charge']>[3],
  ) {
    for (const charge of this.ledger.charge(command, input, result, unprocessed))
      this.add(charge.pk, 'write', charge.units);
  }

  /** Reads: the input is marshalled in the build step, the output already unmarshalled, so marshalled again. */
  private read(command: string, input: Record<string, unknown>, output: Record<string, unknown>): void {
    const pkOf = (item: Item) => item.pk?.S ?? '';
    const asStored = (item: unknown): Item | undefined =>
      item ? storedItem(item as Record<string, unknown>) : undefined;
    if (command === 'GetItemCommand') {
      const item = asStored(output.Item);
      const key = input.Key as Item;
      this.add(pkOf(key), 'read', readUnits(itemSize(item), input.ConsistentRead === true));
    } else if (command === 'BatchGetItemCommand') {
      const asked = input.RequestItems as Record<string, { Keys: Item[]; ConsistentRead?: boolean }>;
      const found = Object.fromEntries(
        Object.entries((output.Responses ?? {}) as Record<string, unknown[]>).map(([table, items]) => [
          table,
          items.map((item) => asStored(item) as Item),
        ]),
      );
      const left = (output.UnprocessedKeys ?? {}) as Record<string, { Keys: Item[] }>;
      for (const [table, request] of Object.entries(asked)) {
        const same = (a: Item, b: Item) => a.pk?.S === b.pk?.S && a.sk?.S === b.sk?.S;
        for (const key of request.Keys) {
          if ((left[table]?.Keys ?? []).some((other) => same(other, key))) continue;
          const item = (found[table] ?? []).find((candidate) => same(candidate, key));
          this.add(pkOf(key), 'read', readUnits(itemSize(item), request.ConsistentRead === true));
        }
      }
    } else if (command === 'QueryCommand') {
      if (input.FilterExpression || input.Select === 'COUNT') {
        if (this.recording) this.unsized.push(`Query ${String(input.KeyConditionExpression)} with a filter`);
        return;
      }
      const items = ((output.Items ?? []) as unknown[]).map((item) => asStored(item) as Item);
      const bytes = items.reduce((sum, item) => sum + itemSize(item), 0);
      if (this.recording) this.queryBytes += bytes;
      const values = input.ExpressionAttributeValues as Record<string, AttributeValue>;
      const pk = input.IndexName
        ? `${input.IndexName}:${values[':pk']?.S ?? '?'}`
        : (values[':pk']?.S ?? '?');
      this.add(pk, 'read', readUnits(bytes, input.ConsistentRead === true));
    }
  }
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

export function printUnits(step: string, taken: ReturnType<Meter['take']>): void {
  const parts = [...taken.units]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, u]) => `${name} ${fmt(u.read)} R / ${fmt(u.write)} W`);
  console.log(`| ${step} | ${taken.requests} | ${parts.join('; ') || '–'} |`);
}
