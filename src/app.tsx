import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import type { Deps } from './deps';
import { AppError } from './platform/errors';
import { sessionMiddleware } from './auth/session-cookie';
import { accountRoutes } from './features/accounts/routes';
import { adminRoutes } from './features/admin/routes';
import { bookingRoutes } from './features/booking/routes';
import { CITY_COOKIE, catalogRoutes } from './features/catalog/routes';
import { checkinRoutes } from './features/checkin/routes';
import { confirmationRoutes } from './features/confirmations/routes';
import { siteRoutes } from './features/site/routes';
import { compress } from './web/middleware/compress';
import type { AppEnv } from './web/hono-env';
import { notFound, onError } from './web/error-pages';
import { etag } from './web/middleware/etag';
import { pageCache } from './web/middleware/page-cache';
import { type AssetFile, serveAssets } from './web/middleware/serve-assets';

export type AppOptions = {
  /** In-memory assets for runtimes that serve them from the app (Node); Workers serve them from its asset store. */
  assets?: ReadonlyMap<string, AssetFile>;
  /**
   * Compress HTML in the app (Node). Workers leave it to the platform: workerd encodes any response that
   * declares a Content-Encoding itself, so a body compressed here would arrive compressed twice.
   */
  compress?: boolean;
  /** The connection's peer address, which only the runtime knows (Node's socket, Workers' CF-Connecting-IP). */
  peerAddress?: (c: Context<AppEnv>) => string | undefined;
};

/**
 * Scripts, styles, images and form posts come from our own origin only; nothing inline, no eval (htmx is
 * configured to need neither), no framing.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'none'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ');

/** Builds the whole web app from its dependencies. Runtime entry points only supply them. */
export function createApp(deps: Deps, options: AppOptions = {}) {
  const app = new Hono<AppEnv>();
  const securityHeaders: [string, string][] = [
    ['Content-Security-Policy', CONTENT_SECURITY_POLICY],
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'strict-origin-when-cross-origin'],
    ['X-Frame-Options', 'DENY'],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
    ['Permissions-Policy', 'camera=(self), geolocation=(), microphone=(), payment=()'],
    // HTTPS is only promised where it is real: not on a laptop's http://localhost.
    ...(deps.config.local
      ? []
      : [['Strict-Transport-Security', 'max-age=63072000; includeSubDomains'] as [string, string]]),
  ];

  app.onError(onError);
  app.notFound(notFound);

  app.use(async (c, next) => {
    c.set('deps', deps);
    c.set('cityId', getCookie(c, CITY_COOKIE));
    const forwarded = deps.config.clientIpHeader && c.req.header(deps.config.clientIpHeader);
    c.set(
      'clientIp',
      (forwarded ? forwarded.split(',').at(-1)?.trim() : options.peerAddress?.(c)) || 'unknown',
    );
    await next();
    // A 304 updates the stored response, which has them already; leaving them off keeps polls tiny.
    if (c.res.status === 304) return;
    // On the finished response c.header() would copy it into a new, streamed one: set them in place.
    for (const [name, value] of securityHeaders) c.res.headers.set(name, value);
  });
  if (options.assets) app.use('/assets/*', serveAssets(options.assets));
  app.use(
    bodyLimit({
      maxSize: deps.config.maxBodyBytes,
      onError: () => {
        throw new AppError(
          'payload_too_large',
          'The form you sent was larger than we accept. Please shorten it.',
        );
      },
    }),
  );
  app.use(csrf());
  app.use(pageCache({ cityCookie: CITY_COOKIE }));
  app.use(sessionMiddleware());
  if (options.compress ?? true) app.use(compress());
  app.use(etag());

  app.route('/', siteRoutes());
  app.route('/', accountRoutes());
  app.route('/', adminRoutes());
  app.route('/', catalogRoutes());
  app.route('/', bookingRoutes());
  app.route('/', confirmationRoutes());
  app.route('/', checkinRoutes());
  return app;
}

export type App = ReturnType<typeof createApp>;
