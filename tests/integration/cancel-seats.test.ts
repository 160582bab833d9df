import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntries } from '../../src/features/audit/repo';
import * as bookingRepo from '../../src/features/booking/repo';
import * as booking from '../../src/features/booking/service';
import { dispatchDue } from '../../src/features/confirmations/dispatcher';
import { listBookingMessages } from '../../src/features/confirmations/repo';
import { dispatchRefunds } from '../../src/features/payments/refunds';
import * as payRepo from '../../src/features/payments/repo';
import type { RecordingMailer } from '../support/mail';
import { operator } from '../support/operators';
import { type Customer, type PaymentsHarness, paymentsHarness } from '../support/payments';

/*
 * Staff cancel some seats of a booking and the customer keeps the rest (docs/decisions/027): the seats go
 * back on sale, what they cost comes back once, the booking's price is what is left, and no later refund
 * can give back more than was charged.
 */

const now = new Date('2026-11-24T09:00:00Z');
let h: PaymentsHarness;

beforeAll(async () => {
  h = await paymentsHarness(now);
});
afterAll(() => h?.stop());

const staffCancel = (who: { cookie: string }, id: string, fields: [string, string][]) =>
  h.request(`/bookings/${id}/staff-cancel`, who, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });

/** The form as the browser posts it with `seats` ticked. */
const seatsForm = (seats: string[], refund: string, reason: string, amount?: string): [string, string][] => [
  ['seatChoice', 'on'],
  ...seats.map((seat): [string, string] => ['seat', seat]),
  ['refund', refund],
  ['reason', reason],
  ...(amount === undefined ? [] : [['amount', amount] as [string, string]]),
];

async function staffOf(theaterId: string, name: string) {
  return operator(h.deps, `${name}@example.com`, 'staff', [theaterId]);
}

