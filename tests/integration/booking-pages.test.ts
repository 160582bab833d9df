import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../src/auth/model';
import { createSession } from '../../src/auth/sessions';
import { screens } from '../../src/demo/catalog';
import { demoShowtimes, loadDemoData } from '../../src/demo/seed';
import { createUser, markEmailVerified } from '../../src/features/accounts/repo';
import * as madeBookings from '../../src/features/booking/made-bookings';
import * as booking from '../../src/features/booking/service';
import { formatMoney } from '../../src/platform/money';
import { fixedClock, freshTable, testApp } from '../support/db';

const now = new Date('2026-11-24T09:00:00Z');
const clock = fixedClock(now);
let db: Awaited<ReturnType<typeof freshTable>>;
let app: ReturnType<typeof testApp>['app'];
let deps: ReturnType<typeof testApp>['deps'];

const GRAND_HALL = 'harbour-lights-colaba-1';
const layout = screens.find((s) => s.id === GRAND_HALL)?.layout;
// Future 2D showtimes of the Grand Hall: each test books its own, so none sees another's seats.
const shows = demoShowtimes(now).filter(
  (s) => s.screenId === GRAND_HALL && s.startsAt > '2026-11-25' && s.format === '2D',
);
if (!layout || shows.length < 8) throw new Error('demo Grand Hall showtimes missing');
const showFor = (n: number) => {
  const show = shows[n];
  if (!show) throw new Error(`no showtime ${n}`);
  return show;
};

const origin = 'http://localhost';
let users = 0;

type Customer = { user: SessionUser; cookie: string };

async function customer(verified = true): Promise<Customer> {
  users++;
  const id = `page-user-${users}`;
  const email = `${id}@example.com`;
  await createUser(db, {
    id,
    email,
    name: `Customer ${users}`,
    smsOptIn: false,
    role: 'customer',
    passwordHash: 'unused',
    createdAt: now.toISOString(),
  });
  if (verified) await markEmailVerified(db, id, email, now.toISOString());
  const { token } = await createSession(deps, id);
  return {
    user: {
      id,
      email,
      name: `Customer ${users}`,
      role: 'customer',
      emailVerifiedAt: verified ? now.toISOString() : undefined,
    },
    cookie: `session=${token}`,
  };
}

function post(path: string, fields: [string, string][], who?: Customer) {
  return app.request(path, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Origin: origin,
      ...(who ? { Cookie: who.cookie } : {}),
    },
    body: new URLSearchParams(fields).toString(),
  });
}

const get = (path: string, who?: Customer, headers: Record<string, string> = {}) =>
  app.request(path, { headers: { ...headers, ...(who ? { Cookie: who.cookie } : {}) } });

/** Every seat checkbox on a page: its value, accessible name, and whether it is checked or disabled. */
function checkboxes(html: string) {
  return [...html.matchAll(/<input type="checkbox" name="seat" ([^>]*)>/g)].map(([, attrs = '']) => ({
    value: /value="([^"]+)"/.exec(attrs)?.[1],
    name: /aria-label="([^"]+)"/.exec(attrs)?.[1],
    checked: /\bchecked\b/.test(attrs),
    disabled: /\bdisabled\b/.test(attrs),
  }));
}

const inr = (amount: number) => formatMoney({ amount, currency: 'INR' }, 'en-IN');

beforeAll(async () => {
  db = await freshTable();
  await loadDemoData(db, now);
  ({ app, deps } = testApp(db, clock));
});
afterAll(() => db.drop());

