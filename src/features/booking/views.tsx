import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { StatusNotice } from '../../web/layout';
import { formatMoney } from '../../platform/money';
import { formatDay, formatLongDay, formatTime, localDate, zoneName } from '../../platform/time';
import type { LayoutSeat, Screen, ScreenLayout } from '../catalog/model';
import { ShowtimeDetails } from '../catalog/views';
import { paymentText, priceLines, seatsText } from './wording';
import type { Booking, Hold, PriceBreakdown } from './model';
import { seatId } from './rules';
import type { SeatStatus, seatMap } from './service';

export type SeatMap = Awaited<ReturnType<typeof seatMap>>;

/** The seats of `ids` that exist in the layout, front row first and left to right. */
export function inLayoutOrder(layout: ScreenLayout, ids: Iterable<string>): string[] {
  const wanted = new Set(ids);
  return layout.rows.flatMap((row) =>
    row.items.flatMap((item) => {
      if (item.type !== 'seat') return [];
      const id = seatId(row.label, item.number);
      return wanted.has(id) ? [id] : [];
    }),
  );
}

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** Tickets by category, the fee and its tax, and the total: the server's own arithmetic. */
export function PriceTable({ price, locale }: { price: PriceBreakdown; locale?: string | undefined }) {
  const lines = priceLines(price, locale);
  return (
    <table class="border-collapse my-2">
      <tbody>
        {lines.map((line, i) =>
          i === lines.length - 1 ? (
            <tr class="border-t-2 border-slate-500 font-bold">
              <th scope="row" class="text-left pr-6 py-0.5">
                {line.label}
              </th>
              <td class="text-right whitespace-nowrap">{line.amount}</td>
            </tr>
          ) : (
            <tr>
              <th scope="row" class="text-left font-normal pr-6 py-0.5">
                {line.label}
              </th>
              <td class="text-right whitespace-nowrap">{line.amount}</td>
            </tr>
          ),
        )}
      </tbody>
    </table>
  );
}

/** What the chosen seats cost; htmx swaps it in as seats are checked. */
export function SelectionSummary({
  seats,
  price,
  locale,
}: {
  seats: string[];
  price: PriceBreakdown;
  locale: string;
}) {
  if (seats.length === 0) return <p class="my-2">No seats chosen yet.</p>;
  return (
    <>
      <p class="my-2">
        <strong>{plural(seats.length, 'seat')} chosen:</strong> {seats.join(', ')}
      </p>
      <PriceTable price={price} locale={locale} />
    </>
  );
}

const stateText: Record<SeatStatus, string> = { free: 'available', taken: 'taken', mine: 'yours, held' };
const accessText = { wheelchair: 'wheelchair space, ', companion: 'companion seat, ' } as const;
const seatClass = { wheelchair: 'seat-wc', companion: 'seat-cp' } as const;

function SeatBox({
  id,
  seat,
  name,
  status,
  checked,
}: {
  id: string;
  seat: LayoutSeat;
  name: string;
  status: SeatStatus;
  checked: boolean;
}) {
  return (
    <label class={seat.access ? seatClass[seat.access] : 'seat'}>
      <input
        type="checkbox"
        name="seat"
        value={id}
        aria-label={`${name}${stateText[status]}`}
        checked={checked}
        disabled={status === 'taken'}
      />
      {seat.number}
    </label>
  );
}

function SeatKey({ layout }: { layout: ScreenLayout }) {
  const has = (access: LayoutSeat['access']) =>
    layout.rows.some((row) => row.items.some((item) => item.type === 'seat' && item.access === access));
  const item = 'flex items-center gap-2';
  return (
    <ul aria-label="Key to the seat map" class="flex flex-wrap gap-x-5 gap-y-2 list-none p-0 my-3">
      <li class={item}>
        <span class="seat" aria-hidden="true">
          1
        </span>
        Available
      </li>
      <li class={item}>
        <span class="seat on" aria-hidden="true">
          1
        </span>
        Your choice (✓)
      </li>
      <li class={item}>
        <span class="seat off" aria-hidden="true">
          1
        </span>
        Taken (✕)
      </li>
      {has('wheelchair') ? (
        <li class={item}>
          <span class="seat-wc" aria-hidden="true">
            1
          </span>
          Wheelchair space (round, double outline)
        </li>
      ) : null}
      {has('companion') ? (
        <li class={item}>
          <span class="seat-cp" aria-hidden="true">
            1
          </span>
          Companion seat (dashed outline)
        </li>
      ) : null}
    </ul>
  );
}

