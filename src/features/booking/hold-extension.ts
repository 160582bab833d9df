import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../../platform/db/client';
import { keys, TTL_ATTRIBUTE } from '../../platform/db/keys';
import { isConditionFailure } from '../../platform/db/query';
import type { Hold } from './model';
import { epochSeconds, getHold, HOLD_TTL_GRACE_SECONDS } from './repo';

/**
 * Gives a live hold more time, once, while its buyer pays on a provider's page: the hold item, each of
 * its seats (whose expiry is what other buyers' holds check) and its slot move to `until` in one
 * transaction, each on condition this hold still owns it. A hold extended before keeps its time, so a
 * hold can be stretched once and never renewed. Returns the hold as it stands, or undefined when it has
 * ended or been spent.
 */
export async function extendHoldOnce(
  db: Db,
  hold: Hold,
  until: string,
  now: string,
): Promise<Hold | undefined> {
  if (hold.extendedAt || until <= hold.expiresAt) return hold.expiresAt > now ? hold : undefined;
  const pk = keys.show(hold.showId);
  const ttl = epochSeconds(until) + HOLD_TTL_GRACE_SECONDS;
  const names = { '#ttl': TTL_ATTRIBUTE };
  try {
    await db.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: db.table,
              Key: { pk, sk: keys.hold(hold.userId) },
              UpdateExpression: 'SET expiresAt = :until, extendedAt = :now, #ttl = :ttl',
              ConditionExpression: 'holdId = :hold AND expiresAt > :now AND attribute_not_exists(extendedAt)',
              ExpressionAttributeNames: names,
              ExpressionAttributeValues: { ':until': until, ':now': now, ':ttl': ttl, ':hold': hold.holdId },
            },
          },
          ...hold.seats.map((seatId) => ({
            Update: {
              TableName: db.table,
              Key: { pk, sk: keys.seat(seatId) },
              UpdateExpression: 'SET expiresAt = :until, #ttl = :ttl',
              ConditionExpression: 'holdId = :hold AND #state = :held',
              ExpressionAttributeNames: { ...names, '#state': 'state' },
              ExpressionAttributeValues: {
                ':until': until,
                ':ttl': ttl,
                ':hold': hold.holdId,
                ':held': 'held',
              },
            },
          })),
          ...(hold.slot === undefined
            ? []
            : [
                {
                  Update: {
                    TableName: db.table,
                    Key: { pk: keys.holdSlots(hold.userId), sk: keys.holdSlot(hold.slot) },
                    UpdateExpression: 'SET expiresAt = :until, #ttl = :ttl',
                    ConditionExpression: 'showId = :show',
                    ExpressionAttributeNames: names,
                    ExpressionAttributeValues: { ':until': until, ':ttl': ttl, ':show': hold.showId },
                  },
                },
              ]),
        ],
      }),
    );
    return { ...hold, expiresAt: until, extendedAt: now };
  } catch (error) {
    if (!isConditionFailure(error) && (error as Error).name !== 'TransactionCanceledException') throw error;
    // Extended meanwhile (another tab's Pay), or ended: the hold as it now is says which.
    const current = await getHold(db, hold.showId, hold.userId);
    return current && current.holdId === hold.holdId && current.expiresAt > now ? current : undefined;
  }
}
