import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { AppError } from '../../platform/errors';
import { assets } from '../../generated/assets';
import type { AppEnv } from '../../web/hono-env';
import { render } from '../../web/render';
import { formatLongDay, formatTime, localDate } from '../../platform/time';
import { requireRole } from '../../auth/session-cookie';
import { listTheatersInCity } from '../catalog/repo';
import { listCities, showtimePage, theaterShowsToday } from '../catalog/service';
import { checkIn, type DoorVerdict } from './service';
import { DoorIndex, DoorPage, DoorShowtimes } from './views';

const id = z.string().regex(/^[a-z0-9-]{1,80}$/);
// Length is judged by the service (a code too long to be one is "not a ticket code"); the body limit caps it.
const scanForm = z.object({ code: z.string().default('') });

function idOf(value: string | undefined, what: string): string {
  const parsed = id.safeParse(value);
  if (!parsed.success) throw new AppError('not_found', `We could not find that ${what}.`);
  return parsed.data;
}

/** The door: staff pick a showtime and check tickets in. Staff and admins only. */
export function checkinRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/door', async (c) => {
    requireRole(c, 'staff', 'admin');
    const deps = c.var.deps;
    const cities = await listCities(deps);
    const withTheaters = await Promise.all(
      cities.map(async (city) => ({ city, theaters: await listTheatersInCity(deps.db, city.id) })),
    );
    return render(c, 'Door check-in', <DoorIndex cities={withTheaters} />);
  });

  app.get('/door/theaters/:theaterId', async (c) => {
    requireRole(c, 'staff', 'admin');
    const deps = c.var.deps;
    // Shows that started within the door's closing time are still letting late comers in.
    const today = await theaterShowsToday(
      deps,
      idOf(c.req.param('theaterId'), 'theater'),
      deps.config.ticketClosesMs,
    );
    const screens = new Map(today.screens.map((screen) => [screen.id, screen.name]));
    const shows = today.shows.map((show) => ({
      show,
      title: today.movies.get(show.movieId)?.title ?? show.movieId,
      screen: screens.get(show.screenId) ?? '',
    }));
    return render(c, 'Door check-in', <DoorShowtimes theater={today.theater} shows={shows} />);
  });

  const door = async (c: Context<AppEnv>, verdict?: DoorVerdict) => {
    const page = await showtimePage(c.var.deps, idOf(c.req.param('showId'), 'showtime'));
    const at = new Date(page.show.startsAt);
    const zone = page.theater.timeZone;
    const res = await render(
      c,
      `Check-in: ${page.movie.title}`,
      <DoorPage
        showId={page.show.id}
        title={page.movie.title}
        when={`${formatLongDay(localDate(at, zone))}, ${formatTime(at, zone)} · ${page.theater.name}, ${page.screen.name}`}
        verdict={verdict}
      />,
      { scripts: [assets.doorScanner] },
    );
    res.headers.set('Cache-Control', 'no-store');
    return res;
  };

  app.get('/door/:showId', (c) => {
    requireRole(c, 'staff', 'admin');
    return door(c);
  });

  app.post('/door/:showId', async (c) => {
    const staff = requireRole(c, 'staff', 'admin');
    const parsed = scanForm.safeParse(await c.req.parseBody());
    const verdict = await checkIn(
      c.var.deps,
      staff,
      idOf(c.req.param('showId'), 'showtime'),
      parsed.success ? parsed.data.code : '',
    );
    return door(c, verdict);
  });

  return app;
}
