import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoShowtimes, loadDemoData } from '../../src/demo/seed';
import * as booking from '../../src/features/booking/service';
import { fixedClock, freshTable, testApp } from '../support/db';
import { type RecordingMailer, recordingMailer } from '../support/mail';
import { postForm, signInPath } from '../support/routes';
import { person } from '../support/screens';

/*
 * The booking journey across features: signing up from the seat map and coming back to the same seats
 * once the email is confirmed, and the checkout of a hold already booked.
 */

const now = new Date('2026-11-24T09:00:00Z');
const clock = fixedClock(now);
let db: Awaited<ReturnType<typeof freshTable>>;
let app: ReturnType<typeof testApp>['app'];
let deps: ReturnType<typeof testApp>['deps'];
let mailer: RecordingMailer;

const shows = demoShowtimes(now).filter(
  (s) => s.screenId === 'harbour-lights-colaba-1' && s.startsAt > '2026-11-25' && s.format === '2D',
);
const showFor = (n: number) => {
  const show = shows[n];
  if (!show) throw new Error(`no showtime ${n}`);
  return show;
};

let visitors = 0;
/** Each request from an address of its own: the sign-up and link limits are tested elsewhere. */
const from = () => ({ headers: { 'X-Forwarded-For': `203.0.113.${++visitors % 250}` } });
const get = (path: string, cookie?: string) =>
  app.request(path, { headers: { ...from().headers, ...(cookie ? { Cookie: cookie } : {}) } });
const post = (path: string, fields: Record<string, string> | [string, string][], cookie?: string) =>
  postForm(app, path, fields, { headers: { ...from().headers, ...(cookie ? { Cookie: cookie } : {}) } });
const sessionOf = (res: Response) =>
  res.headers.get('Set-Cookie')?.match(/(?:^|,\s*)(session=[^;]*)/)?.[1] ?? '';
const password = 'lantern over the harbour';

/** The token of the newest confirmation link emailed to `email`. */
function confirmationToken(email: string): string {
  const text = mailer.lastTo(email)?.text ?? '';
  const token = /http:\/\/localhost\/verify-email\?token=([a-z2-7]+)\s/.exec(text)?.[1];
  if (!token) throw new Error(`no confirmation link in:\n${text}`);
  return token;
}

/** Every seat checkbox of a seat page, by seat: whether it is checked and whether it is disabled. */
function seatBoxes(html: string) {
  return new Map(
    [...html.matchAll(/<input type="checkbox" name="seat" ([^>]*)>/g)].map(([, attrs = '']) => [
      /value="([^"]+)"/.exec(attrs)?.[1],
      { checked: /\bchecked\b/.test(attrs), disabled: /\bdisabled\b/.test(attrs) },
    ]),
  );
}

beforeAll(async () => {
  db = await freshTable();
  await loadDemoData(db, now);
  mailer = recordingMailer();
  ({ app, deps } = testApp(db, clock, { mailer }));
});
afterAll(() => db.drop());

describe('signing up from the seat map', () => {
  it('A new user signs up from the seat map and, after confirming, is back on the same seats', async () => {
    const show = showFor(0);
    const seats = `/showtimes/${show.id}?seats=C7,C8`;
    const email = 'new.moviegoer@example.com';

    // Signed out, Continue goes to sign-in; its "Create an account" keeps the way back.
    const held = await post(`/showtimes/${show.id}/hold`, [
      ['seat', 'C7'],
      ['seat', 'C8'],
    ]);
    expect(held.headers.get('Location')).toBe(signInPath(seats));
    const signIn = await (await get(signInPath(seats))).text();
    const signUpPath = `/sign-up?next=${encodeURIComponent(seats)}`;
    expect(signIn).toContain(`href="${signUpPath}"`);
    const form = await (await get(signUpPath)).text();
    expect(form).toContain(`<input type="hidden" name="next" value="${seats}"/>`);

    const signedUp = await post('/sign-up', { name: 'Meera', email, password, next: seats });
    expect(signedUp.status).toBe(200);
    expect(await signedUp.text()).toContain(`href="${signInPath(seats)}"`);
    // The link carries only its secret: the way back is kept with the token, out of reach of edits.
    expect(mailer.lastTo(email)?.text).not.toContain('showtimes');

    const landing = await get(`/verify-email?token=${confirmationToken(email)}`);
    expect(landing.status).toBe(200);
    const page = await landing.text();
    expect(page).toContain('Email confirmed');
    expect(page).toContain(`href="${signInPath(seats)}"`);
    expect(page).toContain('Sign in and go back to your seats');

    const signedIn = await post('/sign-in', { email, password, next: seats });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get('Location')).toBe(seats);
    const cookie = sessionOf(signedIn);
    const map = await (await get(seats, cookie)).text();
    expect(seatBoxes(map).get('C7')).toEqual({ checked: true, disabled: false });
    expect(seatBoxes(map).get('C8')).toEqual({ checked: true, disabled: false });
    expect(map).not.toContain('role="alert" class="card');
    // And the confirmed account can hold them.
    const hold = await post(
      `/showtimes/${show.id}/hold`,
      [
        ['seat', 'C7'],
        ['seat', 'C8'],
      ],
      cookie,
    );
    expect(hold.headers.get('Location')).toBe(`/checkout/${show.id}`);
  });

  it('goes straight back to the seats when the link is opened signed in, saying which were taken meanwhile', async () => {
    const show = showFor(1);
    const seats = `/showtimes/${show.id}?seats=D9,D10`;
    const email = 'eager.moviegoer@example.com';
    await post('/sign-up', { name: 'Kabir', email, password, next: seats });
    const cookie = sessionOf(await post('/sign-in', { email, password, next: seats }));
    // Not confirmed yet: holding waits for the email.
    const early = await post(`/showtimes/${show.id}/hold`, [['seat', 'D9']], cookie);
    expect(early.headers.get('Location')).toBe('/account?done=confirm-to-book');

    const other = await person(deps, 'customer');
    await booking.holdSeats(deps, other.user, show.id, ['D10', 'D11']);

    const confirmed = await get(`/verify-email?token=${confirmationToken(email)}`, cookie);
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get('Location')).toBe(seats);
    const map = await (await get(seats, cookie)).text();
    expect(seatBoxes(map).get('D9')).toEqual({ checked: true, disabled: false });
    expect(seatBoxes(map).get('D10')).toEqual({ checked: false, disabled: true });
    expect(map).toContain('D10 is no longer available, so it is not chosen. Please choose other seats.');
  });

  it('keeps only a path of this site as the way back', async () => {
    for (const [n, next] of [
      '//evil.example/showtimes/x',
      'https://evil.example/',
      '/\\evil.example',
    ].entries()) {
      // The header's city form says where it was asked from: only the sign-up form itself counts here.
      const form = await (await get(`/sign-up?next=${encodeURIComponent(next)}`)).text();
      expect(form.slice(form.indexOf('action="/sign-up"'))).not.toContain('name="next"');
      const email = `elsewhere-${n}@example.com`;
      const signedUp = await (await post('/sign-up', { name: 'Ira', email, password, next })).text();
      expect(signedUp).not.toContain('evil.example');
      const landing = await (await get(`/verify-email?token=${confirmationToken(email)}`)).text();
      expect(landing).toContain('Email confirmed');
      expect(landing).not.toContain('evil.example');
      expect(landing).toContain('Find a movie');
    }
  });

  it('sends the owner of a taken email a sign-in link with the same way back', async () => {
    const seats = `/showtimes/${showFor(2).id}?seats=E5`;
    await post('/sign-up', { name: 'Tara', email: 'tara@example.com', password });
    await post('/sign-up', { name: 'Tara', email: 'tara@example.com', password, next: seats });
    expect(mailer.lastTo('tara@example.com')?.text).toContain(`http://localhost${signInPath(seats)}`);
  });
});

