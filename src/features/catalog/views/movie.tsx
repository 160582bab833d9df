import type { FieldErrors } from '../../../platform/errors';
import { formatLongDay } from '../../../platform/time';
import { ErrorSummary } from '../../../web/forms';
import type { City } from '../model';
import type { MoviePage } from '../movie-page';
import { MovieFacts, Poster, ShowList } from './movie-listing';
import { DateStrip, type MovieQuery, moviePath, ShowtimeFilters } from './showtime-filters';

const FILTER_ERROR = 'Some showtime filters are not valid: the showtimes below are listed without them.';

type MovieDetailsProps = {
  page: MoviePage;
  city: City | undefined;
  /** The city as the address asked for it: an id, "all", or none (the visitor's own city). */
  cityParam: string | undefined;
  visitorZone: string | undefined;
  salesClosedBefore: string;
  errors: FieldErrors;
};

/** The chosen day's showtimes by theater, or what to do when there are none. */
function DayShowtimes({ page, city, cityParam, visitorZone, salesClosedBefore }: MovieDetailsProps) {
  const query: MovieQuery = { city: cityParam, ...page.filters };
  const filtered = Boolean(page.filters.format || page.filters.language || page.filters.time);
  const next = page.days.find((day) => day.date > page.date && day.shows > 0);
  const locale = new Map(page.cities.map((c) => [c.id, c.locale]));
  const marked = page.theaters.some((t) =>
    t.shows.some(({ show }) => show.access?.captions || show.access?.audioDescription),
  );
  return (
    <section aria-labelledby="day-heading">
      <h3 id="day-heading" class="text-lg font-bold">
        {formatLongDay(page.date)}
      </h3>
      {page.theaters.length === 0 ? (
        <p>
          No showtimes{city ? ` in ${city.name}` : ''} on this day{filtered ? ' with these filters' : ''}.
          {next ? (
            <>
              {' '}
              <a class="link" href={moviePath(page.movie.id, { ...query, date: next.date })}>
                See {formatLongDay(next.date)}
              </a>
              .
            </>
          ) : null}
          {page.otherCityShows > 0
            ? ` It is showing in other cities (${page.otherCityShows} showtimes).`
            : ''}
        </p>
      ) : (
        page.theaters.map(({ theater, shows }) => (
          <div class="card mb-3">
            <h4 class="m-0 font-semibold">
              <a class="link" href={`/theaters/${theater.id}`}>
                {theater.name}
              </a>
            </h4>
            <ShowList
              shows={shows}
              zone={theater.timeZone}
              locale={locale.get(theater.cityId)}
              visitorZone={visitorZone}
              salesClosedBefore={salesClosedBefore}
            />
          </div>
        ))
      )}
      {marked ? <p class="text-sm text-slate-700">CC: closed captions · AD: audio description</p> : null}
    </section>
  );
}

/** A movie's facts and its showtimes, one day at a time, with the filters. */
export function MovieDetails(props: MovieDetailsProps) {
  const { page, city, cityParam, errors } = props;
  const { movie, cities, filters } = page;
  const query: MovieQuery = { city: cityParam, ...filters };
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
              <a class="link" href={moviePath(movie.id, { ...filters, date: undefined, city: c.id })}>
                {c.name}
              </a>
            ),
          )}
          {city ? (
            <a class="link" href={moviePath(movie.id, { ...filters, date: undefined, city: 'all' })}>
              All cities
            </a>
          ) : (
            <span class="chip font-semibold" aria-current="true">
              All cities
            </span>
          )}
        </nav>
        <ErrorSummary errors={errors} message={Object.keys(errors).length > 0 ? FILTER_ERROR : undefined} />
        <DateStrip page={page} query={query} error={errors.date} />
        <ShowtimeFilters page={page} query={query} errors={errors} />
        <DayShowtimes {...props} />
      </section>
    </article>
  );
}
