import type { Deps } from '../deps';
import type { Role, User } from '../features/accounts/model';
import { createUser, EmailTakenError, findUserByEmail } from '../features/accounts/repo';
import { randomString } from '../auth/tokens';

/*
 * Known passwords, printed by `make run`: acceptable only because they exist in a database on the
 * developer's own machine. loadDemoUsers refuses to create them anywhere else.
 */
export const DEMO_USERS = [
  {
    email: 'admin@moviemagic.local',
    name: 'Demo Admin',
    role: 'admin',
    password: 'admin-demo-pass-2026',
  },
  {
    email: 'customer@moviemagic.local',
    name: 'Demo Customer',
    role: 'customer',
    password: 'customer-demo-pass-2026',
  },
] as const satisfies readonly { email: string; name: string; role: Role; password: string }[];

export type DemoAccount = { email: string; password: string; role: Role; state: 'created' | 'present' };

/**
 * Creates the demo accounts that do not exist yet, verified, in local mode only; an existing one is left
 * as it is (its role or password may have been changed on purpose). Returns the accounts as they now are.
 */
export async function loadDemoUsers(
  deps: Pick<Deps, 'db' | 'clock' | 'passwords'> & { config: Pick<Deps['config'], 'local'> },
): Promise<DemoAccount[]> {
  if (!deps.config.local) return [];
  const accounts: DemoAccount[] = [];
  for (const demo of DEMO_USERS) {
    const existing = await findUserByEmail(deps.db, demo.email);
    if (existing) {
      accounts.push({ email: demo.email, password: demo.password, role: existing.role, state: 'present' });
      continue;
    }
    const now = deps.clock.now().toISOString();
    const user: User = {
      id: randomString(),
      email: demo.email,
      name: demo.name,
      smsOptIn: false,
      role: demo.role,
      passwordHash: await deps.passwords.hash(demo.password),
      emailVerifiedAt: now,
      createdAt: now,
    };
    try {
      await createUser(deps.db, user);
      accounts.push({ email: demo.email, password: demo.password, role: demo.role, state: 'created' });
    } catch (error) {
      // Another process started on the same database and created it first: the account is there.
      if (!(error instanceof EmailTakenError)) throw error;
      accounts.push({ email: demo.email, password: demo.password, role: demo.role, state: 'present' });
    }
  }
  return accounts;
}

/** The accounts as `make run` prints them: one per line, aligned under the first. */
export function formatDemoAccounts(accounts: DemoAccount[], indent: string): string {
  return accounts
    .map((account) => `${account.email} / ${account.password} (${account.role})`)
    .join(`\n${indent}`);
}
