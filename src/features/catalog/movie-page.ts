import { AppError, type FieldErrors } from '../../platform/errors';
import { localDate } from '../../platform/time';
import { allTheaters, type CatalogDeps, listingDates, read, upcoming } from './cached-reads';
import { type City, type Movie, SHOW_FORMATS, type Showtime, type Theater } from './model';
import { type FillState, fillState, TIME_OF_DAY_IDS, type TimeOfDay, timeOfDay } from './showings';

/**
 * Counts the seats of each showtime that are no longer for sale (sold or blocked). Seats are the booking
 * feature's, which comes later: the app hands its counter in.
 */
export type CountSeatsNotForSale = (showIds: readonly string[]) => Promise<Map<string, number>>;

/** How full each showtime is, from its screen's seats; all open when nothing counts. */
export async function fillStates(
  d: CatalogDeps,
  shows: Showtime[],
  count: CountSeatsNotForSale | undefined,
): Promise<Map<string, FillState>> {
  if (!count || shows.length === 0) return new Map();
  const theaterIds = [...new Set(shows.map((show) => show.theaterId))];
  const [taken, found] = await Promise.all([
    count(shows.map((show) => show.id)),
    Promise.all(theaterIds.map((id) => read.theater(d, id))),
  ]);
  // The screen's current seat count: a showtime still selling from an earlier layout may differ by a few.
  const seats = new Map(
    found.flatMap((f) => f?.screens ?? []).map((screen) => [screen.id, screen.seatCount]),
  );
  return new Map(
    shows.flatMap((show) => {
      const capacity = seats.get(show.screenId);
      return capacity === undefined ? [] : [[show.id, fillState(taken.get(show.id) ?? 0, capacity)]];
    }),
  );
}

/** The filters of the movie page, as the visitor chose them. */
export type ShowFilters = { date?: string; format?: string; language?: string; time?: string };

/** The same filters once checked against the page's choices. */
export type CheckedFilters = {
  date?: string;
  format?: Showtime['format'];
  language?: string;
  time?: TimeOfDay;
};

export type ListedShow = { show: Showtime; fill: FillState };

export type MoviePage = {
  movie: Movie;
  cities: City[];
  /** Upcoming showtimes elsewhere, when one city is chosen. */
  otherCityShows: number;
  /** The tabs: each listed day with how many showtimes it has under the filters. */
  days: { date: string; shows: number }[];
  /** The day shown. */
  date: string;
  filters: CheckedFilters;
  /** The choices of the filter form: the formats and languages this movie has in the listing. */
  formats: Showtime['format'][];
  languages: string[];
  /** The chosen day's showtimes under the filters, by theater. */
  theaters: { theater: Theater; shows: ListedShow[] }[];
};

/** The filters that are not among the page's choices, each with its message. */
function invalidFilters(filters: ShowFilters, dates: string[], movie: Movie): FieldErrors {
  const fields: FieldErrors = {};
  if (filters.date && !dates.includes(filters.date))
    fields.date = 'Choose one of the next 7 days from the dates shown.';
  if (filters.format && !(SHOW_FORMATS as readonly string[]).includes(filters.format))
    fields.format = `Choose a format from the list: ${SHOW_FORMATS.join(', ')}.`;
  if (filters.language && !movie.languages.includes(filters.language))
    fields.language = `${movie.title} plays in ${movie.languages.join(', ')}. Choose one of those.`;
  if (filters.time && !(TIME_OF_DAY_IDS as readonly string[]).includes(filters.time))
    fields.time = 'Choose morning, afternoon, evening or night.';
  return fields;
}

/**
 * A movie with its upcoming showtimes in one city or everywhere: one day at a time (the chosen one, else
 * the first with showtimes), filtered by format, language and time of day, with how full each is. A
 * filter value the page does not offer is a bad request, reported against its field.
 */
export async function moviePage(
  d: CatalogDeps,
  movieId: string,
  city: City | undefined,
  filters: ShowFilters,
  count?: CountSeatsNotForSale,
): Promise<MoviePage> {
  const now = d.clock.now();
  const movie = await read.movie(d, movieId);
  if (!movie) throw new AppError('not_found', 'We could not find that movie.');
  const cities = await read.cities(d);
  const dates = listingDates(city?.timeZone ?? cities[0]?.timeZone ?? 'UTC', now);
  const fields = invalidFilters(filters, dates, movie);
  if (Object.keys(fields).length > 0)
    throw new AppError('bad_request', 'Some showtime filters are not valid.', fields);
  const checked = filters as CheckedFilters;

  const [theaters, shows] = await Promise.all([allTheaters(d, cities), read.showsForMovie(d, movieId, now)]);
  const theaterById = new Map(theaters.map((t) => [t.id, t]));
  const open = upcoming(shows, now);
  const inCity = city ? open.filter((show) => show.cityId === city.id) : open;
  const zoneOf = (show: Showtime) => theaterById.get(show.theaterId)?.timeZone ?? 'UTC';
  const matching = inCity.filter(
    (show) =>
      theaterById.has(show.theaterId) &&
      (!checked.format || show.format === checked.format) &&
      (!checked.language || show.language === checked.language) &&
      (!checked.time || timeOfDay(show.startsAt, zoneOf(show)) === checked.time),
  );
  const dayOf = (show: Showtime) => localDate(new Date(show.startsAt), zoneOf(show));
  const days = dates.map((date) => ({ date, shows: matching.filter((show) => dayOf(show) === date).length }));
  const date = checked.date ?? days.find((day) => day.shows > 0)?.date ?? dates[0] ?? '';
  const onDay = matching.filter((show) => dayOf(show) === date);
  const fill = await fillStates(d, onDay, count);

  const byTheater = new Map<string, ListedShow[]>();
  for (const show of onDay) {
    byTheater.set(show.theaterId, [
      ...(byTheater.get(show.theaterId) ?? []),
      { show, fill: fill.get(show.id) ?? 'open' },
    ]);
  }
  const sorted = <T extends string>(values: T[]) => [...new Set(values)].sort((a, b) => a.localeCompare(b));
  return {
    movie,
    cities,
    otherCityShows: open.length - inCity.length,
    days,
    date,
    filters: checked,
    formats: sorted(inCity.map((show) => show.format)),
    languages: movie.languages,
    theaters: [...byTheater.entries()]
      .map(([id, list]) => ({ theater: theaterById.get(id) as Theater, shows: list }))
      .sort((a, b) => a.theater.name.localeCompare(b.theater.name)),
  };
}
