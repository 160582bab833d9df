import type { FieldErrors } from '../../../platform/errors';
import { formatDay, localDate } from '../../../platform/time';
import { FieldError } from '../../../web/forms';
import type { City, Theater } from '../model';
import {
  type SearchAlternatives,
  type SearchFacets,
  type SearchQuery,
  type SearchResult,
  searchPath,
} from '../service';
import { LocalTime, MovieFacts, Poster } from './movie-listing';

/** A filter's select: "any" first, the value kept even when it is not among the options (to show its error). */
export function Select({
  idPrefix = 'search',
  name,
  label,
  value,
  anyLabel,
  options,
  error,
}: {
  idPrefix?: string;
  name: string;
  label: string;
  value: string | undefined;
  anyLabel: string;
  options: { value: string; label: string }[];
  error: string | undefined;
}) {
  return (
    <div>
      <label class="label" for={`${idPrefix}-${name}`}>
        {label}
      </label>
      <select
        id={`${idPrefix}-${name}`}
        name={name}
        class="field"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${idPrefix}-${name}-error` : undefined}
      >
        <option value="">{anyLabel}</option>
        {options.map((option) => (
          <option value={option.value} selected={option.value === value}>
            {option.label}
          </option>
        ))}
        {value && !options.some((option) => option.value === value) ? (
          <option value={value} selected>
            {value}
          </option>
        ) : null}
      </select>
      <FieldError id={`${idPrefix}-${name}-error`} message={error} />
    </div>
  );
}

export function SearchForm({
  query,
  facets,
  errors,
}: {
  query: SearchQuery;
  facets: SearchFacets;
  errors: FieldErrors;
}) {
  return (
    <search aria-label="Movies and showtimes">
      <form
        method="get"
        action="/search"
        class="card grid gap-3 sm:grid-cols-2 lg:grid-cols-3"
        data-hx-get="/search"
        data-hx-trigger="submit, input delay:300ms"
        data-hx-target="#results"
        data-hx-swap="outerHTML"
        data-hx-push-url="true"
      >
        <div class="sm:col-span-2 lg:col-span-3">
          <label class="label" for="search-q">
            Title, genre or language
          </label>
          <input
            id="search-q"
            type="search"
            name="q"
            value={query.q ?? ''}
            maxlength={100}
            class="field"
            autocomplete="off"
            aria-invalid={errors.q ? 'true' : undefined}
            aria-describedby={errors.q ? 'search-q-error' : undefined}
          />
          <FieldError id="search-q-error" message={errors.q} />
        </div>
        <Select
          name="city"
          label="City"
          value={query.city}
          anyLabel="All cities"
          options={facets.cities.map((c) => ({ value: c.id, label: c.name }))}
          error={errors.city}
        />
        <Select
          name="date"
          label="Date"
          value={query.date}
          anyLabel="Any day this week"
          options={facets.dates.map((date, i) => ({
            value: date,
            label:
              i === 0
                ? `Today, ${formatDay(date)}`
                : i === 1
                  ? `Tomorrow, ${formatDay(date)}`
                  : formatDay(date),
          }))}
          error={errors.date}
        />
        <Select
          name="language"
          label="Language"
          value={query.language}
          anyLabel="Any language"
          options={facets.languages.map((l) => ({ value: l, label: l }))}
          error={errors.language}
        />
        <Select
          name="genre"
          label="Genre"
          value={query.genre}
          anyLabel="Any genre"
          options={facets.genres.map((g) => ({ value: g, label: g }))}
          error={errors.genre}
        />
        <div class="flex items-end">
          <button type="submit" class="btn">
            Search
          </button>
        </div>
      </form>
    </search>
  );
}

/** The results region: returned alone to htmx, inside the search page otherwise. */
/** Links for a search that found nothing: the titles near the words typed, and other cities' results. */
function NoResults({
  query,
  city,
  alternatives,
}: {
  query: SearchQuery;
  city: City | undefined;
  alternatives: SearchAlternatives;
}) {
  const { titles, cities } = alternatives;
  return (
    <>
      {titles.length > 0 ? (
        <>
          <h3 class="text-lg font-bold">Did you mean</h3>
          <ul>
            {titles.map((movie) => (
              <li>
                <a class="link" href={`/movies/${movie.id}${city ? `?city=${city.id}` : ''}`}>
                  {movie.title}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {cities.length > 0 ? (
        <>
          <h3 class="text-lg font-bold">The same search in other cities</h3>
          <ul>
            {cities.map((entry) => (
              <li>
                <a class="link" href={searchPath({ ...query, city: entry.city.id })}>
                  {entry.city.name}: {entry.movies} {entry.movies === 1 ? 'movie' : 'movies'}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {titles.length === 0 && cities.length === 0 ? (
        <p>Try fewer words, or another day, language or genre.</p>
      ) : null}
    </>
  );
}

export function SearchResults({
  results,
  query,
  city,
  theaters,
  alternatives,
  errors,
}: {
  results: SearchResult[];
  query: SearchQuery;
  city: City | undefined;
  theaters: Map<string, Theater>;
  alternatives: SearchAlternatives;
  errors: FieldErrors;
}) {
  const invalid = Object.keys(errors).length > 0;
  return (
    <section id="results" aria-labelledby="results-heading" class="mt-6">
      <h2 id="results-heading" class="text-xl font-bold" aria-live="polite">
        {invalid
          ? 'Please correct the search filters'
          : `${results.length} ${results.length === 1 ? 'movie' : 'movies'} found`}
      </h2>
      {invalid ? null : results.length === 0 ? (
        <NoResults query={query} city={city} alternatives={alternatives} />
      ) : (
        <ul class="list-none p-0 grid gap-4">
          {results.map(({ movie, shows }) => (
            <li class="card flex gap-4">
              <Poster movie={movie} />
              <div class="min-w-0">
                <h3 class="m-0 text-lg font-bold">
                  <a class="link" href={`/movies/${movie.id}${city ? `?city=${city.id}` : ''}`}>
                    {movie.title}
                  </a>
                </h3>
                <MovieFacts movie={movie} />
                <p class="mb-1 text-sm">
                  {shows.length} matching {shows.length === 1 ? 'showtime' : 'showtimes'}; the next:
                </p>
                <ul class="flex flex-wrap gap-2 list-none p-0 m-0">
                  {shows.slice(0, 4).map((show) => {
                    const theater = theaters.get(show.theaterId);
                    return (
                      <li>
                        <a class="link text-sm" href={`/showtimes/${show.id}`}>
                          {formatDay(localDate(new Date(show.startsAt), theater?.timeZone ?? 'UTC'))},{' '}
                          <LocalTime
                            show={show}
                            zone={theater?.timeZone ?? 'UTC'}
                            visitorZone={city?.timeZone}
                          />{' '}
                          at {theater?.name}
                        </a>
                      </li>
                    );
                  })}
                </ul>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