describe('staff cancelling some seats of a booking', () => {
  it('frees those seats, refunds what they cost once, keeps the rest on the same ticket, and tells the customer', async () => {
    const me: Customer = await h.customer();
    const paid = await h.paidBooking(me, ['E5', 'E6', 'E7']);
    const charged = paid.payment.charged?.amount ?? 0;
    expect(charged).toBe(paid.price.total);
    const staff = await staffOf(paid.theaterId, 'seat-staff');

    const form = await (await h.request(`/bookings/${paid.id}/cancel`, staff)).text();
    expect(form).toContain('Seats to cancel');
    expect(form).toContain('name="seat" value="E6"');

    const res = await staffCancel(staff, paid.id, seatsForm(['E6'], 'full', 'Seat E6 is broken'));
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe(`/bookings/${paid.id}?done=seats-cancelled-by-staff`);

    const after = await bookingRepo.getBooking(h.db, paid.id);
    expect(after?.cancelledAt).toBeUndefined();
    expect(after?.seats.map((seat) => seat.id)).toEqual(['E5', 'E7']);
    // E6's cost is its ticket and its third of the fee and tax: the total left plus it is what was paid.
    const cost = paid.price.total - (after?.price.total ?? 0);
    expect(cost).toBeGreaterThan(0);
    expect(after?.price.tickets.reduce((n, line) => n + line.count, 0)).toBe(2);
    expect(after?.refunded).toBe(cost);
    expect(after?.seatCancellations).toEqual([
      {
        at: now.toISOString(),
        byUserId: staff.id,
        reason: 'Seat E6 is broken',
        seats: [paid.seats[1]],
        refund: cost,
      },
    ]);
    expect(await h.seatStates(paid.showId, ['E5', 'E6', 'E7'])).toEqual([
      `E5:sold:${paid.id}`,
      `E7:sold:${paid.id}`,
    ]);

    const refunds = await payRepo.listRefunds(h.db, paid.id);
    expect(refunds.map((r) => [r.key, r.amount, r.chargeId])).toEqual([
      [`${paid.id}-seats-1`, cost, paid.payment.reference],
    ]);
    expect((await dispatchRefunds(h.deps, 'test')).done).toBeGreaterThanOrEqual(1);
    expect((await payRepo.listRefunds(h.db, paid.id))[0]?.status).toBe('done');

    const { entries } = await listAuditEntries(h.db, { theaterId: paid.theaterId, limit: 20 });
    const entry = entries.find((e) => e.target.id === paid.id);
    expect(entry?.action).toBe('cancelled seats of a booking');
    expect(entry?.after).toMatchObject({ seats: ['E5', 'E7'], refund: cost, reason: 'Seat E6 is broken' });

    // One message for the change, saying which seats went and which the same ticket still admits.
    const kinds = (await listBookingMessages(h.db, paid.id)).map((m) => m.kind).sort();
    expect(kinds).toEqual(['booking-confirmation', 'seats-cancelled']);
    await dispatchDue({ ...h.deps }, 'test');
    const mails = (h.deps.mailer as RecordingMailer).sent.filter((m) => m.to === me.user.email);
    const news = mails.find((m) => m.subject.startsWith('Seats cancelled'));
    expect(news?.text).toContain('cancelled seat E6');
    expect(news?.text).toContain('Seat E6 is broken');
    expect(news?.text).toContain('Your tickets still admit 2');
    expect(mails.filter((m) => m.subject.startsWith('Refund of'))).toHaveLength(0);

    // The booking page says it; the seat can be sold again.
    const page = await (await h.request(`/bookings/${paid.id}`, me)).text();
    expect(page).toContain('cancelled seat E6');
    expect(page).toContain('refunded for cancelled seats');
    const next = await h.customer();
    const hold = await booking.holdSeats(h.deps, next.user, paid.showId, ['E6']);
    expect(hold.seats).toEqual(['E6']);

    // Cancelling the rest gives back what is left of the charge, no more: all refunds add up to it.
    const rest = await staffCancel(staff, paid.id, seatsForm(['E5', 'E7'], 'full', 'Customer cannot come'));
    expect(rest.headers.get('Location')).toBe(`/bookings/${paid.id}?done=cancelled-by-staff`);
    const all = await payRepo.listRefunds(h.db, paid.id);
    expect(all.map((r) => r.amount).sort((a, b) => a - b)).toEqual(
      [cost, charged - cost].sort((a, b) => a - b),
    );
    expect((await bookingRepo.getBooking(h.db, paid.id))?.cancellation?.refund).toBe(charged - cost);
  });

  it('lets one of two staff cancelling different seats at the same moment win, and writes nothing for the other', async () => {
    const me = await h.customer();
    const paid = await h.paidBooking(me, ['F5', 'F6', 'F7', 'F8']);
    const one = await staffOf(paid.theaterId, 'racer-one');
    const two = await staffOf(paid.theaterId, 'racer-two');
    const answers = await Promise.all([
      staffCancel(one, paid.id, seatsForm(['F5'], 'full', 'Broken armrest')),
      staffCancel(two, paid.id, seatsForm(['F8'], 'full', 'Guest ill')),
    ]);
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([303, 409]);
    const lost = answers.find((a) => a.status === 409);
    expect(await lost?.text()).toContain('This booking changed while its seats were being cancelled');
    const after = await bookingRepo.getBooking(h.db, paid.id);
    expect(after?.seats).toHaveLength(3);
    expect(after?.seatCancellations).toHaveLength(1);
    const refunds = await payRepo.listRefunds(h.db, paid.id);
    expect(refunds).toHaveLength(1);
    expect(after?.refunded).toBe(refunds[0]?.amount);
    const gone = after?.seatCancellations?.[0]?.seats[0]?.id ?? '';
    expect(await h.seatStates(paid.showId, [gone])).toEqual([]);
    expect(await h.seatStates(paid.showId, ['F5', 'F6', 'F7', 'F8'])).toHaveLength(3);
  });

  it('refuses no seat, a seat not in the booking, and a refund above what is left of the charge, writing nothing', async () => {
    const me = await h.customer();
    const paid = await h.paidBooking(me, ['G5', 'G6']);
    const staff = await staffOf(paid.theaterId, 'careful-staff');
    const none = await staffCancel(staff, paid.id, seatsForm([], 'none', 'Nothing chosen'));
    expect(none.status).toBe(400);
    expect(await none.text()).toContain('Choose the seats to cancel');
    const stranger = await staffCancel(staff, paid.id, seatsForm(['A1'], 'none', 'Wrong seat'));
    expect(stranger.status).toBe(400);
    expect(await stranger.text()).toContain('This booking has no seat A1');
    const charged = paid.payment.charged?.amount ?? 0;
    const tooMuch = await staffCancel(
      staff,
      paid.id,
      seatsForm(['G5'], 'amount', 'Goodwill', String((charged + 100) / 100)),
    );
    expect(tooMuch.status).toBe(400);
    expect(await tooMuch.text()).toContain('cannot be more than is left of what was paid online');
    const after = await bookingRepo.getBooking(h.db, paid.id);
    expect(after?.seats.map((seat) => seat.id)).toEqual(['G5', 'G6']);
    expect(after?.seatCancellations).toBeUndefined();
    expect(await payRepo.listRefunds(h.db, paid.id)).toEqual([]);
    expect(await h.seatStates(paid.showId, ['G5', 'G6'])).toHaveLength(2);
  });

  it("gives the customer's own later cancellation the policy's share of what is left, never more", async () => {
    const me = await h.customer();
    const paid = await h.paidBooking(me, ['H5', 'H6']);
    const staff = await staffOf(paid.theaterId, 'policy-staff');
    // A goodwill refund of almost everything for one seat leaves little to give back for the other.
    const charged = paid.payment.charged?.amount ?? 0;
    const goodwill = charged - 100;
    const res = await staffCancel(
      staff,
      paid.id,
      seatsForm(['H6'], 'amount', 'Goodwill for a late film', String(goodwill / 100)),
    );
    expect(res.status).toBe(303);
    h.clock.set(new Date(Date.parse(paid.startsAt) - 180 * 60_000));
    const cancelled = await h.request(`/bookings/${paid.id}/cancel`, me, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: '',
    });
    expect(cancelled.status).toBe(303);
    expect((await bookingRepo.getBooking(h.db, paid.id))?.cancellation?.refund).toBe(100);
    const total = (await payRepo.listRefunds(h.db, paid.id)).reduce((n, r) => n + r.amount, 0);
    expect(total).toBe(charged);
    h.clock.set(now);
  });
});
