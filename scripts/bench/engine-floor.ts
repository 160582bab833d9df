/**
 * The engine floor of `make bench-booking`: a closed loop of buyers, each on a showtime of their own,
 * booking seats through the app (hold POST, checkout GET, confirm POST), in rounds that alternate with
 * rounds of the floor: the same two TransactWriteItems a booking makes (repo.placeHold, repo.confirmHold)
 * sent straight to the same DynamoDB Local by as many clients, no HTTP. Their ratio is what the app's own
 * work (HTTP, sessions, reads, rendering) costs beside the database's.
 */
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { serve } from '@hono/node-server';
import { loadConfig } from '../../src/config';
import { screens } from '../../src/demo/catalog';
import { demoShowtimes } from '../../src/demo/seed';
import type { Deps } from '../../src/deps';
import { bookingIdFor } from '../../src/features/booking/booking-id';
import type { Hold } from '../../src/features/booking/model';
import * as repo from '../../src/features/booking/repo';
import { indexLayout } from '../../src/features/booking/rules';
import { newBooking } from '../../src/features/booking/sale';
import { quote } from '../../src/features/booking/service';
import { releaseAtFor } from '../../src/features/booking/unpaid';
import { showtimeDetails } from '../../src/features/catalog/service';
import { createNodeApp } from '../../src/node';
import { systemClock } from '../../src/platform/clock';
import type { Db } from '../../src/platform/db/client';
import type { createLogger } from '../../src/platform/log';
import { TtlCache } from '../../src/platform/ttl-cache';
import { type CpuUse, cpuMeter } from './cpu-meter';
import { newBuyer } from './grand-hall';
import { checkoutKey, MIN_LEAD_MS, mapLimit } from './race';
import { orders } from './race-checks';
import { benchServices } from './services';

/** One buyer's lane: their showtime, the seat orders they book in turn, and (for the app) their cookies. */
export type Lane = { showId: string; orders: string[][]; cookies: string[] };
type AppRound = { engineFloorRound: true; origin: string; lanes: Lane[]; from: number[]; ms: number };
/** `clientCpuMs`: CPU the app round's buyers (their worker thread) used; the server's is the rest of Node's. */
export type RoundResult = {
  bookings: number;
  seconds: number;
  used: number[];
  errors: string[];
  clientCpuMs?: number;
};

/** The app's round, in a worker thread so the buyers' requests stay off the server's event loop. */
async function appRound(input: AppRound): Promise<RoundResult> {
  const cpu = process.threadCpuUsage();
  const started = performance.now();
  const end = started + input.ms;
  const errors: string[] = [];
  let bookings = 0;
  const used = [...input.from];
  const send = async (cookie: string, path: string, form?: URLSearchParams) => {
    const response = await fetch(input.origin + path, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: form
        ? { cookie, origin: input.origin, 'content-type': 'application/x-www-form-urlencoded' }
        : { cookie },
      body: form?.toString(),
    });
    return {
      status: response.status,
      location: response.headers.get('location') ?? '',
      body: await response.text(),
    };
  };
  await Promise.all(
    input.lanes.map(async (lane, i) => {
      while (performance.now() < end) {
        const n = used[i] ?? 0;
        const seats = lane.orders[n];
        if (!seats) return;
        used[i] = n + 1;
        const cookie = lane.cookies[n % lane.cookies.length] ?? '';
        const path = `/showtimes/${lane.showId}`;
        const hold = await send(cookie, `${path}/hold`, new URLSearchParams(seats.map((s) => ['seat', s])));
        if (hold.status !== 303) {
          errors.push(`hold answered ${hold.status}`);
          continue;
        }
        const form = await send(cookie, `/checkout/${lane.showId}`);
        const key = checkoutKey(form.body);
        if (!key) {
          errors.push(`checkout answered ${form.status} with no form`);
          continue;
        }
        const confirm = await send(cookie, `/checkout/${lane.showId}/confirm`, new URLSearchParams({ key }));
        if (confirm.status === 303 && confirm.location.startsWith('/bookings/')) bookings++;
        else errors.push(`confirm answered ${confirm.status}`);
      }
    }),
  );
  const client = process.threadCpuUsage(cpu);
  return {
    bookings,
    seconds: (performance.now() - started) / 1000,
    used,
    errors,
    clientCpuMs: (client.user + client.system) / 1000,
  };
}

export function runAppRound(origin: string, lanes: Lane[], from: number[], ms: number): Promise<RoundResult> {
  return new Promise((done, fail) => {
    const data: AppRound = { engineFloorRound: true, origin, lanes, from, ms };
    const worker = new Worker(fileURLToPath(import.meta.url), { workerData: data });
    worker.once('message', (result: RoundResult) => done(result));
    worker.once('error', fail);
    worker.once('exit', (code) => fail(new Error(`the app round's worker exited with code ${code}`)));
  });
}

type FloorDeps = Pick<Deps, 'db' | 'clock' | 'cache' | 'config'>;

/**
 * The floor's round: per lane, the booking's two transactions with the items the app writes (the hold
 * with its seats and hold slot, then the sale of its seats with the booking, its outbox message and door
 * code), one after the other, as fast as DynamoDB Local answers.
 */
