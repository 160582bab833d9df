import type { User } from '../../auth/model';
import type { Deps } from '../../deps';
import { InvalidPhoneNumberError } from '../../platform/sms/notifier';
import { textsAllowed } from '../accounts/mobile';
import { accountOf } from '../accounts/service';
import { findBooking } from '../booking/made-bookings';
import { confirmationMail, confirmationSms } from './messages';
import type { OutboxMessage } from './model';
import * as repo from './repo';

/*
 * The outbox dispatcher (docs/decisions/009). Each round it lists the messages that are due, claims each
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
      listed.bookingId,
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

/** The lease ran out and another dispatcher has the message: this one must stop writing to it. */
class LeaseLost extends Error {
  override name = 'LeaseLost';
}

async function deliver(
  deps: DispatchDeps,
  message: OutboxMessage,
  owner: string,
): Promise<keyof Omit<DispatchResult, 'listed'>> {
  const { bookingId } = message;
  const record = async (progress: Parameters<typeof repo.recordChannel>[3]) => {
    if (!(await repo.recordChannel(deps.db, bookingId, owner, progress))) throw new LeaseLost(bookingId);
  };
  const channels = { emailSentAt: message.emailSentAt, smsSentAt: message.smsSentAt };
  try {
    const booking = await findBooking(deps, bookingId);
    const user = booking && (await accountOf(deps, booking.userId));
    if (!booking || !user) throw new PermanentFailure('the booking or its customer no longer exists');
    // A confirmation for a show whose doors have closed (a long outage, say) would only confuse.
    if (deps.clock.now().getTime() > Date.parse(booking.startsAt) + deps.config.ticketClosesMs) {
      throw new PermanentFailure('the showtime is over');
    }
    if (!message.emailSentAt) {
      const sent = await deps.mailer.send(await confirmationMail(deps, booking, user));
      channels.emailSentAt = deps.clock.now().toISOString();
      await record({ emailSentAt: channels.emailSentAt, emailMessageId: sent.messageId });
    }
    if (!message.smsSentAt && !message.smsSkipped) {
      if (user.mobile && user.smsOptIn && textsAllowed(user)) {
        let sent: { messageId: string } | undefined;
        try {
          sent = await deps.notifier.sendSms({ to: user.mobile, text: confirmationSms(booking) });
        } catch (error) {
          // A number SNS will never take must not hold back or fail the whole confirmation.
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
    if (!(await repo.markSent(deps.db, bookingId, owner, deps.clock.now().toISOString()))) {
      throw new LeaseLost(bookingId);
    }
    deps.log.info('booking confirmation sent', {
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
      userId: message.userId,
      attempts: message.attempts,
      ...channels,
      error: reason,
    };
    if (error instanceof PermanentFailure || message.attempts >= deps.config.outboxMaxAttempts) {
      if (!(await repo.markFailed(deps.db, bookingId, owner, now.toISOString(), reason))) return 'lost';
      deps.log.error(
        'booking confirmation failed for good; the customer can send it again from the booking page',
        context,
      );
      return 'failed';
    }
    const delay = retryDelayMs(message.attempts, deps.config.outboxRetryBaseMs);
    const dueAt = new Date(now.getTime() + delay).toISOString();
    if (!(await repo.scheduleRetry(deps.db, bookingId, owner, dueAt, reason))) return 'lost';
    deps.log.warn('booking confirmation failed; will retry', {
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
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const round = () => {
    running = dispatchDue(deps, owner)
      .catch((error: unknown) =>
        deps.log.error('outbox round failed', {
          error: error instanceof Error ? error.message : String(error),
        }),
      )
      .finally(() => {
        if (!stopped) timer = setTimeout(round, everyMs);
      });
  };
  timer = setTimeout(round, 0);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
