import { type SessionUser, toSessionUser, type User } from '../../auth/model';
import { getUser } from '../../auth/repo';
import { createSession, forgetCachedUsers, invalidateUserSessions } from '../../auth/sessions';
import { hashSecret, randomString } from '../../auth/tokens';
import type { Deps } from '../../deps';
import { AppError } from '../../platform/errors';
import type { Mailer } from '../../platform/mail/mailer';
import type { PasswordHasher } from '../../platform/passwords/password-hasher';
import * as limit from '../limits/service';
import { limits } from '../limits/service';
import { deviceToken, trustedDevice } from './device-cookie';
import { alreadyRegisteredMail, resetMail, verificationMail } from './emails';
import { type EmailToken, normalizeEmail } from './model';
import { checkPasswordRules } from './password-rules';
import * as repo from './repo';

export type AccountDeps = Pick<Deps, 'db' | 'clock' | 'log' | 'config' | 'sessionCache'> & {
  passwords: PasswordHasher;
  mailer: Mailer;
};

const VERIFY_LIFETIME_MS = 24 * 3_600_000;
const RESET_LIFETIME_MS = 30 * 60_000;

/** A hash of a password nobody has, verified against when the email is unknown so both paths take as long. */
let decoyHash: Promise<string> | undefined;
function decoy(passwords: PasswordHasher): Promise<string> {
  decoyHash ??= passwords.hash(randomString()).catch((error: unknown) => {
    // Not kept when it failed (a busy hasher turned it away): the next unknown email tries again.
    decoyHash = undefined;
    throw error;
  });
  return decoyHash;
}

/** Who is asking: the origin links in emails fall back to, and the address rate limits count. */
export type Visitor = { origin: string; ip: string };

export type SignUpInput = {
  name: string;
  email: string;
  password: string;
  mobile?: string | undefined;
  /** Booking texts to the mobile number too, once it is confirmed; nothing without a number. */
  smsOptIn?: boolean | undefined;
  /** Where to go back to once the email is confirmed: a same-origin path, already checked. */
  next?: string | undefined;
};

function absolute(deps: AccountDeps, origin: string, path: string): string {
  return new URL(path, deps.config.publicOrigin ?? origin).toString();
}

/** Stores the hash of a fresh single-use secret for `user` and returns the secret, for the link. */
async function issueToken(
  deps: AccountDeps,
  purpose: EmailToken['purpose'],
  user: Pick<User, 'id' | 'email'>,
  lifetimeMs: number,
  next?: string,
): Promise<string> {
  const secret = randomString(20);
  await repo.putEmailToken(deps.db, hashSecret(secret), {
    purpose,
    userId: user.id,
    email: user.email,
    expiresAt: new Date(deps.clock.now().getTime() + lifetimeMs).toISOString(),
    issuedAt: deps.clock.now().toISOString(),
    ...(next ? { next } : {}),
  });
  return secret;
}

async function sendVerification(
  deps: AccountDeps,
  user: Pick<User, 'id' | 'email' | 'name'>,
  origin: string,
  next?: string,
) {
  const secret = await issueToken(deps, 'verify-email', user, VERIFY_LIFETIME_MS, next);
  await deps.mailer.send(
    verificationMail(user.email, user.name, absolute(deps, origin, `/verify-email?token=${secret}`)),
  );
}

/**
 * Creates an account and emails a verification link. When the email is taken the caller sees exactly
 * the same outcome (the owner gets an email instead), so sign-up cannot be used to learn who has an
 * account. The password is hashed first on both paths, so they take as long.
 */
export async function signUp(deps: AccountDeps, input: SignUpInput, visitor: Visitor): Promise<void> {
  const { origin } = visitor;
  await limit.hit(deps, limits.signUpPerIp, visitor.ip);
  const email = normalizeEmail(input.email);
  const problem = checkPasswordRules(input.password, { email, name: input.name });
  if (problem) throw new AppError('bad_request', problem, { password: problem });
  const passwordHash = await deps.passwords.hash(input.password);
  const user: User = {
    id: randomString(),
    email,
    name: input.name,
    mobile: input.mobile,
    smsOptIn: Boolean(input.mobile && input.smsOptIn),
    role: 'customer',
    passwordHash,
    createdAt: deps.clock.now().toISOString(),
  };
  try {
    await repo.createUser(deps.db, user);
  } catch (error) {
    if (!(error instanceof repo.EmailTakenError)) throw error;
    // Limited per inbox, silently: the answer must not change, or it would tell who has an account.
    if (!(await limit.allow(deps, limits.signUpNoticePerEmail, email))) {
      deps.log.warn('sign-up notice not sent: limit reached for the address', { limit: 'sign-up-notice' });
      return;
    }
    // Signing in from the email comes back to where the sign-up started, as confirming would have.
    const signInPath = input.next ? `/sign-in?next=${encodeURIComponent(input.next)}` : '/sign-in';
    await deps.mailer.send(
      alreadyRegisteredMail(
        email,
        absolute(deps, origin, signInPath),
        absolute(deps, origin, '/forgot-password'),
      ),
    );
    return;
  }
  deps.log.info('account created', { userId: user.id });
  await sendVerification(deps, user, origin, input.next);
}

