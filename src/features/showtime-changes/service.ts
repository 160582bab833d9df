import { authorize, authorizeTheater } from '../../auth/authorize';
import type { SessionUser } from '../../auth/model';
import type { Deps } from '../../deps';
import { AppError } from '../../platform/errors';
import type { AuditTarget } from '../audit/model';
import { auditPut } from '../audit/repo';
import { auditEntry } from '../audit/service';
import { bookingsOfShowtime, seatStatesOf } from '../booking/back-office';
import type { SeatState } from '../booking/repo';
import { indexLayout } from '../booking/rules';
import { whenText } from '../booking/wording';
import { inReadingOrder } from '../catalog/seats';
import { type ShowtimeDetails, showtimeDetails } from '../catalog/service';
import * as repo from './repo';

/*
 * Running one showtime from the back office (docs/decisions/019): what its page shows, seat blocks and the
 * sales switch. Moving and cancelling are in move-and-cancel.ts. Every function checks the actor's scope
 * itself: a manager of the showtime's theater, or an admin.
 */

export type ShowtimeChangeDeps = Pick<Deps, 'db' | 'clock' | 'config' | 'log' | 'cache'>;

/** What a change that lost a race with another transaction on the same items (a hold, say) is told. */
export const BUSY = 'Seats of this showtime are being booked at this very moment. Please try again.';

/** The showtime, once the actor is known to be a manager of its theater or an admin. */
export async function showtimeOf(
  deps: ShowtimeChangeDeps,
  actor: SessionUser,
  showId: string,
): Promise<ShowtimeDetails> {
  // The role first, before anything is read; the theater once the showtime names it.
  authorize(actor, 'manager', 'admin');
  const details = await showtimeDetails(deps, showId);
  authorizeTheater(actor, details.theater.id, 'manager', 'admin');
  return details;
}

/** What an audit entry of this showtime is about: "Orbit of Ashes, Tuesday, 24 November 2026, 7:30 pm IST, Grand Hall". */
export function auditTarget(details: ShowtimeDetails): AuditTarget {
  const when = whenText(details.show.startsAt, details.theater.timeZone, details.city?.locale);
  return {
    kind: 'showtime',
    id: details.show.id,
    label: `${details.movie.title}, ${when}, ${details.screen.name}`,
  };
}

/** A seat of the house that is not free, as the back office sees it. */
export type HouseSeat = Pick<SeatState, 'state' | 'reason' | 'blockedAt' | 'blockedByEmail'>;

export type ShowtimeOverview = {
  details: ShowtimeDetails;
  /** Seats sold, held by a live hold, or blocked; a seat not here is free. */
  seats: Map<string, HouseSeat>;
  counts: { sold: number; held: number; blocked: number; free: number; total: number };
  /** Bookings that own seats of it. */
  bookings: number;
  /** Bookings a move or cancellation has not reached yet: what "finish" would do (docs/decisions/019). */
  unfinished: number;
};

/** What the showtime's page shows: the showtime, its house seat by seat, and its bookings. */
export async function showtimeOverview(
  deps: ShowtimeChangeDeps,
  actor: SessionUser,
  showId: string,
): Promise<ShowtimeOverview> {
  const details = await showtimeOf(deps, actor, showId);
  const states = await seatStatesOf(deps, showId);
  const bookings = await bookingsOfShowtime(deps, showId, states);
  const now = deps.clock.now().toISOString();
  const seats = new Map<string, HouseSeat>();
  for (const seat of states) {
    // An expired hold's item lingers until TTL removes it: the seat is free.
    if (seat.state === 'held' && !(seat.expiresAt && seat.expiresAt > now)) continue;
    seats.set(seat.seatId, seat);
  }
  const count = (state: SeatState['state']) => [...seats.values()].filter((s) => s.state === state).length;
  const counts = { sold: count('sold'), held: count('held'), blocked: count('blocked') };
  const total = details.screen.seatCount;
  const unfinished = details.show.cancelledAt
    ? bookings.length
    : bookings.filter((booking) => booking.startsAt !== details.show.startsAt).length;
  return {
    details,
    seats,
    counts: { ...counts, free: total - counts.sold - counts.held - counts.blocked, total },
    bookings: bookings.length,
    unfinished,
  };
}

/** The most seats one block or release may name: one transaction, with its audit entry. */
export const MAX_SEATS_PER_BLOCK = repo.MAX_TRANSACTION_ITEMS - 1;

/** The chosen seats of this screen in reading order, once each; a seat it does not have is refused. */
function chosenSeats(details: ShowtimeDetails, seatIds: readonly string[]): string[] {
  const unique = [...new Set(seatIds)];
  if (unique.length === 0) {
    throw new AppError('bad_request', 'Choose at least one seat on the map.', {
      seat: 'Choose at least one seat.',
    });
  }
  if (unique.length > MAX_SEATS_PER_BLOCK) {
    const message = `Choose at most ${MAX_SEATS_PER_BLOCK} seats at a time.`;
    throw new AppError('bad_request', message, { seat: message });
  }
  const index = indexLayout(details.screen.layout);
  const unknown = unique.filter((id) => !index.has(id));
  if (unknown.length > 0) {
    const message = `This screen has no seat ${unknown.join(', ')}.`;
    throw new AppError('bad_request', message, { seat: message });
  }
  return inReadingOrder(details.screen.layout, unique);
}

const listed = (seats: string[]) =>
  seats.length === 1 ? (seats[0] ?? '') : `${seats.slice(0, -1).join(', ')} and ${seats.at(-1)}`;

