import type { FieldErrors } from '../../../platform/errors';
import { Field, FieldError, type FormValues } from '../../../web/forms';

const METHODS = [
  { id: 'box-office', label: 'At the box office (booked online, paid on arrival)' },
  { id: 'stripe', label: 'Card, online (Stripe)' },
  { id: 'razorpay', label: 'UPI, card, net banking or wallet, online (Razorpay)' },
];

/** The policy's two steps: minutes before the show, and the share of the tickets refunded up to then. */
const POLICY_FIELDS = [
  ['refundStep1Minutes', 'Up to how many minutes before the show'],
  ['refundStep1Percent', 'Share of the tickets refunded then, %'],
  ['refundStep2Minutes', 'Then up to how many minutes before (optional)'],
  ['refundStep2Percent', 'Share refunded then, % (optional)'],
] as const;

/**
 * A theater's ways to pay and its cancellation policy (admin/theater-payment-form.ts). A way this server
 * has no keys for is still listed: it is offered once the server has them.
 */
export function TheaterPaymentFields({ values, errors }: { values: FormValues; errors: FieldErrors }) {
  const chosen = new Set((values.paymentMethods ?? '').split(',').filter(Boolean));
  return (
    <>
      <input type="hidden" name="paymentSettings" value="on" />
      <fieldset class="border-0 p-0 m-0">
        <legend class="font-semibold mb-1">Ways to pay at checkout</legend>
        {METHODS.map((method) => (
          <label class="flex items-start gap-2 mb-1">
            <input
              type="checkbox"
              name="paymentMethods"
              value={method.id}
              checked={chosen.has(method.id)}
              class="mt-1.5"
              aria-describedby={errors.paymentMethods ? 'theater-paymentMethods-error' : undefined}
            />
            <span>{method.label}</span>
          </label>
        ))}
        <FieldError id="theater-paymentMethods-error" message={errors.paymentMethods} />
      </fieldset>
      <fieldset class="border-0 p-0 m-0 grid gap-2">
        <legend class="font-semibold mb-1">Cancellation policy</legend>
        <p class="m-0 text-sm text-slate-700">
          What a customer who cancels gets back of the tickets, by how long before the show. Each booking
          keeps the policy it was bought under.
        </p>
        {POLICY_FIELDS.map(([name, label]) => (
          <Field
            form="theater"
            name={name}
            label={label}
            inputmode="numeric"
            value={values[name]}
            errors={errors}
          />
        ))}
        <label class="flex items-start gap-2">
          <input
            type="checkbox"
            name="refundFee"
            value="on"
            checked={values.refundFee === 'on'}
            class="mt-1.5"
          />
          <span>Refund the convenience fee too</span>
        </label>
      </fieldset>
    </>
  );
}
