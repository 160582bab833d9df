import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, invalidateSession } from '../../src/auth/sessions';
import { demoShowtimes, loadDemoData } from '../../src/demo/seed';
import { createUser, markEmailVerified } from '../../src/features/accounts/repo';
import { listSeatStates } from '../../src/features/booking/repo';
import { TtlCache } from '../../src/platform/ttl-cache';
import { fixedClock, freshTable, testApp } from '../support/db';

/*
 * A hold, a checkout and a confirmation each read their session in the request that reads their own
 * first items (features/booking/read-ahead.ts), whether the session is in the process's cache or not;
 * a session that does not validate hands out nothing it read, and its step writes nothing.
 */

const now = new Date('2026-11-24T09:00:00Z');
const clock = fixedClock(now);
const show = demoShowtimes(now).find(
  (s) => s.screenId === 'harbour-lights-colaba-1' && s.startsAt > '2026-11-26',
);
if (!show) throw new Error('demo showtime missing');
const origin = 'http://localhost';

let db: Awaited<ReturnType<typeof freshTable>>;
let requests: string[] = [];

beforeAll(async () => {
  db = await freshTable();
  await loadDemoData(db, now);
  db.doc.middlewareStack.add(
    (next, context) => (args) => {
      requests.push((context.commandName ?? '').replace(/Command$/, ''));
      return next(args);
    },
    { step: 'initialize', name: 'countStepRequests' },
  );
});
afterAll(() => db?.drop());

async function buyer(id: string, deps: ReturnType<typeof testApp>['deps']) {
  const email = `${id}@example.com`;
  await createUser(db, {
    id,
    email,
    name: 'Step Reader',
    smsOptIn: false,
    role: 'customer',
    passwordHash: 'unused',
    createdAt: now.toISOString(),
  });
  await markEmailVerified(db, id, email, now.toISOString());
  const { token, session } = await createSession(deps, id);
  return { cookie: `session=${token}`, sessionId: session.id };
}

/** The DynamoDB requests one HTTP request makes, and its answer. */
async function counted(
  app: ReturnType<typeof testApp>['app'],
  cookie: string,
  path: string,
  form?: [string, string][],
) {
  requests = [];
  const response = await app.request(path, {
    method: form ? 'POST' : 'GET',
    headers: {
      Cookie: cookie,
      Origin: origin,
      ...(form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
    },
    body: form ? new URLSearchParams(form).toString() : undefined,
  });
  const body = await response.text();
  return { status: response.status, location: response.headers.get('location'), body, requests: requests };
}

describe('a booking step reads its session with its own first read', () => {
  it.each([
    ['read from the table', 0, 'A'],
    ['kept in the process', 60_000, 'B'],
  ])('hold, checkout and confirm, the session %s', async (_, cacheMs, row) => {
    // The catalogue is cached as in the app: what is counted is the session's and the step's reads.
    const { app, deps } = testApp(db, clock, {
      cache: new TtlCache(60_000),
      sessionCache: new TtlCache(cacheMs),
    });
    const { cookie } = await buyer(`step-reader-${row.toLowerCase()}`, deps);
    await counted(app, cookie, `/showtimes/${show.id}`);

    const hold = await counted(app, cookie, `/showtimes/${show.id}/hold`, [
      ['seat', `${row}3`],
      ['seat', `${row}4`],
    ]);
    expect(hold.status).toBe(303);
    expect(hold.location).toBe(`/checkout/${show.id}`);
    expect(hold.requests).toEqual(['BatchGetItem', 'TransactWriteItems']);

    const checkout = await counted(app, cookie, `/checkout/${show.id}`);
    expect(checkout.status).toBe(200);
    expect(checkout.requests).toEqual(['BatchGetItem']);
    const key = /name="key" value="([^"]+)"/.exec(checkout.body)?.[1] ?? '';
    expect(key).toMatch(/^[0-9a-f-]{36}$/);

    const confirm = await counted(app, cookie, `/checkout/${show.id}/confirm`, [['key', key]]);
    expect(confirm.status).toBe(303);
    expect(confirm.location).toMatch(/^\/bookings\/MM-/);
    expect(confirm.requests).toEqual(['BatchGetItem', 'Query', 'TransactWriteItems']);
  });

  it('a signed-out session holds nothing and is sent to sign in, its reads unused', async () => {
    const { app, deps } = testApp(db, clock, { cache: new TtlCache(60_000) });
    const { cookie, sessionId } = await buyer('step-reader-gone', deps);
    await counted(app, '', `/showtimes/${show.id}`);
    await invalidateSession(deps, sessionId);
    const hold = await counted(app, cookie, `/showtimes/${show.id}/hold`, [
      ['seat', 'C3'],
      ['seat', 'C4'],
    ]);
    expect(hold.status).toBe(303);
    expect(hold.location).toMatch(/^\/sign-in\?next=/);
    expect(hold.requests).toEqual(['BatchGetItem']);
    const seats = (await listSeatStates(db, show.id)).filter((s) => ['C3', 'C4'].includes(s.seatId));
    expect(seats).toEqual([]);

    const checkout = await counted(app, cookie, `/checkout/${show.id}`);
    expect(checkout.status).toBe(303);
    expect(checkout.location).toMatch(/^\/sign-in/);
  });
});
