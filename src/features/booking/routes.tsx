import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { requireUser } from '../../auth/guards';
import { signInWithReads } from '../../auth/session-middleware';
import { assets } from '../../generated/assets';
import { AppError } from '../../platform/errors';
import { statusFor } from '../../web/error-pages';
import { isHtmx } from '../../web/htmx';
import { cachedPage, cacheUntil } from '../../web/middleware/page-cache';
import { render, viewerVariant } from '../../web/render';
import { holdStepKeys } from './read-ahead';
import { MAX_BEST_AVAILABLE } from './rules';
import * as booking from './service';
import { SelectionSummary } from './views/price-table';
import { ShowtimePage } from './views/showtime';
import { choosableSeats, goneSeatsMessage } from './wanted-seats';

const id = z.string().regex(/^[a-z0-9-]{1,80}$/);
const SEAT = /^[A-Z]{1,2}\d{1,3}$/;
const seat = z.string().regex(SEAT, 'Choose seats from the seat map.');
const holdForm = z.object({
  seat: z
    .union([seat, z.array(seat).max(100, 'Choose fewer seats.')])
    .optional()
    .transform((value) => (value === undefined ? [] : typeof value === 'string' ? [value] : value)),
});

function showIdOf(c: Context, param: string): string {
  const parsed = id.safeParse(c.req.param(param));
  if (!parsed.success) throw new AppError('not_found', 'We could not find that showtime.');
  return parsed.data;
}

/**
 * Seats named in the address: `?seats=C7,C8` (the link back from sign-in) or `?seat=C7&seat=C8` (the
 * seat form itself, sent by htmx for the price). Undefined when the address names none.
 */
function requestedSeats(c: Context): string[] | undefined {
  const listed = c.req.query('seats');
  const repeated = c.req.queries('seat') ?? [];
  if (listed === undefined && repeated.length === 0) return undefined;
  return [...(listed?.split(',') ?? []), ...repeated].filter((s) => SEAT.test(s)).slice(0, 100);
}

/** Prices and times are written the way the showtime's city writes them. */
const localeOf = (map: { city?: { locale: string } | undefined }) => map.city?.locale ?? 'en-IN';

/**
 * The showtime page with `wanted` checked where those seats exist and are not taken; an htmx request
 * gets only the price of that selection.
 */
function seatPage(
  c: Context,
  map: booking.SeatMapView,
  wanted: string[],
  options: { error?: string | undefined; notice?: string | undefined; status?: ContentfulStatusCode } = {},
) {
  const selected = choosableSeats(map, wanted);
  const price = booking.quote(map, selected);
  const locale = localeOf(map);
  return render(
    c,
    `${map.movie.title} at ${map.theater.name}`,
    <ShowtimePage
      map={map}
      selected={selected}
      price={price}
      error={options.error}
      notice={options.notice}
      signedIn={c.var.user !== undefined}
      now={c.var.deps.clock.now()}
      locale={locale}
    />,
    {
      status: options.status ?? 200,
      description: `Choose seats for ${map.movie.title} at ${map.theater.name}.`,
      fragment: <SelectionSummary seats={selected} price={price} locale={locale} />,
      scripts: map.salesOpen ? [assets.seatMap] : [],
    },
  );
}

const HOLD_ID = /^[0-9a-f-]{36}$/;
const bestForm = z.object({
  best: z.coerce.number().int().min(1).max(MAX_BEST_AVAILABLE),
  category: z.string().regex(/^[a-z0-9-]{1,40}$/),
});

/**
 * The seat page for "best available" asked for in the address (`?best=2&category=premium`): the best
 * group checked, or the message when the request is malformed or no such group is left.
 */
