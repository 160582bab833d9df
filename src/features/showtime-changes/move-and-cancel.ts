import type { SessionUser } from '../../auth/model';
import { AppError } from '../../platform/errors';
import { localDate, wallClock, zonedToUtc } from '../../platform/time';
import { auditPut } from '../audit/repo';
import { auditEntry } from '../audit/service';
import { bookingsOfShowtime, releaseLiveHolds } from '../booking/back-office';
import type { Booking } from '../booking/model';
import { type ShowtimeDetails, showtimeDetails } from '../catalog/service';
import * as repo from './repo';
import { cancelOnScreen, moveOnScreen } from './screen-step';
import { auditTarget, type ShowtimeChangeDeps, showtimeOf } from './service';

/*
 * Moving and cancelling a showtime (docs/decisions/019). Each is two steps. First the showtime item changes,
 * conditioned on the state it was read in, with its audit entry and its screen's slots, in one transaction
 * through the screen's guard (screen-step.ts): from that instant no hold or sale can commit against the old
 * state (they check the showtime item in their own transactions), and the screen's schedule has it where
 * it now is.
 * Then its bookings follow, found through its sold seats, in transactions of at most 100 items, each
 * booking with its seats and its outbox message, each conditioned on the booking as it was read.
 *
 * A crash between or during the second step leaves bookings behind, never half-changed: a booking and its
 * message commit together. Running the change again (or "finish" on the page) skips the first step, which
 * is done, and brings the bookings that are still behind up to the showtime; the conditions make a booking
 * that is already up to date impossible to change twice, so no customer is told twice.
 */

/** Options for the bookings step: its transaction size (tests make it small to cross transaction edges). */
export type ChangeOptions = { maxItems?: number };

/** How many times bookings are read again when one changed between the read and the write. */
const ROUNDS = 4;

/** Groups entries in order into transactions of at most `max` items; `size` is one entry's item count. */
export function packTransactions<T>(entries: readonly T[], size: (entry: T) => number, max: number): T[][] {
  const packs: T[][] = [];
  let current: T[] = [];
  let items = 0;
  for (const entry of entries) {
    const needs = size(entry);
    if (needs > max) throw new RangeError(`an entry of ${needs} items cannot fit a transaction of ${max}`);
    if (items + needs > max && current.length > 0) {
      packs.push(current);
      current = [];
      items = 0;
    }
    current.push(entry);
    items += needs;
  }
  if (current.length > 0) packs.push(current);
  return packs;
}

/**
 * Brings the showtime's bookings up to it: a cancelled showtime's are cancelled (seats freed) after its live
 * holds are released; a moved one's get its start. Reads, writes what is behind, and reads again until
 * nothing is. Returns how many bookings it changed.
 */
async function catchUp(deps: ShowtimeChangeDeps, showId: string, options: ChangeOptions): Promise<number> {
  const max = options.maxItems ?? repo.MAX_TRANSACTION_ITEMS;
  let changed = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const { show } = await showtimeDetails(deps, showId);
    if (show.cancelledAt) await releaseLiveHolds(deps, showId);
    const behind = (await bookingsOfShowtime(deps, showId)).filter(
      (booking: Booking) => !booking.cancelledAt && (show.cancelledAt || booking.startsAt !== show.startsAt),
    );
    if (behind.length === 0) return changed;
    const at = deps.clock.now().toISOString();
    try {
      if (show.cancelledAt) {
        const cancelledAt = show.cancelledAt;
        for (const pack of packTransactions(behind, (b) => repo.cancelItemCount(b, cancelledAt), max)) {
          await repo.cancelBookings(deps.db, pack, show.cancelledAt);
          changed += pack.length;
        }
      } else {
        for (const pack of packTransactions(behind, (b) => repo.moveItemCount(b, at), max)) {
          await repo.moveBookings(deps.db, pack, {
            startsAt: show.startsAt,
            at,
            releaseMs: deps.config.unpaidReleaseMs,
          });
          changed += pack.length;
        }
      }
    } catch (error) {
      // A booking changed since it was read (moved again, or cancelled): read again and go on.
      if (!(error instanceof repo.ChangeRefusedError)) throw error;
      deps.log.warn('a showtime change met a booking that changed meanwhile; reading again', {
        showId,
        bookings: error.failed,
      });
    }
  }
  throw new AppError(
    'conflict',
    'Some bookings kept changing while this showtime was being updated. Use "Finish updating bookings" again.',
  );
}

export type ChangeResult = { changed: boolean; bookings: number };

