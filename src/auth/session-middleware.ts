import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { ItemKey, ReadAhead } from '../platform/db/query';
import { clearSessionCookie, sessionCookieName, setSessionCookie } from './session-cookie';
import {
  type ValidSession,
  validateSessionToken,
  validateSessionTokenWith,
  validationReads,
} from './sessions';

/**
 * Resolves the session cookie to `c.var.user` (and the header's `viewer`); a dead token's cookie is
 * cleared, a slid session's renewed. A request `readsWithSession` picks (a booking step) whose session
 * must be read from the table is left to its route, which reads the session and its own first items in
 * one request (`signInWithReads`); until then it has no user.
 */
export function sessionMiddleware(
  options: { readsWithSession?: (c: Context) => boolean } = {},
): MiddlewareHandler {
  return async (c, next) => {
    const token = getCookie(c, sessionCookieName(c.var.deps.config.local));
    if (token) {
      if (options.readsWithSession?.(c) && validationReads(c.var.deps, token)) c.set('sessionToken', token);
      else useSession(c, token, await validateSessionToken(c.var.deps, token));
    }
    await next();
  };
}

/** Puts a validated session on the request, or clears the cookie of one that did not validate. */
function useSession(c: Context, token: string, valid: ValidSession | undefined): void {
  if (valid) {
    c.set('user', valid.user);
    c.set('session', valid.session);
    c.set('viewer', {
      name: valid.user.name,
      // Everyone who works for the chain gets the link to the staff pages, managers too.
      staff: valid.user.role !== 'customer',
    });
    if (valid.refreshed) setSessionCookie(c, token);
  } else {
    clearSessionCookie(c);
  }
}

/**
 * For a route `readsWithSession` picks, first thing: validates the session the middleware left to it,
 * reading the items `also` names for its user in the same request, and sets the user as the middleware
 * would. Returns those items (strongly consistent) for the route's own reads (`batchGetStored`'s
 * `ahead`), or undefined when the session needed no read or did not validate: the route reads as usual.
 */
export async function signInWithReads(
  c: Context,
  also: (userId: string) => Promise<readonly ItemKey[]>,
): Promise<ReadAhead | undefined> {
  const token = c.var.sessionToken;
  if (!token) return undefined;
  c.set('sessionToken', undefined);
  const { valid, ahead } = await validateSessionTokenWith(c.var.deps, token, also);
  useSession(c, token, valid);
  return ahead;
}
