import { AppError } from '../../platform/errors';
import { localDate } from '../../platform/time';
import {
  allTheaters,
  type CatalogDeps,
  listingDates,
  read,
  upcoming,
  upcomingInTheaters,
} from './cached-reads';
import type { City, Movie, Screen, Showtime, Theater } from './model';
import { type CountSeatsNotForSale, fillStates, type ListedShow } from './movie-page';
import * as repo from './repo';
import { screenForShowtime } from './screen-versions';
import { closestTitles } from './showings';

export { type CatalogDeps, forgetShowtime, LISTING_DAYS, listingDates } from './cached-reads';

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

/** The search's address with empty filters dropped, so the URL a visitor shares holds only what they chose. */
export function searchPath(query: SearchQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `/search?${text}` : '/search';
}

export type SearchFacets = {
  cities: City[];
  dates: string[];
  languages: string[];
  genres: string[];
};

export type SearchResult = { movie: Movie; shows: Showtime[] };

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

/** The movies of `movies` with upcoming showtimes in `theaters` that match every filter of the query. */
async function matchingMovies(
  d: CatalogDeps,
  query: SearchQuery,
  movies: Movie[],
  theaters: Theater[],
): Promise<SearchResult[]> {
  const zoneOf = new Map(theaters.map((t) => [t.id, t.timeZone]));
  const shows = (await upcomingInTheaters(d, theaters, d.clock.now())).filter(
    (show) =>
      (!query.language || show.language === query.language) &&
      (!query.date || localDate(new Date(show.startsAt), zoneOf.get(show.theaterId) ?? 'UTC') === query.date),
  );
  return movies
    .filter(
      (movie) =>
        (!query.genre || movie.genres.includes(query.genre)) && (!query.q || matchesText(movie, query.q)),
    )
    .map((movie) => ({ movie, shows: shows.filter((show) => show.movieId === movie.id) }))
    .filter((result) => result.shows.length > 0)
    .sort((a, b) => a.movie.title.localeCompare(b.movie.title));
}

/** What a search that found nothing offers instead: titles near the words typed, and other cities' results. */
export type SearchAlternatives = { titles: Movie[]; cities: { city: City; movies: number }[] };

async function alternatives(
  d: CatalogDeps,
  query: SearchQuery,
  city: City | undefined,
  cities: City[],
  movies: Movie[],
): Promise<SearchAlternatives> {
  const elsewhere = city
    ? await Promise.all(
        cities
          .filter((other) => other.id !== city.id)
          .map(async (other) => ({
            city: other,
            movies: (await matchingMovies(d, query, movies, await read.theatersIn(d, other.id))).length,
          })),
      )
    : [];
  return {
    titles: query.q ? closestTitles(query.q, movies) : [],
    cities: elsewhere.filter((entry) => entry.movies > 0).sort((a, b) => b.movies - a.movies),
  };
}

/**
 * Movies with upcoming showtimes matching every given filter; when none do, the alternatives. A filter
 * value the catalogue does not offer is a bad request, reported against its field.
 */
export async function search(
  d: CatalogDeps,
  query: SearchQuery,
): Promise<{
  city: City | undefined;
  facets: SearchFacets;
  results: SearchResult[];
  theaters: Theater[];
  alternatives: SearchAlternatives;
}> {
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

  const [movies, theaters] = await Promise.all([
    read.movies(d),
    city ? read.theatersIn(d, city.id) : allTheaters(d, cities),
  ]);
  const results = await matchingMovies(d, query, movies, theaters);
  const others =
    results.length > 0 ? { titles: [], cities: [] } : await alternatives(d, query, city, cities, movies);
  return { city, facets, results, theaters, alternatives: others };
}

export type TheaterDay = { date: string; movies: { movie: Movie; shows: ListedShow[] }[] };

/** A theater, its screens and its upcoming showtimes grouped by local date, then movie, with how full each is. */
export async function theaterPage(
  d: CatalogDeps,
  theaterId: string,
  count?: CountSeatsNotForSale,
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
  const listed = upcoming(shows, now);
  const fill = await fillStates(d, listed, count);
  const days = new Map<string, Map<string, ListedShow[]>>();
  for (const show of listed) {
    const date = localDate(new Date(show.startsAt), found.theater.timeZone);
    const day = days.get(date) ?? new Map<string, ListedShow[]>();
    const entry = { show, fill: fill.get(show.id) ?? 'open' } as const;
    day.set(show.movieId, [...(day.get(show.movieId) ?? []), entry]);
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
  const show = await read.showtime(d, showId);
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
