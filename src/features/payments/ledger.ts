import { decimalAmount } from '../../platform/money';
import type { OnlineProviderId } from '../../platform/payments/online';
import { localDate } from '../../platform/time';
import type { TheaterActivity, TheaterPlace } from './activity';
import type { Payment, Refund } from './model';

/*
 * The payments report's arithmetic, pure: each theater's payments and refunds summed per local day, one
 * table per currency, with a totals row that is the sum of the days, and net = charged − refunded on every
 * line. Charged money is a payment `booked` or `refunding` (both were paid); refunded is a refund `done`;
 * pending refunds are `pending` or `sending`; failures are payments still `open` with the provider's
 * reason, and refunds `failed`, which a person has to finish by hand.
 */

export type Tally = { count: number; amount: number };

/** One line of a table: a day at a theater, or the totals. Amounts in minor units of the table's currency. */
export type LedgerLine = { charged: Tally; refunded: Tally; net: number; pending: Tally; failures: number };

export type LedgerRow = LedgerLine & { date: string; theater: TheaterPlace };

export type LedgerTable = {
  currency: string;
  /** The locale its amounts are shown in: that of the first theater using the currency. */
  locale: string;
  rows: LedgerRow[];
  total: LedgerLine;
};

/** Something that needs a person: a payment that failed, or a refund the provider would not take. */
export type LedgerFailure = {
  kind: 'payment' | 'refund';
  bookingId: string;
  at: string;
  theater: TheaterPlace;
  provider: OnlineProviderId;
  reason: string;
  amount: number;
  currency: string;
};

export type LedgerPending = { refund: Refund; theater: TheaterPlace };

export type Ledger = { tables: LedgerTable[]; failures: LedgerFailure[]; pending: LedgerPending[] };

const isCharged = (payment: Payment) => payment.status === 'booked' || payment.status === 'refunding';
const isPending = (refund: Refund) => refund.status === 'pending' || refund.status === 'sending';

const emptyLine = (): LedgerLine => ({
  charged: { count: 0, amount: 0 },
  refunded: { count: 0, amount: 0 },
  net: 0,
  pending: { count: 0, amount: 0 },
  failures: 0,
});

function add(line: LedgerLine, more: LedgerLine): void {
  for (const key of ['charged', 'refunded', 'pending'] as const) {
    line[key].count += more[key].count;
    line[key].amount += more[key].amount;
  }
  line.failures += more.failures;
  line.net = line.charged.amount - line.refunded.amount;
}

/** Sums each theater's activity by day and currency, and lists what failed and what is still to refund. */
export function ledgerOf(activity: readonly TheaterActivity[]): Ledger {
  const tables = new Map<string, { locale: string; rows: Map<string, LedgerRow> }>();
  const order = new Map(activity.map(({ theater }, index) => [theater.id, index]));
  const lineFor = (theater: TheaterPlace, at: string, currency: string): LedgerLine => {
    const table = tables.get(currency) ?? { locale: theater.locale, rows: new Map() };
    tables.set(currency, table);
    const date = localDate(new Date(at), theater.timeZone);
    const key = `${date}|${theater.id}`;
    const row = table.rows.get(key) ?? { ...emptyLine(), date, theater };
    table.rows.set(key, row);
    return row;
  };
  const failures: LedgerFailure[] = [];
  const pending: LedgerPending[] = [];
  for (const { theater, payments, refunds } of activity) {
    for (const payment of payments) {
      const money = { amount: payment.amount, currency: payment.currency };
      if (isCharged(payment)) {
        const line = lineFor(theater, payment.createdAt, payment.currency);
        add(line, { ...emptyLine(), charged: { count: 1, amount: payment.amount } });
      } else if (payment.failureReason) {
        add(lineFor(theater, payment.createdAt, payment.currency), { ...emptyLine(), failures: 1 });
        failures.push({
          kind: 'payment',
          bookingId: payment.id,
          at: payment.createdAt,
          theater,
          provider: payment.provider,
          reason: payment.failureReason,
          ...money,
        });
      }
    }
    for (const refund of refunds) {
      const line = lineFor(theater, refund.createdAt, refund.currency);
      const tally = { count: 1, amount: refund.amount };
      if (refund.status === 'done') add(line, { ...emptyLine(), refunded: tally });
      else if (isPending(refund)) {
        add(line, { ...emptyLine(), pending: tally });
        pending.push({ refund, theater });
      } else {
        add(line, { ...emptyLine(), failures: 1 });
        failures.push({
          kind: 'refund',
          bookingId: refund.paymentId,
          at: refund.doneAt ?? refund.createdAt,
          theater,
          provider: refund.provider,
          reason: refund.lastError ?? refund.reason,
          amount: refund.amount,
          currency: refund.currency,
        });
      }
    }
  }
  const byDayThenTheater = (a: LedgerRow, b: LedgerRow) =>
    a.date.localeCompare(b.date) || (order.get(a.theater.id) ?? 0) - (order.get(b.theater.id) ?? 0);
  return {
    tables: [...tables]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, { locale, rows }]) => {
        const sorted = [...rows.values()].sort(byDayThenTheater);
        const total = emptyLine();
        for (const row of sorted) add(total, row);
        return { currency, locale, rows: sorted, total };
      }),
    failures: failures.sort((a, b) => a.at.localeCompare(b.at)),
    pending: pending.sort((a, b) => a.refund.createdAt.localeCompare(b.refund.createdAt)),
  };
}

/** True when a table adds up: its days sum to its totals, and every line's net is charged − refunded. */
export function reconciles(table: LedgerTable): boolean {
  const sum = emptyLine();
  for (const row of table.rows) add(sum, row);
  const lines = [...table.rows, table.total];
  return (
    lines.every((line) => line.net === line.charged.amount - line.refunded.amount) &&
    JSON.stringify(sum) === JSON.stringify(table.total)
  );
}

export const LEDGER_CSV_HEADER = [
  'date',
  'theater',
  'booking id',
  'kind',
  'provider',
  'provider id',
  'amount',
  'currency',
  'status',
] as const;

/**
 * One record per charge and per refund (any status), in time order, the header first: the local date at
 * the theater, the amount in major units with its currency. Payments never paid are not charges.
 */
export function ledgerRecords(activity: readonly TheaterActivity[]): string[][] {
  const records: { at: string; fields: string[] }[] = [];
  for (const { theater, payments, refunds } of activity) {
    const row = (at: string, fields: string[]) =>
      records.push({ at, fields: [localDate(new Date(at), theater.timeZone), theater.id, ...fields] });
    for (const payment of payments.filter(isCharged)) {
      row(payment.createdAt, [
        payment.id,
        'charge',
        payment.provider,
        payment.chargeId ?? '',
        decimalAmount(payment),
        payment.currency,
        payment.status,
      ]);
    }
    for (const refund of refunds) {
      row(refund.createdAt, [
        refund.paymentId,
        'refund',
        refund.provider,
        refund.providerRefundId ?? '',
        decimalAmount(refund),
        refund.currency,
        refund.status,
      ]);
    }
  }
  records.sort((a, b) => a.at.localeCompare(b.at));
  return [[...LEDGER_CSV_HEADER], ...records.map((record) => record.fields)];
}
