import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { SESSION_LIFETIME_MS } from './sessions';

/** `__Host-` binds the cookie to this exact origin over HTTPS; plain HTTP on localhost cannot use it. */
export function sessionCookieName(local: boolean): string {
  return local ? 'session' : '__Host-session';
}

function cookieOptions(c: Context) {
  const local = c.var.deps.config.local;
  return { path: '/', httpOnly: true, sameSite: 'Lax' as const, secure: !local };
}

export function setSessionCookie(c: Context, token: string): void {
  setCookie(c, sessionCookieName(c.var.deps.config.local), token, {
    ...cookieOptions(c),
    maxAge: Math.floor(SESSION_LIFETIME_MS / 1000),
  });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, sessionCookieName(c.var.deps.config.local), cookieOptions(c));
}
