import { formatLongDay, formatTime } from '../../../platform/time';
import type { SchedulePage } from '../service';
import { LISTED_DAYS } from '../service';

/** A theater's showtimes by local day, each linking to its own page (sales, seat blocks, moving, cancelling). */
export function UpcomingShowtimes({ page }: { page: SchedulePage }) {
  const { setup, days, movies } = page;
  const { timeZone } = setup.theater;
  const locale = setup.city.locale;
  const title = new Map(movies.map((movie) => [movie.id, movie.title]));
  const screen = new Map(setup.screens.map((s) => [s.id, s.name]));
  const base = `/admin/showtimes?theater=${setup.theater.id}`;
  return (
    <section aria-labelledby="upcoming-title">
      <h2 id="upcoming-title" class="text-xl font-bold">
        Showtimes from {formatLongDay(page.firstDay, locale)}
      </h2>
      {days.length === 0 ? <p>No showtimes in these {LISTED_DAYS} days.</p> : null}
      {days.map(({ date, shows }) => (
        <section aria-labelledby={`day-${date}`}>
          <h3 id={`day-${date}`} class="text-lg font-bold mb-1">
            {formatLongDay(date, locale)}
          </h3>
          <ul class="list-none p-0 m-0 grid gap-1">
            {shows.map((show) => (
              <li class="border-b border-slate-200 pb-1">
                <a class="link font-semibold" href={`/admin/showtimes/${show.id}`}>
                  <time datetime={show.startsAt}>
                    {formatTime(new Date(show.startsAt), timeZone, locale)}
                  </time>{' '}
                  {title.get(show.movieId) ?? show.movieId}
                </a>{' '}
                · {screen.get(show.screenId) ?? show.screenId} · {show.language} · {show.format}
                {show.cancelledAt ? <strong> · Cancelled</strong> : null}
                {show.salesStopped && !show.cancelledAt ? <strong> · Sales stopped</strong> : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
      <p class="flex flex-wrap gap-4">
        {page.firstDay > page.today ? (
          <a class="link" href={base}>
            From today
          </a>
        ) : null}
        <a class="link" href={`${base}&from=${page.nextFrom}`}>
          The {LISTED_DAYS} days after
        </a>
      </p>
    </section>
  );
}
