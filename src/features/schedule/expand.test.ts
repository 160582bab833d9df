import { describe, expect, it } from 'vitest';
import {
  type Busy,
  batchDates,
  batchSize,
  expandBatch,
  findClash,
  isoWeekday,
  localTimeInstants,
  overlaps,
  parseTimes,
  showtimeIdFor,
} from './expand';

const iso = (dates: Date[]) => dates.map((date) => date.toISOString());

describe('start times as a manager types them', () => {
  it('reads 24-hour times separated by commas or spaces, each once, in order', () => {
    expect(parseTimes('19:15, 10:30,14:00  9.05 10:30')).toEqual(['09:05', '10:30', '14:00', '19:15']);
    expect(parseTimes('0:00 23:59')).toEqual(['00:00', '23:59']);
  });

  it('refuses anything that is not such a time', () => {
    for (const text of ['24:00', '10:60', '7pm', '10:3', '10:30, noon', '1030'])
      expect(parseTimes(text), text).toBeUndefined();
  });
});

describe('dates and weekdays', () => {
  it('knows the ISO weekday of a date', () => {
    expect(isoWeekday('2026-11-23')).toBe(1); // a Monday
    expect(isoWeekday('2026-11-29')).toBe(7);
  });

  it('keeps the dates of the range on the chosen weekdays, both ends included', () => {
    expect(batchDates('2026-11-23', '2026-12-06', [6, 7])).toEqual([
      '2026-11-28',
      '2026-11-29',
      '2026-12-05',
      '2026-12-06',
    ]);
    expect(batchDates('2026-11-24', '2026-11-24', [2])).toEqual(['2026-11-24']);
    expect(batchDates('2026-11-24', '2026-11-24', [3])).toEqual([]);
  });

  it('expands a week of three times a day into 21 starts in date and time order', () => {
    const shape = {
      from: '2026-11-23',
      to: '2026-11-29',
      weekdays: [1, 2, 3, 4, 5, 6, 7],
      times: ['19:15', '10:30', '14:00'],
    };
    const starts = expandBatch(shape, 'Asia/Kolkata');
    expect(starts).toHaveLength(21);
    expect(batchSize(shape)).toBe(21);
    expect(starts[0]).toEqual({
      date: '2026-11-23',
      time: '10:30',
      instants: [new Date('2026-11-23T05:00:00Z')],
    });
    expect(starts[20]?.date).toBe('2026-11-29');
    expect(starts[20]?.time).toBe('19:15');
  });
});

describe('local times around clock changes', () => {
  it('names one instant on an ordinary day', () => {
    expect(iso(localTimeInstants('2026-11-24', '19:30', 'Asia/Kolkata'))).toEqual([
      '2026-11-24T14:00:00.000Z',
    ]);
    expect(iso(localTimeInstants('2026-07-01', '10:00', 'America/New_York'))).toEqual([
      '2026-07-01T14:00:00.000Z',
    ]);
  });

  it('names none for a time the clocks skip as they go forward', () => {
    expect(localTimeInstants('2026-03-08', '02:30', 'America/New_York')).toEqual([]);
    expect(localTimeInstants('2026-03-29', '01:15', 'Europe/London')).toEqual([]);
    expect(iso(localTimeInstants('2026-03-08', '03:00', 'America/New_York'))).toEqual([
      '2026-03-08T07:00:00.000Z',
    ]);
  });

  it('names both instants of a time the clocks show twice as they go back', () => {
    expect(iso(localTimeInstants('2026-11-01', '01:30', 'America/New_York'))).toEqual([
      '2026-11-01T05:30:00.000Z',
      '2026-11-01T06:30:00.000Z',
    ]);
    expect(iso(localTimeInstants('2026-11-01', '02:30', 'America/New_York'))).toEqual([
      '2026-11-01T07:30:00.000Z',
    ]);
  });
});

describe('showtime ids', () => {
  it('come from the theater, the screen and the start, the same every time', () => {
    const id = showtimeIdFor('harbour-lights-colaba', 'harbour-lights-colaba-2', '2026-11-24T14:00:00.000Z');
    expect(id).toBe('harbour-lights-colaba-2-20261124t1400z');
    expect(
      showtimeIdFor('harbour-lights-colaba', 'harbour-lights-colaba-2', '2026-11-24T14:00:00.000Z'),
    ).toBe(id);
    expect(
      showtimeIdFor('harbour-lights-colaba', 'harbour-lights-colaba-2', '2026-11-24T14:05:00.000Z'),
    ).not.toBe(id);
  });

  it('name the theater when the screen id does not, and stay a short slug when the names are long', () => {
    expect(showtimeIdFor('grand', 'hall-1', '2026-11-24T14:00:00.000Z')).toBe('grand-hall-1-20261124t1400z');
    const long = showtimeIdFor('a'.repeat(60), `b${'-b'.repeat(30)}`, '2026-11-24T14:00:00.000Z');
    expect(long).toMatch(/^screen-[0-9a-f]{16}-20261124t1400z$/);
  });
});

describe('overlaps on one screen', () => {
  const show = (id: string, startsAt: string, endsAt: string, movieId = 'film'): Busy => ({
    showId: id,
    movieId,
    startsAt,
    endsAt,
  });
  const evening = show('a', '2026-11-24T14:00:00.000Z', '2026-11-24T16:00:00.000Z');

  it('needs the cleaning gap after a showtime ends, and before the next starts', () => {
    const at = (start: string, end: string) => show('b', start, end);
    expect(overlaps(evening, at('2026-11-24T16:15:00.000Z', '2026-11-24T18:00:00.000Z'), 15)).toBe(false);
    expect(overlaps(evening, at('2026-11-24T16:14:00.000Z', '2026-11-24T18:00:00.000Z'), 15)).toBe(true);
    expect(overlaps(evening, at('2026-11-24T16:14:00.000Z', '2026-11-24T18:00:00.000Z'), 0)).toBe(false);
    expect(overlaps(evening, at('2026-11-24T12:00:00.000Z', '2026-11-24T13:45:00.000Z'), 15)).toBe(false);
    expect(overlaps(evening, at('2026-11-24T12:00:00.000Z', '2026-11-24T13:46:00.000Z'), 15)).toBe(true);
    expect(overlaps(evening, at('2026-11-24T12:00:00.000Z', '2026-11-24T13:46:00.000Z'), 30)).toBe(true);
    expect(overlaps(evening, at('2026-11-24T16:20:00.000Z', '2026-11-24T18:00:00.000Z'), 30)).toBe(true);
  });

  it('tells the same showtime (same screen, start and film) from another in its place', () => {
    const again = show('a', evening.startsAt, evening.endsAt);
    expect(findClash([evening], again, 15)).toEqual({ kind: 'exists', other: evening });
    const otherFilm = show('a', evening.startsAt, evening.endsAt, 'another-film');
    expect(findClash([evening], otherFilm, 15)).toEqual({ kind: 'overlap', other: evening });
    const later = show('c', '2026-11-24T17:00:00.000Z', '2026-11-24T19:00:00.000Z');
    expect(findClash([evening], later, 15)).toBeUndefined();
  });
});
