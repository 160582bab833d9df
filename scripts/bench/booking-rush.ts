/**
 * `make bench-booking`: hundreds of signed-in buyers race for the seats of one Grand Hall showtime through
 * the real app and DynamoDB Local, each holding and confirming 1-4 seats, some abandoning their hold.
 * It prints throughput and latency, then checks the table: no seat sold twice, every abandoned hold free
 * again after it expires, and what the writes cost in DynamoDB write units per seat sold, beside the
 * floor that transactions impose.
 */
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { serve } from '@hono/node-server';
import { sessionCookieName } from '../../src/auth/session-cookie';
import { type Config, loadConfig } from '../../src/config';
import { indexLayout } from '../../src/features/booking/rules';
import { createNodeApp } from '../../src/node';
import type { Db } from '../../src/platform/db/client';
import { createLogger } from '../../src/platform/log';
import { type Charge, WRITE_COMMANDS, WriteLedger, writeUnits } from './capacity';
import { type BenchDatabase, runBenchmark } from './database';
import { engineFloor } from './engine-floor';
import {
  MAX_TRIES,
  newBuyers,
  OUTCOMES,
  RACE_LIMIT_MS,
  type RaceInput,
  type RaceResult,
  race,
  raceShowtime,
  STEPS,
} from './race';
import { auditRace } from './race-checks';
import { benchServices } from './services';

const BUYERS = 500;
/** Short enough to wait out after the run, long enough that buyers confirm in time under load. */
const HOLD_MINUTES = '0.5';
const RATIO_GOAL = 1.25;

// ---------------------------------------------------------------------------------------------------
// The buyers (scripts/bench/race.ts): a worker thread, so that their requests and HTML parsing stay off the
// server's event loop.

function runRace(input: RaceInput): Promise<RaceResult> {
  return new Promise((done, fail) => {
    const worker = new Worker(fileURLToPath(import.meta.url), { workerData: input });
    worker.once('message', (result: RaceResult) => done(result));
    worker.once('error', fail);
    worker.once('exit', (code) => fail(new Error(`the buyers' worker exited with code ${code}`)));
  });
}

// ---------------------------------------------------------------------------------------------------
// The write ledger: every write the app's DynamoDB client sends, charged by AWS's published rules.

type Recorder = {
  start: () => void;
  stop: () => void;
  charges: Charge[];
  /**
   * Write units DynamoDB Local itself reported (ConsumedCapacity) for every committed write. It charges a
   * whole transaction as one item written twice (2 units for four small items), so it is shown, not used.
   */
  reported: number;
  /** Writes that failed for another reason than a condition or a cancelled transaction: not charged. */
  rejected: Record<string, number>;
  /** Writes the ledger could not size; they are missing from the figures. */
  unsized: string[];
  /** Every DynamoDB request made while recording, by command: what each page and form costs in calls. */
  requests: Record<string, number>;
  /** Transactions DynamoDB cancelled while recording. */
  cancelled: number;
};

const isBookingItem = (pk: string) => /^(SHOW|BOOKING|OUTBOX)#/.test(pk);

/**
 * Wraps the app's DynamoDB client: the ledger follows every write (so it knows the item each update or
 * failed condition meets) and, between start() and stop(), keeps what each write cost.
 */
