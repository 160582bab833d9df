import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../hono-env';
import { RETAINED_304_HEADERS } from './etag';
import { isHtmx } from '../htmx';
import { initOf } from './response-init';

type Entry = {
  expires: number;
  status: number;
  headers: [string, string][];
  body: Uint8Array<ArrayBuffer>;
  etag: string | null;
};

/** Only the city cookie may vary a cacheable page; any other cookie (a session, later) bypasses the cache. */
function onlyCityCookie(header: string | undefined, cityCookie: string): boolean {
  if (!header) return true;
  return header.split(';').every((part) => {
    const name = part.split('=')[0]?.trim();
    return !name || name === cityCookie;
  });
}

function encodingClass(header: string | undefined): string {
  return header && /\bgzip\b/i.test(header)
    ? 'gzip'
    : header && /\bdeflate\b/i.test(header)
      ? 'deflate'
      : 'identity';
}

/**
 * Marks the page being rendered as cacheable until `until` (epoch ms), capped at `maxAgeMs` from now.
 * Handlers pass the start of the earliest showtime they list, so a cached page never lists one that has
 * started.
 */
export function cacheUntil(c: Context<AppEnv>, until: number): void {
  const now = c.var.deps.clock.now().getTime();
  const cap = now + c.var.deps.config.pageCacheMs;
  c.set('cacheUntil', Math.min(until, cap));
}

/**
 * A per-process cache of finished public pages (compressed bytes and ETag), for the catalogue pages that
 * every visitor reads and that change only when the catalogue or the clock moves past a showtime.
 * Keyed by URL, city cookie, fragment-or-page and encoding. Pages opt in with `cacheUntil`; nothing is
 * cached when the cache is off (`PAGE_CACHE_SECONDS=0`), for other methods, or for non-200 answers.
 */
export function pageCache(options: { cityCookie: string; maxEntries?: number }): MiddlewareHandler<AppEnv> {
  const entries = new Map<string, Entry>();
  const maxEntries = options.maxEntries ?? 1000;
  return async (c, next) => {
    const deps = c.var.deps;
    if (
      deps.config.pageCacheMs <= 0 ||
      c.req.method !== 'GET' ||
      !onlyCityCookie(c.req.header('Cookie'), options.cityCookie)
    ) {
      return next();
    }
    const key = `${c.req.url}|${c.var.cityId ?? ''}|${isHtmx(c) ? 'fragment' : 'page'}|${encodingClass(c.req.header('Accept-Encoding'))}`;
    const now = deps.clock.now().getTime();
    const hit = entries.get(key);
    if (hit && hit.expires > now) {
      const ifNoneMatch = c.req.header('If-None-Match');
      if (hit.etag && ifNoneMatch?.includes(hit.etag.replace(/^W\//, ''))) {
        const headers = hit.headers.filter(([name]) => RETAINED_304_HEADERS.has(name));
        return new Response(null, { status: 304, headers });
      }
      return new Response(hit.body, { status: hit.status, headers: hit.headers });
    }
    if (hit) entries.delete(key);

    await next();
    const until = c.get('cacheUntil');
    const res = c.res;
    if (
      until === undefined ||
      until <= now ||
      res.status !== 200 ||
      res.headers.has('Set-Cookie') ||
      !res.body
    )
      return;
    const body = new Uint8Array(await res.arrayBuffer());
    c.res = undefined;
    c.res = new Response(body, initOf(res));
    if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
    entries.set(key, {
      expires: until,
      status: res.status,
      headers: [...res.headers],
      body,
      etag: res.headers.get('ETag'),
    });
  };
}
