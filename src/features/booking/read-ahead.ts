import type { ItemKey } from '../../platform/db/query';
import { showtimeDetails } from '../catalog/service';
import { bookingIdFor } from './booking-id';
import { bookingAndHoldKeys, holdReadKeys } from './hold-repo';
import { seatsDeciding } from './rules';
import type { BookingDeps } from './service';

/*
 * The first read of each booking step, named before the step runs, so that a session that must be read
 * from the table is read in the same request (auth/session-middleware.ts `signInWithReads`): a hold, a
 * checkout and a confirmation each cost one read for the session and their own, not two. The keys are
 * exactly those the step's own read asks for (hold-repo.ts), so it finds them all and reads nothing.
 */

/** POST /showtimes/:id/hold, POST /checkout/:id/confirm and GET /checkout/:id. */
const STEPS: { method: string; path: RegExp }[] = [
  { method: 'POST', path: /^\/showtimes\/[^/]+\/hold$/ },
  { method: 'GET', path: /^\/checkout\/[^/]+$/ },
  { method: 'POST', path: /^\/checkout\/[^/]+\/confirm$/ },
];

/** True for a request of a booking step whose route reads its session with its own first read. */
export function readsWithSession(method: string, path: string): boolean {
  return STEPS.some((step) => step.method === method && step.path.test(path));
}

/**
 * What deciding a hold of `seatIds` reads for `userId` (booking/service.ts `holdSeats`). No keys for a
 * showtime that does not exist: the session is read alone, and the step says what is wrong.
 */
export async function holdStepKeys(
  deps: BookingDeps,
  showId: string,
  userId: string,
  seatIds: readonly string[],
): Promise<ItemKey[]> {
  const details = await showtimeDetails(deps, showId).catch(() => undefined);
  if (!details) return [];
  const deciding = seatsDeciding(details.screen.layout, [...seatIds]);
  return holdReadKeys(showId, userId, deciding, deps.config.maxHoldsPerAccount);
}

/** What the checkout reads first (`checkoutOf`): the hold item and the user's hold slots. */
export function checkoutStepKeys(deps: BookingDeps, showId: string, userId: string): ItemKey[] {
  return holdReadKeys(showId, userId, [], deps.config.maxHoldsPerAccount);
}

/** What confirming reads first (`confirmBooking`): the booking the form's key names, and the hold. */
export function confirmStepKeys(showId: string, userId: string, idempotencyKey: string): ItemKey[] {
  if (!/^[0-9a-f-]{36}$/.test(idempotencyKey)) return [];
  return bookingAndHoldKeys(bookingIdFor(idempotencyKey, userId), showId, userId);
}
