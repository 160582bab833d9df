import type { Role } from '../../src/auth/model';
import { createSession } from '../../src/auth/sessions';
import { randomString } from '../../src/auth/tokens';
import type { Deps } from '../../src/deps';
import { createUser } from '../../src/features/accounts/repo';

/** An account with a confirmed email and a live session: its id, email and the Cookie header it signs in with. */
export async function signedInAccount(
  deps: Pick<Deps, 'db' | 'clock'>,
  email: string,
  role: Role,
  theaterIds?: string[],
): Promise<{ id: string; email: string; cookie: string }> {
  const id = randomString();
  const now = deps.clock.now().toISOString();
  await createUser(deps.db, {
    id,
    email,
    name: email.split('@')[0] ?? 'user',
    smsOptIn: false,
    role,
    theaterIds,
    passwordHash: 'unused',
    emailVerifiedAt: now,
    createdAt: now,
  });
  const { token } = await createSession(deps, id);
  return { id, email, cookie: `session=${token}` };
}
