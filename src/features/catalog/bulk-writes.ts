import type { City, Movie, Screen, Showtime, Theater } from './model';
import * as repo from './repo';
import type { CatalogDeps } from './service';

/*
 * Whole-catalogue writes outside the back office: the demo catalogue and test fixtures, by idempotent puts
 * of fixed keys, and the marker that says the demo was loaded.
 */

/**
 * Writes whole catalogue entries with idempotent puts of fixed keys, in batches: how the demo catalogue
 * gets in (src/demo/seed.ts). Caches of other processes catch up when their entries expire.
 */
export async function putCatalog(
  d: Pick<CatalogDeps, 'db'>,
  entries: {
    cities?: City[];
    theaters?: Theater[];
    screens?: Screen[];
    movies?: Movie[];
    showtimes?: Showtime[];
  },
): Promise<void> {
  await repo.putCatalogItems(d.db, [
    ...(entries.cities ?? []).map(repo.cityItem),
    ...(entries.theaters ?? []).map(repo.theaterItem),
    ...(entries.screens ?? []).map(repo.screenItem),
    ...(entries.movies ?? []).map(repo.movieItem),
    ...(entries.showtimes ?? []).map(repo.showtimeItem),
  ]);
}

/** When the demo catalogue was first loaded into this table, or undefined if it never was. */
export async function demoCatalogLoadedAt(d: Pick<CatalogDeps, 'db'>): Promise<string | undefined> {
  return (await repo.getDemoMarker(d.db))?.loadedAt;
}

/** Records that the demo catalogue is in this table. */
export function markDemoCatalogLoaded(d: Pick<CatalogDeps, 'db'>, at: string): Promise<void> {
  return repo.putDemoMarker(d.db, at);
}
