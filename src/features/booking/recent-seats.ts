import type { Db } from '../../platform/db/client';
import { keys } from '../../platform/db/keys';
import { onWritten } from '../../platform/db/write-watch';
import { TtlCache } from '../../platform/ttl-cache';

const SHOW = keys.show('');

/**
 * The cache behind `deps.seatStates`: each showtime's seat states, one read shared by every seat map,
 * poll and refused hold of this process for `ttlMs` (SEAT_MAP_CACHE_SECONDS). Any write this process
 * makes in a showtime's partition forgets that showtime's entry, so its own holds, sales and blocks show
 * on its next page at once; other processes' show within the bound. Nothing sells from it: holds and
 * sales are conditional writes that read nothing from a cache.
 */
export function recentSeatStates(db: Db, ttlMs: number, now: () => number = Date.now): TtlCache {
  const cache = new TtlCache(ttlMs, now);
  onWritten(db, (pk) => {
    if (pk.startsWith(SHOW)) cache.delete(pk.slice(SHOW.length));
  });
  return cache;
}
