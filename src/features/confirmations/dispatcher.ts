import type { User } from '../../auth/model';
import type { Deps } from '../../deps';
import type { Mail } from '../../platform/mail/mailer';
import { startRounds } from '../../platform/rounds';
import { InvalidPhoneNumberError } from '../../platform/sms/notifier';
import { textsAllowed } from '../accounts/mobile';
import { accountOf } from '../accounts/service';
import { findBooking } from '../booking/made-bookings';
import type { Booking } from '../booking/model';
import {
  bookingCancelledMail,
  bookingCancelledSms,
  seatsCancelledMail,
  seatsCancelledSms,
} from './cancelled-booking';
import {
  cancellationMail,
  cancellationSms,
  confirmationMail,
  confirmationSms,
  movedMail,
  movedSms,
} from './messages';
import type { OutboxKind, OutboxMessage, OutboxRef } from './model';
import * as repo from './repo';

/*
 * The outbox dispatcher (docs/decisions/009, 016). Each round it lists the messages that are due, claims each
 * with a conditional update, sends what the message still lacks (email, then SMS), records each channel
 * the moment it went out, and marks the message sent. A failure puts it back with exponential backoff and
 * jitter; after OUTBOX_MAX_ATTEMPTS it is marked failed and logged for operators. Delivery is at least
 * once: a process that dies between sending and recording sends that channel again after its lease.
 */

export type DispatchDeps = Pick<Deps, 'db' | 'clock' | 'config' | 'log' | 'mailer' | 'notifier' | 'tickets'>;

const BATCH = 25;
const MAX_RETRY_DELAY_MS = 15 * 60_000;

/** Why a booking text was not sent, as the outbox records it. */
function smsSkipReason(user: User): string {
  if (!user.mobile) return 'no mobile number';
  if (!user.smsOptIn) return 'not opted in';
  return 'number not confirmed';
}

/**
 * The wait before attempt `attempts + 1`: base × 2^(attempts − 1), capped, with "equal jitter" (half
 * fixed, half random), so messages that failed together do not all come back together.
 */
