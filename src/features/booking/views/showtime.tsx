import { formatMoney } from '../../../platform/money';
import { formatTime } from '../../../platform/time';
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

/** The showtime page: its details, then the seat map form while tickets are on sale. */
export function ShowtimePage({
  map,
  selected,
  price,
  error,
  now,
  locale,
}: {
  map: SeatMapView;
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
              data-hx-get={`/showtimes/${show.id}`}
              data-hx-trigger="change"
              data-hx-target="#summary"
              data-hx-swap="innerHTML"
              data-seats={`/showtimes/${show.id}/seats${hold ? `?hold=${hold.holdId}` : ''}`}
            >
              <Alert message={error} />
              {/* Live availability (src/client/seat-map.ts) says here when a chosen seat is taken meanwhile. */}
              <div id="seat-news" role="alert" />
              {hold ? (
                <p class="card">
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
    </>
  );
}
