import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoShowtimes } from '../../src/demo/seed';
import { listAuditEntries } from '../../src/features/audit/repo';
import { formatDoorCode } from '../../src/features/booking/door-code';
import type { Booking, Hold } from '../../src/features/booking/model';
import {
  getBooking,
  getHold,
  getSeatStates,
  listSeatStates,
  placeHold,
} from '../../src/features/booking/repo';
import { SeatConflictError } from '../../src/features/booking/seat-conflict';
import * as booking from '../../src/features/booking/service';
import { getScreen, getShowtime, screenVersionItem } from '../../src/features/catalog/repo';
import { readCatalogue } from '../../src/features/catalog/transfer';
import { dispatchDue } from '../../src/features/confirmations/dispatcher';
import { listBookingMessages } from '../../src/features/confirmations/repo';
import { cancelShowtime, moveShowtime } from '../../src/features/showtime-changes/move-and-cancel';
import { ticketCodeFor } from '../../src/features/tickets/service';
import { keys } from '../../src/platform/db/keys';
import { fixedClock, type freshTable, type testApp } from '../support/db';
import type { RecordingMailer } from '../support/mail';
import {
  demoWorld,
  getAs,
  hookedDb,
  type Person,
  person,
  postAs,
  SimulatedCrash,
  textOf,
  writes,
} from '../support/showtime-changes';
import type { RecordingNotifier } from '../support/sms';

const now = new Date('2026-11-24T09:00:00Z');
const clock = fixedClock(now);
let db: Awaited<ReturnType<typeof freshTable>>;
let deps: ReturnType<typeof testApp>['deps'];
let app: ReturnType<typeof testApp>['app'];

const COLABA = 'harbour-lights-colaba';
// Grand Hall showtimes from tomorrow on (10:30, 14:00, 17:30, 21:00 a day): each test takes its own.
const shows = demoShowtimes(now).filter((s) => s.screenId === `${COLABA}-1` && s.startsAt > '2026-11-25');
let taken = 0;
const nextShow = () => {
  const show = shows[taken++];
  if (!show) throw new Error('no demo showtime left');
  return show;
};

let manager: Person;
let admin: Person;
const page = (showId: string) => `/admin/showtimes/${showId}`;
const mailer = () => deps.mailer as RecordingMailer;
const texts = () => deps.notifier as RecordingNotifier;

/** A booking of `seats` by a new customer (with a mobile number for texts when given). */
async function book(showId: string, seats: string[], mobile?: string): Promise<Booking & { who: Person }> {
  const who = await person(deps, 'customer', { mobile });
  await booking.holdSeats(deps, who.user, showId, seats);
  const made = await booking.confirmBooking(deps, who.user, showId, crypto.randomUUID());
  return { ...made, who };
}

/** Sends everything the outbox has due, as the dispatcher in the server would. */
async function dispatchAll() {
  for (let round = 0; round < 10; round++) {
    if ((await dispatchDue(deps, 'test-dispatcher')).listed === 0) return;
  }
}

/** The theater's audit entries about one showtime (the test clock stands still, so order is not time). */
async function auditOf(showId: string, action?: string) {
  const { entries } = await listAuditEntries(db, { theaterId: COLABA, limit: 500 });
  return entries.filter((entry) => entry.target.id === showId && (!action || entry.action === action));
}

