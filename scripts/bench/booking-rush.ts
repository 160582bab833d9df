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
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { serve } from '@hono/node-server';
import { sessionCookieName } from '../../src/auth/session-cookie';
import { loadConfig } from '../../src/config';
import { screens } from '../../src/demo/catalog';
import { listSeatStates, type SeatState } from '../../src/features/booking/repo';
import { indexLayout, layoutBlocks, validateSelection } from '../../src/features/booking/rules';
import type { ScreenLayout } from '../../src/features/catalog/model';
import { createNodeApp } from '../../src/node';
import type { Db } from '../../src/platform/db/client';
import { createLogger } from '../../src/platform/log';
import { type Charge, WRITE_COMMANDS, WriteLedger, writeUnits } from './capacity';
import { type BenchDatabase, startBenchDatabase } from './database';
import { grandHallShowtime, newBuyer } from './grand-hall';
import { benchServices } from './services';

const BUYERS = 500;
const ABANDON_SHARE = 0.1;
/** Seat choices a buyer makes before giving up: each refused hold or confirm sends them back to the map. */
const MAX_TRIES = 5;
/** Short enough to wait out after the run, long enough that buyers confirm in time under load. */
const HOLD_MINUTES = '0.5';
/** No buyer starts another try after this long, so the run stays short however the race goes. */
const RACE_LIMIT_MS = 45_000;
const RATIO_GOAL = 1.25;
const SETUP_CONCURRENCY = 25;
/** A showtime whose sales stay open through the run: it starts at least this long from now. */
const MIN_LEAD_MS = 2 * 3_600_000;

type Step = 'page' | 'hold' | 'checkout' | 'confirm';
const STEPS: Step[] = ['page', 'hold', 'checkout', 'confirm'];
type Outcome = 'booked' | 'abandoned' | 'found no seats' | 'gave up' | 'failed';
const OUTCOMES: Outcome[] = ['booked', 'abandoned', 'found no seats', 'gave up', 'failed'];

type BuyerPlan = { cookie: string; wants: number; abandons: boolean };
type RaceInput = {
  origin: string;
  showId: string;
  screenId: string;
  isolationRule: boolean;
  maxSeats: number;
  buyers: BuyerPlan[];
};
type RaceResult = {
  startedAt: number;
  endedAt: number;
  latency: Record<Step, number[]>;
  holds: number;
  confirms: number;
  refused: Record<'hold' | 'confirm', Record<string, number>>;
  outcomes: Record<Outcome, number>;
  bookings: { id: string; seats: string[] }[];
  errors: string[];
};

// ---------------------------------------------------------------------------------------------------
// The buyers: a worker thread, so that their requests and HTML parsing stay off the server's event loop.

const SEAT_INPUT = /<input\b[^>]*\bname="seat"[^>]*>/g;

/** The seats a seat map page shows as taken: their checkboxes are disabled. */
function takenSeats(html: string): Set<string> {
  const taken = new Set<string>();
  for (const [tag] of html.matchAll(SEAT_INPUT)) {
    const id = /\bvalue="([^"]+)"/.exec(tag)?.[1];
    if (id && /\sdisabled(?:[\s=/>]|$)/.test(tag)) taken.add(id);
  }
  return taken;
}

/** The checkout form's idempotency key. */
function checkoutKey(html: string): string | undefined {
  const tag = /<input\b[^>]*\bname="key"[^>]*>/.exec(html)?.[0];
  return tag ? /\bvalue="([^"]+)"/.exec(tag)?.[1] : undefined;
}

const pick = <T>(options: T[]): T | undefined => options[Math.floor(Math.random() * options.length)];

/**
 * A random block of `wants` adjacent free seats the server's rules accept against `taken`, or fewer seats
 * when no such block is left. Wheelchair spaces and companion seats are left to the people who need them.
 */
function chooseSeats(
  layout: ScreenLayout,
  taken: ReadonlySet<string>,
  wants: number,
  rules: { maxSeats: number; isolationRule: boolean },
): string[] | undefined {
  const index = indexLayout(layout);
  const open = (id: string) => !taken.has(id) && !index.get(id)?.seat.access;
  for (let count = wants; count >= 1; count--) {
    const options: string[][] = [];
    for (const row of layoutBlocks(layout)) {
      for (const block of row) {
        for (let start = 0; start + count <= block.length; start++) {
          const seats = block.slice(start, start + count);
          if (seats.every(open) && validateSelection(layout, taken, seats, rules).ok) options.push(seats);
        }
      }
    }
    const choice = pick(options);
    if (choice) return choice;
  }
  return undefined;
}

