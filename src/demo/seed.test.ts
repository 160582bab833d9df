import { describe, expect, it } from 'vitest';
import { localDate } from '../platform/time';
import { cities, movies, screens, theaters } from './catalog';
import { DEMO_DAYS, demoShowtimes } from './seed';

describe('demo catalogue', () => {
  it('has the promised breadth', () => {
    expect(cities.length).toBeGreaterThanOrEqual(3);
    for (const city of cities) expect(theaters.filter((t) => t.cityId === city.id)).toHaveLength(2);
    for (const theater of theaters) {
      const own = screens.filter((s) => s.theaterId === theater.id);
      expect(own).toHaveLength(2);
      expect(JSON.stringify(own[0]?.layout)).not.toBe(JSON.stringify(own[1]?.layout));
      expect(Math.max(...own.map((s) => s.seatCount))).toBeGreaterThanOrEqual(250);
    }
    expect(movies).toHaveLength(12);
  });

  it('marks wheelchair spaces with companion seats beside them', () => {
    for (const screen of screens) {
      const seats = screen.layout.rows.flatMap((row) => row.items);
      expect(seats.some((s) => s.type === 'seat' && s.access === 'wheelchair')).toBe(true);
      expect(seats.some((s) => s.type === 'seat' && s.access === 'companion')).toBe(true);
    }
  });

  it("schedules 7 local days from today in each theater's own zone, with unique ids", () => {
    const now = new Date('2026-11-24T20:00:00Z'); // already the 25th in India and Dubai
    const shows = demoShowtimes(now);
    expect(new Set(shows.map((s) => s.id)).size).toBe(shows.length);
    for (const theater of theaters) {
      const dates = new Set(
        shows
          .filter((s) => s.theaterId === theater.id)
          .map((s) => localDate(new Date(s.startsAt), theater.timeZone)),
      );
      expect([...dates].sort()).toHaveLength(DEMO_DAYS);
      expect([...dates].sort()[0]).toBe(localDate(now, theater.timeZone));
    }
    expect(shows.every((s) => s.prices.every((p) => Number.isInteger(p.amount) && p.amount > 0))).toBe(true);
  });
});