/** The door's verdict on a code for a showtime, as its text. */
async function scan(staff: Person, showId: string, code: string): Promise<string> {
  const html = await (await postAs(app, staff, `/door/${showId}`, [['code', code]])).text();
  return textOf(/<div role="alert"[^>]*>([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '');
}

beforeAll(async () => {
  ({ db, deps, app, manager, admin } = await demoWorld(now, clock, COLABA));
});
afterAll(() => db.drop());

describe('seat blocks', () => {
  it('blocks seats with a reason, shows them unavailable to moviegoers, and releases them, audited', async () => {
    const show = nextShow();
    const res = await postAs(app, manager, `${page(show.id)}/seats`, [
      ['seat', 'C1'],
      ['seat', 'C2'],
      ['reason', 'House seats for the director'],
      ['action', 'block'],
    ]);
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe(`${page(show.id)}?done=blocked&n=2`);
    const states = await getSeatStates(db, show.id, ['C1', 'C2']);
    expect(states.map((s) => [s.seatId, s.state, s.reason, s.blockedByEmail]).sort()).toEqual([
      ['C1', 'blocked', 'House seats for the director', manager.user.email],
      ['C2', 'blocked', 'House seats for the director', manager.user.email],
    ]);
    expect(await auditOf(show.id, 'blocked seats')).toMatchObject([
      {
        actorEmail: manager.user.email,
        target: { kind: 'showtime', id: show.id },
        after: { seats: ['C1', 'C2'], reason: 'House seats for the director' },
      },
    ]);

    const customer = await person(deps, 'customer');
    const map = await booking.seatMap(deps, show.id, customer.user);
    expect(map.seats.get('C1')).toBe('unavailable');
    const html = await (await getAs(app, customer, `/showtimes/${show.id}`)).text();
    expect(html).toMatch(/value="C1" aria-label="Row C, seat 1, [^"]*, unavailable" disabled/);
    const polled = await (await app.request(`/showtimes/${show.id}/seats`)).json();
    expect(polled).toMatchObject({ unavailable: ['C1', 'C2'], taken: [] });
    const ownPage = await (await getAs(app, manager, page(show.id))).text();
    expect(textOf(ownPage)).toContain('0 sold, 0 held, 2 blocked');
    expect(ownPage).toContain('House seats for the director');

    const release = await postAs(app, manager, `${page(show.id)}/seats`, [
      ['seat', 'C2'],
      ['action', 'release'],
    ]);
    expect(release.headers.get('Location')).toBe(`${page(show.id)}?done=released&n=1`);
    expect((await getSeatStates(db, show.id, ['C1', 'C2'])).map((s) => s.seatId)).toEqual(['C1']);
    expect(await auditOf(show.id, 'released seat blocks')).toMatchObject([
      { before: { blocked: ['C2 (House seats for the director)'] } },
    ]);
  });

  it('refuses to block a held or sold seat, naming the seats, and blocks nothing', async () => {
    const show = nextShow();
    await book(show.id, ['D5']);
    const holder = await person(deps, 'customer');
    await booking.holdSeats(deps, holder.user, show.id, ['D8']);
    const res = await postAs(app, manager, `${page(show.id)}/seats`, [
      ['seat', 'D5'],
      ['seat', 'D8'],
      ['seat', 'D10'],
      ['reason', 'Broken seat'],
      ['action', 'block'],
    ]);
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(textOf(html)).toContain('Nothing was blocked: D5 is sold; D8 is held by a customer.');
    // The form keeps what was sent: the reason, and the free seat still chosen.
    expect(html).toContain('value="Broken seat"');
    expect(html).toMatch(/value="D10" aria-label="[^"]*, free" checked/);
    const noReason = await postAs(app, manager, `${page(show.id)}/seats`, [
      ['seat', 'D10'],
      ['action', 'block'],
    ]);
    expect(noReason.status).toBe(400);
    expect(textOf(await noReason.text())).toContain('Say why these seats are blocked');
    const states = await listSeatStates(db, show.id);
    expect(states.map((s) => [s.seatId, s.state]).sort()).toEqual([
      ['D5', 'sold'],
      ['D8', 'held'],
    ]);
  });

  it('refuses to release a seat that is not blocked, leaving a sold seat sold', async () => {
    const show = nextShow();
    const made = await book(show.id, ['D5']);
    const res = await postAs(app, manager, `${page(show.id)}/seats`, [
      ['seat', 'D5'],
      ['action', 'release'],
    ]);
    expect(res.status).toBe(409);
    expect(textOf(await res.text())).toContain('Nothing was released: D5 is not blocked.');
    expect(await getSeatStates(db, show.id, ['D5'])).toMatchObject([{ state: 'sold', bookingId: made.id }]);
  });

  it('makes a blocked seat impossible to hold, even for a hold checked before the block', async () => {
    const show = nextShow();
    const customer = await person(deps, 'customer');
    // Checked while E5 was free, written after the block: the seat's own condition refuses it.
    const inFlight = hookedDb(db, writes.hold, async () => {
      await postAs(app, manager, `${page(show.id)}/seats`, [
        ['seat', 'E5'],
        ['reason', 'Broken seat'],
        ['action', 'block'],
      ]);
    });
    await expect(
      booking.holdSeats({ ...deps, db: inFlight }, customer.user, show.id, ['E5']),
    ).rejects.toThrow(/Someone else just took E5/);
    expect(inFlight.seen()).toBe(1);
    await expect(booking.holdSeats(deps, customer.user, show.id, ['E5'])).rejects.toMatchObject({
      code: 'conflict',
      message: 'E5 is no longer available. Please choose again.',
    });
    expect(await getHold(db, show.id, customer.user.id)).toBeUndefined();
  });
});

describe('the sales switch', () => {
  it('stops and restarts online sales: holds and sales refused meanwhile with a clear message, listings marked', async () => {
    const show = nextShow();
    const customer = await person(deps, 'customer');
    await booking.holdSeats(deps, customer.user, show.id, ['F1', 'F2']);
    const stop = await postAs(app, manager, `${page(show.id)}/sales`, [['sales', 'stop']]);
    expect(stop.headers.get('Location')).toBe(`${page(show.id)}?done=stopped`);
    expect((await getShowtime(db, show.id))?.salesStopped).toBe(true);
    expect(await auditOf(show.id, 'stopped online sales')).toMatchObject([
      { before: { salesStopped: false }, after: { salesStopped: true } },
    ]);

    const other = await person(deps, 'customer');
    const stopped =
      'Online sales for this showtime are stopped for now. The box office may still have seats.';
    await expect(booking.holdSeats(deps, other.user, show.id, ['F5'])).rejects.toMatchObject({
      message: stopped,
    });
    await expect(
      booking.confirmBooking(deps, customer.user, show.id, crypto.randomUUID()),
    ).rejects.toMatchObject({ code: 'conflict', message: stopped });
    const held = await postAs(app, other, `/showtimes/${show.id}/hold`, [['seat', 'F5']]);
    expect(held.status).toBe(409);
    expect(textOf(await held.text())).toContain(stopped);
    const listing = await (await app.request(`/theaters/${COLABA}`)).text();
    const link = new RegExp(`href="/showtimes/${show.id}"[\\s\\S]*?</a>`).exec(listing)?.[0] ?? '';
    expect(link).toContain('Online sales stopped');
    expect(textOf(await (await getAs(app, manager, page(show.id))).text())).toContain(
      'Sales Online sales stopped',
    );

    // Asking again for the state it is in writes nothing.
    const again = await postAs(app, manager, `${page(show.id)}/sales`, [['sales', 'stop']]);
    expect(again.headers.get('Location')).toBe(`${page(show.id)}?done=unchanged`);
    expect(await auditOf(show.id)).toHaveLength(1);

    await postAs(app, manager, `${page(show.id)}/sales`, [['sales', 'start']]);
    expect((await getShowtime(db, show.id))?.salesStopped).toBeUndefined();
    expect(await auditOf(show.id, 'restarted online sales')).toHaveLength(1);
    const made = await booking.confirmBooking(deps, customer.user, show.id, crypto.randomUUID());
    expect(made.seats.map((s) => s.id)).toEqual(['F1', 'F2']);
  });

  it('refuses a hold and a sale in flight: checked before the stop, written after it', async () => {
    const show = nextShow();
    const customer = await person(deps, 'customer');
    const stopSales = async () => {
      await postAs(app, manager, `${page(show.id)}/sales`, [['sales', 'stop']]);
    };
    const stopped = /Online sales for this showtime are stopped/;
    const holdInFlight = hookedDb(db, writes.hold, stopSales);
    await expect(
      booking.holdSeats({ ...deps, db: holdInFlight }, customer.user, show.id, ['G1']),
    ).rejects.toThrow(stopped);
    expect(holdInFlight.seen()).toBe(1);
    expect(await getSeatStates(db, show.id, ['G1'])).toEqual([]);

    await postAs(app, manager, `${page(show.id)}/sales`, [['sales', 'start']]);
    await booking.holdSeats(deps, customer.user, show.id, ['G1']);
    const saleInFlight = hookedDb(db, writes.sale, stopSales);
    await expect(
      booking.confirmBooking({ ...deps, db: saleInFlight }, customer.user, show.id, crypto.randomUUID()),
    ).rejects.toThrow(stopped);
    expect(saleInFlight.seen()).toBe(1);
    expect(await getSeatStates(db, show.id, ['G1'])).toMatchObject([{ state: 'held' }]);
  });

  it('refuses a hold and a sale checked against another seat layout version', async () => {
    const show = nextShow();
    const customer = await person(deps, 'customer');
    // A showtime sells from a layout version that exists: kept copies of the screen's layout stand in.
    const screen = await getScreen(db, show.theaterId, show.screenId);
    if (!screen) throw new Error('no screen');
    const setVersion = async (version: number) => {
      await db.doc.send(
        new PutCommand({
          TableName: db.table,
          Item: screenVersionItem({
            theaterId: screen.theaterId,
            screenId: screen.id,
            version,
            categories: screen.categories,
            layout: screen.layout,
            seatCount: screen.seatCount,
          }),
        }),
      );
      return db.doc.send(
        new UpdateCommand({
          TableName: db.table,
          Key: { pk: keys.show(show.id), sk: keys.showMeta() },
          UpdateExpression: 'SET layoutVersion = :v',
          ExpressionAttributeValues: { ':v': version },
        }),
      );
    };
    await setVersion(2);
    const stale: Hold = {
      holdId: crypto.randomUUID(),
      showId: show.id,
      userId: customer.user.id,
      seats: ['A5'],
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + 600_000).toISOString(),
      layoutVersion: 1,
    };
    const refused = await placeHold(db, stale, undefined, now.toISOString()).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(SeatConflictError);
    expect(refused).toMatchObject({ showtime: true, seats: [] });

    const hold = await booking.holdSeats(deps, customer.user, show.id, ['A5']);
    expect(hold.layoutVersion).toBe(2);
    await setVersion(3);
    await expect(booking.confirmBooking(deps, customer.user, show.id, crypto.randomUUID())).rejects.toThrow(
      'The seat plan of this showtime has just changed. Please choose your seats again.',
    );
    // Versions beyond 1 are the screen layout work's to export; this table is exported further on.
    await db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: { pk: keys.show(show.id), sk: keys.showMeta() },
        UpdateExpression: 'REMOVE layoutVersion',
      }),
    );
  });
});

