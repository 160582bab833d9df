import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingIdFor } from '../../src/features/booking/booking-id';
import * as bookingRepo from '../../src/features/booking/repo';
import * as booking from '../../src/features/booking/service';
import { dispatchRefunds } from '../../src/features/payments/refunds';
import * as payRepo from '../../src/features/payments/repo';
import type { RecordingMailer } from '../support/mail';
import { type PaymentsHarness, paymentsHarness } from '../support/payments';

/*
 * Paying online end to end: the app served over HTTP, the local payment server speaking Stripe's and
 * Razorpay's APIs, its webhooks signed as theirs are, and the seats sold in DynamoDB Local.
 */

const now = new Date('2026-11-24T09:00:00Z');
let h: PaymentsHarness;
let db: PaymentsHarness['db'];
let deps: PaymentsHarness['deps'];
let local: PaymentsHarness['local'];
let clock: PaymentsHarness['clock'];

beforeAll(async () => {
  h = await paymentsHarness(now);
  ({ db, deps, local, clock } = h);
});
afterAll(() => h?.stop());

const customer = () => h.customer();
const aShow = () => h.aShow();
const request: PaymentsHarness['request'] = (...args) => h.request(...args);
const startPaying: PaymentsHarness['startPaying'] = (...args) => h.startPaying(...args);
const seatStates: PaymentsHarness['seatStates'] = (...args) => h.seatStates(...args);

describe.each(['stripe', 'razorpay'] as const)('paying with %s', (provider) => {
  it('books the seats once the provider says it is paid, by webhook, and the return page shows the booking', async () => {
    const me = await customer();
    const show = aShow();
    const { sessionId } = await startPaying(me, show.id, ['E5', 'E6'], provider);
    // The hold was stretched once for the provider's page.
    const hold = await bookingRepo.getHold(db, show.id, me.user.id);
    expect(hold?.extendedAt).toBe(now.toISOString());
    const back = await local.pay(provider, sessionId);
    await local.settled();
    const delivered = local.deliveries.filter((d) => d.url.endsWith(`/${provider}`));
    expect(delivered.at(-1)?.status).toBe(200);
    const made = await bookingRepo.listUserBookings(db, me.user.id);
    expect(made).toHaveLength(1);
    const paid = made[0];
    expect(paid?.payment.status).toBe('paid');
    expect(paid?.payment.provider).toBe(provider);
    expect(paid?.payment.charged?.amount).toBe(paid?.price.total);
    expect(paid?.payment.reference).toMatch(provider === 'stripe' ? /^pi_/ : /^pay_/);
    expect(await seatStates(show.id, ['E5', 'E6'])).toEqual([`E5:sold:${paid?.id}`, `E6:sold:${paid?.id}`]);
    // The buyer's browser follows the provider back: the same booking, nothing made twice.
    const returned = await request(new URL(back).pathname + new URL(back).search, me);
    expect(returned.status).toBe(303);
    expect(returned.headers.get('Location')).toBe(`/bookings/${paid?.id}`);
    expect(await bookingRepo.listUserBookings(db, me.user.id)).toHaveLength(1);
  });

  it('makes one booking of its events delivered 20 times at once and out of order, the buyer returning meanwhile', async () => {
    const me = await customer();
    const show = aShow();
    const { sessionId } = await startPaying(me, show.id, ['F5', 'F6'], provider);
    // Our endpoint is down while the card is declined and then paid: no event has been handled yet.
    local.setWebhookUrls({ [provider]: 'http://127.0.0.1:9/down' });
    await local.decline(provider, sessionId);
    const back = await local.pay(provider, sessionId);
    await local.settled();
    local.setWebhookUrls({ [provider]: `${h.base}/payments/webhooks/${provider}` });
    const events = [
      ...new Map(
        local.deliveries.filter((d) => d.url.includes('127.0.0.1:9')).map((d) => [d.eventId, d]),
      ).values(),
    ];
    expect(events.length).toBeGreaterThanOrEqual(2);
    // The newest first, each ten times, all at once, with the buyer's browser coming back among them.
    const storm = Array.from({ length: 10 }, () => [...events].reverse()).flat();
    await Promise.all([
      ...storm.map((event) => local.deliverAgain(event)),
      ...Array.from({ length: 3 }, () => request(new URL(back).pathname + new URL(back).search, me)),
    ]);
    await local.settled();
    const made = await bookingRepo.listUserBookings(db, me.user.id);
    expect(made).toHaveLength(1);
    expect(made[0]?.payment.status).toBe('paid');
    expect(await payRepo.listRefunds(db, made[0]?.id ?? '')).toEqual([]);
    expect((await payRepo.getPayment(db, made[0]?.id ?? ''))?.status).toBe('booked');
    expect(await seatStates(show.id, ['F5', 'F6'])).toEqual([
      `F5:sold:${made[0]?.id}`,
      `F6:sold:${made[0]?.id}`,
    ]);
  });

  it('makes one booking of the same webhook delivered 20 times at once', async () => {
    const me = await customer();
    const show = aShow();
    const { sessionId } = await startPaying(me, show.id, ['F9'], provider);
    await local.pay(provider, sessionId);
    await local.settled();
    const paidEvent = local.deliveries.findLast((d) => d.url.endsWith(`/${provider}`));
    if (!paidEvent) throw new Error('no webhook delivered');
    await Promise.all(Array.from({ length: 20 }, () => local.deliverAgain(paidEvent)));
    await local.settled();
    expect(await bookingRepo.listUserBookings(db, me.user.id)).toHaveLength(1);
    const refunds = await payRepo.listRefunds(
      db,
      (await bookingRepo.listUserBookings(db, me.user.id))[0]?.id ?? '',
    );
    expect(refunds).toEqual([]);
  });

  it('brings the buyer back to the checkout with the reason when the payment fails, the seats still held', async () => {
    const me = await customer();
    const show = aShow();
    const { sessionId, key } = await startPaying(me, show.id, ['J5', 'J6'], provider);
    await local.decline(provider, sessionId);
    await local.settled();
    const paymentId = bookingIdFor(key, me.user.id);
    const checkout = await request(`/checkout/${show.id}?payment=${paymentId}`, me);
    expect(checkout.status).toBe(200);
    const html = await checkout.text();
    const alert = /<div role="alert"[^>]*><p[^>]*>([^<]*)<\/p>/.exec(html)?.[1] ?? '';
    expect(alert).toMatch(/declined/i);
    expect(html).toContain('Your seats are still held until');
    expect(html).toContain('Confirm booking');
    expect(await bookingRepo.listUserBookings(db, me.user.id)).toHaveLength(0);
    expect(await seatStates(show.id, ['J5', 'J6'])).toEqual(['J5:held:', 'J6:held:']);
  });

  it('answers a forged webhook with 400 and writes nothing', async () => {
    const me = await customer();
    const show = aShow();
    const { sessionId } = await startPaying(me, show.id, ['G5', 'G6'], provider);
    await local.pay(provider, sessionId);
    await local.settled();
    const real = local.deliveries.findLast((d) => d.url.endsWith(`/${provider}`));
    if (!real) throw new Error('no webhook delivered');
    // The same signature over a body changed by one character.
    const tampered = await fetch(real.url, {
      method: 'POST',
      headers: real.headers,
      body: real.body.replace('"', ' "'),
    });
    expect(tampered.status).toBe(400);
    const eventsBefore = local.deliveries.length;
    const unsigned = await fetch(real.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: real.body,
    });
    expect(unsigned.status).toBe(400);
    expect(local.deliveries.length).toBe(eventsBefore);
  });
});

