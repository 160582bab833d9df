import type { SessionUser } from '../../auth/model';
import { getUser } from '../../auth/repo';
import { forgetCachedUsers } from '../../auth/sessions';
import { hashSecret, sameHash } from '../../auth/tokens';
import type { Deps } from '../../deps';
import { AppError } from '../../platform/errors';
import { InvalidPhoneNumberError } from '../../platform/sms/notifier';
import * as limit from '../limits/service';
import { limits } from '../limits/service';
import * as repo from './repo';

/*
 * A mobile number gets booking texts only once a code texted to it has come back: otherwise anyone could
 * type someone else's number (or a premium-rate one) and have us pay to text it. Sending codes is limited
 * per account and per number, and each code may be tried a few times only.
 */

export type MobileDeps = Pick<Deps, 'db' | 'clock' | 'log' | 'notifier' | 'sessionCache'>;

const CODE_LIFETIME_MS = 10 * 60_000;
const MAX_TRIES_PER_CODE = 5;

/** Six random digits, uniformly: a rejection sample of 32 random bits. */
function sixDigits(): string {
  const word = new Uint32Array(1);
  const limit = 4_294_000_000; // the largest multiple of 1,000,000 below 2^32
  do crypto.getRandomValues(word);
  while ((word[0] ?? limit) >= limit);
  return String((word[0] ?? 0) % 1_000_000).padStart(6, '0');
}

const codeHash = (userId: string, code: string) => hashSecret(`mobile-code:${userId}:${code}`);

/** Whether booking texts may go to the account's number: it is set, opted in and confirmed. */
export function textsAllowed(user: {
  mobile?: string | undefined;
  mobileVerified?: string | undefined;
}): boolean {
  return Boolean(user.mobile && user.mobileVerified === user.mobile);
}

/** Texts a fresh code to the account's mobile number; an earlier code stops working. */
export async function sendMobileCode(deps: MobileDeps, actor: SessionUser): Promise<void> {
  const user = await getUser(deps.db, actor.id);
  if (!user) throw new AppError('not_found', 'We could not find your account.');
  if (!user.mobile)
    throw new AppError('bad_request', 'Add a mobile number to your profile first.', { code: 'none' });
  if (textsAllowed(user)) return;
  await limit.hit(deps, limits.mobileCodesPerAccount, user.id);
  await limit.hit(deps, limits.mobileCodesPerNumber, user.mobile);
  const code = sixDigits();
  const expiresAt = new Date(deps.clock.now().getTime() + CODE_LIFETIME_MS).toISOString();
  await repo.putMobileCode(deps.db, user.id, {
    codeHash: codeHash(user.id, code),
    mobile: user.mobile,
    expiresAt,
    attempts: 0,
  });
  try {
    await deps.notifier.sendSms({
      to: user.mobile,
      text: `Your Movie Magic code is ${code}. It confirms this number for booking texts and expires in 10 minutes. If you did not ask for it, ignore this text.`,
    });
  } catch (error) {
    if (error instanceof InvalidPhoneNumberError) {
      throw new AppError('bad_request', error.message, { code: error.message });
    }
    deps.log.error('mobile code not sent', { userId: user.id, error: (error as Error).message });
    throw new AppError(
      'unavailable',
      'We could not send the text just now. Please try again in a few minutes.',
    );
  }
  deps.log.info('mobile code sent', { userId: user.id });
}

/** Checks a texted code; on a match the number is confirmed for booking texts. */
export async function confirmMobile(deps: MobileDeps, actor: SessionUser, code: string): Promise<void> {
  const wrong = (message: string) => new AppError('bad_request', message, { code: message });
  if (!/^\d{6}$/.test(code)) throw wrong('Enter the 6-digit code from the text.');
  const user = await getUser(deps.db, actor.id);
  if (!user?.mobile) throw wrong('Add a mobile number to your profile first.');
  await limit.hit(deps, limits.mobileCodeTriesPerAccount, user.id);
  const now = deps.clock.now().toISOString();
  const live = await repo.tryMobileCode(deps.db, user.id, user.mobile, now, MAX_TRIES_PER_CODE);
  if (!live) throw wrong('That code has expired or was tried too many times. Send a new one.');
  if (!sameHash(live.codeHash, codeHash(user.id, code))) {
    throw wrong('That code is not right. Check the text and try again.');
  }
  if (!(await repo.markMobileVerified(deps.db, user.id, user.mobile))) {
    throw wrong('Your mobile number changed meanwhile. Send a code to the new number.');
  }
  forgetCachedUsers(deps);
  deps.log.info('mobile number confirmed', { userId: user.id });
}
