import type { Deps } from '../../deps';
import { AppError } from '../../platform/errors';
import { formatTime } from '../../platform/time';
import type { auditPut } from '../audit/repo';
import { DEFAULT_CLEANING_GAP_MINUTES, type Showtime } from '../catalog/model';
import type { ShowtimeDetails } from '../catalog/service';
import { plusMinutes } from '../schedule/expand';
import {
  type Busy,
  findClash,
  pauseAfterStale,
  readScreenSchedule,
  type ScreenSchedule,
  type TransactItem,
  writeWithScheduleGuard,
} from '../schedule/guard';
import * as repo from './repo';

/*
 * The first step of a move or a cancellation (docs/decisions/019): the showtime item, its audit entry and
 * the screen's slots in one transaction through the screen's guard (docs/decisions/018), so the screen's
 * schedule says where the showtime is the instant it changes, and a move cannot land on a showtime that
 * another change of the screen placed a moment before. Overlap is decided by the guard's findClash, the
 * one place that decides it for scheduling too.
 *
 * A showtime imported from a catalogue file has no slot: the guard deletes a slot without a condition,
 * so removing one that is not there changes nothing and fails nothing; the move gives it a slot at its
 * new time.
 */

type StepDeps = Pick<Deps, 'db'>;
type AuditPut = ReturnType<typeof auditPut>;

/** `written`: done. `refused`: the showtime is no longer as it was read (moved or cancelled meanwhile). */
export type StepOutcome = 'written' | 'refused';

/** How often a step reads the screen again after another change of it (or a hold on the showtime) came first. */
const ATTEMPTS = 20;

const SCREEN_BUSY =
  'The schedule of this screen kept changing while this change was being saved. Nothing was changed; please try again.';

/** The showtime's time on its screen, starting at `startsAt`. */
const timeOnScreen = (show: Showtime, runtimeMinutes: number, startsAt = show.startsAt): Busy => ({
  showId: show.id,
  movieId: show.movieId,
  startsAt,
  endsAt: plusMinutes(startsAt, runtimeMinutes),
});

/**
 * Reads the showtime's screen around `window`, lets `decide` refuse (by throwing), and writes `items` with
 * the change of its slots on the revision read; reads and decides again when another change came first.
 */
async function throughGuard(
  deps: StepDeps,
  show: Showtime,
  window: { from: string; to: string },
  decide: (schedule: ScreenSchedule) => void,
  change: { add?: Busy; remove: Busy },
  items: TransactItem[],
): Promise<StepOutcome> {
  const screen = { theaterId: show.theaterId, screenId: show.screenId };
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const schedule = await readScreenSchedule(deps, screen, window);
    decide(schedule);
    const write = await writeWithScheduleGuard(deps, schedule, change, items);
    if (write.outcome !== 'stale') return write.outcome;
    await pauseAfterStale(attempt);
  }
  throw new AppError('conflict', SCREEN_BUSY);
}

/**
 * Moves the showtime item to `startsAt` with its audit entry, its slot taken from its old time to the new
 * one, if the screen is free then: no other showtime that is not cancelled within its film plus the
 * theater's cleaning gap, either way. A clash is refused with the showtime in the way and its end.
 */
export function moveOnScreen(
  deps: StepDeps,
  details: ShowtimeDetails,
  startsAt: string,
  audit: AuditPut,
): Promise<StepOutcome> {
  const { show, movie, theater } = details;
  const gap = theater.cleaningGapMinutes ?? DEFAULT_CLEANING_GAP_MINUTES;
  const from = timeOnScreen(show, movie.runtimeMinutes);
  const to = timeOnScreen(show, movie.runtimeMinutes, startsAt);
  const decide = (schedule: ScreenSchedule) => {
    const others = schedule.busy.filter((other) => other.showId !== show.id);
    const clash = findClash(others, to, gap);
    if (!clash) return;
    const zone = theater.timeZone;
    const until = plusMinutes(clash.other.endsAt, gap);
    const message = `${details.screen.name} has another showtime from ${formatTime(new Date(clash.other.startsAt), zone)} until ${formatTime(new Date(until), zone)} (its film and the ${gap}-minute cleaning gap), which this time would overlap. Choose another time.`;
    throw new AppError('conflict', message, { time: message });
  };
  const items = [repo.showtimeMove(deps.db, show, startsAt), audit];
  return throughGuard(
    deps,
    show,
    { from: to.startsAt, to: to.endsAt },
    decide,
    { remove: from, add: to },
    items,
  );
}

/** Cancels the showtime item with its audit entry, its slot removed so its time can be scheduled again. */
export function cancelOnScreen(
  deps: StepDeps,
  details: ShowtimeDetails,
  at: string,
  audit: AuditPut,
): Promise<StepOutcome> {
  const { show, movie } = details;
  const slot = timeOnScreen(show, movie.runtimeMinutes);
  const items = [repo.showtimeCancel(deps.db, show, at), audit];
  // Freeing a place needs no decision: only the revision read matters, so the write is ordered after it.
  const window = { from: slot.startsAt, to: slot.startsAt };
  return throughGuard(deps, show, window, () => {}, { remove: slot }, items);
}
