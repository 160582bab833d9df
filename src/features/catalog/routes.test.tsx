import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { appWithoutDatabase, fixedClock, testApp } from '../../../tests/support/db';
import { cities } from '../../demo/catalog';
import type { Db } from '../../platform/db/client';
import { cityItem } from './repo';

// A page that reads the catalogue becomes a 500 here: a 404 proves the request was refused before that.
const app = appWithoutDatabase();

/**
 * A table that holds only the demo cities: enough for the header's city form. Any other read fails, so a
 * page that reaches past its own checks into the catalogue still shows up as a 500.
 */
function citiesOnly() {
  const sent: unknown[] = [];
  const send = async (command: unknown) => {
    sent.push(command);
    if (command instanceof QueryCommand && command.input.ExpressionAttributeValues?.[':pk'] === 'CITIES') {
      return { Items: cities.map(cityItem) };
    }
    throw new Error('not in this fake table');
  };
  const db: Db = { doc: { send } as unknown as DynamoDBDocumentClient, table: 'movie-magic-test' };
  return { app: testApp(db, fixedClock('2026-11-24T09:00:00Z')).app, sent };
}

const tooLong = 'a'.repeat(81);

describe('malformed ids', () => {
  it.each([
    ['/movies/BAD%20ID', 'a space'],
    ['/movies/Pixel-Pals', 'capitals'],
    ['/movies/pixel_pals', 'an underscore'],
    ['/movies/pixel.pals', 'a dot'],
    ['/movies/%3Cscript%3E', 'markup'],
    [`/movies/${tooLong}`, 'more than 80 characters'],
  ])('answers %s (%s) with the movie 404 page', async (path) => {
    const res = await app.request(path);
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain('<title>Page not found · Movie Magic</title>');
    expect(html).toContain('<p>We could not find that movie.</p>');
    expect(html).not.toContain('<script>');
  });

  it.each([
    ['/theaters/Harbour-Lights', 'capitals'],
    ['/theaters/harbour%20lights', 'a space'],
    ['/theaters/harbour~lights', 'a tilde'],
    [`/theaters/${tooLong}`, 'more than 80 characters'],
  ])('answers %s (%s) with the theater 404 page', async (path) => {
    const res = await app.request(path);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('<p>We could not find that theater.</p>');
  });

  it.each([
    '/movies/Pixel-Pals/poster.svg',
    '/movies/pixel%20pals/poster.svg',
    `/movies/${tooLong}/poster.svg`,
  ])('answers the poster %s with the 404 page, not a picture', async (path) => {
    const res = await app.request(path);
    expect(res.status).toBe(404);
    expect(res.headers.get('Content-Type')).toMatch(/^text\/html/);
    expect(res.headers.get('Cache-Control')).not.toContain('max-age');
    expect(await res.text()).toContain('<p>We could not find that movie.</p>');
  });

  it('reads nothing of the catalogue but the cities for the header', async () => {
    const fake = citiesOnly();
    for (const path of ['/movies/Pixel-Pals', '/theaters/Harbour-Lights', '/movies/Pixel-Pals/poster.svg']) {
      expect((await fake.app.request(path)).status).toBe(404);
    }
    expect(fake.sent).toHaveLength(3);
    for (const command of fake.sent) {
      expect((command as QueryCommand).input.ExpressionAttributeValues).toEqual({ ':pk': 'CITIES' });
    }
  });
});

describe('well-formed ids', () => {
  it.each([
    `/movies/${'a'.repeat(80)}`,
    '/movies/pixel-pals-2',
    '/theaters/harbour-lights-colaba',
    '/movies/0/poster.svg',
  ])('lets %s through to the catalogue (a 503 without the database)', async (path) => {
    const res = await app.request(path);
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('We cannot reach part of our system right now');
  });
});

describe('the header city form', () => {
  it('is on every page while the cities can be read', async () => {
    const { app: withCities } = citiesOnly();
    const res = await withCities.request('/no/such/page', { headers: { Cookie: 'city=dubai' } });
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain('<form method="post" action="/city"');
    expect(html).toContain('<input type="hidden" name="next" value="/no/such/page"/>');
    expect(html).toContain('<option value="dubai" selected="">Dubai</option>');
  });

  it('is left out, and the page still renders, when the database is down', async () => {
    for (const path of ['/no/such/page', '/movies/Pixel-Pals', '/about']) {
      const res = await app.request(path, { headers: { Cookie: 'city=dubai' } });
      expect(res.status).toBe(path === '/about' ? 200 : 404);
      const html = await res.text();
      expect(html).toContain('<nav aria-label="Main"');
      expect(html).toContain('</footer></body></html>');
      expect(html).not.toContain('action="/city"');
      expect(html).not.toContain('id="header-city"');
    }
  });
});
