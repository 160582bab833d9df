import { authorize, authorizeTheater } from '../../auth/authorize';
import type { SessionUser } from '../../auth/model';
import type { Deps } from '../../deps';
import { AppError } from '../../platform/errors';
import type { AuditEntry, AuditPage, AuditTarget } from './model';
import { auditCursor, listAuditEntries } from './repo';

type AuditDeps = Pick<Deps, 'db' | 'clock'>;

/** How many entries a page of the log shows. */
export const AUDIT_PAGE_SIZE = 50;

const CURSOR = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z#[0-9a-f-]{36}$/;

/** A new entry for a change `actor` is making now; the caller writes it in the change's own transaction. */
export function auditEntry(
  deps: Pick<Deps, 'clock'>,
  actor: SessionUser,
  change: {
    action: string;
    target: AuditTarget;
    theaterId?: string | undefined;
    before?: Record<string, unknown> | undefined;
    after?: Record<string, unknown> | undefined;
  },
): AuditEntry {
  return {
    id: crypto.randomUUID(),
    at: deps.clock.now().toISOString(),
    actorId: actor.id,
    actorEmail: actor.email,
    ...change,
  };
}

/**
 * A page of the audit log, newest first: the whole chain's for an admin (or one theater's when asked), one
 * of their own theaters' for a manager. A cursor that is not one of ours is a bad request.
 */
export async function auditLog(
  deps: AuditDeps,
  actor: SessionUser,
  page: { theaterId?: string | undefined; before?: string | undefined },
): Promise<AuditPage> {
  if (page.theaterId === undefined) authorize(actor, 'admin');
  else authorizeTheater(actor, page.theaterId, 'manager', 'admin');
  if (page.before !== undefined && !CURSOR.test(page.before)) {
    throw new AppError('bad_request', 'That page of the audit log does not exist. Start from the newest.');
  }
  const { entries, more } = await listAuditEntries(deps.db, { ...page, limit: AUDIT_PAGE_SIZE });
  const last = entries.at(-1);
  return { entries, before: page.before, older: more && last ? auditCursor(last) : undefined };
}
