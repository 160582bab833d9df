import type { FieldErrors } from '../../platform/errors';
import { FieldError } from '../../web/layout';
import { formatMoney } from '../../platform/money';
import { formatDay, formatLongDay, formatTime, localDate, offsetMinutes, zoneName } from '../../platform/time';
import type { City, Movie, Screen, Showtime, Theater } from './model';
import type {
  DayListing,
  MovieSummary,
  SearchFacets,
  SearchQuery,
  SearchResult,
  TheaterDay,
} from './service';

const hours = (minutes: number) => `${Math.floor(minutes / 60)} h ${minutes % 60} min`;

function Poster({ movie, size = 'small' }: { movie: Movie; size?: 'small' | 'large' }) {
  const [width, height] = size === 'small' ? [96, 144] : [160, 240];
  return (
    <img
      src={`/movies/${movie.id}/poster.svg`}
      alt=""
      width={width}
      height={height}
      class="rounded-md shrink-0 bg-slate-200"
      loading="lazy"
    />
  );
}

function MovieFacts({ movie }: { movie: Movie }) {
  return (
    <p class="m-0 text-slate-700">
      <abbr title="Certificate">{movie.certificate}</abbr> · {hours(movie.runtimeMinutes)} ·{' '}
      {movie.genres.join(', ')}
      <br />
      {movie.languages.join(', ')}
    </p>
  );
}

/** "7:30 pm", plus the zone when the theater's clock differs from the visitor's city's. */
export function LocalTime({
  show,
  zone,
  visitorZone,
}: {
  show: Showtime;
  zone: string;
  visitorZone?: string | undefined;
}) {
  const at = new Date(show.startsAt);
  const differs = visitorZone !== undefined && offsetMinutes(at, visitorZone) !== offsetMinutes(at, zone);
  return (
    <time datetime={show.startsAt}>
      {formatTime(at, zone)}
      {differs ? ` ${zoneName(at, zone)}` : ''}
    </time>
  );
}

function ShowLink({
  show,
  zone,
  visitorZone,
}: {
  show: Showtime;
  zone: string;
  visitorZone?: string | undefined;
}) {
  return (
    <a class="time flex-col" href={`/showtimes/${show.id}`}>
      <LocalTime show={show} zone={zone} visitorZone={visitorZone} />
      <span class="text-xs font-normal">
        {show.language} · {show.format}
      </span>
    </a>
  );
}

export function CityPicker({ cities }: { cities: City[] }) {
  return (
    <section aria-labelledby="pick-city" class="card max-w-md">
      <h1 id="pick-city" class="mt-0 text-2xl font-bold">
        Choose your city
      </h1>
      <p>We will show you the movies playing near you and remember your choice on this device.</p>
      <form method="post" action="/city" class="flex flex-col gap-3">
        <fieldset class="border-0 p-0 m-0">
          <legend class="label">City</legend>
          {cities.map((city, index) => (
            <div class="flex items-center gap-2 py-1">
              <input
                type="radio"
                id={`city-${city.id}`}
                name="city"
                value={city.id}
                required
                checked={index === 0}
              />
              <label for={`city-${city.id}`}>{city.name}</label>
            </div>
          ))}
        </fieldset>
        <input type="hidden" name="next" value="/" />
        <button type="submit" class="btn self-start">
          Show movies
        </button>
      </form>
    </section>
  );
}