/** Why seats were refused, from their states read after the refusal: "C7 is sold; D1 and D2 are held". */
async function describeRefused(deps: ShowtimeChangeDeps, showId: string, seatIds: string[]): Promise<string> {
  const states = new Map((await seatStatesOf(deps, showId)).map((seat) => [seat.seatId, seat.state]));
  const words: Record<string, string> = {
    sold: 'sold',
    held: 'held by a customer',
    blocked: 'blocked already',
  };
  const groups = new Map<string, string[]>();
  for (const id of seatIds) {
    const word = words[states.get(id) ?? ''] ?? 'no longer as it was';
    groups.set(word, [...(groups.get(word) ?? []), id]);
  }
  return [...groups]
    .map(([word, ids]) => `${listed(ids)} ${ids.length === 1 ? 'is' : 'are'} ${word}`)
    .join('; ');
}

function refuseIfCancelled(details: ShowtimeDetails): void {
  if (details.show.cancelledAt) {
    throw new AppError('conflict', 'This showtime was cancelled: its seats and sales no longer change.');
  }
}

/**
 * Blocks seats of the showtime (house seats, a broken seat) with a reason, so they are not sold online.
 * One conditional transaction with its audit entry: a seat that is held or sold (or blocked already) makes
 * the whole block fail, with those seats named.
 */
export async function blockSeats(
  deps: ShowtimeChangeDeps,
  actor: SessionUser,
  showId: string,
  input: { seats: readonly string[]; reason: string },
): Promise<string[]> {
  const details = await showtimeOf(deps, actor, showId);
  refuseIfCancelled(details);
  const seats = chosenSeats(details, input.seats);
  const at = deps.clock.now().toISOString();
  const entry = auditEntry(deps, actor, {
    action: 'blocked seats',
    target: auditTarget(details),
    theaterId: details.theater.id,
    after: { seats, reason: input.reason },
  });
  try {
    const block = { reason: input.reason, at, userId: actor.id, email: actor.email };
    await repo.blockSeats(deps.db, showId, seats, block, auditPut(deps.db, entry));
  } catch (error) {
    if (!(error instanceof repo.ChangeRefusedError)) throw error;
    if (error.failed.length === 0 && error.busy) throw new AppError('conflict', BUSY, { seat: BUSY });
    const refused = error.failed.length > 0 ? error.failed : seats;
    const message = `Nothing was blocked: ${await describeRefused(deps, showId, refused)}. Only free seats can be blocked.`;
    throw new AppError('conflict', message, { seat: message });
  }
  deps.log.info('seats blocked', { showId, seats: seats.length });
  return seats;
}

/** Releases blocked seats of the showtime, so they sell online again; a seat not blocked is refused, named. */
export async function releaseSeats(
  deps: ShowtimeChangeDeps,
  actor: SessionUser,
  showId: string,
  input: { seats: readonly string[] },
): Promise<string[]> {
  const details = await showtimeOf(deps, actor, showId);
  refuseIfCancelled(details);
  const seats = chosenSeats(details, input.seats);
  const states = new Map((await seatStatesOf(deps, showId)).map((seat) => [seat.seatId, seat]));
  const entry = auditEntry(deps, actor, {
    action: 'released seat blocks',
    target: auditTarget(details),
    theaterId: details.theater.id,
    before: { blocked: seats.map((id) => `${id} (${states.get(id)?.reason ?? 'not blocked'})`) },
  });
  try {
    await repo.releaseBlocks(deps.db, showId, seats, auditPut(deps.db, entry));
  } catch (error) {
    if (!(error instanceof repo.ChangeRefusedError)) throw error;
    if (error.failed.length === 0 && error.busy) throw new AppError('conflict', BUSY, { seat: BUSY });
    const refused = error.failed.length > 0 ? error.failed : seats;
    const message = `Nothing was released: ${listed(refused)} ${refused.length === 1 ? 'is' : 'are'} not blocked. Choose blocked seats (marked B) only.`;
    throw new AppError('conflict', message, { seat: message });
  }
  deps.log.info('seat blocks released', { showId, seats: seats.length });
  return seats;
}

/**
 * Stops (`stop`) or restarts online sales of the showtime, with its audit entry. Asking for the state it
 * is in already changes nothing and writes nothing (false). Listings show the change at once in this
 * process and within CATALOG_CACHE_SECONDS elsewhere; holds and sales check the showtime item itself.
 */
export async function switchSales(
  deps: ShowtimeChangeDeps,
  actor: SessionUser,
  showId: string,
  stop: boolean,
): Promise<boolean> {
  const details = await showtimeOf(deps, actor, showId);
  refuseIfCancelled(details);
  if (Boolean(details.show.salesStopped) === stop) return false;
  const entry = auditEntry(deps, actor, {
    action: stop ? 'stopped online sales' : 'restarted online sales',
    target: auditTarget(details),
    theaterId: details.theater.id,
    before: { salesStopped: !stop },
    after: { salesStopped: stop },
  });
  try {
    await repo.switchSales(deps.db, showId, stop, auditPut(deps.db, entry));
  } catch (error) {
    if (!(error instanceof repo.ChangeRefusedError)) throw error;
    throw new AppError(
      'conflict',
      error.busy ? BUSY : 'This showtime changed meanwhile. Look at it again before switching sales.',
    );
  }
  deps.cache.clear();
  deps.log.info(stop ? 'online sales stopped' : 'online sales restarted', { showId });
  return true;
}
