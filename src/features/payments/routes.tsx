import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { requireUser } from '../../auth/guards';
import { signInWithReads } from '../../auth/session-middleware';
import { assets } from '../../generated/assets';
import { AppError } from '../../platform/errors';
import { WebhookSignatureError } from '../../platform/payments/online';
import { statusFor } from '../../web/error-pages';
import { noStore } from '../../web/no-store';
import { render } from '../../web/render';
import { checkoutStepKeys, confirmStepKeys } from '../booking/read-ahead';
import * as booking from '../booking/service';
import { releaseAtFor, releaseTime } from '../booking/unpaid';
import { Booked, CheckoutPage, NoHold, type PaymentMethod } from '../booking/views/checkout';
import { accepts } from '../catalog/model';
import * as repo from './repo';
import * as payments from './service';
import { PaymentRefunded } from './views';

/*
 * The checkout and what paying online needs: the form that confirms a box-office booking or starts a
 * provider's session, the page the provider sends the buyer back to, and the provider's webhooks.
 */

const showId = z.string().regex(/^[a-z0-9-]{1,80}$/);
const confirmForm = z.object({ key: z.string().max(64), method: z.string().max(40).optional() });
const PAYMENT_ID = /^MM-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/;

function showIdOf(c: Context): string {
  const parsed = showId.safeParse(c.req.param('showId'));
  if (!parsed.success) throw new AppError('not_found', 'We could not find that showtime.');
  return parsed.data;
}

const localeOf = (map: { city?: { locale: string } | undefined }) => map.city?.locale ?? 'en-IN';

/** Where the provider sends the buyer back: this site as the public sees it. */
const originOf = (c: Context) => c.var.deps.config.publicOrigin ?? new URL(c.req.url).origin;

/**
 * The ways to pay: the box office first (chosen unless the buyer picks another, as before online payment
 * existed), then each online provider configured. Which a theater accepts is not yet its own setting.
 */
function methodsOf(deps: payments.PaymentDeps, map: booking.SeatMapView): PaymentMethod[] {
  const releaseAt = releaseAtFor(deps, map.show.startsAt);
  const minutes = Math.round(deps.config.unpaidReleaseMs / 60_000);
  // Too close to the show to wait for the box office: only online (booking/unpaid.ts).
  const boxOffice =
    releaseAt > deps.clock.now().toISOString()
      ? [
          {
            id: deps.payment.id,
            label: deps.payment.label,
            online: false,
            note: `nothing is charged now; pay at the box office by ${releaseTime({ timeZone: map.theater.timeZone, locale: localeOf(map) }, releaseAt)} (${minutes} minutes before the show), or the seats go back on sale.`,
          },
        ]
      : [];
  return [
    ...boxOffice,
    ...payments.onlineChoices(deps).map((choice) => ({ ...choice, online: true })),
  ].filter((method) => accepts(map.theater, method.id));
}

/** The checkout of a live hold, with a payment's failure or a refusal said above the choice. */
function checkoutPage(
  c: Context,
  map: booking.CheckoutView & { hold: NonNullable<booking.CheckoutView['hold']> },
  notice?: string | undefined,
  status: 200 | 400 = 200,
) {
  const deps = c.var.deps;
  return noStore(
    render(
      c,
      'Checkout',
      <CheckoutPage
        map={map}
        hold={map.hold}
        price={booking.quote(map, map.hold.seats)}
        idempotencyKey={crypto.randomUUID()}
        methods={methodsOf(deps, map)}
        paymentNotice={notice}
        now={deps.clock.now()}
        locale={localeOf(map)}
      />,
      { scripts: [assets.countdown], status },
    ),
  );
}

