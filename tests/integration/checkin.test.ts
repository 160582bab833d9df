import { TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role, SessionUser } from '../../src/auth/model';
import { createSession } from '../../src/auth/sessions';
import { demoShowtimes, loadDemoData } from '../../src/demo/seed';
import { createUser, markEmailVerified } from '../../src/features/accounts/repo';
import { listAuditEntries } from '../../src/features/audit/repo';
import { formatDoorCode } from '../../src/features/booking/door-code';
import { doorCodePut } from '../../src/features/booking/door-repo';
import type { Booking } from '../../src/features/booking/model';
import { confirmHold, getBooking, getHold } from '../../src/features/booking/repo';
import { SeatConflictError } from '../../src/features/booking/seat-conflict';
import * as booking from '../../src/features/booking/service';
import { seatsByRow } from '../../src/features/checkin/service';
import { signTicket, ticketWindow } from '../../src/features/tickets/code';
import { ticketCodeFor } from '../../src/features/tickets/service';
import { keys } from '../../src/platform/db/keys';
import type { PaymentProvider } from '../../src/platform/payments/payment-provider';
import { generateTicketKeys } from '../../src/platform/ticket-keys/ticket-keys';
import { formatDayMonth, localDate } from '../../src/platform/time';
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

/** A provider that takes the money online, as a card payment would: its bookings are paid. */
const card: PaymentProvider = {
  id: 'card',
  label: 'Card',
  charge: async () => ({ status: 'paid', reference: `ch-${crypto.randomUUID()}` }),
  refund: async () => {},
};

/** A booking of `seats`, paid online unless `unpaid` (the demo's pay at the box office). */
async function bookOn(showId: string, seats: string[], options: { unpaid?: boolean } = {}): Promise<Booking> {
  clock.set(now);
  const buyer = await person('customer');
  await booking.holdSeats(deps, buyer.user, showId, seats);
  const paying = options.unpaid ? deps : { ...deps, payment: card };
  return booking.confirmBooking(paying, buyer.user, showId, crypto.randomUUID());
}