describe('the seat map', () => {
  it('lists every seat of the Grand Hall as a named checkbox, taken seats disabled', async () => {
    const show = showFor(0);
    const other = await customer();
    await booking.holdSeats(deps, other.user, show.id, ['A5', 'A6']);

    const res = await get(`/showtimes/${show.id}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const seats = checkboxes(html);
    const expected = layout.rows.flatMap((row) =>
      row.items.flatMap((item) => (item.type === 'seat' ? [`${row.label}${item.number}`] : [])),
    );
    expect(seats).toHaveLength(254);
    expect(seats.map((s) => s.value)).toEqual(expected);

    const byValue = new Map(seats.map((s) => [s.value, s]));
    const price = (category: string) => inr(show.prices.find((p) => p.category === category)?.amount ?? 0);
    expect(byValue.get('J9')?.name).toBe(`Row J, seat 9, Premium, ${price('premium')}, available`);
    expect(byValue.get('H1')?.name).toBe(
      `Row H, seat 1, Standard, ${price('standard')}, wheelchair space, available`,
    );
    expect(byValue.get('H2')?.name).toBe(
      `Row H, seat 2, Standard, ${price('standard')}, companion seat, available`,
    );
    expect(byValue.get('M1')?.name).toBe(`Row M, seat 1, Recliner, ${price('recliner')}, available`);
    for (const id of ['A5', 'A6']) {
      expect(byValue.get(id)).toMatchObject({ disabled: true, checked: false });
      expect(byValue.get(id)?.name).toMatch(/, taken$/);
    }
    expect(seats.filter((s) => s.disabled)).toHaveLength(2);

    expect(html).toContain('<legend class="sr-only">Row C</legend>');
    expect(html).toContain('Screen this way');
    expect(html).toMatch(/<section aria-label="Seat map" tabindex="0"/);
    // A refused hold's answer opens at the map, where its message is.
    expect(html).toContain(`action="/showtimes/${show.id}/hold#seat-map"`);
    expect(html).toContain('>Continue</button>');
  });

  it("shows the viewer's own held seats as theirs, checked", async () => {
    const show = showFor(1);
    const me = await customer();
    await booking.holdSeats(deps, me.user, show.id, ['B9', 'B10']);
    const seats = checkboxes(await (await get(`/showtimes/${show.id}`, me)).text());
    expect(seats.find((s) => s.value === 'B9')).toMatchObject({ checked: true, disabled: false });
    expect(seats.find((s) => s.value === 'B9')?.name).toMatch(/, yours, held$/);
    // Anyone else sees them taken.
    const theirs = checkboxes(await (await get(`/showtimes/${show.id}`)).text());
    expect(theirs.find((s) => s.value === 'B10')).toMatchObject({ disabled: true });
  });

  it('pre-checks seats named in the address, ignoring unknown and taken ones', async () => {
    const show = showFor(0);
    const html = await (await get(`/showtimes/${show.id}?seats=C7,C8,Z99,A5,c9`)).text();
    const checked = checkboxes(html)
      .filter((s) => s.checked)
      .map((s) => s.value);
    expect(checked).toEqual(['C7', 'C8']);
    expect(html).toContain('2 seats chosen:</strong> C7, C8');
  });

  it('answers htmx with just the price of the checked seats', async () => {
    const show = showFor(0);
    const res = await get(`/showtimes/${show.id}?seat=J9&seat=J10`, undefined, { 'HX-Request': 'true' });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toContain('<html');
    const price = booking.quote(await booking.seatMap(deps, show.id, undefined), ['J9', 'J10']);
    expect(html).toContain('J9, J10');
    expect(html).toContain(inr(price.total));
  });

  it('offers no form once sales have closed', async () => {
    const started = demoShowtimes(now).find(
      (s) => s.screenId === GRAND_HALL && s.startsAt < now.toISOString(),
    );
    const html = await (await get(`/showtimes/${started?.id}`)).text();
    expect(html).not.toContain('name="seat"');
    expect(html).toContain('This showtime has started');
  });
});

describe('live availability', () => {
  it('lists the seats taken for everyone but the asking holder, and answers an unchanged map with 304', async () => {
    const show = showFor(8);
    const me = await customer();
    const other = await customer();
    const mine = await booking.holdSeats(deps, me.user, show.id, ['C7', 'C8']);
    await booking.holdSeats(deps, other.user, show.id, ['A5', 'A6']);

    const first = await get(`/showtimes/${show.id}/seats`);
    expect(first.status).toBe(200);
    expect(first.headers.get('Cache-Control')).toBe('no-cache');
    expect(await first.json()).toEqual({ taken: ['A5', 'A6', 'C7', 'C8'], open: true });
    // The holder's own seats are not taken for them.
    const own = await get(`/showtimes/${show.id}/seats?hold=${mine.holdId}`);
    expect(await own.json()).toEqual({ taken: ['A5', 'A6'], open: true });
    // A malformed hold is ignored rather than refused.
    expect(await (await get(`/showtimes/${show.id}/seats?hold=nonsense`)).json()).toMatchObject({
      taken: ['A5', 'A6', 'C7', 'C8'],
    });

    const tag = first.headers.get('ETag') ?? '';
    expect(tag).toMatch(/^"[0-9a-f]{40}"$/);
    const unchanged = await get(`/showtimes/${show.id}/seats`, undefined, { 'If-None-Match': tag });
    expect(unchanged.status).toBe(304);
    expect(await unchanged.text()).toBe('');
    // A 304 carries only what it must: no security headers (the stored 200 has them), no body.
    expect([...unchanged.headers.keys()].sort()).toEqual(['cache-control', 'etag']);

    await booking.releaseHold(deps, other.user, show.id);
    const changed = await get(`/showtimes/${show.id}/seats`, undefined, { 'If-None-Match': tag });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toEqual({ taken: ['C7', 'C8'], open: true });
  });

  it('answers an unknown showtime with 404', async () => {
    expect((await get('/showtimes/no-such-show/seats')).status).toBe(404);
  });

  it("points the seat form at the poll, with the viewer's hold, and loads the seat map module", async () => {
    const show = showFor(9);
    const me = await customer();
    const hold = await booking.holdSeats(deps, me.user, show.id, ['D9', 'D10']);
    const html = await (await get(`/showtimes/${show.id}`, me)).text();
    expect(html).toContain(`data-seats="/showtimes/${show.id}/seats?hold=${hold.holdId}"`);
    expect(html).toMatch(/<script data-load="\/assets\/seat-map\.[\w-]+\.js">/);
    expect(html).toContain('<div id="seat-news" role="alert"></div>');
  });
});

describe('best available', () => {
  it('checks the best group in the asked category, which the user can still change', async () => {
    const show = showFor(10);
    const html = await (await get(`/showtimes/${show.id}?best=3&category=premium`)).text();
    const checked = checkboxes(html).filter((s) => s.checked);
    expect(checked).toHaveLength(3);
    for (const seat of checked) {
      expect(seat.name).toMatch(/, Premium, .*, selected$/);
      expect(seat.disabled).toBe(false);
    }
    // The page says which seats were chosen, in a status just above the map where it lands.
    expect(html).toMatch(
      new RegExp(
        `<p role="status"[^>]*>We chose ${checked.map((s) => s.value).join(', ')}, the best 3 Premium seats together\\.`,
      ),
    );
    expect(html).toContain(`action="/showtimes/${show.id}#seat-map"`);
    const [row] = checked.map((s) => s.value?.replace(/\d+$/, ''));
    const numbers = checked.map((s) => Number(s.value?.replace(/^[A-Z]+/, '')));
    expect(checked.every((s) => s.value?.startsWith(row ?? '?'))).toBe(true);
    expect(numbers).toEqual([numbers[0], (numbers[0] ?? 0) + 1, (numbers[0] ?? 0) + 2]);
    expect(html).toContain('3 seats chosen:');
    // The form remembers nothing: the same question again gives the same seats.
    const again = checkboxes(await (await get(`/showtimes/${show.id}?best=3&category=premium`)).text());
    expect(again.filter((s) => s.checked).map((s) => s.value)).toEqual(checked.map((s) => s.value));
  });

  it('refuses a malformed request with 400 and a message', async () => {
    const show = showFor(10);
    for (const query of [
      'best=0&category=premium',
      'best=two&category=premium',
      'best=2&category=gold',
      'best=11&category=premium',
    ]) {
      const res = await get(`/showtimes/${show.id}?${query}`);
      expect(res.status, query).toBe(400);
      expect(await res.text()).toContain('Ask for between 1 and 10 seats');
    }
  });

  it('says so when no such group is left', async () => {
    const show = showFor(11);
    const seats = await booking.seatMap(deps, show.id, undefined);
    const recliners = seats.screen.layout.rows.flatMap((row) =>
      row.items.flatMap((item) =>
        item.type === 'seat' && item.category === 'recliner' ? [`${row.label}${item.number}`] : [],
      ),
    );
    expect(recliners.length).toBeGreaterThan(0);
    const buyer = await customer();
    await booking.holdSeats(deps, buyer.user, show.id, recliners.slice(0, 10));
    const res = await get(`/showtimes/${show.id}?best=10&category=recliner`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('There are no 10 seats together left in Recliner.');
  });
});

describe('holding, checking out and confirming', () => {
  it('holds, shows the checkout, confirms, and shows the booking; a forged price is ignored', async () => {
    const show = showFor(2);
    const me = await customer();
    const held = await post(
      `/showtimes/${show.id}/hold`,
      [
        ['seat', 'J9'],
        ['seat', 'J10'],
        ['price', '0'],
      ],
      me,
    );
    expect(held.status).toBe(303);
    expect(held.headers.get('Location')).toBe(`/checkout/${show.id}`);

    const expected = booking.quote(await booking.seatMap(deps, show.id, me.user), ['J9', 'J10']);
    expect(expected.total).toBeGreaterThan(0);
    const checkout = await get(`/checkout/${show.id}`, me);
    expect(checkout.status).toBe(200);
    expect(checkout.headers.get('Cache-Control')).toBe('no-store');
    const page = await checkout.text();
    expect(page).toContain('J9 · Premium');
    expect(page).toContain(inr(expected.total));
    expect(page).toContain('Pay at the box office');
    // The hold ends 8 minutes from now, 2:38 pm in Mumbai.
    expect(page).toMatch(/Your seats are held until 2:38\s?pm \(8 minutes\)/);
    const key = /name="key" value="([0-9a-f-]{36})"/.exec(page)?.[1] ?? '';
    expect(key).not.toBe('');

    const confirmed = await post(
      `/checkout/${show.id}/confirm`,
      [
        ['key', key],
        ['price', '0'],
        ['total', '0'],
      ],
      me,
    );
    expect(confirmed.status).toBe(303);
    const location = confirmed.headers.get('Location') ?? '';
    expect(location).toMatch(/^\/bookings\/MM-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const bookingId = location.split('/').at(-1) ?? '';

    // Sent again (a double click), the same form shows the same booking.
    const again = await post(`/checkout/${show.id}/confirm`, [['key', key]], me);
    expect(again.headers.get('Location')).toBe(location);

    const shown = await get(location, me);
    expect(shown.status).toBe(200);
    expect(shown.headers.get('Cache-Control')).toBe('no-store');
    const html = await shown.text();
    expect(html).toContain(bookingId);
    expect(html).toContain('J9 (Premium), J10 (Premium)');
    expect(html).toContain('Harbour Lights Cinema, Colaba');
    expect(html).toContain('14 Shahid Bhagat Singh Road');
    expect(html).toContain('Unpaid — pay at the box office');
    expect(html).toMatch(/IST|GMT\+5:30/);
    expect(html).toContain(inr(expected.total));
    const stored = await madeBookings.bookingFor(deps, me.user, bookingId);
    expect(stored.price.total).toBe(expected.total);

    const account = await (await get('/account', me)).text();
    expect(account).toContain(`href="/bookings/${bookingId}"`);

    const stranger = await customer();
    const denied = await get(location, stranger);
    expect(denied.status).toBe(404);
    expect(await denied.text()).not.toContain('J9 (Premium)');
  });

  it('shows the countdown on checkout, and after a booking shows what its spent hold booked', async () => {
    const show = showFor(12);
    const me = await customer();
    expect(
      (
        await post(
          `/showtimes/${show.id}/hold`,
          [
            ['seat', 'E9'],
            ['seat', 'E10'],
          ],
          me,
        )
      ).status,
    ).toBe(303);
    const keyOf = async () => {
      const page = await (await get(`/checkout/${show.id}`, me)).text();
      return { page, key: /name="key" value="([0-9a-f-]{36})"/.exec(page)?.[1] ?? '' };
    };
    // Two checkout pages (two tabs), so two idempotency keys for one hold.
    const [tabA, tabB] = [await keyOf(), await keyOf()];
    expect(tabA.page).toContain('role="timer" data-ms-left="480000" data-seats-again="');
    expect(tabA.page).toMatch(/<script data-load="\/assets\/countdown\.[\w-]+\.js">/);
    const first = await post(`/checkout/${show.id}/confirm`, [['key', tabA.key]], me);
    const location = first.headers.get('Location') ?? '';
    expect(location).toMatch(/^\/bookings\/MM-/);
    // Confirming from the other tab shows the booking already made rather than an error.
    const second = await post(`/checkout/${show.id}/confirm`, [['key', tabB.key]], me);
    expect(second.status).toBe(303);
    expect(second.headers.get('Location')).toBe(location);
    expect((await madeBookings.bookingsOf(deps, me.user)).upcoming).toHaveLength(1);

    // The sold seats are taken for their buyer too, and the checkout shows the booking, not a hold.
    const map = await (await get(`/showtimes/${show.id}`, me)).text();
    expect(map).not.toContain('You are holding');
    expect(checkboxes(map).find((s) => s.value === 'E9')).toMatchObject({ disabled: true });
    const spent = await (await get(`/checkout/${show.id}`, me)).text();
    expect(spent).toContain('You booked these seats: E9, E10.');
    expect(spent).toContain(`href="${location}"`);
    // The same user can hold other seats of the showtime straight away.
    expect(
      (
        await post(
          `/showtimes/${show.id}/hold`,
          [
            ['seat', 'F9'],
            ['seat', 'F10'],
          ],
          me,
        )
      ).status,
    ).toBe(303);
    expect(await (await get(`/checkout/${show.id}`, me)).text()).toContain('F9 · Standard');
  });

  it('sends a signed-out visitor to sign in, coming back to the same seats', async () => {
    const show = showFor(3);
    const res = await post(`/showtimes/${show.id}/hold`, [
      ['seat', 'C7'],
      ['seat', 'C8'],
    ]);
    expect(res.status).toBe(303);
    const location = res.headers.get('Location') ?? '';
    expect(location).toBe(`/sign-in?next=${encodeURIComponent(`/showtimes/${show.id}?seats=C7,C8`)}`);
    const signIn = await (await app.request(location)).text();
    expect(signIn).toContain(`name="next" value="/showtimes/${show.id}?seats=C7,C8"`);
  });

  it('re-renders the map with the message and the seats kept when a choice strands a single seat', async () => {
    const show = showFor(4);
    const me = await customer();
    // D5 sits between the aisle and D6: taking D6 and D7 would leave it alone.
    const res = await post(
      `/showtimes/${show.id}/hold`,
      [
        ['seat', 'D6'],
        ['seat', 'D7'],
      ],
      me,
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toMatch(/<div role="alert"[^>]*><p[^>]*>That choice would leave D5 as a single empty seat/);
    expect(
      checkboxes(html)
        .filter((s) => s.checked)
        .map((s) => s.value),
    ).toEqual(['D6', 'D7']);
  });

  it('answers a seat taken in the meantime with 409, keeping the seats that are still free', async () => {
    const show = showFor(5);
    const [first, second] = [await customer(), await customer()];
    await booking.holdSeats(deps, first.user, show.id, ['E9', 'E10']);
    const res = await post(
      `/showtimes/${show.id}/hold`,
      [
        ['seat', 'E10'],
        ['seat', 'E11'],
        ['seat', 'E12'],
      ],
      second,
    );
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain('role="alert"');
    expect(html).toContain('E10 is no longer available');
    const seats = checkboxes(html);
    expect(seats.filter((s) => s.checked).map((s) => s.value)).toEqual(['E11', 'E12']);
    expect(seats.find((s) => s.value === 'E10')).toMatchObject({ disabled: true, checked: false });
  });

  it('sends an unconfirmed user to the account page to confirm the email first', async () => {
    const show = showFor(6);
    const res = await post(`/showtimes/${show.id}/hold`, [['seat', 'F9']], await customer(false));
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe('/account?done=confirm-to-book');
  });

  it('refuses malformed seats with 400 and the map', async () => {
    const show = showFor(6);
    const res = await post(`/showtimes/${show.id}/hold`, [['seat', '<script>']], await customer());
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Choose seats from the seat map.');
  });

  it('explains an expired hold at confirmation with a way back to the map', async () => {
    const show = showFor(7);
    const me = await customer();
    await post(
      `/showtimes/${show.id}/hold`,
      [
        ['seat', 'G9'],
        ['seat', 'G10'],
      ],
      me,
    );
    const key = /name="key" value="([0-9a-f-]{36})"/.exec(
      await (await get(`/checkout/${show.id}`, me)).text(),
    )?.[1];
    clock.set(new Date(now.getTime() + deps.config.holdMs + 1000));
    try {
      const res = await post(`/checkout/${show.id}/confirm`, [['key', key ?? '']], me);
      expect(res.status).toBe(409);
      const html = await res.text();
      expect(html).toContain('Your seats were released because the hold expired.');
      expect(html).toContain(`href="/showtimes/${show.id}"`);
      const checkout = await (await get(`/checkout/${show.id}`, me)).text();
      expect(checkout).toContain('You are not holding any seats for this showtime');
    } finally {
      clock.set(now);
    }
  });

  it('releases a hold from the checkout', async () => {
    const show = showFor(7);
    const me = await customer();
    await post(
      `/showtimes/${show.id}/hold`,
      [
        ['seat', 'K9'],
        ['seat', 'K10'],
      ],
      me,
    );
    const res = await post(`/checkout/${show.id}/release`, [], me);
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe(`/showtimes/${show.id}`);
    const seats = checkboxes(await (await get(`/showtimes/${show.id}`)).text());
    expect(seats.find((s) => s.value === 'K9')).toMatchObject({ disabled: false });
  });

  it('sends signed-out visitors from checkout and bookings to sign in', async () => {
    const res = await get(`/checkout/${showFor(0).id}`);
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toMatch(/^\/sign-in\?next=/);
  });
});
