/**
 * `make bench-passwords`: how a flood of password checks slows everyone else. One visitor polls /healthz
 * while 32 clients post sign-ins (unknown emails, each from its own address, so no rate limit stops them
 * before argon2), first against the app as deployed (argon2 behind the gate), then against the same app
 * with the hasher ungated, in alternating rounds. It prints the health check's median and p90 latency on a
 * quiet server and under the flood, for both, and what the flood's requests were answered.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { loadConfig } from '../../src/config';
import { createNodeApp } from '../../src/node';
import { createLogger } from '../../src/platform/log';
import { nodeHasher } from '../../src/platform/passwords/node/argon2-native';
import { type BenchDatabase, startBenchDatabase } from './database';
import { benchServices } from './services';

const FLOOD_CLIENTS = 32;
const ROUNDS = 3;
const ROUND_SECONDS = 5;

type Side = {
  name: string;
  origin: string;
  quiet: number[];
  flooded: number[];
  answers: Map<number, number>;
};

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? Number.NaN;
};

/** GETs /healthz back to back until `until`, recording each one's latency in ms. */
async function probe(origin: string, until: number, into: number[]): Promise<void> {
  while (Date.now() < until) {
    const start = performance.now();
    const res = await fetch(`${origin}/healthz`);
    await res.arrayBuffer();
    into.push(performance.now() - start);
  }
}

let address = 0;
/** One flood client: sign-ins with an unknown email from a fresh address each, until `until`. */
async function flood(side: Side, until: number): Promise<void> {
  while (Date.now() < until) {
    address++;
    const ip = `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`;
    const res = await fetch(`${side.origin}/sign-in`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Origin: side.origin,
        'X-Forwarded-For': ip,
      },
      body: new URLSearchParams({ email: `nobody${address}@example.com`, password: 'a guess' }).toString(),
    });
    await res.arrayBuffer();
    side.answers.set(res.status, (side.answers.get(res.status) ?? 0) + 1);
  }
}

async function round(side: Side): Promise<void> {
  await probe(side.origin, Date.now() + 1000, side.quiet);
  const until = Date.now() + ROUND_SECONDS * 1000;
  await Promise.all([
    probe(side.origin, until, side.flooded),
    ...Array.from({ length: FLOOD_CLIENTS }, () => flood(side, until)),
  ]);
}

async function main(): Promise<number> {
  // Addresses come from X-Forwarded-For, so each flood request counts against its own address's limit.
  const config = loadConfig({
    DB_IN_MEMORY: 'true',
    CLIENT_IP_HEADER: 'X-Forwarded-For',
    LOG_LEVEL: 'error',
  });
  const log = createLogger(config.logLevel);
  const servers: Server[] = [];
  let database: BenchDatabase | undefined;
  try {
    database = await startBenchDatabase(config);
    const services = await benchServices();
    const listen = async (app: ReturnType<typeof createNodeApp>) => {
      const server = await new Promise<Server>((done) => {
        const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () =>
          done(started as Server),
        );
      });
      servers.push(server);
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    };
    const side = (name: string, origin: string): Side => ({
      name,
      origin,
      quiet: [],
      flooded: [],
      answers: new Map(),
    });
    const sides = [
      side('gated (as deployed)', await listen(createNodeApp(config, database.db, log, services))),
      side('ungated', await listen(createNodeApp(config, database.db, log, services, nodeHasher))),
    ];
    console.log(
      `\nPassword flood: ${FLOOD_CLIENTS} clients posting sign-ins, one visitor polling /healthz; ` +
        `${ROUNDS} alternating rounds of ${ROUND_SECONDS} s each\n`,
    );
    for (let n = 1; n <= ROUNDS; n++) {
      for (const s of n % 2 ? sides : [...sides].reverse()) await round(s);
      console.log(`  round ${n} done`);
    }
    const ms = (value: number) => `${value.toFixed(1)} ms`;
    console.log(`\n  ${''.padEnd(34)}${sides.map((s) => s.name.padStart(22)).join('')}`);
    const row = (label: string, cell: (s: Side) => string) =>
      console.log(`  ${label.padEnd(34)}${sides.map((s) => cell(s).padStart(22)).join('')}`);
    row('/healthz median, quiet', (s) => ms(percentile(s.quiet, 50)));
    row('/healthz median, under the flood', (s) => ms(percentile(s.flooded, 50)));
    row('/healthz p90, under the flood', (s) => ms(percentile(s.flooded, 90)));
    row(
      'slowdown of the median (flood/quiet)',
      (s) => `${(percentile(s.flooded, 50) / percentile(s.quiet, 50)).toFixed(1)}x`,
    );
    row('flood answers', (s) =>
      [...s.answers]
        .sort(([a], [b]) => a - b)
        .map(([status, count]) => `${count}×${status}`)
        .join(' '),
    );
    console.log('');
    return 0;
  } finally {
    for (const server of servers) server.close();
    await database?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
