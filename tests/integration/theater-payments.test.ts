import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as bookingRepo from '../../src/features/booking/repo';
import * as booking from '../../src/features/booking/service';
import { getTheater } from '../../src/features/catalog/repo';
import { type Operator, operator } from '../support/operators';
import { type PaymentsHarness, paymentsHarness } from '../support/payments';

/*
 * A theater chooses its ways to pay and its cancellation policy on its edit form: the checkout offers
 * only those, the server refuses the others whatever the form sends, and new bookings keep the policy.
 */

const now = new Date('2026-11-24T09:00:00Z');
const THEATER = 'harbour-lights-colaba';
let h: PaymentsHarness;
let admin: Operator;

beforeAll(async () => {
  h = await paymentsHarness(now);
  admin = await operator(h.deps, 'theater-admin@example.com', 'admin');
});
afterAll(() => h?.stop());

async function saveTheater(fields: Record<string, string | string[]>) {
  const theater = await getTheater(h.db, THEATER);
  const body = new URLSearchParams({
    name: theater?.name ?? '',
    address: theater?.address ?? '',
    timeZone: theater?.timeZone ?? '',
    cleaningGapMinutes: '',
    paymentSettings: 'on',
  });
  for (const [name, value] of Object.entries(fields))
    for (const one of Array.isArray(value) ? value : [value]) body.append(name, one);
  return h.request(`/admin/theaters/${THEATER}`, admin, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: body.toString(),
  });
}

describe("a theater's ways to pay and cancellation policy", () => {
  it('refuses a form with no way to pay, or a second step not closer to the show, with the message beside it', async () => {
    const none = await saveTheater({ refundStep1Minutes: '120', refundStep1Percent: '100' });
    expect(none.status).toBe(400);
    expect(await none.text()).toContain('Choose at least one way to pay.');
    const backwards = await saveTheater({
      paymentMethods: ['stripe'],
      refundStep1Minutes: '60',
      refundStep1Percent: '100',
      refundStep2Minutes: '90',
      refundStep2Percent: '50',
    });
    expect(backwards.status).toBe(400);
    expect(await backwards.text()).toContain('The second step comes closer to the show');
    expect((await getTheater(h.db, THEATER))?.paymentMethods).toBeUndefined();
  });

  it('offers only the ways the theater takes, refuses the others, and new bookings keep its policy', async () => {
    const saved = await saveTheater({
      paymentMethods: ['stripe'],
      refundStep1Minutes: '1440',
      refundStep1Percent: '80',
      refundFee: 'on',
    });
    expect(saved.status).toBe(303);
    const theater = await getTheater(h.db, THEATER);
    expect(theater?.paymentMethods).toEqual(['stripe']);
    expect(theater?.cancellationPolicy).toEqual({
      steps: [{ minutesBefore: 1440, percent: 80 }],
      refundFee: true,
    });

    const me = await h.customer();
    const show = h.aShow();
    await booking.holdSeats(h.deps, me.user, show.id, ['E5', 'E6']);
    const checkout = await (await h.request(`/checkout/${show.id}`, me)).text();
    expect(checkout).toContain('value="stripe"');
    expect(checkout).not.toContain('value="box-office"');
    expect(checkout).not.toContain('value="razorpay"');
    expect(checkout).toContain('Cancel up to 24 hours before the show for 80% of the tickets back');
    // A form sent with another way anyway is refused, and nothing is booked.
    for (const method of ['box-office', 'razorpay']) {
      const res = await h.request(`/checkout/${show.id}/confirm`, me, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ key: randomUUID(), method }).toString(),
      });
      expect(res.status).toBe(400);
    }
    expect(await bookingRepo.listUserBookings(h.db, me.user.id)).toEqual([]);

    const { sessionId } = await h.startPaying(me, show.id, ['E5', 'E6'], 'stripe');
    await h.local.pay('stripe', sessionId);
    await h.local.settled();
    const [made] = await bookingRepo.listUserBookings(h.db, me.user.id);
    expect(made?.cancellationPolicy).toEqual({
      steps: [{ minutesBefore: 1440, percent: 80 }],
      refundFee: true,
    });

    // A form opened before these fields existed saves the rest and leaves them as they are.
    const theaterNow = await getTheater(h.db, THEATER);
    const old = await h.request(`/admin/theaters/${THEATER}`, admin, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        name: theaterNow?.name ?? '',
        address: theaterNow?.address ?? '',
        timeZone: theaterNow?.timeZone ?? '',
        cleaningGapMinutes: '20',
      }).toString(),
    });
    expect(old.status).toBe(303);
    expect(await getTheater(h.db, THEATER)).toMatchObject({
      cleaningGapMinutes: 20,
      paymentMethods: ['stripe'],
    });
  });
});
