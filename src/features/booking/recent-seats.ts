import type { Db } from '../../platform/db/client';
import { keys } from '../../platform/db/keys';
import { onWritten } from '../../platform/db/write-watch';
import { TtlCache } from '../../platform/ttl-cache';

const SHOW = keys.show('');

/** The last part of an entry's time in which a read of it starts the next read in the background. */
const REFRESH_AHEAD_SHARE = 0.2;

/**
 * The cache behind `deps.seatStates`: each showtime's seat states, one read shared by every seat map,
 * poll and refused hold of this process for `ttlMs` (SEAT_MAP_CACHE_SECONDS). Any write this process
 * makes in a showtime's partition forgets that showtime's entry, so its own holds, sales and blocks show
 * on its next page at once; other processes' show within the bound. Nothing sells from it: holds and
 * sales are conditional writes that read nothing from a cache. With `refreshAhead` (Node), a showtime in
 * demand is read again in the last fifth of its entry's time, so its visitors never wait for that read;
 * a Worker may cancel what a request leaves running once it has answered, so it reads when asked.
 */
export function recentSeatStates(
  db: Db,
  ttlMs: number,
  now: () => number = Date.now,
  options: { refreshAhead: boolean } = { refreshAhead: true },
): TtlCache {
  const refreshAheadMs = options.refreshAhead ? ttlMs * REFRESH_AHEAD_SHARE : 0;
  const cache = new TtlCache(ttlMs, now, { refreshAheadMs });
  onWritten(db, (pk) => {
    if (pk.startsWith(SHOW)) cache.delete(pk.slice(SHOW.length));
  });
  return cache;
}
