import type { Db } from '../../platform/db/client';
import type { Screen, ScreenVersion, Showtime } from './model';
import * as repo from './repo';

/*
 * A screen's layout has versions (docs/seat-layouts.md, "Versions"): the Screen item holds the current one,
 * ScreenVersion items the earlier ones, and each showtime names the version it sells from. Everything that
 * draws, holds, sells or checks in seats reads the showtime's version through here.
 */

/** The screen with the layout of one of its kept versions. */
export function withVersion(screen: Screen, kept: ScreenVersion): Screen {
  return {
    ...screen,
    categories: kept.categories,
    layout: kept.layout,
    seatCount: kept.seatCount,
    version: kept.version,
  };
}

/**
 * The screen at `version`: itself when that is its current version, else the kept ScreenVersion. When
 * neither has it, `screen` may be a cached copy from before an edit (other processes see an edit within
 * the catalogue cache time): the stored screen is read once, and used if it is at that version.
 */
export async function screenAtVersion(db: Db, screen: Screen, version: number): Promise<Screen | undefined> {
  if ((screen.version ?? 1) === version) return screen;
  const kept = await repo.getScreenVersion(db, screen.theaterId, screen.id, version);
  if (kept) return withVersion(screen, kept);
  const stored = await repo.getScreen(db, screen.theaterId, screen.id);
  return stored && (stored.version ?? 1) === version ? stored : undefined;
}

/** The screen as a showtime sells it: at the showtime's layout version (absent means 1). */
export function screenForShowtime(db: Db, screen: Screen, show: Showtime): Promise<Screen | undefined> {
  return screenAtVersion(db, screen, show.layoutVersion ?? 1);
}
