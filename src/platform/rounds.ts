import type { Logger } from './log';

/**
 * Runs `round` now and then every `everyMs` after each one ends, inside this process, until stopped: a
 * failed round (the database unreachable, say) is logged as `failure` and the next one tries again.
 * `stop` waits for a round under way. The outbox and the refunds each run this way.
 */
export function startRounds(round: () => Promise<unknown>, everyMs: number, log: Logger, failure: string) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const next = () => {
    running = round()
      .catch((error: unknown) =>
        log.error(failure, { error: error instanceof Error ? error.message : String(error) }),
      )
      .finally(() => {
        if (!stopped) timer = setTimeout(next, everyMs);
      });
  };
  timer = setTimeout(next, 0);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
