import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../../platform/errors';

/** Refuses request bodies over `maxBytes` with a 413 page that says what to do. */
export function limitBody(maxBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new AppError(
        'payload_too_large',
        'The form you sent was larger than we accept. Please shorten it.',
      );
    },
  });
}