describe('money that arrives too late for its seats', () => {
  it('refunds a payment once when its seats went to someone else, and tells the buyer', async () => {
    const me = await customer();
    const other = await customer();
    const show = aShow();
    const { sessionId } = await startPaying(me, show.id, ['H7', 'H8'], 'stripe');
    // The hold, stretched once, runs out; another buyer holds the same seats.
    clock.set(new Date(now.getTime() + 30 * 60_000));
    await booking.holdSeats(deps, other.user, show.id, ['H7', 'H8']);
    await local.pay('stripe', sessionId);
    await local.settled();
    const paidEvent = local.deliveries.findLast((d) => d.url.endsWith('/stripe'));
    if (!paidEvent) throw new Error('no webhook delivered');
    await Promise.all(Array.from({ length: 5 }, () => local.deliverAgain(paidEvent)));
    await local.settled();
    expect(await bookingRepo.listUserBookings(db, me.user.id)).toHaveLength(0);
    const payments = await payRepo.listDueRefunds(db, clock.now().toISOString(), 100);
    const mine = payments.filter((r) => r.userId === me.user.id);
    expect(mine).toHaveLength(1);
    // The provider refuses the first try; the next round sends it again and it is recorded.
    local.failNextRefunds(1);
    const first = await dispatchRefunds(deps, 'test');
    expect(first.retrying).toBeGreaterThanOrEqual(1);
    clock.set(new Date(clock.now().getTime() + 60 * 60_000));
    const second = await dispatchRefunds(deps, 'test');
    expect(second.done).toBeGreaterThanOrEqual(1);
    const [refund] = await payRepo.listRefunds(db, mine[0]?.paymentId ?? '');
    expect(refund?.status).toBe('done');
    expect(refund?.providerRefundId).toMatch(/^re_/);
    expect(refund?.amount).toBe(mine[0]?.amount);
    const mails = (deps.mailer as RecordingMailer).sent.filter((m) => m.to === me.user.email);
    expect(mails.filter((m) => m.subject.startsWith('Refund of'))).toHaveLength(1);
    // The other buyer's hold is untouched.
    expect(await seatStates(show.id, ['H7', 'H8'])).toEqual(['H7:held:', 'H8:held:']);
    clock.set(now);
  });
});
