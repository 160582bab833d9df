import { authorizeTheater } from '../../auth/authorize';
import type { SessionUser } from '../../auth/model';
import type { Deps } from '../../deps';
import { AppError } from '../../platform/errors';
import { formatLongDay, formatTime, localDate } from '../../platform/time';
import { auditPut, putAuditEntry } from '../audit/repo';
import { auditEntry } from '../audit/service';
import { takenSeatsAmong } from '../booking/seat-states';
import {
  checkStorable,
  layoutTextOf,
  screenRecord,
  screenToEdit,
  upcomingShowtimesOfScreen,
} from '../catalog/back-office';
import {
  countSeats,
  type Screen,
  type ScreenLayout,
  type ScreenVersion,
  type SeatCategory,
  type Showtime,
  type Theater,
} from '../catalog/model';
import { screenAtVersion } from '../catalog/screen-versions';
import { movieForPoster } from '../catalog/service';
import { seatChanges, unpricedCategories } from './layout-diff';
import * as repo from './repo';

/*
 * Editing a screen from the back office (docs/seat-layouts.md, "Versions"). A change of the layout makes a
 * new version; the showtimes that have not started move to it, and those that have keep the version they
 * were sold from. An edit that would take away or change a seat that is held or sold in a showtime that
 * has not started is refused with the seats and showtimes named, and nothing is written.
 */

export type ScreenDeps = Pick<Deps, 'db' | 'clock' | 'cache'>;

/** The most seats one edit may remove or change while showtimes use the layout (a transaction's size). */
export const MAX_CHANGED_SEATS = 99;

/** How many showtimes a refusal names before it counts the rest. */
const NAMED_SHOWTIMES = 5;

export type ScreenEdit = {
  theaterId: string;
  screenId: string;
  /** The version the editor was opened at: an edit saved meanwhile makes this one stale. */
  version: number;
  name: string;
  categories: SeatCategory[];
  layout: ScreenLayout;
};

/** A showtime that keeps its earlier layout because seats were taken between the check and the move. */
export type KeptShowtime = { show: Showtime; label: string; seats: string[] };

export type EditOutcome = {
  screen: Screen;
  /** Whether anything was saved: an edit that changes nothing writes nothing. */
  changed: boolean;
  /** The showtimes moved to the new layout. */
  moved: number;
  kept: KeptShowtime[];
};

type Move = { show: Showtime; from: number; seats: string[] };

/** What the edit form shows: the screen, its layout as text, and how many showtimes an edit would move. */
export async function screenEditor(
  deps: ScreenDeps,
  actor: SessionUser,
  theaterId: string,
  screenId: string,
): Promise<{ theater: Theater; screen: Screen; text: string | undefined; upcoming: number }> {
  const { theater, screen } = await screenToEdit(deps, actor, theaterId, screenId);
  const upcoming = await upcomingShowtimesOfScreen(deps, screen);
  return { theater, screen, text: layoutTextOf(screen), upcoming: upcoming.length };
}

/** "Orbit of Ashes, Wednesday 25 November 2026, 2:00 pm": a showtime as a manager knows it. */
async function showtimeLabels(deps: ScreenDeps, theater: Theater, shows: Showtime[]) {
  const titles = new Map<string, string>();
  for (const id of new Set(shows.map((show) => show.movieId))) {
    titles.set(id, (await movieForPoster(deps, id).catch(() => undefined))?.title ?? id);
  }
  return (show: Showtime) => {
    const at = new Date(show.startsAt);
    const day = formatLongDay(localDate(at, theater.timeZone));
    return `${titles.get(show.movieId)}, ${day}, ${formatTime(at, theater.timeZone)}`;
  };
}

function refuse(message: string, status: 'conflict' | 'bad_request' = 'conflict'): AppError {
  return new AppError(status, message, { layout: message });
}

/** "a; b; c and 4 more showtimes". */
function listed(parts: string[]): string {
  const named = parts.slice(0, NAMED_SHOWTIMES).join('; ');
  const rest = parts.length - NAMED_SHOWTIMES;
  return rest > 0 ? `${named}; and ${rest} more ${rest === 1 ? 'showtime' : 'showtimes'}` : named;
}

/**
 * The moves an edit makes: each upcoming showtime with the seats the new layout removes or changes from
 * the version that showtime reads. Refuses, naming them, categories a showtime has no price for, more
 * changed seats than one transaction can check, and seats held or sold.
 */
