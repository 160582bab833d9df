import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { TABLE_SETUP } from '../aws-calls';
import type { Db } from './client';
import { TTL_ATTRIBUTE } from './keys';

const indexes = ['gsi1', 'gsi2'] as const;

/**
 * Creates the table and its indexes if it does not exist yet; waits until it is active. Each call may
 * take TABLE_SETUP's time, and a create that went through on an attempt that timed out is no failure.
 */
export async function ensureTable(db: Db): Promise<'created' | 'existing'> {
  try {
    await db.doc.send(new DescribeTableCommand({ TableName: db.table }), TABLE_SETUP);
    await ensureTtl(db);
    return 'existing';
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  await db.doc
    .send(
      new CreateTableCommand({
        TableName: db.table,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: ['pk', 'sk', ...indexes.flatMap((name) => [`${name}pk`, `${name}sk`])].map(
          (name) => ({
            AttributeName: name,
            AttributeType: 'S',
          }),
        ),
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: indexes.map((name) => ({
          IndexName: name,
          KeySchema: [
            { AttributeName: `${name}pk`, KeyType: 'HASH' },
            { AttributeName: `${name}sk`, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
      }),
      TABLE_SETUP,
    )
    .catch((error: unknown) => {
      if (!(error instanceof ResourceInUseException)) throw error;
    });
  for (let attempt = 0; attempt < 100; attempt++) {
    const { Table } = await db.doc.send(new DescribeTableCommand({ TableName: db.table }), TABLE_SETUP);
    if (Table?.TableStatus === 'ACTIVE') {
      await ensureTtl(db);
      return 'created';
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Table ${db.table} did not become active`);
}

/** Turns on TTL so expired sessions, tokens and holds are deleted eventually; expiry checks never wait for it. */
async function ensureTtl(db: Db): Promise<void> {
  const { TimeToLiveDescription } = await db.doc.send(
    new DescribeTimeToLiveCommand({ TableName: db.table }),
    TABLE_SETUP,
  );
  if (
    TimeToLiveDescription?.TimeToLiveStatus === 'ENABLED' ||
    TimeToLiveDescription?.TimeToLiveStatus === 'ENABLING'
  )
    return;
  await db.doc.send(
    new UpdateTimeToLiveCommand({
      TableName: db.table,
      TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
    }),
    TABLE_SETUP,
  );
}

/** A cheap round trip that proves the table answers; used by /healthz. */
export async function pingTable(db: Db): Promise<void> {
  await db.doc.send(new DescribeTableCommand({ TableName: db.table }));
}