export function paymentRoutes() {
  const app = new Hono();

  app.get('/checkout/:showId', async (c) => {
    const deps = c.var.deps;
    const ahead = await signInWithReads(c, async (userId) =>
      checkoutStepKeys(deps, c.req.param('showId'), userId),
    );
    const user = requireUser(c);
    const id = showIdOf(c);
    const map = await booking.checkoutOf(deps, id, user, ahead);
    const asked = c.req.query('payment');
    const payment =
      asked && PAYMENT_ID.test(asked) ? await payments.paymentOf(deps, user, id, asked) : undefined;
    if (payment?.status === 'refunding')
      return noStore(render(c, 'Payment refunded', <PaymentRefunded payment={payment} />));
    if (map.booked)
      return noStore(render(c, 'Checkout', <Booked map={map} booking={map.booked} locale={localeOf(map)} />));
    if (!map.hold) return noStore(render(c, 'Checkout', <NoHold map={map} />));
    // Back from the provider's page: its words for a failed attempt, asked of it if no webhook brought them.
    let notice = payment?.failureReason;
    const provider = payment && payments.providerFor(deps, payment.provider);
    if (payment?.status === 'open' && provider && !notice) {
      const settled = await payments.settle(deps, provider, payment.sessionId);
      if (settled.kind === 'booked') return c.redirect(`/bookings/${settled.bookingId}`, 303);
      if (settled.kind === 'failed') notice = settled.reason;
    }
    return checkoutPage(c, { ...map, hold: map.hold }, notice);
  });

  app.post('/checkout/:showId/confirm', async (c) => {
    const deps = c.var.deps;
    const parsed = confirmForm.safeParse(await c.req.parseBody());
    const key = parsed.success ? parsed.data.key : '';
    const ahead = await signInWithReads(c, async (userId) =>
      confirmStepKeys(c.req.param('showId'), userId, key),
    );
    const user = requireUser(c);
    const id = showIdOf(c);
    const method = parsed.success ? (parsed.data.method ?? deps.payment.id) : deps.payment.id;
    try {
      if (method !== deps.payment.id) {
        // Off to the provider's page; the booking is made when it says the money is there.
        return c.redirect(await payments.startPayment(deps, user, id, method, key, originOf(c)), 303);
      }
      const made = await booking.confirmBooking(deps, user, id, key, ahead);
      return c.redirect(`/bookings/${made.id}`, 303);
    } catch (error) {
      if (!AppError.match(error, 'conflict') && !AppError.match(error, 'bad_request')) throw error;
      // Refused with the hold still live (too late for the box office, too many unpaid): choose again here.
      const live = AppError.match(error, 'bad_request')
        ? await booking.checkoutOf(deps, id, user)
        : undefined;
      if (live?.hold) return checkoutPage(c, { ...live, hold: live.hold }, error.message, 400);
      const map = await booking.seatMap(deps, id, user);
      return noStore(
        render(c, 'Checkout', <NoHold map={map} message={error.message} />, { status: statusFor(error) }),
      );
    }
  });

  app.post('/checkout/:showId/release', async (c) => {
    const user = requireUser(c);
    const id = showIdOf(c);
    await booking.releaseHold(c.var.deps, user, id);
    return c.redirect(`/showtimes/${id}`, 303);
  });

  // The buyer back from the provider's page. The query only says which session: the provider is asked.
  app.get('/payments/:provider/return', async (c) => {
    const deps = c.var.deps;
    const provider = payments.providerFor(deps, c.req.param('provider'));
    const sessionId = provider?.sessionFromReturn(new URL(c.req.url).searchParams);
    if (!provider || !sessionId) throw new AppError('bad_request', 'This payment link is not valid.');
    const settled = await payments.settle(deps, provider, sessionId);
    if (settled.kind === 'unknown') throw new AppError('not_found', 'We could not find that payment.');
    if (settled.kind === 'booked') return c.redirect(`/bookings/${settled.bookingId}`, 303);
    return c.redirect(`/checkout/${settled.payment.showId}?payment=${settled.payment.id}#payment`, 303);
  });

  // The provider's word, signed: checked over the raw body before anything else is read or written.
  app.post('/payments/webhooks/:provider', async (c) => {
    const deps = c.var.deps;
    const provider = payments.providerFor(deps, c.req.param('provider'));
    if (!provider) return c.text('unknown provider', 404);
    const body = await c.req.text();
    let event: Awaited<ReturnType<typeof provider.readWebhook>>;
    try {
      event = await provider.readWebhook(body, c.req.raw.headers);
    } catch (error) {
      if (!(error instanceof WebhookSignatureError)) throw error;
      deps.log.warn('webhook signature refused', { provider: provider.id, error: error.message });
      return c.text('signature does not verify', 400);
    }
    if (await repo.seenEvent(deps.db, provider.id, event.eventId))
      return c.json({ received: true, repeat: true });
    if (event.sessionId) await payments.settle(deps, provider, event.sessionId);
    // Recorded after it was handled: a process that dies in between handles the provider's retry, harmlessly.
    await repo.recordEvent(deps.db, provider.id, event.eventId, event.type, deps.clock.now().toISOString());
    return c.json({ received: true });
  });

  return app;
}
