import { authorizeTheater, theatersOf } from '../../auth/authorize';
import type { SessionUser } from '../../auth/model';
import type { Deps } from '../../deps';
import { AppError } from '../../platform/errors';
import type { City, Movie, PriceCard, Screen, SeatCategory, Showtime, Theater } from './model';
import * as repo from './repo';

/*
 * What the back office reads of the catalogue: always fresh, never through the catalogue cache, since a
 * manager acts on what was just changed (a card saved a moment ago, a showtime another manager added).
 */

type ReadDeps = Pick<Deps, 'db'>;

/** The theaters an actor may manage, with their cities, in the chain's order: every one for an admin. */
export async function managedTheaters(
  d: ReadDeps,
  actor: SessionUser,
): Promise<{ theater: Theater; city: City }[]> {
  const cities = await repo.listCities(d.db);
  const mine = theatersOf(actor);
  const perCity = await Promise.all(
    cities.map(async (city) =>
      (await repo.listTheatersInCity(d.db, city.id))
        .filter((theater) => mine === undefined || mine.includes(theater.id))
        .map((theater) => ({ theater, city })),
    ),
  );
  return perCity.flat();
}

/** A theater as its managers set it up: its screens, the seat categories they have, its city and cards. */
export type TheaterSetup = {
  theater: Theater;
  city: City;
  screens: Screen[];
  /** Every seat category of the theater's screens, each once, in the order the screens list them. */
  categories: SeatCategory[];
  priceCards: PriceCard[];
};

/** A theater's setup, for a manager of it or an admin; not_found when there is no such theater. */
export async function theaterSetup(
  d: ReadDeps,
  actor: SessionUser,
  theaterId: string,
): Promise<TheaterSetup> {
  authorizeTheater(actor, theaterId, 'manager', 'admin');
  const [found, cities, priceCards] = await Promise.all([
    repo.getTheaterWithScreens(d.db, theaterId),
    repo.listCities(d.db),
    repo.listPriceCards(d.db, theaterId),
  ]);
  const city = cities.find((c) => c.id === found?.theater.cityId);
  if (!found || !city) throw new AppError('not_found', 'We could not find that theater.');
  const categories = new Map<string, SeatCategory>();
  for (const screen of found.screens)
    for (const category of screen.categories)
      if (!categories.has(category.id)) categories.set(category.id, category);
  return {
    theater: found.theater,
    city,
    screens: [...found.screens].sort((a, b) => a.name.localeCompare(b.name)),
    categories: [...categories.values()],
    priceCards: [...priceCards].sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/** A theater's showtimes starting in [from, to), cancelled ones included, soonest first. */
export async function theaterShowtimesBetween(
  d: ReadDeps,
  theaterId: string,
  from: string,
  to: string,
): Promise<Showtime[]> {
  const shows = await repo.listShowtimesForTheater(d.db, theaterId, from, to);
  return shows.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}

/** One showtime as stored this instant (strongly consistent), or undefined. */
export function showtimeNow(d: ReadDeps, showId: string): Promise<Showtime | undefined> {
  return repo.getShowtime(d.db, showId, true);
}

/** Every film, by title. */
export async function allMovies(d: ReadDeps): Promise<Movie[]> {
  return (await repo.listMovies(d.db)).sort((a, b) => a.title.localeCompare(b.title));
}
