import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { requireRole } from '../../auth/guards';
import type { SessionUser } from '../../auth/model';
import { AppError } from '../../platform/errors';
import { statusFor } from '../../web/error-pages';
import { fieldErrors } from '../../web/forms';
import { noStore } from '../../web/no-store';
import { render } from '../../web/render';
import { cancelShowtime, finishChanges, moveShowtime } from '../showtime-changes/move-and-cancel';
import { blockSeats, releaseSeats, showtimeOverview, switchSales } from '../showtime-changes/service';
import { type ShowtimeForms, ShowtimePage } from './views/showtime-page';

/*
 * /admin/showtimes/<showId>: one showtime run from the back office (src/features/showtime-changes). Each
 * form posts to its own address, is checked here with zod, and on success redirects to the page with a
 * notice; refused input comes back on the page with the message beside its field, input kept.
 */

const SHOW_ID = /^[a-z0-9-]{1,100}$/;
const SEAT = /^[A-Z]{1,3}\d{1,3}$/;

const seatsForm = z
  .object({
    seat: z
      .union([z.string(), z.array(z.string()).max(500)])
      .optional()
      .transform((value) => (value === undefined ? [] : [value].flat()))
      .pipe(z.array(z.string().regex(SEAT, 'Choose seats on the map.'))),
    reason: z.string().trim().max(200, 'Keep the reason under 200 characters.').default(''),
    action: z.enum(['block', 'release'], 'Choose “Block chosen seats” or “Release chosen seats”.'),
  })
  .refine((form) => form.action === 'release' || form.reason.length > 0, {
    path: ['reason'],
    message: 'Say why these seats are blocked, like “House seats” or “Broken seat”.',
  });

const moveForm = z.object({
  date: z.iso.date('Enter the new date like 2026-11-24.'),
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter the new start time like 19:30.'),
});

const cancelForm = z.object({ confirm: z.literal('yes', 'Tick the box to confirm the cancellation.') });
const salesForm = z.object({ sales: z.enum(['stop', 'start']) });

const notices: Record<string, (n: number) => string> = {
  blocked: (n) =>
    `${n === 1 ? 'The seat is' : `${n} seats are`} blocked: ${n === 1 ? 'it is' : 'they are'} not sold online.`,
  released: (n) =>
    `${n === 1 ? 'The seat is' : `${n} seats are`} released: ${n === 1 ? 'it sells' : 'they sell'} online again.`,
  stopped: () => 'Online sales are stopped.',
  started: () => 'Online sales are open again.',
  unchanged: () => 'Nothing changed: the showtime was already like that.',
  moved: (n) =>
    `The showtime is moved. ${n === 1 ? 'One booking moved' : `${n} bookings moved`} with it; the customers are being told by email and SMS.`,
  cancelled: (n) =>
    `The showtime is cancelled. ${n === 1 ? 'One booking was' : `${n} bookings were`} cancelled; the customers are being told by email and SMS.`,
  finished: (n) => `${n === 1 ? 'One booking' : `${n} bookings`} updated; the customers are being told.`,
};

function showIdOf(c: Context): string {
  const id = c.req.param('showId') ?? '';
  if (!SHOW_ID.test(id)) throw new AppError('not_found', 'We could not find that showtime.');
  return id;
}

const text = (value: unknown) => (typeof value === 'string' ? value.slice(0, 300) : undefined);

