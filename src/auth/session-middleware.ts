import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { clearSessionCookie, sessionCookieName, setSessionCookie } from './session-cookie';
import { validateSessionToken } from './sessions';

/**
 * Resolves the session cookie to `c.var.user` (and the header's `viewer`); a dead token's cookie is
 * cleared, a slid session's renewed.
 */
export function sessionMiddleware(): MiddlewareHandler {
  return async (c, next) => {
    const token = getCookie(c, sessionCookieName(c.var.deps.config.local));
    if (token) {
      const valid = await validateSessionToken(c.var.deps, token);
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
    await next();
  };
}
