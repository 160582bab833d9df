/**
 * The booking race of `make bench-booking` and of tests/integration/two-process-race.test.ts: signed-in
 * buyers made directly in the table race for the seats of one showtime through one or more servers.
 * race-checks.ts then checks the table.
 */
import { performance } from 'node:perf_hooks';
import { screens } from '../../src/demo/catalog';
import { indexLayout, layoutBlocks, validateSelection } from '../../src/features/booking/rules';
import type { ScreenLayout } from '../../src/features/catalog/model';
import type { Db } from '../../src/platform/db/client';
import { grandHallShowtime, newBuyer } from './grand-hall';

const ABANDON_SHARE = 0.1;
/** Seat choices a buyer makes before giving up: each refused hold or confirm sends them back to the map. */
export const MAX_TRIES = 5;
/** No buyer starts another try after this long, so the run stays short however the race goes. */
export const RACE_LIMIT_MS = 45_000;
const SETUP_CONCURRENCY = 25;
/** A showtime whose sales stay open through the run: it starts at least this long from now. */
export const MIN_LEAD_MS = 2 * 3_600_000;

type Step = 'page' | 'hold' | 'checkout' | 'confirm';
export const STEPS: Step[] = ['page', 'hold', 'checkout', 'confirm'];
type Outcome = 'booked' | 'abandoned' | 'found no seats' | 'gave up' | 'failed';
export const OUTCOMES: Outcome[] = ['booked', 'abandoned', 'found no seats', 'gave up', 'failed'];

type BuyerPlan = { cookie: string; wants: number; abandons: boolean };
export type Booked = { id: string; seats: string[] };
export type RaceInput = {
  /** The servers: buyer i goes to origins[i % origins.length] for everything. */
  origins: string[];
  showId: string;
  screenId: string;
  isolationRule: boolean;
  maxSeats: number;
  buyers: BuyerPlan[];
  /** How many buyers shop at once, the next starting as one finishes; unset, all of them at once. */
  concurrency?: number;
};
export type RaceResult = {
  startedAt: number;
  endedAt: number;
  latency: Record<Step, number[]>;
  holds: number;
  /** The holds each origin granted and the bookings it confirmed. */
  servedBy: Record<string, { holds: number; confirms: number }>;
  confirms: number;
  refused: Record<'hold' | 'confirm', Record<string, number>>;
  outcomes: Record<Outcome, number>;
  bookings: Booked[];
  errors: string[];
  /** Answers of 503 ("try again in a moment") the buyer sent again, once each; one failing twice is an error. */
  retried: number;
};

/** The first Grand Hall showtime of the demo data as of `now` that starts long enough after it. */
export const raceShowtime = (now: Date) => grandHallShowtime(now, MIN_LEAD_MS);