/**
 * Checks the email and password; a new session on success. The same error for an unknown email and a
 * wrong password. Failures are limited per account and address pair, so a stranger's guesses never lock
 * the owner out; past many failures from anywhere, the account's attempts slow to one per 30 seconds for
 * unknown browsers. A browser with a device token for the account (it signed in here before) is not
 * slowed by strangers: its own failures are counted, and nobody else's.
 */
export async function signIn(
  deps: AccountDeps,
  input: { email: string; password: string },
  from: { ip: string; deviceTokens?: string[] },
): Promise<{ user: SessionUser; token: string; sessionId: string; deviceToken: string }> {
  const email = normalizeEmail(input.email);
  const pair = `${email}|${from.ip}`;
  await limit.hit(deps, limits.signInPerIp, from.ip);
  const user = await repo.findUserByEmail(deps.db, email);
  const device = user && trustedDevice(from.deviceTokens ?? [], user);
  const deviceSubject = `${user?.id}|${device}`;
  if (device) {
    await limit.check(deps, limits.signInFailuresPerDevice, deviceSubject);
  } else {
    await limit.check(deps, limits.signInFailuresPerAccountAndIp, pair);
    if (await limit.reached(deps, limits.signInFailuresPerAccount, email)) {
      await limit.hit(deps, limits.signInSlowDown, email);
    }
  }
  let ok = false;
  if (user) ok = await deps.passwords.verify(user.passwordHash, input.password);
  // An unknown email costs the same argon2 work as a known one, so timing does not tell them apart.
  else await deps.passwords.verify(await decoy(deps.passwords), input.password);
  if (!user || !ok) {
    await Promise.all(
      device
        ? [limit.count(deps, limits.signInFailuresPerDevice, deviceSubject)]
        : [
            limit.count(deps, limits.signInFailuresPerAccountAndIp, pair),
            limit.count(deps, limits.signInFailuresPerAccount, email),
          ],
    );
    throw new AppError('bad_request', 'That email and password do not match an account.', {
      form: 'mismatch',
    });
  }
  const { session, token } = await createSession(deps, user.id);
  deps.log.info('signed in', { userId: user.id, sessionId: session.id.slice(0, 6), knownDevice: !!device });
  return { user: toSessionUser(user), token, sessionId: session.id, deviceToken: deviceToken(user, device) };
}

export async function resendVerification(deps: AccountDeps, userId: string, visitor: Visitor): Promise<void> {
  await limit.hit(deps, limits.verificationPerAccount, userId);
  const user = await getUser(deps.db, userId);
  if (!user) throw new AppError('not_found', 'We could not find your account.');
  if (user.emailVerifiedAt) return;
  await sendVerification(deps, user, visitor.origin);
}

/** A confirmed email: whose, and the path the sign-up started from, if it kept one. */
export type EmailConfirmed = { userId: string; next?: string | undefined };

/**
 * Consumes a verification link. Undefined when it is unknown, used, expired, or for an address since
 * changed.
 */
export async function verifyEmail(
  deps: AccountDeps,
  secret: string,
  ip: string,
): Promise<EmailConfirmed | undefined> {
  await limit.hit(deps, limits.verificationLinkPerIp, ip);
  if (!/^[a-z2-7]{32}$/.test(secret)) return undefined;
  const now = deps.clock.now().toISOString();
  const token = await repo.consumeEmailToken(deps.db, hashSecret(secret), 'verify-email', now);
  if (!token || !(await repo.markEmailVerified(deps.db, token.userId, token.email, now))) return undefined;
  forgetCachedUsers(deps);
  return { userId: token.userId, next: token.next };
}

/** Emails a reset link when the account exists; answers the same either way. */
export async function requestPasswordReset(
  deps: AccountDeps,
  email: string,
  visitor: Visitor,
): Promise<void> {
  const { origin } = visitor;
  const normalized = normalizeEmail(email);
  // Limited by address and by email alike, known or not, so the limit itself reveals nothing.
  await limit.hit(deps, limits.resetPerIp, visitor.ip);
  await limit.hit(deps, limits.resetPerEmail, normalized);
  const user = await repo.findUserByEmail(deps.db, normalized);
  // Unknown addresses get the same answer; only the email is not sent.
  if (!user) return;
  const secret = await issueToken(deps, 'reset-password', user, RESET_LIFETIME_MS);
  await deps.mailer.send(
    resetMail(user.email, user.name, absolute(deps, origin, `/reset-password?token=${secret}`)),
  );
}

