/** What a back-office change is about: a user's access, a theater, a screen, a film, a showtime. */
export type AuditTarget = {
  kind: 'user' | 'city' | 'theater' | 'screen' | 'film' | 'showtime' | 'price card' | 'booking';
  id: string;
  label: string;
};

/**
 * One back-office change, written in the same transaction as the change itself and never updated or
 * deleted: who made it, when, what it changed, and the values before and after.
 */
export type AuditEntry = {
  id: string;
  at: string;
  actorId: string;
  actorEmail: string;
  /** A short verb phrase: "changed access", "created theater". */
  action: string;
  target: AuditTarget;
  /** The theater it belongs to, so its managers can read it; absent for chain-wide changes. */
  theaterId?: string | undefined;
  before?: Record<string, unknown> | undefined;
  after?: Record<string, unknown> | undefined;
};

/** A page of entries, newest first, with the cursor of the next (older) page when there is one. */
export type AuditPage = { entries: AuditEntry[]; before: string | undefined; older: string | undefined };

/** The scope an entry is filed under: its theater, or the chain. */
export const CHAIN = 'chain';
