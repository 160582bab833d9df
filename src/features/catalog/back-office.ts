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
