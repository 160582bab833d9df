import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatedHasher } from '../../src/platform/passwords/hash-gate';
import { fixedClock, freshTable, testApp } from '../support/db';
import { type RecordingMailer, recordingMailer } from '../support/mail';

const clock = fixedClock('2026-11-24T09:00:00Z');
let db: Awaited<ReturnType<typeof freshTable>>;
// Two app instances on one table: limits are counted in DynamoDB, so they hold across processes.
let one: ReturnType<typeof testApp>['app'];
let two: ReturnType<typeof testApp>['app'];
let mailer: RecordingMailer;

const password = 'owner passphrase 2026';
const post = (app: typeof one, path: string, fields: Record<string, string>, ip: string, cookie?: string) =>
  app.request(path, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Origin: 'http://localhost',
      'X-Forwarded-For': ip,
      ...(cookie ? { Cookie: cookie } : {}),
    },
    body: new URLSearchParams(fields).toString(),
  });
const signIn = (app: typeof one, email: string, pw: string, ip: string) =>
  post(app, '/sign-in', { email, password: pw }, ip);

beforeAll(async () => {
  db = await freshTable();
  mailer = recordingMailer();
  one = testApp(db, clock, { mailer }).app;
  two = testApp(db, clock, { mailer }).app;
  for (const email of ['owner@example.com', 'target@example.com', 'busy@example.com']) {
    expect(
      (await post(one, '/sign-up', { name: 'Owner', email, password }, `192.0.2.${email.length}`)).status,
    ).toBe(200);
  }
});
afterAll(() => db.drop());

describe('sign-in limits', () => {
  it("stops one address after 5 failures on an account, across processes, without locking out the owner's address", async () => {
    for (let i = 0; i < 5; i++) {
      const app = i % 2 ? two : one;
      expect((await signIn(app, 'owner@example.com', 'wrong guess', '203.0.113.9')).status).toBe(400);
    }
    const blocked = await signIn(one, 'owner@example.com', password, '203.0.113.9');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(await blocked.text()).toMatch(/Too many attempts\. Please try again in \d+ (minutes|seconds)\./);

    expect((await signIn(two, 'owner@example.com', password, '198.51.100.7')).status).toBe(303);

    clock.set('2026-11-24T09:15:00Z');
    expect((await signIn(one, 'owner@example.com', password, '203.0.113.9')).status).toBe(303);
  });

  it('slows an account attacked from many addresses to one attempt per 30 seconds, and recovers', async () => {
    clock.set('2026-11-24T10:00:00Z');
    for (let i = 0; i < 10; i++) {
      expect((await signIn(one, 'target@example.com', 'wrong guess', `203.0.113.${100 + i}`)).status).toBe(
        400,
      );
    }
    expect((await signIn(two, 'target@example.com', 'another guess', '203.0.113.200')).status).toBe(400);
    const slowed = await signIn(one, 'target@example.com', password, '198.51.100.8');
    expect(slowed.status).toBe(429);
    expect(Number(slowed.headers.get('Retry-After'))).toBeLessThanOrEqual(30);

    clock.set('2026-11-24T10:00:30Z');
    expect((await signIn(one, 'target@example.com', password, '198.51.100.8')).status).toBe(303);
  });

  it("keeps a browser that signed in before signing in while strangers' guesses slow the account", async () => {
    clock.set('2026-11-24T10:30:00Z');
    const email = 'device@example.com';
    expect((await post(one, '/sign-up', { name: 'D', email, password }, '192.0.2.77')).status).toBe(200);
    const first = await signIn(one, email, password, '198.51.100.40');
    expect(first.status).toBe(303);
    const setCookie = first.headers.get('Set-Cookie') ?? '';
    const device = /(?:^|,\s*)(device=[^;]*)/.exec(setCookie)?.[1] ?? '';
    expect(device).toMatch(/^device=[a-z2-7]+\.[a-z2-7]{24}\.[\w-]{43}$/);
    expect(setCookie).toMatch(/device=[^;]*; Max-Age=31536000; Path=\/; HttpOnly; SameSite=Lax/);

    // A stranger guesses from a handful of addresses, one wrong guess per 30-second window once slowed.
    for (let i = 0; i < 10; i++) await signIn(one, email, 'wrong guess', `203.0.113.${130 + (i % 4)}`);
    const withCookie = (app: typeof one, pw: string, cookie: string, ip: string) =>
      post(app, '/sign-in', { email, password: pw }, ip, cookie);
    const owner: number[] = [];
    const unknown: number[] = [];
    for (let window = 0; window < 4; window++) {
      clock.set(new Date(Date.parse('2026-11-24T10:31:00Z') + window * 30_000));
      await signIn(two, email, 'wrong guess', `203.0.113.${140 + window}`);
      unknown.push((await signIn(one, email, password, '198.51.100.41')).status);
      for (let i = 0; i < 3; i++)
        owner.push((await withCookie(i % 2 ? one : two, password, device, '198.51.100.40')).status);
    }
    expect(unknown).toEqual([429, 429, 429, 429]);
    expect(owner).toEqual(Array(12).fill(303));

    // A tampered signature, or a token for another account, earns no trust.
    const tampered = device.replace(/.$/, (last) => (last === 'A' ? 'B' : 'A'));
    expect((await withCookie(one, password, tampered, '198.51.100.42')).status).toBe(429);

    // The trusted browser's own failures are counted: 5, then it waits like anyone.
    clock.set('2026-11-24T10:45:00Z');
    for (let i = 0; i < 5; i++)
      expect((await withCookie(one, 'typo', device, '198.51.100.40')).status).toBe(400);
    expect((await withCookie(one, password, device, '198.51.100.40')).status).toBe(429);
  });

  it('limits sign-in attempts per address', async () => {
    clock.set('2026-11-24T11:00:00Z');
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++)
      statuses.push((await signIn(one, `nobody${i}@example.com`, 'x', '203.0.113.50')).status);
    expect(statuses.slice(0, 30).every((s) => s === 400)).toBe(true);
    expect(statuses[30]).toBe(429);
  });
});

