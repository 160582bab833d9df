import type { Child } from 'hono/jsx';
import { Alert } from '../../../web/forms';
import type { LayoutSeat, ScreenLayout } from '../../catalog/model';
import { inReadingOrder, seatId } from '../../catalog/seats';
import { policySentence } from '../cancellation-policy';
import type { Booking, Hold, PriceBreakdown } from '../model';
import type { SeatMapView } from '../service';
import { PriceTable } from './price-table';
import { heldUntil, When } from './times';

function seatList(layout: ScreenLayout, ids: string[], categories: Map<string, string>) {
  const index = new Map(
    layout.rows.flatMap((row) =>
      row.items.flatMap((item) => (item.type === 'seat' ? [[seatId(row.label, item.number), item]] : [])),
    ) as [string, LayoutSeat][],
  );
  return inReadingOrder(layout, ids).map((id) => {
    const seat = index.get(id);
    return { id, category: categories.get(seat?.category ?? '') ?? seat?.category ?? '' };
  });
}

/** A way to pay at the checkout: the box office, or an online provider's hosted page. */
export type PaymentMethod = { id: string; label: string; online: boolean; note?: string | undefined };

const BOX_OFFICE_NOTE = 'nothing is charged now; you pay when you collect your tickets.';
/** What paying online means for the hold: stretched once (payments/service.ts), so said only until then. */
const onlineNote = (hold: Hold) =>
  hold.extendedAt
    ? "you pay on the provider's secure page."
    : "you pay on the provider's secure page, and your seats are held 10 more minutes while you do.";
const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Every state of the checkout page under the one heading. */
function CheckoutFrame({ children }: { children: Child }) {
  return (
    <article aria-labelledby="checkout-title" class="max-w-2xl">
      <h1 id="checkout-title" class="mt-0 text-3xl font-bold">
        Checkout
      </h1>
      {children}
    </article>
  );
}

