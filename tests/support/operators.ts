import type { Role } from '../../src/auth/model';
import { createSession } from '../../src/auth/sessions';
import { randomString } from '../../src/auth/tokens';
import type { Deps } from '../../src/deps';
import * as repo from '../../src/features/accounts/repo';
import type { Db } from '../../src/platform/db/client';

/*
 * Back-office tests act as admins, managers and staff: an account of a role (and theaters) with a signed-in
 * session, and the requests a browser sends with its cookie.
 */

export type Operator = { id: string; email: string; cookie: string };

/** A verified account of `role`, assigned `theaterIds`, signed in: its session cookie ready to send. */
export async function operator(
  deps: Pick<Deps, 'db' | 'clock'> & Parameters<typeof createSession>[0],
  email: string,
  role: Role,
  theaterIds?: string[],
): Promise<Operator> {
  const id = randomString();
  const now = deps.clock.now().toISOString();
  await repo.createUser(deps.db as Db, {
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

type Requester = { request: (path: string, init?: RequestInit) => Response | Promise<Response> };

/** A GET as the signed-in operator. */
export const getAs = (app: Requester, path: string, who: Pick<Operator, 'cookie'>) =>
  app.request(path, { headers: { Cookie: who.cookie } });

/** A same-origin form post as the signed-in operator. */
export const postAs = (
  app: Requester,
  path: string,
  fields: [string, string][],
  who: Pick<Operator, 'cookie'>,
) =>
  app.request(path, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Origin: 'http://localhost',
      Cookie: who.cookie,
    },
    body: new URLSearchParams(fields).toString(),
  });
