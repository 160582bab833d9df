import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoShowtimes, loadDemoData } from '../../src/demo/seed';
import * as booking from '../../src/features/booking/service';
import { limits } from '../../src/features/limits/service';
import { fixedClock, freshTable, testApp } from '../support/db';
import { person } from '../support/screens';

/*
 * New holds per account (limits.newHoldsPerAccount) are counted by the hold's own transaction: a hold
 * refused for a taken seat counts nothing, a change of seats is not a new hold, and past the limit the
 * transaction is cancelled and the visitor told when to try again.
 */

const now = new Date('2026-11-24T09:00:00Z');
const clock = fixedClock(now);
let db: Awaited<ReturnType<typeof freshTable>>;
const show = demoShowtimes(now).find(
  (s) => s.screenId === 'harbour-lights-colaba-1' && s.startsAt > '2026-11-25',
);

beforeAll(async () => {
  db = await freshTable();
  await loadDemoData(db, now);
});
afterAll(() => db?.drop());

describe('the limit on new holds', () => {
  it('counts only new holds that were placed, and refuses the one past the limit', async () => {
    if (!show) throw new Error('demo Grand Hall showtime missing');
    const { deps } = testApp(db, clock);
    const other = await person(deps, 'customer');
    const me = await person(deps, 'customer');
    await booking.holdSeats(deps, other.user, show.id, ['A5']);
    // Refused: the seat is taken. Not a hold, so not counted.
    await expect(booking.holdSeats(deps, me.user, show.id, ['A5'])).rejects.toMatchObject({
      code: 'conflict',
    });
    for (let n = 0; n < limits.newHoldsPerAccount.max; n++) {
      await booking.holdSeats(deps, me.user, show.id, ['D7']);
      // A change of seats of the live hold is not a new hold.
      await booking.holdSeats(deps, me.user, show.id, ['D7', 'D8']);
      await booking.releaseHold(deps, me.user, show.id);
    }
    await expect(booking.holdSeats(deps, me.user, show.id, ['D7'])).rejects.toMatchObject({
      code: 'rate_limited',
      message: 'Too many attempts. Please try again in 60 minutes.',
    });
    // Nothing of the refused hold was written.
    const map = await booking.seatMap(deps, show.id, me.user);
    expect(map.hold).toBeUndefined();
    expect(map.seats.get('D7')).toBeUndefined();
  });
});
