import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role, SessionUser } from '../../src/auth/model';
import { createSession } from '../../src/auth/sessions';
import { demoShowtimes, loadDemoData } from '../../src/demo/seed';
import { createUser, markEmailVerified } from '../../src/features/accounts/repo';
import type { Booking } from '../../src/features/booking/model';
import { getBooking } from '../../src/features/booking/repo';
import * as booking from '../../src/features/booking/service';
import { seatsByRow } from '../../src/features/checkin/service';
import { signTicket, ticketWindow } from '../../src/features/tickets/code';
import { ticketCodeFor } from '../../src/features/tickets/service';
import { generateTicketKeys } from '../../src/platform/ticket-keys/ticket-keys';
import { fixedClock, freshTable, testApp } from '../support/db';

const now = new Date('2026-11-24T09:00:00Z');
const clock = fixedClock(now);
let db: Awaited<ReturnType<typeof freshTable>>;
let deps: ReturnType<typeof testApp>['deps'];
let app: ReturnType<typeof testApp>['app'];
let users = 0;

const GRAND_HALL = 'harbour-lights-colaba-1';
const shows = demoShowtimes(now).filter((s) => s.screenId === GRAND_HALL && s.startsAt > '2026-11-25');

type Person = { user: SessionUser; cookie: string };

/** A person of `role`; staff work at the Harbour Lights, Colaba unless `theaterIds` says otherwise. */
async function person(
  role: Role,
  theaterIds = role === 'staff' ? ['harbour-lights-colaba'] : undefined,
): Promise<Person> {
  users++;
  const id = `door-${role}-${users}`;
  const email = `${id}@example.com`;
  const name = role === 'customer' ? `Customer ${users}` : `Usher ${users}`;
  await createUser(db, {
    id,
    email,
    name,
    smsOptIn: false,
    role,
    theaterIds,
    passwordHash: 'unused',
    createdAt: now.toISOString(),
  });
  await markEmailVerified(db, id, email, now.toISOString());
  return {
    user: { id, email, name, role, emailVerifiedAt: now.toISOString(), theaterIds },
    cookie: `session=${(await createSession(deps, id)).token}`,
  };
}

async function bookOn(showId: string, seats: string[]): Promise<Booking> {
  clock.set(now);
  const buyer = await person('customer');
  await booking.holdSeats(deps, buyer.user, showId, seats);
  return booking.confirmBooking(deps, buyer.user, showId, crypto.randomUUID());
}

function scan(who: Person, showId: string, code: string) {
  return app.request(`/door/${showId}`, {
    method: 'POST',
    headers: {
      Cookie: who.cookie,
      Origin: 'http://localhost',
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ code }).toString(),
  });
}

