import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { requireRole } from '../../auth/guards';
import { assets } from '../../generated/assets';
import { AppError } from '../../platform/errors';
import { noStore } from '../../web/no-store';
import { render } from '../../web/render';
import { checkIn, collectPayment, type DoorVerdict, doorOf, doorShowtimes, doorTheaters } from './service';
import { DoorPage } from './views/door';
import { DoorIndex } from './views/door-index';
import { DoorShowtimes } from './views/door-showtimes';

const id = z.string().regex(/^[a-z0-9-]{1,80}$/);
// Length is judged by the service (a code too long to be one is "not a ticket code"); the body limit caps it.
const doorForm = z.string();

function idOf(value: string | undefined, what: string): string {
  const parsed = id.safeParse(value);
  if (!parsed.success) throw new AppError('not_found', `We could not find that ${what}.`);
  return parsed.data;
}

/** The door: staff pick a showtime and check tickets in. Staff and admins only. */
export function checkinRoutes() {
  const app = new Hono();

  app.get('/door', async (c) => {
    const cities = await doorTheaters(c.var.deps, requireRole(c, 'staff', 'admin'));
    return render(c, 'Door check-in', <DoorIndex cities={cities} />);
  });

  app.get('/door/theaters/:theaterId', async (c) => {
    const staff = requireRole(c, 'staff', 'admin');
    const today = await doorShowtimes(c.var.deps, staff, idOf(c.req.param('theaterId'), 'theater'));
    return render(c, 'Door check-in', <DoorShowtimes theater={today.theater} shows={today.shows} />);
  });

  const door = async (c: Context, verdict?: DoorVerdict) => {
    const staff = requireRole(c, 'staff', 'admin');
    const page = await doorOf(c.var.deps, staff, idOf(c.req.param('showId'), 'showtime'));
    return noStore(
      render(c, `Check-in: ${page.title}`, <DoorPage {...page} verdict={verdict} />, {
        scripts: [assets.doorScanner],
      }),
    );
  };

  app.get('/door/:showId', (c) => door(c));

  /** A door form's POST: its one field (empty when missing), the service's verdict on the door page. */
  const doorPost = (path: string, field: 'code' | 'bookingId', act: typeof checkIn) =>
    app.post(path, async (c) => {
      const staff = requireRole(c, 'staff', 'admin');
      const parsed = doorForm.safeParse((await c.req.parseBody())[field]);
      const showId = idOf(c.req.param('showId'), 'showtime');
      return door(c, await act(c.var.deps, staff, showId, parsed.success ? parsed.data : ''));
    });

  doorPost('/door/:showId', 'code', checkIn);
  // Staff took an unpaid booking's money: record it and admit, once.
  doorPost('/door/:showId/collect', 'bookingId', collectPayment);

  return app;
}
