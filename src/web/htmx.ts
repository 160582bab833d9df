import type { Context } from 'hono';

/**
 * True for an htmx request that wants a fragment. History restores and boosted navigations want whole
 * pages, so they count as plain requests.
 */
export function isHtmx(c: Context): boolean {
  return (
    c.req.header('HX-Request') === 'true' &&
    c.req.header('HX-History-Restore-Request') !== 'true' &&
    c.req.header('HX-Request-Type') !== 'full'
  );
}
