import type { Deps } from '../deps';
import type { Session, SessionUser } from './model';
import { toSessionUser } from './model';
import * as repo from './repo';
import { hashSecret, randomString, sameHash } from './tokens';

/*
 * Sessions after Lucia's published design: a token is `<id>.<secret>`; the table stores the id and a
 * SHA-256 hash of the secret, never the secret; validation compares hashes in constant time; a session
 * lives 30 days from its last use (checked at most hourly, so reads stay cheap); every sign-in makes a
 * new session, so a token planted before sign-in is worth nothing after it.
 */

export const SESSION_LIFETIME_MS = 30 * 86_400_000;
const ACTIVITY_CHECK_MS = 3_600_000;

type SessionDeps = Pick<Deps, 'db' | 'clock'>;

export type ValidSession = { session: Session; user: SessionUser; token: string; refreshed: boolean };

export async function createSession(
  deps: SessionDeps,
  userId: string,
): Promise<{ session: Session; token: string }> {
  const now = deps.clock.now();
  const id = randomString();
  const secret = randomString();
  const session: Session = {
    id,
    userId,
    secretHash: hashSecret(secret),
    createdAt: now.toISOString(),
    lastVerifiedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS).toISOString(),
  };
  await repo.putSession(deps.db, session);
  return { session, token: `${id}.${secret}` };
}

/** The session and user a token stands for, or undefined for a malformed, unknown, forged or expired one. */
export async function validateSessionToken(
  deps: SessionDeps,
  token: string,
): Promise<ValidSession | undefined> {
  const [id, secret, extra] = token.split('.');
  if (!id || !secret || extra !== undefined || !/^[a-z2-7]{24}$/.test(id) || !/^[a-z2-7]{24}$/.test(secret)) {
    return undefined;
  }
  const session = await repo.getSession(deps.db, id);
  if (!session || !sameHash(session.secretHash, hashSecret(secret))) return undefined;
  const now = deps.clock.now();
  if (Date.parse(session.expiresAt) <= now.getTime()) {
    await repo.deleteSession(deps.db, id);
    return undefined;
  }
  const user = await repo.getUser(deps.db, session.userId);
  if (!user) return undefined;
  let refreshed = false;
  if (now.getTime() - Date.parse(session.lastVerifiedAt) >= ACTIVITY_CHECK_MS) {
    session.lastVerifiedAt = now.toISOString();
    session.expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS).toISOString();
    await repo.touchSession(deps.db, id, session.lastVerifiedAt, session.expiresAt);
    refreshed = true;
  }
  return { session, user: toSessionUser(user), token, refreshed };
}

export async function invalidateSession(deps: SessionDeps, sessionId: string): Promise<void> {
  await repo.deleteSession(deps.db, sessionId);
}

/** Ends every session of a user, except `keep` when given (the one in use). */
export async function invalidateUserSessions(
  deps: SessionDeps,
  userId: string,
  keep?: string,
): Promise<number> {
  return repo.deleteUserSessions(deps.db, userId, keep);
}
