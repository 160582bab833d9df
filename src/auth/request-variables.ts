import type { Session, SessionUser } from './model';

/*
 * What the auth layer keeps on each request's context, beside the web layer's (src/web/request-variables.ts):
 * the signed-in user and their session, set by `sessionMiddleware()` when the session cookie holds a
 * valid token.
 */
declare module 'hono' {
  interface ContextVariableMap {
    user: SessionUser | undefined;
    session: Session | undefined;
    /** A session token left to its route to validate with the route's own reads (session-middleware.ts). */
    sessionToken: string | undefined;
  }
}
