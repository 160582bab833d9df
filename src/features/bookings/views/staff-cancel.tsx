import type { FieldErrors } from '../../../platform/errors';
import { formatMoney } from '../../../platform/money';
import { ErrorSummary, Field, FieldError, type FormValues } from '../../../web/forms';
import type { Booking } from '../../booking/model';

/**
 * Staff cancel a booking for its customer: how much of what was paid online comes back (as the policy
 * says now, all of it, none, or an amount) and why, which the audit record keeps and the customer is told.
 */
export function StaffCancelForm({
  booking,
  policyRefund,
  values = {},
  errors = {},
}: {
  booking: Booking;
  /** What the booking's own policy would give back now, in minor units. */
  policyRefund: number;
  values?: FormValues;
  errors?: FieldErrors;
}) {
  const charged = booking.payment.status === 'paid' ? booking.payment.charged : undefined;
  const money = (amount: number) => formatMoney({ amount, currency: booking.price.currency }, booking.locale);
  const chosen = values.refund ?? 'policy';
  const choices = charged
    ? [
        { value: 'policy', label: `As the booking's policy says now: ${money(policyRefund)}` },
        { value: 'full', label: `All that was paid online: ${money(charged.amount)}` },
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
        {charged ? (
          <fieldset class="border-0 p-0 m-0">
            <legend class="font-semibold mb-1">Refund</legend>
            {choices.map((choice) => (
              <label class="flex items-start gap-2 mb-1">
                <input
                  type="radio"
                  name="refund"
                  value={choice.value}
                  checked={chosen === choice.value}
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
            Cancel the booking
          </button>
        </div>
      </form>
    </section>
  );
}