function recordWrites(db: Db, ledger: WriteLedger): Recorder {
  let recording = false;
  const recorder: Recorder = {
    start: () => {
      recording = true;
    },
    stop: () => {
      recording = false;
    },
    charges: [],
    reported: 0,
    rejected: {},
    unsized: [],
    requests: {},
    cancelled: 0,
  };
  const account = (
    command: string,
    input: unknown,
    result: Parameters<WriteLedger['charge']>[2],
    output?: unknown,
  ) => {
    try {
      const unprocessed = (output as { UnprocessedItems?: Parameters<WriteLedger['charge']>[3] } | undefined)
        ?.UnprocessedItems;
      const charges = ledger.charge(command, input, result, unprocessed);
      if (!recording) return;
      recorder.charges.push(...charges);
      const consumed = (output as { ConsumedCapacity?: unknown } | undefined)?.ConsumedCapacity;
      const reported = [consumed ?? []]
        .flat()
        .reduce(
          (total: number, entry) => total + ((entry as { CapacityUnits?: number }).CapacityUnits ?? 0),
          0,
        );
      recorder.reported += reported;
    } catch (error) {
      if (recording) recorder.unsized.push(`${command}: ${(error as Error).message}`);
    }
  };
  // Asking for ConsumedCapacity changes nothing else about a request; it lets DynamoDB Local's own count
  // be shown beside the computed one.
  db.doc.middlewareStack.add(
    (next, context) => (args) =>
      recording && WRITE_COMMANDS.has(context.commandName ?? '')
        ? next({ ...args, input: { ...(args.input as object), ReturnConsumedCapacity: 'TOTAL' } })
        : next(args),
    { step: 'initialize', name: 'benchConsumedCapacity' },
  );
  // In the build step the input is marshalled (AttributeValues), which is what item sizes are defined on.
  db.doc.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? '';
      if (recording) recorder.requests[command] = (recorder.requests[command] ?? 0) + 1;
      if (!WRITE_COMMANDS.has(command)) return next(args);
      try {
        const response = await next(args);
        account(command, args.input, 'ok', response.output);
        return response;
      } catch (error) {
        const name = (error as Error).name;
        if (name === 'TransactionCanceledException') {
          if (recording) recorder.cancelled++;
          account(command, args.input, 'cancelled');
        } else if (name === 'ConditionalCheckFailedException')
          account(command, args.input, 'condition failed');
        else if (recording) recorder.rejected[name] = (recorder.rejected[name] ?? 0) + 1;
        throw error;
      }
    },
    { step: 'build', name: 'benchWriteLedger' },
  );
  return recorder;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
};
const int = (value: number) => Math.round(value).toLocaleString('en-US');
const ms = (value: number) => `${value.toFixed(0)} ms`;
const perSeat = (units: number, seats: number) => (seats > 0 ? (units / seats).toFixed(2) : '-');
const counts = (record: Record<string, number>) =>
  Object.entries(record)
    .map(([key, value]) => `${key}: ${int(value)}`)
    .join(', ') || 'none';
const row = (label: string, value: string) => console.log(`  ${label.padEnd(44)}${value}`);

