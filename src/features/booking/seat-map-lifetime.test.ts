import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { TtlCache } from '../../platform/ttl-cache';
import { seatMapLifetime } from './seat-map-lifetime';

const now = Date.parse('2026-11-24T09:00:00Z');
const at = (minutes: number) => new Date(now + minutes * 60_000).toISOString();
const config = loadConfig({ SALES_CLOSE_MINUTES: '10' });
const show = { id: 'show-1', startsAt: at(120) };

describe('how long a seat map drawn now stays current', () => {
  it('ends when the first live hold expires or unpaid seat is released, else when sales close', () => {
    const seatStates = new TtlCache(500, () => now);
    const read = seatStates.get(show.id, async () => []);
    const lifetime = (states: Parameters<typeof seatMapLifetime>[3]) =>
      seatMapLifetime({ seatStates, config }, show, read, states, now).until;
    expect(lifetime([])).toBe(Date.parse(at(110)));
    expect(
      lifetime([
        { seatId: 'A1', state: 'held', expiresAt: at(8) },
        { seatId: 'A2', state: 'held', expiresAt: at(-1) },
        { seatId: 'A3', state: 'sold', unpaidUntil: at(5) },
        { seatId: 'A4', state: 'sold', unpaidUntil: at(-5) },
        { seatId: 'A5', state: 'blocked' },
      ]),
    ).toBe(Date.parse(at(5)));
    expect(lifetime([{ seatId: 'A1', state: 'held', expiresAt: at(8) }])).toBe(Date.parse(at(8)));
    // Sales closed already: the start is the next change (the page then says the showtime has started).
    expect(seatMapLifetime({ seatStates, config }, show, read, [], Date.parse(at(115))).until).toBe(
      Date.parse(at(120)),
    );
  });

  it('is current while the seat map cache hands out the read it was drawn from', async () => {
    let time = now;
    const seatStates = new TtlCache(500, () => time);
    const read = seatStates.get(show.id, async () => []);
    const { current } = seatMapLifetime({ seatStates, config }, show, read, await read, now);
    expect(current()).toBe(true);
    seatStates.delete(show.id);
    expect(current()).toBe(false);
    const again = seatStates.get(show.id, async () => []);
    expect(seatMapLifetime({ seatStates, config }, show, again, [], now).current()).toBe(true);
    expect(current()).toBe(false);
    time = now + 500;
    expect(seatMapLifetime({ seatStates, config }, show, again, [], now).current()).toBe(false);
  });
});