/** A local date and time in the theater's zone as an instant; a time the clocks skip is refused. */
function startFrom(details: ShowtimeDetails, input: { date: string; time: string }): string {
  const zone = details.theater.timeZone;
  const at = zonedToUtc(input.date, input.time, zone);
  const clock = wallClock(at, zone);
  const reads = `${String(clock.hour).padStart(2, '0')}:${String(clock.minute).padStart(2, '0')}`;
  if (localDate(at, zone) !== input.date || reads !== input.time) {
    const message = `There is no ${input.time} on that day in ${zone}: the clocks change. Choose another time.`;
    throw new AppError('bad_request', message, { time: message });
  }
  return at.toISOString();
}

/**
 * Moves the showtime to a local date and time of its theater, then its bookings, each customer told the
 * new time with a new ticket code (the code signs the start). Refused for a cancelled or started showtime,
 * a time in the past, and a time when the screen is taken. Moving it to the time it has changes nothing
 * but finishes a move a crash left unfinished.
 */
export async function moveShowtime(
  deps: ShowtimeChangeDeps,
  actor: SessionUser,
  showId: string,
  input: { date: string; time: string },
  options: ChangeOptions = {},
): Promise<ChangeResult> {
  const details = await showtimeOf(deps, actor, showId);
  const { show, theater } = details;
  if (show.cancelledAt) throw new AppError('conflict', 'This showtime was cancelled, so it cannot be moved.');
  const now = deps.clock.now();
  if (details.started) {
    throw new AppError('conflict', 'This showtime has started, so it can no longer be moved.');
  }
  const startsAt = startFrom(details, input);
  if (Date.parse(startsAt) <= now.getTime()) {
    const message = 'That time has passed. Choose a time in the future.';
    throw new AppError('bad_request', message, { time: message });
  }
  let changed = false;
  if (startsAt !== show.startsAt) {
    const entry = auditEntry(deps, actor, {
      action: 'moved showtime',
      target: auditTarget(details),
      theaterId: theater.id,
      before: { startsAt: show.startsAt },
      after: { startsAt },
    });
    const step = await moveOnScreen(deps, details, startsAt, auditPut(deps.db, entry));
    if (step === 'refused') {
      throw new AppError('conflict', 'This showtime was moved or cancelled meanwhile. Look at it again.');
    }
    deps.cache.clear();
    changed = true;
    deps.log.info('showtime moved', { showId, from: show.startsAt, to: startsAt });
  }
  const bookings = await catchUp(deps, showId, options);
  if (bookings > 0) deps.log.info('bookings moved', { showId, bookings, startsAt });
  return { changed, bookings };
}

/**
 * Cancels the showtime, then every booking of it: seats freed in the same transactions, customers told by
 * email and SMS how the box office refunds, live holds released. Refused once it has started. Cancelling
 * it again changes nothing but finishes a cancellation a crash left unfinished.
 */
export async function cancelShowtime(
  deps: ShowtimeChangeDeps,
  actor: SessionUser,
  showId: string,
  options: ChangeOptions = {},
): Promise<ChangeResult> {
  let details = await showtimeOf(deps, actor, showId);
  let changed = false;
  for (let round = 0; !details.show.cancelledAt; round++) {
    if (details.started) {
      throw new AppError('conflict', 'This showtime has started, so it can no longer be cancelled here.');
    }
    if (round === ROUNDS) {
      throw new AppError(
        'conflict',
        'This showtime kept changing while it was being cancelled. Look at it again.',
      );
    }
    const at = deps.clock.now().toISOString();
    const entry = auditEntry(deps, actor, {
      action: 'cancelled showtime',
      target: auditTarget(details),
      theaterId: details.theater.id,
      before: { startsAt: details.show.startsAt },
      after: { cancelledAt: at },
    });
    const step = await cancelOnScreen(deps, details, at, auditPut(deps.db, entry));
    deps.cache.clear();
    if (step === 'written') {
      changed = true;
      deps.log.info('showtime cancelled', { showId });
      break;
    }
    // Changed since it was read. Cancelled by someone else: what is left is the same, reaching its
    // bookings. Moved: cancel it where it is now.
    details = await showtimeDetails(deps, showId);
  }
  const bookings = await catchUp(deps, showId, options);
  if (bookings > 0) deps.log.info('bookings cancelled', { showId, bookings });
  return { changed, bookings };
}

/**
 * Finishes what a move or cancellation left undone (a crash, a lost race): brings every booking of the
 * showtime up to it. Safe to run at any time; with nothing behind it writes nothing.
 */
export async function finishChanges(
  deps: ShowtimeChangeDeps,
  actor: SessionUser,
  showId: string,
  options: ChangeOptions = {},
): Promise<number> {
  await showtimeOf(deps, actor, showId);
  return catchUp(deps, showId, options);
}