/** The race, its checks and the engine floor, against `database` (runBenchmark). */
async function measure(
  config: Config,
  log: ReturnType<typeof createLogger>,
  database: BenchDatabase,
  now: Date,
): Promise<number> {
  const { db } = database;
  let server: ReturnType<typeof serve> | undefined;
  try {
    // From here on the ledger follows every write: the demo catalogue holds no seat, hold or booking.
    const ledger = new WriteLedger();
    const recorder = recordWrites(db, ledger);

    const { show, screen, theater } = raceShowtime(now) ?? {};
    if (!show || !screen || !theater) {
      console.error('No Grand Hall showtime starts in the coming week: the demo data has changed.');
      return 1;
    }
    const index = indexLayout(screen.layout);
    const openSeats = [...index.values()].filter((place) => !place.seat.access).length;
    const cookieName = sessionCookieName(config.local);

    const setupStarted = performance.now();
    const buyers = await newBuyers(db as Db, cookieName, BUYERS);
    const setupSeconds = (performance.now() - setupStarted) / 1000;

    // Recording services keep the bench from needing SES or SNS. No outbox dispatcher runs: the race
    // measures holding and booking, not delivering confirmations.
    const app = createNodeApp(config, db, log, await benchServices());
    const port = await new Promise<number>((done) => {
      server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => done(info.port));
    });
    const origin = `http://127.0.0.1:${port}`;
    // One page load first, so the catalogue cache and the code paths are warm before the clock starts.
    const warm = await fetch(`${origin}/showtimes/${show.id}`, {
      headers: { cookie: buyers[0]?.cookie ?? '' },
    });
    await warm.text();
    if (warm.status !== 200) {
      console.error(`GET /showtimes/${show.id} answered ${warm.status}; expected 200.`);
      return 1;
    }

    console.log(
      `\nBooking race: ${int(BUYERS)} buyers for ${show.id} (${screen.name}, ${int(index.size)} seats, ` +
        `${int(openSeats)} open to them; wheelchair and companion places are left to those who need them)`,
    );
    console.log(
      `  each wants 1-4 adjacent seats, up to ${MAX_TRIES} tries in ${RACE_LIMIT_MS / 1000} s; ${int(buyers.filter((b) => b.abandons).length)} ` +
        `of them abandon any hold they get; holds last ${Number(HOLD_MINUTES) * 60} s; set-up of buyers took ${setupSeconds.toFixed(1)} s\n`,
    );

    recorder.start();
    const race = await runRace({
      origins: [origin],
      showId: show.id,
      screenId: screen.id,
      isolationRule: theater.isolatedSeatRule ?? true,
      maxSeats: config.maxSeatsPerOrder,
      buyers,
    });
    recorder.stop();
    const seconds = (race.endedAt - race.startedAt) / 1000;

    const { sold, leftover, proofOrders, unholdable, orphaned, tableBookings, wrong, missing } =
      await auditRace({
        db,
        showId: show.id,
        layout: screen.layout,
        maxSeats: config.maxSeatsPerOrder,
        origins: [origin],
        cookieName,
        confirmed: race.bookings,
        onWait: (waitMs) =>
          console.log(`  waiting ${(waitMs / 1000).toFixed(0)} s for the last holds to expire\n`),
      });

    console.log('');
    row('buyers', `${int(BUYERS)} (all at once: concurrency ${int(BUYERS)})`);
    row('duration', `${seconds.toFixed(1)} s`);
    const holdAttempts = race.latency.hold.length;
    row(
      'holds',
      `${int(race.holds)} (${(race.holds / seconds).toFixed(1)}/s) of ${int(holdAttempts)} attempts ` +
        `(${(holdAttempts / seconds).toFixed(1)}/s)`,
    );
    row('confirms', `${int(race.confirms)} (${(race.confirms / seconds).toFixed(1)}/s)`);
    row('holds refused', counts(race.refused.hold));
    row('confirms refused', counts(race.refused.confirm));
    row('answered 503, sent again once', int(race.retried));
    row('buyers who', OUTCOMES.map((o) => `${o} ${int(race.outcomes[o])}`).join(', '));
    for (const step of STEPS) {
      const samples = race.latency[step];
      row(
        `latency ${step} p50 / p99`,
        `${ms(percentile(samples, 50))} / ${ms(percentile(samples, 99))} (${int(samples.length)} requests)`,
      );
    }
    const httpRequests = STEPS.reduce((total, step) => total + race.latency[step].length, 0);
    const dynamoRequests = Object.values(recorder.requests).reduce((total, n) => total + n, 0);
    row(
      'DynamoDB requests',
      `${int(dynamoRequests)}, ${(dynamoRequests / httpRequests).toFixed(1)} per HTTP request ` +
        `(${counts(Object.fromEntries(Object.entries(recorder.requests).map(([name, n]) => [name.replace(/Command$/, ''), n])))})`,
    );
    console.log('');
    row('seats sold', `${int(sold.length)} of ${int(index.size)}`);
    row(
      'bookings',
      `${int(tableBookings.length)} in the table, ${int(race.bookings.length)} confirmed to buyers`,
    );
    row('oversold seats', int(wrong.size));
    row(
      'orphaned holds after expiry',
      `${int(orphaned.size)} (${int(leftover.size)} seats not sold; fresh buyers held them all again in ` +
        `${int(proofOrders.length)} orders${unholdable.length ? `, except ${unholdable.join(' ')}` : ''})`,
    );

    // Write units, by AWS's rules (scripts/bench/capacity.ts), for the writes made during the race.
    const booking = recorder.charges.filter((c) => isBookingItem(c.pk));
    const other = recorder.charges.filter((c) => !isBookingItem(c.pk));
    const units = (charges: Charge[]) => charges.reduce((total, c) => total + c.units, 0);
    const written = booking.filter((c) => c.result === 'ok');
    const cancelled = booking.filter((c) => c.result === 'cancelled');
    const conditionFailed = booking.filter((c) => c.result === 'condition failed');
    // The floor: per seat sold, its held item and its sold item each written once in a transaction; per
    // booking, its booking and outbox items, also in a transaction. From the sizes actually written.
    let floor = 0;
    for (const c of written) {
      if (c.label === 'Update SeatState') floor += 2 * writeUnits(c.before) + c.units;
      else if (c.label === 'Put Booking' || c.label === 'Put OutboxMessage') floor += c.units;
    }
    const seatsSold = sold.length;
    const consumed = units(written) + units(cancelled) + units(conditionFailed);
    const ratio = floor > 0 ? consumed / floor : Number.NaN;
    const byLabel = new Map<string, Charge[]>();
    for (const c of written) byLabel.set(c.label, [...(byLabel.get(c.label) ?? []), c]);

    console.log(
      "\n  DynamoDB write units (WCU) during the race, by AWS's published rules: 1 per started KB of the item, " +
        'twice in a transaction',
    );
    row('', `${'WCU'.padStart(8)}${'per seat sold'.padStart(16)}${'writes'.padStart(9)}`);
    const line = (label: string, value: number, writes?: number) =>
      row(
        label,
        `${int(value).padStart(8)}${perSeat(value, seatsSold).padStart(16)}${writes === undefined ? '' : int(writes).padStart(9)}`,
      );
    for (const [label, charges] of [...byLabel].sort()) line(`  ${label}`, units(charges), charges.length);
    line('booking writes committed', units(written), written.length);
    line(
      `${int(recorder.cancelled)} cancelled transactions (upper bound)`,
      units(cancelled),
      cancelled.length,
    );
    if (conditionFailed.length)
      line('failed conditional writes', units(conditionFailed), conditionFailed.length);
    line('consumed', consumed);
    line('floor (seat held + sold, booking, outbox)', floor);
    row(
      'consumed / floor',
      `${ratio.toFixed(2)} (goal: at most ${RATIO_GOAL}) ${ratio <= RATIO_GOAL ? 'MET' : 'NOT MET'}; ` +
        `committed writes alone ${(units(written) / floor).toFixed(2)}`,
    );
    line('session and other writes', units(other), other.length);
    row(
      'DynamoDB Local reported',
      `${int(recorder.reported)} WCU for every committed write, computed here ` +
        `${int(units(recorder.charges.filter((c) => c.result === 'ok')))} (its own ConsumedCapacity, ` +
        'which charges a transaction as one item written twice: not the bill)',
    );
    if (recorder.unsized.length) row('writes left out (could not size)', recorder.unsized.join('; '));
    if (Object.keys(recorder.rejected).length)
      row('writes rejected (not charged)', counts(recorder.rejected));

    const floorFailures = await engineFloor(db, database.pid, log, cookieName, show.id, now);
    const failures = [
      ...floorFailures,
      ...(wrong.size ? [`${wrong.size} seats oversold: ${[...wrong].join(' ')}`] : []),
      ...(orphaned.size ? [`${orphaned.size} seats orphaned: ${[...orphaned].join(' ')}`] : []),
      ...(missing.length ? [`${missing.length} confirmed bookings missing from the table`] : []),
      ...(race.errors.length
        ? [`${race.errors.length} unexpected answers: ${[...new Set(race.errors)].join('; ')}`]
        : []),
    ];
    console.log('');
    for (const failure of failures) console.error(`  FAIL: ${failure}`);
    return failures.length ? 1 : 0;
  } finally {
    if (server) {
      const open = server;
      await new Promise<void>((done) => {
        open.close(() => done());
        (open as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
    }
  }
}

if (isMainThread) {
  // Defaults only, whatever the caller's environment says, but for the short hold and fewer logs (a line
  // per hold would bury the report).
  const config = loadConfig({ DB_IN_MEMORY: 'true', HOLD_MINUTES, LOG_LEVEL: 'warn' });
  const log = createLogger(config.logLevel);
  await runBenchmark(config, (database, now) => measure(config, log, database, now));
} else {
  race(workerData as RaceInput).then(
    (result) => parentPort?.postMessage(result),
    (error: Error) => {
      throw error;
    },
  );
}
