import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Config } from '../../config';
import { type CallLimits, DATABASE_CALLS, OUTAGE_REPORTER, outageReporter } from '../aws-calls';

export type DbOptions = {
  region: string;
  /** DATABASE_CALLS unless the caller knows better (tests that flood DynamoDB Local on a shared CPU). */
  calls?: CallLimits;
  endpoint?: string | undefined;
  credentials?:
    | { accessKeyId: string; secretAccessKey: string; sessionToken?: string | undefined }
    | undefined;
};

/** The table handle every repo receives: a document client plus the table name. */
export type Db = { doc: DynamoDBDocumentClient; table: string };

/**
 * Region, endpoint and credentials are passed explicitly so the same code runs on Workers,
 * where the SDK's file-based config loaders do not exist. Every call is bounded (DATABASE_CALLS), and
 * one that fails because the table is down, stalled or throttling throws an `unavailable` AppError.
 */
export function createDb(options: DbOptions, table: string): Db {
  const client = new DynamoDBClient({
    region: options.region,
    endpoint: options.endpoint,
    credentials: options.credentials,
    ...(options.calls ?? DATABASE_CALLS),
  });
  client.middlewareStack.add(outageReporter('DynamoDB'), OUTAGE_REPORTER);
  const doc = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
  return { doc, table };
}

/**
 * The table handle for a configuration: the embedded DynamoDB Local's endpoint when one was started.
 * `calls` for work no visitor waits on (SETUP_CALLS at start-up and in operator commands).
 */
export function dbForConfig(config: Config, embeddedEndpoint?: string, calls?: CallLimits): Db {
  return createDb(
    {
      region: config.region,
      calls,
      endpoint:
        embeddedEndpoint ?? (config.database.kind === 'external' ? config.database.endpoint : undefined),
      credentials: config.credentials,
    },
    config.tableName,
  );
}
