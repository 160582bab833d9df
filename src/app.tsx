import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import type { Deps } from './deps';
import { AppError } from './errors';
import { sessionMiddleware } from './features/accounts/middleware';
import { accountRoutes } from './features/accounts/routes';
import { CITY_COOKIE, catalogRoutes } from './features/catalog/routes';
import { siteRoutes } from './features/site/routes';
import { compress } from './http/compress';
import type { AppEnv } from './http/env';
import { notFound, onError } from './http/errors';
import { etag } from './http/etag';
import { pageCache } from './http/page-cache';
import { type AssetFile, serveAssets } from './http/static';

export type AppOptions = {
  /** In-memory assets for runtimes that serve them from the app (Node); Workers serve them from its asset store. */
  assets?: ReadonlyMap<string, AssetFile>;
  /**
   * Compress HTML in the app (Node). Workers leave it to the platform: workerd encodes any response that
   * declares a Content-Encoding itself, so a body compressed here would arrive compressed twice.
   */
  compress?: boolean;
};

/** Builds the whole web app from its dependencies. Runtime entry points only supply them. */
export function createApp(deps: Deps, options: AppOptions = {}) {
  const app = new Hono<AppEnv>();

  app.onError(onError);
  app.notFound(notFound);

  app.use(async (c, next) => {
    c.set('deps', deps);
    c.set('cityId', getCookie(c, CITY_COOKIE));
    await next();
    // On the finished response c.header() would copy it into a new, streamed one: set them in place.
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    c.res.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
    c.res.headers.set('X-Frame-Options', 'DENY');
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
  app.route('/', catalogRoutes());
  return app;
}

export type App = ReturnType<typeof createApp>;
