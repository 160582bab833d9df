import type { Context, MiddlewareHandler } from 'hono';
import type { Deps } from '../../deps';

/**
 * Puts what every handler reads on the context: the dependencies, and the client's address for rate
 * limits, from `clientIpHeader` behind a proxy (its last entry, the one the proxy added) or else from
 * the connection, which only the runtime knows (`peerAddress`).
 */
export function requestContext(
  deps: Deps,
  peerAddress?: (c: Context) => string | undefined,
): MiddlewareHandler {
  return async (c, next) => {
    c.set('deps', deps);
    const forwarded = deps.config.clientIpHeader && c.req.header(deps.config.clientIpHeader);
    c.set('clientIp', (forwarded ? forwarded.split(',').at(-1)?.trim() : peerAddress?.(c)) || 'unknown');
    await next();
  };
}
