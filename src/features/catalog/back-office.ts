import { authorize } from '../../auth/authorize';
import type { SessionUser } from '../../auth/model';
import type { Deps } from '../../deps';
import { AppError } from '../../platform/errors';
import { auditPut } from '../audit/repo';
import { auditEntry } from '../audit/service';
import type { City, Theater } from './model';
import * as repo from './repo';

/*
 * The catalogue as the back office writes it: each write conditional, with its audit entry in the same
 * transaction, and this process's catalogue cache cleared so its own pages show the change at once
 * (other processes within CATALOG_CACHE_SECONDS).
 */

type BackOfficeDeps = Pick<Deps, 'db' | 'clock' | 'cache'>;

export type NewTheater = { id: string; cityId: string; name: string; address: string; timeZone: string };

/** Adds a theater to a city: admins only. Refuses an unknown city and an id already in use. */
export async function addTheater(
  deps: BackOfficeDeps,
  actor: SessionUser,
  input: NewTheater,
): Promise<Theater> {
  authorize(actor, 'admin');
  const city = await repo.getCity(deps.db, input.cityId);
  if (!city) {
    const message = 'Choose a city from the list.';
    throw new AppError('bad_request', message, { cityId: message });
  }
  const theater: Theater = { ...input };
  const entry = auditEntry(deps, actor, {
    action: 'created theater',
    target: { kind: 'theater', id: theater.id, label: theater.name },
    theaterId: theater.id,
    after: { ...theater },
  });
  try {
    await repo.createCatalogItem(deps.db, repo.theaterItem(theater), auditPut(deps.db, entry));
  } catch (error) {
    if (!(error instanceof repo.AlreadyExistsError)) throw error;
    const message = `A theater with the short name "${theater.id}" exists already. Choose another.`;
    throw new AppError('conflict', message, { id: message });
  }
  deps.cache.clear();
  return theater;
}

/** Adds a city, with its currency, locale and booking fees: admins only. Refuses an id already in use. */
export async function addCity(deps: BackOfficeDeps, actor: SessionUser, city: City): Promise<City> {
  authorize(actor, 'admin');
  const entry = auditEntry(deps, actor, {
    action: 'created city',
    target: { kind: 'city', id: city.id, label: city.name },
    after: { ...city },
  });
  try {
    await repo.createCatalogItem(deps.db, repo.cityItem(city), auditPut(deps.db, entry));
  } catch (error) {
    if (!(error instanceof repo.AlreadyExistsError)) throw error;
    const message = `A city with the short name "${city.id}" exists already. Choose another.`;
    throw new AppError('conflict', message, { id: message });
  }
  deps.cache.clear();
  return city;
}

export type TheaterChanges = Pick<Theater, 'name' | 'address' | 'timeZone' | 'cleaningGapMinutes'>;

const changedMeanwhile = (what: string) =>
  new AppError(
    'conflict',
    `Someone else changed this ${what} while you were editing it. The form now shows what is saved: make your change again.`,
  );

/**
 * Edits a theater's name, address, zone and cleaning gap: admins only. Its city and id stay: showtimes,
 * bookings and links are keyed by them. A zone change keeps every scheduled showtime at its instant.
 */
export async function editTheater(
  deps: BackOfficeDeps,
  actor: SessionUser,
  theaterId: string,
  changes: TheaterChanges,
): Promise<Theater> {
  authorize(actor, 'admin');
  const before = await repo.getTheater(deps.db, theaterId);
  if (!before) throw new AppError('not_found', 'We could not find that theater.');
  const after: Theater = { ...before, ...changes };
  if (changes.cleaningGapMinutes === undefined) delete after.cleaningGapMinutes;
  const entry = auditEntry(deps, actor, {
    action: 'edited theater',
    target: { kind: 'theater', id: theaterId, label: after.name },
    theaterId,
    before: { ...before },
    after: { ...after },
  });
  try {
    await repo.replaceCatalogItem(deps.db, repo.theaterItem(after), before, auditPut(deps.db, entry));
  } catch (error) {
    if (error instanceof repo.ChangedMeanwhileError) throw changedMeanwhile('theater');
    throw error;
  }
  deps.cache.clear();
  return after;
}

/**
 * Edits a city's name, zone, locale and booking fees: admins only. Its id and currency stay: showtimes are
 * priced in it. New fees apply to checkouts from now on; bookings keep what they were charged.
 */
export async function editCity(deps: BackOfficeDeps, actor: SessionUser, city: City): Promise<City> {
  authorize(actor, 'admin');
  const before = await repo.getCity(deps.db, city.id, true);
  if (!before) throw new AppError('not_found', 'We could not find that city.');
  if (city.currency !== before.currency) {
    const message = `The currency stays ${before.currency}: showtimes are priced in it.`;
    throw new AppError('bad_request', message, { currency: message });
  }
  const entry = auditEntry(deps, actor, {
    action: 'edited city',
    target: { kind: 'city', id: city.id, label: city.name },
    before: { ...before },
    after: { ...city },
  });
  try {
    await repo.replaceCatalogItem(deps.db, repo.cityItem(city), before, auditPut(deps.db, entry));
  } catch (error) {
    if (error instanceof repo.ChangedMeanwhileError) throw changedMeanwhile('city');
    throw error;
  }
  deps.cache.clear();
  return city;
}

/** A theater and its city as an edit form starts from: admins only, read strongly consistent. */
export async function theaterToEdit(
  deps: BackOfficeDeps,
  actor: SessionUser,
  theaterId: string,
): Promise<{ theater: Theater; city: City | undefined }> {
  authorize(actor, 'admin');
  const theater = await repo.getTheater(deps.db, theaterId);
  if (!theater) throw new AppError('not_found', 'We could not find that theater.');
  return { theater, city: await repo.getCity(deps.db, theater.cityId) };
}

/** A city as its edit form starts from: admins only, read strongly consistent. */
export async function cityToEdit(deps: BackOfficeDeps, actor: SessionUser, cityId: string): Promise<City> {
  authorize(actor, 'admin');
  const city = await repo.getCity(deps.db, cityId, true);
  if (!city) throw new AppError('not_found', 'We could not find that city.');
  return city;
}
