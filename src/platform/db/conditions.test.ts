import { describe, expect, it } from 'vitest';
import { unchangedSince } from './conditions';

describe('unchangedSince', () => {
  it('compares scalars, nested map values and absent attributes, skipping the named ones', () => {
    const { ConditionExpression, ExpressionAttributeNames, ExpressionAttributeValues } = unchangedSince(
      { id: 'x', name: 'Grand', fees: { perTicket: 30, taxName: 'GST' }, gap: undefined },
      ['id'],
    );
    expect(ConditionExpression).toBe(
      'attribute_exists(pk) AND #n0 = :v1 AND #n2.#n3 = :v4 AND #n2.#n5 = :v6 AND attribute_not_exists(#n7)',
    );
    expect(ExpressionAttributeNames).toEqual({
      '#n0': 'name',
      '#n2': 'fees',
      '#n3': 'perTicket',
      '#n5': 'taxName',
      '#n7': 'gap',
    });
    expect(ExpressionAttributeValues).toEqual({ ':v1': 'Grand', ':v4': 30, ':v6': 'GST' });
  });

  it('leaves out the values map when there is nothing to compare, as DynamoDB requires', () => {
    expect(unchangedSince({ gap: undefined })).not.toHaveProperty('ExpressionAttributeValues');
  });
});
