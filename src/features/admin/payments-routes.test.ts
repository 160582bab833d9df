import { describe, expect, it } from 'vitest';
import { appWithoutDatabase } from '../../../tests/support/db';
import { signInPath } from '../../../tests/support/routes';

const app = appWithoutDatabase();

describe('the payments page for a signed-out visitor', () => {
  it.each(['/admin/payments', '/admin/payments?from=2026-11-01', '/admin/payments.csv?theater=x'])(
    'sends %s to sign in, and back afterwards, before judging the filters',
    async (path) => {
      const res = await app.request(path);
      expect(res.status).toBe(303);
      expect(res.headers.get('Location')).toBe(signInPath(path));
    },
  );
});
