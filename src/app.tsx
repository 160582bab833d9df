import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { getCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import { etag } from 'hono/etag';
import type { Deps } from './deps';
import { AppError } from './errors';
import { CITY_COOKIE, catalogRoutes } from './features/catalog/routes';
import { siteRoutes } from './features/site/routes';
import type { AppEnv } from './http/env';
import { notFound, onError } from './http/errors';
import { type AssetFile, serveAssets } from './http/static';

export type AppOptions = {
  /** In-memory assets for runtimes that serve them from the app (Node); Workers serve them from its asset store. */
  assets?: ReadonlyMap<string, AssetFile>;
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
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'strict-origin-when-cross-origin');
    c.header('X-Frame-Options', 'DENY');
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
  app.use(compress());
  app.use(etag());

  app.route('/', siteRoutes());
  app.route('/', catalogRoutes());
  return app;
}

export type App = ReturnType<typeof createApp>;
