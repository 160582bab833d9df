import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntries } from '../../src/features/audit/repo';
import * as madeBookings from '../../src/features/booking/made-bookings';
import type { Booking } from '../../src/features/booking/model';
import * as bookingRepo from '../../src/features/booking/repo';
import * as booking from '../../src/features/booking/service';
import { dispatchDue } from '../../src/features/confirmations/dispatcher';
import { listBookingMessages } from '../../src/features/confirmations/repo';
import { dispatchRefunds } from '../../src/features/payments/refunds';
import * as payRepo from '../../src/features/payments/repo';
import { cancelShowtime } from '../../src/features/showtime-changes/move-and-cancel';
import type { RecordingMailer } from '../support/mail';
import { operator } from '../support/operators';
import { type Customer, type PaymentsHarness, paymentsHarness } from '../support/payments';

/*
 * A customer cancels a booking from its page: the seats go back on sale, the refund follows the policy the
 * booking was bought under and goes through the provider once, and the tickets stop working at the door.
 */

const now = new Date('2026-11-24T09:00:00Z');
let h: PaymentsHarness;

beforeAll(async () => {
  h = await paymentsHarness(now);
});
afterAll(() => h?.stop());

const paidBooking = (who: Customer, seats: string[]) => h.paidBooking(who, seats);

const cancel = (who: Customer, id: string) =>
  h.request(`/bookings/${id}/cancel`, who, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: '',
  });

/** Sets the fixed clock `minutes` before the booking's show. */
const showIsIn = (paid: Booking, minutes: number) =>
  h.clock.set(new Date(Date.parse(paid.startsAt) - minutes * 60_000));

describe('cancelling a paid booking', () => {
  it('frees the seats, refunds the tickets by the policy once, tells the customer, and the door refuses it', async () => {
    const me = await h.customer();
    const paid = await paidBooking(me, ['E5', 'E6']);
    const tickets = paid.price.tickets.reduce((sum, line) => sum + line.amount, 0);
    expect(paid.cancellationPolicy?.steps[0]).toEqual({ minutesBefore: 120, percent: 100 });
    showIsIn(paid, 180);

    const page = await (await h.request(`/bookings/${paid.id}`, me)).text();
    expect(page).toContain('Cancel up to 2 hours before the show for a full refund of the tickets');
    const step = await (await h.request(`/bookings/${paid.id}/cancel`, me)).text();
    expect(step).toContain('Yes, cancel this booking');

    const res = await cancel(me, paid.id);
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe(`/bookings/${paid.id}?done=cancelled`);
    const after = await bookingRepo.getBooking(h.db, paid.id);
    expect(after?.cancelledAt).toBe(h.clock.now().toISOString());
    // The fee and its tax are kept by the default policy: the tickets come back in full.
    expect(after?.cancellation).toEqual({ by: 'customer', byUserId: me.user.id, refund: tickets });
    expect(await h.seatStates(paid.showId, ['E5', 'E6'])).toEqual([]);

    const refunds = await payRepo.listRefunds(h.db, paid.id);
    expect(refunds.map((r) => [r.amount, r.chargeId, r.status])).toEqual([
      [tickets, paid.payment.reference, 'pending'],
    ]);
    expect((await dispatchRefunds(h.deps, 'test')).done).toBeGreaterThanOrEqual(1);
    expect((await payRepo.listRefunds(h.db, paid.id))[0]?.providerRefundId).toMatch(/^re_/);

    // One email and text say it; the refund's own email stays quiet.
    const kinds = (await listBookingMessages(h.db, paid.id)).map((m) => m.kind).sort();
    expect(kinds).toEqual(['booking-cancelled', 'booking-confirmation']);
    await dispatchDue({ ...h.deps }, 'test');
    const mails = (h.deps.mailer as RecordingMailer).sent.filter((m) => m.to === me.user.email);
    expect(mails.filter((m) => m.subject.startsWith('Booking cancelled'))).toHaveLength(1);
    expect(mails.filter((m) => m.subject.startsWith('Refund of'))).toHaveLength(0);

    // The ticket no longer admits anyone.
    const refusal = await madeBookings.admitBooking(h.deps, paid.id, {
      admittedAt: h.clock.now().toISOString(),
      admittedBy: 'door@example.com',
    });
    expect(refusal).toMatchObject({ admitted: false, cancelled: true });

    // The freed seats can be sold again.
    const next = await h.customer();
    const hold = await booking.holdSeats(h.deps, next.user, paid.showId, ['E5', 'E6']);
    expect(hold.seats).toEqual(['E5', 'E6']);
    h.clock.set(now);
  });

  it('gives half of the tickets back an hour before, by the policy the booking was bought under', async () => {
    const me = await h.customer();
    const paid = await paidBooking(me, ['F9', 'F10']);
    const tickets = paid.price.tickets.reduce((sum, line) => sum + line.amount, 0);
    showIsIn(paid, 60);
    expect((await cancel(me, paid.id)).status).toBe(303);
    expect((await bookingRepo.getBooking(h.db, paid.id))?.cancellation?.refund).toBe(Math.floor(tickets / 2));
    h.clock.set(now);
  });

  it('gives one refund and frees each seat once for two cancellations at the same moment', async () => {
    const me = await h.customer();
    const paid = await paidBooking(me, ['G5', 'G6']);
    showIsIn(paid, 300);
    const answers = await Promise.all([cancel(me, paid.id), cancel(me, paid.id), cancel(me, paid.id)]);
    expect(answers.map((a) => a.status)).toEqual([303, 303, 303]);
    expect(await payRepo.listRefunds(h.db, paid.id)).toHaveLength(1);
    const messages = await listBookingMessages(h.db, paid.id);
    expect(messages.filter((m) => m.kind === 'booking-cancelled')).toHaveLength(1);
    expect(await h.seatStates(paid.showId, ['G5', 'G6'])).toEqual([]);
    h.clock.set(now);
  });

  it('is refused after the tickets were scanned at the door, and once the show has started', async () => {
    const me = await h.customer();
    const scanned = await paidBooking(me, ['H5', 'H6']);
    showIsIn(scanned, 30);
    await madeBookings.admitBooking(h.deps, scanned.id, {
      admittedAt: h.clock.now().toISOString(),
      admittedBy: 'door@example.com',
    });
    const refused = await cancel(me, scanned.id);
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('scanned at the door');
    expect((await bookingRepo.getBooking(h.db, scanned.id))?.cancelledAt).toBeUndefined();
    expect(await payRepo.listRefunds(h.db, scanned.id)).toEqual([]);

    const other = await h.customer();
    const started = await paidBooking(other, ['J5', 'J6']);
    showIsIn(started, -5);
    const late = await cancel(other, started.id);
    expect(late.status).toBe(409);
    expect(await late.text()).toContain('The show has started');
    expect(await h.seatStates(started.showId, ['J5', 'J6'])).toEqual([
      `J5:sold:${started.id}`,
      `J6:sold:${started.id}`,
    ]);
    h.clock.set(now);
  });

  it("refuses another customer's booking", async () => {
    const me = await h.customer();
    const paid = await paidBooking(me, ['K9', 'K10']);
    const stranger = await h.customer();
    const res = await cancel(stranger, paid.id);
    expect(res.status).toBe(404);
    expect((await bookingRepo.getBooking(h.db, paid.id))?.cancelledAt).toBeUndefined();
  });

  it('refunds all that was paid online when the theater cancels the showtime', async () => {
    const me = await h.customer();
    const paid = await paidBooking(me, ['L5', 'L6']);
    const admin = {
      id: 'cancelling-admin',
      email: 'admin@example.com',
      name: 'Admin',
      role: 'admin' as const,
      emailVerifiedAt: now.toISOString(),
    };
    await cancelShowtime(h.deps, admin, paid.showId);
    const after = await bookingRepo.getBooking(h.db, paid.id);
    expect(after?.cancellation).toEqual({ by: 'theater', refund: paid.payment.charged?.amount });
    const [refund] = await payRepo.listRefunds(h.db, paid.id);
    expect(refund?.amount).toBe(paid.payment.charged?.amount);
    expect(refund?.amount).toBe(paid.price.total);
    expect((await dispatchRefunds(h.deps, 'test')).done).toBeGreaterThanOrEqual(1);
    expect((await payRepo.listRefunds(h.db, paid.id))[0]?.status).toBe('done');
  });
});

