import type { Deps } from '../../deps';
import { AppError } from '../../platform/errors';
import { authorize } from '../../auth/authorize';
import { normalizeEmail, type Role, type SessionUser } from '../accounts/model';
import * as accountsRepo from '../accounts/repo';
import { listFailedMessages, type OutboxMessage } from '../confirmations/repo';
import { type ContactMessage, listContactMessages } from '../site/repo';

export type AdminDeps = Pick<Deps, 'db' | 'log'>;

/** How many contact messages the admin page lists: one query page, newest first. */
export const CONTACT_PAGE_SIZE = 50;

export type AdminOverview = {
  failedConfirmations: OutboxMessage[];
  messages: ContactMessage[];
  /** Whether the actor may change roles, so the page offers the form only to those who can use it. */
  canSetRoles: boolean;
};

/** What the admin page shows: for staff and admins only. */
/** The newest confirmations that used up their attempts: what an operator looks into first. */
const FAILED_PAGE_SIZE = 20;

export async function adminOverview(deps: AdminDeps, actor: SessionUser): Promise<AdminOverview> {
  authorize(actor, 'staff', 'admin');
  const [messages, failedConfirmations] = await Promise.all([
    listContactMessages(deps.db, CONTACT_PAGE_SIZE),
    listFailedMessages(deps.db, FAILED_PAGE_SIZE),
  ]);
  return { messages, failedConfirmations, canSetRoles: actor.role === 'admin' };
}

/**
 * Gives the account with `email` the role `role`: for admins only. The new role applies from that user's
 * next request, since every request reads the user afresh with its session.
 */
export async function setUserRole(
  deps: AdminDeps,
  actor: SessionUser,
  input: { email: string; role: Role },
): Promise<{ email: string; role: Role; previous: Role }> {
  authorize(actor, 'admin');
  const user = await accountsRepo.findUserByEmail(deps.db, normalizeEmail(input.email));
  if (!user) {
    const message = 'No account uses that email address.';
    throw new AppError('bad_request', message, { email: message });
  }
  // An admin who demoted themself could leave the site with no admin at all.
  if (user.id === actor.id && input.role !== 'admin') {
    const message = 'You cannot take away your own admin role. Ask another admin to do it.';
    throw new AppError('bad_request', message, { role: message });
  }
  if (user.role !== input.role) {
    await accountsRepo.setRole(deps.db, user.id, input.role);
    deps.log.info('role changed', { userId: user.id, by: actor.id, from: user.role, to: input.role });
  }
  return { email: user.email, role: input.role, previous: user.role };
}
