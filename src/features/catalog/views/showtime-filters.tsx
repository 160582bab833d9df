import type { FieldErrors } from '../../../platform/errors';
import { formatDay } from '../../../platform/time';
import { FieldError } from '../../../web/forms';
import type { CheckedFilters, MoviePage } from '../movie-page';
import { TIMES_OF_DAY } from '../showings';
import { Select } from './search';

/** What a movie page's address holds: the city as asked (an id or "all") and the filters. */
export type MovieQuery = { city?: string | undefined } & CheckedFilters;

/** The movie page's address for a query, empty values left out, so a link keeps what the visitor chose. */
export function moviePath(movieId: string, query: MovieQuery): string {
  const params = new URLSearchParams();
  for (const key of ['city', 'date', 'format', 'language', 'time'] as const) {
    const value = query[key];
    if (value) params.set(key, value);
  }
  const text = params.toString();
  return text ? `/movies/${movieId}?${text}` : `/movies/${movieId}`;
}

/** "Today", "Tomorrow", then the weekday; and "25 Nov" under it. */
function dayLabel(date: string, index: number): [string, string] {
  const [weekday = '', day = ''] = formatDay(date).split(', ');
  return [index === 0 ? 'Today' : index === 1 ? 'Tomorrow' : weekday, day];
}

/**
 * The days of the listing as links that keep the city and filters: a plain link per day, so it works
 * without JavaScript; the chosen one is marked current. It wraps onto a second line on a narrow phone.
 */
export function DateStrip({
  page,
  query,
  error,
}: {
  page: MoviePage;
  query: MovieQuery;
  error: string | undefined;
}) {
  return (
    <nav aria-label="Days" aria-describedby={error ? 'filter-date-error' : undefined} class="mb-4">
      <ul class="flex flex-wrap gap-2 list-none p-0 m-0">
        {page.days.map((day, index) => {
          const [first, second] = dayLabel(day.date, index);
          const current = day.date === page.date;
          const tone = current
            ? 'bg-indigo-800 text-white hover:bg-indigo-900'
            : day.shows === 0
              ? 'border-slate-400 text-slate-700'
              : '';
          return (
            <li>
              <a
                class={`time flex-col min-w-16 px-2 ${tone}`}
                href={moviePath(page.movie.id, { ...query, date: day.date })}
                aria-current={current ? 'page' : undefined}
              >
                <span>{first}</span>
                <span class="text-xs font-normal">{second}</span>
                {day.shows === 0 ? <span class="sr-only">, no showtimes</span> : null}
              </a>
            </li>
          );
        })}
      </ul>
      <FieldError id="filter-date-error" message={error} />
    </nav>
  );
}

/** Format, language and time of day: a plain GET form that keeps the city and the day. */
export function ShowtimeFilters({
  page,
  query,
  errors,
}: {
  page: MoviePage;
  query: MovieQuery;
  errors: FieldErrors;
}) {
  const filtered = Boolean(query.format || query.language || query.time);
  return (
    <form method="get" action={`/movies/${page.movie.id}`} class="card mb-4">
      {query.city ? <input type="hidden" name="city" value={query.city} /> : null}
      <input type="hidden" name="date" value={page.date} />
      <fieldset class="border-0 p-0 m-0 min-w-0">
        <legend class="font-bold mb-2">Filter showtimes</legend>
        <div class="grid gap-3 sm:grid-cols-3">
          <Select
            idPrefix="filter"
            name="format"
            label="Format"
            value={query.format}
            anyLabel="Any format"
            options={page.formats.map((format) => ({ value: format, label: format }))}
            error={errors.format}
          />
          <Select
            idPrefix="filter"
            name="language"
            label="Language"
            value={query.language}
            anyLabel="Any language"
            options={page.languages.map((language) => ({ value: language, label: language }))}
            error={errors.language}
          />
          <Select
            idPrefix="filter"
            name="time"
            label="Time of day"
            value={query.time}
            anyLabel="Any time"
            options={TIMES_OF_DAY.map((part) => ({ value: part.id, label: `${part.label} (${part.hint})` }))}
            error={errors.time}
          />
        </div>
      </fieldset>
      <div class="flex flex-wrap items-center gap-4 mt-3">
        <button type="submit" class="btn">
          Show times
        </button>
        {filtered ? (
          <a class="link" href={moviePath(page.movie.id, { city: query.city, date: page.date })}>
            Clear filters
          </a>
        ) : null}
      </div>
    </form>
  );
}
