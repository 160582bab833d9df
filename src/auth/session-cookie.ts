import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { AppError } from '../platform/errors';
import type { AppEnv } from '../web/hono-env';
import { authorize } from './authorize';
import type { Role, SessionUser } from '../features/accounts/model';
import { SESSION_LIFETIME_MS, validateSessionToken } from './sessions';

/** `__Host-` binds the cookie to this exact origin over HTTPS; plain HTTP on localhost cannot use it. */
export function sessionCookieName(local: boolean): string {
  return local ? 'session' : '__Host-session';
}

function cookieOptions(c: Context<AppEnv>) {
  const local = c.var.deps.config.local;
  return { path: '/', httpOnly: true, sameSite: 'Lax' as const, secure: !local };
}

export function setSessionCookie(c: Context<AppEnv>, token: string): void {
  setCookie(c, sessionCookieName(c.var.deps.config.local), token, {
    ...cookieOptions(c),
    maxAge: Math.floor(SESSION_LIFETIME_MS / 1000),
  });
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, sessionCookieName(c.var.deps.config.local), cookieOptions(c));
}

/** Resolves the session cookie to `c.var.user`; a dead token's cookie is cleared, a slid session's renewed. */
export function sessionMiddleware(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = getCookie(c, sessionCookieName(c.var.deps.config.local));
    if (token) {
      const valid = await validateSessionToken(c.var.deps, token);
      if (valid) {
        c.set('user', valid.user);
        c.set('session', valid.session);
        if (valid.refreshed) setSessionCookie(c, token);
      } else {
        clearSessionCookie(c);
      }
    }
    await next();
  };
}

/** The signed-in user, or a redirect to sign-in that comes back here afterwards. */
export function requireUser(c: Context<AppEnv>): SessionUser {
  const user = c.var.user;
  if (!user) throw new AppError('unauthorized', 'Please sign in to continue.');
  return user;
}

/** The signed-in user when they hold one of `roles`: signed out goes to sign-in, any other role gets 403. */
export function requireRole(c: Context<AppEnv>, ...roles: Role[]): SessionUser {
  return authorize(requireUser(c), ...roles);
}
