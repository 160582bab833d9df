import type { Child } from 'hono/jsx';
import type { Deps } from '../deps';

/** The signed-in visitor as the page header shows them; the auth layer's session middleware sets it. */
export type Viewer = { name: string; staff: boolean };

/**
 * Controls a feature adds to every page's header (the catalogue's city form), rendered for the page at
 * `path`. A function, so answers that never reach the layout (fragments, redirects) never pay for it.
 */
export type HeaderTools = (path: string) => Promise<Child>;

/*
 * What the web layer keeps on each request's context (`c.var`), typed the way Hono documents for
 * middleware: by adding to its ContextVariableMap. The auth layer adds the user the same way
 * (src/auth/request-variables.ts). These are per-request values, not environment variables: those are
 * read once, in src/config.ts.
 */
declare module 'hono' {
  interface ContextVariableMap {
    deps: Deps;
    /** The client's address, for rate limits: from the connection, or the configured proxy header. */
    clientIp: string;
    /**
     * Set by a handler whose page may be served from the page cache until `until` (epoch ms), with
     * `current` only while it says the page's data is current, and for `variant` of visitor.
     */
    cacheUntil: { until: number; current?: () => boolean; variant?: string } | undefined;
    /** Set by the page cache: the page it keeps for this address and a variant of visitor, if any. */
    cachedPage: ((variant: string) => Promise<Response | undefined>) | undefined;
    viewer: Viewer | undefined;
    headerTools: HeaderTools | undefined;
  }
}
