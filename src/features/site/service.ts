import { authorize } from '../../auth/authorize';
import type { SessionUser } from '../../auth/model';
import type { Deps } from '../../deps';
import { pingTable } from '../../platform/db/table';
import { AppError } from '../../platform/errors';
import * as limit from '../limits/service';
import { limits } from '../limits/service';
import type { ContactInput, ContactPage } from './model';
import { contactCursor, listContactMessages, putContactMessage } from './repo';

/**
 * Stores a visitor's message for the team. Returns its reference. Limited per address and per reply-to
 * email, so a script cannot bury real messages under its own.
 */
export async function submitContact(
  deps: Pick<Deps, 'db' | 'clock'>,
  input: ContactInput,
  ip: string,
): Promise<string> {
  await limit.hit(deps, limits.contactPerIp, ip);
  await limit.hit(deps, limits.contactPerEmail, input.email.toLowerCase());
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

const CURSOR =
  /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z#[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A page of contact messages for staff and admins: the newest `size`, or the `size` received before the
 * message `before` names. A cursor that is not one of ours is a bad request, not an empty page.
 */
export async function contactMessages(
  deps: Pick<Deps, 'db'>,
  actor: SessionUser,
  page: { size: number; before?: string | undefined },
): Promise<ContactPage> {
  authorize(actor, 'staff', 'manager', 'admin');
  if (page.before !== undefined && !CURSOR.test(page.before)) {
    throw new AppError('bad_request', 'That page of contact messages does not exist. Start from the newest.');
  }
  const { messages, more } = await listContactMessages(deps.db, page.size, page.before);
  const last = messages.at(-1);
  return { messages, before: page.before, older: more && last ? contactCursor(last) : undefined };
}
