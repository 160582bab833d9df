import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Config } from '../../config';
import { type CallLimits, DATABASE_CALLS, OUTAGE_REPORTER, outageReporter } from '../aws-calls';
import { DATABASE_IN_FLIGHT, IN_FLIGHT, InFlightLimit, inFlight } from './in-flight';

export type DbOptions = {
  region: string;
  /** DATABASE_CALLS unless the caller knows better (tests that flood DynamoDB Local on a shared CPU). */
  calls?: CallLimits;
  /** DATABASE_IN_FLIGHT unless the caller knows better. */
  inFlight?: { limit: number; maxWaitMs: number };
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
 * one that fails because the table is down, stalled or throttling throws an `unavailable` AppError. At
 * most DATABASE_IN_FLIGHT calls are sent at once; the rest wait their turn (platform/db/in-flight.ts).
 */
export function createDb(options: DbOptions, table: string): Db {
  const client = new DynamoDBClient({
    region: options.region,
    endpoint: options.endpoint,
    credentials: options.credentials,
    ...(options.calls ?? DATABASE_CALLS),
  });
  client.middlewareStack.add(outageReporter('DynamoDB'), OUTAGE_REPORTER);
  const { limit, maxWaitMs } = options.inFlight ?? DATABASE_IN_FLIGHT;
  client.middlewareStack.add(inFlight(new InFlightLimit(limit, maxWaitMs, 'DynamoDB')), IN_FLIGHT);
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
      inFlight: { ...DATABASE_IN_FLIGHT, limit: config.dynamoInFlight },
    },
    config.tableName,
  );
}
