import { describe, expect, it } from 'vitest';
import { untouchableDeps, userWithRole } from '../../../tests/support/untouchable';
import type { SessionUser } from '../../auth/model';
import { AppError } from '../../platform/errors';
import { checkIn, type DoorDeps, doorOf, doorShowtimes, doorTheaters, seatsByRow } from './service';

describe('seatsByRow', () => {
  it('groups seats by row, rows and seats in reading order', () => {
    expect(seatsByRow(['D1', 'C8', 'C7'])).toBe('Row C 7, 8; Row D 1');
  });

  it('puts seat 9 before seat 10, by number rather than by text', () => {
    expect(seatsByRow(['B10', 'B9', 'B11', 'B2'])).toBe('Row B 2, 9, 10, 11');
  });

  it('puts the long row labels after the single letters: Z, then AA, then AB', () => {
    expect(seatsByRow(['AB1', 'AA3', 'Z4', 'A2', 'AA1'])).toBe('Row A 2; Row Z 4; Row AA 1, 3; Row AB 1');
  });

  it('reads one seat as its row and number, and no seats as nothing', () => {
    expect(seatsByRow(['M12'])).toBe('Row M 12');
    expect(seatsByRow([])).toBe('');
  });

  it('leaves the list it was given in its order', () => {
    const seats = ['C8', 'C7'];
    seatsByRow(seats);
    expect(seats).toEqual(['C8', 'C7']);
  });
});

const SHOW = 'harbour-lights-colaba-1-20261124-1930';

describe('the door services, asked by a customer', () => {
  const calls: [string, (deps: DoorDeps, actor: SessionUser) => Promise<unknown>][] = [
    ['doorTheaters', (deps, actor) => doorTheaters(deps, actor)],
    ['doorShowtimes', (deps, actor) => doorShowtimes(deps, actor, 'harbour-lights-colaba')],
    ['doorOf', (deps, actor) => doorOf(deps, actor, SHOW)],
    ['checkIn', (deps, actor) => checkIn(deps, actor, SHOW, 'MM1.AAAA.BBBB.CCCC')],
  ];

  it.each(calls)('%s refuses with forbidden before any database access', async (_name, call) => {
    const { deps, used } = untouchableDeps<DoorDeps>('db', 'clock', 'cache', 'tickets', 'config');
    const answer = call(deps, userWithRole('customer'));
    await expect(answer).rejects.toBeInstanceOf(AppError);
    await expect(answer).rejects.toMatchObject({ code: 'forbidden' });
    expect(used).toEqual([]);
  });

  it.each(calls)('%s goes on to its dependencies for staff, which these ones notice', async (_name, call) => {
    const { deps, used } = untouchableDeps<DoorDeps>('db', 'clock', 'cache', 'tickets', 'config');
    const usher = { ...userWithRole('staff'), theaterIds: ['harbour-lights-colaba'] };
    await expect(call(deps, usher)).rejects.toThrow(/was used$/);
    expect(used).not.toEqual([]);
  });

  it("refuses another theater's staff a theater's showtimes before any database access", async () => {
    const { deps, used } = untouchableDeps<DoorDeps>('db', 'clock', 'cache', 'tickets', 'config');
    const elsewhere = { ...userWithRole('staff'), theaterIds: ['sapphire-andheri'] };
    await expect(doorShowtimes(deps, elsewhere, 'harbour-lights-colaba')).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect(used).toEqual([]);
  });
});
