import type {
  AttributeValue,
  BatchWriteItemCommandInput,
  BatchWriteItemCommandOutput,
  DeleteItemCommandInput,
  PutItemCommandInput,
  TransactWriteItemsCommandInput,
  UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';

/*
 * What DynamoDB bills for writes, computed from the items a request writes, by the rules AWS publishes:
 *
 * - "DynamoDB item sizes and formats": an item's size is the sum of its attribute names (UTF-8 bytes) and
 *   values. A string is its UTF-8 bytes; a number 1 byte per two significant digits (leading and trailing
 *   zeroes trimmed) plus 1; a binary its raw bytes; a null or Boolean 1 byte; a List or Map 3 bytes plus
 *   its elements, each element 1 byte more. The 100 bytes per item that page adds are storage overhead,
 *   billed as storage, not as write units. Sets are not described there; they count as their elements.
 * - "DynamoDB read and write operations" (capacity unit consumption for write operations): a write unit
 *   writes up to 1 KB (1,024 bytes), so a write costs 1 unit per started KB. PutItem and UpdateItem cost
 *   by the larger of the item before and after; DeleteItem by the deleted item; BatchWriteItem item by
 *   item. A conditional write whose condition is false still consumes write units: by the size of the
 *   item when it exists (the larger of it and the item the write would have made), 1 unit when it does not.
 * - "Amazon DynamoDB Transactions: How it works" (capacity management for transactions): DynamoDB writes
 *   every item of a TransactWriteItems twice, once to prepare and once to commit, so each costs double.
 *
 * - The same page, for reads: a read unit reads up to 4 KB strongly consistent, or twice that eventually
 *   consistent (half a unit per 4 KB). GetItem and each item of a BatchGetItem are rounded up on their own;
 *   a Query on the total size of the items it read, rounded up once. An item not found still costs the
 *   minimum (one 4 KB block).
 *
 * Those pages give no rule of their own for a cancelled transaction (a condition false, or a conflict with
 * another transaction). It is charged here as if each of its actions were a failed conditional write,
 * doubled as transactional writes are: the most it can cost, so callers report it as an upper bound.
 */

export type Item = Record<string, AttributeValue>;

/** Bytes one write unit covers. */
export const WRITE_UNIT_BYTES = 1024;

const encoder = new TextEncoder();
const utf8 = (text: string) => encoder.encode(text).byteLength;
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/** A number's bytes: 1 per two significant digits, plus 1. */
export function numberSize(value: string): number {
  const mantissa = value.trim().replace(/^[+-]/, '').split(/e/i)[0] ?? '';
  const digits = mantissa.replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return Math.ceil(digits.length / 2) + 1;
}

/** An attribute value's bytes, without its name. */
export function valueSize(value: AttributeValue): number {
  if (value.S !== undefined) return utf8(value.S);
  if (value.N !== undefined) return numberSize(value.N);
  if (value.B !== undefined) return value.B.byteLength;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.SS !== undefined) return sum(value.SS.map(utf8));
  if (value.NS !== undefined) return sum(value.NS.map(numberSize));
  if (value.BS !== undefined) return sum(value.BS.map((bytes) => bytes.byteLength));
  if (value.M !== undefined)
    return 3 + sum(Object.entries(value.M).map(([name, nested]) => 1 + utf8(name) + valueSize(nested)));
  if (value.L !== undefined) return 3 + sum(value.L.map((nested) => 1 + valueSize(nested)));
  throw new Error(`unknown attribute value type: ${Object.keys(value).join(', ')}`);
}

/** An item's bytes: each attribute's name plus its value. Zero for no item. */
export function itemSize(item: Item | undefined): number {
  return item ? sum(Object.entries(item).map(([name, value]) => utf8(name) + valueSize(value))) : 0;
}

/** Write units for writing `bytes` once: 1 per started KB, at least 1. */
export function writeUnits(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / WRITE_UNIT_BYTES));
}

/** Bytes one read unit covers, strongly consistent. */
export const READ_UNIT_BYTES = 4096;

/**
 * Read units for reading `bytes` in one go (one item, or all that a Query page read): 1 per started 4 KB
 * strongly consistent, half that eventually consistent, and at least one block.
 */
export function readUnits(bytes: number, consistent: boolean): number {
  const blocks = Math.max(1, Math.ceil(bytes / READ_UNIT_BYTES));
  return consistent ? blocks : blocks / 2;
}

export class UnsupportedUpdateError extends Error {
  override name = 'UnsupportedUpdateError';
}

type UpdateInput = Pick<
  UpdateItemCommandInput,
  'UpdateExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'
>;

/** Splits on commas outside parentheses. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '(') depth++;
    else if (char === ')') depth--;
    else if (char === ',' && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts.filter(Boolean);
}

/**
 * The item an UpdateItem leaves, for sizing it: `SET name = :value`, `SET name = if_not_exists(name,
 * :value)`, `SET name = name + :n` (or `-`), `ADD name :n` on a number and `REMOVE name` on top-level
 * attributes. Anything else (nested paths, ADD to a set, DELETE, list_append) throws UnsupportedUpdateError
 * rather than guess a size.
 */