async function race(input: RaceInput): Promise<RaceResult> {
  const layout = screens.find((screen) => screen.id === input.screenId)?.layout;
  if (!layout) throw new Error(`no layout for screen ${input.screenId}`);
  const result: RaceResult = {
    startedAt: 0,
    endedAt: 0,
    latency: { page: [], hold: [], checkout: [], confirm: [] },
    holds: 0,
    confirms: 0,
    refused: { hold: {}, confirm: {} },
    outcomes: { booked: 0, abandoned: 0, 'found no seats': 0, 'gave up': 0, failed: 0 },
    bookings: [],
    errors: [],
  };
  const seatMap = `/showtimes/${input.showId}`;
  const checkout = `/checkout/${input.showId}`;

  const send = async (step: Step, cookie: string, path: string, form?: URLSearchParams) => {
    const started = performance.now();
    const response = await fetch(input.origin + path, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: form
        ? { cookie, origin: input.origin, 'content-type': 'application/x-www-form-urlencoded' }
        : { cookie },
      body: form?.toString(),
    });
    const body = await response.text();
    result.latency[step].push(performance.now() - started);
    return { status: response.status, location: response.headers.get('location') ?? '', body };
  };
  const refuse = (step: 'hold' | 'confirm', status: number) => {
    result.refused[step][status] = (result.refused[step][status] ?? 0) + 1;
  };

  const buyer = async (plan: BuyerPlan): Promise<Outcome> => {
    const fail = (what: string, status: number) => {
      result.errors.push(`${what} answered ${status}`);
      return 'failed' as const;
    };
    // A refused hold answers with the seat map as it is now, which is what a browser shows next: the
    // buyer chooses again from it rather than load the page once more.
    let shown: string | undefined;
    for (let attempt = 0; attempt < MAX_TRIES && Date.now() - result.startedAt < RACE_LIMIT_MS; attempt++) {
      if (shown === undefined) {
        const page = await send('page', plan.cookie, seatMap);
        if (page.status !== 200) return fail(`GET ${seatMap}`, page.status);
        shown = page.body;
      }
      const seats = chooseSeats(layout, takenSeats(shown), plan.wants, input);
      shown = undefined;
      if (!seats) return 'found no seats';
      const hold = await send(
        'hold',
        plan.cookie,
        `${seatMap}/hold`,
        new URLSearchParams(seats.map((seat) => ['seat', seat])),
      );
      if (hold.status === 409 || hold.status === 400) {
        refuse('hold', hold.status);
        if (hold.body.includes('name="seat"')) shown = hold.body;
        continue;
      }
      if (hold.status !== 303 || hold.location !== checkout) return fail(`POST ${seatMap}/hold`, hold.status);
      result.holds++;
      if (plan.abandons) return 'abandoned';
      const form = await send('checkout', plan.cookie, checkout);
      const key = form.status === 200 ? checkoutKey(form.body) : undefined;
      if (!key) return fail(`GET ${checkout} (no checkout form)`, form.status);
      const confirm = await send('confirm', plan.cookie, `${checkout}/confirm`, new URLSearchParams({ key }));
      const booked = /^\/bookings\/(MM-[0-9A-Z-]+)$/.exec(confirm.location)?.[1];
      if (confirm.status === 303 && booked) {
        result.confirms++;
        result.bookings.push({ id: booked, seats });
        return 'booked';
      }
      if (confirm.status !== 409) return fail(`POST ${checkout}/confirm`, confirm.status);
      refuse('confirm', confirm.status);
    }
    return 'gave up';
  };

  result.startedAt = Date.now();
  const outcomes = await Promise.all(
    input.buyers.map((plan) =>
      buyer(plan).catch((error: Error) => {
        result.errors.push(error.message);
        return 'failed' as const;
      }),
    ),
  );
  result.endedAt = Date.now();
  for (const outcome of outcomes) result.outcomes[outcome]++;
  return result;
}

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
   * Write units DynamoDB Local itself reported (ConsumedCapacity) for committed booking writes. It charges
   * a whole transaction as one item written twice (2 units for four small items), so it is shown, not used.
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
      if (charges.every((charge) => isBookingItem(charge.pk))) recorder.reported += reported;
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