/** The verdict box's text, without tags. */
async function verdict(res: Response): Promise<string> {
  const html = await res.text();
  const box = /<div role="alert"[^>]*>([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '';
  return box
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

beforeAll(async () => {
  db = await freshTable();
  await loadDemoData(db, now);
  ({ deps, app } = testApp(db, clock));
});
afterAll(() => db.drop());

describe('door check-in', () => {
  it('admits a ticket once, then says who admitted it and when', async () => {
    const show = shows[0];
    if (!show) throw new Error('no showtime');
    const made = await bookOn(show.id, ['C7', 'C8']);
    const code = await ticketCodeFor(deps, made);
    const usher = await person('staff');
    clock.set(new Date(Date.parse(show.startsAt) - 20 * 60_000));

    const first = await scan(usher, show.id, code);
    expect(first.status).toBe(200);
    const admitted = await verdict(first);
    expect(admitted).toContain('Admit 2 — Row C 7, 8');
    expect(admitted).toMatch(/Unpaid: ₹[\d,.]+ to pay at the box office first/);
    expect(await getBooking(db, made.id)).toMatchObject({ admittedBy: usher.user.name });

    // Typed by hand: lower case, spaces and line breaks are forgiven.
    const typed = code.toLowerCase().replace(/(.{10})/g, '$1 \n');
    const second = await verdict(await scan(usher, show.id, typed));
    expect(second).toMatch(/^Already admitted at \d{1,2}:\d\d\s?[ap]m by Usher \d+/);
    expect(second).toContain('Do not admit again');
    expect((await getBooking(db, made.id))?.admittedAt).toBe(clock.now().toISOString());
  });

  it('refuses forged, altered, truncated and foreign-key codes, writing nothing', async () => {
    const show = shows[1];
    if (!show) throw new Error('no showtime');
    const made = await bookOn(show.id, ['D9', 'D10']);
    const code = await ticketCodeFor(deps, made);
    const usher = await person('staff');
    clock.set(new Date(Date.parse(show.startsAt) - 10 * 60_000));
    const flipped = `${code.slice(0, 20)}${code[20] === 'A' ? 'B' : 'A'}${code.slice(21)}`;
    const otherKey = await signTicket(await generateTicketKeys(), {
      bookingId: made.id,
      showId: show.id,
      seats: ['D9', 'D10'],
      ...ticketWindow(show.startsAt),
    });
    const cases: [string, RegExp][] = [
      ['', /Scan a ticket or type its code/],
      ['hello', /not a Movie Magic ticket code/],
      [code.slice(0, -5), /not a Movie Magic ticket code|altered/],
      [flipped, /altered|not a Movie Magic ticket code/],
      [otherKey, /key this venue does not trust/],
      ['x'.repeat(700), /not a Movie Magic ticket code/],
    ];
    for (const [input, reason] of cases) {
      const text = await verdict(await scan(usher, show.id, input));
      expect(text, input.slice(0, 30)).toMatch(/^Do not admit/);
      expect(text, input.slice(0, 30)).toMatch(reason);
    }
    expect((await getBooking(db, made.id))?.admittedAt).toBeUndefined();
  });

  it('refuses a genuine signature for a booking that does not exist, writing nothing', async () => {
    const show = shows[4];
    if (!show) throw new Error('no showtime');
    const usher = await person('staff');
    clock.set(new Date(Date.parse(show.startsAt) - 10 * 60_000));
    const code = await signTicket(deps.tickets, {
      bookingId: 'MM-0000-0000-0000',
      showId: show.id,
      seats: ['A1'],
      ...ticketWindow(show.startsAt),
    });
    const text = await verdict(await scan(usher, show.id, code));
    expect(text).toMatch(/^Do not admit/);
    expect(text).toContain('There is no booking MM-0000-0000-0000. Send the customer to the box office.');
    expect(await getBooking(db, 'MM-0000-0000-0000')).toBeUndefined();
  });

  it('refuses a ticket for another showtime, or outside its window, with the reason', async () => {
    const [a, b] = [shows[2], shows[3]];
    if (!a || !b) throw new Error('no showtimes');
    const made = await bookOn(a.id, ['E9', 'E10']);
    const code = await ticketCodeFor(deps, made);
    const usher = await person('staff');
    clock.set(new Date(Date.parse(a.startsAt) - 10 * 60_000));
    expect(await verdict(await scan(usher, b.id, code))).toContain('This ticket is for another showtime:');
    clock.set(new Date(Date.parse(a.startsAt) - 4 * 60 * 60_000));
    expect(await verdict(await scan(usher, a.id, code))).toMatch(/Too early: this ticket is accepted from/);
    clock.set(new Date(Date.parse(a.startsAt) + 2 * 60 * 60_000));
    expect(await verdict(await scan(usher, a.id, code))).toMatch(/Too late: this ticket was accepted until/);
    expect((await getBooking(db, made.id))?.admittedAt).toBeUndefined();
  });

  it('is for staff and admins only', async () => {
    const show = shows[0];
    if (!show) throw new Error('no showtime');
    const customer = await person('customer');
    expect((await app.request(`/door/${show.id}`, { headers: { Cookie: customer.cookie } })).status).toBe(
      403,
    );
    expect((await scan(customer, show.id, 'MM1.AAAA.BBBB.CCCC')).status).toBe(403);
    expect((await app.request(`/door/${show.id}`)).status).toBe(303);
    const admin = await person('admin');
    const page = await app.request(`/door/${show.id}`, { headers: { Cookie: admin.cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Ticket code');
    const index = await (await app.request('/door', { headers: { Cookie: admin.cookie } })).text();
    expect(index).toContain('href="/door/theaters/harbour-lights-colaba"');
    expect((await app.request('/door/no-such-show', { headers: { Cookie: admin.cookie } })).status).toBe(404);
  });

  it('lets staff work the door of their own theaters only', async () => {
    const show = shows[0];
    if (!show) throw new Error('no showtime');
    const made = await bookOn(show.id, ['H14']);
    const code = await ticketCodeFor(deps, made);
    const elsewhere = await person('staff', ['sapphire-andheri']);
    const index = await (await app.request('/door', { headers: { Cookie: elsewhere.cookie } })).text();
    expect(index).toContain('href="/door/theaters/sapphire-andheri"');
    expect(index).not.toContain('href="/door/theaters/harbour-lights-colaba"');
    for (const path of ['/door/theaters/harbour-lights-colaba', `/door/${show.id}`]) {
      expect((await app.request(path, { headers: { Cookie: elsewhere.cookie } })).status).toBe(403);
    }
    clock.set(new Date(Date.parse(show.startsAt) - 10 * 60_000));
    expect((await scan(elsewhere, show.id, code)).status).toBe(403);
    expect((await getBooking(db, made.id))?.admittedAt).toBeUndefined();
    const nowhere = await person('staff', []);
    expect(await (await app.request('/door', { headers: { Cookie: nowhere.cookie } })).text()).not.toContain(
      'href="/door/theaters/',
    );
    clock.set(now);
  });

  it("lists a theater's showtimes today for the door, late comers' ones included", async () => {
    const show = shows[0];
    if (!show) throw new Error('no showtime');
    const admin = await person('admin');
    clock.set(new Date(Date.parse(show.startsAt) + 30 * 60_000));
    const html = await (
      await app.request('/door/theaters/harbour-lights-colaba', { headers: { Cookie: admin.cookie } })
    ).text();
    expect(html).toContain(`href="/door/${show.id}"`);
    clock.set(new Date(Date.parse(show.startsAt) + 61 * 60_000));
    const later = await (
      await app.request('/door/theaters/harbour-lights-colaba', { headers: { Cookie: admin.cookie } })
    ).text();
    expect(later).not.toContain(`href="/door/${show.id}"`);
  });

  it('reads seats out by row', () => {
    expect(seatsByRow(['C8', 'C7', 'D1', 'AA2', 'C10'])).toBe('Row C 7, 8, 10; Row D 1; Row AA 2');
  });
});