export async function floorRound(
  deps: FloorDeps,
  lanes: Lane[],
  from: number[],
  ms: number,
): Promise<RoundResult> {
  const started = performance.now();
  const end = started + ms;
  const errors: string[] = [];
  const used = [...from];
  let bookings = 0;
  // The showtime's details are the app's catalogue cache's business, not the floor's: read once.
  const details = await Promise.all(lanes.map((lane) => showtimeDetails(deps, lane.showId)));
  await Promise.all(
    lanes.map(async (lane, i) => {
      const show = details[i];
      while (show && performance.now() < end) {
        const n = used[i] ?? 0;
        const seats = lane.orders[n];
        if (!seats) return;
        used[i] = n + 1;
        const now = deps.clock.now().toISOString();
        const userId = `floor-${i}-${n}`;
        const hold: Hold = {
          holdId: crypto.randomUUID(),
          showId: lane.showId,
          userId,
          seats,
          createdAt: now,
          expiresAt: new Date(Date.parse(now) + deps.config.holdMs).toISOString(),
          slot: 0,
          layoutVersion: show.show.layoutVersion ?? 1,
        };
        try {
          await repo.placeHold(deps.db, hold, undefined, now);
          const key = crypto.randomUUID();
          const releaseAt = releaseAtFor(deps, show.show.startsAt);
          const booking = newBooking(
            show,
            {
              id: bookingIdFor(key, userId),
              userId,
              seats,
              price: quote(show, seats),
              payment: { provider: 'box-office', status: 'unpaid', releaseAt },
            },
            now,
          );
          await repo.confirmHold(deps.db, hold, booking, now, key, { unpaidUntil: releaseAt });
          bookings++;
        } catch (error) {
          errors.push((error as Error).name);
        }
      }
    }),
  );
  return { bookings, seconds: (performance.now() - started) / 1000, used, errors };
}

/** CPU milliseconds per booking made. */
const perBooking = (use: CpuUse, bookings: number): CpuUse => ({
  databaseMs: use.databaseMs === undefined ? undefined : use.databaseMs / Math.max(bookings, 1),
  nodeMs: use.nodeMs / Math.max(bookings, 1),
});

/** Median of the rounds' rates. */
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

export type FloorComparison = {
  /** The app on the bench's table, configured as the comparison needs (caps raised for its few buyers). */
  origin: string;
  deps: FloorDeps;
  /** Lanes for the app and for the floor: distinct showtimes, so neither books into the other's. */
  appLanes: Lane[];
  floorLanes: Lane[];
  rounds: number;
  roundMs: number;
  goal: number;
  /** DynamoDB Local's process, for the CPU each booking costs it; unknown, that column is left out. */
  databasePid: number | undefined;
};

/**
 * Alternates app and floor rounds (the machine's drift falls on both), printing each round's bookings/s,
 * then the ratio of the medians. Returns the failures: answers the app should not have given.
 */
export async function compareWithFloor(run: FloorComparison): Promise<string[]> {
  const appRates: number[] = [];
  const floorRates: number[] = [];
  let appFrom = run.appLanes.map(() => 0);
  let floorFrom = run.floorLanes.map(() => 0);
  const errors: string[] = [];
  const rate = (result: RoundResult) => result.bookings / result.seconds;
  const cpu: Record<'app' | 'floor', CpuUse[]> = { app: [], floor: [] };
  const clientMs: number[] = [];
  for (let round = 1; round <= run.rounds; round++) {
    let meter = cpuMeter(run.databasePid);
    const app = await runAppRound(run.origin, run.appLanes, appFrom, run.roundMs);
    cpu.app.push(perBooking(meter(), app.bookings));
    clientMs.push((app.clientCpuMs ?? 0) / Math.max(app.bookings, 1));
    meter = cpuMeter(run.databasePid);
    const floor = await floorRound(run.deps, run.floorLanes, floorFrom, run.roundMs);
    cpu.floor.push(perBooking(meter(), floor.bookings));
    appFrom = app.used;
    floorFrom = floor.used;
    errors.push(...app.errors, ...floor.errors.map((name) => `floor transaction failed: ${name}`));
    appRates.push(rate(app));
    floorRates.push(rate(floor));
    console.log(
      `  round ${round}: app ${rate(app).toFixed(1)} bookings/s (${app.bookings}), floor ` +
        `${rate(floor).toFixed(1)} bookings/s (${floor.bookings}), ratio ${(rate(app) / rate(floor)).toFixed(2)}`,
    );
  }
  const ratio = median(appRates) / median(floorRates);
  console.log(
    `  app / floor: ${median(appRates).toFixed(1)} / ${median(floorRates).toFixed(1)} bookings/s (medians) = ` +
      `${ratio.toFixed(2)} (goal: at least ${run.goal}) ${ratio >= run.goal ? 'MET' : 'NOT MET'}`,
  );
  for (const side of ['app', 'floor'] as const) {
    const database = cpu[side].map((use) => use.databaseMs);
    const node = median(cpu[side].map((use) => use.nodeMs));
    console.log(
      `  CPU per booking, ${side} rounds (medians): DynamoDB Local ${database.every((ms) => ms !== undefined) ? `${median(database as number[]).toFixed(1)} ms` : 'not measured'}, ` +
        (side === 'app'
          ? `Node ${node.toFixed(1)} ms (the buyers' thread ${median(clientMs).toFixed(1)} ms of it)`
          : `Node (the floor's clients) ${node.toFixed(1)} ms`),
    );
  }
  const used = [...appFrom, ...floorFrom];
  const exhausted = [...run.appLanes, ...run.floorLanes].some(
    (lane, i) => (used[i] ?? 0) >= lane.orders.length,
  );
  if (exhausted)
    console.log('  (some lanes ran out of seats before the last round ended: rates are lower bounds)');
  return errors.length
    ? [`${errors.length} failed bookings in the engine-floor rounds: ${[...new Set(errors)].join('; ')}`]
    : [];
}

