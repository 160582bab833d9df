import { describe, expect, it } from 'vitest';
import { type Busy, expandBatch } from './expand';
import { type BatchFacts, planBatch } from './plan';

const facts = (overrides: Partial<BatchFacts> & Pick<BatchFacts, 'starts'>): BatchFacts => ({
  theaterId: 'grand',
  screenId: 'grand-1',
  movieId: 'film',
  runtimeMinutes: 120,
  gapMinutes: 15,
  now: new Date('2026-11-20T00:00:00Z'),
  unpriced: [],
  busy: [],
  cancelled: new Set(),
  ...overrides,
});

const week = (times: string[], from = '2026-11-23', to = '2026-11-29') =>
  expandBatch({ from, to, weekdays: [1, 2, 3, 4, 5, 6, 7], times }, 'Asia/Kolkata');

const kinds = (shows: ReturnType<typeof planBatch>) => shows.map((show) => show.outcome.kind);

describe('a batch planned against a screen', () => {
  it('creates a week of showtimes on an empty screen, each with its id and end', () => {
    const shows = planBatch(facts({ starts: week(['10:30', '14:00']) }));
    expect(kinds(shows)).toEqual(Array(14).fill('create'));
    expect(shows[0]?.show).toEqual({
      showId: 'grand-1-20261123t0500z',
      movieId: 'film',
      startsAt: '2026-11-23T05:00:00.000Z',
      endsAt: '2026-11-23T07:00:00.000Z',
    });
  });

  it('refuses starts that overlap within the batch, keeping the first', () => {
    // 10:30 + 120 min + 15 min gap is 12:45: 12:30 is too early, 12:45 fits.
    const shows = planBatch(facts({ starts: week(['10:30', '12:30', '12:45'], '2026-11-23', '2026-11-23') }));
    expect(kinds(shows)).toEqual(['create', 'refused', 'create']);
    expect(shows[1]?.outcome).toMatchObject({
      refusal: { code: 'overlap', inBatch: true, other: { showId: 'grand-1-20261123t0500z' } },
    });
  });

  it('honours a theater’s own cleaning gap', () => {
    const starts = week(['10:30', '12:45'], '2026-11-23', '2026-11-23');
    expect(kinds(planBatch(facts({ starts, gapMinutes: 30 })))).toEqual(['create', 'refused']);
    expect(kinds(planBatch(facts({ starts, gapMinutes: 0 })))).toEqual(['create', 'create']);
  });

  it('refuses what overlaps a stored showtime, and calls the same showtime scheduled already', () => {
    const stored: Busy = {
      showId: 'demo-show',
      movieId: 'other-film',
      startsAt: '2026-11-23T08:00:00.000Z',
      endsAt: '2026-11-23T10:00:00.000Z',
    };
    const same: Busy = {
      showId: 'grand-1-20261124t0500z',
      movieId: 'film',
      startsAt: '2026-11-24T05:00:00.000Z',
      endsAt: '2026-11-24T07:00:00.000Z',
    };
    const shows = planBatch(
      facts({ starts: week(['10:30', '14:00'], '2026-11-23', '2026-11-24'), busy: [stored, same] }),
    );
    // 23rd 14:00 IST is 08:30Z, inside the stored showtime; the 24th's 10:30 exists already.
    expect(kinds(shows)).toEqual(['create', 'refused', 'exists', 'create']);
    expect(shows[1]?.outcome).toMatchObject({ refusal: { code: 'overlap', inBatch: false, other: stored } });
  });

  it('gives a start where a cancelled showtime stood a new id, the same one each time', () => {
    const starts = week(['10:30'], '2026-11-23', '2026-11-23');
    const cancelled = new Set(['grand-1-20261123t0500z', 'grand-1-20261123t0500z-2']);
    const [again] = planBatch(facts({ starts, cancelled }));
    expect(again?.show?.showId).toBe('grand-1-20261123t0500z-3');
    expect(again?.outcome).toEqual({ kind: 'create' });
  });

  it('gives a start whose id a showtime moved to another time holds a new id, the same one each time', () => {
    const starts = week(['10:30'], '2026-11-23', '2026-11-23');
    // Made for 10:30 IST on the 23rd, then moved to 18:00 the same day: its id says 0500z still.
    const moved: Busy = {
      showId: 'grand-1-20261123t0500z',
      movieId: 'film',
      startsAt: '2026-11-23T12:30:00.000Z',
      endsAt: '2026-11-23T14:30:00.000Z',
    };
    const [first] = planBatch(facts({ starts, busy: [moved] }));
    expect(first).toMatchObject({
      show: { showId: 'grand-1-20261123t0500z-2' },
      outcome: { kind: 'create' },
    });
    const made: Busy = { ...moved, showId: 'grand-1-20261123t0500z-2', startsAt: '2026-11-23T05:00:00.000Z' };
    const [again] = planBatch(
      facts({ starts, busy: [moved, { ...made, endsAt: '2026-11-23T07:00:00.000Z' }] }),
    );
    expect(again).toMatchObject({
      show: { showId: 'grand-1-20261123t0500z-2' },
      outcome: { kind: 'exists' },
    });
    // Moved out of sight of this day's schedule, it is not read: the one made here is still found.
    const [unseen] = planBatch(facts({ starts, busy: [{ ...made, endsAt: '2026-11-23T07:00:00.000Z' }] }));
    expect(unseen).toMatchObject({
      show: { showId: 'grand-1-20261123t0500z-2' },
      outcome: { kind: 'exists' },
    });
  });

  it('refuses times that have passed, times the clocks skip or repeat, and a card without every price', () => {
    const past = planBatch(
      facts({ starts: week(['10:30'], '2026-11-23', '2026-11-24'), now: new Date('2026-11-23T06:00:00Z') }),
    );
    expect(past.map((show) => show.outcome)).toEqual([
      { kind: 'refused', refusal: { code: 'past' } },
      { kind: 'create' },
    ]);

    const newYork = expandBatch(
      { from: '2026-03-08', to: '2026-03-08', weekdays: [7], times: ['02:30'] },
      'America/New_York',
    ).concat(
      expandBatch(
        { from: '2026-11-01', to: '2026-11-01', weekdays: [7], times: ['01:30'] },
        'America/New_York',
      ),
    );
    const dst = planBatch(facts({ starts: newYork }));
    expect(dst.map((show) => show.outcome)).toEqual([
      { kind: 'refused', refusal: { code: 'skipped' } },
      { kind: 'refused', refusal: { code: 'ambiguous' } },
    ]);

    const unpriced = planBatch(
      facts({ starts: week(['10:30'], '2026-11-23', '2026-11-23'), unpriced: ['Recliner'] }),
    );
    expect(unpriced[0]?.outcome).toEqual({
      kind: 'refused',
      refusal: { code: 'no-price', categories: ['Recliner'] },
    });
  });
});
