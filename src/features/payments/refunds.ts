import type { Deps } from '../../deps';
import { formatMoney } from '../../platform/money';
import { ProviderError } from '../../platform/payments/online';
import { startRounds } from '../../platform/rounds';
import { accountOf } from '../accounts/service';
import { retryDelayMs } from '../confirmations/dispatcher';
import { publicOrigin } from '../confirmations/messages';
import type { Refund } from './model';
import * as repo from './repo';
import { providerFor } from './service';

/*
 * Sends queued refunds to their providers, as the outbox sends messages: each round lists the refunds due,
 * claims each with a lease, asks the provider with the refund's key as its idempotency key (so a retry
 * after a lost answer refunds nothing twice), and records the result. A provider that fails or cannot be
 * reached is asked again with backoff; one that refuses for good (a 4xx) or after REFUND_MAX_ATTEMPTS
 * leaves the refund failed, listed for operators and logged as an error. The buyer gets one email per
 * refund once the provider has taken it.
 */

export type RefundDeps = Pick<Deps, 'db' | 'clock' | 'config' | 'log' | 'mailer' | 'onlinePayments'>;

const BATCH = 25;
export const REFUND_MAX_ATTEMPTS = 8;

export type RefundRound = { listed: number; done: number; retrying: number; failed: number };

export async function dispatchRefunds(deps: RefundDeps, owner: string): Promise<RefundRound> {
  const due = await repo.listDueRefunds(deps.db, deps.clock.now().toISOString(), BATCH);
  const round: RefundRound = { listed: due.length, done: 0, retrying: 0, failed: 0 };
  for (const listed of due) {
    const now = deps.clock.now().getTime();
    const refund = await repo.claimRefund(
      deps.db,
      listed,
      owner,
      new Date(now).toISOString(),
      new Date(now + deps.config.outboxLeaseMs).toISOString(),
    );
    if (refund) round[await send(deps, refund, owner)]++;
  }
  return round;
}

async function send(
  deps: RefundDeps,
  refund: Refund,
  owner: string,
): Promise<'done' | 'retrying' | 'failed'> {
  const at = deps.clock.now();
  const provider = providerFor(deps, refund.provider);
  try {
    if (!provider) throw new ProviderError(`${refund.provider} is not configured`, true);
    const result = await provider.refund({
      chargeId: refund.chargeId,
      amount: refund.amount,
      idempotencyKey: refund.key,
    });
    if (result.status === 'failed') throw new ProviderError('the provider reports the refund failed', false);
    await repo.settleRefund(deps.db, refund, owner, {
      status: 'done',
      providerRefundId: result.refundId,
      at: at.toISOString(),
    });
    deps.log.info('refund sent', {
      paymentId: refund.paymentId,
      refundId: result.refundId,
      amount: refund.amount,
    });
    await tell(deps, refund);
    return 'done';
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const retryable = !(error instanceof ProviderError) || error.retryable;
    if (retryable && refund.attempts < REFUND_MAX_ATTEMPTS) {
      const next = new Date(at.getTime() + retryDelayMs(refund.attempts, deps.config.outboxRetryBaseMs));
      await repo.settleRefund(deps.db, refund, owner, {
        status: 'retry',
        error: message,
        nextAttemptAt: next.toISOString(),
      });
      deps.log.warn('refund will be tried again', {
        paymentId: refund.paymentId,
        attempts: refund.attempts,
        error: message,
      });
      return 'retrying';
    }
    await repo.settleRefund(deps.db, refund, owner, {
      status: 'failed',
      error: message,
      at: at.toISOString(),
    });
    deps.log.error('refund failed: refund it by hand in the provider dashboard', {
      paymentId: refund.paymentId,
      provider: refund.provider,
      chargeId: refund.chargeId,
      amount: refund.amount,
      error: message,
    });
    return 'failed';
  }
}

/** One email per refund, after the provider took it: what, why, and how long banks take. */
async function tell(deps: RefundDeps, refund: Refund): Promise<void> {
  if (refund.tellBuyer === false) return;
  const account = await accountOf(deps, refund.userId);
  if (!account || !(await repo.markTold(deps.db, refund, deps.clock.now().toISOString()))) return;
  const amount = formatMoney({ amount: refund.amount, currency: refund.currency });
  const text = [
    `We have refunded ${amount} to the card or account you paid with.`,
    '',
    refund.reason,
    '',
    'Banks usually show a refund within 5 to 7 working days.',
    `You can choose seats again at ${publicOrigin(deps.config)}/`,
    '',
    `Payment ${refund.paymentId}`,
  ].join('\n');
  try {
    await deps.mailer.send({
      to: account.email,
      subject: `Refund of ${amount} · Movie Magic`,
      text,
      html: `<p>${text.split('\n').filter(Boolean).map(escapeHtml).join('</p><p>')}</p>`,
    });
  } catch (error) {
    // The money is back either way; the log says who was not told.
    deps.log.warn('refund email not sent', {
      paymentId: refund.paymentId,
      error: error instanceof Error ? error.message : String(error),
    });
  }
}

const escapeHtml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/** Runs refund rounds every `everyMs` in this process until stopped (beside the outbox's dispatcher). */
export function startRefunds(deps: RefundDeps, everyMs: number, owner: string = crypto.randomUUID()) {
  return startRounds(() => dispatchRefunds(deps, owner), everyMs, deps.log, 'refund round failed');
}
