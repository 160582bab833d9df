import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import {
  applyUpdate,
  type Item,
  itemSize,
  numberSize,
  readUnits,
  UnsupportedUpdateError,
  valueSize,
  WriteLedger,
  writeUnits,
} from './capacity';

const TABLE = 'movie-magic';
const KB = 1024;

/** An item of exactly `bytes` bytes: keys `pk`/`sk` plus a string attribute `data` that pads it. */
function itemOf(bytes: number, pk: string, extra: Item = {}): Item {
  const base: Item = { pk: { S: pk }, sk: { S: 'X' }, ...extra };
  const padding = bytes - itemSize(base) - 'data'.length;
  if (padding < 0) throw new Error(`an item of ${bytes} bytes cannot hold ${pk}`);
  const item = { ...base, data: { S: 'x'.repeat(padding) } };
  expect(itemSize(item)).toBe(bytes);
  return item;
}

const put = (item: Item) => ({ TableName: TABLE, Item: item });
const keyOf = (item: Item) => ({ pk: item.pk as AttributeValue, sk: item.sk as AttributeValue });
const total = (charges: { units: number }[]) => charges.reduce((sum, charge) => sum + charge.units, 0);

// Each case is a rule or a worked example from AWS's pages "DynamoDB item sizes and formats",
// "DynamoDB read and write operations" and "Amazon DynamoDB Transactions: How it works".
describe('item size', () => {
  it('counts a string as the UTF-8 bytes of its name and of its value', () => {
    expect(itemSize({ name: { S: 'José' } })).toBe(4 + 5);
    expect(itemSize({ città: { S: 'Milano' } })).toBe(6 + 6);
  });

  it('counts a number as 1 byte per two significant digits plus 1, leading and trailing zeroes trimmed', () => {
    expect(numberSize('123')).toBe(3);
    expect(numberSize('0012300')).toBe(3);
    expect(numberSize('-1.5')).toBe(2);
    expect(numberSize('1767225600')).toBe(5);
    expect(itemSize({ v: { N: '1' } })).toBe(1 + 2);
  });

  it('counts a binary value by its raw bytes, not its base64 form', () => {
    expect(valueSize({ B: new Uint8Array(10) })).toBe(10);
  });

  it('counts a null or a Boolean as 1 byte', () => {
    expect(itemSize({ ok: { BOOL: false }, gone: { NULL: true } })).toBe(2 + 1 + 4 + 1);
  });

  it('adds 3 bytes to a List or Map and 1 byte to each of its elements', () => {
    expect(itemSize({ l: { L: [] } })).toBe(1 + 3);
    expect(itemSize({ m: { M: {} } })).toBe(1 + 3);
    expect(itemSize({ seats: { L: [{ S: 'C7' }, { S: 'C8' }] } })).toBe(5 + 3 + (1 + 2) * 2);
    expect(itemSize({ price: { M: { total: { N: '100' } } } })).toBe(5 + 3 + 1 + 5 + 2);
  });
});

