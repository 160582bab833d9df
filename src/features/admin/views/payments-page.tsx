import type { FieldErrors } from '../../../platform/errors';
import { formatLongDay } from '../../../platform/time';
import { ErrorSummary, Field, FieldError, type FormValues } from '../../../web/forms';
import type { PaymentsReport, TheaterChoice } from '../payments-report';
import { FailuresTable, LedgerTableView, PendingTable } from './payments-tables';

/** The filters as a query string, for the CSV link: the same report as a download. */
function csvHref(report: PaymentsReport): string {
  const query = new URLSearchParams();
  if (report.theaterId) query.set('theater', report.theaterId);
  query.set('from', report.from);
  query.set('to', report.to);
  return `/admin/payments.csv?${query}`;
}

/** Which theater, and which days: a plain GET form, so it works with JavaScript off. */
function Filters({
  theaters,
  values,
  errors,
  admin,
}: {
  theaters: TheaterChoice[];
  values: FormValues;
  errors: FieldErrors;
  admin: boolean;
}) {
  const error = errors.theater;
  return (
    <form method="get" action="/admin/payments" class="card mb-6" aria-labelledby="payments-filters">
      <h2 id="payments-filters" class="mt-0 text-lg font-bold">
        Which payments
      </h2>
      <ErrorSummary errors={errors} />
      <div class="grid gap-3 sm:grid-cols-3">
        <div>
          <label class="label" for="payments-theater">
            Theater
          </label>
          <select
            id="payments-theater"
            name="theater"
            class="field"
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'payments-theater-error' : undefined}
          >
            <option value="">{admin ? 'All theaters' : 'All my theaters'}</option>
            {theaters.map((theater) => (
              <option value={theater.id} selected={values.theater === theater.id}>
                {theater.name} ({theater.cityName})
              </option>
            ))}
          </select>
          <FieldError id="payments-theater-error" message={error} />
        </div>
        <Field
          form="payments"
          name="from"
          label="First day"
          type="date"
          errors={errors}
          value={values.from}
        />
        <Field form="payments" name="to" label="Last day" type="date" errors={errors} value={values.to} />
      </div>
      <button type="submit" class="btn mt-3">
        Show payments
      </button>
    </form>
  );
}

/**
 * The back office's payments: per currency, a table of each day at each theater (charged, refunded, net,
 * pending refunds, failures) with its totals; then the failures to act on and the refunds on their way,
 * and the same payments as a CSV download. Without a report (the filters were refused), the form alone.
 */
export function PaymentsPage({
  theaters,
  values,
  errors,
  report,
  admin,
}: {
  theaters: TheaterChoice[];
  values: FormValues;
  errors: FieldErrors;
  report?: PaymentsReport | undefined;
  admin: boolean;
}) {
  const single = report?.theaterId ? theaters.find((t) => t.id === report.theaterId) : undefined;
  return (
    <article aria-labelledby="payments-title">
      <p class="mt-0">
        <a class="link" href="/admin">
          Back office
        </a>
      </p>
      <h1 id="payments-title" class="mt-0 text-3xl font-bold">
        Payments{single ? `: ${single.name}` : ''}
      </h1>
      <p>
        Money taken and given back online. A payment counts on the day it was started and a refund on the day
        it was queued, each in its theater's time zone; what became of them is as of now.
      </p>
      <Filters theaters={theaters} values={values} errors={errors} admin={admin} />
      {report ? <Report report={report} /> : null}
    </article>
  );
}

function Report({ report }: { report: PaymentsReport }) {
  const { ledger } = report;
  const days =
    report.from === report.to
      ? formatLongDay(report.from)
      : `${formatLongDay(report.from)} to ${formatLongDay(report.to)}`;
  return (
    <>
      <p class="flex flex-wrap items-baseline gap-x-4 gap-y-2">
        <span class="font-semibold">{days}</span>
        <a class="link" href={csvHref(report)} download>
          Download these payments as CSV
        </a>
      </p>
      {ledger.tables.length === 0 ? (
        <p class="card">No payments or refunds in these days.</p>
      ) : (
        ledger.tables.map((table) => <LedgerTableView table={table} />)
      )}
      <FailuresTable failures={ledger.failures} />
      <PendingTable pending={ledger.pending} />
    </>
  );
}
