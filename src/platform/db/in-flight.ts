import { OUTAGE_RETRY_AFTER_SECONDS } from '../aws-calls';
import { AppError } from '../errors';

/*
 * A rush must be absorbed, not shed. Hundreds of pages asking DynamoDB at once would each start their
 * request, queue behind one another inside the table's server (or the HTTP agent), and time out there:
 * the call's time limit counts the queue as silence. Instead each process sends at most `limit` requests
 * at a time and keeps the rest waiting here, in order, where waiting is not an outage. A request that
 * cannot even start within `maxWaitMs` fails as `unavailable`, like a table that does not answer.
 */

/**
 * What a process allows itself against DynamoDB: requests at once (DYNAMODB_MAX_IN_FLIGHT sets it for the
 * app; this is for other clients), and how long one may wait to start.
 */
export const DATABASE_IN_FLIGHT = { limit: 32, maxWaitMs: 20_000 };

export class InFlightLimit {
  private running = 0;
  private readonly waiting: { start: () => void; timer: ReturnType<typeof setTimeout> | undefined }[] = [];

  constructor(
    private readonly limit: number,
    private readonly maxWaitMs: number,
    private readonly service: string,
  ) {}

  /** Requests started and not finished, and requests waiting to start: for tests and the log. */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await this.turn();
    else this.running++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) {
        if (next.timer) clearTimeout(next.timer);
        next.start();
      } else this.running--;
    }
  }

  /** Waits for a finishing request to hand over its place (the count of running requests stays). */
  private turn(): Promise<void> {
    return new Promise((start, refuse) => {
      const entry: (typeof this.waiting)[number] = { start, timer: undefined };
      entry.timer = setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(entry), 1);
        refuse(
          new AppError(
            'unavailable',
            `${this.service} is overloaded: a request waited ${this.maxWaitMs} ms behind ${this.limit} others and was not sent.`,
            {},
            OUTAGE_RETRY_AFTER_SECONDS,
          ),
        );
      }, this.maxWaitMs);
      this.waiting.push(entry);
    });
  }
}

/** The SDK middleware: `client.middlewareStack.add(inFlight(limit), IN_FLIGHT)`. */
export function inFlight(gate: InFlightLimit) {
  return <Args, Output>(next: (args: Args) => Promise<Output>) =>
    (args: Args): Promise<Output> =>
      gate.run(() => next(args));
}

/** Outside the SDK's retries (each attempt of one call keeps its place) and inside the outage reporter. */
export const IN_FLIGHT = { step: 'initialize', name: 'inFlightLimit', priority: 'low' } as const;
