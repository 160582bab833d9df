import { authorize } from '../../auth/authorize';
import type { SessionUser } from '../../auth/model';
import type { Deps } from '../../deps';
import { AppError } from '../../platform/errors';
import type { Booking } from '../booking/model';
import * as limit from '../limits/service';
import { limits } from '../limits/service';
import type { OutboxMessage } from './model';
import * as repo from './repo';

export type Delivery = {
  status: 'sending' | 'sent' | 'failed';
  emailSentAt?: string | undefined;
  smsSentAt?: string | undefined;
};

/** How a booking's confirmation is getting on, as its page shows it. */
export async function deliveryOf(deps: Pick<Deps, 'db'>, bookingId: string): Promise<Delivery> {
  const message = await repo.getOutboxMessage(deps.db, bookingId);
  if (!message) return { status: 'sending' };
  return {
    status: message.status === 'pending' ? 'sending' : message.status,
    emailSentAt: message.emailSentAt,
    smsSentAt: message.smsSentAt,
  };
}

/**
 * Sends a booking's confirmation again (email, and SMS when the customer opted in), for its owner only, a
 * few times an hour. False when it is still on its way: that one is left to finish.
 */
export async function resendConfirmation(
  deps: Pick<Deps, 'db' | 'clock' | 'log'>,
  actor: SessionUser,
  booking: Booking,
): Promise<boolean> {
  if (booking.userId !== actor.id) {
    throw new AppError('forbidden', 'Only the customer who made this booking can have it sent again.');
  }
  await limit.check(deps, limits.resendPerBooking, booking.id);
  const requeued = await repo.requeue(deps.db, booking.id, deps.clock.now().toISOString());
  // Only a real resend counts against the limit; one already on its way is left to finish.
  if (!requeued) return false;
  await limit.count(deps, limits.resendPerBooking, booking.id);
  deps.log.info('booking confirmation queued again', { bookingId: booking.id });
  return true;
}

/** The newest confirmations that used up their attempts, newest first: for staff and admins only. */
export function failedConfirmations(
  deps: Pick<Deps, 'db'>,
  actor: SessionUser,
  limit: number,
): Promise<OutboxMessage[]> {
  authorize(actor, 'staff', 'manager', 'admin');
  return repo.listFailedMessages(deps.db, limit);
}
