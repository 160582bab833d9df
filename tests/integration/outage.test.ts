import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { systemClock } from '../../src/platform/clock';
import { dbForConfig } from '../../src/platform/db/client';
import { AppError } from '../../src/platform/errors';
import { createLogger } from '../../src/platform/log';
import { SesMailer } from '../../src/platform/mail/ses';
import { freePort } from '../../src/platform/node/child-server';
import { SnsNotifier } from '../../src/platform/sms/sns';
import { testApp } from '../support/db';

/*
 * A database that stalls (accepts connections and never answers, as a paused DynamoDB does) or refuses
 * them must cost a page a few seconds and give the 503 page with Retry-After, not hang it or answer 500.
 */

let stalled: Server;
const sockets = new Set<Socket>();
let stalledEndpoint = '';
let refusedEndpoint = '';

beforeAll(async () => {
  stalled = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((listening) => stalled.listen(0, '127.0.0.1', listening));
  const address = stalled.address();
  if (typeof address !== 'object' || !address) throw new Error('no address');
  stalledEndpoint = `http://127.0.0.1:${address.port}`;
  // A port nobody listens on: connections are refused.
  refusedEndpoint = `http://127.0.0.1:${await freePort()}`;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((closed) => stalled.close(closed));
});

/** The app on a database at `endpoint`, with the lines it logs. */
function appOn(endpoint: string) {
  const lines: string[] = [];
  const config = loadConfig({
    DYNAMODB_ENDPOINT: endpoint,
    CATALOG_CACHE_SECONDS: '0',
    PAGE_CACHE_SECONDS: '0',
  });
  const log = createLogger('info', (line) => lines.push(line));
  const { app } = testApp(dbForConfig(config), systemClock, { config, log });
  return { app, lines };
}

describe.each([
  ['stalls', () => stalledEndpoint],
  ['refuses connections', () => refusedEndpoint],
])('a database that %s', (what, endpoint) => {
  it('gives a page the 503 error page with Retry-After within a few seconds', async () => {
    const { app, lines } = appOn(endpoint());
    const started = performance.now();
    const res = await app.request('/movies/pixel-pals');
    const seconds = (performance.now() - started) / 1000;
    expect(res.status).toBe(503);
    expect(res.headers.get('Retry-After')).toBe('5');
    expect(seconds, `a database that ${what} held the page ${seconds.toFixed(1)} s`).toBeLessThan(6);
    const html = await res.text();
    expect(html).toContain('<!DOCTYPE html>');
    expect(html).toContain('We are having trouble right now');
    expect(html).not.toMatch(/TimeoutError|ECONNREFUSED|at .*\.ts:\d+/);

    // One warning that says what failed and how, and no stack trace.
    const logged = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      level: 'warn',
      msg: 'service unavailable',
      path: '/movies/pixel-pals',
    });
    expect(String(logged[0]?.error)).toMatch(/^DynamoDB did not answer \(2 attempts\): \w+/);
    expect(JSON.stringify(logged)).not.toContain('    at ');
  });
});

describe('mail and SMS services that stall', () => {
  it('fail each send with an unavailable error within about 11 s', async () => {
    const options = {
      region: 'us-east-1',
      endpoint: stalledEndpoint,
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    };
    const mailer = new SesMailer({ ...options, from: 'tickets@example.com' });
    const notifier = new SnsNotifier(options);
    const started = performance.now();
    const [mail, sms] = await Promise.allSettled([
      mailer.send({ to: 'someone@example.com', subject: 'Hi', text: 'Hi', html: '<p>Hi</p>' }),
      notifier.sendSms({ to: '+919800000000', text: 'Hi' }),
    ]);
    const seconds = (performance.now() - started) / 1000;
    expect(seconds).toBeLessThan(13);
    for (const [service, result] of [
      ['SES', mail],
      ['SNS', sms],
    ] as const) {
      expect(result.status).toBe('rejected');
      const reason = result.status === 'rejected' ? result.reason : undefined;
      expect(AppError.match(reason, 'unavailable')).toBe(true);
      expect((reason as Error).message).toMatch(
        new RegExp(`^${service} did not answer \\(2 attempts\\): TimeoutError`),
      );
    }
  }, 30_000);
});
