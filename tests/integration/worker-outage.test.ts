import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { exportTicketKeys } from '../../src/platform/ticket-keys/ticket-keys';
import { testTicketKeys } from '../support/db';
import { startWranglerDev, type WranglerDev } from '../support/wrangler';

/*
 * The Workers build, whose AWS SDK calls go through fetch rather than node:http, against a database that
 * accepts connections and never answers: its pages must fail as fast and as plainly as Node's.
 */

let stalled: Server;
const sockets = new Set<Socket>();
let worker: WranglerDev | undefined;

beforeAll(async () => {
  stalled = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((listening) => stalled.listen(0, '127.0.0.1', listening));
  const address = stalled.address();
  if (typeof address !== 'object' || !address) throw new Error('no address');
  worker = await startWranglerDev({
    DYNAMODB_ENDPOINT: `http://127.0.0.1:${address.port}`,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    LOG_LEVEL: 'warn',
    TICKET_SIGNING_KEY: (await exportTicketKeys(testTicketKeys)).signingKey,
  });
}, 180_000);

afterAll(async () => {
  await worker?.stop();
  for (const socket of sockets) socket.destroy();
  await new Promise((closed) => stalled.close(closed));
}, 30_000);

it('gives a page the 503 error page with Retry-After within a few seconds when the database stalls', async () => {
  if (!worker) throw new Error('wrangler dev is not running');
  // A page without the database first, so the isolate's start-up is not counted.
  expect((await fetch(`${worker.url}/about`)).status).toBe(200);
  const started = performance.now();
  const res = await fetch(`${worker.url}/movies/pixel-pals`, { signal: AbortSignal.timeout(30_000) });
  const seconds = (performance.now() - started) / 1000;
  expect(res.status, worker.output()).toBe(503);
  expect(res.headers.get('Retry-After')).toBe('5');
  expect(seconds, `the stalled database held the page ${seconds.toFixed(1)} s`).toBeLessThan(6);
  expect(await res.text()).toContain('We cannot reach part of our system right now');
  expect(worker.output()).toMatch(
    /"msg":"service unavailable".*"error":"DynamoDB did not answer \(2 attempts\)/,
  );
});
