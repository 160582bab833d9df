import { AppError } from '../errors';
import type { PasswordHasher } from './password-hasher';

export type HashGateOptions = {
  /** Hashes that may run at once: fewer than the cores, so pages keep a core while passwords are checked. */
  concurrency: number;
  /** Hashes that may wait for a turn; past this a flood is turned away at once rather than queued. */
  maxWaiting: number;
};

/** The wait a turned-away visitor is told to allow before trying again. */
const RETRY_AFTER_SECONDS = 5;

/**
 * A hasher that runs at most `concurrency` argon2 hashes at a time and queues a bounded number more. Each
 * hash takes tens of milliseconds of a core and 19 MiB, and Node runs them on the libuv pool that file
 * reads and compression also use: unbounded, a flood of password checks (a guessing script, a sign-in rush)
 * would take every core and slow every page. Turned away, the request answers 503 with Retry-After.
 */
export function gatedHasher(hasher: PasswordHasher, options: HashGateOptions): PasswordHasher {
  let running = 0;
  const waiting: (() => void)[] = [];

  const turn = async (): Promise<void> => {
    if (running < options.concurrency) {
      running++;
      return;
    }
    if (waiting.length >= options.maxWaiting) {
      throw new AppError(
        'unavailable',
        'We are checking a lot of passwords right now. Please try again in a few seconds.',
        {},
        RETRY_AFTER_SECONDS,
      );
    }
    // The finishing hash hands its slot straight to the next in line, so `running` stays counted.
    await new Promise<void>((resolve) => waiting.push(resolve));
  };
  const done = () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
  const gated =
    <A extends unknown[], R>(work: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      await turn();
      try {
        return await work(...args);
      } finally {
        done();
      }
    };

  return {
    hash: gated((password: string) => hasher.hash(password)),
    verify: gated((phc: string, password: string) => hasher.verify(phc, password)),
  };
}
