/**
 * `make bench`: requests per second of the movie page (with the page cache and without) and of a Grand
 * Hall's seat page (254 seats, signed out and signed in), each served by the real app and by a plain
 * node:http server that answers with the very same bytes, in the same run. The plain server is the ceiling
 * this machine and load generator can reach, so the ratio shows what the app's own work per request
 * (data, render, compress, ETag) costs.
 */
import { createServer, type IncomingHttpHeaders, request, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { serve } from '@hono/node-server';
import { sessionCookieName } from '../../src/auth/session-cookie';
import { loadConfig } from '../../src/config';
import { indexLayout } from '../../src/features/booking/rules';
import { createNodeApp } from '../../src/node';
import { createLogger } from '../../src/platform/log';
import { runBenchmark } from './database';
import { grandHallShowtime, newBuyer } from './grand-hall';
import { benchServices } from './services';

const MOVIE_PAGE = '/movies/orbit-of-ashes';
const CONNECTIONS = 50;
const WARMUP_SECONDS = 2;
const ROUNDS = 3;
const ROUND_SECONDS = 5;
/** The seat page's showtime starts at least this long after the run begins, so its sales stay open. */
const MIN_LEAD_MS = 2 * 3_600_000;
const REPLAYED_HEADERS = ['content-type', 'content-encoding', 'etag', 'vary'];
const PLAIN = 'plain node:http';

type AutocannonResult = {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats: Record<string, { count: number }>;
  requests: { total: number };
  latency: { p50: number; p99: number };
};
type AutocannonOptions = {
  url: string;
  connections: number;
  duration: number;
  headers: Record<string, string>;
  workers?: number;
};
// autocannon ships no type declarations and the project adds none, so the part used here is typed locally.
const autocannon = createRequire(import.meta.url)('autocannon') as (
  options: AutocannonOptions,
) => Promise<AutocannonResult>;

type Recorded = { status: number; headers: IncomingHttpHeaders; body: Buffer };

/** A raw GET: fetch() would decompress the body, and the plain server must replay the wire bytes. */
function record(url: string, headers: Record<string, string>): Promise<Recorded> {
  return new Promise((done, fail) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end();
  });
}

function listen(server: Server): Promise<number> {
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done((server.address() as AddressInfo).port));
  });
}

