import { randomUUID } from 'node:crypto';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { type AppOptions, createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import type { Deps } from '../../src/deps';
import type { CallLimits } from '../../src/platform/aws-calls';
import { type Clock, systemClock } from '../../src/platform/clock';
import { createDb, type Db, dbForConfig } from '../../src/platform/db/client';
import { ensureTable } from '../../src/platform/db/table';
import { sharpImages } from '../../src/platform/images/node/sharp-images';
import { silentLogger } from '../../src/platform/log';
import { nodeHasher } from '../../src/platform/passwords/node/argon2-native';
import { boxOffice } from '../../src/platform/payments/payment-provider';
import { generateTicketKeys } from '../../src/platform/ticket-keys/ticket-keys';
import { TtlCache } from '../../src/platform/ttl-cache';
import { recordingMailer } from './mail';
import { recordingNotifier } from './sms';

/**
 * How patient tests are with DynamoDB Local: it serves every test file of a run at once on a shared CPU,
 * and 200 concurrent transactions take it seconds where DynamoDB takes milliseconds. The app's own limits
 * (DATABASE_CALLS) are tested in tests/integration/outage.test.ts.
 */
export const PATIENT_CALLS: CallLimits = {
  maxAttempts: 2,
  requestHandler: { connectionTimeout: 30_000, requestTimeout: 30_000, throwOnRequestTimeout: true },
};

/** A fresh table of its own on the shared DynamoDB Local, so test files never see each other's data. */
export async function freshTable(
  endpoint = inject('dynamoEndpoint'),
): Promise<Db & { drop: () => Promise<void> }> {
  const db = createDb(
    {
      region: 'us-east-1',
      endpoint,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      calls: PATIENT_CALLS,
    },
    `test-${randomUUID()}`,
  );
  await ensureTable(db);
  return {
    ...db,
    drop: async () => void (await db.doc.send(new DeleteTableCommand({ TableName: db.table }))),
  };
}

/** A clock that stays where a test puts it. */
export function fixedClock(at: string | Date): Clock & { set: (next: string | Date) => void } {
  let now = new Date(at);
  return { now: () => new Date(now), set: (next) => (now = new Date(next)) };
}

/** One key pair for every test app in a test file: its codes verify wherever the file checks them. */
export const testTicketKeys = await generateTicketKeys();

/** The app wired to a test table, with no catalogue cache unless asked for; mail is recorded, not sent. */
export function testApp(db: Db, clock: Clock, overrides: Partial<Deps> = {}, options: AppOptions = {}) {
  const config = loadConfig({
    DYNAMODB_ENDPOINT: 'http://127.0.0.1:1',
    CATALOG_CACHE_SECONDS: '0',
    PAGE_CACHE_SECONDS: '0',
    SEAT_MAP_CACHE_SECONDS: '0',
    SESSION_CACHE_SECONDS: '0',
    // Tests say which address a request comes from; rate limits count per address.
    CLIENT_IP_HEADER: 'X-Forwarded-For',
  });
  const deps: Deps = {
    config,
    clock,
    db,
    log: silentLogger,
    mailer: recordingMailer(),
    notifier: recordingNotifier(),
    tickets: testTicketKeys,
    passwords: nodeHasher,
    payment: boxOffice,
    onlinePayments: [],
    cache: new TtlCache(0),
    sessionCache: new TtlCache(0),
    seatStates: new TtlCache(0),
    images: sharpImages,
    ...overrides,
  };
  return { app: createApp(deps, options), deps };
}

/**
 * The app wired to a database that is not there (nothing listens on its endpoint): for route tests of
 * what must work without one (validation, sign-in redirects, static pages) and of what must fail well.
 */
export function appWithoutDatabase(options: AppOptions = {}, env: Record<string, string> = {}) {
  const config = loadConfig({ DYNAMODB_ENDPOINT: 'http://127.0.0.1:9', MAX_BODY_BYTES: '4096', ...env });
  return testApp(dbForConfig(config), systemClock, { config }, options).app;
}