function collect(who: Person, showId: string, bookingId: string) {
  return app.request(`/door/${showId}/collect`, {
    method: 'POST',
    headers: {
      Cookie: who.cookie,
      Origin: 'http://localhost',
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ bookingId }).toString(),
  });
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
  it('admits a paid ticket once, then says who admitted it and when', async () => {
    const show = shows[0];
    if (!show) throw new Error('no showtime');
    const made = await bookOn(show.id, ['C7', 'C8']);
    const code = await ticketCodeFor(deps, made);
    const usher = await person('staff');
    clock.set(new Date(Date.parse(show.startsAt) - 20 * 60_000));

    const first = await scan(usher, show.id, code);
    expect(first.status).toBe(200);
    const admitted = await verdict(first);
    expect(admitted).toBe(`Admit 2 — Row C 7, 8 ${made.id} · Paid`);
    expect(await getBooking(db, made.id)).toMatchObject({ admittedBy: usher.user.name });

    // Typed by hand: lower case, spaces and line breaks are forgiven.
    const typed = code.toLowerCase().replace(/(.{10})/g, '$1 \n');
    const second = await verdict(await scan(usher, show.id, typed));
    expect(second).toMatch(/^Already admitted at \d{1,2}:\d\d\s?[ap]m by Usher \d+/);
    expect(second).toContain('Do not admit again');
    expect((await getBooking(db, made.id))?.admittedAt).toBe(clock.now().toISOString());
  });

  it('accepts the door code once, typed any way, then says when it was admitted', async () => {
    const show = shows[5];
    if (!show) throw new Error('no showtime');
    const made = await bookOn(show.id, ['F5', 'F6']);
    expect(made.doorCode).toMatch(/^[23456789ABCDEFGHJKMNPQRSTVWXYZ]{8}$/);
    const doorCode = made.doorCode ?? '';
    const usher = await person('staff');
    clock.set(new Date(Date.parse(show.startsAt) - 15 * 60_000));

    // As read out: lower case, a space instead of the dash.
    const typed = `${doorCode.slice(0, 4)} ${doorCode.slice(4)}`.toLowerCase();
    expect(await verdict(await scan(usher, show.id, typed))).toBe(`Admit 2 — Row F 5, 6 ${made.id} · Paid`);
    const stored = await getBooking(db, made.id);
    expect(stored).toMatchObject({ admittedAt: clock.now().toISOString(), admittedBy: usher.user.name });

    clock.set(new Date(Date.parse(show.startsAt) - 5 * 60_000));
    const again = await verdict(await scan(usher, show.id, formatDoorCode(doorCode)));
    expect(again).toMatch(
      new RegExp(
        `^Already admitted at \\d{1,2}:\\d\\d\\s?[ap]m by ${usher.user.name} Booking ${made.id}\\. Do not admit again\\.$`,
      ),
    );
    expect(again).not.toContain(' on ');
    // The QR code of the same booking goes the same way: admitted already.
    const qr = await verdict(await scan(usher, show.id, await ticketCodeFor(deps, made)));
    expect(qr).toMatch(/^Already admitted at/);
    expect((await getBooking(db, made.id))?.admittedAt).toBe(stored?.admittedAt);
  });

  it('still admits a booking made before door codes, by its QR code', async () => {
    const show = shows[13];
    if (!show) throw new Error('no showtime');
    const made = await bookOn(show.id, ['J5', 'J6']);
    await db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: { pk: keys.booking(made.id), sk: keys.bookingMeta() },
        UpdateExpression: 'REMOVE doorCode',
      }),
    );
    const older = await getBooking(db, made.id);
    expect(older?.doorCode).toBeUndefined();
    const usher = await person('staff');
    clock.set(new Date(Date.parse(show.startsAt) - 15 * 60_000));
    const code = await ticketCodeFor(deps, made);
    expect(await verdict(await scan(usher, show.id, code))).toBe(`Admit 2 — Row J 5, 6 ${made.id} · Paid`);
  });

  it('says plainly that a door code belongs to no booking, and to another showtime when it does', async () => {
    const [show, other] = [shows[6], shows[7]];
    if (!show || !other) throw new Error('no showtimes');
    const usher = await person('staff');
    clock.set(new Date(Date.parse(show.startsAt) - 15 * 60_000));
    const unknown = await verdict(await scan(usher, show.id, 'zzzz-2222'));
    expect(unknown).toBe(
      'Do not admit No booking has the door code ZZZZ-2222. Check each character with the customer, or scan their QR code.',
    );
    const elsewhere = await bookOn(other.id, ['G5']);
    clock.set(new Date(Date.parse(show.startsAt) - 15 * 60_000));
    const text = await verdict(await scan(usher, show.id, elsewhere.doorCode ?? ''));
    expect(text).toMatch(/^Do not admit This ticket is for another showtime: .+ at \d{1,2}:\d\d\s?[ap]m/);
    expect((await getBooking(db, elsewhere.id))?.admittedAt).toBeUndefined();
  });

  it('asks for an unpaid booking to be paid first, and admits it only when staff confirm the payment', async () => {
    const show = shows[8];
    if (!show) throw new Error('no showtime');
    const made = await bookOn(show.id, ['K3', 'K4'], { unpaid: true });
    const usher = await person('staff');
    // Before its release, 30 minutes before the show (booking/unpaid.ts), and inside the door's window.
    clock.set(new Date(Date.parse(show.startsAt) - 40 * 60_000));
    const amount = /₹[\d,.]+/;

    for (const code of [made.doorCode ?? '', await ticketCodeFor(deps, made)]) {
      const page = await scan(usher, show.id, code);
      const text = await verdict(page);
      expect(text).toMatch(new RegExp(`^Collect ${amount.source} first Booking ${made.id} is not paid`));
      expect(text).not.toMatch(/Admit 2/);
      const stored = await getBooking(db, made.id);
      expect(stored?.admittedAt).toBeUndefined();
      expect(stored?.payment.status).toBe('unpaid');
    }

    const paid = await collect(usher, show.id, made.id);
    expect(paid.status).toBe(200);
    expect(await verdict(paid)).toMatch(
      new RegExp(
        `^Admit 2 — Row K 3, 4 ${made.id} · Paid ${amount.source} at the door, taken by ${usher.user.name}$`,
      ),
    );
    const stored = await getBooking(db, made.id);
    expect(stored).toMatchObject({
      admittedAt: clock.now().toISOString(),
      admittedBy: usher.user.name,
      payment: { status: 'paid', collectedAt: clock.now().toISOString(), collectedBy: usher.user.name },
    });
    const audit = await listAuditEntries(db, { theaterId: 'harbour-lights-colaba', limit: 50 });
    expect(audit.entries.find((entry) => entry.target.id === made.id)).toMatchObject({
      action: 'took payment at the door',
      actorId: usher.user.id,
      before: { payment: 'unpaid' },
    });

    // A second click, or a scan after: admitted already, and the payment is recorded once.
    clock.set(new Date(Date.parse(show.startsAt) - 39 * 60_000));
    expect(await verdict(await collect(usher, show.id, made.id))).toMatch(/^Already admitted at .+ by Usher/);
    expect(await verdict(await scan(usher, show.id, made.doorCode ?? ''))).toMatch(/^Already admitted at/);
    expect((await getBooking(db, made.id))?.payment.collectedAt).toBe(stored?.payment.collectedAt);

    // Another unpaid booking, past its release: the door says so and takes no money.
    const late = await bookOn(show.id, ['K7', 'K8'], { unpaid: true });
    clock.set(new Date(Date.parse(show.startsAt) - 20 * 60_000));
    expect(await verdict(await scan(usher, show.id, late.doorCode ?? ''))).toMatch(
      /^Do not admit Released at /,
    );
    expect(await verdict(await collect(usher, show.id, late.id))).toMatch(/Released at .*went back on sale/);
    expect((await getBooking(db, late.id))?.payment.status).toBe('unpaid');
  });

  it('refuses to take a payment for a booking of another showtime, an unknown one, or outside its window', async () => {
    const [show, other] = [shows[9], shows[10]];
    if (!show || !other) throw new Error('no showtimes');
    const made = await bookOn(show.id, ['L3', 'L4'], { unpaid: true });
    const usher = await person('staff');
    clock.set(new Date(Date.parse(show.startsAt) - 10 * 60_000));
    expect(await verdict(await collect(usher, other.id, made.id))).toMatch(/another showtime/);
    expect(await verdict(await collect(usher, show.id, 'MM-0000-0000-0000'))).toContain(
      'We could not find that booking.',
    );
    expect(await verdict(await collect(usher, show.id, '<script>'))).toContain(
      'We could not find that booking.',
    );
    clock.set(new Date(Date.parse(show.startsAt) - 24 * 60 * 60_000));
    expect(await verdict(await collect(usher, show.id, made.id))).toMatch(/^Do not admit Too early/);
    const customer = await person('customer');
    expect((await collect(customer, show.id, made.id)).status).toBe(403);
    expect((await getBooking(db, made.id))?.payment.status).toBe('unpaid');
    expect((await getBooking(db, made.id))?.admittedAt).toBeUndefined();
  });

  it('names the date in door messages when it is not today in the theater’s zone', async () => {
    const show = shows[11];
    if (!show) throw new Error('no showtime');
    const made = await bookOn(show.id, ['M3']);
    const usher = await person('staff');
    const start = new Date(show.startsAt);
    const day = formatDayMonth(localDate(start, 'Asia/Kolkata'), { weekday: true });
    clock.set(new Date(start.getTime() - 24 * 60 * 60_000));
    const early = await verdict(await scan(usher, show.id, made.doorCode ?? ''));
    expect(early).toMatch(
      new RegExp(`^Do not admit Too early: this ticket is accepted from .+ on ${day}\\.$`),
    );
    clock.set(new Date(start.getTime() - 4 * 60 * 60_000));
    const sameDay = await verdict(await scan(usher, show.id, made.doorCode ?? ''));
    expect(sameDay).toMatch(/^Do not admit Too early: this ticket is accepted from \d{1,2}:\d\d\s?[ap]m\.$/);
  });

  it('keeps door codes unique in the database: a sale with a taken code writes nothing', async () => {
    const show = shows[12];
    if (!show) throw new Error('no showtime');
    const first = await bookOn(show.id, ['E5', 'E6']);
    const buyer = await person('customer');
    await booking.holdSeats(deps, buyer.user, show.id, ['E9', 'E10']);
    const hold = await getHold(db, show.id, buyer.user.id);
    if (!hold) throw new Error('no hold');
    const clash: Booking = {
      ...first,
      id: 'MM-ZZZZ-ZZZZ-ZZZ2',
      userId: buyer.user.id,
      seats: [{ id: 'E9', category: 'standard', categoryName: 'Standard' }],
    };
    const sale = confirmHold(db, hold, clash, clock.now().toISOString(), crypto.randomUUID());
    await expect(sale).rejects.toBeInstanceOf(SeatConflictError);
    await expect(sale).rejects.toMatchObject({ doorCode: true, seats: [] });
    expect(await getBooking(db, clash.id)).toBeUndefined();
    // A second lookup item for the same code cannot be written either.
    const again = new TransactWriteCommand({ TransactItems: [doorCodePut(db, first.doorCode ?? '', clash)] });
    await expect(db.doc.send(again)).rejects.toThrow();
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
      ['', /Scan a ticket, or type its door code/],
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
