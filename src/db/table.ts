import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import type { Db } from './client';

const indexes = ['gsi1', 'gsi2'] as const;

/** Creates the table and its indexes if it does not exist yet; waits until it is active. */
export async function ensureTable(db: Db): Promise<'created' | 'existing'> {
  try {
    await db.doc.send(new DescribeTableCommand({ TableName: db.table }));
    return 'existing';
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  await db.doc.send(
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
  );
  for (let attempt = 0; attempt < 100; attempt++) {
    const { Table } = await db.doc.send(new DescribeTableCommand({ TableName: db.table }));
    if (Table?.TableStatus === 'ACTIVE') return 'created';
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Table ${db.table} did not become active`);
}

/** A cheap round trip that proves the table answers; used by /healthz. */
export async function pingTable(db: Db): Promise<void> {
  await db.doc.send(new DescribeTableCommand({ TableName: db.table }));
}
