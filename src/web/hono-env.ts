import type { Deps } from '../deps';
import type { Session, SessionUser } from '../features/accounts/model';

/** Hono's environment for every route: the injected dependencies and the visitor's chosen city. */
export type AppEnv = {
  Variables: {
    deps: Deps;
    /** The city id from the visitor's cookie, not yet checked against the catalogue. */
    cityId: string | undefined;
    /** The client's address, for rate limits: from the connection, or the configured proxy header. */
    clientIp: string;
    /** The signed-in user and their session, when the session cookie holds a valid token. */
    user: SessionUser | undefined;
    session: Session | undefined;
    /** Set by a handler whose page may be served from the page cache until then (epoch ms). */
    cacheUntil: number | undefined;
  };
};
