import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntry } from '../../src/features/audit/service';
import * as madeBookings from '../../src/features/booking/made-bookings';
import type { Booking } from '../../src/features/booking/model';
import * as bookingRepo from '../../src/features/booking/repo';
import * as booking from '../../src/features/booking/service';
import { AppError } from '../../src/platform/errors';
import { type Customer, type PaymentsHarness, paymentsHarness } from '../support/payments';

/*
 * Bookings to be paid at the box office: a few per customer, and released 30 minutes before the show
 * unless paid, with no job running: the seats' own mark makes them free for the next hold.
 */

const now = new Date('2026-11-24T09:00:00Z');
let h: PaymentsHarness;

beforeAll(async () => {
  h = await paymentsHarness(now);
});
afterAll(() => h?.stop());

async function bookUnpaid(who: Customer, showId: string, seats: string[]) {
  await booking.holdSeats(h.deps, who.user, showId, seats);
  return booking.confirmBooking(h.deps, who.user, showId, randomUUID());
}

/** Door staff (here `who`, for the audit entry) take the booking's money and admit it. */
function collectAtDoor(who: Customer, unpaid: Booking) {
  const entry = auditEntry(h.deps, who.user, {
    action: 'took payment at the door',
    target: { kind: 'booking', id: unpaid.id, label: unpaid.id },
  });
  const admission = { admittedAt: h.clock.now().toISOString(), admittedBy: 'Door' };
  return madeBookings.collectAndAdmit(h.deps, unpaid, admission, entry);
}

const refusal = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error.message;
    throw error;
  }
  return 'not refused';
};

describe('an unpaid booking', () => {
  it('is released before the show: its seats are free for the next buyer, who can buy them, and the door refuses it', async () => {
    const me = await h.customer();
    const show = h.aShow();
    const unpaid = await bookUnpaid(me, show.id, ['E5', 'E6']);
    const releaseAt = new Date(Date.parse(show.startsAt) - 30 * 60_000).toISOString();
    expect(unpaid.payment).toMatchObject({ status: 'unpaid', releaseAt });
    const before = await booking.seatMap(h.deps, show.id, undefined);
    expect(before.seats.get('E5')).toBe('taken');

    h.clock.set(new Date(Date.parse(releaseAt) + 60_000));
    const after = await booking.seatMap(h.deps, show.id, undefined);
    expect(after.seats.get('E5')).toBeUndefined();
    const page = await (await h.request(`/bookings/${unpaid.id}`, me)).text();
    expect(page).toContain('Released unpaid at');

    // Sold again, online (the box office is closed for this show by now).
    const next = await h.customer();
    const { sessionId } = await h.startPaying(next, show.id, ['E5', 'E6'], 'stripe');
    await h.local.pay('stripe', sessionId);
    await h.local.settled();
    const [sold] = await bookingRepo.listUserBookings(h.db, next.user.id);
    expect(await h.seatStates(show.id, ['E5', 'E6'])).toEqual([`E5:sold:${sold?.id}`, `E6:sold:${sold?.id}`]);

    // The released booking's money can no longer be taken at the door.
    const taken = await collectAtDoor(next, unpaid);
    expect(taken.admitted).toBe(false);
    h.clock.set(now);
  });

  it('paid at the door before its release keeps its seats after that time', async () => {
    const me = await h.customer();
    const show = h.aShow();
    const unpaid = await bookUnpaid(me, show.id, ['F9', 'F10']);
    h.clock.set(new Date(Date.parse(show.startsAt) - 60 * 60_000));
    const taken = await collectAtDoor(me, unpaid);
    expect(taken.admitted).toBe(true);
    h.clock.set(new Date(Date.parse(show.startsAt) - 20 * 60_000));
    expect((await booking.seatMap(h.deps, show.id, undefined)).seats.get('F9')).toBe('taken');
    const other = await h.customer();
    expect(await refusal(booking.holdSeats(h.deps, other.user, show.id, ['F9', 'F10']))).toMatch(/F9/);
    h.clock.set(now);
  });
});

describe('limits on unpaid bookings', () => {
  it('refuses a fourth waiting booking, a seventh seat of one showtime, and the box office 30 minutes before', async () => {
    const me = await h.customer();
    const shows = [h.aShow(), h.aShow(), h.aShow(), h.aShow()];
    await bookUnpaid(me, shows[0]?.id ?? '', ['G5', 'G6']);
    await bookUnpaid(me, shows[1]?.id ?? '', ['G5', 'G6']);
    await bookUnpaid(me, shows[2]?.id ?? '', ['G5', 'G6']);
    await booking.holdSeats(h.deps, me.user, shows[3]?.id ?? '', ['G5', 'G6']);
    expect(
      await refusal(booking.confirmBooking(h.deps, me.user, shows[3]?.id ?? '', randomUUID())),
    ).toContain('You already have 3 bookings waiting to be paid at the box office');
    // The checkout says so, and still offers to pay online.
    const key = randomUUID();
    const res = await h.request(`/checkout/${shows[3]?.id}/confirm`, me, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ key, method: 'box-office' }).toString(),
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('waiting to be paid at the box office');
    expect(html).toContain('value="stripe"');

    const other = await h.customer();
    const show = h.aShow();
    await booking.holdSeats(h.deps, other.user, show.id, ['H3', 'H4', 'H5', 'H6', 'H7', 'H8', 'H9']);
    expect(await refusal(booking.confirmBooking(h.deps, other.user, show.id, randomUUID()))).toContain(
      'At most 6 seats of a showtime',
    );

    const late = await h.customer();
    const soon = h.aShow();
    h.clock.set(new Date(Date.parse(soon.startsAt) - 25 * 60_000));
    await booking.holdSeats(h.deps, late.user, soon.id, ['J5', 'J6']);
    const checkout = await (await h.request(`/checkout/${soon.id}`, late)).text();
    expect(checkout).not.toContain('value="box-office"');
    expect(await refusal(booking.confirmBooking(h.deps, late.user, soon.id, randomUUID()))).toContain(
      'Paying at the box office closes 30 minutes before the show',
    );
    h.clock.set(now);
  });

  it("reads only the customer's bookings of showtimes still to come", async () => {
    const me = await h.customer();
    const [first, second] = [h.aShow(), h.aShow()].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    if (!first || !second || first.startsAt === second.startsAt) throw new Error('two showtimes needed');
    const early = await bookUnpaid(me, first.id, ['K5', 'K6']);
    const later = await bookUnpaid(me, second.id, ['K5', 'K6']);
    const all = await bookingRepo.listUserBookings(h.deps.db, me.user.id);
    expect(all.map((b) => b.id).sort()).toEqual([early.id, later.id].sort());
    const upcoming = await bookingRepo.listUserBookings(h.deps.db, me.user.id, second.startsAt);
    expect(upcoming.map((b) => b.id)).toEqual([later.id]);
    const after = new Date(Date.parse(second.startsAt) + 1).toISOString();
    expect(await bookingRepo.listUserBookings(h.deps.db, me.user.id, after)).toEqual([]);
  });
});
