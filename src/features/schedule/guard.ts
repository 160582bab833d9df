import type { Deps } from '../../deps';
import { allMovies, theaterShowtimesBetween } from '../catalog/back-office-reads';
import { type Busy, findClash, MAX_CLEANING_GAP_MINUTES, MAX_RUNTIME_MINUTES, plusMinutes } from './expand';
import * as repo from './repo';

/*
 * The guard every change of a screen's showtimes goes through (scheduling here; moving and cancelling
 * elsewhere), so two managers at once cannot both put a showtime in the same place:
 *
 *   1. readScreenSchedule: the screen's revision, then its showtimes around the change;
 *   2. decide (findClash) against what was read;
 *   3. writeWithScheduleGuard: the change, in one transaction with the revision moved on from the one
 *      read. A concurrent change moved it first: the answer is `stale`, and the caller goes back to 1.
 *
 * Showtimes made here keep a slot in the screen's own partition, read strongly consistent, so a change a
 * moment old is always seen; showtimes that came from a catalogue file have none and are read from the
 * theater's index (docs/decisions/018-screen-schedule-guard.md).
 */

type GuardDeps = Pick<Deps, 'db'>;

/** What was on a screen around a change (and was cancelled there), and the revision it was read at. */
export type ScreenSchedule = {
  theaterId: string;
  screenId: string;
  revision: number;
  busy: Busy[];
  cancelled: string[];
};

export type { TransactItem } from './repo';
export type { Busy };
export { findClash };

/**
 * The showtimes on a screen, cancelled ones left out, that could meet a showtime placed anywhere in
 * [from, to] (UTC instants: the earliest start and the latest end a change places): those starting from
 * a longest film and cleaning gap before `from` to a cleaning gap after `to`. The revision is read
 * first, so anything written after it moves the revision on and the write that follows is refused.
 */
export async function readScreenSchedule(
  d: GuardDeps,
  screen: { theaterId: string; screenId: string },
  window: { from: string; to: string },
): Promise<ScreenSchedule> {
  const revision = await repo.getScheduleRevision(d.db, screen.theaterId, screen.screenId);
  const since = plusMinutes(window.from, -(MAX_RUNTIME_MINUTES + MAX_CLEANING_GAP_MINUTES));
  const until = plusMinutes(window.to, MAX_CLEANING_GAP_MINUTES);
  const [slots, shows, movies] = await Promise.all([
    repo.listScheduleSlots(d.db, screen.theaterId, screen.screenId, since, until),
    theaterShowtimesBetween(d, screen.theaterId, since, until),
    allMovies(d),
  ]);
  const runtime = new Map(movies.map((movie) => [movie.id, movie.runtimeMinutes]));
  const onScreen = shows.filter((show) => show.screenId === screen.screenId);
  const cancelled = new Set(onScreen.filter((show) => show.cancelledAt).map((show) => show.id));
  const busy = new Map<string, Busy>();
  for (const slot of slots) if (!cancelled.has(slot.showId)) busy.set(slot.showId, slot);
  for (const show of onScreen) {
    if (show.cancelledAt || busy.has(show.id)) continue;
    busy.set(show.id, {
      showId: show.id,
      movieId: show.movieId,
      startsAt: show.startsAt,
      endsAt: plusMinutes(show.startsAt, runtime.get(show.movieId) ?? MAX_RUNTIME_MINUTES),
    });
  }
  return { ...screen, revision, busy: [...busy.values()], cancelled: [...cancelled] };
}

/**
 * Writes `items` (the showtime's own Put or Update, its audit entry) together with the change to the
 * screen's slots, on condition that the screen's revision is still the one `schedule` was read at.
 * `stale`: read again and decide again. `refused`: the condition of `items[index]` failed.
 */
export function writeWithScheduleGuard(
  d: GuardDeps,
  schedule: ScreenSchedule,
  change: repo.ScheduleChange,
  items: repo.TransactItem[],
): Promise<repo.GuardedWrite> {
  return repo.writeWithRevision(d.db, schedule, change, items);
}

/**
 * The pause before reading a screen again after a `stale` write: random and growing with `attempt`, so
 * changes that keep meeting spread out.
 */
export function pauseAfterStale(attempt: number): Promise<void> {
  return new Promise((wake) => setTimeout(wake, Math.random() * 10 * Math.min(attempt + 1, 8)));
}

/** The schedule as it stands after a change written with writeWithScheduleGuard: no need to read it again. */
export function afterChange(schedule: ScreenSchedule, change: repo.ScheduleChange): ScreenSchedule {
  const busy = schedule.busy.filter((one) => one.showId !== change.remove?.showId);
  return { ...schedule, revision: schedule.revision + 1, busy: change.add ? [...busy, change.add] : busy };
}
