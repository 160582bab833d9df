import type { Deps } from '../../deps';
import { AppError } from '../../platform/errors';
import { addDays, localDate } from '../../platform/time';
import type { City, Movie, Screen, Showtime, Theater } from './model';
import * as repo from './repo';
import { screenForShowtime } from './screen-versions';

export type CatalogDeps = Pick<Deps, 'db' | 'clock' | 'cache'>;

/** How far ahead the catalogue lists showtimes, in days (today included). */
export const LISTING_DAYS = 7;

/*
 * Catalogue reads go through a short-lived cache: the catalogue changes rarely and every page reads it.
 * Showtime windows are cached per hour and filtered against the clock on every request, so a cached
 * answer never lists a showtime that has started.
 */
function windowStart(now: Date): string {
  return `${now.toISOString().slice(0, 13)}:00:00.000Z`;
}
function windowEnd(now: Date): string {
  return new Date(now.getTime() + (LISTING_DAYS + 1) * 86_400_000).toISOString();
}

const read = {
  cities: (d: CatalogDeps) => d.cache.get('cities', () => repo.listCities(d.db)),
  movies: (d: CatalogDeps) => d.cache.get('movies', () => repo.listMovies(d.db)),
  theatersIn: (d: CatalogDeps, cityId: string) =>
    d.cache.get(`theaters:${cityId}`, () => repo.listTheatersInCity(d.db, cityId)),
  theater: (d: CatalogDeps, theaterId: string) =>
    d.cache.get(`theater:${theaterId}`, () => repo.getTheaterWithScreens(d.db, theaterId)),
  movie: (d: CatalogDeps, movieId: string) =>
    d.cache.get(`movie:${movieId}`, () => repo.getMovie(d.db, movieId)),
  showsForMovie: (d: CatalogDeps, movieId: string, now: Date) => {
    const from = windowStart(now);
    return d.cache.get(`movie-shows:${movieId}:${from}`, () =>
      repo.listShowtimesForMovie(d.db, movieId, from, windowEnd(now)),
    );
  },
  showsForTheater: (d: CatalogDeps, theaterId: string, now: Date) => {
    const from = windowStart(now);
    return d.cache.get(`theater-shows:${theaterId}:${from}`, () =>
      repo.listShowtimesForTheater(d.db, theaterId, from, windowEnd(now)),
    );
  },
};

/** Showtimes that have not started yet and are not cancelled, soonest first. */
function upcoming(shows: Showtime[], now: Date): Showtime[] {
  const at = now.toISOString();
  return shows
    .filter((show) => show.startsAt > at && !show.cancelledAt)
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}

async function allTheaters(d: CatalogDeps, cities: City[]): Promise<Theater[]> {
  return (await Promise.all(cities.map((city) => read.theatersIn(d, city.id)))).flat();
}

async function upcomingInTheaters(d: CatalogDeps, theaters: Theater[], now: Date): Promise<Showtime[]> {
  const lists = await Promise.all(theaters.map((theater) => read.showsForTheater(d, theater.id, now)));
  return upcoming(lists.flat(), now);
}

export async function listCities(d: CatalogDeps): Promise<City[]> {
  return read.cities(d);
}

/** Every city with its theaters, the theaters read fresh: the door's list of where to check tickets in. */
export async function citiesWithTheaters(d: CatalogDeps): Promise<{ city: City; theaters: Theater[] }[]> {
  const cities = await read.cities(d);
  return Promise.all(
    cities.map(async (city) => ({ city, theaters: await repo.listTheatersInCity(d.db, city.id) })),
  );
}

/** Every city that has theaters, with them, by name: the public list of cinemas. */
export async function cinemaList(d: CatalogDeps): Promise<{ city: City; theaters: Theater[] }[]> {
  const cities = await read.cities(d);
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  const listed = await Promise.all(
    cities.map(async (city) => ({ city, theaters: [...(await read.theatersIn(d, city.id))].sort(byName) })),
  );
  return listed.filter((entry) => entry.theaters.length > 0).sort((a, b) => byName(a.city, b.city));
}

