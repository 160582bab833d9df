import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { cities, movies } from '../../src/demo/catalog';
import { demoShowtimes, loadDemoData } from '../../src/demo/seed';
import { putCatalog } from '../../src/features/catalog/bulk-writes';
import { fixedClock, freshTable, testApp } from '../support/db';

const now = new Date('2026-11-24T09:00:00Z');
const clock = fixedClock(now);
let db: Awaited<ReturnType<typeof freshTable>>;
let app: ReturnType<typeof createApp>;

const rename = (title: string) => {
  const movie = movies.find((m) => m.id === 'orbit-of-ashes');
  if (!movie) throw new Error('demo movie missing');
  return putCatalog({ db }, { movies: [{ ...movie, title }] });
};

beforeAll(async () => {
  db = await freshTable();
  await loadDemoData(db, now);
  const config = loadConfig({
    DYNAMODB_ENDPOINT: 'http://x.invalid',
    CATALOG_CACHE_SECONDS: '0',
    PAGE_CACHE_SECONDS: '600',
  });
  app = testApp(db, clock, { config }).app;
});
afterAll(() => db.drop());

describe('page cache', () => {
  const path = '/movies/orbit-of-ashes?city=mumbai';
  const firstListed = demoShowtimes(now)
    .filter((s) => s.movieId === 'orbit-of-ashes' && s.cityId === 'mumbai' && s.startsAt > now.toISOString())
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt))[0];

  it('serves a catalogue page from the cache until the first listed showtime starts', async () => {
    expect(await (await app.request(path)).text()).toContain('Orbit of Ashes');
    await rename('Orbit Renamed');
    expect(await (await app.request(path)).text()).toContain('Orbit of Ashes');

    clock.set(firstListed?.startsAt ?? '');
    const fresh = await (await app.request(path)).text();
    expect(fresh).toContain('Orbit Renamed');
    expect(fresh).not.toContain(`/showtimes/${firstListed?.id}"`);
  });

  it('answers a matching If-None-Match from the cache with 304', async () => {
    const first = await app.request(path, { headers: { 'Accept-Encoding': 'gzip' } });
    const tag = first.headers.get('ETag');
    expect(tag).toBeTruthy();
    const again = await app.request(path, {
      headers: { 'Accept-Encoding': 'gzip', 'If-None-Match': tag ?? '' },
    });
    expect(again.status).toBe(304);
    expect(again.headers.get('ETag')).toBe(tag);
  });

  it('keys by city cookie and fragment, and bypasses requests carrying any other cookie', async () => {
    await rename('Orbit Third Title');
    // The city cookie is part of the key: a visitor from another city does not get Mumbai's page.
    const other = await (await app.request(path, { headers: { Cookie: 'city=dubai' } })).text();
    expect(other).toContain('Orbit Third Title');
    const session = await (
      await app.request(path, { headers: { Cookie: 'city=mumbai; session=abc' } })
    ).text();
    expect(session).toContain('Orbit Third Title');
    const cached = await (await app.request(path)).text();
    expect(cached).toContain('Orbit Renamed');
  });

  it('never caches error answers', async () => {
    const bad = await app.request('/search?date=nonsense');
    expect(bad.status).toBe(400);
    const first = await bad.text();
    expect(first).toContain('YYYY-MM-DD');
    expect(first).toContain('>Dubai<');
    // The header's city form lists the cities as they are now: a copy kept from before would not.
    const dubai = cities.find((city) => city.id === 'dubai');
    if (!dubai) throw new Error('demo city missing');
    await putCatalog({ db }, { cities: [{ ...dubai, name: 'Dubai Renamed' }] });
    const again = await app.request('/search?date=nonsense');
    expect(again.status).toBe(400);
    const text = await again.text();
    expect(text).toContain('YYYY-MM-DD');
    expect(text).toContain('>Dubai Renamed<');
  });
});
