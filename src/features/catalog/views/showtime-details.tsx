import { formatMoney } from '../../../platform/money';
import { formatLongDay, formatTime, localDate, zoneName } from '../../../platform/time';
import type { Movie, Screen, Showtime, Theater } from '../model';
import { hours } from './movie-listing';
export function ShowtimeDetails({
  show,
  movie,
  theater,
  screen,
  started,
  locale,
  titled = true,
}: {
  show: Showtime;
  movie: Movie;
  theater: Theater;
  screen: Screen;
  started: boolean;
  locale: string;
  /** False where the page writes the film's title itself, above its seat map. */
  titled?: boolean;
}) {
  const at = new Date(show.startsAt);
  const names = new Map(screen.categories.map((c) => [c.id, c.name]));
  return (
    <article aria-labelledby="show-title">
      {titled ? (
        <h1 id="show-title" class="mt-0 text-3xl font-bold">
          {movie.title}
        </h1>
      ) : null}
      <dl class="grid sm:grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt class="font-semibold">When</dt>
        <dd class="m-0">
          {formatLongDay(localDate(at, theater.timeZone))},{' '}
          <time datetime={show.startsAt}>
            {formatTime(at, theater.timeZone)} {zoneName(at, theater.timeZone)}
          </time>
        </dd>
        <dt class="font-semibold">Where</dt>
        <dd class="m-0">
          <a class="link" href={`/theaters/${theater.id}`}>
            {theater.name}
          </a>
          , {screen.name}
          <br />
          {theater.address}
        </dd>
        <dt class="font-semibold">Language and format</dt>
        <dd class="m-0">
          {show.language} · {show.format}
        </dd>
        <dt class="font-semibold">Certificate and length</dt>
        <dd class="m-0">
          {movie.certificate} · {hours(movie.runtimeMinutes)}
        </dd>
      </dl>
      <h2 class="text-xl font-bold">Ticket prices</h2>
      <table class="border-collapse">
        <thead>
          <tr>
            <th scope="col" class="text-left pr-6">
              Seat category
            </th>
            <th scope="col" class="text-right">
              Price per seat
            </th>
          </tr>
        </thead>
        <tbody>
          {show.prices.map((price) => (
            <tr>
              <th scope="row" class="text-left font-normal pr-6">
                {names.get(price.category) ?? price.category}
              </th>
              <td class="text-right">
                {formatMoney({ amount: price.amount, currency: show.currency }, locale)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {started ? (
        <p class="font-semibold">This showtime has started; tickets are no longer on sale.</p>
      ) : null}
    </article>
  );
}