/** The screen's layout as rows of checkboxes, one fieldset per row so screen readers can move by row. */
function SeatGrid({
  screen,
  seats,
  selected,
  prices,
}: {
  screen: Screen;
  seats: Map<string, SeatStatus>;
  selected: Set<string>;
  prices: Map<string, string>;
}) {
  const categories = new Map(screen.categories.map((c) => [c.id, c.name]));
  let lastCategory: string | undefined;
  return (
    <section aria-label="Seat map" tabindex={0} class="relative overflow-x-auto py-2">
      <div class="w-max mx-auto">
        <p class="mx-auto mt-0 mb-3 w-2/3 border-t-4 border-slate-500 pt-1 text-center text-sm text-slate-700">
          Screen this way
        </p>
        {screen.layout.rows.map((row) => {
          const first = row.items.find((item) => item.type === 'seat');
          const category = first?.type === 'seat' ? first.category : undefined;
          const heading =
            category && category !== lastCategory ? (
              <p class="mt-3 mb-1 pl-7 text-sm font-semibold">
                {categories.get(category) ?? category} · {prices.get(category)}
              </p>
            ) : null;
          lastCategory = category;
          return (
            <>
              {heading}
              <fieldset class="seat-row">
                <legend class="sr-only">Row {row.label}</legend>
                <b aria-hidden="true">{row.label}</b>
                {row.items.map((item) => {
                  if (item.type === 'gap') return Array.from({ length: item.width }, () => <i />);
                  const id = seatId(row.label, item.number);
                  const status = seats.get(id) ?? 'free';
                  const name = `Row ${row.label}, seat ${item.number}, ${categories.get(item.category) ?? item.category}, ${prices.get(item.category) ?? ''}, ${item.access ? accessText[item.access] : ''}`;
                  return (
                    <SeatBox
                      id={id}
                      seat={item}
                      name={name}
                      status={status}
                      checked={status !== 'taken' && selected.has(id)}
                    />
                  );
                })}
                <b aria-hidden="true">{row.label}</b>
              </fieldset>
            </>
          );
        })}
      </div>
    </section>
  );
}

function Alert({ message }: { message: string | undefined }) {
  return message ? (
    <div role="alert" class="card border-red-800 mb-4">
      <p class="m-0 font-semibold text-red-800">{message}</p>
    </div>
  ) : null;
}

/**
 * "Best available": a plain GET form, so it works without JavaScript; the answer is the seat map with
 * the best group checked, which the user can still change before continuing.
 */
