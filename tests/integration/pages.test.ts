import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoShowtimes, loadDemoData } from '../../src/demo/seed';
import { listContactMessages } from '../../src/features/site/repo';
import { localDate } from '../../src/platform/time';
import { fixedClock, freshTable, testApp } from '../support/db';

// 14:30 in Mumbai and Bengaluru, 13:00 in Dubai: the morning shows have started.
const now = new Date('2026-11-24T09:00:00Z');
const clock = fixedClock(now);
let db: Awaited<ReturnType<typeof freshTable>>;
let app: ReturnType<typeof testApp>['app'];

const origin = 'http://localhost';
const mumbai = { Cookie: 'city=mumbai' };
const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: origin },
  body: new URLSearchParams(fields).toString(),
});

beforeAll(async () => {
  db = await freshTable();
  await loadDemoData(db, now);
  app = testApp(db, clock).app;
});
afterAll(() => db.drop());

describe('home and city choice', () => {
  it('asks for a city first, then lists what is showing there', async () => {
    const first = await app.request('/');
    expect(first.status).toBe(200);
    expect(await first.text()).toContain('Choose your city');

    const home = await (await app.request('/', { headers: mumbai })).text();
    expect(home).toContain('Now showing in Mumbai');
    expect(home).toContain('href="/movies/gully-cricket"');
    expect(home).not.toContain('Desert Rose'); // a Dubai-only film
    // The title's link covers its card, poster included: a tap anywhere on it opens the film.
    expect(home).toContain(
      '<a class="link after:absolute after:inset-0 after:content-empty" href="/movies/gully-cricket">',
    );
  });

  it('remembers the city in a cookie and returns to a same-origin path only', async () => {
    const res = await app.request('/city', form({ city: 'dubai', next: '/search?q=x' }));
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe('/search?q=x');
    expect(res.headers.get('Set-Cookie')).toMatch(/^city=dubai;.*HttpOnly/i);

    const evil = await app.request('/city', form({ city: 'dubai', next: '//evil.example/' }));
    expect(evil.headers.get('Location')).toBe('/');
  });

  it('refuses an unknown city with a 400 and the picker', async () => {
    const res = await app.request('/city', form({ city: 'atlantis' }));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Choose your city');
  });
});

describe('search', () => {
  it('filters by free text, city, language and genre', async () => {
    const text = await (await app.request('/search?q=ferry&city=bengaluru')).text();
    expect(text).toContain('1 movie found');
    expect(text).toContain('The Last Ferry');

    const tamil = await (await app.request('/search?language=Tamil&city=')).text();
    expect(tamil).toContain('Kaveri Express');
    expect(tamil).not.toContain('Gully Cricket');

    const animation = await (await app.request('/search?genre=Animation')).text();
    expect(animation).toContain('1 movie found');
    expect(animation).toContain('Pixel Pals');
  });

  it('filters by local date, listing only showtimes on that day', async () => {
    const tomorrow = '2026-11-25';
    const res = await app.request(`/search?city=dubai&date=${tomorrow}&q=desert`);
    const html = await res.text();
    expect(res.status).toBe(200);
    const expected = demoShowtimes(now).filter(
      (s) =>
        s.movieId === 'desert-rose' &&
        s.startsAt >= '2026-11-24T20:00:00Z' &&
        s.startsAt < '2026-11-25T20:00:00Z',
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(html).toContain(`${expected.length} matching showtime`);
  });

  it('answers htmx with the results fragment and the URL to show', async () => {
    const res = await app.request('/search?q=pixel&city=&date=', { headers: { 'HX-Request': 'true' } });
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html.startsWith('<section id="results"')).toBe(true);
    expect(html).not.toContain('<html');
    expect(res.headers.get('HX-Push-Url')).toBe('/search?q=pixel');
  });

  it('reports malformed or unknown filters beside their fields with a 400, keeping the input', async () => {
    const bad = await app.request('/search?date=31-12-2026&q=ferry');
    const html = await bad.text();
    expect(bad.status).toBe(400);
    expect(html).toContain('id="search-date-error"');
    expect(html).toContain('Enter the date as YYYY-MM-DD');
    expect(html).toContain('value="ferry"');

    const unknown = await app.request('/search?language=Klingon&date=2027-01-01');
    const text = await unknown.text();
    expect(unknown.status).toBe(400);
    expect(text).toContain('Choose a language from the list.');
    expect(text).toContain('Choose one of the next 7 days.');

    const long = await app.request(`/search?q=${'x'.repeat(101)}`);
    expect(long.status).toBe(400);
    expect(await long.text()).toContain('100 characters or fewer');
  });
});

