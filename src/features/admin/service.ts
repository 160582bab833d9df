import { authorize, theatersOf } from '../../auth/authorize';
import type { SessionUser } from '../../auth/model';
import type { Deps } from '../../deps';
import type { AuditPage } from '../audit/model';
import { auditLog } from '../audit/service';
import { citiesWithTheaters, type SetupProgress, setupProgress } from '../catalog/service';
import type { OutboxMessage } from '../confirmations/model';
import { failedConfirmations } from '../confirmations/service';
import type { ContactPage } from '../site/model';
import { contactMessages } from '../site/service';

export type AdminDeps = Pick<Deps, 'db' | 'log' | 'clock' | 'cache'>;

/** How many contact messages the admin page lists: one query page, newest first. */
export const CONTACT_PAGE_SIZE = 50;

/** The newest confirmations that used up their attempts: what an operator looks into first. */
const FAILED_PAGE_SIZE = 20;

export type AdminOverview = {
  failedConfirmations: OutboxMessage[];
  messages: ContactPage;
  /** Whether the actor may change roles, so the page offers the form only to those who can use it. */
  canSetRoles: boolean;
  /** Every theater, for the role form's choice of theaters (empty when the actor cannot set roles). */
  theaters: { id: string; name: string }[];
  /** For managers and admins: how far their theaters are from selling tickets. */
  progress: SetupProgress | undefined;
};

/** What the admin page shows: for staff and admins only. `before` pages back through contact messages. */
export async function adminOverview(
  deps: AdminDeps,
  actor: SessionUser,
  before?: string,
): Promise<AdminOverview> {
  authorize(actor, 'staff', 'manager', 'admin');
  const canSetRoles = actor.role === 'admin';
  const runsTheaters = actor.role === 'admin' || actor.role === 'manager';
  const [messages, failed, chain, progress] = await Promise.all([
    contactMessages(deps, actor, { size: CONTACT_PAGE_SIZE, before }),
    failedConfirmations(deps, actor, FAILED_PAGE_SIZE),
    canSetRoles ? citiesWithTheaters(deps) : [],
    runsTheaters ? setupProgress(deps, theatersOf(actor)) : undefined,
  ]);
  const theaters = chain.flatMap(({ theaters }) => theaters.map(({ id, name }) => ({ id, name })));
  return {
    messages,
    failedConfirmations: failed,
    canSetRoles,
    theaters,
    progress,
  };
}

/** A page of the audit log, and the theater it belongs to when it is one theater's. */
export async function auditView(
  deps: AdminDeps,
  actor: SessionUser,
  options: { theaterId?: string | undefined; before?: string | undefined },
): Promise<{ page: AuditPage; theater: { id: string; name: string } | undefined }> {
  const page = await auditLog(deps, actor, options);
  if (!options.theaterId) return { page, theater: undefined };
  const theaters = (await citiesWithTheaters(deps)).flatMap(({ theaters }) => theaters);
  const theater = theaters.find((t) => t.id === options.theaterId);
  return { page, theater: { id: options.theaterId, name: theater?.name ?? options.theaterId } };
}
