import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../../platform/db/client';
import { keys, SCHEMA_VERSION } from '../../platform/db/keys';
import { fromItem } from '../../platform/db/query';
import type { ContactMessage } from './model';

/** Stores a contact message once: PutItem conditioned on attribute_not_exists(pk). */
export async function putContactMessage(db: Db, message: ContactMessage): Promise<void> {
  await db.doc.send(
    new PutCommand({
      TableName: db.table,
      Item: {
        pk: keys.contact(message.id),
        sk: keys.contactMeta(),
        gsi1pk: keys.contactList(),
        gsi1sk: contactCursor(message),
        entity: 'ContactMessage',
        v: SCHEMA_VERSION,
        ...message,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

/**
 * Contact messages, newest first: Query gsi1 where gsi1pk = CONTACTS, and gsi1sk < `before` for an older
 * page (`before` is a message's gsi1sk, `<receivedAt>#<id>`). Asks for one more than `limit`, to say whether
 * an older page exists without another request.
 */
export async function listContactMessages(
  db: Db,
  limit = 50,
  before?: string,
): Promise<{ messages: ContactMessage[]; more: boolean }> {
  const { Items = [] } = await db.doc.send(
    new QueryCommand({
      TableName: db.table,
      IndexName: 'gsi1',
      KeyConditionExpression: before ? 'gsi1pk = :pk AND gsi1sk < :before' : 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.contactList(), ...(before ? { ':before': before } : {}) },
      ScanIndexForward: false,
      Limit: limit + 1,
    }),
  );
  return {
    messages: Items.slice(0, limit).map((item) => fromItem<ContactMessage>(item)),
    more: Items.length > limit,
  };
}

/** Where a message sits in the list: the cursor of the page after it. */
export function contactCursor(message: ContactMessage): string {
  return `${message.receivedAt}#${message.id}`;
}
