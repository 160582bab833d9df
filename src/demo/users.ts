import type { Role } from '../auth/model';
import type { Deps } from '../deps';
import { ensureVerifiedAccount, type OperatorDeps } from '../features/accounts/operator-accounts';

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
  deps: OperatorDeps & { config: Pick<Deps['config'], 'local'> },
): Promise<DemoAccount[]> {
  if (!deps.config.local) return [];
  const accounts: DemoAccount[] = [];
  for (const demo of DEMO_USERS) {
    const { state, role } = await ensureVerifiedAccount(deps, demo);
    accounts.push({ email: demo.email, password: demo.password, role, state });
  }
  return accounts;
}

/** The accounts as `make run` prints them: one per line, aligned under the first. */
export function formatDemoAccounts(accounts: DemoAccount[], indent: string): string {
  return accounts
    .map((account) => `${account.email} / ${account.password} (${account.role})`)
    .join(`\n${indent}`);
}