describe('write units', () => {
  it('rounds a write up to the next KB: a 500-byte item costs what a 1 KB item does', () => {
    expect(writeUnits(500)).toBe(1);
    expect(writeUnits(KB)).toBe(1);
  });

  it('charges 2 units to put or delete an item of 1.6 KB', () => {
    expect(writeUnits(1.6 * KB)).toBe(2);
    const ledger = new WriteLedger();
    const item = itemOf(Math.ceil(1.6 * KB), 'A');
    expect(total(ledger.charge('PutItemCommand', put(item), 'ok'))).toBe(2);
    expect(total(ledger.charge('DeleteItemCommand', { TableName: TABLE, Key: keyOf(item) }, 'ok'))).toBe(2);
  });

  it('rounds each item of a BatchWriteItem: 500 bytes and 3.5 KB cost 5 units, not 4', () => {
    const ledger = new WriteLedger();
    const batch = {
      RequestItems: {
        [TABLE]: [
          { PutRequest: { Item: itemOf(500, 'A') } },
          { PutRequest: { Item: itemOf(3.5 * KB, 'B') } },
        ],
      },
    };
    expect(total(ledger.charge('BatchWriteItemCommand', batch, 'ok'))).toBe(5);
  });

  it('does not charge the items a BatchWriteItem left unprocessed', () => {
    const ledger = new WriteLedger();
    const left = itemOf(3.5 * KB, 'B');
    const batch = {
      RequestItems: { [TABLE]: [{ PutRequest: { Item: itemOf(500, 'A') } }, { PutRequest: { Item: left } }] },
    };
    const unprocessed = { [TABLE]: [{ PutRequest: { Item: left } }] };
    expect(total(ledger.charge('BatchWriteItemCommand', batch, 'ok', unprocessed))).toBe(1);
  });

  it('charges an update by the larger of the item before and after, however little it changes', () => {
    const ledger = new WriteLedger();
    const item = itemOf(1.5 * KB, 'A', { state: { S: 'held' } });
    ledger.charge('PutItemCommand', put(item), 'ok');
    const shrink = {
      TableName: TABLE,
      Key: keyOf(item),
      UpdateExpression: 'SET #state = :sold REMOVE #data',
      ExpressionAttributeNames: { '#state': 'state', '#data': 'data' },
      ExpressionAttributeValues: { ':sold': { S: 'sold' } },
    };
    const [charge] = ledger.charge('UpdateItemCommand', shrink, 'ok');
    expect(charge?.units).toBe(2);
    expect(charge?.after).toBeLessThan(100);
    expect(ledger.get(TABLE, keyOf(item))?.state).toEqual({ S: 'sold' });
  });

  it('charges a put that replaces an item by the larger of the two', () => {
    const ledger = new WriteLedger();
    ledger.charge('PutItemCommand', put(itemOf(2.5 * KB, 'A')), 'ok');
    expect(total(ledger.charge('PutItemCommand', put(itemOf(300, 'A')), 'ok'))).toBe(3);
  });
});

describe('read units', () => {
  it('round an item up to the next 4 KB: 1 unit strongly consistent, half eventually consistent', () => {
    expect(readUnits(200, true)).toBe(1);
    expect(readUnits(4 * KB, true)).toBe(1);
    expect(readUnits(4 * KB + 1, true)).toBe(2);
    expect(readUnits(200, false)).toBe(0.5);
  });

  it('charge the minimum for an item not found', () => {
    expect(readUnits(0, true)).toBe(1);
    expect(readUnits(0, false)).toBe(0.5);
  });

  it('round a Query once on its total: 254 items of 150 bytes are 10 units, not 254', () => {
    expect(readUnits(254 * 150, true)).toBe(10);
    expect(readUnits(254 * 150, false)).toBe(5);
  });
});

describe('failed conditional writes', () => {
  it('still consume 1 unit when the item does not exist', () => {
    const ledger = new WriteLedger();
    expect(total(ledger.charge('PutItemCommand', put(itemOf(300, 'A')), 'condition failed'))).toBe(1);
  });

  it('consume by the size of the existing item: 1 unit for 1 KB, 2 for twice that', () => {
    const ledger = new WriteLedger();
    ledger.charge('PutItemCommand', put(itemOf(KB, 'A')), 'ok');
    ledger.charge('PutItemCommand', put(itemOf(2 * KB, 'B')), 'ok');
    expect(total(ledger.charge('PutItemCommand', put(itemOf(200, 'A')), 'condition failed'))).toBe(1);
    expect(total(ledger.charge('PutItemCommand', put(itemOf(200, 'B')), 'condition failed'))).toBe(2);
  });

  it('leave the item as it was', () => {
    const ledger = new WriteLedger();
    const item = itemOf(300, 'A');
    ledger.charge('PutItemCommand', put(item), 'ok');
    ledger.charge('DeleteItemCommand', { TableName: TABLE, Key: keyOf(item) }, 'condition failed');
    expect(ledger.get(TABLE, keyOf(item))).toEqual(item);
  });
});

