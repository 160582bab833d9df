import { describe, expect, it } from 'vitest';
import { untouchableDeps, userWithRole } from '../../../tests/support/untouchable';
import type { SessionUser } from '../../auth/model';
import { cancelShowtime, finishChanges, moveShowtime, packTransactions } from './move-and-cancel';
import { blockSeats, releaseSeats, type ShowtimeChangeDeps, showtimeOverview, switchSales } from './service';

const SHOW = 'harbour-lights-colaba-1-20261125-1400';

const calls: [string, (deps: ShowtimeChangeDeps, actor: SessionUser) => Promise<unknown>][] = [
  ['showtimeOverview', (deps, actor) => showtimeOverview(deps, actor, SHOW)],
  ['blockSeats', (deps, actor) => blockSeats(deps, actor, SHOW, { seats: ['A1'], reason: 'Broken seat' })],
  ['releaseSeats', (deps, actor) => releaseSeats(deps, actor, SHOW, { seats: ['A1'] })],
  ['switchSales', (deps, actor) => switchSales(deps, actor, SHOW, true)],
  ['moveShowtime', (deps, actor) => moveShowtime(deps, actor, SHOW, { date: '2026-12-01', time: '07:00' })],
  ['cancelShowtime', (deps, actor) => cancelShowtime(deps, actor, SHOW)],
  ['finishChanges', (deps, actor) => finishChanges(deps, actor, SHOW)],
];

describe('the showtime change services', () => {
  it.each(calls)(
    '%s refuses customers and staff with forbidden before any database access',
    async (_n, call) => {
      for (const role of ['customer', 'staff'] as const) {
        const { deps, used } = untouchableDeps<ShowtimeChangeDeps>('db', 'clock', 'config', 'log', 'cache');
        await expect(
          call(deps, { ...userWithRole(role), theaterIds: ['harbour-lights-colaba'] }),
        ).rejects.toMatchObject({ code: 'forbidden' });
        expect(used).toEqual([]);
      }
    },
  );

  it.each(calls)('%s goes on to read the showtime for a manager, to check its theater', async (_n, call) => {
    const { deps, used } = untouchableDeps<ShowtimeChangeDeps>('db', 'clock', 'config', 'log', 'cache');
    const manager = { ...userWithRole('manager'), theaterIds: ['sapphire-andheri'] };
    await expect(call(deps, manager)).rejects.toThrow(/was used$/);
    expect(used).not.toEqual([]);
  });
});

describe('packTransactions', () => {
  const size = (n: number) => n;

  it('fills each transaction up to the limit, in order, never splitting an entry', () => {
    expect(packTransactions([4, 3, 3, 2, 5], size, 10)).toEqual([
      [4, 3, 3],
      [2, 5],
    ]);
    expect(packTransactions([10, 1], size, 10)).toEqual([[10], [1]]);
    expect(packTransactions([], size, 10)).toEqual([]);
  });

  it('refuses an entry larger than a transaction', () => {
    expect(() => packTransactions([3, 11], size, 10)).toThrow(RangeError);
  });
});
