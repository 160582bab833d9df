import type { Deps } from '../../deps';
import { AppError } from '../../platform/errors';
import { formatDay, formatTime, localDate } from '../../platform/time';
import { forgetShowtime, type ShowtimeDetails, showtimeDetails } from '../catalog/service';
import { salesCloseAt } from '../catalog/showings';
import type { Hold } from './model';
import { FIRST_LAYOUT_VERSION } from './showtime-check';

/*
 * Whether a showtime sells online, and what a moviegoer is told when it does not: its theater stopped
 * sales or cancelled it, it started, or sales closed before the start. Holds and sales check it first, and
 * their transactions check it again on the showtime item (showtime-check.ts).
 */

type SalesDeps = Pick<Deps, 'db' | 'clock' | 'config' | 'cache'>;

/**
 * Whether a showtime sells online now, and if not why: cancelled, sales stopped by its theater, started,
 * or closed (SALES_CLOSE_MINUTES before the start).
 */
export type SalesState = 'open' | 'closed' | 'started' | 'stopped' | 'cancelled';

export function salesState(deps: SalesDeps, details: ShowtimeDetails): SalesState {
  if (details.show.cancelledAt) return 'cancelled';
  if (details.started) return 'started';
  if (details.show.salesStopped) return 'stopped';
  return deps.clock.now().getTime() < salesCloseAt(details.show, deps.config.salesCloseMs)
    ? 'open'
    : 'closed';
}

/** What a moviegoer is told when a showtime does not sell online: a conflict, never an error page of ours. */
export const NOT_ON_SALE: Record<Exclude<SalesState, 'open'>, string> = {
  cancelled: 'This showtime was cancelled, so its seats are not on sale.',
  started: 'This showtime has started, so its seats are no longer on sale.',
  stopped: 'Online sales for this showtime are stopped for now. The box office may still have seats.',
  closed: 'Ticket sales for this showtime have closed.',
};

export function refuseUnlessOnSale(deps: SalesDeps, details: ShowtimeDetails): void {
  const state = salesState(deps, details);
  if (state !== 'open') throw new AppError('conflict', NOT_ON_SALE[state]);
}

/**
 * Why a hold or sale whose transaction found the showtime changed was refused: read again (this
 * process's copy, which another process's change left stale, is forgotten first), it is no longer on
 * sale, or it has another seat layout, or (for a sale) another start.
 */
export async function showtimeChanged(deps: SalesDeps, showId: string, hold: Hold): Promise<AppError> {
  forgetShowtime(deps, showId);
  const details = await showtimeDetails(deps, showId);
  const state = salesState(deps, details);
  if (state !== 'open') return new AppError('conflict', NOT_ON_SALE[state]);
  if ((details.show.layoutVersion ?? FIRST_LAYOUT_VERSION) !== (hold.layoutVersion ?? FIRST_LAYOUT_VERSION)) {
    return new AppError(
      'conflict',
      'The seat plan of this showtime has just changed. Please choose your seats again.',
    );
  }
  const zone = details.theater.timeZone;
  return new AppError(
    'conflict',
    `This showtime has just moved: it now starts ${formatTime(new Date(details.show.startsAt), zone, details.city?.locale)} on ${formatDay(localDate(new Date(details.show.startsAt), zone), details.city?.locale)}. Your seats are still held: go to checkout to book them for the new time.`,
  );
}
