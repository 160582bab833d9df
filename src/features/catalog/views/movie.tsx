import { formatLongDay } from '../../../platform/time';
import type { City, Movie } from '../model';
import type { DayListing } from '../service';
import { MovieFacts, Poster, ShowLink } from './movie-listing';
export function MovieDetails({
  movie,
  days,
  city,
  cities,
  otherCityShows,
  visitorZone,
  salesClosedBefore,
}: {
  movie: Movie;
  days: DayListing[];
  city: City | undefined;
  cities: City[];
  otherCityShows: number;
  visitorZone: string | undefined;
  salesClosedBefore: string;
}) {
  return (
    <article aria-labelledby="movie-title">
      <div class="flex flex-col sm:flex-row gap-6">
        <Poster movie={movie} size="large" priority />
        <div>
          <h1 id="movie-title" class="mt-0 text-3xl font-bold">
            {movie.title}
          </h1>
          <MovieFacts movie={movie} />
          <p>{movie.synopsis}</p>
          {movie.cast ? <p>With {movie.cast}</p> : null}
          {movie.trailerUrl ? (
            <p>
              <a class="link" href={movie.trailerUrl} rel="noreferrer">
                Trailer on {new URL(movie.trailerUrl).hostname}
              </a>
            </p>
          ) : null}
          <p class="text-sm text-slate-700">Released {formatLongDay(movie.releaseDate)}</p>
        </div>
      </div>
      <section aria-labelledby="showtimes-heading" class="mt-6">
        <h2 id="showtimes-heading" class="text-2xl font-bold">
          Showtimes{city ? ` in ${city.name}` : ' in all cities'}
        </h2>
        <nav aria-label="Cities" class="flex flex-wrap gap-3 mb-4">
          {cities.map((c) =>
            c.id === city?.id ? (
              <span class="chip font-semibold" aria-current="true">
                {c.name}
              </span>
            ) : (
              <a class="link" href={`/movies/${movie.id}?city=${c.id}`}>
                {c.name}
              </a>
            ),
          )}
          {city ? (
            <a class="link" href={`/movies/${movie.id}?city=all`}>
              All cities
            </a>
          ) : (
            <span class="chip font-semibold" aria-current="true">
              All cities
            </span>
          )}
        </nav>
        {days.length === 0 ? (
          <p>
            No upcoming showtimes{city ? ` in ${city.name}` : ''} this week.
            {otherCityShows > 0 ? ` It is showing in other cities (${otherCityShows} showtimes).` : ''}
          </p>
        ) : (
          days.map((day) => (
            <section aria-labelledby={`day-${day.date}`} class="mb-6">
              <h3 id={`day-${day.date}`} class="text-lg font-bold">
                {formatLongDay(day.date)}
              </h3>
              {day.theaters.map(({ theater, shows }) => (
                <div class="card mb-3">
                  <h4 class="m-0 font-semibold">
                    <a class="link" href={`/theaters/${theater.id}`}>
                      {theater.name}
                    </a>
                  </h4>
                  <ul class="flex flex-wrap gap-2 list-none p-0 mt-2 mb-0">
                    {shows.map((show) => (
                      <li>
                        <ShowLink
                          show={show}
                          zone={theater.timeZone}
                          visitorZone={visitorZone}
                          salesClosedBefore={salesClosedBefore}
                        />
                      </li>
                    ))}
                  </ul>
                </div>
              ))}
            </section>
          ))
        )}
      </section>
    </article>
  );
}
