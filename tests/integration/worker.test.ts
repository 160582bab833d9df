import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createSession } from '../../src/auth/sessions';
import { demoShowtimes, loadDemoData } from '../../src/demo/seed';
import { createUser, markEmailVerified } from '../../src/features/accounts/repo';
import type { Booking } from '../../src/features/booking/model';
import { confirmBooking, holdSeats } from '../../src/features/booking/service';
import { createFilm, readPoster } from '../../src/features/catalog/films';
import { getOutboxMessage } from '../../src/features/confirmations/repo';
import { verifyTicket } from '../../src/features/tickets/code';
import { assets } from '../../src/generated/assets';
import { systemClock } from '../../src/platform/clock';
import type { Db } from '../../src/platform/db/client';
import { type LocalSes, startLocalSes } from '../../src/platform/mail/node/local-ses';
import { exportTicketKeys } from '../../src/platform/ticket-keys/ticket-keys';
import { freshTable, testApp, testTicketKeys } from '../support/db';
import { fileOf, testImage } from '../support/images';
import { type StoredEmail, storedEmails } from '../support/ses-store';
import { startWranglerDev, type WranglerDev } from '../support/wrangler';

let db: Awaited<ReturnType<typeof freshTable>> | undefined;
let worker: WranglerDev | undefined;

let ses: LocalSes | undefined;
let booked: Booking | undefined;

beforeAll(async () => {
  db = await freshTable();
  await loadDemoData(db, new Date());
  ses = await startLocalSes();
  booked = await bookTomorrow(db);
  // No AWS_REGION: with it and TABLE_NAME the config switches to AWS mode.
  worker = await startWranglerDev({
    DYNAMODB_ENDPOINT: inject('dynamoEndpoint'),
    TABLE_NAME: db.table,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    LOG_LEVEL: 'warn',
    TICKET_SIGNING_KEY: (await exportTicketKeys(testTicketKeys)).signingKey,
    SES_ENDPOINT: ses.endpoint,
  });
}, 180_000);

afterAll(async () => {
  await worker?.stop();
  await ses?.stop();
  await db?.drop();
}, 30_000);

async function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
  if (!worker) throw new Error('wrangler dev is not running');
  return fetch(`${worker.url}${path}`, { headers, signal: AbortSignal.timeout(30_000) });
}

/** The worker's own log, so a failing assertion shows what workerd said. */
function context(): string {
  return `wrangler output:\n${worker?.output() ?? ''}`;
}

/** A verified customer's booking of two seats on a Grand Hall showtime tomorrow, its outbox message pending. */
async function bookTomorrow(table: Db): Promise<Booking> {
  const { deps } = testApp(table, systemClock);
  const id = 'worker-customer';
  const email = 'worker-customer@example.com';
  const at = new Date().toISOString();
  await createUser(table, {
    id,
    email,
    name: 'Worker Customer',
    smsOptIn: false,
    role: 'customer',
    passwordHash: 'unused',
    createdAt: at,
  });
  await markEmailVerified(table, id, email, at);
  const user = { id, email, name: 'Worker Customer', role: 'customer' as const, emailVerifiedAt: at };
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
  const show = demoShowtimes(new Date()).find(
    (s) => s.screenId === 'harbour-lights-colaba-1' && s.startsAt > tomorrow,
  );
  if (!show) throw new Error('no Grand Hall showtime tomorrow');
  await holdSeats(deps, user, show.id, ['J9', 'J10']);
  return confirmBooking(deps, user, show.id, crypto.randomUUID());
}