/**
 * Whether a reset link is live, to show its form; the link is consumed only by resetPassword. A link issued
 * before the password last changed is dead: a reset or a change ends every link sent before it.
 */
export async function resetLinkIsLive(deps: AccountDeps, secret: string): Promise<boolean> {
  if (!/^[a-z2-7]{32}$/.test(secret)) return false;
  const token = await repo.peekEmailToken(deps.db, hashSecret(secret));
  if (token?.purpose !== 'reset-password' || token.expiresAt <= deps.clock.now().toISOString()) return false;
  const user = await getUser(deps.db, token.userId);
  return Boolean(user && !changedSince(user, token));
}

/** Whether the password changed at or after the link was issued (a link without a date predates the rule). */
function changedSince(user: User, token: EmailToken): boolean {
  return Boolean(user.passwordChangedAt && user.passwordChangedAt >= (token.issuedAt ?? ''));
}

/** Sets a new password from a reset link, once, and ends every session of the account. */
export async function resetPassword(deps: AccountDeps, secret: string, password: string): Promise<void> {
  const invalid = new AppError(
    'bad_request',
    'This reset link has expired or was already used. Ask for a new one.',
    {
      token: 'invalid',
    },
  );
  if (!/^[a-z2-7]{32}$/.test(secret)) throw invalid;
  const token = await repo.peekEmailToken(deps.db, hashSecret(secret));
  if (token?.purpose !== 'reset-password') throw invalid;
  const problem = checkPasswordRules(password, { email: token.email });
  if (problem) throw new AppError('bad_request', problem, { password: problem });
  const passwordHash = await deps.passwords.hash(password);
  const consumed = await repo.consumeEmailToken(
    deps.db,
    hashSecret(secret),
    'reset-password',
    deps.clock.now().toISOString(),
  );
  if (!consumed) throw invalid;
  const changed = await repo.setPasswordHash(deps.db, consumed.userId, passwordHash, {
    at: deps.clock.now().toISOString(),
    linkIssuedAt: consumed.issuedAt ?? '',
  });
  // A newer link (or a change on the account page) was used since this one was sent.
  if (!changed) throw invalid;
  // Following the link proves the mailbox, so the address counts as verified too.
  await repo.markEmailVerified(deps.db, consumed.userId, consumed.email, deps.clock.now().toISOString());
  const ended = await invalidateUserSessions(deps, consumed.userId);
  deps.log.info('password reset', { userId: consumed.userId, sessionsEnded: ended });
}

/**
 * Changes the password after checking the current one; other sessions end, this one stays. Wrong current
 * passwords are limited per account like sign-in failures: 5 in 15 minutes, then the form waits.
 */
export async function changePassword(
  deps: AccountDeps,
  actor: SessionUser,
  sessionId: string,
  input: { current: string; next: string },
): Promise<void> {
  // Checked before any argon2 work, so a flood of guesses costs a counter read each, not a hash.
  await limit.check(deps, limits.passwordChangeFailuresPerAccount, actor.id);
  const user = await getUser(deps.db, actor.id);
  if (!user) throw new AppError('not_found', 'We could not find your account.');
  if (!(await deps.passwords.verify(user.passwordHash, input.current))) {
    await limit.count(deps, limits.passwordChangeFailuresPerAccount, user.id);
    throw new AppError('bad_request', 'Your current password is not right.', {
      current: 'Your current password is not right.',
    });
  }
  const problem = checkPasswordRules(input.next, { email: user.email, name: user.name });
  if (problem) throw new AppError('bad_request', problem, { next: problem });
  await repo.setPasswordHash(deps.db, user.id, await deps.passwords.hash(input.next), {
    at: deps.clock.now().toISOString(),
  });
  await invalidateUserSessions(deps, user.id, sessionId);
}

export type Profile = { name: string; mobile: string | undefined; smsOptIn: boolean };

/** The profile of `userId`, for `actor`: only the user themself or an admin may read it. */
export async function getProfile(deps: AccountDeps, actor: SessionUser, userId: string): Promise<User> {
  if (actor.id !== userId && actor.role !== 'admin')
    throw new AppError('forbidden', 'That account is not yours.');
  const user = await getUser(deps.db, userId);
  if (!user) throw new AppError('not_found', 'We could not find that account.');
  return user;
}

export async function updateProfile(
  deps: AccountDeps,
  actor: SessionUser,
  userId: string,
  profile: Profile,
): Promise<void> {
  if (actor.id !== userId && actor.role !== 'admin')
    throw new AppError('forbidden', 'That account is not yours.');
  await repo.updateProfile(deps.db, userId, profile);
  forgetCachedUsers(deps);
}

/** The account a booking confirmation goes to (its email, and its mobile when opted in). */
export function accountOf(deps: Pick<AccountDeps, 'db'>, userId: string): Promise<User | undefined> {
  return getUser(deps.db, userId);
}
