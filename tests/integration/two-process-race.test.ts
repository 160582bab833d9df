import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { newBuyers, race, raceShowtime } from '../../scripts/bench/race';
import { auditRace } from '../../scripts/bench/race-checks';
import { sessionCookieName } from '../../src/auth/session-cookie';
import { loadConfig } from '../../src/config';
import { loadDemoData } from '../../src/demo/seed';
import { exportTicketKeys } from '../../src/platform/ticket-keys/ticket-keys';
import { freshTable, testTicketKeys } from '../support/db';

/*
 * `make bench-booking`'s race against two server processes (node dist/server.js, each with its own
 * catalogue, session and seat map caches) on one DynamoDB Local table: 500 buyers, alternately on one
 * and the other, hold and confirm 1-4 seats of one Grand Hall showtime (too few for them all), a tenth
 * abandoning their hold. Once the holds have expired: no seat is sold twice, fresh buyers can hold every
 * seat not sold (no hold leaked), and every booking a buyer was sent to is in the table with that
 * buyer's seats.
 */

const BUYERS = 500;
/**
 * All 500 at once, as in the bench: each process sends DynamoDB Local at most DYNAMODB_MAX_IN_FLIGHT
 * requests at a time (8 against a local endpoint) and queues the rest, so the rush waits its turn rather
 * than being answered 503. A 503 that still happens (DynamoDB Local stalling past the call's 2 s limit on
 * a busy machine) is sent again once, as a person would: what must never happen is a seat sold twice, a
 * hold that leaks, or a booking made and not reported, whatever the answers were.
 */
const AT_ONCE = 500;
const now = new Date();
let db: Awaited<ReturnType<typeof freshTable>>;
let serverEnv: Record<string, string>;
const servers: Server[] = [];

type Server = { origin: string; child: ChildProcess; output: () => string };

/** Starts `node dist/server.js` with `env` and resolves once its /healthz answers 200. */
async function startServer(env: Record<string, string>): Promise<Server> {
  const child = spawn(process.execPath, ['dist/server.js'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  // Killed with the test run however it ends, so no server outlives it.
  process.once('exit', () => child.kill('SIGKILL'));
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const server = { origin: '', child, output: () => output };
  servers.push(server);
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
    if (child.exitCode !== null) throw new Error(`the server exited early:\n${output}`);
    // PORT=0: the kernel picks the port, which the server names once it listens.
    server.origin ||= /is running at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1] ?? '';
    const healthy =
      server.origin !== '' &&
      (await fetch(`${server.origin}/healthz`).then(
        (response) => response.ok,
        () => false,
      ));
    if (healthy) return server;
    await new Promise((wake) => setTimeout(wake, 100));
  }
  throw new Error(`the server did not answer /healthz within 60 s:\n${output}`);
}

/** SIGTERM, so it stops its local SES server too; SIGKILL if it has not exited 10 s later. */
async function stopServer({ child }: Server): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  const late = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(late);
}

beforeAll(async () => {
  db = await freshTable();
  await loadDemoData(db, now);
  serverEnv = {
    PATH: process.env.PATH ?? '',
    PORT: '0',
    HOST: '127.0.0.1',
    DYNAMODB_ENDPOINT: inject('dynamoEndpoint'),
    TABLE_NAME: db.table,
    // Loaded above, as of the `now` the showtime is chosen by. With nothing to load, a start-up only reads
    // the table's description, so both servers may start at once.
    DEMO_DATA: 'false',
    // Short, so the test waits little for the abandoned holds to expire.
    HOLD_MINUTES: '0.5',
    LOG_LEVEL: 'warn',
    // No confirmations are sent while the test runs: the race is about seats, and the cores are few.
    OUTBOX_POLL_SECONDS: '300',
    // Every process of one deployment signs ticket codes with the same key.
    TICKET_SIGNING_KEY: (await exportTicketKeys(testTicketKeys)).signingKey,
  };
  await Promise.all([startServer(serverEnv), startServer(serverEnv)]);
});

afterAll(async () => {
  await Promise.all(servers.map(stopServer));
  await db?.drop();
});

describe('two server processes on one table', () => {
  it('sell no seat twice and leak no hold when 500 buyers race for one showtime', async () => {
    const config = loadConfig(serverEnv);
    const picked = raceShowtime(now);
    if (!picked)
      throw new Error('No Grand Hall showtime starts in the coming week: the demo data has changed.');
    const { show, screen, theater } = picked;
    const origins = servers.map((server) => server.origin);
    const cookieName = sessionCookieName(config.local);

    const result = await race({
      origins,
      showId: show.id,
      screenId: screen.id,
      isolationRule: theater.isolatedSeatRule ?? true,
      maxSeats: config.maxSeatsPerOrder,
      buyers: await newBuyers(db, cookieName, BUYERS),
      concurrency: AT_ONCE,
    });
    const audit = await auditRace({
      db,
      showId: show.id,
      layout: screen.layout,
      maxSeats: config.maxSeatsPerOrder,
      origins,
      cookieName,
      confirmed: result.bookings,
    });

    // Soft, so that a failing run reports every check, not just the first.
    const logs = servers.map((server) => server.output().slice(-2000)).join('\n');
    expect.soft(result.errors, `unexpected answers; the servers said:\n${logs}`).toEqual([]);
    expect.soft([...audit.wrong], 'oversold seats').toEqual([]);
    expect.soft([...audit.orphaned], 'orphaned holds').toEqual([]);
    expect.soft(audit.missing, 'confirmed bookings missing from the table or with other seats').toEqual([]);
    // And no booking that no buyer was told of: the table holds the confirmed ones and no others.
    expect.soft(audit.tableBookings.length, 'bookings in the table').toBe(result.bookings.length);
    // The buyers did race: some chose seats another had just taken.
    expect.soft(result.refused.hold[409] ?? 0, 'holds refused').toBeGreaterThan(0);
    // Both processes held seats and sold them.
    for (const origin of origins) {
      expect.soft(result.servedBy[origin]?.holds, `holds by ${origin}`).toBeGreaterThan(0);
      expect.soft(result.servedBy[origin]?.confirms, `bookings by ${origin}`).toBeGreaterThan(0);
    }
  }, 170_000);
});
