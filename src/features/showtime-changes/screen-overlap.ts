import type { Deps } from '../../deps';
import { DEFAULT_CLEANING_GAP_MINUTES, type Showtime, type Theater } from '../catalog/model';
import { screenShowtimes } from '../catalog/service';

/*
 * Whether a screen is free for a showtime: no two showtimes that are not cancelled may share a screen,
 * counting each from its start to the end of its film plus the theater's cleaning gap.
 */

const MINUTE = 60_000;
/** The longest film the catalogue takes (catalogue file: runtimeMinutes at most 600): how far back to look. */
const LONGEST_RUNTIME_MINUTES = 600;

/** When a showtime of a film `runtimeMinutes` long frees its screen: its end plus the cleaning gap. */
export function screenFreeAt(startsAt: string, runtimeMinutes: number, gapMinutes: number): number {
  return Date.parse(startsAt) + (runtimeMinutes + gapMinutes) * MINUTE;
}

/** The cleaning gap a theater keeps between showtimes on a screen. */
export const cleaningGap = (theater: Theater) => theater.cleaningGapMinutes ?? DEFAULT_CLEANING_GAP_MINUTES;

/**
 * The first showtime (not cancelled, not `candidate.id` itself) on the candidate's screen that its new
 * start would overlap, or undefined when the screen is free then: each occupies [start, end of film +
 * cleaning gap). Read fresh from the theater's showtimes around the new start (pattern 8).
 *
 * This is a check before the write, not a guard: two changes at the same moment can both pass it. A
 * per-screen conditional guard, written in the move's own transaction, is what would close that gap.
 */
export async function overlappingShowtime(
  deps: Pick<Deps, 'db' | 'cache' | 'clock'>,
  candidate: { show: Showtime; runtimeMinutes: number; theater: Theater },
  startsAt: string,
): Promise<{ show: Showtime; runtimeMinutes: number } | undefined> {
  const gap = cleaningGap(candidate.theater);
  const start = Date.parse(startsAt);
  const end = screenFreeAt(startsAt, candidate.runtimeMinutes, gap);
  const from = new Date(start - (LONGEST_RUNTIME_MINUTES + gap) * MINUTE).toISOString();
  const others = await screenShowtimes(
    deps,
    { theaterId: candidate.show.theaterId, id: candidate.show.screenId },
    from,
    new Date(end).toISOString(),
  );
  for (const other of others) {
    if (other.show.id === candidate.show.id) continue;
    const runtime = other.runtimeMinutes ?? LONGEST_RUNTIME_MINUTES;
    const otherStart = Date.parse(other.show.startsAt);
    if (otherStart < end && start < screenFreeAt(other.show.startsAt, runtime, gap)) {
      return { show: other.show, runtimeMinutes: runtime };
    }
  }
  return undefined;
}
