import type { Context } from 'hono';
import { z } from 'zod';
import { authorizeTheater } from '../../auth/authorize';
import { requireUser } from '../../auth/guards';
import type { FieldErrors } from '../../platform/errors';
import { parseMajorUnits } from '../../platform/money';
import { noStore } from '../../web/no-store';
import { render } from '../../web/render';
import { customerRefund, refundable } from '../booking/cancellation-policy';
import type { Booking } from '../booking/model';
import type { StaffRefund } from './cancel';
import { seatsValue } from './cancel-seats';
import { CancelPage } from './views/cancel-page';
import { StaffCancelForm, type StaffRefunds } from './views/staff-cancel';

const fields = z.object({
  refund: z.enum(['policy', 'full', 'none', 'amount']).default('none'),
  amount: z.string().max(20).optional(),
  reason: z
    .string()
    .trim()
    .min(3, 'Say why the booking is cancelled: the customer is told.')
    .max(300, 'Keep the reason under 300 characters.'),
});

/** A form's fields as posted: repeated ones (the seats) as lists. */
type Posted = Record<string, string | File | (string | File)[]>;

/** The text fields of a posted form, the first of each, for the form drawn again. */
export const formValues = (posted: Posted): Record<string, string> =>
  Object.fromEntries(
    Object.entries(posted).flatMap(([name, value]) => {
      const first = Array.isArray(value) ? value[0] : value;
      return typeof first === 'string' ? [[name, first]] : [];
    }),
  );

/** The seats ticked, when the form offered a choice of them (`seatChoice`); else every seat. */
function seatsChosen(posted: Posted, booking: Booking): string[] {
  if (posted.seatChoice !== 'on') return booking.seats.map((seat) => seat.id);
  const ticked = ([] as unknown[]).concat(posted.seat ?? []);
  return ticked.filter((id): id is string => typeof id === 'string');
}

/**
 * The staff form read: the seats chosen, the refund chosen (an amount in major units checked) and the
 * reason, or errors.
 */
export function staffCancelForm(
  posted: Posted,
  booking: Booking,
): { seatIds: string[]; refund: StaffRefund; reason: string } | { errors: FieldErrors } {
  const form = formValues(posted);
  const seatIds = seatsChosen(posted, booking);
  const parsed = fields.safeParse(form);
  if (!parsed.success) {
    const errors: FieldErrors = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
    return { errors };
  }
  if (seatIds.length === 0)
    return { errors: { seat: 'Choose the seats to cancel: all of them cancels the whole booking.' } };
  const { refund, amount, reason } = parsed.data;
  if (refund !== 'amount') return { seatIds, refund: { kind: refund }, reason };
  const minor = parseMajorUnits(amount ?? '', booking.price.currency);
  if (minor === undefined)
    return { errors: { amount: `Write the amount in ${booking.price.currency}, such as 250 or 250.50.` } };
  return { seatIds, refund: { kind: 'amount', amount: minor }, reason };
}

/** The cancel page as staff of the booking's theater see it: the booking, then their form. */
export function staffCancelPage(
  c: Context,
  booking: Booking,
  again?: {
    values: Record<string, string>;
    seatIds?: string[] | undefined;
    errors: FieldErrors;
    /** 409 when the booking changed under the form; 400 by default. */
    status?: 400 | 409;
  },
) {
  authorizeTheater(requireUser(c), booking.theaterId, 'staff', 'manager', 'admin');
  const now = c.var.deps.clock.now();
  const refunds: StaffRefunds = {
    policy: customerRefund(booking, now).amount,
    all: refundable(booking),
    seats: new Map(booking.seats.map((seat) => [seat.id, seatsValue(booking, [seat.id], now)])),
  };
  return noStore(
    render(
      c,
      `Cancel booking ${booking.id}`,
      <>
        <CancelPage booking={booking} offer={undefined} staff />
        <StaffCancelForm
          booking={booking}
          refunds={refunds}
          values={again?.values}
          chosen={again?.seatIds}
          errors={again?.errors}
        />
      </>,
      { status: again ? (again.status ?? 400) : 200 },
    ),
  );
}