describe('movie, theater and showtime pages', () => {
  it('lists only upcoming showtimes of the chosen day, by theater', async () => {
    const all = demoShowtimes(now).filter((s) => s.movieId === 'orbit-of-ashes');
    const past = all.filter((s) => s.startsAt <= now.toISOString());
    expect(past.length).toBeGreaterThan(0);
    // Each listed day in Mumbai's zone (Dubai's days start 90 minutes later, so none of its showtimes moves).
    for (const date of ['2026-11-24', '2026-11-25']) {
      const html = await (await app.request(`/movies/orbit-of-ashes?city=all&date=${date}`)).text();
      const day = all.filter(
        (s) => s.startsAt > now.toISOString() && localDate(new Date(s.startsAt), 'Asia/Kolkata') === date,
      );
      expect(day.length).toBeGreaterThan(0);
      for (const show of past) expect(html).not.toContain(`/showtimes/${show.id}"`);
      for (const show of all.filter((s) => !day.includes(s)))
        expect(html).not.toContain(`/showtimes/${show.id}"`);
      for (const show of day) expect(html).toContain(`/showtimes/${show.id}"`);
    }
  });

  it('lists a showtime whose online sales have closed without a link, until it starts', async () => {
    // 17:25 in Mumbai: the 17:30 shows stop selling online at 17:20 (SALES_CLOSE_MINUTES, 10 by default).
    const late = testApp(db, fixedClock(new Date('2026-11-24T11:55:00Z'))).app;
    const html = await (await late.request('/theaters/harbour-lights-colaba')).text();
    const closed = demoShowtimes(now).filter(
      (s) => s.theaterId === 'harbour-lights-colaba' && s.startsAt === '2026-11-24T12:00:00.000Z',
    );
    expect(closed.length).toBeGreaterThan(0);
    for (const show of closed) expect(html).not.toContain(`/showtimes/${show.id}"`);
    expect(html).toMatch(
      /<span class="time time-closed flex-col"><time datetime="2026-11-24T12:00:00.000Z">5:30 pm<\/time>.*?Online sales closed/,
    );
    expect(html).toContain('/showtimes/harbour-lights-colaba-1-20261124-2100"');
  });

  it("shows the theater's zone only where it differs from the visitor's city", async () => {
    const tomorrow = (s: { startsAt: string }) =>
      s.startsAt > '2026-11-24T20:00:00Z' && s.startsAt < '2026-11-25T18:30:00Z';
    const html = await (
      await app.request('/movies/the-last-ferry?city=all&date=2026-11-25', { headers: mumbai })
    ).text();
    const dubaiShow = demoShowtimes(now).find(
      (s) => s.movieId === 'the-last-ferry' && s.cityId === 'dubai' && tomorrow(s),
    );
    const mumbaiShow = demoShowtimes(now).find(
      (s) => s.movieId === 'the-last-ferry' && s.cityId === 'mumbai' && tomorrow(s),
    );
    const timeOf = (id: string | undefined) =>
      html.match(new RegExp(`/showtimes/${id}"><time[^>]*>([^<]*)<`))?.[1];
    expect(timeOf(dubaiShow?.id)).toMatch(/(am|pm) (GMT\+4|GST)$/);
    expect(timeOf(mumbaiShow?.id)).toMatch(/(am|pm)$/);
  });

  it('limits showtimes to the chosen city and says when it plays elsewhere', async () => {
    const html = await (await app.request('/movies/desert-rose', { headers: mumbai })).text();
    expect(html).toContain('Showtimes in Mumbai');
    expect(html).toMatch(/It is showing in other cities \(\d+ showtimes\)/);
  });

  it("lists every cinema by city, the visitor's city first, linked from the navigation", async () => {
    const html = await (await app.request('/theaters', { headers: { Cookie: 'city=dubai' } })).text();
    expect(html).toContain('<a class="link" href="/theaters">');
    const cities = [...html.matchAll(/<h2 id="city-([a-z-]+)"/g)].map((match) => match[1]);
    expect(cities[0]).toBe('dubai');
    expect(cities).toEqual(expect.arrayContaining(['mumbai', 'bengaluru', 'dubai']));
    expect(html).toContain('href="/theaters/harbour-lights-colaba"');
  });

  it('shows a theater with its screens and showtimes', async () => {
    const html = await (await app.request('/theaters/harbour-lights-colaba')).text();
    expect(html).toContain('Harbour Lights Cinema, Colaba');
    expect(html).toContain('Screen 1 · Grand Hall (254 seats)');
    expect(html).toContain('/showtimes/harbour-lights-colaba-');
  });

  it("shows a showtime's local time, zone and the server's prices", async () => {
    const show = demoShowtimes(now).find((s) => s.theaterId === 'harbour-lights-colaba' && s.format === '2D');
    const html = await (await app.request(`/showtimes/${show?.id}`)).text();
    expect(html).toContain('₹250');
    expect(html).toContain('₹320');
    expect(html).toContain('₹550');
    expect(html).toMatch(/IST|GMT\+5:30/);
  });

  it.each([
    '/movies/no-such-movie',
    '/theaters/no-such-theater',
    '/showtimes/no-such-show',
    '/movies/BAD%20ID',
    '/movies/x/poster.svg',
    '/no/such/page',
  ])('answers %s with the 404 page in the layout', async (path) => {
    const res = await app.request(path);
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain('<nav aria-label="Main"');
    expect(html).not.toMatch(/at .*\.ts:\d+/);
  });

  it('serves a generated SVG poster', async () => {
    const res = await app.request('/movies/pixel-pals/poster.svg');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toContain('image/svg+xml');
    const svg = await res.text();
    expect(svg).toContain('Pixel Pals');
    expect(svg.length).toBeLessThan(10_000);
  });

  it('answers an unknown city on the movie page with a 400', async () => {
    const res = await app.request('/movies/pixel-pals?city=atlantis');
    expect(res.status).toBe(400);
  });
});

