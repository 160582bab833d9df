import { authorizeTheater } from '../../auth/authorize';
import type { SessionUser } from '../../auth/model';
import type { Deps } from '../../deps';
import { addDays, zonedToUtc } from '../../platform/time';
import type { Payment, Refund } from './model';
import * as repo from './repo';

/** A theater as the payments report names it: its days are in its own zone, its money in its locale. */
export type TheaterPlace = { id: string; name: string; timeZone: string; locale: string };

/** What one theater took and gave back over some days: the payments started and refunds queued then. */
export type TheaterActivity = { theater: TheaterPlace; payments: Payment[]; refunds: Refund[] };

/**
 * The payments and refunds of each theater made on the local days `from` to `to` (YYYY-MM-DD, both
 * included), each theater's days in its own zone, for its managers and admins. Two queries per theater
 * (pattern 92), the theaters side by side.
 */
export async function paymentActivity(
  deps: Pick<Deps, 'db'>,
  actor: SessionUser,
  theaters: readonly TheaterPlace[],
  days: { from: string; to: string },
): Promise<TheaterActivity[]> {
  for (const theater of theaters) authorizeTheater(actor, theater.id, 'manager', 'admin');
  return Promise.all(
    theaters.map(async (theater) => {
      const start = zonedToUtc(days.from, '00:00', theater.timeZone).toISOString();
      // The last millisecond of the last day: the sort keys are `<createdAt>#…`, so `to~` takes all of it.
      const end = zonedToUtc(addDays(days.to, 1), '00:00', theater.timeZone).getTime() - 1;
      const last = new Date(end).toISOString();
      const [payments, refunds] = await Promise.all([
        repo.listTheaterPayments(deps.db, theater.id, start, last),
        repo.listTheaterRefunds(deps.db, theater.id, start, last),
      ]);
      return { theater, payments, refunds };
    }),
  );
}
