import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { initOf } from './response-init';

/** What a 304 keeps of the 200 it stands for (RFC 9110, 15.4.5). */
export const RETAINED_304_HEADERS = new Set([
  'cache-control',
  'content-location',
  'date',
  'etag',
  'expires',
  'vary',
]);

function matches(etag: string, ifNoneMatch: string | null): boolean {
  const expected = etag.replace(/^W\//, '');
  return ifNoneMatch?.match(/"[^"]*"/g)?.some((tag) => tag === expected) ?? false;
}

/**
 * Strong ETags from the SHA-1 of the body and 304s for matching If-None-Match, like hono/etag (same
 * tags), but hashing the whole body at once: hono/etag tees the body stream and hashes it through
 * crypto.subtle, whose thread-pool round trip costs more than hashing a page in place.
 */
export function etag(): MiddlewareHandler {
  return async function etag(c, next) {
    const ifNoneMatch = c.req.header('If-None-Match') ?? null;
    await next();
    const method = c.req.method;
    if (!(method === 'GET' || method === 'HEAD' || method === 'QUERY') || !c.res.ok) return;
    const res = c.res;
    let tag = res.headers.get('ETag');
    if (!tag) {
      const body = new Uint8Array(await res.arrayBuffer());
      // Clearing first stops Hono wrapping the new response in yet another one and copying stale headers back.
      c.res = undefined;
      // As with hono/etag, an empty body gets no tag.
      if (body.byteLength === 0) {
        c.res = new Response(null, initOf(res));
        return;
      }
      c.res = new Response(body, initOf(res));
      tag = `"${createHash('sha1').update(body).digest('hex')}"`;
    }
    if (ifNoneMatch === '*' || matches(tag, ifNoneMatch)) {
      const headers = new Headers({ ETag: tag });
      for (const [name, value] of res.headers) if (RETAINED_304_HEADERS.has(name)) headers.set(name, value);
      c.res = undefined;
      c.res = new Response(null, { status: 304, statusText: 'Not Modified', headers });
      return;
    }
    c.res.headers.set('ETag', tag);
  };
}
