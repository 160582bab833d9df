import type { Db } from '../../platform/db/client';
import { keys } from '../../platform/db/keys';

/*
 * What a hold and a sale take for granted about their showtime, checked inside their own transaction: a
 * manager who stops sales, cancels or moves the showtime, or a new seat layout, cannot slip in between the
 * service's read of the showtime and the write of the seats (docs/decisions/019).
 */

/** The layout version a showtime without one has. */
export const FIRST_LAYOUT_VERSION = 1;

/**
 * A ConditionCheck on the showtime item: it exists, is not cancelled, its online sales are not stopped,
 * and its layout version is `layoutVersion` (absent counts as 1); with `startsAt`, it still starts then.
 */
export function showtimeOnSale(
  db: Db,
  showId: string,
  expected: { layoutVersion: number; startsAt?: string | undefined },
) {
  const version =
    expected.layoutVersion === FIRST_LAYOUT_VERSION
      ? '(attribute_not_exists(layoutVersion) OR layoutVersion = :version)'
      : 'layoutVersion = :version';
  const conditions = [
    'attribute_exists(pk)',
    'attribute_not_exists(cancelledAt)',
    '(attribute_not_exists(salesStopped) OR salesStopped <> :stopped)',
    version,
    ...(expected.startsAt === undefined ? [] : ['startsAt = :startsAt']),
  ];
  return {
    ConditionCheck: {
      TableName: db.table,
      Key: { pk: keys.show(showId), sk: keys.showMeta() },
      ConditionExpression: conditions.join(' AND '),
      ExpressionAttributeValues: {
        ':stopped': true,
        ':version': expected.layoutVersion,
        ...(expected.startsAt === undefined ? {} : { ':startsAt': expected.startsAt }),
      },
    },
  };
}