describe('contact and health', () => {
  it('stores a valid message and redirects with 303', async () => {
    const res = await app.request(
      '/contact',
      form({
        name: 'Asha',
        email: 'asha@example.com',
        topic: 'accessibility',
        message: 'The seat map is lovely.',
      }),
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toMatch(/^\/contact\/thanks\?ref=[0-9a-f]{8}$/);
    const [stored] = (await listContactMessages(db)).messages;
    expect(stored).toMatchObject({ name: 'Asha', email: 'asha@example.com', topic: 'accessibility' });
  });

  it('re-renders an invalid message with errors beside the fields and stores nothing', async () => {
    const before = (await listContactMessages(db)).messages.length;
    const res = await app.request(
      '/contact',
      form({ name: '', email: 'not-an-email', topic: 'x', message: 'short' }),
    );
    const html = await res.text();
    expect(res.status).toBe(400);
    expect(html).toContain('id="contact-name-error"');
    expect(html).toContain('Enter an email address like name@example.com.');
    expect(html).toContain('Choose a topic from the list.');
    expect(html).toContain('Write at least 10 characters');
    expect(html).toContain('value="not-an-email"');
    expect((await listContactMessages(db)).messages.length).toBe(before);
  });

  it('takes 5 messages an hour from one address, then keeps the sixth on the page with the wait', async () => {
    const fields = (i: number) => ({
      name: 'Flood',
      email: `flood${i}@example.com`,
      topic: 'other',
      message: `Message number ${i} from the same address.`,
    });
    const from = (i: number) => {
      const request = form(fields(i));
      return { ...request, headers: { ...request.headers, 'X-Forwarded-For': '203.0.113.77' } };
    };
    const before = (await listContactMessages(db)).messages.length;
    for (let i = 0; i < 5; i++) expect((await app.request('/contact', from(i))).status).toBe(303);
    const refused = await app.request('/contact', from(5));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
    const html = await refused.text();
    expect(html).toMatch(/role="alert"[\s\S]*Too many attempts\. Please try again in \d+ minutes\./);
    expect(html).toContain('Message number 5 from the same address.');
    expect(html).toContain('value="flood5@example.com"');
    expect((await listContactMessages(db)).messages.length).toBe(before + 5);
  });

  it('reports a reachable database', async () => {
    const res = await app.request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: 'reachable' });
  });
});