describe('the checkout of a hold already booked', () => {
  it('says "You booked these seats" with the booking\'s link, after the hold time too; to others, no hold', async () => {
    const show = showFor(3);
    const me = await person(deps, 'customer');
    await post(
      `/showtimes/${show.id}/hold`,
      [
        ['seat', 'G9'],
        ['seat', 'G10'],
      ],
      me.cookie,
    );
    const checkout = await (await get(`/checkout/${show.id}`, me.cookie)).text();
    const key = /name="key" value="([0-9a-f-]{36})"/.exec(checkout)?.[1] ?? '';
    const confirmed = await post(`/checkout/${show.id}/confirm`, [['key', key]], me.cookie);
    const bookingPath = confirmed.headers.get('Location') ?? '';
    expect(bookingPath).toMatch(/^\/bookings\/MM-/);

    // The browser's Back: the same checkout address.
    const back = await get(`/checkout/${show.id}`, me.cookie);
    expect(back.status).toBe(200);
    expect(back.headers.get('Cache-Control')).toBe('no-store');
    const page = await back.text();
    expect(page).toContain('You booked these seats: G9, G10.');
    expect(page).toContain(`href="${bookingPath}"`);
    expect(page).not.toContain('You are not holding any seats');
    expect(page).not.toContain('Confirm booking');

    clock.set(new Date(now.getTime() + deps.config.holdMs + 60_000));
    try {
      expect(await (await get(`/checkout/${show.id}`, me.cookie)).text()).toContain(
        'You booked these seats: G9, G10.',
      );
      const stranger = await person(deps, 'customer');
      const theirs = await (await get(`/checkout/${show.id}`, stranger.cookie)).text();
      expect(theirs).toContain('You are not holding any seats');
      expect(theirs).not.toContain(bookingPath);
    } finally {
      clock.set(now);
    }
  });

  it('says nothing was booked when a hold ran out unsold, and the server still refuses to confirm it', async () => {
    const show = showFor(4);
    const me = await person(deps, 'customer');
    await post(`/showtimes/${show.id}/hold`, [['seat', 'H9']], me.cookie);
    const checkout = await (await get(`/checkout/${show.id}`, me.cookie)).text();
    // The countdown's way back after 0:00 is the seat map with the same seats.
    expect(checkout).toContain(`data-seats-again="/showtimes/${show.id}?seats=H9"`);
    expect(checkout).toMatch(/<button type="submit" class="[^"]*" data-confirm="true">Confirm booking/);
    const key = /name="key" value="([0-9a-f-]{36})"/.exec(checkout)?.[1] ?? '';
    clock.set(new Date(now.getTime() + deps.config.holdMs + 1000));
    try {
      const refused = await post(`/checkout/${show.id}/confirm`, [['key', key]], me.cookie);
      expect(refused.status).toBe(409);
      expect(await refused.text()).toContain(
        'Your seats were released because the hold expired. Please choose them again.',
      );
      const after = await (await get(`/checkout/${show.id}`, me.cookie)).text();
      expect(after).toContain('You are not holding any seats');
      expect(after).not.toContain('You booked');
    } finally {
      clock.set(now);
    }
  });
});
