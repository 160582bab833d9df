import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { expect } from 'vitest';
import type { SessionUser } from '../../src/auth/model';
import { createSession } from '../../src/auth/sessions';
import { demoShowtimes, loadDemoData } from '../../src/demo/seed';
import { createUser, markEmailVerified } from '../../src/features/accounts/repo';
import type { Booking } from '../../src/features/booking/model';
import * as bookingRepo from '../../src/features/booking/repo';
import * as booking from '../../src/features/booking/service';
import { type LocalPayments, startLocalPayments } from '../../src/platform/payments/node/local-payments';
import type { OnlineProviderId } from '../../src/platform/payments/online';
import { onlineProviders } from '../../src/platform/payments/online-providers';
import { fixedClock, freshTable, testApp } from './db';

export type Customer = { user: SessionUser; cookie: string };

/**
 * The app served over HTTP on its own table with the demo catalogue, beside the local payment server
 * (both providers on it, its webhooks pointed at the app): what the payment tests drive. The app's clock
 * is fixed at `now`; the providers keep real time, as their webhook signatures carry it.
 */
export async function paymentsHarness(now: Date) {
  const clock = fixedClock(now);
  const db = await freshTable();
  await loadDemoData(db, now);
  const local: LocalPayments = await startLocalPayments({ retryDelaysMs: [50, 100] });
  const providers = onlineProviders({
    stripe: {
      secretKey: local.secrets.stripeSecretKey,
      webhookSecret: local.secrets.stripeWebhookSecret,
      apiUrl: local.stripeApiUrl,
      maxNetworkRetries: 0,
    },
    razorpay: {
      keyId: local.secrets.razorpayKeyId,
      keySecret: local.secrets.razorpayKeySecret,
      webhookSecret: local.secrets.razorpayWebhookSecret,
      apiUrl: local.razorpayBaseUrl,
    },
  });
  const { app, deps } = testApp(db, clock, { onlinePayments: providers });
  let server: ReturnType<typeof serve> | undefined;
  const port = await new Promise<number>((done) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
      done(info.port),
    );
  });
  const base = `http://127.0.0.1:${port}`;
  local.setWebhookUrls({
    stripe: `${base}/payments/webhooks/stripe`,
    razorpay: `${base}/payments/webhooks/razorpay`,
  });

  // Future 2D showtimes of the Grand Hall, one per test, so no test sees another's seats.
  const shows = demoShowtimes(now).filter(
    (s) =>
      s.screenId === 'harbour-lights-colaba-1' &&
      s.format === '2D' &&
      Date.parse(s.startsAt) > now.getTime() + 86_400_000,
  );
  let nextShow = 0;
  let users = 0;

  const request = (path: string, who: Pick<Customer, 'cookie'>, init: RequestInit = {}) =>
    fetch(`${base}${path}`, {
      ...init,
      redirect: 'manual',
      headers: { Origin: base, Cookie: who.cookie, ...(init.headers ?? {}) },
    });

  return {
    clock,
    db,
    deps,
    local,
    base,
    request,
    aShow() {
      const show = shows[nextShow++];
      if (!show) throw new Error('out of demo showtimes');
      return show;
    },
    async customer(): Promise<Customer> {
      users++;
      const id = `payer-${users}`;
      const email = `${id}@example.com`;
      await createUser(db, {
        id,
        email,
        name: `Payer ${users}`,
        smsOptIn: false,
        role: 'customer',
        passwordHash: 'unused',
        createdAt: now.toISOString(),
      });
      await markEmailVerified(db, id, email, now.toISOString());
      const { token } = await createSession(deps, id);
      return {
        user: { id, email, name: `Payer ${users}`, role: 'customer', emailVerifiedAt: now.toISOString() },
        cookie: `session=${token}`,
      };
    },
    /** Holds seats, opens the checkout and chooses `method`: where the app sends the buyer. */
    async startPaying(who: Customer, showId: string, seats: string[], method: OnlineProviderId) {
      await booking.holdSeats(deps, who.user, showId, seats);
      const checkout = await (await request(`/checkout/${showId}`, who)).text();
      expect(checkout).toContain(`value="${method}"`);
      const key = /name="key" value="([0-9a-f-]{36})"/.exec(checkout)?.[1] ?? '';
      const res = await request(`/checkout/${showId}/confirm`, who, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ key, method }).toString(),
      });
      expect(res.status).toBe(303);
      const page = res.headers.get('Location') ?? '';
      expect(page.startsWith(local.url)).toBe(true);
      const sessionId = new URL(page).pathname.split('/').at(-1) ?? '';
      return { page, sessionId, key };
    },
    /** A booking paid by card through the local Stripe for `seats` of a fresh showtime. */
    async paidBooking(who: Customer, seats: string[]): Promise<Booking> {
      const show = this.aShow();
      const { sessionId } = await this.startPaying(who, show.id, seats, 'stripe');
      await local.pay('stripe', sessionId);
      await local.settled();
      const [made] = await bookingRepo.listUserBookings(db, who.user.id);
      if (!made || made.showId !== show.id) throw new Error('the paid booking was not made');
      return made;
    },
    /** "E5:sold:MM-…" for each of `seats` that has an item, in seat order. */
    async seatStates(showId: string, seats: string[]) {
      return (await bookingRepo.getSeatStates(db, showId, seats))
        .map((s) => `${s.seatId}:${s.state}:${s.bookingId ?? ''}`)
        .sort();
    },
    async stop() {
      server?.close();
      await local.stop();
      await db.drop();
    },
  };
}

export type PaymentsHarness = Awaited<ReturnType<typeof paymentsHarness>>;