describe('who may run a showtime', () => {
  it('refuses a manager of another theater and staff with 403, changing nothing; admins may', async () => {
    const show = nextShow();
    const elsewhere = await person(deps, 'manager', { theaterIds: ['sapphire-andheri'] });
    const staff = await person(deps, 'staff', { theaterIds: [COLABA] });
    const posts: [string, [string, string][]][] = [
      [
        'seats',
        [
          ['seat', 'A1'],
          ['reason', 'x'],
          ['action', 'block'],
        ],
      ],
      ['sales', [['sales', 'stop']]],
      [
        'move',
        [
          ['date', '2026-11-30'],
          ['time', '07:00'],
        ],
      ],
      ['cancel', [['confirm', 'yes']]],
      ['finish', []],
    ];
    for (const who of [elsewhere, staff]) {
      expect((await getAs(app, who, page(show.id))).status).toBe(403);
      for (const [action, fields] of posts) {
        expect((await postAs(app, who, `${page(show.id)}/${action}`, fields)).status, action).toBe(403);
      }
    }
    expect(await getShowtime(db, show.id)).toEqual(show);
    expect(await listSeatStates(db, show.id)).toEqual([]);
    expect((await getAs(app, undefined, page(show.id))).status).toBe(303);
    expect((await getAs(app, admin, page(show.id))).status).toBe(200);
    expect((await getAs(app, manager, page(show.id))).status).toBe(200);
    expect((await getAs(app, manager, page('no-such-show'))).status).toBe(404);
  });
});