/** The city for an id from a cookie or a link; undefined when it is unknown. */
export async function findCity(d: CatalogDeps, cityId: string | undefined): Promise<City | undefined> {
  if (!cityId) return undefined;
  return (await read.cities(d)).find((city) => city.id === cityId);
}

export type MovieSummary = { movie: Movie; nextShow: Showtime; showCount: number };

/** The movies with upcoming showtimes in a city, newest releases first. */
export async function nowShowing(d: CatalogDeps, city: City): Promise<MovieSummary[]> {
  const now = d.clock.now();
  const [movies, theaters] = await Promise.all([read.movies(d), read.theatersIn(d, city.id)]);
  const shows = await upcomingInTheaters(d, theaters, now);
  const byMovie = new Map<string, Showtime[]>();
  for (const show of shows) byMovie.set(show.movieId, [...(byMovie.get(show.movieId) ?? []), show]);
  return movies
    .flatMap((movie) => {
      const list = byMovie.get(movie.id);
      return list?.[0] ? [{ movie, nextShow: list[0], showCount: list.length }] : [];
    })
    .sort(
      (a, b) =>
        b.movie.releaseDate.localeCompare(a.movie.releaseDate) || a.movie.title.localeCompare(b.movie.title),
    );
}

export type SearchQuery = { city?: string; date?: string; language?: string; genre?: string; q?: string };

export type SearchFacets = {
  cities: City[];
  dates: string[];
  languages: string[];
  genres: string[];
};

export type SearchResult = { movie: Movie; shows: Showtime[] };

/** The dates a visitor can pick: today and the following days, in the zone of the city (or the first city). */
export function listingDates(timeZone: string, now: Date): string[] {
  const today = localDate(now, timeZone);
  return Array.from({ length: LISTING_DAYS }, (_, day) => addDays(today, day));
}

const sorted = (values: Iterable<string>) => [...new Set(values)].sort((a, b) => a.localeCompare(b));

/** The choices the search form offers, from the catalogue itself. */
export async function searchFacets(d: CatalogDeps, city: City | undefined): Promise<SearchFacets> {
  const [cities, movies] = await Promise.all([read.cities(d), read.movies(d)]);
  const zone = city?.timeZone ?? cities[0]?.timeZone ?? 'UTC';
  return {
    cities,
    dates: listingDates(zone, d.clock.now()),
    languages: sorted(movies.flatMap((m) => m.languages)),
    genres: sorted(movies.flatMap((m) => m.genres)),
  };
}

