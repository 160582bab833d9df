import { authorize } from '../../auth/authorize';
import type { Role, SessionUser, User } from '../../auth/model';
import { forgetCachedUsers, invalidateUserSessions } from '../../auth/sessions';
import { randomString } from '../../auth/tokens';
import type { Deps } from '../../deps';
import { AppError } from '../../platform/errors';
import { auditPut } from '../audit/repo';
import { auditEntry } from '../audit/service';
import { citiesWithTheaters } from '../catalog/service';
import { normalizeEmail } from './model';
import { checkPasswordRules } from './password-rules';
import * as repo from './repo';

/*
 * Accounts that operators make or change, rather than their owners: the first admin
 * (`npm run admin:create`), the local demo accounts, and role changes on /admin.
 */

export type OperatorDeps = Pick<Deps, 'db' | 'clock' | 'passwords'>;

/** A new account with its email confirmed: the operator vouches for the address, and no mail is sent. */
function verifiedUser(
  deps: OperatorDeps,
  account: { email: string; name: string; role: Role; passwordHash: string; theaterIds?: string[] },
): User {
  const now = deps.clock.now().toISOString();
  return { id: randomString(), smsOptIn: false, emailVerifiedAt: now, createdAt: now, ...account };
}

export type AdminAccountResult = {
  outcome: 'created' | 'promoted' | 'already-admin';
  email: string;
  /** The role the account had before, for a promotion. */
  previousRole?: Role | undefined;
  passwordChanged: boolean;
  sessionsEnded: number;
};

export const DEFAULT_ADMIN_NAME = 'Site Admin';

async function newPasswordHash(
  deps: OperatorDeps,
  readPassword: () => Promise<string>,
  context: { email: string; name: string },
): Promise<string> {
  const password = await readPassword();
  const problem = checkPasswordRules(password, context);
  if (problem) throw new AppError('bad_request', `Password refused: ${problem}`, { password: problem });
  return deps.passwords.hash(password);
}

/**
 * Makes `options.email` an admin: creates the account (email confirmed), or promotes the one that already
 * uses the address, setting a new password only with `resetPassword` (which also ends its sessions). The
 * password is read only when it will be used. A refused password is a `bad_request`; an account created
 * with the same email while this ran, a `conflict`.
 */
export async function ensureAdmin(
  deps: OperatorDeps,
  options: { email: string; name: string | undefined; resetPassword: boolean },
  readPassword: () => Promise<string>,
): Promise<AdminAccountResult> {
  const email = normalizeEmail(options.email);
  const existing = await repo.findUserByEmail(deps.db, email);
  if (!existing) {
    const name = options.name ?? DEFAULT_ADMIN_NAME;
    const passwordHash = await newPasswordHash(deps, readPassword, { email, name });
    try {
      await repo.createUser(deps.db, verifiedUser(deps, { email, name, role: 'admin', passwordHash }));
    } catch (error) {
      if (!(error instanceof repo.EmailTakenError)) throw error;
      throw new AppError(
        'conflict',
        `An account with ${email} was created while this ran; run the command again to promote it.`,
      );
    }
    return { outcome: 'created', email, passwordChanged: true, sessionsEnded: 0 };
  }

  let passwordChanged = false;
  let sessionsEnded = 0;
  if (options.resetPassword) {
    const passwordHash = await newPasswordHash(deps, readPassword, { email, name: existing.name });
    await repo.setPasswordHash(deps.db, existing.id, passwordHash, { at: deps.clock.now().toISOString() });
    // As after a reset by email: whoever held the old password is signed out everywhere.
    sessionsEnded = await invalidateUserSessions(deps, existing.id);
    passwordChanged = true;
  }
  if (existing.role === 'admin') {
    return { outcome: 'already-admin', email, passwordChanged, sessionsEnded };
  }
  await repo.setAccess(deps.db, existing.id, { role: 'admin', theaterIds: [] });
  return { outcome: 'promoted', email, previousRole: existing.role, passwordChanged, sessionsEnded };
}

/**
 * Creates an account with its email confirmed unless one already uses the address, which is left as it
 * is (its role or password may have been changed on purpose). Returns its role now, and which it was.
 */
export async function ensureVerifiedAccount(
  deps: OperatorDeps,
  account: { email: string; name: string; role: Role; password: string; theaterIds?: string[] },
): Promise<{ state: 'created' | 'present'; role: Role }> {
  const existing = await repo.findUserByEmail(deps.db, account.email);
  if (existing) return { state: 'present', role: existing.role };
  const passwordHash = await deps.passwords.hash(account.password);
  try {
    await repo.createUser(
      deps.db,
      verifiedUser(deps, {
        email: account.email,
        name: account.name,
        role: account.role,
        passwordHash,
        ...(account.theaterIds ? { theaterIds: account.theaterIds } : {}),
      }),
    );
    return { state: 'created', role: account.role };
  } catch (error) {
    // Another process on the same database created it first: the account is there.
    if (!(error instanceof repo.EmailTakenError)) throw error;
    return { state: 'present', role: account.role };
  }
}

/**
 * Gives the account with `email` the role `role`: for admins only. The new role applies from that user's
 * next request to this process, and within `config.sessionCacheMs` to every other (auth/sessions.ts).
 */
export async function changeRole(
  deps: Pick<Deps, 'db' | 'log' | 'clock' | 'cache' | 'sessionCache'>,
  actor: SessionUser,
  input: { email: string; role: Role; theaterIds?: string[] | undefined },
): Promise<{ email: string; role: Role; previous: Role }> {
  authorize(actor, 'admin');
  const user = await repo.findUserByEmail(deps.db, normalizeEmail(input.email));
  if (!user) {
    const message = 'No account uses that email address.';
    throw new AppError('bad_request', message, { email: message });
  }
  // An admin who demoted themself could leave the site with no admin at all.
  if (user.id === actor.id && input.role !== 'admin') {
    const message = 'You cannot take away your own admin role. Ask another admin to do it.';
    throw new AppError('bad_request', message, { role: message });
  }
  // Theaters matter to staff and managers; a customer has none, an admin has the whole chain.
  const scoped = input.role === 'staff' || input.role === 'manager';
  const theaterIds = scoped ? [...new Set(input.theaterIds ?? [])].sort() : [];
  // The chain's theaters are read only when some are chosen: a customer or an admin needs none.
  const known = new Set(
    theaterIds.length > 0
      ? (await citiesWithTheaters(deps)).flatMap(({ theaters }) => theaters.map((t) => t.id))
      : [],
  );
  const unknown = theaterIds.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    const message = `There is no theater ${unknown.join(', ')}. Choose from the list.`;
    throw new AppError('bad_request', message, { theaters: message });
  }
  const before = { role: user.role, theaterIds: user.theaterIds ?? [] };
  const after = { role: input.role, theaterIds };
  if (JSON.stringify(before) !== JSON.stringify(after)) {
    const entry = auditEntry(deps, actor, {
      action: 'changed access',
      target: { kind: 'user', id: user.id, label: user.email },
      before,
      after,
    });
    await repo.setAccess(deps.db, user.id, after, auditPut(deps.db, entry));
    forgetCachedUsers(deps);
    deps.log.info('access changed', { userId: user.id, by: actor.id, from: user.role, to: input.role });
  }
  return { email: user.email, role: input.role, previous: user.role };
}