describe('the Workers build under wrangler dev', () => {
  it("shows a booking's QR code and serves its PDF ticket to its owner", async () => {
    const { deps } = testApp(db as Db, systemClock);
    const { token } = await createSession(deps, 'worker-customer');
    const page = await get(`/bookings/${booked?.id}`, { Cookie: `session=${token}` });
    expect(page.status, context()).toBe(200);
    const html = await page.text();
    expect(html).toContain(`aria-label="Ticket QR code for booking ${booked?.id}"`);
    const code = /(MM1\.[0-9A-Z]{4}\.[0-9A-Z]+\.[0-9A-Z]+)/.exec(html)?.[1] ?? '';
    expect((await verifyTicket(testTicketKeys.verify, code)).ok).toBe(true);
    const pdf = await get(`/bookings/${booked?.id}/ticket.pdf`, { Cookie: `session=${token}` });
    expect(pdf.status, context()).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });

  it('sends booking confirmations from its cron trigger', async () => {
    const response = await get('/__scheduled?cron=*+*+*+*+*');
    expect(response.status, context()).toBe(200);
    let emails: StoredEmail[] = [];
    for (let i = 0; i < 100 && emails.length === 0; i++) {
      emails = await storedEmails(ses?.endpoint ?? '', 'worker-customer@example.com');
      if (emails.length === 0) await new Promise((wake) => setTimeout(wake, 200));
    }
    expect(emails, context()).toHaveLength(1);
    expect(emails[0]?.body.text).toContain(booked?.id);
    // The QR code's PNG is encoded in the isolate too (no sharp there), and goes inline.
    expect(emails[0]?.attachments.map((a) => a.contentType.split(';')[0]).sort()).toEqual([
      'application/pdf',
      'image/png',
      'text/calendar',
    ]);
    // The email reaches the store a moment before the dispatcher records it as sent: wait for the record.
    await expect
      .poll(async () => (await getOutboxMessage(db as Db, booked?.id ?? ''))?.status, { timeout: 10_000 })
      .toBe('sent');
  });

  it('reaches DynamoDB from the worker', async () => {
    const response = await get('/healthz');
    expect(response.status, context()).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: 'reachable' });
  });

  it("renders the home page for the visitor's city", async () => {
    const response = await get('/', { Cookie: 'city=mumbai' });
    expect(response.status, context()).toBe(200);
    // fetch undoes one gzip layer; a body the app and workerd had both compressed would fail here.
    expect(await response.text()).toContain('Now showing in Mumbai');
  });

  it('renders a movie page with its showtimes', async () => {
    const response = await get('/movies/orbit-of-ashes');
    expect(response.status, context()).toBe(200);
    const html = await response.text();
    expect(html).toContain('Orbit of Ashes');
    expect(html).toMatch(/<h2 id="showtimes-heading"[^>]*>\s*Showtimes in /);
  });

  it('serves the fingerprinted stylesheet from the asset store, cached for good', async () => {
    const response = await get(assets.css);
    expect(response.status, context()).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/css/);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await response.text()).length).toBeGreaterThan(0);
  });

  it('serves an uploaded poster from the table, and refuses uploads with where to make them', async () => {
    const table = db as Db;
    const { deps } = testApp(table, systemClock);
    const manager = {
      id: 'worker-manager',
      email: 'worker-manager@example.com',
      name: 'M',
      role: 'manager' as const,
    };
    await createUser(table, {
      ...manager,
      smsOptIn: false,
      passwordHash: 'unused',
      createdAt: new Date().toISOString(),
    });
    const poster = await readPoster(deps, manager, await testImage('png'));
    const film = {
      id: 'worker-poster',
      title: 'Worker Poster',
      synopsis: 'A film.',
      languages: ['English'],
      genres: ['Drama'],
    };
    const details = { ...film, certificate: 'U', runtimeMinutes: 90, releaseDate: '2026-11-20' };
    await createFilm(deps, manager, details, { kind: 'upload', poster });
    const served = await get(`/posters/${poster.id}-320.webp`);
    expect(served.status, context()).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/webp');
    expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(poster.images[1]?.webp);

    const { token } = await createSession(deps, manager.id);
    const form = new FormData();
    for (const [name, value] of Object.entries({
      ...film,
      id: 'worker-upload',
      languages: 'English',
      genres: 'Drama',
    }))
      form.append(name, value);
    for (const [name, value] of Object.entries({
      certificate: 'U',
      runtimeMinutes: '90',
      releaseDate: '2026-11-20',
    }))
      form.append(name, value);
    form.append('poster', fileOf(await testImage('png'), 'poster.png', 'image/png'));
    const upload = await fetch(`${worker?.url}/admin/films/new`, {
      method: 'POST',
      headers: { Cookie: `session=${token}`, Origin: worker?.url ?? '' },
      body: form,
      redirect: 'manual',
      signal: AbortSignal.timeout(30_000),
    });
    expect(upload.status, context()).toBe(503);
    expect(await upload.text()).toContain('Poster uploads are done through the Node server');
  });
});
