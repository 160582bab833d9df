import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { isHtmx } from '../htmx';
import { RETAINED_304_HEADERS } from './etag';
import { initOf } from './response-init';

type Entry = {
  expires: number;
  /** Whether the data the page was drawn from is still current (see `cacheUntil`). */
  current: (() => boolean) | undefined;
  status: number;
  headers: [string, string][];
  body: Uint8Array<ArrayBuffer>;
  etag: string | null;
};

/** The variant of a page every visitor is sent: the one looked up before any handler runs. */
export const PUBLIC_VARIANT = '';

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
 * now, and, with `current`, only while `current()` says the data it was drawn from is still the data a
 * page drawn now would use. The catalogue passes the start of the earliest showtime a page lists, so a
 * cached page never lists one that has started. A page for a signed-in visitor is kept only with a
 * `variant`: what, besides the address, the page depends on (see `cachedPage`).
 */
export function cacheUntil(
  c: Context,
  until: number,
  options: { current?: () => boolean; variant?: string } = {},
): void {
  const now = c.var.deps.clock.now().getTime();
  const cap = now + c.var.deps.config.pageCacheMs;
  c.set('cacheUntil', { until: Math.min(until, cap), ...options });
}

/**
 * The finished page kept for this request's address as `variant` (a kind of visitor the page is drawn
 * alike for, such as signed-in customers) sees it, or undefined. For a handler that knows only once it
 * has its data that its page is not personal; on a miss it passes the same variant to `cacheUntil`, and
 * other requests asking meanwhile wait for its page rather than draw it again.
 */
export function cachedPage(c: Context, variant: string): Promise<Response | undefined> {
  return c.var.cachedPage?.(variant) ?? Promise.resolve(undefined);
}

/**
 * A per-process cache of finished pages (compressed bytes and ETag), for pages that change only when
 * their data or the clock moves on (the catalogue's listings, a seat map while its seat read is current).
 * Keyed by URL, the value of the one cookie pages vary on (`varyCookie`), fragment-or-page, encoding and
 * variant. A request with no other cookie is answered from the public variant before any handler runs;
 * other variants are asked for by handlers (`cachedPage`), and while one request draws a page they ask
 * for, the others wait for it: many visitors whose data arrived at once (a seat read, say) cost one
 * drawing. Pages opt in with `cacheUntil`; nothing is cached when the cache is off
 * (`PAGE_CACHE_SECONDS=0`), for other methods, or for non-200 answers.
 */
export function pageCache(options: { varyCookie: string; maxEntries?: number }): MiddlewareHandler {
  const entries = new Map<string, Entry>();
  /** Pages being drawn by a request that found none, by key: settled once it has answered. */
  const drawing = new Map<string, Promise<void>>();
  const maxEntries = options.maxEntries ?? 1000;
  return async function pageCache(c, next) {
    const deps = c.var.deps;
    if (deps.config.pageCacheMs <= 0 || c.req.method !== 'GET') return next();
    const address = `${c.req.url}|${getCookie(c, options.varyCookie) ?? ''}|${isHtmx(c) ? 'fragment' : 'page'}|${encodingClass(c.req.header('Accept-Encoding'))}`;
    const find = (key: string) => {
      const hit = entries.get(key);
      if (hit && hit.expires > deps.clock.now().getTime() && (hit.current?.() ?? true)) return hit;
      if (hit) entries.delete(key);
      return undefined;
    };

    const everyones = onlyCookie(c.req.header('Cookie'), options.varyCookie);
    const hit = everyones ? find(`${address}|${PUBLIC_VARIANT}`) : undefined;
    if (hit) {
      const ifNoneMatch = c.req.header('If-None-Match');
      if (hit.etag && ifNoneMatch?.includes(hit.etag.replace(/^W\//, ''))) {
        const headers = hit.headers.filter(([name]) => RETAINED_304_HEADERS.has(name));
        return new Response(null, { status: 304, headers });
      }
      return new Response(hit.body, { status: hit.status, headers: hit.headers });
    }
    let drawn: { key: string; done: () => void } | undefined;
    c.set('cachedPage', async (variant) => {
      const key = `${address}|${variant}`;
      let found = find(key);
      const other = found || drawn ? undefined : drawing.get(key);
      if (other) {
        await other;
        found = find(key);
      } else if (!found && !drawn) {
        // This request draws it: others asking meanwhile wait, once, for its answer.
        let done = () => {};
        drawing.set(key, new Promise<void>((resolve) => (done = resolve)));
        drawn = { key, done };
      }
      // Through c.body, so headers set before the handler (a renewed session's cookie) are sent too; the
      // ETag and Content-Encoding it carries tell the etag and compress middleware there is nothing to do.
      return found && c.body(found.body, 200, Object.fromEntries(found.headers));
    });

    try {
      const now = deps.clock.now().getTime();
      await next();
      const marked = c.get('cacheUntil');
      const variant = marked?.variant ?? (everyones ? PUBLIC_VARIANT : undefined);
      const res = c.res;
      if (
        !marked ||
        variant === undefined ||
        marked.until <= now ||
        marked.current?.() === false ||
        res.status !== 200 ||
        res.headers.has('Set-Cookie') ||
        !res.body
      )
        return;
      const body = new Uint8Array(await res.arrayBuffer());
      c.res = undefined;
      c.res = new Response(body, initOf(res));
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
      entries.set(`${address}|${variant}`, {
        expires: marked.until,
        current: marked.current,
        status: res.status,
        headers: [...res.headers],
        body,
        etag: res.headers.get('ETag'),
      });
    } finally {
      if (drawn) {
        drawing.delete(drawn.key);
        drawn.done();
      }
    }
  };
}
