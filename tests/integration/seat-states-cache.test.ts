import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createSession } from '../../src/auth/sessions';
import { loadConfig } from '../../src/config';
import { demoShowtimes, loadDemoData } from '../../src/demo/seed';
import { createUser } from '../../src/features/accounts/repo';
import { recentSeatStates } from '../../src/features/booking/recent-seats';
import { createDb, type Db } from '../../src/platform/db/client';
import { writtenPartitions } from '../../src/platform/db/write-watch';
import { fixedClock, freshTable, PATIENT_CALLS, testApp } from '../support/db';

/*
 * Two processes on one table, each sharing a showtime's seat states among its seat maps for 0.5 s
 * (SEAT_MAP_CACHE_SECONDS), and keeping the pages drawn from it while it is current: a hold shows on the
 * next page of the process that placed it at once, and in the other within the bound. The seat caches'
 * time is driven by hand.
 */

const BOUND_MS = 500;
const now = new Date('2026-11-24T09:00:00Z');
const clock = fixedClock(now);
let db: Awaited<ReturnType<typeof freshTable>>;
let elapsed = 0;
const show = demoShowtimes(now).find(
  (s) => s.screenId === 'harbour-lights-colaba-1' && s.startsAt > '2026-11-25',
);

/** A second client on the same table: another process, whose writes this process's watcher never sees. */
const otherClient = (): Db =>
  createDb(
    {
      region: 'us-east-1',
      endpoint: inject('dynamoEndpoint'),
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      calls: PATIENT_CALLS,
    },
    db.table,
  );

/** The page cache as deployed (PAGE_CACHE_SECONDS): it keeps seat pages while their seat read is current. */
const config = loadConfig({
  DYNAMODB_ENDPOINT: 'http://x.invalid',
  CATALOG_CACHE_SECONDS: '0',
  SESSION_CACHE_SECONDS: '0',
});

const processOn = (client: Db) =>
  testApp(client, clock, { config, seatStates: recentSeatStates(client, BOUND_MS, () => elapsed) });

beforeAll(async () => {
  db = await freshTable();
  await loadDemoData(db, now);
});
afterAll(() => db?.drop());

async function buyer(id: string): Promise<string> {
  await createUser(db, {
    id,
    email: `${id}@example.com`,
    name: id,
    smsOptIn: false,
    role: 'customer',
    passwordHash: 'unused',
    emailVerifiedAt: now.toISOString(),
    createdAt: now.toISOString(),
  });
  const { token } = await createSession({ db, clock }, id);
  return `session=${token}`;
}

type App = ReturnType<typeof processOn>['app'];
const seatMap = (app: App, cookie?: string) =>
  Promise.resolve(app.request(`/showtimes/${show?.id}`, cookie ? { headers: { Cookie: cookie } } : {})).then(
    (r) => r.text(),
  );
/** Whether the seat map shows `seat` as taken: its checkbox is disabled. */
const takenOn = (html: string, seat: string) =>
  new RegExp(`<input[^>]*value="${seat}"[^>]*disabled`).test(html) ||
  new RegExp(`<input[^>]*disabled[^>]*value="${seat}"`).test(html);
const hold = (app: App, cookie: string, seats: string[]) =>
  app.request(`/showtimes/${show?.id}/hold`, {
    method: 'POST',
    headers: {
      Cookie: cookie,
      Origin: 'http://localhost',
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams(seats.map((seat) => ['seat', seat])).toString(),
  });

describe("each process's shared read of a showtime's seats", () => {
  it('shows a hold at once where it was placed, and in another process within the bound', async () => {
    if (!show) throw new Error('demo Grand Hall showtime missing');
    elapsed = 0;
    const a = processOn(db).app;
    const b = processOn(otherClient()).app;
    const me = await buyer('cache-holder');
    const viewer = await buyer('cache-viewer');
    // Signed out and signed in alike, each process keeps these pages while its read is current.
    for (const app of [a, b]) {
      for (const cookie of [undefined, viewer, me])
        expect(takenOn(await seatMap(app, cookie), 'G7')).toBe(false);
    }
    // Kept apart: a signed-out visitor is not sent a customer's page, nor the other way round.
    expect(await seatMap(a)).toContain('Sign in to hold these seats');
    expect(await seatMap(a, viewer)).not.toContain('Sign in to hold these seats');

    expect((await hold(a, me, ['G7', 'G8'])).status).toBe(303);
    // The process that placed it forgot its copy, and the pages drawn from it: its next pages show the
    // hold, to the holder as their own seats.
    expect(takenOn(await seatMap(a, viewer), 'G7')).toBe(true);
    expect(takenOn(await seatMap(a), 'G7')).toBe(true);
    const own = await seatMap(a, me);
    expect(own).toContain('You are holding G7, G8 until');
    expect(takenOn(own, 'G7')).toBe(false);
    expect(await seatMap(a, viewer)).not.toContain('You are holding');
    // The other process still has its read from before the hold until the bound, then reads again.
    expect(takenOn(await seatMap(b), 'G7')).toBe(false);
    elapsed = BOUND_MS - 1;
    expect(takenOn(await seatMap(b, viewer), 'G7')).toBe(false);
    elapsed = BOUND_MS;
    expect(takenOn(await seatMap(b, viewer), 'G7')).toBe(true);
    expect(takenOn(await seatMap(b), 'G7')).toBe(true);
    expect(await seatMap(b, me)).toContain('You are holding G7, G8 until');
  });

  it('never sells from it: a hold on seats its stale read shows free is refused, naming them', async () => {
    if (!show) throw new Error('demo Grand Hall showtime missing');
    elapsed = 0;
    const a = processOn(db).app;
    const b = processOn(otherClient()).app;
    const first = await buyer('cache-first');
    const second = await buyer('cache-second');
    expect(takenOn(await seatMap(b, second), 'J4')).toBe(false);
    expect((await hold(a, first, ['J4', 'J5'])).status).toBe(303);
    expect(takenOn(await seatMap(b, second), 'J4')).toBe(false);
    const refused = await hold(b, second, ['J4', 'J5']);
    expect(refused.status).toBe(409);
    const page = await refused.text();
    expect(page).toMatch(/J4, J5/);
    // The seats the refusal named are drawn taken though the shared read is older than the hold.
    expect(takenOn(page, 'J4')).toBe(true);
    expect(takenOn(page, 'J5')).toBe(true);
  });
});

describe('the partitions a write changes', () => {
  it('names each put, update and delete, and no condition check', () => {
    expect(
      writtenPartitions({
        TransactItems: [
          { ConditionCheck: { Key: { pk: 'SHOW#x' } } } as never,
          { Put: { Item: { pk: 'SHOW#a' } } },
          { Update: { Key: { pk: 'BOOKING#b' } } },
          { Delete: { Key: { pk: 'SHOW#a' } } },
        ],
      }),
    ).toEqual(['SHOW#a', 'BOOKING#b']);
    expect(writtenPartitions({ Item: { pk: 'USER#u' } })).toEqual(['USER#u']);
    expect(writtenPartitions({ Item: { pk: { S: 'USER#m' } } })).toEqual(['USER#m']);
    expect(writtenPartitions({ Key: { pk: 'LIMIT#l' } })).toEqual(['LIMIT#l']);
    expect(
      writtenPartitions({
        RequestItems: { t: [{ PutRequest: { Item: { pk: 'A' } } }, { DeleteRequest: { Key: { pk: 'B' } } }] },
      }),
    ).toEqual(['A', 'B']);
  });
});
