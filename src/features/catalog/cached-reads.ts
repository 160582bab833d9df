import type { Deps } from '../../deps';
import { addDays, localDate } from '../../platform/time';
import type { City, Showtime, Theater } from './model';
import * as repo from './repo';

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

const showtimeKey = (showId: string) => `show:${showId}`;

/** Forgets this process's copy of a showtime, so that its next read is fresh. */
export function forgetShowtime(d: CatalogDeps, showId: string): void {
  d.cache.delete(showtimeKey(showId));
}

export const read = {
  cities: (d: CatalogDeps) => d.cache.get('cities', () => repo.listCities(d.db)),
  movies: (d: CatalogDeps) => d.cache.get('movies', () => repo.listMovies(d.db)),
  theatersIn: (d: CatalogDeps, cityId: string) =>
    d.cache.get(`theaters:${cityId}`, () => repo.listTheatersInCity(d.db, cityId)),
  theater: (d: CatalogDeps, theaterId: string) =>
    d.cache.get(`theater:${theaterId}`, () => repo.getTheaterWithScreens(d.db, theaterId)),
  /**
   * A showtime, read by every seat page, hold, checkout and sale: a change in another process shows within
   * the cache time. Holds and sales check the showtime again inside their own transaction (on sale, its
   * layout, its start), so a stale copy can cost a refused hold, never a sale the showtime no longer allows.
   */
  showtime: (d: CatalogDeps, showId: string) =>
    d.cache.get(`show:${showId}`, () => repo.getShowtime(d.db, showId)),
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
export function upcoming(shows: Showtime[], now: Date): Showtime[] {
  const at = now.toISOString();
  return shows
    .filter((show) => show.startsAt > at && !show.cancelledAt)
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}

export async function allTheaters(d: CatalogDeps, cities: City[]): Promise<Theater[]> {
  return (await Promise.all(cities.map((city) => read.theatersIn(d, city.id)))).flat();
}

export async function upcomingInTheaters(
  d: CatalogDeps,
  theaters: Theater[],
  now: Date,
): Promise<Showtime[]> {
  const lists = await Promise.all(theaters.map((theater) => read.showsForTheater(d, theater.id, now)));
  return upcoming(lists.flat(), now);
}

/** The dates a visitor can pick: today and the following days, in the zone of the city (or the first city). */
export function listingDates(timeZone: string, now: Date): string[] {
  const today = localDate(now, timeZone);
  return Array.from({ length: LISTING_DAYS }, (_, day) => addDays(today, day));
}
