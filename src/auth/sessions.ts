import type { Deps } from '../deps';
import type { ItemKey, ReadAhead } from '../platform/db/query';
import type { Session, SessionUser, User } from './model';
import { toSessionUser } from './model';
import * as repo from './repo';
import { hashSecret, randomString, sameHash } from './tokens';

/*
 * Sessions after Lucia's published design: a token is `<id>.<secret>`; the table stores the id and a
 * SHA-256 hash of the secret, never the secret; validation compares hashes in constant time; a session
 * lives 30 days from its last use (checked at most hourly, so reads stay cheap); every sign-in makes a
 * new session, so a token planted before sign-in is worth nothing after it. The id begins with the user's
 * id (`<user>_<random>`), so the session and its user are read in one request, not one after the other
 * (docs/decisions/028); ids from before that still work, read in two. A process keeps a session and its
 * user for `config.sessionCacheMs` (2 s by default), so a rush of pages by one visitor costs that read
 * once; the secret is checked against the cached hash on every request all the same.
 */

/** `<user>_<random>`, or the bare random part of sessions made before ids named their user. */
const SESSION_ID = /^(?:([a-z0-9-]{1,64})_)?[a-z2-7]{24}$/;
/** User ids that can lead a session id: all that accounts make (random base32) and the demo's. */
const NAMEABLE_USER = /^[a-z0-9-]{1,64}$/;

export const SESSION_LIFETIME_MS = 30 * 86_400_000;
const ACTIVITY_CHECK_MS = 3_600_000;

type SessionDeps = Pick<Deps, 'db' | 'clock'> & Partial<Pick<Deps, 'sessionCache'>>;

export type ValidSession = { session: Session; user: SessionUser; token: string; refreshed: boolean };

export async function createSession(
  deps: SessionDeps,
  userId: string,
): Promise<{ session: Session; token: string }> {
  const now = deps.clock.now();
  const id = NAMEABLE_USER.test(userId) ? `${userId}_${randomString()}` : randomString();
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

/** A token's parts when it is well formed: the session id, the secret, and the user the id names. */
function parseToken(token: string): { id: string; secret: string; named: string | undefined } | undefined {
  const [id, secret, extra] = token.split('.');
  if (!id || !secret || extra !== undefined || !/^[a-z2-7]{24}$/.test(secret)) return undefined;
  const match = SESSION_ID.exec(id);
  return match ? { id, secret, named: match[1] } : undefined;
}

type Found = { session: Session | undefined; user: User | undefined } | undefined;

/** The session and user a token stands for, or undefined for a malformed, unknown, forged or expired one. */
export async function validateSessionToken(
  deps: SessionDeps,
  token: string,
): Promise<ValidSession | undefined> {
  return (await validateSessionTokenWith(deps, token)).valid;
}

/**
 * True when validating `token` would read the table: its session is not in this process's cache, and its
 * id names its user, so items of that user can be read in the same request (`validateSessionTokenWith`).
 */
export function validationReads(deps: SessionDeps, token: string): boolean {
  const parsed = parseToken(token);
  return parsed?.named !== undefined && !deps.sessionCache?.peek(parsed.id);
}

/**
 * `validateSessionToken`, reading the items `also` names for the user the token's id names in the same
 * request as the session and user: one read for a step that needs both. `ahead` holds those items only
 * when the session validates; it is undefined when they were not read (the session came from the cache,
 * or its id names no user), and the caller reads them itself.
 */
export async function validateSessionTokenWith(
  deps: SessionDeps,
  token: string,
  also?: (userId: string) => Promise<readonly ItemKey[]>,
): Promise<{ valid: ValidSession | undefined; ahead: ReadAhead | undefined }> {
  const parsed = parseToken(token);
  if (!parsed) return { valid: undefined, ahead: undefined };
  let ahead: ReadAhead | undefined;
  const load = async (): Promise<Found> => {
    const read = await readSession(deps, parsed, also);
    ahead = read.ahead;
    return read.found;
  };
  const found = await (deps.sessionCache ? deps.sessionCache.get(parsed.id, load) : load());
  const valid = await verify(deps, token, parsed, found);
  return { valid, ahead: valid ? ahead : undefined };
}

/** Whether `found` is the live session of the token's secret, sliding its expiry when it is time to. */
async function verify(
  deps: SessionDeps,
  token: string,
  parsed: { id: string; secret: string },
  found: Found,
): Promise<ValidSession | undefined> {
  const session = found?.session;
  if (!session || !sameHash(session.secretHash, hashSecret(parsed.secret))) return undefined;
  const now = deps.clock.now();
  if (Date.parse(session.expiresAt) <= now.getTime()) {
    await invalidateSession(deps, parsed.id);
    return undefined;
  }
  const user = found.user;
  if (!user) return undefined;
  let refreshed = false;
  if (now.getTime() - Date.parse(session.lastVerifiedAt) >= ACTIVITY_CHECK_MS) {
    session.lastVerifiedAt = now.toISOString();
    session.expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS).toISOString();
    await repo.touchSession(deps.db, parsed.id, session.lastVerifiedAt, session.expiresAt);
    refreshed = true;
  }
  return { session, user: toSessionUser(user), token, refreshed };
}

/**
 * A session and its user as the table has them, read together in one request when the id names the user
 * (and only when the session is that user's), with the items `also` names for that user (`ahead`); else
 * one after the other. `found` is what `sessionCache` keeps for `config.sessionCacheMs`.
 */
async function readSession(
  deps: SessionDeps,
  parsed: { id: string; named: string | undefined },
  also?: (userId: string) => Promise<readonly ItemKey[]>,
): Promise<{ found: Found; ahead?: ReadAhead }> {
  const { id, named } = parsed;
  if (named) {
    const keys = also ? await also(named) : [];
    const read = await repo.getSessionAndUser(deps.db, id, named, keys);
    return {
      found: read.session?.userId === named ? { session: read.session, user: read.user } : undefined,
      ...(also ? { ahead: { keys, items: read.also, consistent: true } } : {}),
    };
  }
  const session = await repo.getSession(deps.db, id);
  return { found: session ? { session, user: await repo.getUser(deps.db, session.userId) } : undefined };
}

export async function invalidateSession(deps: SessionDeps, sessionId: string): Promise<void> {
  await repo.deleteSession(deps.db, sessionId);
  deps.sessionCache?.delete(sessionId);
}

/** Ends every session of a user, except `keep` when given (the one in use). */
export async function invalidateUserSessions(
  deps: SessionDeps,
  userId: string,
  keep?: string,
): Promise<number> {
  const ended = await repo.deleteUserSessions(deps.db, userId, keep);
  forgetCachedUsers(deps);
  return ended;
}

/**
 * A user changed (role, email confirmed, profile, password): this process reads every session and user
 * afresh from now on. Rare enough that forgetting them all costs less than keeping an index by user; other
 * processes see the change within `config.sessionCacheMs` (docs/scaling.md).
 */
export function forgetCachedUsers(deps: Partial<Pick<Deps, 'sessionCache'>>): void {
  deps.sessionCache?.clear();
}