export function retryDelayMs(attempts: number, baseMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_RETRY_DELAY_MS, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export type DispatchResult = { listed: number; sent: number; retrying: number; failed: number; lost: number };

/** One round: every message due now that this dispatcher (`owner`) manages to claim. */
export async function dispatchDue(deps: DispatchDeps, owner: string): Promise<DispatchResult> {
  const due = await repo.listDueMessages(deps.db, deps.clock.now().toISOString(), BATCH);
  const result: DispatchResult = { listed: due.length, sent: 0, retrying: 0, failed: 0, lost: 0 };
  for (const listed of due) {
    const now = deps.clock.now().getTime();
    const message = await repo.claimMessage(
      deps.db,
      refOf(listed),
      owner,
      new Date(now).toISOString(),
      new Date(now + deps.config.outboxLeaseMs).toISOString(),
    );
    if (message) result[await deliver(deps, message, owner)]++;
  }
  return result;
}

/** The round size: a round that lists this many may have left more behind. */
export const DISPATCH_BATCH = BATCH;

/**
 * SMS errors that trying again cannot fix: our own check of the number, SNS refusing the number or the
 * request, the customer having texted STOP. Throttling and SNS's own failures are retried.
 */
const SMS_REFUSALS = new Set([
  'InvalidParameterException',
  'InvalidParameterValueException',
  'OptedOutException',
  'EndpointDisabledException',
]);
const refusedForGood = (error: unknown) =>
  error instanceof InvalidPhoneNumberError || SMS_REFUSALS.has((error as Error).name);

class PermanentFailure extends Error {
  override name = 'PermanentFailure';
}

/** Which message this is, for its key: what a listed or claimed message carries. */
const refOf = (message: OutboxRef): OutboxRef => ({
  bookingId: message.bookingId,
  // Messages written before there were kinds are confirmations.
  kind: message.kind ?? 'booking-confirmation',
  startsAt: message.startsAt,
  changedAt: message.changedAt,
});

/** What the log calls each kind. */
const NAMES: Record<OutboxKind, string> = {
  'booking-confirmation': 'booking confirmation',
  'showtime-moved': 'showtime moved message',
  'showtime-cancelled': 'showtime cancelled message',
  'booking-cancelled': 'booking cancelled message',
  'seats-cancelled': 'seats cancelled message',
};

type ComposeDeps = Pick<Deps, 'config' | 'clock' | 'tickets'>;

/** A message's email and SMS, made only when needed (the confirmation's PDF takes a moment). */
type Composed = { mail: () => Promise<Mail>; sms: () => string };

/**
 * What a message says to the booking's customer now; or why it has become pointless (the booking was
 * cancelled, or moved again, after it was written), so it is done with unsent; or a PermanentFailure when
 * the showtime is over, since tickets or a new time would only confuse then. A cancellation always goes.
 */
function compose(
  deps: ComposeDeps,
  message: OutboxMessage,
  booking: Booking,
  user: User,
): Composed | { skip: string } {
  const kind = message.kind ?? 'booking-confirmation';
  if (kind === 'showtime-cancelled') {
    return { mail: async () => cancellationMail(deps, booking, user), sms: () => cancellationSms(booking) };
  }
  if (kind === 'booking-cancelled') {
    return {
      mail: async () => bookingCancelledMail(deps, booking, user),
      sms: () => bookingCancelledSms(booking),
    };
  }
  if (kind === 'seats-cancelled') {
    // Sent even if the rest was cancelled later: it says what these seats' refund was.
    const change = booking.seatCancellations?.find((done) => done.at === message.changedAt);
    if (!change) throw new PermanentFailure('the booking has no such cancellation of seats');
    return {
      mail: async () => seatsCancelledMail(deps, booking, change, user),
      sms: () => seatsCancelledSms(booking, change),
    };
  }
  if (booking.cancelledAt) return { skip: 'the booking was cancelled' };
  if (kind === 'showtime-moved' && booking.startsAt !== message.startsAt) {
    return { skip: 'the showtime moved again; a later message has the new time' };
  }
  if (deps.clock.now().getTime() > Date.parse(booking.startsAt) + deps.config.ticketClosesMs) {
    throw new PermanentFailure('the showtime is over');
  }
  if (kind === 'showtime-moved') {
    return {
      mail: () => movedMail(deps, booking, user, message.previousStartsAt),
      sms: () => movedSms(deps.config, booking),
    };
  }
  return { mail: () => confirmationMail(deps, booking, user), sms: () => confirmationSms(booking) };
}

/** The lease ran out and another dispatcher has the message: this one must stop writing to it. */
class LeaseLost extends Error {
  override name = 'LeaseLost';
}

async function deliver(
  deps: DispatchDeps,
  message: OutboxMessage,
  owner: string,
): Promise<keyof Omit<DispatchResult, 'listed'>> {
  const ref = refOf(message);
  const { bookingId } = ref;
  const name = NAMES[ref.kind];
  const record = async (progress: Parameters<typeof repo.recordChannel>[3]) => {
    if (!(await repo.recordChannel(deps.db, ref, owner, progress))) throw new LeaseLost(bookingId);
  };
  const channels = { emailSentAt: message.emailSentAt, smsSentAt: message.smsSentAt };
  try {
    const booking = await findBooking(deps, bookingId);
    const user = booking && (await accountOf(deps, booking.userId));
    if (!booking || !user) throw new PermanentFailure('the booking or its customer no longer exists');
    const composed = compose(deps, message, booking, user);
    if ('skip' in composed) {
      if (!(await repo.markSent(deps.db, ref, owner, deps.clock.now().toISOString(), composed.skip))) {
        throw new LeaseLost(bookingId);
      }
      deps.log.info(`${name} not sent: ${composed.skip}`, { bookingId });
      return 'sent';
    }
    if (!message.emailSentAt) {
      const sent = await deps.mailer.send(await composed.mail());
      channels.emailSentAt = deps.clock.now().toISOString();
      await record({ emailSentAt: channels.emailSentAt, emailMessageId: sent.messageId });
    }
    if (!message.smsSentAt && !message.smsSkipped) {
      if (user.mobile && user.smsOptIn && textsAllowed(user)) {
        let sent: { messageId: string } | undefined;
        try {
          sent = await deps.notifier.sendSms({ to: user.mobile, text: composed.sms() });
        } catch (error) {
          // A number SNS will never take must not hold back or fail the whole message.
          if (!refusedForGood(error)) throw error;
          const reason = `refused: ${(error as Error).name}`;
          await record({ smsSkipped: reason });
          deps.log.warn('booking SMS refused; not retried', { bookingId, reason });
        }
        if (sent) {
          channels.smsSentAt = deps.clock.now().toISOString();
          await record({ smsSentAt: channels.smsSentAt, smsMessageId: sent.messageId });
        }
      } else {
        await record({ smsSkipped: smsSkipReason(user) });
      }
    }
    if (!(await repo.markSent(deps.db, ref, owner, deps.clock.now().toISOString()))) {
      throw new LeaseLost(bookingId);
    }
    deps.log.info(`${name} sent`, {
      bookingId,
      attempts: message.attempts,
      sms: Boolean(channels.smsSentAt),
    });
    return 'sent';
  } catch (error) {
    if (error instanceof LeaseLost) {
      deps.log.warn('outbox lease lost mid-delivery; another dispatcher has the message', { bookingId });
      return 'lost';
    }
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const now = deps.clock.now();
    const context = {
      bookingId,
      kind: ref.kind,
      userId: message.userId,
      attempts: message.attempts,
      ...channels,
      error: reason,
    };
    if (error instanceof PermanentFailure || message.attempts >= deps.config.outboxMaxAttempts) {
      if (!(await repo.markFailed(deps.db, ref, owner, now.toISOString(), reason))) return 'lost';
      deps.log.error(
        ref.kind === 'booking-confirmation'
          ? 'booking confirmation failed for good; the customer can send it again from the booking page'
          : `${name} failed for good; the booking page shows the change`,
        context,
      );
      return 'failed';
    }
    const delay = retryDelayMs(message.attempts, deps.config.outboxRetryBaseMs);
    const dueAt = new Date(now.getTime() + delay).toISOString();
    if (!(await repo.scheduleRetry(deps.db, ref, owner, dueAt, reason))) return 'lost';
    deps.log.warn(`${name} failed; will retry`, {
      ...context,
      retryInSeconds: Math.round(delay / 1000),
    });
    return 'retrying';
  }
}

/**
 * Runs `dispatchDue` every `everyMs` inside this process until stopped; a failed round (the database
 * unreachable, say) is logged and the next one tries again. `stop` waits for a round under way.
 */
export function startDispatcher(deps: DispatchDeps, everyMs: number, owner: string = crypto.randomUUID()) {
  return startRounds(() => dispatchDue(deps, owner), everyMs, deps.log, 'outbox round failed');
}