// ---------------------------------------------------------------------------------------------------
// Set-up and checks.

/** Runs `task` over `items`, at most `limit` at a time. */
async function mapLimit<T, R>(items: T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

/** Seat runs of `seats` that sit next to each other in one block, cut into orders the rules accept. */
function orders(layout: ScreenLayout, seats: ReadonlySet<string>, maxSeats: number): string[][] {
  const result: string[][] = [];
  for (const row of layoutBlocks(layout)) {
    for (const block of row) {
      let run: string[] = [];
      for (const id of [...block, '']) {
        if (seats.has(id)) {
          run.push(id);
          continue;
        }
        // A whole run strands nobody; a run cut into orders must not leave one seat alone at its end.
        while (run.length > maxSeats) {
          const take = run.length - maxSeats === 1 ? maxSeats - 1 : maxSeats;
          result.push(run.slice(0, take));
          run = run.slice(take);
        }
        if (run.length > 0) result.push(run);
        run = [];
      }
    }
  }
  return result;
}

type Booked = { id: string; seats: string[] };

/** Every booking of a showtime in the table. A bench may scan: the table holds only this run. */
async function bookingsOf(db: Db, showId: string): Promise<Booked[]> {
  const found: Booked[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new ScanCommand({
        TableName: db.table,
        FilterExpression: 'entity = :booking AND showId = :show',
        ExpressionAttributeValues: { ':booking': 'Booking', ':show': showId },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? [])
      found.push({ id: item.id, seats: (item.seats as { id: string }[]).map((seat) => seat.id) });
    start = page.LastEvaluatedKey;
  } while (start);
  return found;
}

/**
 * Seats sold wrongly: a seat in two bookings, a booking's seat not sold with that booking's id, or a seat
 * sold with no booking that lists it.
 */
function oversold(states: SeatState[], bookings: Booked[]): Set<string> {
  const wrong = new Set<string>();
  const claims = new Map<string, string[]>();
  for (const booking of bookings) {
    for (const seat of booking.seats) claims.set(seat, [...(claims.get(seat) ?? []), booking.id]);
  }
  const soldTo = new Map(states.filter((s) => s.state === 'sold').map((s) => [s.seatId, s.bookingId]));
  for (const [seat, ids] of claims) {
    if (ids.length > 1 || soldTo.get(seat) !== ids[0]) wrong.add(seat);
  }
  for (const [seat, bookingId] of soldTo) {
    if (!bookingId || !claims.get(seat)?.includes(bookingId)) wrong.add(seat);
  }
  return wrong;
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

async function main(): Promise<number> {
  // Defaults only, whatever the caller's environment says, but for the short hold and fewer logs (a line
  // per hold would bury the report).
  const config = loadConfig({ DB_IN_MEMORY: 'true', HOLD_MINUTES, LOG_LEVEL: 'warn' });
  const log = createLogger(config.logLevel);
  let database: BenchDatabase | undefined;
  let server: ReturnType<typeof serve> | undefined;
  try {
    const now = new Date();
    database = await startBenchDatabase(config, now);
    const { db } = database;
    // From here on the ledger follows every write: the demo catalogue holds no seat, hold or booking.
    const ledger = new WriteLedger();
    const recorder = recordWrites(db, ledger);

    const picked = grandHallShowtime(now, MIN_LEAD_MS);
    if (!picked) {
      console.error('No Grand Hall showtime starts in the coming week: the demo data has changed.');
      return 1;
    }
    const { show, screen, theater } = picked;
    const index = indexLayout(screen.layout);
    const openSeats = [...index.values()].filter((place) => !place.seat.access).length;
    const cookieName = sessionCookieName(config.local);

    const setupStarted = performance.now();
    const cookies = await mapLimit(
      Array.from({ length: BUYERS }, (_, i) => i),
      SETUP_CONCURRENCY,
      (i) => newBuyer(db as Db, cookieName, `bench-buyer-${i}`),
    );
    const abandoning = Math.round(BUYERS * ABANDON_SHARE);
    const buyers = cookies.map((cookie, i) => ({
      cookie,
      wants: 1 + Math.floor(Math.random() * 4),
      // Spread through the crowd rather than all first or last.
      abandons: i % Math.round(BUYERS / abandoning) === 0,
    }));
    const setupSeconds = (performance.now() - setupStarted) / 1000;

    // Recording services keep the bench from needing SES or SNS. No outbox dispatcher runs: the race
    // measures holding and booking, not delivering confirmations.
    const app = createNodeApp(config, db, log, await benchServices());
    const port = await new Promise<number>((done) => {
      server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => done(info.port));
    });
    const origin = `http://127.0.0.1:${port}`;
    // One page load first, so the catalogue cache and the code paths are warm before the clock starts.
    const warm = await fetch(`${origin}/showtimes/${show.id}`, { headers: { cookie: cookies[0] ?? '' } });
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
      origin,
      showId: show.id,
      screenId: screen.id,
      isolationRule: theater.isolatedSeatRule ?? true,
      maxSeats: config.maxSeatsPerOrder,
      buyers,
    });
    recorder.stop();
    const seconds = (race.endedAt - race.startedAt) / 1000;

    // Abandoned holds must come back once they expire: wait past the last one, then read every seat.
    const held = await listSeatStates(db, show.id);
    const lastExpiry = Math.max(
      0,
      ...held.filter((s) => s.state === 'held' && s.expiresAt).map((s) => Date.parse(s.expiresAt ?? '')),
    );
    const waitMs = Math.max(0, lastExpiry - Date.now() + 1_000);
    if (waitMs > 0) console.log(`  waiting ${(waitMs / 1000).toFixed(0)} s for the last holds to expire\n`);
    await new Promise((wake) => setTimeout(wake, waitMs));
    const after = new Date().toISOString();
    const states = await listSeatStates(db, show.id);
    const sold = states.filter((s) => s.state === 'sold');
    // A held seat past its expiry is free; a live hold or any other state now is an orphan.
    const stuck = states.filter(
      (s) => s.state !== 'sold' && !(s.state === 'held' && (s.expiresAt ?? '') <= after),
    );
    const soldIds = new Set(sold.map((s) => s.seatId));
    const leftover = new Set([...index.keys()].filter((id) => !soldIds.has(id)));
    // The proof: fresh buyers hold every seat not sold, in orders the rules accept.
    const proofOrders = orders(screen.layout, leftover, config.maxSeatsPerOrder);
    const unholdable: string[] = [];
    for (const [n, seats] of proofOrders.entries()) {
      const cookie = await newBuyer(db, cookieName, `bench-prover-${n}`);
      const response = await fetch(`${origin}/showtimes/${show.id}/hold`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie, origin, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(seats.map((seat) => ['seat', seat])).toString(),
      });
      await response.text();
      if (response.status !== 303) unholdable.push(...seats);
    }
    const orphaned = new Set([...stuck.map((s) => s.seatId), ...unholdable]);

    const tableBookings = await bookingsOf(db, show.id);
    const wrong = oversold(states, tableBookings);
    const seatList = (seats: string[]) => [...seats].sort().join(' ');
    const inTable = new Map(tableBookings.map((b) => [b.id, seatList(b.seats)]));
    // A booking a buyer was sent to must be in the table with the seats that buyer chose.
    const missing = race.bookings.filter((b) => inTable.get(b.id) !== seatList(b.seats));

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
      `${int(recorder.reported)} WCU for the committed booking writes (its own ConsumedCapacity, ` +
        'which charges a transaction as one item written twice: not the bill)',
    );
    if (recorder.unsized.length) row('writes left out (could not size)', recorder.unsized.join('; '));
    if (Object.keys(recorder.rejected).length)
      row('writes rejected (not charged)', counts(recorder.rejected));

    const failures = [
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
    await database?.stop();
  }
}

if (isMainThread) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: Error) => {
      console.error(`Benchmark failed: ${error.stack ?? error.message}`);
      process.exitCode = 1;
    },
  );
} else {
  race(workerData as RaceInput).then(
    (result) => parentPort?.postMessage(result),
    (error: Error) => {
      throw error;
    },
  );
}
