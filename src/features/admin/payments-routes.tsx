import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { requireRole } from '../../auth/guards';
import type { SessionUser } from '../../auth/model';
import { AppError, type FieldErrors } from '../../platform/errors';
import { isCalendarDate } from '../../platform/time';
import { csvAttachment, csvText } from '../../web/csv';
import { type FormValues, fieldErrors } from '../../web/forms';
import { noStore } from '../../web/no-store';
import { render } from '../../web/render';
import { ledgerRecords } from '../payments/ledger';
import { type PaymentsFilter, paymentsReport, paymentTheaters } from './payments-report';
import { PaymentsPage } from './views/payments-page';

/*
 * /admin/payments: what was charged, refunded and failed online, by day and theater, for admins and
 * managers; /admin/payments.csv: the same filters as a download, one record per charge and refund. The
 * filters are a GET form: a bad one comes back on the page with its message beside the field, as 400.
 */

const day = (message: string) =>
  z
    .string()
    .trim()
    .max(10, message)
    .refine((value) => value === '' || isCalendarDate(value), message)
    .transform((value) => value || undefined);

const filterSchema = z.object({
  theater: z
    .string()
    .trim()
    .regex(/^[a-z0-9-]{0,100}$/, 'Choose a theater from the list.')
    .transform((value) => value || undefined),
  from: day('Enter the first day like 2026-11-24.'),
  to: day('Enter the last day like 2026-11-30.'),
});

const FIELDS = ['theater', 'from', 'to'] as const;

/** The filters as typed, each cut short, to show again beside their errors. */
const valuesOf = (c: Context): FormValues =>
  Object.fromEntries(FIELDS.map((name) => [name, c.req.query(name)?.slice(0, 100)]));

export function paymentsAdminRoutes() {
  const app = new Hono();

  /** The filters read, then the report; undefined with the errors when the filters are not usable. */
  const reportOf = async (c: Context, actor: SessionUser) => {
    const parsed = filterSchema.safeParse(Object.fromEntries(FIELDS.map((n) => [n, c.req.query(n) ?? ''])));
    if (!parsed.success) return { errors: fieldErrors(parsed.error) };
    const { theater, from, to } = parsed.data;
    const filter: PaymentsFilter = { theaterId: theater, from, to };
    try {
      return { report: await paymentsReport(c.var.deps, actor, filter) };
    } catch (error) {
      if (!AppError.match(error, 'bad_request')) throw error;
      return { errors: error.fields as FieldErrors };
    }
  };

  const refused = async (c: Context, actor: SessionUser, errors: FieldErrors) => {
    const theaters = await paymentTheaters(c.var.deps, actor);
    return noStore(
      render(
        c,
        'Payments',
        <PaymentsPage
          theaters={theaters}
          values={valuesOf(c)}
          errors={errors}
          admin={actor.role === 'admin'}
        />,
        { status: 400 },
      ),
    );
  };

  app.get('/admin/payments', async (c) => {
    const actor = requireRole(c, 'manager', 'admin');
    const { report, errors } = await reportOf(c, actor);
    if (!report) return refused(c, actor, errors);
    const values = { theater: report.theaterId, from: report.from, to: report.to };
    // Customers' booking ids and what they paid: nothing for a shared browser's cache to keep.
    return noStore(
      render(
        c,
        'Payments',
        <PaymentsPage
          theaters={report.theaters}
          values={values}
          errors={{}}
          report={report}
          admin={actor.role === 'admin'}
        />,
      ),
    );
  });

  app.get('/admin/payments.csv', async (c) => {
    const actor = requireRole(c, 'manager', 'admin');
    const { report, errors } = await reportOf(c, actor);
    if (!report) return refused(c, actor, errors);
    const name = `payments-${report.theaterId ?? 'all'}-${report.from}-to-${report.to}.csv`;
    return csvAttachment(name, csvText(ledgerRecords(report.activity)));
  });

  return app;
}
