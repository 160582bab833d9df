import { pingTable } from '../../platform/db/table';
import type { Deps } from '../../deps';
import { AppError } from '../../platform/errors';
import { putContactMessage } from './repo';

export const contactTopics = {
  booking: 'A booking',
  accessibility: 'Accessibility',
  refund: 'Refunds and cancellations',
  feedback: 'Feedback about the site',
  other: 'Something else',
} as const;

export type ContactInput = {
  name: string;
  email: string;
  topic: keyof typeof contactTopics;
  message: string;
};

/** Stores a visitor's message for the team. Returns its reference. */
export async function submitContact(deps: Pick<Deps, 'db' | 'clock'>, input: ContactInput): Promise<string> {
  const id = crypto.randomUUID();
  await putContactMessage(deps.db, { id, ...input, receivedAt: deps.clock.now().toISOString() });
  return id;
}

/** Resolves when the table answers within the time limit; throws `unavailable` otherwise. */
export async function checkHealth(deps: Pick<Deps, 'db'>, timeoutMs = 2000): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      pingTable(deps.db),
      new Promise((_, fail) => {
        timer = setTimeout(() => fail(new Error('timed out')), timeoutMs);
      }),
    ]);
  } catch (error) {
    throw new AppError('unavailable', `Database unreachable: ${(error as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
}