export function applyUpdate(before: Item | undefined, key: Item, update: UpdateInput): Item {
  const item: Item = { ...(before ?? key) };
  const expression = update.UpdateExpression ?? '';
  const fail = (why: string) => new UnsupportedUpdateError(`${why}: ${expression}`);
  const nameOf = (path: string) => {
    const trimmed = path.trim();
    if (!/^#?[A-Za-z0-9_]+$/.test(trimmed)) throw fail(`unsupported path ${trimmed}`);
    const name = trimmed.startsWith('#') ? update.ExpressionAttributeNames?.[trimmed] : trimmed;
    if (name === undefined) throw fail(`unknown name ${trimmed}`);
    return name;
  };
  const operand = (text: string): AttributeValue | undefined => {
    const trimmed = text.trim();
    if (trimmed.startsWith(':')) {
      const value = update.ExpressionAttributeValues?.[trimmed];
      if (value === undefined) throw fail(`unknown value ${trimmed}`);
      return value;
    }
    const ifNotExists = /^if_not_exists\s*\(([^,]+),([^)]+)\)$/i.exec(trimmed);
    if (ifNotExists) return item[nameOf(ifNotExists[1] ?? '')] ?? operand(ifNotExists[2] ?? '');
    return item[nameOf(trimmed)];
  };
  const clauses = [...expression.matchAll(/\b(SET|REMOVE|ADD|DELETE)\b/gi)];
  if (clauses.length === 0 && expression.trim()) throw fail('no clause');
  clauses.forEach((clause, i) => {
    const body = expression.slice((clause.index ?? 0) + clause[0].length, clauses[i + 1]?.index).trim();
    const keyword = clause[0].toUpperCase();
    if (keyword === 'REMOVE') {
      for (const path of splitTopLevel(body)) delete item[nameOf(path)];
      return;
    }
    if (keyword === 'ADD') {
      // `ADD name :n` on a number (a counter such as a rate limit's hits): absent counts as 0.
      for (const action of splitTopLevel(body)) {
        const [path, value, extra] = action.trim().split(/\s+/);
        const amount = operand(value ?? '');
        if (extra !== undefined || amount?.N === undefined) throw fail('ADD of a non-number');
        const name = nameOf(path ?? '');
        const current = item[name];
        if (current !== undefined && current.N === undefined) throw fail('ADD to a non-number');
        item[name] = { N: String(Number(current?.N ?? 0) + Number(amount.N)) };
      }
      return;
    }
    if (keyword !== 'SET') throw fail(`unsupported clause ${keyword}`);
    for (const action of splitTopLevel(body)) {
      const [path, ...rest] = action.split('=');
      const right = rest.join('=');
      const arithmetic = /^(.+?)\s*([+-])\s*(.+)$/.exec(right.trim());
      let value: AttributeValue | undefined;
      if (arithmetic && !/^if_not_exists/i.test(right.trim())) {
        const left = operand(arithmetic[1] ?? '');
        const other = operand(arithmetic[3] ?? '');
        if (left?.N === undefined || other?.N === undefined) throw fail('arithmetic on a non-number');
        const sign = arithmetic[2] === '-' ? -1 : 1;
        value = { N: String(Number(left.N) + sign * Number(other.N)) };
      } else {
        value = operand(right);
      }
      if (value === undefined) throw fail(`no value for ${action}`);
      item[nameOf(path ?? '')] = value;
    }
  });
  return item;
}

/** How DynamoDB answered a write request. */
export type WriteResult = 'ok' | 'cancelled' | 'condition failed';

/** One item's share of a write request's bill. */
export type Charge = {
  /** The action and the entity it wrote, e.g. "Put SeatState". */
  label: string;
  /** The item's partition key value. */
  pk: string;
  result: WriteResult;
  transactional: boolean;
  units: number;
  /** The item's bytes before and after the write (0 when absent), for floors computed from real sizes. */
  before: number;
  after: number;
};

type Action = {
  kind: 'Put' | 'Update' | 'Delete' | 'ConditionCheck';
  table: string;
  key: Item;
  item?: Item | undefined;
  update?: UpdateInput;
};

/** The commands whose capacity a WriteLedger charges. */
export const WRITE_COMMANDS = new Set([
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
  'BatchWriteItemCommand',
  'TransactWriteItemsCommand',
]);

/**
 * Charges write requests by the rules above, keeping the items its successful writes leave so that an
 * update, a delete or a failed condition is charged by the item it met. Inputs are the low-level
 * (marshalled) ones; items it never saw written count as absent.
 */
export class WriteLedger {
  private readonly items = new Map<string, Item>();

  constructor(private readonly keyNames: readonly string[] = ['pk', 'sk']) {}

