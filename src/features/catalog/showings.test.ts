import { describe, expect, it } from 'vitest';
import type { Movie, Showtime } from './model';
import { closestTitles, editDistance, fillState, lowestPrice, timeOfDay } from './showings';

const movie = (id: string, title: string) => ({ id, title }) as Movie;
const catalogue = [
  movie('the-last-ferry', 'The Last Ferry'),
  movie('gully-cricket', 'Gully Cricket'),
  movie('pixel-pals', 'Pixel Pals'),
  movie('orbit-of-ashes', 'Orbit of Ashes'),
  movie('grandmas-kitchen', "Grandma's Kitchen"),
];

describe('time of day', () => {
  it('buckets by the wall clock of the theater, not UTC', () => {
    // 06:30 UTC is 12:00 in Mumbai and 10:30 in Dubai.
    expect(timeOfDay('2026-11-24T06:30:00.000Z', 'Asia/Kolkata')).toBe('afternoon');
    expect(timeOfDay('2026-11-24T06:30:00.000Z', 'Asia/Dubai')).toBe('morning');
  });

  it('puts each boundary in the later part, and after midnight in the night', () => {
    const at = (hhmm: string) => timeOfDay(`2026-11-24T${hhmm}:00.000Z`, 'UTC');
    expect(at('05:00')).toBe('morning');
    expect(at('11:59')).toBe('morning');
    expect(at('12:00')).toBe('afternoon');
    expect(at('16:59')).toBe('afternoon');
    expect(at('17:00')).toBe('evening');
    expect(at('20:59')).toBe('evening');
    expect(at('21:00')).toBe('night');
    expect(at('23:59')).toBe('night');
    expect(at('00:30')).toBe('night');
    expect(at('04:59')).toBe('night');
  });
});

describe('fill state', () => {
  it('is sold out with no seat left, filling fast from 70% or 10 seats left', () => {
    expect(fillState(0, 254)).toBe('open');
    expect(fillState(177, 254)).toBe('open');
    expect(fillState(178, 254)).toBe('filling-fast');
    expect(fillState(253, 254)).toBe('filling-fast');
    expect(fillState(254, 254)).toBe('sold-out');
    expect(fillState(260, 254)).toBe('sold-out');
    // A 24-seat room: 10 left is filling fast before 70% is reached.
    expect(fillState(13, 24)).toBe('open');
    expect(fillState(14, 24)).toBe('filling-fast');
  });
});

describe('lowest price', () => {
  it('is the cheapest category', () => {
    const show = {
      prices: [
        { category: 'premium', amount: 32_000 },
        { category: 'standard', amount: 25_000 },
      ],
    } as Showtime;
    expect(lowestPrice(show)).toBe(25_000);
    expect(lowestPrice({ prices: [] as Showtime['prices'] } as Showtime)).toBeUndefined();
  });
});

describe('closest titles', () => {
  it('measures edit distance, capped', () => {
    expect(editDistance('ferry', 'ferry')).toBe(0);
    expect(editDistance('fery', 'ferry')).toBe(1);
    expect(editDistance('crikcet', 'cricket')).toBe(2);
    expect(editDistance('banana', 'cricket')).toBe(3);
    expect(editDistance('a', 'abcdefgh')).toBe(3);
  });

  it('suggests titles with a word near or starting with a typed word, best first', () => {
    const ids = (query: string) => closestTitles(query, catalogue).map((m) => m.id);
    expect(ids('ferri')).toEqual(['the-last-ferry']);
    expect(ids('gully crikcet')).toEqual(['gully-cricket']);
    expect(ids('pix')).toEqual(['pixel-pals']);
    expect(ids('grandmas kitchn')).toEqual(['grandmas-kitchen']);
    // Two typed words matched rank above one.
    expect(ids('orbit pals')[0]).toBe('orbit-of-ashes');
    expect(ids('orbit pals')).toContain('pixel-pals');
  });

  it('suggests nothing for words far from every title, or only small words', () => {
    expect(closestTitles('zzzzzz', catalogue)).toEqual([]);
    expect(closestTitles('the of', catalogue)).toEqual([]);
    // Short words must match exactly or as a prefix: "cat" is not "pals".
    expect(closestTitles('cat', catalogue)).toEqual([]);
  });
});