export function NowShowing({ city, movies }: { city: City; movies: MovieSummary[] }) {
  return (
    <section aria-labelledby="now-showing">
      <h1 id="now-showing" class="mt-0 text-2xl font-bold">
        Now showing in {city.name}
      </h1>
      <p>
        <a class="link" href={`/search?city=${city.id}`}>
          Search and filter showtimes in {city.name}
        </a>
      </p>
      {movies.length === 0 ? (
        <p>No showtimes in {city.name} this week.</p>
      ) : (
        <ul class="grid gap-4 sm:grid-cols-2 list-none p-0">
          {movies.map(({ movie, nextShow, showCount }) => (
            <li class="card flex gap-4">
              <Poster movie={movie} />
              <div>
                <h2 class="m-0 text-lg font-bold">
                  <a class="link" href={`/movies/${movie.id}`}>
                    {movie.title}
                  </a>
                </h2>
                <MovieFacts movie={movie} />
                <p class="mb-0 text-sm">
                  {showCount} {showCount === 1 ? 'showtime' : 'showtimes'} this week · next{' '}
                  {formatDay(localDate(new Date(nextShow.startsAt), city.timeZone))},{' '}
                  <LocalTime show={nextShow} zone={city.timeZone} />
                </p>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Select({
  name,
  label,
  value,
  anyLabel,
  options,
  error,
}: {
  name: string;
  label: string;
  value: string | undefined;
  anyLabel: string;
  options: { value: string; label: string }[];
  error: string | undefined;
}) {
  return (
    <div>
      <label class="label" for={`search-${name}`}>
        {label}
      </label>
      <select
        id={`search-${name}`}
        name={name}
        class="field"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `search-${name}-error` : undefined}
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
      <FieldError id={`search-${name}-error`} message={error} />
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
        hx-get="/search"
        hx-trigger="submit, input delay:300ms"
        hx-target="#results"
        hx-swap="outerHTML"
        hx-push-url="true"
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
export function SearchResults({
  results,
  city,
  theaters,
  errors,
}: {
  results: SearchResult[];
  city: City | undefined;
  theaters: Map<string, Theater>;
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
      {invalid ? null : (
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

export function MovieDetails({
  movie,
  days,
  city,
  cities,
  otherCityShows,
  visitorZone,
}: {
  movie: Movie;
  days: DayListing[];
  city: City | undefined;
  cities: City[];
  otherCityShows: number;
  visitorZone: string | undefined;
}) {
  return (
    <article aria-labelledby="movie-title">
      <div class="flex flex-col sm:flex-row gap-6">
        <Poster movie={movie} size="large" />
        <div>
          <h1 id="movie-title" class="mt-0 text-3xl font-bold">
            {movie.title}
          </h1>
          <MovieFacts movie={movie} />
          <p>{movie.synopsis}</p>
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
                        <ShowLink show={show} zone={theater.timeZone} visitorZone={visitorZone} />
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

export function TheaterDetails({
  theater,
  screens,
  city,
  days,
  visitorZone,
}: {
  theater: Theater;
  screens: Screen[];
  city: City | undefined;
  days: TheaterDay[];
  visitorZone: string | undefined;
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
              <ul class="flex flex-wrap gap-2 list-none p-0 mt-2 mb-0">
                {shows.map((show) => (
                  <li>
                    <ShowLink show={show} zone={theater.timeZone} visitorZone={visitorZone} />
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      ))}
    </article>
  );
}

export function ShowtimeDetails({
  show,
  movie,
  theater,
  screen,
  started,
  locale,
}: {
  show: Showtime;
  movie: Movie;
  theater: Theater;
  screen: Screen;
  started: boolean;
  locale: string;
}) {
  const at = new Date(show.startsAt);
  const names = new Map(screen.categories.map((c) => [c.id, c.name]));
  return (
    <article aria-labelledby="show-title">
      <h1 id="show-title" class="mt-0 text-3xl font-bold">
        {movie.title}
      </h1>
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

/** A generated poster: the title on the movie's two colours. Small, cacheable, no third party. */
export function posterSvg(movie: Movie): string {
  const words = movie.title.split(' ');
  const lines: string[] = [];
  for (const word of words) {
    const last = lines.at(-1);
    if (last !== undefined && `${last} ${word}`.length <= 12) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  const escapeXml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
  const text = lines
    .map((line, i) => `<tspan x="50%" dy="${i === 0 ? 0 : 1.15}em">${escapeXml(line)}</tspan>`)
    .join('');
  const { background, accent } = movie.poster;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 300" role="img" aria-label="${escapeXml(movie.title)} poster"><rect width="200" height="300" fill="${background}"/><circle cx="160" cy="60" r="90" fill="${accent}" opacity=".35"/><rect x="0" y="230" width="200" height="70" fill="${accent}" opacity=".2"/><text x="50%" y="${150 - (lines.length - 1) * 13}" text-anchor="middle" font-family="system-ui,sans-serif" font-size="24" font-weight="700" fill="${accent}">${text}</text><text x="50%" y="280" text-anchor="middle" font-family="system-ui,sans-serif" font-size="14" fill="${accent}">${escapeXml(movie.certificate)} · ${movie.runtimeMinutes} min</text></svg>`;
}
