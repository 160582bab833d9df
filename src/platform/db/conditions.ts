/**
 * A condition that holds only while an item still has the attribute values it had when it was read:
 * optimistic concurrency for an edit form, without a revision attribute. Scalars compare with `=`, nested
 * maps by their own scalars, absent attributes with attribute_not_exists; lists are compared whole.
 */
export function unchangedSince(
  before: Record<string, unknown>,
  skip: readonly string[] = [],
): {
  ConditionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
} {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const clauses: string[] = ['attribute_exists(pk)'];
  let n = 0;
  const visit = (path: string, value: unknown) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, inner] of Object.entries(value)) {
        const name = `#n${n++}`;
        names[name] = key;
        visit(`${path}.${name}`, inner);
      }
      return;
    }
    if (value === undefined) return;
    const placeholder = `:v${n++}`;
    values[placeholder] = value;
    clauses.push(`${path} = ${placeholder}`);
  };
  for (const [key, value] of Object.entries(before)) {
    if (skip.includes(key)) continue;
    const name = `#n${n++}`;
    names[name] = key;
    if (value === undefined) clauses.push(`attribute_not_exists(${name})`);
    else visit(name, value);
  }
  return {
    ConditionExpression: clauses.join(' AND '),
    ExpressionAttributeNames: names,
    // DynamoDB refuses an empty map of values.
    ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {}),
  };
}
