import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putSession } from '../../src/auth/repo';
import { createSession, validateSessionToken } from '../../src/auth/sessions';
import { randomString } from '../../src/auth/tokens';
import * as accounts from '../../src/features/accounts/repo';
import { fixedClock, freshTable } from '../support/db';

/*
 * A session's id begins with its user's id, so validating a token reads the session and its user in one
 * request; a token whose id names another user than the session's is refused; sessions made before ids
 * named their user still validate, in two requests.
 */

const clock = fixedClock('2026-11-30T09:00:00Z');
let db: Awaited<ReturnType<typeof freshTable>>;
let requests: string[] = [];

beforeAll(async () => {
  db = await freshTable();
  db.doc.middlewareStack.add(
    (next, context) => (args) => {
      requests.push(context.commandName ?? '');
      return next(args);
    },
    { step: 'initialize' },
  );
});
afterAll(() => db?.drop());

async function user(): Promise<string> {
  const id = randomString();
  await accounts.createUser(db, {
    id,
    email: `${id}@example.com`,
    name: 'Session Reader',
    smsOptIn: false,
    role: 'customer',
    passwordHash: 'unused',
    createdAt: clock.now().toISOString(),
  });
  return id;
}

describe('reading a session', () => {
  it('reads the session and its user in one request when the id names the user', async () => {
    const id = await user();
    const { token, session } = await createSession({ db, clock }, id);
    expect(session.id).toMatch(new RegExp(`^${id}_[a-z2-7]{24}$`));
    requests = [];
    const valid = await validateSessionToken({ db, clock }, token);
    expect(valid?.user.id).toBe(id);
    expect(requests).toEqual(['BatchGetItemCommand']);
  });

  it("refuses a token whose id names another user than the session's", async () => {
    const mine = await user();
    const theirs = await user();
    const { token } = await createSession({ db, clock }, mine);
    const [id, secret] = token.split('.');
    const forgedId = `${theirs}${id?.slice(mine.length)}`;
    // The forged id is stored as a session of `mine`, so only the user check can refuse it.
    await putSession(db, {
      id: forgedId,
      userId: mine,
      secretHash: (await validateSessionToken({ db, clock }, token))?.session.secretHash ?? '',
      createdAt: clock.now().toISOString(),
      lastVerifiedAt: clock.now().toISOString(),
      expiresAt: '2026-12-30T09:00:00.000Z',
    });
    expect(await validateSessionToken({ db, clock }, `${forgedId}.${secret}`)).toBeUndefined();
    expect((await validateSessionToken({ db, clock }, token))?.user.id).toBe(mine);
  });

  it('still validates a session whose id is only random, in two requests', async () => {
    const id = await user();
    const { token, session } = await createSession({ db, clock }, id);
    const [, secret] = token.split('.');
    const bare = randomString();
    await putSession(db, { ...session, id: bare });
    requests = [];
    expect((await validateSessionToken({ db, clock }, `${bare}.${secret}`))?.user.id).toBe(id);
    expect(requests).toEqual(['GetItemCommand', 'GetItemCommand']);
  });
});
