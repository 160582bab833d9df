import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';

/*
 * What a cancelled seat transaction means: which seats were taken, the showtime no longer on sale as it
 * was read, or a lost race worth trying again.
 */

/** The seats given in a failed transaction whose conditions failed, from its cancellation reasons. */
export class SeatConflictError extends Error {
  override name = 'SeatConflictError';
  /**
   * `seats`: those whose conditions failed. Empty with `busy` when the transaction lost a race with
   * another one on the same items (DynamoDB cancels rather than waits): trying again may succeed.
   * `showtime`: the showtime's own check failed (cancelled, sales stopped, another layout or start).
   * `doorCode`: another booking has the door code drawn for this one; a new code may be drawn.
   * `limited`: the count of a rate limit in the transaction had reached its limit.
   */
  constructor(
    readonly seats: string[],
    readonly busy = false,
    readonly showtime = false,
    readonly doorCode = false,
    readonly limited = false,
  ) {
    super(
      `seats no longer available: ${showtime ? 'showtime changed' : seats.join(', ') || (busy ? 'busy' : 'changed')}`,
    );
  }
}

/** Marks the hold slot's place among a transaction's items, for `seatConflict`. */
export const SLOT = Symbol('hold slot');
/** Marks the showtime check's place among a transaction's items (see showtime-check.ts). */
export const SHOWTIME = Symbol('showtime');
/** Marks the door code lookup's place among a sale's items (see door-repo.ts). */
export const DOOR_CODE = Symbol('door code');
/** Marks a rate limit's count among a hold's items (limits/service.ts `hitWithTransaction`). */
export const LIMIT = Symbol('rate limit');

/** What each item of a seat transaction is, in order: a seat's id, a marker, or nothing to report. */
export type ItemRoles = (
  | string
  | typeof SLOT
  | typeof SHOWTIME
  | typeof DOOR_CODE
  | typeof LIMIT
  | undefined
)[];

export function seatConflict(error: unknown, seatsByIndex: ItemRoles): SeatConflictError | undefined {
  // The same idempotency token with a different request: a stale retry of a checkout that changed.
  if ((error as Error).name === 'IdempotentParameterMismatchException') return new SeatConflictError([]);
  if (!(error instanceof TransactionCanceledException)) return undefined;
  const reasons = error.CancellationReasons ?? [];
  const failed = (index: number) => reasons[index]?.Code === 'ConditionalCheckFailed';
  const seats = seatsByIndex.flatMap((seat, index) =>
    typeof seat === 'string' && failed(index) ? [seat] : [],
  );
  // Another showtime's hold took the slot between reading the slots and this write: like a lost race.
  const slotTaken = seatsByIndex.some((seat, index) => seat === SLOT && failed(index));
  const showtime = seatsByIndex.some((seat, index) => seat === SHOWTIME && failed(index));
  const doorCode = seatsByIndex.some((seat, index) => seat === DOOR_CODE && failed(index));
  const limited = seatsByIndex.some((seat, index) => seat === LIMIT && failed(index));
  return new SeatConflictError(
    seats,
    slotTaken || reasons.some((reason) => reason.Code === 'TransactionConflict'),
    showtime,
    doorCode,
    limited,
  );
}