  private keyOf(table: string, source: Item): string {
    return JSON.stringify([table, ...this.keyNames.map((name) => source[name]?.S ?? source[name]?.N ?? '')]);
  }

  private keyFrom(source: Item): Item {
    return Object.fromEntries(
      this.keyNames.flatMap((name) => (source[name] ? [[name, source[name] as AttributeValue]] : [])),
    );
  }

  /** The item as the ledger last saw it written, if any. */
  get(table: string, key: Item): Item | undefined {
    return this.items.get(this.keyOf(table, key));
  }

  /**
   * The bill of one write request given how it ended; successful writes update the ledger's items.
   * `unprocessed` is a BatchWriteItem's UnprocessedItems: not written, so not charged.
   */
  charge(
    command: string,
    input: unknown,
    result: WriteResult,
    unprocessed?: BatchWriteItemCommandOutput['UnprocessedItems'],
  ): Charge[] {
    const skipped = new Set(
      Object.entries(unprocessed ?? {}).flatMap(([table, requests]) =>
        requests.flatMap((request) => {
          const key = request.PutRequest?.Item ?? request.DeleteRequest?.Key;
          return key ? [this.keyOf(table, key)] : [];
        }),
      ),
    );
    const actions = this.actionsOf(command, input).filter(
      (action) => !skipped.has(this.keyOf(action.table, action.key)),
    );
    const transactional = command === 'TransactWriteItemsCommand';
    return actions.map((action) => {
      const id = this.keyOf(action.table, action.key);
      const before = this.items.get(id);
      const after =
        action.kind === 'Put'
          ? action.item
          : action.kind === 'Update'
            ? applyUpdate(before, action.key, action.update ?? {})
            : action.kind === 'Delete'
              ? undefined
              : before;
      const larger = Math.max(itemSize(before), itemSize(after));
      let units: number;
      // A ConditionCheck writes nothing; it is charged as the write of the item it checks.
      if (result === 'ok') {
        units = action.kind === 'Delete' ? writeUnits(itemSize(before)) : writeUnits(larger);
        if (action.kind === 'Delete') this.items.delete(id);
        else if (after) this.items.set(id, after);
      } else {
        units = before ? writeUnits(larger) : 1;
      }
      const entity = (after?.entity ?? before?.entity)?.S;
      const pk = action.key.pk?.S ?? '';
      return {
        label: `${action.kind} ${entity ?? pk.split('#')[0] ?? 'item'}`,
        pk,
        result,
        transactional,
        units: transactional ? 2 * units : units,
        before: itemSize(before),
        after: itemSize(after),
      };
    });
  }

  private actionsOf(command: string, input: unknown): Action[] {
    switch (command) {
      case 'PutItemCommand': {
        const put = input as PutItemCommandInput;
        const item = put.Item ?? {};
        return [{ kind: 'Put', table: put.TableName ?? '', key: this.keyFrom(item), item }];
      }
      case 'UpdateItemCommand': {
        const update = input as UpdateItemCommandInput;
        return [{ kind: 'Update', table: update.TableName ?? '', key: update.Key ?? {}, update }];
      }
      case 'DeleteItemCommand': {
        const remove = input as DeleteItemCommandInput;
        return [{ kind: 'Delete', table: remove.TableName ?? '', key: remove.Key ?? {} }];
      }
      case 'BatchWriteItemCommand': {
        const batch = input as BatchWriteItemCommandInput;
        return Object.entries(batch.RequestItems ?? {}).flatMap(([table, requests]) =>
          requests.flatMap((request): Action[] => {
            if (request.PutRequest?.Item) {
              const item = request.PutRequest.Item;
              return [{ kind: 'Put', table, key: this.keyFrom(item), item }];
            }
            if (request.DeleteRequest?.Key)
              return [{ kind: 'Delete', table, key: request.DeleteRequest.Key }];
            return [];
          }),
        );
      }
      case 'TransactWriteItemsCommand': {
        const transaction = input as TransactWriteItemsCommandInput;
        return (transaction.TransactItems ?? []).flatMap((entry): Action[] => {
          if (entry.Put?.Item) {
            const item = entry.Put.Item;
            return [{ kind: 'Put', table: entry.Put.TableName ?? '', key: this.keyFrom(item), item }];
          }
          if (entry.Update)
            return [
              {
                kind: 'Update',
                table: entry.Update.TableName ?? '',
                key: entry.Update.Key ?? {},
                update: entry.Update,
              },
            ];
          if (entry.Delete)
            return [{ kind: 'Delete', table: entry.Delete.TableName ?? '', key: entry.Delete.Key ?? {} }];
          if (entry.ConditionCheck)
            return [
              {
                kind: 'ConditionCheck',
                table: entry.ConditionCheck.TableName ?? '',
                key: entry.ConditionCheck.Key ?? {},
              },
            ];
          return [];
        });
      }
      default:
        return [];
    }
  }
}
