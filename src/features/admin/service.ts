import { authorize } from '../../auth/authorize';
import type { SessionUser } from '../../auth/model';
import type { Deps } from '../../deps';
import type { OutboxMessage } from '../confirmations/model';
import { failedConfirmations } from '../confirmations/service';
import type { ContactPage } from '../site/model';
import { contactMessages } from '../site/service';

export type AdminDeps = Pick<Deps, 'db' | 'log'>;

/** How many contact messages the admin page lists: one query page, newest first. */
export const CONTACT_PAGE_SIZE = 50;

/** The newest confirmations that used up their attempts: what an operator looks into first. */
const FAILED_PAGE_SIZE = 20;

export type AdminOverview = {
  failedConfirmations: OutboxMessage[];
  messages: ContactPage;
  /** Whether the actor may change roles, so the page offers the form only to those who can use it. */
  canSetRoles: boolean;
};

/** What the admin page shows: for staff and admins only. `before` pages back through contact messages. */
export async function adminOverview(
  deps: AdminDeps,
  actor: SessionUser,
  before?: string,
): Promise<AdminOverview> {
  authorize(actor, 'staff', 'admin');
  const [messages, failed] = await Promise.all([
    contactMessages(deps, actor, { size: CONTACT_PAGE_SIZE, before }),
    failedConfirmations(deps, actor, FAILED_PAGE_SIZE),
  ]);
  return { messages, failedConfirmations: failed, canSetRoles: actor.role === 'admin' };
}