async function planMoves(deps: ScreenDeps, theater: Theater, screen: Screen, next: Screen): Promise<Move[]> {
  const shows = await upcomingShowtimesOfScreen(deps, screen);
  const layouts = new Map<number, Promise<Screen | undefined>>();
  const moves = await Promise.all(
    shows.map(async (show): Promise<Move> => {
      const from = show.layoutVersion ?? 1;
      if (!layouts.has(from)) layouts.set(from, screenAtVersion(deps.db, screen, from));
      const before = await layouts.get(from);
      if (!before) throw new Error(`layout version ${from} of screen ${screen.id} is missing`);
      return { show, from, seats: seatChanges(before.layout, next.layout).map((seat) => seat.seatId) };
    }),
  );
  const label = await showtimeLabels(deps, theater, shows);
  const unpriced = moves.flatMap(({ show }) => {
    const missing = unpricedCategories(next.categories, show.prices).map((c) => c.name);
    return missing.length > 0 ? [`${label(show)} (${missing.join(', ')})`] : [];
  });
  if (unpriced.length > 0) {
    throw refuse(
      `Upcoming showtimes have no price for a seat category of the new layout: ${listed(unpriced)}. Use the categories those showtimes are priced in.`,
    );
  }
  const most = Math.max(0, ...moves.map((move) => move.seats.length));
  if (most > MAX_CHANGED_SEATS) {
    throw refuse(
      `This edit removes or changes ${most} seats of a layout that upcoming showtimes use; one edit may change at most ${MAX_CHANGED_SEATS}. Make the change in smaller steps.`,
    );
  }
  const taken = await Promise.all(
    moves.map(async (move) => ({ move, seats: await takenSeatsAmong(deps, move.show.id, move.seats) })),
  );
  const blocked = taken.flatMap(({ move, seats }) =>
    seats.length > 0
      ? [`${seats.map((seat) => `${seat.seatId} (${seat.state})`).join(', ')} in ${label(move.show)}`]
      : [],
  );
  if (blocked.length > 0) {
    throw refuse(
      `The new layout removes or changes seats that are sold or held: ${listed(blocked)}. Keep those seats as they are, or edit again once those showtimes have started.`,
    );
  }
  return moves;
}

/**
 * Saves an edit of a screen's name or layout, for the theater's managers and admins. A layout change
 * makes version n + 1 (the screen's earlier version is kept in the same transaction, with the audit
 * entry) and then moves each upcoming showtime to it, one conditional transaction each. A showtime whose
 * removed or changed seat was taken between the check and its move keeps the earlier version, which
 * still has that seat; the outcome names it, and a second audit entry records it.
 */
export async function editScreen(
  deps: ScreenDeps,
  actor: SessionUser,
  edit: ScreenEdit,
): Promise<EditOutcome> {
  authorizeTheater(actor, edit.theaterId, 'manager', 'admin');
  const { theater, screen } = await screenToEdit(deps, actor, edit.theaterId, edit.screenId);
  const version = screen.version ?? 1;
  const stale = () =>
    refuse(
      'Someone else saved a change to this screen after you opened it. Open it again to see theirs, then make yours.',
    );
  if (edit.version !== version) throw stale();
  const layoutChanged =
    JSON.stringify([screen.categories, screen.layout]) !== JSON.stringify([edit.categories, edit.layout]);
  if (!layoutChanged && edit.name === screen.name) return { screen, changed: false, moved: 0, kept: [] };
  const next: Screen = layoutChanged
    ? {
        ...screen,
        name: edit.name,
        categories: edit.categories,
        layout: edit.layout,
        seatCount: countSeats(edit.layout),
        version: version + 1,
      }
    : { ...screen, name: edit.name };
  checkStorable(next);
  const moves = layoutChanged ? await planMoves(deps, theater, screen, next) : [];
  const entry = auditEntry(deps, actor, {
    action: layoutChanged ? 'changed screen layout' : 'renamed screen',
    target: { kind: 'screen', id: screen.id, label: next.name },
    theaterId: screen.theaterId,
    before: screenRecord(screen),
    after: { ...screenRecord(next), ...(layoutChanged ? { upcomingShowtimes: moves.length } : {}) },
  });
  const earlier: ScreenVersion | undefined = layoutChanged
    ? {
        theaterId: screen.theaterId,
        screenId: screen.id,
        version,
        categories: screen.categories,
        layout: screen.layout,
        seatCount: countSeats(screen.layout),
      }
    : undefined;
  try {
    await repo.saveScreen(deps.db, {
      next,
      previousVersion: version,
      kept: earlier,
      audit: auditPut(deps.db, entry),
    });
  } catch (error) {
    if (error instanceof repo.StaleScreenError) throw stale();
    throw error;
  }
  deps.cache.clear();
  const outcome = await moveShowtimes(deps, theater, next, moves);
  if (outcome.length > 0) {
    await putAuditEntry(
      deps.db,
      auditEntry(deps, actor, {
        action: 'kept earlier screen layout for showtimes',
        target: { kind: 'screen', id: screen.id, label: next.name },
        theaterId: screen.theaterId,
        after: {
          showtimes: outcome.map((k) => `${k.show.id} (${k.seats.join(', ') || 'moved by another edit'})`),
        },
      }),
    );
  }
  return { screen: next, changed: true, moved: moves.length - outcome.length, kept: outcome };
}

/** Moves each showtime to the screen's new version; returns those that kept their earlier one. */
async function moveShowtimes(
  deps: ScreenDeps,
  theater: Theater,
  next: Screen,
  moves: Move[],
): Promise<KeptShowtime[]> {
  const kept: { show: Showtime; seats: string[] }[] = [];
  const now = deps.clock.now().toISOString();
  for (const move of moves) {
    const refusal = await repo.moveShowtime(deps.db, {
      showId: move.show.id,
      from: move.from,
      to: next.version ?? 1,
      seats: move.seats,
      now,
    });
    if (refusal) kept.push({ show: move.show, seats: refusal.seats });
  }
  if (kept.length === 0) return [];
  const label = await showtimeLabels(
    deps,
    theater,
    kept.map((k) => k.show),
  );
  return kept.map((k) => ({ ...k, label: label(k.show) }));
}