function matchesText(movie: Movie, text: string): boolean {
  const haystack = [movie.title, movie.synopsis, ...movie.genres, ...movie.languages]
    .join(' ')
    .toLocaleLowerCase();
  return text
    .toLocaleLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

/**
 * Movies with upcoming showtimes matching every given filter. A filter value the catalogue does not
 * offer is a bad request, reported against its field.
 */
export async function search(
  d: CatalogDeps,
  query: SearchQuery,
): Promise<{ city: City | undefined; facets: SearchFacets; results: SearchResult[]; theaters: Theater[] }> {
  const cities = await read.cities(d);
  const city = query.city ? cities.find((c) => c.id === query.city) : undefined;
  const facets = await searchFacets(d, city);
  const fields: Record<string, string> = {};
  if (query.city && !city) fields.city = 'Choose a city from the list.';
  if (query.date && !facets.dates.includes(query.date)) fields.date = 'Choose one of the next 7 days.';
  if (query.language && !facets.languages.includes(query.language))
    fields.language = 'Choose a language from the list.';
  if (query.genre && !facets.genres.includes(query.genre)) fields.genre = 'Choose a genre from the list.';
  if (Object.keys(fields).length > 0)
    throw new AppError('bad_request', 'Some search filters are not valid.', fields);

  const now = d.clock.now();
  const [movies, theaters] = await Promise.all([
    read.movies(d),
    city ? read.theatersIn(d, city.id) : allTheaters(d, cities),
  ]);
  const zoneOf = new Map(theaters.map((t) => [t.id, t.timeZone]));
  const shows = (await upcomingInTheaters(d, theaters, now)).filter(
    (show) =>
      (!query.language || show.language === query.language) &&
      (!query.date || localDate(new Date(show.startsAt), zoneOf.get(show.theaterId) ?? 'UTC') === query.date),
  );
  const results = movies
    .filter(
      (movie) =>
        (!query.genre || movie.genres.includes(query.genre)) && (!query.q || matchesText(movie, query.q)),
    )
    .map((movie) => ({ movie, shows: shows.filter((show) => show.movieId === movie.id) }))
    .filter((result) => result.shows.length > 0)
    .sort((a, b) => a.movie.title.localeCompare(b.movie.title));
  return { city, facets, results, theaters };
}

/** Showtimes grouped the way a moviegoer scans them: by local date, then by theater. */
export type DayListing = { date: string; theaters: { theater: Theater; shows: Showtime[] }[] };

function groupByDayAndTheater(shows: Showtime[], theaters: Map<string, Theater>): DayListing[] {
  const days = new Map<string, Map<string, Showtime[]>>();
  for (const show of shows) {
    const theater = theaters.get(show.theaterId);
    if (!theater) continue;
    const date = localDate(new Date(show.startsAt), theater.timeZone);
    const day = days.get(date) ?? new Map<string, Showtime[]>();
    day.set(theater.id, [...(day.get(theater.id) ?? []), show]);
    days.set(date, day);
  }
  return [...days.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, byTheater]) => ({
      date,
      theaters: [...byTheater.entries()]
        .map(([id, list]) => ({ theater: theaters.get(id) as Theater, shows: list }))
        .sort((a, b) => a.theater.name.localeCompare(b.theater.name)),
    }));
}

/** A movie with its upcoming showtimes, in one city or everywhere. */
export async function moviePage(
  d: CatalogDeps,
  movieId: string,
  city: City | undefined,
): Promise<{ movie: Movie; days: DayListing[]; cities: City[]; otherCityShows: number }> {
  const now = d.clock.now();
  const movie = await read.movie(d, movieId);
  if (!movie) throw new AppError('not_found', 'We could not find that movie.');
  const cities = await read.cities(d);
  const [theaters, shows] = await Promise.all([allTheaters(d, cities), read.showsForMovie(d, movieId, now)]);
  const open = upcoming(shows, now);
  const inCity = city ? open.filter((show) => show.cityId === city.id) : open;
  return {
    movie,
    days: groupByDayAndTheater(inCity, new Map(theaters.map((t) => [t.id, t]))),
    cities,
    otherCityShows: open.length - inCity.length,
  };
}

export type TheaterDay = { date: string; movies: { movie: Movie; shows: Showtime[] }[] };

/** A theater, its screens and its upcoming showtimes grouped by local date, then movie. */
export async function theaterPage(
  d: CatalogDeps,
  theaterId: string,
): Promise<{ theater: Theater; screens: Screen[]; city: City | undefined; days: TheaterDay[] }> {
  const now = d.clock.now();
  const found = await read.theater(d, theaterId);
  if (!found) throw new AppError('not_found', 'We could not find that theater.');
  const [movies, shows, cities] = await Promise.all([
    read.movies(d),
    read.showsForTheater(d, theaterId, now),
    read.cities(d),
  ]);
  const movieById = new Map(movies.map((m) => [m.id, m]));
  const days = new Map<string, Map<string, Showtime[]>>();
  for (const show of upcoming(shows, now)) {
    const date = localDate(new Date(show.startsAt), found.theater.timeZone);
    const day = days.get(date) ?? new Map<string, Showtime[]>();
    day.set(show.movieId, [...(day.get(show.movieId) ?? []), show]);
    days.set(date, day);
  }
  return {
    theater: found.theater,
    screens: found.screens,
    city: cities.find((c) => c.id === found.theater.cityId),
    days: [...days.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([date, byMovie]) => ({
        date,
        movies: [...byMovie.entries()]
          .flatMap(([id, list]) => {
            const movie = movieById.get(id);
            return movie ? [{ movie, shows: list }] : [];
          })
          .sort((a, b) => a.movie.title.localeCompare(b.movie.title)),
      })),
  };
}