export function showtimeRoutes() {
  const app = new Hono();

  const page = async (
    c: Context,
    actor: SessionUser,
    showId: string,
    options: { forms?: ShowtimeForms; error?: string; status?: ContentfulStatusCode } = {},
  ) => {
    const deps = c.var.deps;
    const overview = await showtimeOverview(deps, actor, showId);
    const done = c.req.method === 'GET' ? notices[c.req.query('done') ?? ''] : undefined;
    const count = Number(c.req.query('n') ?? 0);
    return noStore(
      render(
        c,
        `${overview.details.movie.title}: showtime`,
        <ShowtimePage
          overview={overview}
          forms={options.forms}
          notice={done?.(Number.isInteger(count) ? count : 0)}
          error={options.error}
          cacheSeconds={Math.round(deps.config.catalogCacheMs / 1000)}
        />,
        { status: options.status ?? 200 },
      ),
    );
  };

  const done = (c: Context, showId: string, what: string, n?: number) =>
    c.redirect(`/admin/showtimes/${showId}?done=${what}${n === undefined ? '' : `&n=${n}`}`, 303);

  app.get('/admin/showtimes/:showId', (c) => page(c, requireRole(c, 'manager', 'admin'), showIdOf(c)));

  app.post('/admin/showtimes/:showId/seats', async (c) => {
    const actor = requireRole(c, 'manager', 'admin');
    const showId = showIdOf(c);
    const body = await c.req.parseBody({ all: true });
    const chosen = [body.seat ?? []].flat().filter((v): v is string => typeof v === 'string' && SEAT.test(v));
    const values = { reason: text(body.reason) };
    const parsed = seatsForm.safeParse(body);
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error);
      return page(c, actor, showId, { forms: { seats: { values, chosen, errors } }, status: 400 });
    }
    const { action, seat, reason } = parsed.data;
    try {
      const seats =
        action === 'block'
          ? await blockSeats(c.var.deps, actor, showId, { seats: seat, reason })
          : await releaseSeats(c.var.deps, actor, showId, { seats: seat });
      return done(c, showId, action === 'block' ? 'blocked' : 'released', seats.length);
    } catch (error) {
      if (!AppError.match(error, 'bad_request') && !AppError.match(error, 'conflict')) throw error;
      // A refusal of the showtime as a whole (cancelled meanwhile) is said at the top: its form is gone.
      if (Object.keys(error.fields).length === 0) {
        return page(c, actor, showId, { error: error.message, status: statusFor(error) });
      }
      const forms = { seats: { values, chosen, errors: error.fields } };
      return page(c, actor, showId, { forms, status: statusFor(error) });
    }
  });

  app.post('/admin/showtimes/:showId/sales', async (c) => {
    const actor = requireRole(c, 'manager', 'admin');
    const showId = showIdOf(c);
    const parsed = salesForm.safeParse(await c.req.parseBody());
    if (!parsed.success)
      return page(c, actor, showId, { error: 'Choose to stop or restart sales.', status: 400 });
    const stop = parsed.data.sales === 'stop';
    try {
      const changed = await switchSales(c.var.deps, actor, showId, stop);
      return done(c, showId, changed ? (stop ? 'stopped' : 'started') : 'unchanged');
    } catch (error) {
      if (!AppError.match(error, 'conflict')) throw error;
      return page(c, actor, showId, { error: error.message, status: statusFor(error) });
    }
  });

  app.post('/admin/showtimes/:showId/move', async (c) => {
    const actor = requireRole(c, 'manager', 'admin');
    const showId = showIdOf(c);
    const body = await c.req.parseBody();
    const values = { date: text(body.date), time: text(body.time) };
    const parsed = moveForm.safeParse(body);
    if (!parsed.success) {
      const forms = { move: { values, errors: fieldErrors(parsed.error) } };
      return page(c, actor, showId, { forms, status: 400 });
    }
    try {
      const result = await moveShowtime(c.var.deps, actor, showId, parsed.data);
      return done(
        c,
        showId,
        result.changed ? 'moved' : result.bookings > 0 ? 'finished' : 'unchanged',
        result.bookings,
      );
    } catch (error) {
      if (!AppError.match(error, 'bad_request') && !AppError.match(error, 'conflict')) throw error;
      if (Object.keys(error.fields).length === 0) {
        return page(c, actor, showId, { error: error.message, status: statusFor(error) });
      }
      const forms = { move: { values, errors: error.fields } };
      return page(c, actor, showId, { forms, status: statusFor(error) });
    }
  });

  app.post('/admin/showtimes/:showId/cancel', async (c) => {
    const actor = requireRole(c, 'manager', 'admin');
    const showId = showIdOf(c);
    const parsed = cancelForm.safeParse(await c.req.parseBody());
    if (!parsed.success) {
      const forms = { cancel: { values: {}, errors: fieldErrors(parsed.error) } };
      return page(c, actor, showId, { forms, status: 400 });
    }
    try {
      const result = await cancelShowtime(c.var.deps, actor, showId);
      return done(c, showId, result.changed ? 'cancelled' : 'finished', result.bookings);
    } catch (error) {
      if (!AppError.match(error, 'conflict')) throw error;
      return page(c, actor, showId, { error: error.message, status: statusFor(error) });
    }
  });

  app.post('/admin/showtimes/:showId/finish', async (c) => {
    const actor = requireRole(c, 'manager', 'admin');
    const showId = showIdOf(c);
    try {
      return done(c, showId, 'finished', await finishChanges(c.var.deps, actor, showId));
    } catch (error) {
      if (!AppError.match(error, 'conflict')) throw error;
      return page(c, actor, showId, { error: error.message, status: statusFor(error) });
    }
  });

  return app;
}
