import { authorize } from '../../auth/authorize';
import type { SessionUser } from '../../auth/model';
import type { Deps } from '../../deps';
import { pingTable } from '../../platform/db/table';
import { AppError } from '../../platform/errors';
import type { ContactInput, ContactMessage } from './model';
import { listContactMessages, putContactMessage } from './repo';

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

/** The newest contact messages, newest first: for staff and admins only. */
export function recentContactMessages(
  deps: Pick<Deps, 'db'>,
  actor: SessionUser,
  limit: number,
): Promise<ContactMessage[]> {
  authorize(actor, 'staff', 'admin');
  return listContactMessages(deps.db, limit);
}