describe('moving a showtime', () => {
  it('refuses a time in the past and a time when the screen is taken, changing nothing', async () => {
    const show = nextShow();
    const at = (date: string, time: string) =>
      postAs(app, manager, `${page(show.id)}/move`, [
        ['date', date],
        ['time', time],
      ]);
    const past = await at('2026-11-23', '19:00');
    expect(past.status).toBe(400);
    expect(textOf(await past.text())).toContain('That time has passed. Choose a time in the future.');
    const malformed = await at('2026-11-31', '25:00');
    expect(malformed.status).toBe(400);
    expect(textOf(await malformed.text())).toContain('Enter the new start time like 19:30.');
    // Half an hour after its own start is free of itself, but the next slot's film needs the screen.
    const next = shows.find((s) => s.startsAt > show.startsAt);
    if (!next) throw new Error('no later showtime');
    const clash = new Date(Date.parse(next.startsAt) - 60 * 60_000);
    const local = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Kolkata',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(clash);
    const time = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Kolkata',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(clash);
    const overlap = await at(local, time);
    expect(overlap.status).toBe(409);
    expect(textOf(await overlap.text())).toMatch(
      /Screen 1 · Grand Hall has another showtime from \d{1,2}:\d\d [ap]m until \d{1,2}:\d\d [ap]m \(its film and the 15-minute cleaning gap\), which this time would overlap/,
    );
    expect((await getShowtime(db, show.id))?.startsAt).toBe(show.startsAt);
    expect(await auditOf(show.id)).toEqual([]);
  });

  it('moves the showtime and its bookings; the customer gets the new time and a new code the door admits', async () => {
    const show = nextShow();
    const made = await book(show.id, ['J1', 'J2'], '+919812345001');
    const oldCode = await ticketCodeFor(deps, made);
    // The demo schedule ends on the 30th: the screen is free on the days after.
    const res = await postAs(app, manager, `${page(show.id)}/move`, [
      ['date', '2026-12-01'],
      ['time', '07:00'],
    ]);
    expect(res.headers.get('Location')).toBe(`${page(show.id)}?done=moved&n=1`);
    const startsAt = '2026-12-01T01:30:00.000Z'; // 07:00 IST
    const moved = await getShowtime(db, show.id);
    expect(moved?.startsAt).toBe(startsAt);
    const item = await db.doc.send(
      new GetCommand({ TableName: db.table, Key: { pk: keys.show(show.id), sk: keys.showMeta() } }),
    );
    expect(item.Item).toMatchObject({ gsi1sk: `${startsAt}#${show.id}`, gsi2sk: `${startsAt}#${show.id}` });
    const updated = await getBooking(db, made.id);
    expect(updated).toMatchObject({ startsAt, previousStartsAt: show.startsAt });
    expect(updated?.movedAt).toBeDefined();
    expect(await auditOf(show.id, 'moved showtime')).toMatchObject([
      { before: { startsAt: show.startsAt }, after: { startsAt } },
    ]);

    await dispatchAll();
    const newCode = await ticketCodeFor(deps, updated as Booking);
    expect(newCode).not.toBe(oldCode);
    const mail = mailer().sent.find((m) => m.to === made.who.user.email && m.subject.startsWith('New time'));
    expect(mail?.subject).toMatch(/^New time for .+: Tuesday, 1 December 2026, 7:00 am IST$/);
    expect(mail?.text).toContain(`New ticket code: ${newCode}`);
    expect(mail?.text).toContain('the old ticket, its QR code and PDF no longer admit you');
    // The new QR code is an inline image; the door code, which names the booking, stays the same.
    expect(mail?.html).toContain(`<img src="cid:qr-${made.id}@moviemagic"`);
    expect(mail?.text).toContain(
      `Your door code, ${formatDoorCode(updated?.doorCode ?? '')}, stays the same.`,
    );
    expect(mail?.attachments?.map((a) => a.filename)).toEqual([
      `qr-${made.id}.png`,
      `ticket-${made.id}.pdf`,
      `${made.id}.ics`,
    ]);
    // The booking's confirmation goes out in the same round: the news is found among the texts.
    const sms =
      texts().sent.findLast((text) => text.to === '+919812345001' && text.text.includes(' moved to '))
        ?.text ?? '';
    expect(sms).toMatch(new RegExp(`^Movie Magic ${made.id}: .+ moved to .+7:00 am IST`));
    expect(sms).toContain('the QR code changed');
    const messages = await listBookingMessages(db, made.id);
    expect(messages.map((m) => [m.kind, m.status]).sort()).toEqual([
      ['booking-confirmation', 'sent'],
      ['showtime-moved', 'sent'],
    ]);

    const usher = await person(deps, 'staff', { theaterIds: [COLABA] });
    // Unpaid: it is released 30 minutes before the new time, not the old one (booking/unpaid.ts).
    expect(updated?.payment.releaseAt).toBe(new Date(Date.parse(startsAt) - 30 * 60_000).toISOString());
    clock.set(new Date(Date.parse(startsAt) - 40 * 60_000));
    expect(await scan(usher, show.id, oldCode)).toContain(
      'This ticket was reissued: the showtime moved to 7:00 am. Ask for the new code',
    );
    // The new code is accepted: an unpaid booking is then asked to pay before it is admitted. So is its
    // door code, which did not change.
    expect(await scan(usher, show.id, newCode)).toMatch(/Collect ₹[\d,.]+ first[\s\S]*Row J 1, 2/);
    expect(await scan(usher, show.id, updated?.doorCode ?? '')).toMatch(/Collect ₹[\d,.]+ first/);
    clock.set(now);
    const bookingPage = textOf(await (await getAs(app, made.who, `/bookings/${made.id}`)).text());
    expect(bookingPage).toContain('The theater moved this showtime: it now starts');
    expect(bookingPage).toContain(newCode);
  });

  it('refuses a sale checked before a move and written after it: the seats stay held for the new time', async () => {
    const show = nextShow();
    const customer = await person(deps, 'customer');
    await booking.holdSeats(deps, customer.user, show.id, ['K1']);
    const moveFirst = hookedDb(db, writes.sale, async () => {
      await postAs(app, manager, `${page(show.id)}/move`, [
        ['date', '2026-12-02'],
        ['time', '07:15'],
      ]);
    });
    await expect(
      booking.confirmBooking({ ...deps, db: moveFirst }, customer.user, show.id, crypto.randomUUID()),
    ).rejects.toThrow(
      /This showtime has just moved: it now starts 7:15 am on Wed, 2 Dec\. Your seats are still held/,
    );
    const made = await booking.confirmBooking(deps, customer.user, show.id, crypto.randomUUID());
    expect(made.startsAt).toBe((await getShowtime(db, show.id))?.startsAt);
  });

  it('finishes a move that crashed mid-way when asked again, telling each customer once', async () => {
    const show = nextShow();
    // One seat each, unpaid: moving one takes its booking, its message and its seat's release mark.
    const made = [await book(show.id, ['L5']), await book(show.id, ['L6']), await book(show.id, ['L7'])];
    const crashing = hookedDb(db, writes.bookingMove, async () => Promise.reject(new SimulatedCrash()), 2);
    const input = { date: '2026-12-03', time: '07:30' };
    await expect(
      moveShowtime({ ...deps, db: crashing }, manager.user, show.id, input, { maxItems: 3 }),
    ).rejects.toBeInstanceOf(SimulatedCrash);
    const startsAt = (await getShowtime(db, show.id))?.startsAt;
    const after = await Promise.all(made.map((b) => getBooking(db, b.id)));
    expect(after.filter((b) => b?.startsAt === startsAt)).toHaveLength(1);
    const pageText = textOf(await (await getAs(app, manager, page(show.id))).text());
    expect(pageText).toContain('2 bookings still have the old time.');

    expect(await moveShowtime(deps, manager.user, show.id, input, { maxItems: 3 })).toEqual({
      changed: false,
      bookings: 2,
    });
    for (const b of made) {
      expect((await getBooking(db, b.id))?.startsAt).toBe(startsAt);
      const news = (await listBookingMessages(db, b.id)).filter((m) => m.kind === 'showtime-moved');
      expect(news, b.id).toHaveLength(1);
    }
    expect(await moveShowtime(deps, manager.user, show.id, input)).toEqual({ changed: false, bookings: 0 });
  });
});