describe('the current password on the account page', () => {
  it('allows 5 wrong guesses per account in 15 minutes, then refuses even the right one until the window ends', async () => {
    clock.set('2026-11-24T16:00:00Z');
    const signedIn = await signIn(one, 'busy@example.com', password, '198.51.100.30');
    const cookie = signedIn.headers.get('Set-Cookie')?.match(/session=[^;]*/)?.[0] ?? '';
    expect(cookie).not.toBe('');
    const change = (app: typeof one, current: string, ip: string) =>
      post(app, '/account/password', { current, next: 'a new and long passphrase' }, ip, cookie);
    for (let i = 0; i < 5; i++) {
      const wrong = await change(i % 2 ? one : two, `guess ${i}`, `203.0.113.${80 + i}`);
      expect(wrong.status).toBe(400);
      expect(await wrong.text()).toContain('Your current password is not right.');
    }
    const refused = await change(one, password, '203.0.113.90');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('Retry-After'))).toBe(900);
    const page = await refused.text();
    expect(page).toContain('<title>Your account · Movie Magic</title>');
    expect(page).toContain('Too many attempts. Please try again in 15 minutes.');

    clock.set('2026-11-24T16:15:00Z');
    expect((await change(two, password, '203.0.113.91')).status).toBe(303);
  });
});

describe('a flood of password checks', () => {
  it('runs them one at a time and turns the overflow away with 503 and Retry-After, not a pile-up', async () => {
    clock.set('2026-11-24T17:00:00Z');
    let running = 0;
    let most = 0;
    const slow = async <T>(value: T) => {
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, 400));
      running--;
      return value;
    };
    const passwords = gatedHasher(
      { hash: (p) => slow(`slow:${p}`), verify: (phc, p) => slow(phc === `slow:${p}`) },
      { concurrency: 1, maxWaiting: 2 },
    );
    const gated = testApp(db, clock, { passwords }).app;
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        signIn(gated, `flood${i}@example.com`, 'a guess', `203.0.113.${120 + i}`),
      ),
    );
    const statuses = answers.map((res) => res.status).sort();
    expect(statuses.filter((s) => s === 400).length).toBeGreaterThanOrEqual(1);
    expect(statuses.filter((s) => s === 400).length).toBeLessThanOrEqual(3);
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThanOrEqual(5);
    expect(most).toBe(1);
    const refused = answers.find((res) => res.status === 503);
    expect(refused?.headers.get('Retry-After')).toBe('5');
    expect(await refused?.text()).toContain('We are checking a lot of passwords right now.');
  });
});

describe('other limits', () => {
  it('limits sign-ups per address', async () => {
    clock.set('2026-11-24T12:00:00Z');
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push(
        (await post(one, '/sign-up', { name: 'N', email: `n${i}@example.com`, password }, '203.0.113.60'))
          .status,
      );
    }
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it('sends "someone tried to sign up with your email" at most 3 times a day per inbox, answering the same', async () => {
    clock.set('2026-11-24T14:00:00Z');
    const before = mailer.sent.filter((m) => m.to === 'owner@example.com').length;
    const pages = new Set<string>();
    for (let i = 0; i < 8; i++) {
      const res = await post(
        i % 2 ? one : two,
        '/sign-up',
        { name: 'Someone', email: 'owner@example.com', password: 'another passphrase 1' },
        `203.0.113.${150 + i}`,
      );
      expect(res.status).toBe(200);
      pages.add(await res.text());
    }
    expect(pages.size).toBe(1);
    expect(mailer.sent.filter((m) => m.to === 'owner@example.com').length - before).toBe(3);

    clock.set('2026-11-25T14:00:00Z');
    await post(
      one,
      '/sign-up',
      { name: 'S', email: 'owner@example.com', password: 'another passphrase 1' },
      '203.0.113.160',
    );
    expect(mailer.sent.filter((m) => m.to === 'owner@example.com').length - before).toBe(4);
  });

  it('limits reset requests per email the same way whether or not the account exists', async () => {
    clock.set('2026-11-24T13:00:00Z');
    for (const email of ['busy@example.com', 'ghost@example.com']) {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++)
        statuses.push((await post(one, '/forgot-password', { email }, `203.0.113.${70 + i}`)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
    }
  });
});
