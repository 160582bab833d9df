import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role, SessionUser } from '../../src/auth/model';
import { toSessionUser } from '../../src/auth/model';
import { createSession, invalidateSession, invalidateUserSessions } from '../../src/auth/sessions';
import { randomString } from '../../src/auth/tokens';
import { changeRole } from '../../src/features/accounts/operator-accounts';
import * as repo from '../../src/features/accounts/repo';
import { keys } from '../../src/platform/db/keys';
import { TtlCache } from '../../src/platform/ttl-cache';
import { fixedClock, freshTable, testApp } from '../support/db';

/*
 * Two processes on one table, each keeping sessions and their users for 2 seconds (SESSION_CACHE_SECONDS):
 * a sign-out, a password reset or a role change made in one takes effect there at once and in the other
 * within the bound, never later. The caches' time is driven by hand, so the bound is shown exactly.
 */

const BOUND_MS = 2_000;
const clock = fixedClock('2026-11-24T09:00:00Z');
let db: Awaited<ReturnType<typeof freshTable>>;
let elapsed = 0;
const processes = () => {
  const make = () => testApp(db, clock, { sessionCache: new TtlCache(BOUND_MS, () => elapsed) });
  return { a: make(), b: make() };
};

beforeAll(async () => {
  db = await freshTable();
});
afterAll(() => db?.drop());

async function person(role: Role): Promise<{ user: SessionUser; cookie: string; sessionId: string }> {
  const at = clock.now().toISOString();
  const user = {
    id: randomString(),
    email: `${randomString()}@example.com`,
    name: 'Cached Person',
    smsOptIn: false,
    role,
    passwordHash: 'unused',
    emailVerifiedAt: at,
    createdAt: at,
    ...(role === 'staff' ? { theaterIds: ['harbour-lights-colaba'] } : {}),
  };
  await repo.createUser(db, user);
  const { session, token } = await createSession({ db, clock }, user.id);
  return { user: toSessionUser(user), cookie: `session=${token}`, sessionId: session.id };
}

type App = ReturnType<typeof testApp>;
/** Whether `app` takes the cookie as signed in (the account page answers instead of sending to sign-in). */
const signedIn = async ({ app }: App, cookie: string) =>
  (await app.request('/account', { headers: { Cookie: cookie } })).status === 200;
/** Whether `app` shows the staff link to this cookie's user. */
const seenAsStaff = async ({ app }: App, cookie: string) =>
  (await (await app.request('/', { headers: { Cookie: cookie } })).text()).includes('href="/admin"');

describe('the session cache of each process', () => {
  it('ends a signed-out session here at once, and in another process within the bound', async () => {
    elapsed = 0;
    const { a, b } = processes();
    const me = await person('customer');
    expect(await signedIn(a, me.cookie)).toBe(true);
    expect(await signedIn(b, me.cookie)).toBe(true);
    await invalidateSession(a.deps, me.sessionId);
    expect(await signedIn(a, me.cookie)).toBe(false);
    elapsed = BOUND_MS - 1;
    expect(await signedIn(b, me.cookie)).toBe(true);
    elapsed = BOUND_MS;
    expect(await signedIn(b, me.cookie)).toBe(false);
  });

  it('signs a reset password out everywhere within the bound', async () => {
    elapsed = 0;
    const { a, b } = processes();
    const me = await person('customer');
    expect(await signedIn(a, me.cookie)).toBe(true);
    expect(await signedIn(b, me.cookie)).toBe(true);
    await invalidateUserSessions(a.deps, me.user.id);
    expect(await signedIn(a, me.cookie)).toBe(false);
    elapsed = BOUND_MS - 1;
    expect(await signedIn(b, me.cookie)).toBe(true);
    elapsed = BOUND_MS;
    expect(await signedIn(b, me.cookie)).toBe(false);
  });

  it('applies a role change here at once, and in another process within the bound', async () => {
    elapsed = 0;
    const { a, b } = processes();
    const admin = await person('admin');
    const staff = await person('staff');
    expect(await seenAsStaff(a, staff.cookie)).toBe(true);
    expect(await seenAsStaff(b, staff.cookie)).toBe(true);
    await changeRole(a.deps, admin.user, { email: staff.user.email, role: 'customer' });
    expect(await seenAsStaff(a, staff.cookie)).toBe(false);
    elapsed = BOUND_MS - 1;
    expect(await seenAsStaff(b, staff.cookie)).toBe(true);
    elapsed = BOUND_MS;
    expect(await seenAsStaff(b, staff.cookie)).toBe(false);
  });

  it('reads a session once per bound, not once per request', async () => {
    elapsed = 0;
    const { a } = processes();
    const me = await person('customer');
    let reads = 0;
    const stack = a.deps.db.doc.middlewareStack;
    stack.add(
      (next) => (args) => {
        const input = args.input as {
          Key?: { pk?: string };
          RequestItems?: Record<string, { Keys: { pk?: string }[] }>;
        };
        const asked = [input.Key, ...Object.values(input.RequestItems ?? {}).flatMap((r) => r.Keys)];
        if (asked.some((key) => key?.pk === keys.session(me.sessionId))) reads++;
        return next(args);
      },
      { step: 'initialize', name: 'countSessionReads' },
    );
    try {
      for (let i = 0; i < 5; i++) expect(await signedIn(a, me.cookie)).toBe(true);
      expect(reads).toBe(1);
      elapsed = BOUND_MS;
      expect(await signedIn(a, me.cookie)).toBe(true);
      expect(reads).toBe(2);
    } finally {
      stack.remove('countSessionReads');
    }
  });
});
