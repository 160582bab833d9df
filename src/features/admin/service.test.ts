import { describe, expect, it } from 'vitest';
import { untouchableDeps, userWithRole } from '../../../tests/support/untouchable';
import { AppError } from '../../platform/errors';
import { type AdminDeps, adminOverview } from './service';

describe('adminOverview', () => {
  it('refuses a customer with forbidden before touching the database', async () => {
    const { deps, used } = untouchableDeps<AdminDeps>('db', 'log');
    const overview = adminOverview(deps, userWithRole('customer'));
    await expect(overview).rejects.toBeInstanceOf(AppError);
    await expect(overview).rejects.toMatchObject({
      code: 'forbidden',
      message: 'Your account does not have access to this page.',
    });
    expect(used).toEqual([]);
  });

  it('goes on to the database for staff, which these dependencies notice', async () => {
    const { deps, used } = untouchableDeps<AdminDeps>('db', 'log');
    await expect(adminOverview(deps, userWithRole('staff'))).rejects.toThrow('db was used');
    expect(used).toContain('db.doc');
  });
});