function bestSeatsPage(c: Context, map: booking.SeatMapView) {
  const parsed = bestForm.safeParse({ best: c.req.query('best'), category: c.req.query('category') });
  try {
    const best = booking.bestSeats(
      c.var.deps,
      map,
      parsed.success ? { count: parsed.data.best, category: parsed.data.category } : undefined,
    );
    if ('unavailable' in best) return seatPage(c, map, [], { error: best.unavailable });
    const category = map.screen.categories.find((c) => c.id === parsed.data?.category)?.name ?? '';
    const which =
      best.seats.length === 1
        ? `the best ${category} seat`
        : `the best ${best.seats.length} ${category} seats together`;
    return seatPage(c, map, best.seats, {
      notice: `We chose ${best.seats.join(', ')}, ${which}. You can change them on the map below.`,
    });
  } catch (error) {
    if (!AppError.match(error, 'bad_request')) throw error;
    return seatPage(c, map, [], { error: error.message, status: statusFor(error) });
  }
}

export function bookingRoutes() {
  const app = new Hono();

  app.get('/showtimes/:id/seats', async (c) => {
    const hold = c.req.query('hold');
    const seats = await booking.availability(
      c.var.deps,
      showIdOf(c, 'id'),
      hold && HOLD_ID.test(hold) ? hold : undefined,
    );
    // Asked every moment by every open seat map: the ETag turns an unchanged answer into a bodiless 304.
    c.header('Cache-Control', 'no-cache');
    return c.json(seats);
  });

  app.get('/showtimes/:id', async (c) => {
    const map = await booking.seatMap(c.var.deps, showIdOf(c, 'id'), c.var.user);
    const wanted = requestedSeats(c);
    // With no hold of the viewer's and no seats named in the address (one visitor's choice), the page is
    // drawn alike for every viewer of a variant (signed out, signed in, staff): the page cache keeps it
    // for them while the seat read it shows is current.
    if (!map.hold && !wanted) {
      const variant = viewerVariant(c);
      const kept = await cachedPage(c, variant);
      if (kept) return kept;
      cacheUntil(c, map.lifetime.until, { current: map.lifetime.current, variant });
    }
    // A form with every seat unchecked sends no seats at all: to htmx that means none, not the hold's.
    const fallback = isHtmx(c) ? [] : (map.hold?.seats ?? []);
    if (c.req.query('best') !== undefined) return bestSeatsPage(c, map);
    if (!wanted) return seatPage(c, map, fallback);
    return seatPage(c, map, wanted, { error: goneSeatsMessage(map, wanted) });
  });

  app.post('/showtimes/:id/hold', async (c) => {
    const deps = c.var.deps;
    const parsed = holdForm.safeParse(await c.req.parseBody({ all: true }));
    const seats = parsed.success ? parsed.data.seat : [];
    const ahead = await signInWithReads(c, (userId) => holdStepKeys(deps, c.req.param('id'), userId, seats));
    const showId = showIdOf(c, 'id');
    if (!c.var.user) {
      // Signing in comes back to this seat map with the same seats checked.
      const seats =
        parsed.success && parsed.data.seat.length > 0 ? `?seats=${parsed.data.seat.join(',')}` : '';
      return c.redirect(`/sign-in?next=${encodeURIComponent(`/showtimes/${showId}${seats}`)}`, 303);
    }
    const user = requireUser(c);
    if (!parsed.success) {
      const map = await booking.seatMap(deps, showId, user);
      return seatPage(c, map, [], { error: 'Choose seats from the seat map.', status: 400 });
    }
    try {
      await booking.holdSeats(deps, user, showId, parsed.data.seat, ahead);
    } catch (error) {
      // The account page says how to confirm an email address, and offers to send the link again.
      if (AppError.match(error, 'forbidden')) return c.redirect('/account?done=confirm-to-book', 303);
      if (AppError.match(error, 'bad_request') || AppError.match(error, 'conflict')) {
        // The seats the refusal names are taken whatever the shared read of the house still says.
        const taken = AppError.match(error, 'conflict') ? (error.fields.seats?.split(/[\s,]+/) ?? []) : [];
        const map = await booking.seatMap(
          deps,
          showId,
          user,
          taken.filter((s) => SEAT.test(s)),
        );
        return seatPage(c, map, parsed.data.seat, { error: error.message, status: statusFor(error) });
      }
      throw error;
    }
    return c.redirect(`/checkout/${showId}`, 303);
  });

  return app;
}
