import { type Context, Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { sessionMiddleware } from './auth/session-middleware';
import type { Deps } from './deps';
import { accountRoutes } from './features/accounts/routes';
import { filmsRoutes, filmUploadBodies } from './features/admin/films-routes';
import { paymentsAdminRoutes } from './features/admin/payments-routes';
import { adminRoutes } from './features/admin/routes';
import { screensRoutes } from './features/admin/screens-routes';
import { showtimeRoutes } from './features/admin/showtime-routes';
import { theaterEditRoutes } from './features/admin/theaters-routes';
import { readsWithSession } from './features/booking/read-ahead';
import { bookingRoutes } from './features/booking/routes';
import { seatsNotForSale } from './features/booking/seat-counts';
import { bookingsOnAccountPage } from './features/bookings/account-section';
import { bookingsRoutes } from './features/bookings/routes';
import { CITY_COOKIE, cityInHeader } from './features/catalog/city-cookie';
import { catalogRoutes } from './features/catalog/routes';
import { checkinRoutes } from './features/checkin/routes';
import { paymentRoutes } from './features/payments/routes';
import { scheduleRoutes } from './features/schedule/routes';
import { siteRoutes } from './features/site/routes';
import { notFound, onError } from './web/error-pages';
import { limitBody } from './web/middleware/body-limit';
import { compress } from './web/middleware/compress';
import { etag } from './web/middleware/etag';
import { readFormBodies } from './web/middleware/form-body';
import { pageCache } from './web/middleware/page-cache';
import { requestContext } from './web/middleware/request-context';
import { securityHeaders } from './web/middleware/security-headers';
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
  peerAddress?: (c: Context) => string | undefined;
};

/**
 * Builds the whole web app from its dependencies: the middleware in the order a request meets it, then
 * each feature's routes. Runtime entry points (node.ts, worker.ts) only supply the dependencies.
 */
export function createApp(deps: Deps, options: AppOptions = {}) {
  const app = new Hono();
  app.onError(onError);
  app.notFound(notFound);

  // The checkout's form may lead on to an online provider's hosted page.
  const formTargets = deps.onlinePayments.flatMap((provider) => provider.pageOrigins);
  app.use(securityHeaders({ hsts: !deps.config.local, formTargets }));
  app.use(requestContext(deps, options.peerAddress));
  app.use(cityInHeader());
  if (options.assets) app.use('/assets/*', serveAssets(options.assets));
  app.use(limitBody(deps.config.maxBodyBytes, filmUploadBodies(deps.config.maxBodyBytes)));
  app.use(csrf());
  app.use(readFormBodies());
  app.use(pageCache({ varyCookie: CITY_COOKIE }));
  // A booking step reads its session with its own first read (features/booking/read-ahead.ts).
  app.use(sessionMiddleware({ readsWithSession: (c) => readsWithSession(c.req.method, c.req.path) }));
  if (options.compress ?? true) app.use(compress());
  app.use(etag());

  app.route('/', siteRoutes());
  // The account page lists the user's bookings: a later feature's section, handed in here.
  app.route('/', accountRoutes({ accountSections: [bookingsOnAccountPage] }));
  app.route('/', adminRoutes());
  app.route('/', paymentsAdminRoutes());
  app.route('/', theaterEditRoutes());
  app.route('/', filmsRoutes());
  app.route('/', screensRoutes());
  app.route('/', showtimeRoutes());
  // Listings say which showtimes are filling fast or sold out from booking's seats, counted there.
  app.route('/', catalogRoutes({ seatsNotForSale }));
  app.route('/', bookingRoutes());
  app.route('/', paymentRoutes());
  app.route('/', bookingsRoutes());
  app.route('/', checkinRoutes());
  app.route('/', scheduleRoutes());
  return app;
}

export type App = ReturnType<typeof createApp>;
