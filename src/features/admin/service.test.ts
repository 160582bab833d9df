import { describe, expect, it } from 'vitest';
import type { SessionUser } from '../../auth/model';
import { AppError } from '../../platform/errors';
import { type AdminDeps, adminOverview } from './service';

/** Dependencies that record and refuse any use: a service that reaches for them fails loudly. */
function untouchableDeps() {
  const used: string[] = [];
  const refuse = (name: string) =>
    new Proxy(
      {},
      {
        get(_target, key) {
          used.push(`${name}.${String(key)}`);
          throw new Error(`${name} was used`);
        },
      },
    );
  const deps = { db: refuse('db'), log: refuse('log') } as unknown as AdminDeps;
  return { deps, used };
}

const user = (role: SessionUser['role']): SessionUser => ({
  id: `${role}-1`,
  email: `${role}@example.com`,
  name: `A ${role}`,
  role,
  emailVerifiedAt: '2026-11-24T09:00:00.000Z',
});

describe('adminOverview', () => {
  it('refuses a customer with forbidden before touching the database', async () => {
    const { deps, used } = untouchableDeps();
    const overview = adminOverview(deps, user('customer'));
    await expect(overview).rejects.toBeInstanceOf(AppError);
    await expect(overview).rejects.toMatchObject({
      code: 'forbidden',
      message: 'Your account does not have access to this page.',
    });
    expect(used).toEqual([]);
  });

  it('goes on to the database for staff, which these dependencies notice', async () => {
    const { deps, used } = untouchableDeps();
    await expect(adminOverview(deps, user('staff'))).rejects.toThrow('db was used');
    expect(used).toContain('db.doc');
  });
});
