import type { SessionUser } from '../../src/auth/model';

/**
 * Dependencies that record and refuse any use, named `names`: a service that reaches for them before
 * it should (before checking who is asking) fails loudly, and `used` says what it reached for.
 */
export function untouchableDeps<T>(...names: string[]): { deps: T; used: string[] } {
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
  return { deps: Object.fromEntries(names.map((name) => [name, refuse(name)])) as T, used };
}

/** A signed-in user of `role`, as the session middleware hands it to services. */
export function userWithRole(role: SessionUser['role']): SessionUser {
  return {
    id: `${role}-1`,
    email: `${role}@example.com`,
    name: `A ${role}`,
    role,
    emailVerifiedAt: '2026-11-24T09:00:00.000Z',
  };
}
