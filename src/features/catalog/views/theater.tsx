import { formatLongDay } from '../../../platform/time';
import type { City, Screen, Theater } from '../model';
import type { TheaterDay } from '../service';
import { hours, ShowList } from './movie-listing';
export function TheaterDetails({
  theater,
  screens,
  city,
  days,
  visitorZone,
  salesClosedBefore,
}: {
  theater: Theater;
  screens: Screen[];
  city: City | undefined;
  days: TheaterDay[];
  visitorZone: string | undefined;
  salesClosedBefore: string;
}) {
  return (
    <article aria-labelledby="theater-name">
      <h1 id="theater-name" class="mt-0 text-3xl font-bold">
        {theater.name}
      </h1>
      <p class="m-0">{theater.address}</p>
      <p class="mt-1 text-slate-700">
        {city?.name} · {screens.map((s) => `${s.name} (${s.seatCount} seats)`).join(', ')}
      </p>
      <h2 class="text-2xl font-bold">Showtimes</h2>
      {days.length === 0 ? <p>No upcoming showtimes this week.</p> : null}
      {days.map((day) => (
        <section aria-labelledby={`day-${day.date}`} class="mb-6">
          <h3 id={`day-${day.date}`} class="text-lg font-bold">
            {formatLongDay(day.date)}
          </h3>
          {day.movies.map(({ movie, shows }) => (
            <div class="card mb-3">
              <h4 class="m-0 font-semibold">
                <a class="link" href={`/movies/${movie.id}`}>
                  {movie.title}
                </a>{' '}
                <span class="font-normal text-slate-700">
                  · {movie.certificate} · {hours(movie.runtimeMinutes)}
                </span>
              </h4>
              <ShowList
                shows={shows}
                zone={theater.timeZone}
                locale={city?.locale}
                visitorZone={visitorZone}
                salesClosedBefore={salesClosedBefore}
              />
            </div>
          ))}
        </section>
      ))}
    </article>
  );
}
