import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cities, movies, screens, theaters } from '../../src/demo/catalog';
import { demoShowtimes, loadDemoData } from '../../src/demo/seed';
import * as repo from '../../src/features/catalog/repo';
import { freshTable } from '../support/db';

const now = new Date('2026-11-24T06:00:00Z');
let db: Awaited<ReturnType<typeof freshTable>>;

beforeAll(async () => {
  db = await freshTable();
  await loadDemoData(db, now);
});
afterAll(() => db.drop());

describe('catalogue repo on DynamoDB Local', () => {
  it('lists every city and gets one by id', async () => {
    const listed = await repo.listCities(db);
    expect(listed.map((c) => c.id).sort()).toEqual(cities.map((c) => c.id).sort());
    expect(await repo.getCity(db, 'dubai')).toEqual(cities.find((c) => c.id === 'dubai'));
    expect(await repo.getCity(db, 'atlantis')).toBeUndefined();
  });

  it("lists a city's theaters from the city index", async () => {
    const inMumbai = await repo.listTheatersInCity(db, 'mumbai');
    expect(inMumbai.map((t) => t.id).sort()).toEqual(
      theaters
        .filter((t) => t.cityId === 'mumbai')
        .map((t) => t.id)
        .sort(),
    );
    expect(await repo.listTheatersInCity(db, 'atlantis')).toEqual([]);
  });

  it('gets a theater with its screens and their layouts in one query', async () => {
    const found = await repo.getTheaterWithScreens(db, 'lakeview-indiranagar');
    expect(found?.theater.name).toBe('Lakeview Cinemas, Indiranagar');
    expect(found?.screens).toHaveLength(2);
    const big = found?.screens.find((s) => s.seatCount >= 250);
    expect(big?.layout).toEqual(screens.find((s) => s.id === big?.id)?.layout);
    expect(await repo.getTheaterWithScreens(db, 'nowhere')).toBeUndefined();
  });

  it('lists and gets movies', async () => {
    expect((await repo.listMovies(db)).length).toBe(movies.length);
    expect(await repo.getMovie(db, 'pixel-pals')).toEqual(movies.find((m) => m.id === 'pixel-pals'));
    expect(await repo.getMovie(db, 'missing')).toBeUndefined();
  });

  it("lists a movie's and a theater's showtimes within a window, in start order", async () => {
    const all = demoShowtimes(now);
    const from = '2026-11-25T00:00:00.000Z';
    const to = '2026-11-26T00:00:00.000Z';
    const forMovie = await repo.listShowtimesForMovie(db, 'orbit-of-ashes', from, to);
    const expected = all.filter(
      (s) => s.movieId === 'orbit-of-ashes' && s.startsAt >= from && s.startsAt <= to,
    );
    expect(forMovie.map((s) => s.id).sort()).toEqual(expected.map((s) => s.id).sort());
    expect(forMovie.map((s) => s.startsAt)).toEqual([...forMovie.map((s) => s.startsAt)].sort());

    const forTheater = await repo.listShowtimesForTheater(db, 'marina-picture-house', from, to);
    expect(forTheater.length).toBeGreaterThan(0);
    expect(forTheater.every((s) => s.theaterId === 'marina-picture-house' && s.startsAt >= from)).toBe(true);
  });

  it('gets one showtime by id', async () => {
    const [first] = demoShowtimes(now);
    expect(first).toBeDefined();
    expect(await repo.getShowtime(db, first?.id ?? '')).toEqual(first);
    expect(await repo.getShowtime(db, 'no-such-show')).toBeUndefined();
  });

  it('loads the demo data idempotently: a second load writes the same items and reports them present', async () => {
    const before = (await repo.listMovies(db)).length;
    const again = await loadDemoData(db, now);
    expect(again.catalogue).toBe('present');
    expect((await repo.listMovies(db)).length).toBe(before);
    expect(await repo.getDemoMarker(db)).toEqual({ loadedAt: now.toISOString() });
  });
});
