import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { isHtmx } from '../htmx';
import { RETAINED_304_HEADERS } from './etag';
import { initOf } from './response-init';

type Entry = {
  expires: number;
  status: number;
  headers: [string, string][];
  body: Uint8Array<ArrayBuffer>;
  etag: string | null;
};

/** Only the one cookie pages vary on may be sent; any other cookie (a session) bypasses the cache. */
function onlyCookie(header: string | undefined, cookie: string): boolean {
  if (!header) return true;
  return header.split(';').every((part) => {
    const name = part.split('=')[0]?.trim();
    return !name || name === cookie;
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
 * Marks the page being rendered as cacheable until `until` (epoch ms), capped at PAGE_CACHE_SECONDS from
 * now. The catalogue passes the start of the earliest showtime a page lists, so a cached page never lists
 * one that has started.
 */
export function cacheUntil(c: Context, until: number): void {
  const now = c.var.deps.clock.now().getTime();
  const cap = now + c.var.deps.config.pageCacheMs;
  c.set('cacheUntil', Math.min(until, cap));
}

/**
 * A per-process cache of finished public pages (compressed bytes and ETag), for pages that every visitor
 * reads and that change only when their data or the clock moves on (the catalogue's listings). Keyed by
 * URL, the value of the one cookie pages vary on (`varyCookie`), fragment-or-page and encoding. Pages opt
 * in with `cacheUntil`; nothing is cached when the cache is off (`PAGE_CACHE_SECONDS=0`), for other
 * methods, or for non-200 answers.
 */
export function pageCache(options: { varyCookie: string; maxEntries?: number }): MiddlewareHandler {
  const entries = new Map<string, Entry>();
  const maxEntries = options.maxEntries ?? 1000;
  return async (c, next) => {
    const deps = c.var.deps;
    if (
      deps.config.pageCacheMs <= 0 ||
      c.req.method !== 'GET' ||
      !onlyCookie(c.req.header('Cookie'), options.varyCookie)
    ) {
      return next();
    }
    const key = `${c.req.url}|${getCookie(c, options.varyCookie) ?? ''}|${isHtmx(c) ? 'fragment' : 'page'}|${encodingClass(c.req.header('Accept-Encoding'))}`;
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
