import { authorize, authorizeTheater } from '../../auth/authorize';
import type { SessionUser } from '../../auth/model';
import type { Deps } from '../../deps';
import { AppError } from '../../platform/errors';
import { addDays, localDate } from '../../platform/time';
import { managedTheaters } from '../catalog/back-office-reads';
import { paymentActivity, type TheaterActivity, type TheaterPlace } from '../payments/activity';
import { type Ledger, ledgerOf } from '../payments/ledger';

/*
 * The back office's payments page (docs/decisions/025): for admins, every theater's; for managers, their
 * own theaters'. A report covers whole local days, a week unless asked otherwise, at most a month.
 */

type ReportDeps = Pick<Deps, 'db' | 'clock'>;

/** The longest span one report reads: a calendar month fits, and a page stays a few queries per theater. */
export const MAX_REPORT_DAYS = 31;

/** How many days a report covers when only one end, or neither, is given. */
const DEFAULT_DAYS = 7;

export type TheaterChoice = TheaterPlace & { cityName: string };

export type PaymentsFilter = {
  theaterId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
};

export type PaymentsReport = {
  /** The theaters the actor may choose from, in the chain's order. */
  theaters: TheaterChoice[];
  /** The one theater reported on, or undefined for all of the actor's. */
  theaterId: string | undefined;
  from: string;
  to: string;
  activity: TheaterActivity[];
  ledger: Ledger;
};

/** The theaters a manager or admin may report on; forbidden for a manager with none assigned. */
export async function paymentTheaters(deps: ReportDeps, actor: SessionUser): Promise<TheaterChoice[]> {
  authorize(actor, 'manager', 'admin');
  const managed = await managedTheaters(deps, actor);
  if (managed.length === 0 && actor.role !== 'admin')
    throw new AppError('forbidden', 'No theater is assigned to your account yet. Ask an admin.');
  return managed.map(({ theater, city }) => ({
    id: theater.id,
    name: theater.name,
    timeZone: theater.timeZone,
    locale: city.locale,
    cityName: city.name,
  }));
}

const daysBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;

/**
 * The payments report for `filter` (dates already YYYY-MM-DD when given): one theater of the actor's, or
 * all of them. A missing end is a week from the other; with neither, the last week up to today in the
 * theater's zone, or in the first theater's for all of them. A bad span is a bad request naming the field.
 */
export async function paymentsReport(
  deps: ReportDeps,
  actor: SessionUser,
  filter: PaymentsFilter,
): Promise<PaymentsReport> {
  if (filter.theaterId) authorizeTheater(actor, filter.theaterId, 'manager', 'admin');
  const theaters = await paymentTheaters(deps, actor);
  const chosen = filter.theaterId ? theaters.find((t) => t.id === filter.theaterId) : undefined;
  if (filter.theaterId && !chosen)
    throw new AppError('bad_request', 'Choose a theater from the list.', {
      theater: 'Choose a theater from the list.',
    });
  const zone = chosen?.timeZone ?? theaters[0]?.timeZone ?? 'UTC';
  const to =
    filter.to ?? (filter.from ? addDays(filter.from, DEFAULT_DAYS - 1) : localDate(deps.clock.now(), zone));
  const from = filter.from ?? addDays(to, -(DEFAULT_DAYS - 1));
  if (from > to) {
    throw new AppError('bad_request', 'The last day is before the first.', {
      to: 'Choose a last day on or after the first day.',
    });
  }
  if (daysBetween(from, to) > MAX_REPORT_DAYS) {
    throw new AppError('bad_request', 'That is too many days for one report.', {
      from: `Choose at most ${MAX_REPORT_DAYS} days: for a longer time, take one month at a time.`,
    });
  }
  const reported = chosen ? [chosen] : theaters;
  const activity = await paymentActivity(deps, actor, reported, { from, to });
  return { theaters, theaterId: chosen?.id, from, to, activity, ledger: ledgerOf(activity) };
}
