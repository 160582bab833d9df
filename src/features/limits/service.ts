import type { Deps } from '../../deps';
import type { TransactItem } from '../../platform/db/query';
import { AppError } from '../../platform/errors';
import * as repo from './repo';

/** A fixed-window limit: at most `max` counted events per `windowMs` for one subject. */
export type Limit = { name: string; max: number; windowMs: number };

const minute = 60_000;

/** Every limit in one place, so an operator can read them together. */
export const limits = {
  signInPerIp: { name: 'sign-in-ip', max: 30, windowMs: 15 * minute },
  /** Failures of one IP on one account: a stranger's failures never block the owner's own address. */
  signInFailuresPerAccountAndIp: { name: 'sign-in-fail-pair', max: 5, windowMs: 15 * minute },
  /** Failures on one account from anywhere; past this, attempts slow to one per `signInSlowDown` window. */
  signInFailuresPerAccount: { name: 'sign-in-fail-account', max: 10, windowMs: 15 * minute },
  signInSlowDown: { name: 'sign-in-slow', max: 1, windowMs: 30_000 },
  /** Failures from one browser that signed in to the account before (its device cookie): its own count. */
  signInFailuresPerDevice: { name: 'sign-in-fail-device', max: 5, windowMs: 15 * minute },
  /** Wrong current passwords on the account page: a stolen session must not become a guessing machine. */
  passwordChangeFailuresPerAccount: { name: 'password-change-fail', max: 5, windowMs: 15 * minute },
  signUpPerIp: { name: 'sign-up-ip', max: 10, windowMs: 60 * minute },
  verificationPerAccount: { name: 'verify-account', max: 5, windowMs: 60 * minute },
  verificationLinkPerIp: { name: 'verify-link-ip', max: 30, windowMs: 60 * minute },
  resetPerIp: { name: 'reset-ip', max: 10, windowMs: 60 * minute },
  resetPerEmail: { name: 'reset-email', max: 3, windowMs: 60 * minute },
  /** "Someone tried to sign up with your email": a few a day per inbox, however many addresses send them. */
  signUpNoticePerEmail: { name: 'sign-up-notice-email', max: 3, windowMs: 24 * 60 * minute },
  /** The contact form: enough for anyone with a real question, too few to flood the staff page. */
  contactPerIp: { name: 'contact-ip', max: 5, windowMs: 60 * minute },
  contactPerEmail: { name: 'contact-email', max: 5, windowMs: 60 * minute },
  /** New holds (not changes of seats) per account: generous for real buyers, an end to hold-and-drop loops. */
  newHoldsPerAccount: { name: 'new-holds-account', max: 20, windowMs: 60 * minute },
  /** Texted codes that confirm a mobile number: each costs money, so few per account and per number. */
  mobileCodesPerAccount: { name: 'mobile-code-account', max: 3, windowMs: 60 * minute },
  mobileCodesPerNumber: { name: 'mobile-code-number', max: 3, windowMs: 60 * minute },
  mobileCodeTriesPerAccount: { name: 'mobile-code-tries', max: 10, windowMs: 60 * minute },
  /** "Resend" on a booking page: its confirmation again, a few times an hour. */
  resendPerBooking: { name: 'resend-booking', max: 3, windowMs: 60 * minute },
} satisfies Record<string, Limit>;

type LimitDeps = Pick<Deps, 'db' | 'clock'>;

/** The window `now` falls in: its counter for `subject` (kept a minute past the window), and its end. */
function window(limit: Limit, subject: string, now: number): { counter: repo.Counter; end: number } {
  const start = Math.floor(now / limit.windowMs) * limit.windowMs;
  const end = start + limit.windowMs;
  return {
    counter: {
      name: limit.name,
      subject,
      windowStart: new Date(start).toISOString(),
      expiresAt: Math.ceil(end / 1000) + 60,
    },
    end,
  };
}

function limited(end: number, now: number): AppError {
  const seconds = Math.max(1, Math.ceil((end - now) / 1000));
  const wait =
    seconds < 90 ? `${seconds} second${seconds === 1 ? '' : 's'}` : `${Math.ceil(seconds / 60)} minutes`;
  return new AppError('rate_limited', `Too many attempts. Please try again in ${wait}.`, {}, seconds);
}

/** Counts one event in the current window: the window's count so far, and when the window ends. */
async function tally(deps: LimitDeps, limit: Limit, subject: string) {
  const now = deps.clock.now().getTime();
  const { counter, end } = window(limit, subject, now);
  const hits = await repo.countHit(deps.db, counter);
  return { hits, end, now };
}

/** Counts one event and throws `rate_limited` (with when to retry) once the window's count passes the limit. */
export async function hit(deps: LimitDeps, limit: Limit, subject: string): Promise<void> {
  const { hits, end, now } = await tally(deps, limit, subject);
  if (hits > limit.max) throw limited(end, now);
}

/**
 * Counts one event and says whether it is within the limit, without throwing: for limits the visitor must
 * not see, such as mails sent on an answer that has to look the same either way.
 */
export async function allow(deps: LimitDeps, limit: Limit, subject: string): Promise<boolean> {
  return (await tally(deps, limit, subject)).hits <= limit.max;
}

/** Counts one event without judging it: for failures that a later `check` looks at. */
export async function count(deps: LimitDeps, limit: Limit, subject: string): Promise<void> {
  await tally(deps, limit, subject);
}

/**
 * One event counted by another feature's transaction (`item`), for events that count only when that
 * transaction succeeds: the transaction is cancelled at this item once the window holds `max`, and
 * `refusal` is then the `rate_limited` error to throw. One request fewer than `hit` before the write.
 */
export function hitWithTransaction(
  deps: LimitDeps,
  limit: Limit,
  subject: string,
): { item: TransactItem; refusal: () => AppError } {
  const { counter, end } = window(limit, subject, deps.clock.now().getTime());
  return {
    item: repo.hitInTransaction(deps.db, { ...counter, max: limit.max }),
    refusal: () => limited(end, deps.clock.now().getTime()),
  };
}

/** Throws `rate_limited` when the window's count has reached the limit, without counting. */
export async function check(deps: LimitDeps, limit: Limit, subject: string): Promise<void> {
  const now = deps.clock.now().getTime();
  const { counter, end } = window(limit, subject, now);
  if ((await repo.peekHits(deps.db, counter)) >= limit.max) throw limited(end, now);
}

/** Whether the window's count has reached the limit. */
export async function reached(deps: LimitDeps, limit: Limit, subject: string): Promise<boolean> {
  const { counter } = window(limit, subject, deps.clock.now().getTime());
  return (await repo.peekHits(deps.db, counter)) >= limit.max;
}
