import { describe, expect, it } from 'vitest';
import { appWithoutDatabase } from '../../../tests/support/db';
import { postForm, signInPath } from '../../../tests/support/routes';

// Nothing listens on this app's database endpoint: a handler that reached the catalogue or the seats
// would answer 500, so a 404 or a redirect here proves the request was answered before that.
const app = appWithoutDatabase();

const SHOW = 'harbour-lights-colaba-1-20261124-1930';

/** A form post of `fields` in order, repeating a name as a seat form does. */
const post = (path: string, fields: [string, string][] = [], origin = 'http://localhost') =>
  postForm(app, path, fields, { origin });

const hold = (showId: string, seats: string[], origin?: string) =>
  post(
    `/showtimes/${showId}/hold`,
    seats.map((seat): [string, string] => ['seat', seat]),
    origin,
  );

const malformedIds = [
  ['capitals', 'Harbour-Lights-1'],
  ['an underscore', 'harbour_lights_1'],
  ['a dot', 'harbour.lights'],
  ['a space', 'harbour%20lights'],
  ['markup', '%3Cscript%3E'],
  ['more than 80 characters', 'a'.repeat(81)],
];

async function expectShowtime404(res: Response) {
  expect(res.status).toBe(404);
  expect(res.headers.get('Location')).toBeNull();
  const html = await res.text();
  expect(html).toContain('<title>Page not found · Movie Magic</title>');
  expect(html).toContain('We could not find that showtime.');
  expect(html).not.toContain('<script>');
}

describe('a malformed showtime id', () => {
  it.each(malformedIds)('gives the seat map with %s the 404 page', async (_what, showId) => {
    await expectShowtime404(await app.request(`/showtimes/${showId}`));
  });

  it.each(malformedIds)('gives the live availability with %s the 404 page', async (_what, showId) => {
    await expectShowtime404(await app.request(`/showtimes/${showId}/seats?hold=${crypto.randomUUID()}`));
  });

  it('lets a well-formed id past the check, on to the (here missing) database', async () => {
    const res = await app.request(`/showtimes/${SHOW}`);
    expect(res.status).toBe(503);
    expect(await res.text()).not.toContain('We could not find that showtime.');
  });

  it('gives a hold the 404 page before asking a signed-out visitor to sign in', async () => {
    await expectShowtime404(await hold('Not_An_Id', ['C7']));
  });

  it('is sent to sign in on checkout, since who is asking is judged before the address', async () => {
    const res = await app.request('/checkout/Not_An_Id');
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe(signInPath('/checkout/Not_An_Id'));
  });
});

describe('holding seats while signed out', () => {
  it('goes to sign in, coming back to the seat map with the chosen seats checked', async () => {
    const res = await hold(SHOW, ['C7', 'C8']);
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe(signInPath(`/showtimes/${SHOW}?seats=C7,C8`));
  });

  it('keeps a single chosen seat and a seat in a two-letter row', async () => {
    const one = await hold(SHOW, ['AA12']);
    expect(one.headers.get('Location')).toBe(signInPath(`/showtimes/${SHOW}?seats=AA12`));
  });

  it('comes back to the bare seat map when no seat was chosen', async () => {
    const res = await hold(SHOW, []);
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe(signInPath(`/showtimes/${SHOW}`));
  });

  it.each([
    ['lower case', 'c7'],
    ['a row without a number', 'C'],
    ['a four-digit number', 'C1000'],
    ['a second parameter smuggled in', 'C7&next=//evil.example'],
    ['a list smuggled into one seat', 'C7,C8'],
    ['markup', '<b>C7</b>'],
  ])('drops a seat name in %s', async (_what, seat) => {
    const res = await hold(SHOW, [seat]);
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe(signInPath(`/showtimes/${SHOW}`));
  });

  it('never carries a malformed seat name alongside good ones', async () => {
    const res = await hold(SHOW, ['C7', 'x9;evil', 'C8']);
    expect(res.status).toBe(303);
    const location = res.headers.get('Location') ?? '';
    expect(location.startsWith(signInPath(`/showtimes/${SHOW}`))).toBe(true);
    expect(decodeURIComponent(location)).not.toContain('evil');
  });

  it('drops a choice of more than 100 seats rather than carrying it to sign-in', async () => {
    const seats = Array.from({ length: 101 }, (_, n) => `B${n + 1}`);
    const res = await hold(SHOW, seats);
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe(signInPath(`/showtimes/${SHOW}`));
  });

  it('is refused with 403 from another site, not sent to sign in', async () => {
    const res = await hold(SHOW, ['C7'], 'https://evil.example');
    expect(res.status).toBe(403);
    expect(res.headers.get('Location')).toBeNull();
    expect(await res.text()).toContain('This request came from another site');
  });
});

describe('checkout for a signed-out visitor', () => {
  it('sends the checkout page to sign in, coming back to it', async () => {
    const res = await app.request(`/checkout/${SHOW}`);
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe(signInPath(`/checkout/${SHOW}`));
  });

  it.each([
    ['confirming the booking', `/checkout/${SHOW}/confirm`, [['key', crypto.randomUUID()]]],
    ['releasing the hold', `/checkout/${SHOW}/release`, []],
    ['confirming with a malformed showtime id', '/checkout/Not_An_Id/confirm', [['key', 'k']]],
    ['releasing with a malformed showtime id', '/checkout/Not_An_Id/release', []],
  ] as [string, string, [string, string][]][])(
    'sends %s to sign in, back to the home page since a post cannot be repeated',
    async (_what, path, fields) => {
      const res = await post(path, fields);
      expect(res.status).toBe(303);
      expect(res.headers.get('Location')).toBe(signInPath('/'));
    },
  );

  it('refuses a confirmation posted from another site with 403', async () => {
    const res = await post(`/checkout/${SHOW}/confirm`, [['key', 'k']], 'https://evil.example');
    expect(res.status).toBe(403);
    expect(res.headers.get('Location')).toBeNull();
  });
});