/** The checkout page for a live hold: seats, price, payment, and the forms to confirm or let go. */
export function CheckoutPage({
  map,
  hold,
  price,
  idempotencyKey,
  methods,
  paymentNotice,
  now,
  locale,
}: {
  map: SeatMapView;
  hold: Hold;
  price: PriceBreakdown;
  idempotencyKey: string;
  /** The ways to pay this theater takes, the first chosen; `online` ones go to a provider's page. */
  methods: PaymentMethod[];
  /** Why the last online payment did not go through, from the provider. */
  paymentNotice?: string | undefined;
  now: Date;
  locale: string;
}) {
  const { show, movie, theater, screen } = map;
  const categories = new Map(screen.categories.map((c) => [c.id, c.name]));
  return (
    <CheckoutFrame>
      <p class="text-lg">
        <strong>{movie.title}</strong> at {theater.name}, {screen.name}
        <br />
        <When startsAt={show.startsAt} timeZone={theater.timeZone} locale={locale} />
      </p>
      <p class="card font-semibold">
        Your seats are held until {heldUntil(hold, theater.timeZone, now, locale)}. {/*
         * src/client/countdown.ts counts down here, shows and announces 2 minutes and 30 seconds left, and at
         * 0:00 turns Confirm off with a link back to these seats (`data-seats-again`).
         */}
        <span
          class="block empty:hidden mt-1 text-xl tabular-nums"
          role="timer"
          data-ms-left={String(Math.max(0, Date.parse(hold.expiresAt) - now.getTime()))}
          data-seats-again={`/showtimes/${show.id}?seats=${hold.seats.join(',')}`}
        />
      </p>
      <div aria-live="polite" data-countdown-news="polite" />
      <div role="alert" data-countdown-news="alert" />
      <h2 class="text-xl font-bold">Your seats</h2>
      <ul class="pl-5">
        {seatList(screen.layout, hold.seats, categories).map((seat) => (
          <li>
            {seat.id} · {seat.category}
          </li>
        ))}
      </ul>
      <h2 class="text-xl font-bold">Price</h2>
      <PriceTable price={price} locale={locale} />
      <h2 class="text-xl font-bold" id="payment">
        Payment
      </h2>
      {paymentNotice ? (
        <Alert
          message={`${paymentNotice} Your seats are still held until ${heldUntil(hold, theater.timeZone, now, locale)}: try again, or choose another way to pay.`}
        />
      ) : null}
      {methods.length === 0 ? (
        <Alert
          message={`${theater.name} takes no way to pay that this site offers at the moment. Please ask the theater.`}
        />
      ) : null}
      <form method="post" action={`/checkout/${show.id}/confirm`} hidden={methods.length === 0}>
        <input type="hidden" name="key" value={idempotencyKey} />
        {methods.length === 1 ? (
          <p>
            <input type="hidden" name="method" value={methods[0]?.id} />
            {methods[0]?.label}:{' '}
            {methods[0]?.online ? onlineNote(hold) : (methods[0]?.note ?? BOX_OFFICE_NOTE)}
          </p>
        ) : (
          <fieldset class="border-0 p-0 m-0">
            <legend class="font-semibold mb-1">How would you like to pay?</legend>
            {methods.map((method, index) => (
              <label class="flex items-start gap-2 mb-2">
                <input type="radio" name="method" value={method.id} checked={index === 0} class="mt-1.5" />
                <span>
                  {method.label}
                  <span class="block text-sm text-slate-700">
                    {sentence(method.online ? onlineNote(hold) : (method.note ?? BOX_OFFICE_NOTE))}
                  </span>
                </span>
              </label>
            ))}
          </fieldset>
        )}
        <button type="submit" class="btn disabled:cursor-not-allowed disabled:opacity-60" data-confirm>
          {methods.every((method) => method.online) ? 'Pay and book' : 'Confirm booking'}
        </button>
      </form>
      <p class="text-sm text-slate-700">{policySentence(theater.cancellationPolicy)}</p>
      <div class="flex flex-wrap items-center gap-4 mt-4">
        <form method="post" action={`/checkout/${show.id}/release`}>
          <button type="submit" class="btn-quiet">
            Release seats
          </button>
        </form>
        <a class="link" href={`/showtimes/${show.id}`}>
          Change seats
        </a>
      </div>
    </CheckoutFrame>
  );
}

/** Checkout without a live hold: why, and the way back to the seat map. */
export function NoHold({ map, message }: { map: SeatMapView; message?: string | undefined }) {
  return (
    <CheckoutFrame>
      <Alert message={message} />
      {message ? null : (
        <p>You are not holding any seats for this showtime; a hold ends after a few minutes.</p>
      )}
      <p>
        <a class="link" href={`/showtimes/${map.show.id}`}>
          Choose seats for {map.movie.title} at {map.theater.name}
        </a>
      </p>
    </CheckoutFrame>
  );
}

/**
 * Checkout of a hold already confirmed (the browser's Back after booking): what was booked and where to
 * see it, rather than "no seats held".
 */
export function Booked({ map, booking, locale }: { map: SeatMapView; booking: Booking; locale: string }) {
  const { movie, theater } = map;
  return (
    <CheckoutFrame>
      <p class="card font-semibold">
        You booked these seats: {booking.seats.map((seat) => seat.id).join(', ')}.{' '}
        <a class="link" href={`/bookings/${booking.id}`}>
          See booking {booking.id}
        </a>
      </p>
      <p class="text-lg">
        <strong>{movie.title}</strong> at {theater.name}, {booking.screenName}
        <br />
        <When startsAt={booking.startsAt} timeZone={booking.timeZone} locale={locale} />
      </p>
      <p>
        <a class="link" href={`/showtimes/${map.show.id}`}>
          Choose more seats for {movie.title} at {theater.name}
        </a>
      </p>
    </CheckoutFrame>
  );
}
