import type { Deps } from '../../deps';
import { InvalidPhoneNumberError } from '../../sms/notifier';
import { getUser } from '../accounts/repo';
import { getBooking } from '../booking/repo';
import { confirmationMail, confirmationSms } from './messages';
import * as repo from './repo';

/*
 * The outbox dispatcher (docs/decisions/009). Each round it lists the messages that are due, claims each
 * with a conditional update, sends what the message still lacks (email, then SMS), records each channel
 * the moment it went out, and marks the message sent. A failure puts it back with exponential backoff and
 * jitter; after OUTBOX_MAX_ATTEMPTS it is marked failed and logged for operators. Delivery is at least
 * once: a process that dies between sending and recording sends that channel again after its lease.
 */

export type DispatchDeps = Pick<Deps, 'db' | 'clock' | 'config' | 'log' | 'mailer' | 'notifier' | 'tickets'>;

/** How long a claim lasts: longer than any send takes, short enough that a crash delays little. */
const LEASE_MS = 60_000;
const BATCH = 25;
const MAX_RETRY_DELAY_MS = 15 * 60_000;

/**
 * The wait before attempt `attempts + 1`: base × 2^(attempts − 1), capped, with "equal jitter" (half
 * fixed, half random), so messages that failed together do not all come back together.
 */
export function retryDelayMs(attempts: number, baseMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_RETRY_DELAY_MS, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export type DispatchResult = { sent: number; retrying: number; failed: number };

/** One round: every message due now that this dispatcher (`owner`) manages to claim. */
export async function dispatchDue(deps: DispatchDeps, owner: string): Promise<DispatchResult> {
  const result: DispatchResult = { sent: 0, retrying: 0, failed: 0 };
  const now = deps.clock.now();
  const due = await repo.listDueMessages(deps.db, now.toISOString(), BATCH);
  for (const listed of due) {
    const message = await repo.claimMessage(
      deps.db,
      listed.bookingId,
      owner,
      deps.clock.now().toISOString(),
      new Date(deps.clock.now().getTime() + LEASE_MS).toISOString(),
    );
    if (message) result[await deliver(deps, message, owner)]++;
  }
  return result;
}

/** An SMS error that trying again cannot fix: our own check of the number, or SNS blaming the request. */
function refusedForGood(error: unknown): boolean {
  return error instanceof InvalidPhoneNumberError || (error as { $fault?: string }).$fault === 'client';
}

class PermanentFailure extends Error {
  override name = 'PermanentFailure';
}

async function deliver(
  deps: DispatchDeps,
  message: repo.OutboxMessage,
  owner: string,
): Promise<keyof DispatchResult> {
  const { bookingId } = message;
  try {
    const booking = await getBooking(deps.db, bookingId);
    const user = booking && (await getUser(deps.db, booking.userId));
    if (!booking || !user) throw new PermanentFailure('the booking or its customer no longer exists');
    if (!message.emailSentAt) {
      const sent = await deps.mailer.send(await confirmationMail(deps, booking, user));
      await repo.recordChannel(deps.db, bookingId, owner, {
        emailSentAt: deps.clock.now().toISOString(),
        emailMessageId: sent.messageId,
      });
    }
    if (!message.smsSentAt && !message.smsSkipped) {
      if (user.mobile && user.smsOptIn) {
        try {
          const sent = await deps.notifier.sendSms({ to: user.mobile, text: confirmationSms(booking) });
          await repo.recordChannel(deps.db, bookingId, owner, {
            smsSentAt: deps.clock.now().toISOString(),
            smsMessageId: sent.messageId,
          });
        } catch (error) {
          // A number SNS will never take (malformed, opted out) must not hold back or fail the email.
          if (!refusedForGood(error)) throw error;
          const reason = `refused: ${(error as Error).name}`;
          await repo.recordChannel(deps.db, bookingId, owner, { smsSkipped: reason });
          deps.log.warn('booking SMS refused; not retried', { bookingId, reason });
        }
      } else {
        await repo.recordChannel(deps.db, bookingId, owner, {
          smsSkipped: user.mobile ? 'not opted in' : 'no mobile number',
        });
      }
    }
    await repo.markSent(deps.db, bookingId, owner, deps.clock.now().toISOString());
    deps.log.info('booking confirmation sent', {
      bookingId,
      attempts: message.attempts,
      sms: Boolean(user.mobile && user.smsOptIn),
    });
    return 'sent';
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const now = deps.clock.now();
    if (error instanceof PermanentFailure || message.attempts >= deps.config.outboxMaxAttempts) {
      await repo.markFailed(deps.db, bookingId, owner, now.toISOString(), reason);
      deps.log.error(
        'booking confirmation failed for good; the customer can resend it from the booking page',
        {
          bookingId,
          attempts: message.attempts,
          error: reason,
        },
      );
      return 'failed';
    }
    const delay = retryDelayMs(message.attempts, deps.config.outboxRetryBaseMs);
    await repo.scheduleRetry(
      deps.db,
      bookingId,
      owner,
      new Date(now.getTime() + delay).toISOString(),
      reason,
    );
    deps.log.warn('booking confirmation failed; will retry', {
      bookingId,
      attempts: message.attempts,
      retryInSeconds: Math.round(delay / 1000),
      error: reason,
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
