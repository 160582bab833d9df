import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../../platform/db/client';
import { keys } from '../../platform/db/keys';
import type { auditPut } from '../audit/repo';
import type { Screen, ScreenVersion } from '../catalog/model';
import { screenItem, screenVersionItem } from '../catalog/repo';

/*
 * The writes of a screen edit (docs/data-model.md, patterns 54 and 55). The screen item moves to its new
 * version only from the version the editor read; each upcoming showtime then moves to it in a transaction
 * of its own that also checks, seat by seat, that no seat the edit removes or changes is held or sold.
 */

/** Another edit of the screen was saved after this one read it. */
export class StaleScreenError extends Error {
  override name = 'StaleScreenError';
}

/** The condition that the stored screen is still at `version` (absent counts as 1). */
function atVersion(version: number) {
  return {
    ConditionExpression:
      version === 1
        ? 'attribute_exists(pk) AND (attribute_not_exists(#version) OR #version = :version)'
        : '#version = :version',
    ExpressionAttributeNames: { '#version': 'version' },
    ExpressionAttributeValues: { ':version': version },
  };
}

/**
 * Saves the screen as `next`, on condition that the stored one is still at `previousVersion`, with the
 * audit entry; when the layout changed (`kept` given), the earlier version is written as a ScreenVersion
 * in the same transaction, so no showtime ever points at a version that is nowhere. Throws
 * StaleScreenError when the condition fails.
 */
export async function saveScreen(
  db: Db,
  change: {
    next: Screen;
    previousVersion: number;
    kept?: ScreenVersion | undefined;
    audit: ReturnType<typeof auditPut>;
  },
): Promise<void> {
  const kept = change.kept ? [{ Put: { TableName: db.table, Item: screenVersionItem(change.kept) } }] : [];
  try {
    await db.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: { TableName: db.table, Item: screenItem(change.next), ...atVersion(change.previousVersion) },
          },
          ...kept,
          change.audit,
        ],
      }),
    );
  } catch (error) {
    if (
      error instanceof TransactionCanceledException &&
      error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed'
    ) {
      throw new StaleScreenError(change.next.id);
    }
    throw error;
  }
}

/** Why a showtime did not move: seats held or sold meanwhile, or its version moved by another edit. */
export type MoveRefusal = { seats: string[]; versionChanged: boolean };

/**
 * Moves one showtime to layout version `to`, in one transaction: an Update of the showtime on condition
 * it is still at `from`, and for each seat in `seats` (those the new version removes or changes) a
 * ConditionCheck that the seat has no item, or only a hold that has expired. A hold or sale of such a
 * seat committed first cancels the move; one validated against the earlier version but committed after
 * it fails its own check of the showtime's version. `seats` is at most 99 (the 100 actions of a
 * transaction). Returns undefined when moved, else why not.
 */
export async function moveShowtime(
  db: Db,
  move: { showId: string; from: number; to: number; seats: string[]; now: string },
): Promise<MoveRefusal | undefined> {
  const pk = keys.show(move.showId);
  const condition = atVersion(move.from);
  const items = [
    {
      Update: {
        TableName: db.table,
        Key: { pk, sk: keys.showMeta() },
        UpdateExpression: 'SET layoutVersion = :to',
        ConditionExpression: condition.ConditionExpression.replaceAll('#version', 'layoutVersion'),
        ExpressionAttributeValues: { ':version': move.from, ':to': move.to },
      },
    },
    ...move.seats.map((seatId) => ({
      ConditionCheck: {
        TableName: db.table,
        Key: { pk, sk: keys.seat(seatId) },
        ConditionExpression: 'attribute_not_exists(pk) OR (#state = :held AND expiresAt <= :now)',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':held': 'held', ':now': move.now },
      },
    })),
  ];
  // Two transactions on one item cancel rather than wait: a lost race is tried again, briefly.
  for (let attempt = 0; ; attempt++) {
    try {
      await db.doc.send(new TransactWriteCommand({ TransactItems: items }));
      return undefined;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      const failed = (index: number) => reasons[index]?.Code === 'ConditionalCheckFailed';
      const seats = move.seats.filter((_, index) => failed(index + 1));
      if (failed(0) || seats.length > 0) return { seats, versionChanged: failed(0) };
      if (attempt >= 3) throw error;
      await new Promise((wake) => setTimeout(wake, 20 * 2 ** attempt));
    }
  }
}
