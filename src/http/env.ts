import type { Deps } from '../deps';

/** Hono's environment for every route: the injected dependencies and the visitor's chosen city. */
export type AppEnv = {
  Variables: {
    deps: Deps;
    /** The city id from the visitor's cookie, not yet checked against the catalogue. */
    cityId: string | undefined;
    /** Set by a handler whose page may be served from the page cache until then (epoch ms). */
    cacheUntil: number | undefined;
  };
};