/** Buyers, showtimes and rounds of the engine-floor comparison (scripts/bench/engine-floor.ts). */
const FLOOR = { buyers: 20, accountsEach: 3, seatsEach: 2, rounds: 3, roundMs: 4_000, goal: 0.8 };

/**
 * The engine floor beside the app: FLOOR.buyers buyers, each on a Grand Hall showtime of their own (not
 * the race's), book FLOOR.seatsEach seats at a time in a closed loop. Their own app instance on the same
 * table raises the unpaid-booking caps, which its few buyers would otherwise reach: the benchmark's
 * configuration, not the product's. Each buyer's accounts take turns, below the new-holds limit.
 */
export async function engineFloor(
  db: Db,
  databasePid: number | undefined,
  log: ReturnType<typeof createLogger>,
  cookieName: string,
  raceShowId: string,
  now: Date,
): Promise<string[]> {
  const config = loadConfig({
    DB_IN_MEMORY: 'true',
    LOG_LEVEL: 'warn',
    UNPAID_BOOKINGS_OPEN: '100',
    UNPAID_SEATS_PER_SHOWTIME: '50',
  });
  const halls = demoShowtimes(now).filter(
    (s) =>
      s.id !== raceShowId &&
      screens.find((screen) => screen.id === s.screenId)?.seatCount === 254 &&
      Date.parse(s.startsAt) - now.getTime() >= MIN_LEAD_MS,
  );
  if (halls.length < 2 * FLOOR.buyers) return ['not enough Grand Hall showtimes for the engine floor'];
  const lane = async (showId: string, n: number) => {
    const layout = screens.find((screen) =>
      halls.some((h) => h.id === showId && h.screenId === screen.id),
    )?.layout;
    if (!layout) throw new Error(`no layout for ${showId}`);
    const open = new Set([...indexLayout(layout)].filter(([, p]) => !p.seat.access).map(([id]) => id));
    const cookies = await mapLimit(
      Array.from({ length: FLOOR.accountsEach }, (_, k) => k),
      FLOOR.accountsEach,
      (k) => newBuyer(db, cookieName, `floor-buyer-${n}-${k}`),
    );
    return { showId, orders: orders(layout, open, FLOOR.seatsEach), cookies };
  };
  const appLanes = await Promise.all(halls.slice(0, FLOOR.buyers).map((h, n) => lane(h.id, n)));
  const floorLanes = await Promise.all(
    halls
      .slice(FLOOR.buyers, 2 * FLOOR.buyers)
      .map((h) => ({ showId: h.id, orders: [] as string[][], cookies: [] })),
  );
  for (const [i, floorLane] of floorLanes.entries()) floorLane.orders = appLanes[i]?.orders ?? [];

  const app = createNodeApp(config, db, log, await benchServices());
  let server: ReturnType<typeof serve> | undefined;
  try {
    const port = await new Promise<number>((done) => {
      server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => done(info.port));
    });
    console.log(
      `\nEngine floor: ${FLOOR.buyers} buyers, each on a Grand Hall showtime of their own, ${FLOOR.seatsEach} seats a ` +
        `booking, closed loop. App rounds (hold POST, checkout GET, confirm POST) alternate with floor rounds (the ` +
        `booking's two TransactWriteItems sent straight to the same DynamoDB Local by ${FLOOR.buyers} clients), ` +
        `${FLOOR.roundMs / 1000} s each`,
    );
    return await compareWithFloor({
      origin: `http://127.0.0.1:${port}`,
      deps: { db, clock: systemClock, cache: new TtlCache(config.catalogCacheMs), config },
      appLanes,
      floorLanes,
      rounds: FLOOR.rounds,
      roundMs: FLOOR.roundMs,
      goal: FLOOR.goal,
      databasePid,
    });
  } finally {
    const open = server;
    if (open)
      await new Promise<void>((done) => {
        open.close(() => done());
        (open as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
  }
}

if (!isMainThread && (workerData as Partial<AppRound> | undefined)?.engineFloorRound) {
  appRound(workerData as AppRound).then(
    (result) => parentPort?.postMessage(result),
    (error: Error) => {
      throw error;
    },
  );
}
