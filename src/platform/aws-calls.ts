/**
 * How long the app waits for AWS (DynamoDB, SES, SNS), and what a failed call becomes. Runs on Node and
 * on Workers alike: the SDK builds its own HTTP handler (node:http or fetch) from these plain options.
 */
import { AppError } from './errors';

/** What a visitor is told to wait before trying again when a service is down. */
export const OUTAGE_RETRY_AFTER_SECONDS = 5;

/**
 * Each attempt must connect within `connectionTimeout` and be answered within `requestTimeout`
 * (`throwOnRequestTimeout`: without it the Node handler only logs a warning and keeps waiting). A
 * DynamoDB call answers in milliseconds, so a stalled table costs a page about 4 s, two attempts and
 * the backoff between them, instead of hanging it. Creating the table is not a page: `TABLE_SETUP`
 * gives those calls longer.
 */
export const DATABASE_CALLS = {
  maxAttempts: 2,
  requestHandler: { connectionTimeout: 2000, requestTimeout: 2000, throwOnRequestTimeout: true },
};

/**
 * Work no visitor waits on: the server's start-up (the table, demo data, demo accounts) and the operator
 * commands (`admin:create`, the catalogue import and export). An embedded DynamoDB Local on a busy machine
 * may take seconds to answer, and a batch of screens with their layouts is large.
 */
export const SETUP_CALLS: CallLimits = {
  maxAttempts: 3,
  requestHandler: { connectionTimeout: 5000, requestTimeout: 30_000, throwOnRequestTimeout: true },
};

/** Per-call options for the start-up calls that create the table: DynamoDB Local may take seconds. */
export const TABLE_SETUP = { requestTimeout: 30_000 };

export type CallLimits = typeof DATABASE_CALLS;

/**
 * Mail and SMS may carry a PDF and answer more slowly than the table. Sign-up and password resets send
 * while the visitor waits, and the outbox lease (60 s) must outlast a send: at most about 11 s.
 */
export const MESSAGING_CALLS = {
  maxAttempts: 2,
  requestHandler: { connectionTimeout: 2000, requestTimeout: 5000, throwOnRequestTimeout: true },
};

/** Names AWS gives throttling (DynamoDB, SES, SNS): the service is up but refuses more work for now. */
const THROTTLING = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'ThrottledException',
  'Throttling',
]);

type SdkFailure = Error & { $metadata?: { httpStatusCode?: number; attempts?: number } };

/**
 * The `unavailable` AppError for a call that failed because the service is down, slow or throttling,
 * after the SDK's own retries: no answer at all (refused, reset, timed out), a 5xx, or throttling. Its
 * message says which service, what happened and after how many attempts, for the log; the SDK's error
 * is its cause. Anything else (a refused condition, a bad request) is the caller's business: undefined.
 */
export function outageOf(error: unknown, service: string): AppError | undefined {
  if (!(error instanceof Error)) return undefined;
  const { $metadata } = error as SdkFailure;
  // The SDK's retry step stamps every failure that reached the network; one without is a local bug.
  if (!$metadata) return undefined;
  const status = $metadata.httpStatusCode;
  const throttled = status === 429 || THROTTLING.has(error.name);
  if (status !== undefined && status < 500 && !throttled) return undefined;
  const what = throttled ? 'is throttling' : status === undefined ? 'did not answer' : `answered ${status}`;
  const attempts = $metadata.attempts ?? 1;
  const outage = new AppError(
    'unavailable',
    `${service} ${what} (${attempts} ${attempts === 1 ? 'attempt' : 'attempts'}): ${error.name}: ${error.message}`,
    {},
    OUTAGE_RETRY_AFTER_SECONDS,
  );
  outage.cause = error;
  return outage;
}

/**
 * An SDK middleware that makes every failed call that `outageOf` recognises throw its `unavailable`
 * AppError: `client.middlewareStack.add(outageReporter('DynamoDB'), OUTAGE_REPORTER)`.
 */
export function outageReporter(service: string) {
  return <Args, Output>(next: (args: Args) => Promise<Output>) =>
    async (args: Args): Promise<Output> => {
      try {
        return await next(args);
      } catch (error) {
        throw outageOf(error, service) ?? error;
      }
    };
}

/** Where the outage reporter goes: the outermost step, so it sees a failure after the retries gave up. */
export const OUTAGE_REPORTER = { step: 'initialize', name: 'outageReporter' } as const;
