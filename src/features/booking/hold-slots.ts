import type { SessionUser } from '../../auth/model';
import type { Deps } from '../../deps';
import { AppError } from '../../platform/errors';
import { showtimeDetails } from '../catalog/service';
import type { Hold, HoldSlot } from './model';

type SlotDeps = Pick<Deps, 'db' | 'clock' | 'config' | 'cache' | 'log'>;

/** A hold that is not a change of the seats of a live one (which keeps its slot). */
export function isNewHold(current: Hold | undefined): boolean {
  return !(current?.slot !== undefined && current.seats.length > 0);
}

/**
 * The slot a new hold on `showId` takes, from the user's `slots` as read with the hold: its own when the user already holds seats here, else the first
 * slot that is empty, expired, or already this showtime's. Throws `conflict` naming the showtimes that fill
 * them, so seats cannot be hoarded across a whole release: `MAX_HOLDS_PER_ACCOUNT` showtimes at a time.
 * The slot is claimed by the hold's own transaction (a condition on the slot item), so two requests racing
 * for the last slot cannot both win.
 */
export async function slotFor(
  deps: SlotDeps,
  user: SessionUser,
  showId: string,
  current: Hold | undefined,
  slots: HoldSlot[],
): Promise<number> {
  if (!isNewHold(current) && current?.slot !== undefined) return current.slot;
  const now = deps.clock.now().toISOString();
  const busy = new Map(
    slots.filter((s) => s.expiresAt > now && s.showId !== showId).map((s) => [s.slot, s.showId]),
  );
  for (let slot = 0; slot < deps.config.maxHoldsPerAccount; slot++) if (!busy.has(slot)) return slot;
  const titles = await Promise.all(
    [...new Set(busy.values())].map(async (id) => (await showtimeDetails(deps, id)).movie.title),
  );
  deps.log.info('hold refused: hold slots full', { userId: user.id, showId });
  throw new AppError(
    'conflict',
    `You are already holding seats for ${titles.length === 1 ? 'another showtime' : `${titles.length} other showtimes`} (${titles.join(', ')}). Book those seats or let them go before choosing seats here.`,
  );
}
