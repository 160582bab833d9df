import type { MiddlewareHandler } from 'hono';
import { AppError } from '../../platform/errors';

const FORM_TYPES = new Set(['multipart/form-data', 'application/x-www-form-urlencoded']);

/**
 * Reads a form post's body once, before any route does: a body that cannot be read as the form it claims
 * to be (a broken multipart boundary, a truncated part) is the sender's mistake, answered with a 400 and a
 * warning, not a 500 from deep inside a handler. Hono keeps the parsed form, so routes read it for free.
 */
export function readFormBodies(): MiddlewareHandler {
  return async (c, next) => {
    const type = c.req.header('Content-Type')?.split(';')[0]?.trim().toLowerCase();
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && type && FORM_TYPES.has(type)) {
      try {
        await c.req.parseBody();
      } catch (error) {
        c.var.deps.log.warn('form body could not be read', {
          method: c.req.method,
          path: c.req.path,
          contentType: type,
          error: error instanceof Error ? error.message : String(error),
        });
        throw new AppError(
          'bad_request',
          'We could not read the form you sent. Please go back, reload the page and try again.',
        );
      }
    }
    await next();
  };
}