// ---------------------------------------------------------------------------------------------------
// The buyers. `make bench-booking` runs them in a worker thread, so that their requests and HTML parsing
// stay off the server's event loop.

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
export function checkoutKey(html: string): string | undefined {
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

/** Every buyer at once, each loading the seat map, holding, and confirming or abandoning the hold. */
export async function race(input: RaceInput): Promise<RaceResult> {
  const layout = screens.find((screen) => screen.id === input.screenId)?.layout;
  if (!layout) throw new Error(`no layout for screen ${input.screenId}`);
  const result: RaceResult = {
    startedAt: 0,
    endedAt: 0,
    latency: { page: [], hold: [], checkout: [], confirm: [] },
    holds: 0,
    servedBy: Object.fromEntries(input.origins.map((origin) => [origin, { holds: 0, confirms: 0 }])),
    confirms: 0,
    refused: { hold: {}, confirm: {} },
    outcomes: { booked: 0, abandoned: 0, 'found no seats': 0, 'gave up': 0, failed: 0 },
    bookings: [],
    errors: [],
    retried: 0,
  };
  const seatMap = `/showtimes/${input.showId}`;
  const checkout = `/checkout/${input.showId}`;

  const once = async (origin: string, step: Step, cookie: string, path: string, form?: URLSearchParams) => {
    const started = performance.now();
    const response = await fetch(origin + path, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: form ? { cookie, origin, 'content-type': 'application/x-www-form-urlencoded' } : { cookie },
      body: form?.toString(),
    });
    const body = await response.text();
    result.latency[step].push(performance.now() - started);
    return { status: response.status, location: response.headers.get('location') ?? '', body };
  };
  // "Please try again in a moment": a person presses again, once, a second later. The form is the same,
  // so a hold or a confirmation that was made before the answer failed is found, not made twice.
  const send = async (origin: string, step: Step, cookie: string, path: string, form?: URLSearchParams) => {
    const first = await once(origin, step, cookie, path, form);
    if (first.status !== 503) return first;
    result.retried++;
    await new Promise((wake) => setTimeout(wake, 1_000));
    return once(origin, step, cookie, path, form);
  };
  const refuse = (step: 'hold' | 'confirm', status: number) => {
    result.refused[step][status] = (result.refused[step][status] ?? 0) + 1;
  };

  const count = (origin: string, what: 'holds' | 'confirms') => {
    const served = result.servedBy[origin];
    if (served) served[what]++;
  };

  const buyer = async (plan: BuyerPlan, origin: string): Promise<Outcome> => {
    const fail = (what: string, status: number) => {
      result.errors.push(`${what} answered ${status}`);
      return 'failed' as const;
    };
    // A refused hold answers with the seat map as it is now, which is what a browser shows next: the
    // buyer chooses again from it rather than load the page once more.
    let shown: string | undefined;
    for (let attempt = 0; attempt < MAX_TRIES && Date.now() - result.startedAt < RACE_LIMIT_MS; attempt++) {
      if (shown === undefined) {
        const page = await send(origin, 'page', plan.cookie, seatMap);
        if (page.status !== 200) return fail(`GET ${seatMap}`, page.status);
        shown = page.body;
      }
      const seats = chooseSeats(layout, takenSeats(shown), plan.wants, input);
      shown = undefined;
      if (!seats) return 'found no seats';
      const hold = await send(
        origin,
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
      count(origin, 'holds');
      if (plan.abandons) return 'abandoned';
      const form = await send(origin, 'checkout', plan.cookie, checkout);
      const key = form.status === 200 ? checkoutKey(form.body) : undefined;
      if (!key) return fail(`GET ${checkout} (no checkout form)`, form.status);
      const confirm = await send(
        origin,
        'confirm',
        plan.cookie,
        `${checkout}/confirm`,
        new URLSearchParams({ key }),
      );
      const booked = /^\/bookings\/(MM-[0-9A-Z-]+)$/.exec(confirm.location)?.[1];
      if (confirm.status === 303 && booked) {
        result.confirms++;
        count(origin, 'confirms');
        result.bookings.push({ id: booked, seats });
        return 'booked';
      }
      if (confirm.status !== 409) return fail(`POST ${checkout}/confirm`, confirm.status);
      refuse('confirm', confirm.status);
    }
    return 'gave up';
  };

  result.startedAt = Date.now();
  const outcomes = await mapLimit(
    input.buyers.map((plan, i) => ({ plan, origin: input.origins[i % input.origins.length] ?? '' })),
    input.concurrency ?? input.buyers.length,
    ({ plan, origin }) =>
      buyer(plan, origin).catch((error: Error) => {
        result.errors.push(error.message);
        return 'failed' as const;
      }),
  );
  result.endedAt = Date.now();
  for (const outcome of outcomes) result.outcomes[outcome]++;
  return result;
}

// ---------------------------------------------------------------------------------------------------
// Set-up.

/** Runs `task` over `items`, at most `limit` at a time. */
export async function mapLimit<T, R>(items: T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
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

/** `count` new buyers, each wanting 1-4 seats; one in ten, spread through the crowd, abandons a hold. */
export async function newBuyers(db: Db, cookieName: string, count: number): Promise<BuyerPlan[]> {
  const cookies = await mapLimit(
    Array.from({ length: count }, (_, i) => i),
    SETUP_CONCURRENCY,
    (i) => newBuyer(db, cookieName, `bench-buyer-${i}`),
  );
  const abandoning = Math.round(count * ABANDON_SHARE);
  return cookies.map((cookie, i) => ({
    cookie,
    wants: 1 + Math.floor(Math.random() * 4),
    // Spread through the crowd rather than all first or last.
    abandons: i % Math.round(count / abandoning) === 0,
  }));
}
