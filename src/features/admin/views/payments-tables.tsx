import { formatMoney } from '../../../platform/money';
import { formatDay, formatTime, localDate } from '../../../platform/time';
import type { TheaterPlace } from '../../payments/activity';
import {
  type LedgerFailure,
  type LedgerLine,
  type LedgerPending,
  type LedgerTable,
  reconciles,
} from '../../payments/ledger';

/*
 * The payments page's tables. Each scrolls sideways inside its own box on a phone (focusable, so the
 * keyboard can scroll it too), never the page; amounts are right-aligned in tabular figures so they
 * line up for adding by eye.
 */

/** Words wrap only between words: the page's `overflow-wrap: anywhere` would squeeze columns to a letter. */
const TABLE = 'w-full border-collapse text-left align-top [overflow-wrap:normal]';
const cell = 'py-2 pr-3 text-right tabular-nums whitespace-nowrap';
const lastCell = 'py-2 text-right tabular-nums whitespace-nowrap';

const providerNames: Record<string, string> = { stripe: 'Stripe', razorpay: 'Razorpay' };
const providerName = (id: string) => providerNames[id] ?? id;

/** A list's column headings; those over amounts and counts align right, as their figures do. */
function ListHeads({ names, figures }: { names: string[]; figures: string[] }) {
  return (
    <thead>
      <tr class="border-b border-slate-400">
        {names.map((name, index) => (
          <th
            scope="col"
            class={['py-2', index < names.length - 1 && 'pr-3', figures.includes(name) && 'text-right']
              .filter(Boolean)
              .join(' ')}
          >
            {name}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** "Tue, 24 Nov, 7:30 pm" at the theater. */
function when(at: string, theater: TheaterPlace): string {
  const instant = new Date(at);
  return `${formatDay(localDate(instant, theater.timeZone), theater.locale)}, ${formatTime(instant, theater.timeZone, theater.locale)}`;
}

function Figures({ line, money }: { line: LedgerLine; money: (amount: number) => string }) {
  return (
    <>
      <td class={cell}>{line.charged.count}</td>
      <td class={cell}>{money(line.charged.amount)}</td>
      <td class={cell}>{line.refunded.count}</td>
      <td class={cell}>{money(line.refunded.amount)}</td>
      <td class={`${cell} font-semibold`}>{money(line.net)}</td>
      <td class={cell}>{line.pending.count}</td>
      <td class={cell}>{money(line.pending.amount)}</td>
      <td class={lastCell}>{line.failures}</td>
    </>
  );
}

const head = 'py-1 pr-3 align-bottom';
const numberHead = 'py-1 pr-3 text-right align-bottom';

/**
 * Two rows of headings: a group over each count and amount ("Charged": Count, Amount), tied to its columns
 * by `<colgroup>` and `scope="colgroup"`, so a screen reader names a cell "Charged, Amount".
 */
function LedgerHeads() {
  const pair = (
    <>
      <th scope="col" class={numberHead}>
        Count
      </th>
      <th scope="col" class={numberHead}>
        Amount
      </th>
    </>
  );
  return (
    <>
      <colgroup span={2} />
      <colgroup span={2} />
      <colgroup span={2} />
      <colgroup />
      <colgroup span={2} />
      <colgroup />
      <thead>
        <tr>
          <th scope="col" rowspan={2} class={head}>
            Day
          </th>
          <th scope="col" rowspan={2} class={head}>
            Theater
          </th>
          <th scope="colgroup" colspan={2} class="pt-2 pr-3 text-right">
            Charged
          </th>
          <th scope="colgroup" colspan={2} class="pt-2 pr-3 text-right">
            Refunded
          </th>
          <th scope="col" rowspan={2} class={numberHead}>
            Net
          </th>
          <th scope="colgroup" colspan={2} class="pt-2 pr-3 text-right">
            Refunds pending
          </th>
          <th scope="col" rowspan={2} class="py-1 text-right align-bottom">
            Failures
          </th>
        </tr>
        <tr class="border-b border-slate-400">
          {pair}
          {pair}
          {pair}
        </tr>
      </thead>
    </>
  );
}

/** One currency's days and theaters, then the totals: the days add up to them, and net = charged − refunded. */
export function LedgerTableView({ table }: { table: LedgerTable }) {
  const money = (amount: number) => formatMoney({ amount, currency: table.currency }, table.locale);
  const id = `payments-${table.currency.toLowerCase()}`;
  return (
    <div class="mb-6">
      <h2 id={id} class="text-2xl font-bold">
        In {table.currency}
      </h2>
      <p class="text-sm text-slate-700">
        Charged: payments taken. Refunded: refunds the provider has made. Net: charged less refunded.
      </p>
      <section class="overflow-x-auto" aria-labelledby={id} tabindex={0}>
        <table class={TABLE}>
          <caption class="sr-only">
            Payments in {table.currency} by day and theater, with the totals last
          </caption>
          <LedgerHeads />
          <tbody>
            {table.rows.map((row) => (
              <tr class="border-b border-slate-300">
                <th scope="row" class="py-2 pr-3 font-normal whitespace-nowrap">
                  <time datetime={row.date}>{formatDay(row.date, row.theater.locale)}</time>
                </th>
                <td class="py-2 pr-3 min-w-28">{row.theater.name}</td>
                <Figures line={row} money={money} />
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr class="border-t-2 border-slate-500 font-bold">
              <th scope="row" colspan={2} class="py-2 pr-3">
                Total
              </th>
              <Figures line={table.total} money={money} />
            </tr>
          </tfoot>
        </table>
      </section>
      {reconciles(table) ? null : (
        <p role="alert" class="card border-red-800 font-semibold text-red-800">
          These figures do not add up. Please report it: the CSV lists every charge and refund.
        </p>
      )}
    </div>
  );
}

/** Payments that failed and refunds the provider refused: each needs a person. */
export function FailuresTable({ failures }: { failures: LedgerFailure[] }) {
  return (
    <div class="mb-6">
      <h2 id="payments-failures" class="text-2xl font-bold">
        Failures
      </h2>
      {failures.length === 0 ? (
        <p>None in these days.</p>
      ) : (
        <>
          <p>
            A failed payment took no money: the customer may have paid again. A failed refund was not made:
            refund it by hand in the provider's dashboard, with the booking id.
          </p>
          <section class="overflow-x-auto" aria-labelledby="payments-failures" tabindex={0}>
            <table class={TABLE}>
              <caption class="text-left text-sm text-slate-700 pb-2">
                {failures.length === 1 ? 'One failure' : `${failures.length} failures`}, oldest first; times
                at the theater.
              </caption>
              <ListHeads
                names={['Booking', 'What', 'When', 'Theater', 'Provider', 'Amount', 'Reason']}
                figures={['Amount']}
              />
              <tbody>
                {failures.map((failure) => (
                  <tr class="border-b border-slate-300 align-top">
                    <th scope="row" class="py-2 pr-3 font-normal whitespace-nowrap">
                      <code>{failure.bookingId}</code>
                    </th>
                    <td class="py-2 pr-3 whitespace-nowrap">
                      {failure.kind === 'payment' ? 'Payment failed' : 'Refund failed'}
                    </td>
                    <td class="py-2 pr-3 whitespace-nowrap">
                      <time datetime={failure.at}>{when(failure.at, failure.theater)}</time>
                    </td>
                    <td class="py-2 pr-3 min-w-28">{failure.theater.name}</td>
                    <td class="py-2 pr-3">{providerName(failure.provider)}</td>
                    <td class={cell}>{formatMoney(failure, failure.theater.locale)}</td>
                    <td class="py-2 min-w-40">{failure.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </div>
  );
}

/** Refunds queued and not yet made: sent and retried by the refund process on their own. */
export function PendingTable({ pending }: { pending: LedgerPending[] }) {
  return (
    <div class="mb-6">
      <h2 id="payments-pending" class="text-2xl font-bold">
        Refunds pending
      </h2>
      {pending.length === 0 ? (
        <p>None in these days.</p>
      ) : (
        <>
          <p class="text-sm text-slate-700">
            Sent and tried again on their own; a refund still failing after its last try is listed under
            failures.
          </p>
          <section class="overflow-x-auto" aria-labelledby="payments-pending" tabindex={0}>
            <table class={TABLE}>
              <caption class="sr-only">Refunds pending, oldest first</caption>
              <ListHeads
                names={['Booking', 'Queued', 'Theater', 'Provider', 'Amount', 'Tries', 'Last error']}
                figures={['Amount', 'Tries']}
              />
              <tbody>
                {pending.map(({ refund, theater }) => (
                  <tr class="border-b border-slate-300 align-top">
                    <th scope="row" class="py-2 pr-3 font-normal whitespace-nowrap">
                      <code>{refund.paymentId}</code>
                    </th>
                    <td class="py-2 pr-3 whitespace-nowrap">
                      <time datetime={refund.createdAt}>{when(refund.createdAt, theater)}</time>
                    </td>
                    <td class="py-2 pr-3 min-w-28">{theater.name}</td>
                    <td class="py-2 pr-3">{providerName(refund.provider)}</td>
                    <td class={cell}>{formatMoney(refund, theater.locale)}</td>
                    <td class={cell}>{refund.attempts}</td>
                    <td class="py-2 min-w-40">{refund.lastError ?? '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </div>
  );
}