function close(server: Server): Promise<void> {
  return new Promise((done) => {
    server.close(() => done());
    // Keep-alive sockets left by the load generator would otherwise hold close() open.
    server.closeAllConnections();
  });
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

type Side = {
  name: string;
  url: string;
  headers: Record<string, string>;
  rounds: AutocannonResult[];
  errors: number;
  non2xx: number;
  statuses: Set<string>;
};

async function load(side: Side, seconds: number): Promise<AutocannonResult> {
  // One worker thread keeps the load generator off the event loop of the servers it measures.
  const result = await autocannon({
    url: side.url,
    connections: CONNECTIONS,
    duration: seconds,
    headers: side.headers,
    workers: 1,
  });
  side.errors += result.errors + result.timeouts;
  side.non2xx += result.non2xx;
  for (const status of Object.keys(result.statusCodeStats))
    if (!status.startsWith('2')) side.statuses.add(status);
  return result;
}

const perSecond = (result: AutocannonResult) => result.requests.total / result.duration;
const rate = (side: Side) => median(side.rounds.map(perSecond));
const int = (value: number) => Math.round(value).toLocaleString('en-US');
const ms = (value: number) => `${value.toFixed(1)} ms`;

/** One page to load: the app servers that answer it, what it must contain, and what the request sends. */
type Page = {
  title: string;
  path: string;
  headers: Record<string, string>;
  /** Words the recorded page must contain, so the run measures the page it means to (signed in or out). */
  contains: string;
  apps: { name: string; port: number }[];
};

/** A ratio of an app to the plain server, with the goal it is held to (none: printed only). */
type Ratio = { label: string; value: number; goal?: number };

/**
 * Records `page` from its first app, serves those bytes from a plain node:http server, then loads every
 * side in alternating rounds and prints the page's table. Returns each side, the plain one last.
 */
async function measure(page: Page, servers: Server[]): Promise<Side[]> {
  const first = page.apps[0];
  if (!first) throw new Error(`${page.title}: no app to measure`);
  const recorded = await record(`http://127.0.0.1:${first.port}${page.path}`, page.headers);
  const html = recorded.body.byteLength > 0 ? gunzipSync(recorded.body).toString() : '';
  if (
    recorded.status !== 200 ||
    recorded.headers['content-encoding'] !== 'gzip' ||
    !html.includes(page.contains)
  ) {
    throw new Error(
      `GET ${page.path} answered ${recorded.status} with Content-Encoding ` +
        `${recorded.headers['content-encoding'] ?? 'none'}; expected a gzip-compressed 200 ` +
        `containing "${page.contains}".`,
    );
  }
  const replayed: Record<string, string> = {};
  for (const name of REPLAYED_HEADERS) {
    const value = recorded.headers[name];
    if (typeof value === 'string') replayed[name] = value;
  }
  const plainServer = createServer((_req, res) => {
    res.writeHead(recorded.status, replayed);
    res.end(recorded.body);
  });
  servers.push(plainServer);
  const plainPort = await listen(plainServer);

  const newSide = (name: string, port: number): Side => ({
    name,
    url: `http://127.0.0.1:${port}${page.path}`,
    headers: page.headers,
    rounds: [],
    errors: 0,
    non2xx: 0,
    statuses: new Set(),
  });
  const sides = [...page.apps.map((app) => newSide(app.name, app.port)), newSide(PLAIN, plainPort)];

  console.log(`\n${page.title}: GET ${page.path}`);
  console.log(
    `  page: ${recorded.status}, ${int(recorded.body.byteLength)} bytes gzip-compressed ` +
      `(${int(Buffer.byteLength(html))} bytes of HTML), ETag ${replayed.etag ?? 'none'}`,
  );
  for (const side of sides) await load(side, WARMUP_SECONDS);
  for (let round = 1; round <= ROUNDS; round++) {
    // Alternating rounds spread the machine's drift (other load, thermal limits) over every side.
    const order = round % 2 ? sides : [...sides].reverse();
    for (const side of order) side.rounds.push(await load(side, ROUND_SECONDS));
    const last = (side: Side) => int(perSecond(side.rounds.at(-1) as AutocannonResult));
    console.log(`  round ${round}: ${sides.map((side) => `${side.name} ${last(side)} req/s`).join(', ')}`);
  }

  const row = (label: string, cell: (side: Side) => string) =>
    console.log(`  ${label.padEnd(30)}${sides.map((side) => cell(side).padStart(18)).join('')}`);
  row('', (side) => side.name);
  row('requests per second (median)', (side) => int(rate(side)));
  row('latency p50 (median)', (side) => ms(median(side.rounds.map((r) => r.latency.p50))));
  row('latency p99 (median)', (side) => ms(median(side.rounds.map((r) => r.latency.p99))));
  row('errors', (side) => int(side.errors));
  row('non-2xx', (side) => int(side.non2xx));
  return sides;
}

/** The ratios beside their goals; false when any side had errors or non-2xx answers. */
function report(ratios: Ratio[], sides: Side[]): boolean {
  console.log(`\nRatio of the app's requests per second to the ${PLAIN} server's, with its goal:`);
  for (const { label, value, goal } of ratios) {
    const verdict =
      goal === undefined ? 'no goal' : `goal at least ${goal}: ${value >= goal ? 'PASS' : 'BELOW GOAL'}`;
    console.log(`  ${label.padEnd(36)}${value.toFixed(2).padStart(6)}   ${verdict}`);
  }
  const failed = sides.filter((side) => side.errors > 0 || side.non2xx > 0);
  for (const side of failed) {
    console.error(
      `  FAIL: ${side.name} had ${side.errors} errors and ${side.non2xx} non-2xx responses` +
        (side.statuses.size ? ` (status ${[...side.statuses].join(', ')})` : ''),
    );
  }
  console.log('');
  return failed.length === 0;
}

// Defaults only (a 30 s catalogue cache, a 0.5 s seat map cache, as in production), whatever the
// caller's environment says.
const config = loadConfig({ DB_IN_MEMORY: 'true' });
const log = createLogger(config.logLevel);

await runBenchmark(config, async ({ db }, now) => {
  const servers: Server[] = [];
  try {
    const picked = grandHallShowtime(now, MIN_LEAD_MS);
    if (!picked) {
      console.error('No Grand Hall showtime starts in the coming week: the demo data has changed.');
      return 1;
    }
    const { show, screen } = picked;
    const signedIn = await newBuyer(db, sessionCookieName(config.local), 'bench-viewer');

    // The app as deployed, and the same app with its page cache off: what rendering each view costs.
    const serveApp = async (app: ReturnType<typeof createNodeApp>) => {
      const server = await new Promise<Server>((done) => {
        const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () =>
          done(started as Server),
        );
      });
      servers.push(server);
      return (server.address() as AddressInfo).port;
    };
    // No page loaded here sends mail; recording services keep the bench from needing SES or SNS.
    const services = await benchServices();
    const appPort = await serveApp(createNodeApp(config, db, log, services));
    const uncachedPort = await serveApp(
      createNodeApp(loadConfig({ DB_IN_MEMORY: 'true', PAGE_CACHE_SECONDS: '0' }), db, log, services),
    );

    const seats = `${screen.name}, ${indexLayout(screen.layout).size} seats`;
    const city = `city=${show.cityId}`;
    const gzip = { 'accept-encoding': 'gzip' };
    console.log(
      '\nPage benchmark: requests per second of each page, served by the app and by a plain node:http ' +
        'server sending the same bytes, in the same run',
    );
    console.log(
      `  load: ${CONNECTIONS} connections, Accept-Encoding: gzip, ${WARMUP_SECONDS} s warm-up each, then ` +
        `${ROUNDS} alternating rounds of ${ROUND_SECONDS} s each`,
    );
    const movie = await measure(
      {
        title: 'Movie page, Cookie: city=mumbai',
        path: MOVIE_PAGE,
        headers: { ...gzip, cookie: 'city=mumbai' },
        contains: 'Orbit of Ashes',
        apps: [
          { name: 'app', port: appPort },
          { name: 'no page cache', port: uncachedPort },
        ],
      },
      servers,
    );
    const seatPage = (who: string, cookie: string, contains: string) =>
      measure(
        {
          title: `Seat page (${seats}), ${who}, Cookie: ${city}${cookie ? '; session' : ''}`,
          path: `/showtimes/${show.id}`,
          headers: { ...gzip, cookie: cookie ? `${city}; ${cookie}` : city },
          contains,
          apps: [{ name: 'app', port: appPort }],
        },
        servers,
      );
    const out = await seatPage('signed out', '', 'Sign in to hold these seats');
    const inside = await seatPage('signed in', signedIn, 'Sign out');

    const ratio = (sides: Side[], name: string) => {
      const side = sides.find((s) => s.name === name);
      const plain = sides.find((s) => s.name === PLAIN);
      return side && plain ? rate(side) / rate(plain) : 0;
    };
    const passed = report(
      [
        { label: 'movie page, with the page cache', value: ratio(movie, 'app'), goal: 0.5 },
        { label: 'movie page, without the page cache', value: ratio(movie, 'no page cache') },
        { label: 'seat page, signed out', value: ratio(out, 'app'), goal: 0.25 },
        { label: 'seat page, signed in', value: ratio(inside, 'app'), goal: 0.1 },
      ],
      [...movie, ...out, ...inside],
    );
    return passed ? 0 : 1;
  } finally {
    await Promise.all(servers.map(close));
  }
});
