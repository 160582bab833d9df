import { formatMoney } from '../../../platform/money';
import { formatLongDay, formatTime, localDate, zoneName } from '../../../platform/time';
import { Alert } from '../../../web/forms';
import { inReadingOrder } from '../../catalog/seats';
import { ShowtimeDetails } from '../../catalog/views/showtime-details';
import type { PriceBreakdown } from '../model';
import { NOT_ON_SALE } from '../sales-state';
import type { SeatMapView } from '../service';
import { SelectionSummary } from './price-table';
import { SeatGrid, SeatKey } from './seat-grid';
import { heldUntil } from './times';

/**
 * "Best available": a plain GET form, so it works without JavaScript; the answer is the seat map with
 * the best group checked, which the user can still change before continuing.
 */
function BestAvailable({ map, prices }: { map: SeatMapView; prices: Map<string, string> }) {
  return (
    // The answer lands on the seat map, where the chosen seats are.
    <form
      method="get"
      action={`/showtimes/${map.show.id}#seat-map`}
      aria-labelledby="best-title"
      class="card flex flex-wrap items-end gap-3 my-4"
    >
      <h3 id="best-title" class="w-full m-0 text-lg font-bold">
        Or let us choose
      </h3>
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

/**
 * The showtime page: its title and time, then the seat map form while tickets are on sale, so the map is
 * near the top of a phone's screen; the details and prices follow. `notice` says which seats "best available"
 * chose; it and `error` sit just above the map, where the page lands (#seat-map).
 */
export function ShowtimePage({
  map,
  selected,
  price,
  error,
  notice,
  signedIn,
  now,
  locale,
}: {
  map: SeatMapView;
  selected: string[];
  price: PriceBreakdown;
  error?: string | undefined;
  notice?: string | undefined;
  signedIn: boolean;
  now: Date;
  locale: string;
}) {
  const { show, screen, theater, hold } = map;
  const prices = new Map(
    show.prices.map((p) => [p.category, formatMoney({ amount: p.amount, currency: show.currency }, locale)]),
  );
  const at = new Date(show.startsAt);
  return (
    <>
      <h1 id="show-title" class="mt-0 mb-1 text-3xl font-bold">
        {map.movie.title}
      </h1>
      <p class="mt-0">
        {formatLongDay(localDate(at, theater.timeZone))}, {formatTime(at, theater.timeZone, locale)}{' '}
        {zoneName(at, theater.timeZone)} · {screen.name}
      </p>
      <section id="seat-map" aria-labelledby="seats-title" class="mt-4 scroll-mt-2">
        <h2 id="seats-title" class="text-xl font-bold mt-0 mb-1">
          Choose your seats
        </h2>
        {map.salesOpen ? (
          <>
            <form
              method="post"
              action={`/showtimes/${show.id}/hold#seat-map`}
              data-summary={`/showtimes/${show.id}`}
              data-seats={`/showtimes/${show.id}/seats${hold ? `?hold=${hold.holdId}` : ''}`}
            >
              {/* Without script every seat is a Tab stop; with it the map is one, and this link goes (seat-map.ts). */}
              <a class="link text-sm" href="#selection" data-skip-map>
                Skip the seat map
              </a>
              {error ? (
                <div data-landing>
                  <Alert message={error} />
                </div>
              ) : null}
              {notice ? (
                <p role="status" class="card my-2 font-semibold" data-landing>
                  {notice}
                </p>
              ) : null}
              {/* Live availability (src/client/seat-map.ts) says here when a chosen seat is taken meanwhile. */}
              <div id="seat-news" role="alert" />
              {hold ? (
                <p class="card my-2">
                  You are holding {inReadingOrder(screen.layout, hold.seats).join(', ')} until{' '}
                  {heldUntil(hold, theater.timeZone, now, locale)}.{' '}
                  <a class="link" href={`/checkout/${show.id}`}>
                    Go to checkout
                  </a>{' '}
                  or change your seats below.
                </p>
              ) : null}
              <SeatKey layout={screen.layout} />
              <SeatGrid screen={screen} seats={map.seats} selected={new Set(selected)} prices={prices} />
              <h3 id="selection" tabindex={-1} class="text-lg font-bold mt-3 mb-0">
                Your selection
              </h3>
              <div id="summary" aria-live="polite">
                <SelectionSummary seats={selected} price={price} locale={locale} />
              </div>
              <button type="submit" class="btn mt-1" aria-describedby={signedIn ? undefined : 'continue-why'}>
                Continue
              </button>
              {signedIn ? null : (
                <p id="continue-why" class="mt-2 mb-0 text-sm">
                  Sign in to hold these seats: we send your tickets to your account.
                </p>
              )}
            </form>
            <BestAvailable map={map} prices={prices} />
          </>
        ) : (
          <>
            <Alert message={error} />
            <p class="card font-semibold">
              {map.sales === 'closed'
                ? `Ticket sales for this showtime have closed; it starts at ${formatTime(new Date(show.startsAt), theater.timeZone, locale)}.`
                : NOT_ON_SALE[map.sales === 'open' ? 'closed' : map.sales]}{' '}
              <a class="link" href={`/movies/${map.movie.id}`}>
                Find another showtime of {map.movie.title}
              </a>
              .
            </p>
          </>
        )}
      </section>
      <h2 class="text-xl font-bold mt-8">About this showtime</h2>
      {/* The seat section above says when sales are over, so the details need not. */}
      <ShowtimeDetails {...map} started={false} locale={locale} titled={false} />
    </>
  );
}
