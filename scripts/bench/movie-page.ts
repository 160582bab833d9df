/**
 * `make bench`: requests/s of the movie page served by the real app, against a plain node:http server
 * that answers with the very same bytes. The plain server is the ceiling this machine and load generator
 * can reach, so the ratio shows what the app's own work per request (data, render, compress, ETag) costs.
 */
import { createServer, type IncomingHttpHeaders, request, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { serve } from '@hono/node-server';
import { loadConfig } from '../../src/config';
import { createNodeApp } from '../../src/node';
import { createLogger } from '../../src/platform/log';
import { type BenchDatabase, startBenchDatabase } from './database';
import { benchServices } from './services';

const PAGE = '/movies/orbit-of-ashes';
const HEADERS = { 'accept-encoding': 'gzip', cookie: 'city=mumbai' };
const CONNECTIONS = 50;
const WARMUP_SECONDS = 3;
const ROUNDS = 3;
const ROUND_SECONDS = 5;
const GOAL = 0.5;
const REPLAYED_HEADERS = ['content-type', 'content-encoding', 'etag', 'vary'];

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
function record(url: string): Promise<Recorded> {
  return new Promise((done, fail) => {
    const req = request(url, { headers: HEADERS }, (res) => {
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
    headers: HEADERS,
    workers: 1,
  });
  side.errors += result.errors + result.timeouts;
  side.non2xx += result.non2xx;
  for (const status of Object.keys(result.statusCodeStats))
    if (!status.startsWith('2')) side.statuses.add(status);
  return result;
}

const perSecond = (result: AutocannonResult) => result.requests.total / result.duration;
const int = (value: number) => Math.round(value).toLocaleString('en-US');
const ms = (value: number) => `${value.toFixed(1)} ms`;

async function main(): Promise<number> {
  // Defaults only (a 30 s catalogue cache, as in production), whatever the caller's environment says.
  const config = loadConfig({ DB_IN_MEMORY: 'true' });
  const log = createLogger(config.logLevel);
  const servers: Server[] = [];
  let database: BenchDatabase | undefined;
  try {
    database = await startBenchDatabase(config);
    const { db } = database;

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
    // The movie page sends no mail; recording services keep the bench from needing SES or SNS.
    const services = await benchServices();
    const appPort = await serveApp(createNodeApp(config, db, log, services));
    const uncachedPort = await serveApp(
      createNodeApp(loadConfig({ DB_IN_MEMORY: 'true', PAGE_CACHE_SECONDS: '0' }), db, log, services),
    );

    const page = await record(`http://127.0.0.1:${appPort}${PAGE}`);
    if (page.status !== 200 || page.headers['content-encoding'] !== 'gzip') {
      console.error(
        `GET ${PAGE} answered ${page.status} with Content-Encoding ${page.headers['content-encoding'] ?? 'none'}; ` +
          'expected a gzip-compressed 200.',
      );
      return 1;
    }
    const replayed: Record<string, string> = {};
    for (const name of REPLAYED_HEADERS) {
      const value = page.headers[name];
      if (typeof value === 'string') replayed[name] = value;
    }
    const plainServer = createServer((_req, res) => {
      res.writeHead(page.status, replayed);
      res.end(page.body);
    });
    servers.push(plainServer);
    const plainPort = await listen(plainServer);

    const newSide = (name: string, port: number): Side => ({
      name,
      url: `http://127.0.0.1:${port}${PAGE}`,
      rounds: [],
      errors: 0,
      non2xx: 0,
      statuses: new Set(),
    });
    const sides = [
      newSide('app', appPort),
      newSide('no page cache', uncachedPort),
      newSide('plain', plainPort),
    ];
    const [appSide, uncachedSide, plainSide] = sides as [Side, Side, Side];

    console.log(`\nMovie page benchmark: GET ${PAGE} (Accept-Encoding: gzip, Cookie: city=mumbai)`);
    console.log(
      `  page: ${page.status}, ${int(page.body.byteLength)} bytes gzip-compressed ` +
        `(${int(gunzipSync(page.body).byteLength)} bytes of HTML), ETag ${replayed.etag ?? 'none'}`,
    );
    console.log(
      `  load: ${CONNECTIONS} connections, ${WARMUP_SECONDS} s warm-up each, then ${ROUNDS} alternating ` +
        `rounds of ${ROUND_SECONDS} s each\n`,
    );

    for (const side of sides) await load(side, WARMUP_SECONDS);
    for (let round = 1; round <= ROUNDS; round++) {
      // Alternating rounds spread the machine's drift (other load, thermal limits) over both sides.
      const order = round % 2 ? sides : [...sides].reverse();
      for (const side of order) side.rounds.push(await load(side, ROUND_SECONDS));
      const last = (side: Side) => int(perSecond(side.rounds.at(-1) as AutocannonResult));
      console.log(`  round ${round}: ${sides.map((side) => `${side.name} ${last(side)} req/s`).join(', ')}`);
    }

    const rate = (side: Side) => median(side.rounds.map(perSecond));
    const row = (label: string, cell: (side: Side) => string) =>
      console.log(`  ${label.padEnd(22)}${sides.map((side) => cell(side).padStart(15)).join('')}`);
    console.log('');
    row('', (side) => side.name);
    row('requests/s (median)', (side) => int(rate(side)));
    row('latency p50 (median)', (side) => ms(median(side.rounds.map((r) => r.latency.p50))));
    row('latency p99 (median)', (side) => ms(median(side.rounds.map((r) => r.latency.p99))));
    row('errors', (side) => int(side.errors));
    row('non-2xx', (side) => int(side.non2xx));

    const ratio = rate(appSide) / rate(plainSide);
    console.log(
      `\n  ratio app/plain: ${ratio.toFixed(2)} (goal: at least ${GOAL}) ${ratio >= GOAL ? 'PASS' : 'BELOW GOAL'}`,
    );
    console.log(
      `  ratio app with no page cache/plain: ${(rate(uncachedSide) / rate(plainSide)).toFixed(2)} ` +
        '(every request renders the page from the catalogue cache)',
    );
    const failed = sides.filter((side) => side.errors > 0 || side.non2xx > 0);
    if (failed.length > 0) {
      for (const side of failed) {
        console.error(
          `  FAIL: ${side.name} had ${side.errors} errors and ${side.non2xx} non-2xx responses` +
            (side.statuses.size ? ` (status ${[...side.statuses].join(', ')})` : ''),
        );
      }
      return 1;
    }
    console.log('');
    return 0;
  } finally {
    await Promise.all(servers.map(close));
    await database?.stop();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: Error) => {
    console.error(`Benchmark failed: ${error.stack ?? error.message}`);
    process.exitCode = 1;
  },
);
