import type { MiddlewareHandler } from 'hono';
import { afterPaintScriptHash } from '../../generated/after-paint';
import { inlineStylesHash } from '../../generated/styles';

/**
 * Scripts, styles, images and form posts come from our own origin only, but that the checkout's form may
 * lead on to an online provider's hosted page (`formTargets`); nothing inline but the site's own
 * stylesheet and the script that starts a page's modules after its first paint, each allowed by its hash
 * (src/web/layout.tsx); no eval (htmx is configured to need neither), no framing.
 */
export function contentSecurityPolicy(formTargets: readonly string[] = []): string {
  return [
    "default-src 'self'",
    `script-src 'self' '${afterPaintScriptHash}'`,
    `style-src 'self' '${inlineStylesHash}'`,
    "img-src 'self' data:",
    "font-src 'none'",
    "connect-src 'self'",
    ['form-action', "'self'", ...formTargets].join(' '),
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');
}

/**
 * Sets the security headers on every answer but a 304. `hsts` only where HTTPS is real: not on a laptop's
 * http://localhost.
 */
export function securityHeaders(options: {
  hsts: boolean;
  formTargets?: readonly string[];
}): MiddlewareHandler {
  const headers: [string, string][] = [
    ['Content-Security-Policy', contentSecurityPolicy(options.formTargets)],
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'strict-origin-when-cross-origin'],
    ['X-Frame-Options', 'DENY'],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
    ['Permissions-Policy', 'camera=(self), geolocation=(), microphone=(), payment=()'],
    ...(options.hsts
      ? [['Strict-Transport-Security', 'max-age=63072000; includeSubDomains'] as [string, string]]
      : []),
  ];
  return async (c, next) => {
    await next();
    // A 304 updates the stored response, which has them already; leaving them off keeps polls tiny.
    if (c.res.status === 304) return;
    // On the finished response c.header() would copy it into a new, streamed one: set them in place.
    for (const [name, value] of headers) c.res.headers.set(name, value);
  };
}
