import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../../platform/db/client';
import { keys, SCHEMA_VERSION } from '../../platform/db/keys';
import { fromItem } from '../../platform/db/query';
import { type AuditEntry, CHAIN } from './model';

/** Where an entry sorts: its time, then its id, so two entries of one millisecond both keep their place. */
export const auditCursor = (entry: Pick<AuditEntry, 'at' | 'id'>) => `${entry.at}#${entry.id}`;

/**
 * The Put of one entry, for the transaction that makes the change it records: conditioned on the entry not
 * existing, so nothing ever overwrites one. Filed under its theater (managers read it there) and listed on
 * gsi1 for admins.
 */
export function auditPut(db: Db, entry: AuditEntry) {
  return {
    Put: {
      TableName: db.table,
      Item: {
        pk: keys.audit(entry.theaterId ?? CHAIN),
        sk: auditCursor(entry),
        gsi1pk: keys.auditAll(),
        gsi1sk: auditCursor(entry),
        entity: 'AuditEntry',
        v: SCHEMA_VERSION,
        ...entry,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** PutItem of one entry on its own, for a change that is a single write elsewhere. */
export async function putAuditEntry(db: Db, entry: AuditEntry): Promise<void> {
  await db.doc.send(new PutCommand(auditPut(db, entry).Put));
}

/**
 * Entries newest first, one page: Query `AUDIT#<theaterId>` for one theater, or gsi1 `AUDIT` for all; with
 * `before`, only older than that cursor. Asks for one more than `limit` to know whether more exist.
 */
export async function listAuditEntries(
  db: Db,
  options: { theaterId?: string | undefined; before?: string | undefined; limit: number },
): Promise<{ entries: AuditEntry[]; more: boolean }> {
  const index = options.theaterId === undefined;
  const [pk, sk] = index ? ['gsi1pk', 'gsi1sk'] : ['pk', 'sk'];
  const { Items = [] } = await db.doc.send(
    new QueryCommand({
      TableName: db.table,
      ...(index ? { IndexName: 'gsi1' } : { ConsistentRead: true }),
      KeyConditionExpression: options.before ? `${pk} = :pk AND ${sk} < :before` : `${pk} = :pk`,
      ExpressionAttributeValues: {
        ':pk': index ? keys.auditAll() : keys.audit(options.theaterId ?? CHAIN),
        ...(options.before ? { ':before': options.before } : {}),
      },
      ScanIndexForward: false,
      Limit: options.limit + 1,
    }),
  );
  return {
    entries: Items.slice(0, options.limit).map((item) => fromItem<AuditEntry>(item)),
    more: Items.length > options.limit,
  };
}
