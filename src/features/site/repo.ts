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
        gsi1sk: `${message.receivedAt}#${message.id}`,
        entity: 'ContactMessage',
        v: SCHEMA_VERSION,
        ...message,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

/** Contact messages, newest first: Query gsi1 where gsi1pk = CONTACTS. For operators and tests. */
export async function listContactMessages(db: Db, limit = 50): Promise<ContactMessage[]> {
  const { Items = [] } = await db.doc.send(
    new QueryCommand({
      TableName: db.table,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.contactList() },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return Items.map((item) => fromItem<ContactMessage>(item));
}