describe('cancelling a showtime', () => {
  it('cancels its bookings, frees their seats and holds, tells each customer, and unlists it', async () => {
    const show = nextShow();
    const first = await book(show.id, ['M1', 'M2'], '+919812345002');
    const second = await book(show.id, ['M5']);
    const holder = await person(deps, 'customer');
    await booking.holdSeats(deps, holder.user, show.id, ['M9', 'M10']);
    const code = await ticketCodeFor(deps, first);
    expect(await (await app.request(`/theaters/${COLABA}`)).text()).toContain(`href="/showtimes/${show.id}"`);

    const unticked = await postAs(app, manager, `${page(show.id)}/cancel`);
    expect(unticked.status).toBe(400);
    expect(textOf(await unticked.text())).toContain('Tick the box to confirm the cancellation.');
    const res = await postAs(app, manager, `${page(show.id)}/cancel`, [['confirm', 'yes']]);
    expect(res.headers.get('Location')).toBe(`${page(show.id)}?done=cancelled&n=2`);
    const cancelledAt = (await getShowtime(db, show.id))?.cancelledAt;
    expect(cancelledAt).toBe(now.toISOString());
    for (const b of [first, second]) expect((await getBooking(db, b.id))?.cancelledAt).toBe(cancelledAt);
    expect(await listSeatStates(db, show.id)).toEqual([]);
    expect(await getHold(db, show.id, holder.user.id)).toBeUndefined();
    expect(await auditOf(show.id, 'cancelled showtime')).toMatchObject([{ after: { cancelledAt } }]);

    expect(await (await app.request(`/theaters/${COLABA}`)).text()).not.toContain(
      `href="/showtimes/${show.id}"`,
    );
    const exported = await readCatalogue(db);
    expect(exported.showtimes.find((s) => s.id === show.id)).toMatchObject({ cancelledAt });
    await expect(booking.holdSeats(deps, holder.user, show.id, ['M1'])).rejects.toThrow(
      'This showtime was cancelled, so its seats are not on sale.',
    );

    await dispatchAll();
    for (const b of [first, second]) {
      const mails = mailer().sent.filter((m) => m.to === b.who.user.email);
      // The confirmation still waiting is not sent for a cancelled booking: only the cancellation is.
      expect(mails.map((m) => m.subject)).toEqual([expect.stringMatching(/^Cancelled: /)]);
      expect(mails[0]?.text).toContain(`Your booking ${b.id} is cancelled`);
      expect(mails[0]?.text).toContain(
        'at the box office of Harbour Lights Cinema, Colaba for a full refund of',
      );
    }
    expect(texts().lastTo('+919812345002')?.text).toMatch(
      new RegExp(
        `^Movie Magic ${first.id}: .+ is cancelled\\..* show this text at the box office for a full refund\\.$`,
      ),
    );
    const usher = await person(deps, 'staff', { theaterIds: [COLABA] });
    clock.set(new Date(Date.parse(show.startsAt) - 20 * 60_000));
    expect(await scan(usher, show.id, code)).toContain('This booking was cancelled');
    clock.set(now);
    const bookingPage = textOf(await (await getAs(app, first.who, `/bookings/${first.id}`)).text());
    expect(bookingPage).toContain('Booking cancelled');
    expect(bookingPage).not.toContain(code);
    expect(textOf(await (await getAs(app, first.who, '/account')).text())).toContain(
      'Cancelled by the theater',
    );

    // The freed seats are free at the seat level: with the showtime reinstated, a new customer books them.
    await db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: { pk: keys.show(show.id), sk: keys.showMeta() },
        UpdateExpression: 'REMOVE cancelledAt',
      }),
    );
    const again = await book(show.id, ['M1', 'M2']);
    expect(again.seats.map((s) => s.id)).toEqual(['M1', 'M2']);
  });

  it('finishes a cancellation that crashed mid-way, telling each customer once', async () => {
    const show = nextShow();
    const made = [
      await book(show.id, ['K5', 'K6']),
      await book(show.id, ['K7', 'K8']),
      await book(show.id, ['K9']),
    ];
    const crashing = hookedDb(db, writes.bookingCancel, async () => Promise.reject(new SimulatedCrash()), 2);
    await expect(
      cancelShowtime({ ...deps, db: crashing }, manager.user, show.id, { maxItems: 4 }),
    ).rejects.toBeInstanceOf(SimulatedCrash);
    const left = (await Promise.all(made.map((b) => getBooking(db, b.id)))).filter((b) => !b?.cancelledAt);
    expect(left).toHaveLength(2);
    expect(textOf(await (await getAs(app, manager, page(show.id))).text())).toContain(
      '2 bookings of this cancelled showtime are not cancelled yet.',
    );

    const finish = await postAs(app, manager, `${page(show.id)}/finish`);
    expect(finish.headers.get('Location')).toBe(`${page(show.id)}?done=finished&n=2`);
    expect(await listSeatStates(db, show.id)).toEqual([]);
    for (const b of made) {
      expect((await getBooking(db, b.id))?.cancelledAt).toBeDefined();
      const news = (await listBookingMessages(db, b.id)).filter((m) => m.kind === 'showtime-cancelled');
      expect(news, b.id).toHaveLength(1);
    }
    expect(textOf(await (await getAs(app, manager, page(show.id))).text())).not.toContain(
      'not cancelled yet',
    );
  });
});