function BestAvailable({ map, prices }: { map: SeatMap; prices: Map<string, string> }) {
  return (
    <form method="get" action={`/showtimes/${map.show.id}`} class="card flex flex-wrap items-end gap-3 my-3">
      <div>
        <label class="label" for="best-count">
          Seats
        </label>
        <select id="best-count" name="best" class="field w-auto">
          {Array.from({ length: 10 }, (_, i) => (
            <option value={String(i + 1)} selected={i === 1}>
              {i + 1}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label class="label" for="best-category">
          Category
        </label>
        <select id="best-category" name="category" class="field w-auto">
          {map.screen.categories.map((category) => (
            <option value={category.id}>
              {category.name} · {prices.get(category.id)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" class="btn-quiet">
        Find the best seats together
      </button>
    </form>
  );
}

/** "7:42 pm (8 minutes)": when a hold ends, in the theater's zone, and how long that is from now. */
function heldUntil(hold: Hold, timeZone: string, now: Date, locale: string): string {
  const ends = new Date(hold.expiresAt);
  const minutes = Math.max(1, Math.ceil((ends.getTime() - now.getTime()) / 60_000));
  return `${formatTime(ends, timeZone, locale)} (${plural(minutes, 'minute')})`;
}

/** The showtime page: its details, then the seat map form while tickets are on sale. */
export function ShowtimePage({
  map,
  selected,
  price,
  error,
  now,
  locale,
}: {
  map: SeatMap;
  selected: string[];
  price: PriceBreakdown;
  error?: string | undefined;
  now: Date;
  locale: string;
}) {
  const { show, screen, theater, hold } = map;
  const prices = new Map(
    show.prices.map((p) => [p.category, formatMoney({ amount: p.amount, currency: show.currency }, locale)]),
  );
  return (
    <>
      {/* The seat section below says when sales are over, so the details need not. */}
      <ShowtimeDetails {...map} started={false} locale={locale} />
      <section aria-labelledby="seats-title" class="mt-6">
        <h2 id="seats-title" class="text-xl font-bold">
          Choose your seats
        </h2>
        {map.salesOpen ? (
          <>
            <BestAvailable map={map} prices={prices} />
            <form
              method="post"
              action={`/showtimes/${show.id}/hold`}
              hx-get={`/showtimes/${show.id}`}
              hx-trigger="change"
              hx-target="#summary"
              hx-swap="innerHTML"
              data-seats={`/showtimes/${show.id}/seats${hold ? `?hold=${hold.holdId}` : ''}`}
            >
              <Alert message={error} />
              {/* Live availability (src/client/seat-map.ts) says here when a chosen seat is taken meanwhile. */}
              <div id="seat-news" role="alert" />
              {hold ? (
                <p class="card">
                  You are holding {inLayoutOrder(screen.layout, hold.seats).join(', ')} until{' '}
                  {heldUntil(hold, theater.timeZone, now, locale)}.{' '}
                  <a class="link" href={`/checkout/${show.id}`}>
                    Go to checkout
                  </a>{' '}
                  or change your seats below.
                </p>
              ) : null}
              <SeatKey layout={screen.layout} />
              <SeatGrid screen={screen} seats={map.seats} selected={new Set(selected)} prices={prices} />
              <h3 class="text-lg font-bold mb-0">Your selection</h3>
              <div id="summary" aria-live="polite">
                <SelectionSummary seats={selected} price={price} locale={locale} />
              </div>
              <button type="submit" class="btn mt-2">
                Continue
              </button>
            </form>
          </>
        ) : (
          <>
            <Alert message={error} />
            <p class="card font-semibold">
              {map.started
                ? 'This showtime has started, so its seats are no longer on sale.'
                : `Ticket sales for this showtime have closed; it starts at ${formatTime(new Date(show.startsAt), theater.timeZone, locale)}.`}{' '}
              <a class="link" href={`/movies/${map.movie.id}`}>
                Find another showtime of {map.movie.title}
              </a>
              .
            </p>
          </>
        )}
      </section>
    </>
  );
}

function When({ startsAt, timeZone, locale }: { startsAt: string; timeZone: string; locale?: string }) {
  const at = new Date(startsAt);
  return (
    <>
      {formatLongDay(localDate(at, timeZone), locale)},{' '}
      <time datetime={startsAt}>
        {formatTime(at, timeZone, locale)} {zoneName(at, timeZone, locale)}
      </time>
    </>
  );
}

function seatList(layout: ScreenLayout, ids: string[], categories: Map<string, string>) {
  const index = new Map(
    layout.rows.flatMap((row) =>
      row.items.flatMap((item) => (item.type === 'seat' ? [[seatId(row.label, item.number), item]] : [])),
    ) as [string, LayoutSeat][],
  );
  return inLayoutOrder(layout, ids).map((id) => {
    const seat = index.get(id);
    return { id, category: categories.get(seat?.category ?? '') ?? seat?.category ?? '' };
  });
}

/** The checkout page for a live hold: seats, price, payment, and the forms to confirm or let go. */
export function CheckoutPage({
  map,
  hold,
  price,
  idempotencyKey,
  paymentLabel,
  now,
  locale,
}: {
  map: SeatMap;
  hold: Hold;
  price: PriceBreakdown;
  idempotencyKey: string;
  paymentLabel: string;
  now: Date;
  locale: string;
}) {
  const { show, movie, theater, screen } = map;
  const categories = new Map(screen.categories.map((c) => [c.id, c.name]));
  return (
    <article aria-labelledby="checkout-title" class="max-w-2xl">
      <h1 id="checkout-title" class="mt-0 text-3xl font-bold">
        Checkout
      </h1>
      <p class="text-lg">
        <strong>{movie.title}</strong> at {theater.name}, {screen.name}
        <br />
        <When startsAt={show.startsAt} timeZone={theater.timeZone} locale={locale} />
      </p>
      <p class="card font-semibold">
        Your seats are held until {heldUntil(hold, theater.timeZone, now, locale)}.{' '}
        {/* src/client/countdown.ts counts down here and announces 2 minutes and 30 seconds left. */}
        <span
          class="block empty:hidden mt-1 text-xl tabular-nums"
          role="timer"
          data-ms-left={String(Math.max(0, Date.parse(hold.expiresAt) - now.getTime()))}
        />
      </p>
      <div aria-live="polite" data-countdown-news="polite" class="sr-only" />
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
      <h2 class="text-xl font-bold">Payment</h2>
      <p>{paymentLabel}: nothing is charged now; you pay when you collect your tickets.</p>
      <div class="flex flex-wrap items-center gap-4 mt-4">
        <form method="post" action={`/checkout/${show.id}/confirm`}>
          <input type="hidden" name="key" value={idempotencyKey} />
          <button type="submit" class="btn">
            Confirm booking
          </button>
        </form>
        <form method="post" action={`/checkout/${show.id}/release`}>
          <button type="submit" class="btn-quiet">
            Release seats
          </button>
        </form>
        <a class="link" href={`/showtimes/${show.id}`}>
          Change seats
        </a>
      </div>
    </article>
  );
}

/** Checkout without a live hold: why, and the way back to the seat map. */
export function NoHold({ map, message }: { map: SeatMap; message?: string | undefined }) {
  return (
    <article aria-labelledby="checkout-title" class="max-w-2xl">
      <h1 id="checkout-title" class="mt-0 text-3xl font-bold">
        Checkout
      </h1>
      <Alert message={message} />
      {message ? null : (
        <p>You are not holding any seats for this showtime; a hold ends after a few minutes.</p>
      )}
      <p>
        <a class="link" href={`/showtimes/${map.show.id}`}>
          Choose seats for {map.movie.title} at {map.theater.name}
        </a>
      </p>
    </article>
  );
}

/** A confirmed booking: the id to show at the box office first, then what, when, where and the price. */
export function BookingPage({
  booking,
  paymentLabel,
  ticket,
  delivery,
  notice,
}: {
  booking: Booking;
  paymentLabel: string;
  ticket: { code: string; qr: string };
  delivery: Child;
  notice?: string | undefined;
}) {
  return (
    <article aria-labelledby="booking-title" class="max-w-2xl">
      <h1 id="booking-title" class="mt-0 text-3xl font-bold">
        Booking confirmed
      </h1>
      <StatusNotice message={notice} />
      <p class="card">
        Booking id
        <strong class="block font-mono text-3xl tracking-wider">{booking.id}</strong>
      </p>
      <dl class="grid sm:grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt class="font-semibold">Movie</dt>
        <dd class="m-0">
          <a class="link" href={`/movies/${booking.movieId}`}>
            {booking.movieTitle}
          </a>
        </dd>
        <dt class="font-semibold">When</dt>
        <dd class="m-0">
          <When startsAt={booking.startsAt} timeZone={booking.timeZone} locale={booking.locale} />
        </dd>
        <dt class="font-semibold">Where</dt>
        <dd class="m-0">
          {booking.theaterName}, {booking.screenName}
          <br />
          {booking.theaterAddress}
        </dd>
        <dt class="font-semibold">Seats</dt>
        <dd class="m-0">{seatsText(booking)}</dd>
        <dt class="font-semibold">Payment</dt>
        <dd class="m-0">{paymentText(booking, paymentLabel)}</dd>
      </dl>
      <h2 class="text-xl font-bold">Price</h2>
      <PriceTable price={booking.price} locale={booking.locale} />
      <section aria-labelledby="ticket-title">
        <h2 id="ticket-title" class="text-xl font-bold">
          Your ticket
        </h2>
        <p>Show this QR code at the door. The code under it can be typed in if the scanner cannot read it.</p>
        <div class="inline-block bg-white p-2">{raw(ticket.qr)}</div>
        <p class="font-mono text-sm break-all">{ticket.code}</p>
        <p>
          <a class="link" href={`/bookings/${booking.id}/ticket.pdf`} download>
            Download the ticket as a PDF
          </a>
        </p>
        <h3 class="text-lg font-bold mb-0">Confirmation</h3>
        {/* A live region that stays put while htmx swaps the status inside it. */}
        <div role="status">{delivery}</div>
      </section>
    </article>
  );
}

function BookingItem({ booking }: { booking: Booking }) {
  const at = new Date(booking.startsAt);
  return (
    <li>
      <a class="link" href={`/bookings/${booking.id}`}>
        {booking.movieTitle}
      </a>
      , {formatDay(localDate(at, booking.timeZone))} {formatTime(at, booking.timeZone)} at{' '}
      {booking.theaterName} · {plural(booking.seats.length, 'seat')} · {booking.id}
    </li>
  );
}

/** The account page's list of a user's bookings. */
export function YourBookings({ upcoming, past }: { upcoming: Booking[]; past: Booking[] }) {
  if (upcoming.length === 0 && past.length === 0) return <p>You have no bookings yet.</p>;
  return (
    <>
      <h3 class="text-lg font-bold mb-1">Upcoming</h3>
      {upcoming.length > 0 ? (
        <ul class="pl-5 mt-0">
          {upcoming.map((booking) => (
            <BookingItem booking={booking} />
          ))}
        </ul>
      ) : (
        <p class="mt-0">No upcoming bookings.</p>
      )}
      {past.length > 0 ? (
        <>
          <h3 class="text-lg font-bold mb-1">Past</h3>
          <ul class="pl-5 mt-0">
            {past.map((booking) => (
              <BookingItem booking={booking} />
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