describe('staff cancelling a booking for its customer', () => {
  const staffCancel = (who: { cookie: string }, id: string, fields: Record<string, string>) =>
    h.request(`/bookings/${id}/staff-cancel`, who, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });

  it('cancels with the refund chosen and the reason kept in the audit record, even after the door', async () => {
    const me = await h.customer();
    const paid = await paidBooking(me, ['M5', 'M6']);
    const staff = await operator(h.deps, 'door-staff@example.com', 'staff', [paid.theaterId]);
    await madeBookings.admitBooking(h.deps, paid.id, { admittedAt: now.toISOString(), admittedBy: 'Door' });
    const form = await (await h.request(`/bookings/${paid.id}/cancel`, staff)).text();
    expect(form).toContain('Cancel for the customer');

    const res = await staffCancel(staff, paid.id, { refund: 'full', reason: 'Projector failed mid-show' });
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe(`/bookings/${paid.id}?done=cancelled-by-staff`);
    const after = await bookingRepo.getBooking(h.db, paid.id);
    expect(after?.cancellation).toEqual({
      by: 'staff',
      byUserId: staff.id,
      reason: 'Projector failed mid-show',
      refund: paid.payment.charged?.amount,
    });
    expect((await payRepo.listRefunds(h.db, paid.id)).map((r) => r.amount)).toEqual([
      paid.payment.charged?.amount,
    ]);
    const { entries } = await listAuditEntries(h.db, { theaterId: paid.theaterId, limit: 20 });
    const entry = entries.find((e) => e.target.id === paid.id);
    expect(entry?.action).toBe('cancelled booking');
    expect(entry?.after).toMatchObject({
      reason: 'Projector failed mid-show',
      refund: paid.payment.charged?.amount,
    });
  });

  it('refuses a refund above what was paid, a missing reason, and staff of another theater, writing nothing', async () => {
    const me = await h.customer();
    const paid = await paidBooking(me, ['B5', 'B6']);
    const staff = await operator(h.deps, 'colaba-staff@example.com', 'staff', [paid.theaterId]);
    const tooMuch = await staffCancel(staff, paid.id, {
      refund: 'amount',
      amount: String(((paid.payment.charged?.amount ?? 0) + 100) / 100),
      reason: 'Goodwill',
    });
    expect(tooMuch.status).toBe(400);
    expect(await tooMuch.text()).toContain('cannot be more than is left of what was paid online');
    const noReason = await staffCancel(staff, paid.id, { refund: 'none', reason: '' });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain('Say why the booking is cancelled');
    const elsewhere = await operator(h.deps, 'other-staff@example.com', 'staff', ['some-other-theater']);
    expect((await staffCancel(elsewhere, paid.id, { refund: 'none', reason: 'Not mine' })).status).toBe(403);
    expect((await bookingRepo.getBooking(h.db, paid.id))?.cancelledAt).toBeUndefined();
    expect(await payRepo.listRefunds(h.db, paid.id)).toEqual([]);
  });
});
