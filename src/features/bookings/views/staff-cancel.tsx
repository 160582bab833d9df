import type { FieldErrors } from '../../../platform/errors';
import { formatMoney } from '../../../platform/money';
import { ErrorSummary, Field, FieldError, type FormValues } from '../../../web/forms';
import type { Booking } from '../../booking/model';

/** What staff may give back for the whole booking, and for each seat alone, in minor units. */
export type StaffRefunds = {
  /** As the booking's policy says now, for every seat. */
  policy: number;
  /** All that is left of what was charged online. */
  all: number;
  /** Per seat id: what the seat cost (its ticket and share of fee and tax), and by the policy now. */
  seats: Map<string, { paid: number; policy: number }>;
};

/**
 * Staff cancel a booking for its customer, or some of its seats: which seats (all ticked at first), how
 * much of what was paid online comes back (as the policy says now, what the seats cost, none, or an
 * amount) and why, which the audit record keeps and the customer is told.
 */
export function StaffCancelForm({
  booking,
  refunds,
  values = {},
  chosen,
  errors = {},
}: {
  booking: Booking;
  refunds: StaffRefunds;
  values?: FormValues;
  /** The seats ticked when the form is drawn again; every seat at first. */
  chosen?: string[] | undefined;
  errors?: FieldErrors;
}) {
  const charged = booking.payment.status === 'paid' ? booking.payment.charged : undefined;
  const money = (amount: number) => formatMoney({ amount, currency: booking.price.currency }, booking.locale);
  const picked = new Set(chosen ?? booking.seats.map((seat) => seat.id));
  const refundChosen = values.refund ?? 'policy';
  const several = booking.seats.length > 1;
  const choices = charged
    ? [
        {
          value: 'policy',
          label: `As the booking's policy says now, for the seats chosen (all seats: ${money(refunds.policy)})`,
        },
        {
          value: 'full',
          label: `What the seats chosen cost (all seats: everything left of what was paid, ${money(refunds.all)})`,
        },
        { value: 'none', label: 'Nothing' },
        { value: 'amount', label: 'Another amount (below)' },
      ]
    : [];
  return (
    <section aria-labelledby="staff-cancel-title">
      <h2 id="staff-cancel-title" class="text-xl font-bold">
        Cancel for the customer
      </h2>
      <ErrorSummary errors={errors} />
      <form method="post" action={`/bookings/${booking.id}/staff-cancel`} class="grid gap-3 max-w-xl">
        {several ? (
          <fieldset class="border-0 p-0 m-0" aria-describedby="staff-cancel-seat-hint">
            <legend class="font-semibold mb-1">Seats to cancel</legend>
            <p id="staff-cancel-seat-hint" class="m-0 mb-1 text-sm text-slate-700">
              All of them cancels the whole booking; the customer keeps the seats left unticked.
            </p>
            <input type="hidden" name="seatChoice" value="on" />
            {booking.seats.map((seat) => {
              const value = refunds.seats.get(seat.id);
              return (
                <label class="flex items-start gap-2 mb-1">
                  <input
                    type="checkbox"
                    name="seat"
                    value={seat.id}
                    checked={picked.has(seat.id)}
                    class="mt-1.5"
                  />
                  <span>
                    {seat.id}, {seat.categoryName}
                    {charged && value
                      ? `: cost ${money(value.paid)}, ${money(value.policy)} by the policy now`
                      : ''}
                  </span>
                </label>
              );
            })}
            <FieldError id="staff-cancel-seat-error" message={errors.seat} />
          </fieldset>
        ) : null}
        {charged ? (
          <fieldset class="border-0 p-0 m-0">
            <legend class="font-semibold mb-1">Refund</legend>
            {choices.map((choice) => (
              <label class="flex items-start gap-2 mb-1">
                <input
                  type="radio"
                  name="refund"
                  value={choice.value}
                  checked={refundChosen === choice.value}
                  class="mt-1.5"
                />
                <span>{choice.label}</span>
              </label>
            ))}
            <FieldError id="staff-cancel-refund-error" message={errors.refund} />
          </fieldset>
        ) : (
          <p class="m-0">Nothing was paid online, so nothing is refunded here.</p>
        )}
        {charged ? (
          <Field
            form="staff-cancel"
            name="amount"
            label={`Another amount, in ${booking.price.currency}`}
            hint="Only with Another amount chosen; at most what was paid online."
            inputmode="decimal"
            value={values.amount}
            errors={errors}
          />
        ) : null}
        <Field
          form="staff-cancel"
          name="reason"
          label="Reason"
          hint="Kept in the audit log and told to the customer."
          lines={2}
          maxlength={300}
          required
          value={values.reason}
          errors={errors}
        />
        <div>
          <button type="submit" class="btn-danger">
            {several ? 'Cancel the seats chosen' : 'Cancel the booking'}
          </button>
        </div>
      </form>
    </section>
  );
}
