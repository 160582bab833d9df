import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../../platform/errors';

/** Requests that may send more than the usual limit (a form with a file), with what to say when too big. */
export type LargerBodies = { when: (c: Context) => boolean; maxBytes: number; message: string };

/**
 * Refuses request bodies over `maxBytes` with a 413 page that says what to do. Requests `larger` picks
 * (an upload form) get its own limit instead, so allowing a file never raises the limit of every route.
 */
export function limitBody(maxBytes: number, larger?: LargerBodies): MiddlewareHandler {
  const refuse = (message: string) => () => {
    throw new AppError('payload_too_large', message);
  };
  const usual = bodyLimit({
    maxSize: maxBytes,
    onError: refuse('The form you sent was larger than we accept. Please shorten it.'),
  });
  const upload = larger && bodyLimit({ maxSize: larger.maxBytes, onError: refuse(larger.message) });
  return function limitBody(c, next) {
    // A GET or HEAD has no body (Fetch forbids one). Asking hono's limit would build the whole Request
    // on Node (@hono/node-server makes it only when its body is asked for), about a tenth of the CPU of
    // a page served from the page cache.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    return larger?.when(c) && upload ? upload(c, next) : usual(c, next);
  };
}