export type ShowtimeDetails = {
  show: Showtime;
  movie: Movie;
  theater: Theater;
  screen: Screen;
  city: City | undefined;
  started: boolean;
};

/**
 * One showtime with its movie, theater, screen and city: what its pages show, and what holds, checkouts
 * and the door decide by. Showtimes are read fresh: they carry prices and the layout version they sell
 * from, and `screen` has that version's layout.
 */
export async function showtimeDetails(d: CatalogDeps, showId: string): Promise<ShowtimeDetails> {
  const show = await repo.getShowtime(d.db, showId);
  if (!show) throw new AppError('not_found', 'We could not find that showtime.');
  const [movie, found, cities] = await Promise.all([
    read.movie(d, show.movieId),
    read.theater(d, show.theaterId),
    read.cities(d),
  ]);
  const current = found?.screens.find((s) => s.id === show.screenId);
  const screen = current && (await screenForShowtime(d.db, current, show));
  if (!movie || !found || !screen) throw new AppError('not_found', 'We could not find that showtime.');
  return {
    show,
    movie,
    theater: found.theater,
    screen,
    city: cities.find((c) => c.id === show.cityId),
    started: show.startsAt <= d.clock.now().toISOString(),
  };
}

/** The movie for a poster; not_found when it does not exist. */
export async function movieForPoster(d: CatalogDeps, movieId: string): Promise<Movie> {
  const movie = await read.movie(d, movieId);
  if (!movie) throw new AppError('not_found', 'We could not find that movie.');
  return movie;
}

/**
 * A theater's showtimes that started at most `sinceMs` ago or start before the end of its local day:
 * what the door lets in now (late comers included). Read fresh: the door needs today, not a cache hour.
 */
export async function theaterShowsToday(
  d: CatalogDeps,
  theaterId: string,
  sinceMs: number,
): Promise<{ theater: Theater; screens: Screen[]; movies: Map<string, Movie>; shows: Showtime[] }> {
  const now = d.clock.now();
  const found = await read.theater(d, theaterId);
  if (!found) throw new AppError('not_found', 'We could not find that theater.');
  const from = new Date(now.getTime() - sinceMs).toISOString();
  const today = localDate(now, found.theater.timeZone);
  const [movies, shows] = await Promise.all([
    read.movies(d),
    repo.listShowtimesForTheater(d.db, theaterId, from, new Date(now.getTime() + 86_400_000).toISOString()),
  ]);
  return {
    theater: found.theater,
    screens: found.screens,
    movies: new Map(movies.map((movie) => [movie.id, movie])),
    shows: shows
      .filter(
        (show) => !show.cancelledAt && localDate(new Date(show.startsAt), found.theater.timeZone) === today,
      )
      .sort((a, b) => a.startsAt.localeCompare(b.startsAt)),
  };
}

/** How far a chain (or some of its theaters) is from selling tickets: what the back office's first steps check. */
export type SetupProgress = { theaters: number; screens: number; films: number; upcomingShowtimes: number };

/** Counts the theaters, their screens and upcoming showtimes (of `theaterIds`, or all), and the films. */
export async function setupProgress(
  d: CatalogDeps,
  theaterIds: string[] | undefined,
): Promise<SetupProgress> {
  const now = d.clock.now();
  const [cities, movies] = await Promise.all([read.cities(d), read.movies(d)]);
  const theaters = (await allTheaters(d, cities)).filter(
    (theater) => theaterIds === undefined || theaterIds.includes(theater.id),
  );
  const [withScreens, shows] = await Promise.all([
    Promise.all(theaters.map((theater) => read.theater(d, theater.id))),
    upcomingInTheaters(d, theaters, now),
  ]);
  return {
    theaters: theaters.length,
    screens: withScreens.reduce((sum, found) => sum + (found?.screens.length ?? 0), 0),
    films: movies.length,
    upcomingShowtimes: shows.length,
  };
}
