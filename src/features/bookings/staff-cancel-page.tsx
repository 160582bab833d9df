import type { Context } from 'hono';
import { z } from 'zod';
import { authorizeTheater } from '../../auth/authorize';
import { requireUser } from '../../auth/guards';
import type { FieldErrors } from '../../platform/errors';
import { parseMajorUnits } from '../../platform/money';
import { noStore } from '../../web/no-store';
import { render } from '../../web/render';
import { customerRefund } from '../booking/cancellation-policy';
import type { Booking } from '../booking/model';
import type { StaffRefund } from './cancel';
import { CancelPage } from './views/cancel-page';
import { StaffCancelForm } from './views/staff-cancel';

const fields = z.object({
  refund: z.enum(['policy', 'full', 'none', 'amount']).default('none'),
  amount: z.string().max(20).optional(),
  reason: z
    .string()
    .trim()
    .min(3, 'Say why the booking is cancelled: the customer is told.')
    .max(300, 'Keep the reason under 300 characters.'),
});

/** The staff form read: the refund chosen (an amount in major units checked) and the reason, or errors. */
export function staffCancelForm(
  form: Record<string, string>,
  booking: Booking,
): { refund: StaffRefund; reason: string } | { errors: FieldErrors } {
  const parsed = fields.safeParse(form);
  if (!parsed.success) {
    const errors: FieldErrors = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
    return { errors };
  }
  const { refund, amount, reason } = parsed.data;
  if (refund !== 'amount') return { refund: { kind: refund }, reason };
  const minor = parseMajorUnits(amount ?? '', booking.price.currency);
  if (minor === undefined)
    return { errors: { amount: `Write the amount in ${booking.price.currency}, such as 250 or 250.50.` } };
  return { refund: { kind: 'amount', amount: minor }, reason };
}

/** The cancel page as staff of the booking's theater see it: the booking, then their form. */
export function staffCancelPage(
  c: Context,
  booking: Booking,
  values?: Record<string, string>,
  errors?: FieldErrors,
) {
  authorizeTheater(requireUser(c), booking.theaterId, 'staff', 'manager', 'admin');
  const status = errors ? 400 : 200;
  return noStore(
    render(
      c,
      `Cancel booking ${booking.id}`,
      <>
        <CancelPage booking={booking} offer={undefined} staff />
        <StaffCancelForm
          booking={booking}
          policyRefund={customerRefund(booking, c.var.deps.clock.now()).amount}
          values={values}
          errors={errors}
        />
      </>,
      { status },
    ),
  );
}