describe('transactions', () => {
  it('write each item twice: three 500-byte items cost 6 units', () => {
    const ledger = new WriteLedger();
    const transaction = {
      TransactItems: ['A', 'B', 'C'].map((pk) => ({ Put: put(itemOf(500, pk)) })),
    };
    const charges = ledger.charge('TransactWriteItemsCommand', transaction, 'ok');
    expect(charges.map((charge) => charge.units)).toEqual([2, 2, 2]);
    expect(charges.every((charge) => charge.transactional)).toBe(true);
  });

  it('charge a cancelled one as failed conditional writes, doubled, and write nothing', () => {
    const ledger = new WriteLedger();
    const taken = itemOf(1.5 * KB, 'SHOW#1', { entity: { S: 'SeatState' } });
    ledger.charge('PutItemCommand', put(taken), 'ok');
    const transaction = {
      TransactItems: [{ Put: put(itemOf(300, 'SHOW#1')) }, { Put: put(itemOf(300, 'SHOW#2')) }],
    };
    const charges = ledger.charge('TransactWriteItemsCommand', transaction, 'cancelled');
    expect(charges.map((charge) => [charge.label, charge.units])).toEqual([
      ['Put SeatState', 4],
      ['Put SHOW', 2],
    ]);
    expect(ledger.get(TABLE, keyOf(taken))).toEqual(taken);
    expect(ledger.get(TABLE, { pk: { S: 'SHOW#2' }, sk: { S: 'X' } })).toBeUndefined();
  });
});

describe('applyUpdate', () => {
  const key: Item = { pk: { S: 'SESSION#1' }, sk: { S: 'SESSION' } };

  it('applies SET, if_not_exists, arithmetic and REMOVE on top-level attributes', () => {
    const before: Item = { ...key, a: { S: 'x' }, n: { N: '2' }, gone: { S: 'y' } };
    const after = applyUpdate(before, key, {
      UpdateExpression: 'SET a = :a, #b = if_not_exists(#b, :b), n = n + :one REMOVE gone',
      ExpressionAttributeNames: { '#b': 'b' },
      ExpressionAttributeValues: { ':a': { S: 'z' }, ':b': { S: 'new' }, ':one': { N: '1' } },
    });
    expect(after).toEqual({ ...key, a: { S: 'z' }, b: { S: 'new' }, n: { N: '3' } });
  });

  it('creates the item from its key when it did not exist, as UpdateItem does', () => {
    expect(
      applyUpdate(undefined, key, {
        UpdateExpression: 'SET a = :a',
        ExpressionAttributeValues: { ':a': { S: 'x' } },
      }),
    ).toEqual({ ...key, a: { S: 'x' } });
  });

  it('adds to a counter with ADD, from 0 when absent, beside SET', () => {
    const update = {
      UpdateExpression: 'ADD hits :one SET #ttl = :ttl',
      ExpressionAttributeNames: { '#ttl': 'ttl' },
      ExpressionAttributeValues: { ':one': { N: '1' }, ':ttl': { N: '99' } },
    };
    const first = applyUpdate(undefined, key, update);
    expect(first).toEqual({ ...key, hits: { N: '1' }, ttl: { N: '99' } });
    expect(applyUpdate(first, key, update).hits).toEqual({ N: '2' });
  });

  it('refuses what it cannot size rather than guess', () => {
    expect(() =>
      applyUpdate(undefined, key, {
        UpdateExpression: 'ADD tags :set',
        ExpressionAttributeValues: { ':set': { SS: ['a'] } },
      }),
    ).toThrow(UnsupportedUpdateError);
    expect(() =>
      applyUpdate({ ...key, c: { S: 'text' } }, key, {
        UpdateExpression: 'ADD c :one',
        ExpressionAttributeValues: { ':one': { N: '1' } },
      }),
    ).toThrow(UnsupportedUpdateError);
    expect(() =>
      applyUpdate(undefined, key, {
        UpdateExpression: 'SET a.b = :v',
        ExpressionAttributeValues: { ':v': { S: 'x' } },
      }),
    ).toThrow(UnsupportedUpdateError);
  });
});
