import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_USERS } from '../../src/demo/users';
import { getOutboxMessage } from '../../src/features/confirmations/repo';
import { type LocalSes, startLocalSes } from '../../src/platform/mail/node/local-ses';
import { freePort } from '../../src/platform/node/child-server';
import { exportTicketKeys } from '../../src/platform/ticket-keys/ticket-keys';
import { freshTable, testTicketKeys } from '../support/db';
import { storedEmails } from '../support/ses-store';

/*
 * The outbox promise, tested on the real server process: a booking confirmed by one process that is
 * killed (SIGKILL, no chance to clean up) before it sends the confirmation is sent, once, by the process
 * started after it.
 */

const customer = DEMO_USERS.find((user) => user.role === 'customer');
let db: Awaited<ReturnType<typeof freshTable>>;
let ses: LocalSes;
const children: ChildProcess[] = [];

type Server = { url: string; child: ChildProcess; output: () => string };

async function startServer(env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, ['dist/server.js'], {
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      DYNAMODB_ENDPOINT: inject('dynamoEndpoint'),
      TABLE_NAME: db.table,
      SES_ENDPOINT: ses.endpoint,
      LOG_LEVEL: 'info',
      TICKET_SIGNING_KEY: (await exportTicketKeys(testTicketKeys)).signingKey,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited early:\n${output}`);
    const ok = await fetch(`${url}/healthz`).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) return { url, child, output: () => output };
    await new Promise((wake) => setTimeout(wake, 100));
  }
  throw new Error(`the server did not answer:\n${output}`);
}

/** A browser's visit, cut down: cookies kept, redirects not followed, forms posted from our origin. */
function visitor(base: string) {
  let cookie = '';
  const request = async (path: string, form?: Record<string, string | string[]>) => {
    const body = form
      ? new URLSearchParams(
          Object.entries(form).flatMap(([name, value]) =>
            (Array.isArray(value) ? value : [value]).map((v) => [name, v]),
          ),
        ).toString()
      : undefined;
    const res = await fetch(`${base}${path}`, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        Cookie: cookie,
        ...(form ? { Origin: base, 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
      },
      body,
    });
    const set = res.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0] ?? '';
    return res;
  };
  return request;
}

const emailsTo = (to: string) => storedEmails(ses.endpoint, to);

beforeAll(async () => {
  db = await freshTable();
  ses = await startLocalSes();
});

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await ses?.stop();
  await db?.drop();
});

/**
 * The first Grand Hall showtime listed that still takes bookings to pay at the box office: one starting
 * more than 45 minutes from now (they are released 30 minutes before; the listing runs to 10 minutes
 * before). Its id ends in its local start in Mumbai (UTC+5:30), `…-20261130-1030`.
 */
function grandHallShowtime(theaterPage: string): string {
  for (const [, path = '', day = '', time = ''] of theaterPage.matchAll(
    /href="(\/showtimes\/harbour-lights-colaba-1-(\d{8})-(\d{4}))"/g,
  )) {
    const startsAt = Date.parse(
      `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6)}T${time.slice(0, 2)}:${time.slice(2)}:00+05:30`,
    );
    if (startsAt > Date.now() + 45 * 60_000) return path;
  }
  throw new Error('no Grand Hall showtime listed more than 45 minutes ahead');
}

/** Books two seats of the first Grand Hall showtime as the demo customer, on the server at `base`. */
async function bookThrough(base: string, seats: string[], output: () => string): Promise<string> {
  if (!customer) throw new Error('no demo customer');
  const browse = visitor(base);
  const signedIn = await browse('/sign-in', { email: customer.email, password: customer.password });
  expect(signedIn.status, output()).toBe(303);
  const showPath = grandHallShowtime(await (await browse('/theaters/harbour-lights-colaba')).text());
  const held = await browse(`${showPath}/hold`, { seat: seats });
  expect(held.status, output()).toBe(303);
  const checkout = await (await browse(held.headers.get('location') ?? '')).text();
  const key = /name="key" value="([0-9a-f-]{36})"/.exec(checkout)?.[1] ?? '';
  const confirmed = await browse(`${held.headers.get('location')}/confirm`, { key });
  expect(confirmed.status, output()).toBe(303);
  return confirmed.headers.get('location')?.split('/').at(-1) ?? '';
}

async function waitFor(check: () => Promise<boolean>, ms: number): Promise<void> {
  for (const started = Date.now(); Date.now() - started < ms; ) {
    if (await check()) return;
    await new Promise((wake) => setTimeout(wake, 100));
  }
}

describe('a crash between booking and sending', () => {
  it('loses nothing: the next process sends the confirmation exactly once', async () => {
    if (!customer) throw new Error('no demo customer');
    // The first process would only look at its outbox again after five minutes: it dies long before.
    const first = await startServer({ OUTBOX_POLL_SECONDS: '300' });
    const browse = visitor(first.url);
    const signedIn = await browse('/sign-in', { email: customer.email, password: customer.password });
    expect(signedIn.status, first.output()).toBe(303);
    const showPath = grandHallShowtime(await (await browse('/theaters/harbour-lights-colaba')).text());
    const held = await browse(`${showPath}/hold`, { seat: ['J9', 'J10'] });
    expect(held.status, first.output()).toBe(303);
    const checkout = await (await browse(held.headers.get('location') ?? '')).text();
    const key = /name="key" value="([0-9a-f-]{36})"/.exec(checkout)?.[1] ?? '';
    const confirmed = await browse(`${held.headers.get('location')}/confirm`, { key });
    expect(confirmed.status, first.output()).toBe(303);
    const bookingId = confirmed.headers.get('location')?.split('/').at(-1) ?? '';
    expect(bookingId).toMatch(/^MM-/);

    first.child.kill('SIGKILL');
    await new Promise((done) => first.child.once('exit', done));
    expect((await getOutboxMessage(db, bookingId))?.status).toBe('pending');
    expect(await emailsTo(customer.email)).toHaveLength(0);

    const second = await startServer({ OUTBOX_POLL_SECONDS: '0.2' });
    for (let i = 0; i < 100 && (await getOutboxMessage(db, bookingId))?.status !== 'sent'; i++) {
      await new Promise((wake) => setTimeout(wake, 100));
    }
    expect((await getOutboxMessage(db, bookingId))?.status, second.output()).toBe('sent');
    // A few more rounds of the dispatcher: still the one email.
    await new Promise((wake) => setTimeout(wake, 1000));
    const emails = await emailsTo(customer.email);
    expect(emails).toHaveLength(1);
    expect(emails[0]?.body.text).toContain(bookingId);
    expect(second.output()).toContain('booking confirmation sent');
    second.child.kill('SIGTERM');
  }, 120_000);

  it('loses nothing when killed in the middle of sending: after its lease, the next process sends it', async () => {
    if (!customer) throw new Error('no demo customer');
    // An SES that accepts the connection and never answers: the first process hangs mid-send.
    const silent = createServer(() => {});
    await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
    const hung = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    try {
      const first = await startServer({
        SES_ENDPOINT: hung,
        OUTBOX_POLL_SECONDS: '0.2',
        OUTBOX_LEASE_SECONDS: '3',
      });
      const before = (await emailsTo(customer.email)).length;
      const bookingId = await bookThrough(first.url, ['K9', 'K10'], first.output);
      await waitFor(async () => (await getOutboxMessage(db, bookingId))?.leaseOwner !== undefined, 10_000);
      expect((await getOutboxMessage(db, bookingId))?.attempts, first.output()).toBe(1);
      first.child.kill('SIGKILL');
      await new Promise((done) => first.child.once('exit', done));

      const second = await startServer({ OUTBOX_POLL_SECONDS: '0.2' });
      await waitFor(async () => (await getOutboxMessage(db, bookingId))?.status === 'sent', 20_000);
      expect(await getOutboxMessage(db, bookingId), second.output()).toMatchObject({
        status: 'sent',
        attempts: 2,
      });
      await new Promise((wake) => setTimeout(wake, 1000));
      const emails = (await emailsTo(customer.email)).filter((email) => email.body.text?.includes(bookingId));
      expect(emails).toHaveLength(1);
      expect((await emailsTo(customer.email)).length).toBe(before + 1);
      second.child.kill('SIGTERM');
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  }, 120_000);
});
