import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Deps } from '../../deps';
import type { Db } from '../../platform/db/client';
import { keys } from '../../platform/db/keys';

/*
 * How full a showtime is, for the listings' "filling fast" and "sold out": read by counting its seat items,
 * never kept in a counter. A counter on the showtime (or any item) written by every hold and sale would be
 * one hot item that makes concurrent sales of the same showtime conflict in a rush.
 */

/**
 * Query pk = SHOW#id, begins_with(sk, SEAT#), filter state sold or blocked, Select COUNT, eventually
 * consistent: how many seats of a showtime are no longer for sale. Holds are left out: they return to
 * sale within minutes.
 */
export async function countSeatsNotForSale(db: Db, showId: string): Promise<number> {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: db.table,
        KeyConditionExpression: 'pk = :pk and begins_with(sk, :seat)',
        FilterExpression: '#state IN (:sold, :blocked)',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':pk': keys.show(showId),
          ':seat': keys.seat(''),
          ':sold': 'sold',
          ':blocked': 'blocked',
        },
        Select: 'COUNT',
        ExclusiveStartKey: start,
      }),
    );
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return count;
}

/**
 * How many seats of each showtime are sold or blocked, for the listings. Each count goes through the
 * catalogue's short cache (CATALOG_CACHE_SECONDS) and the listing through the page cache, so a listing
 * may be up to about a minute behind the sales, and costs one small query per showtime shown per cache
 * period, not one per visitor.
 */
export async function seatsNotForSale(
  deps: Pick<Deps, 'db' | 'cache'>,
  showIds: readonly string[],
): Promise<Map<string, number>> {
  const counts = await Promise.all(
    showIds.map((showId) =>
      deps.cache.get(`seats-not-for-sale:${showId}`, () => countSeatsNotForSale(deps.db, showId)),
    ),
  );
  return new Map(showIds.map((showId, i) => [showId, counts[i] ?? 0]));
}
