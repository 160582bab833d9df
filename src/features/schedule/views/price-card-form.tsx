import type { FieldErrors } from '../../../platform/errors';
import { ErrorSummary, Field, FieldError, type FormValues } from '../../../web/forms';
import type { SeatCategory } from '../../catalog/model';
import { priceField } from '../forms';

export type CardForm = { values: FormValues; errors: FieldErrors; message?: string | undefined };

/** A price card's name and its price for each seat category: for adding a card and for editing one. */
export function PriceCardForm({
  id,
  action,
  theaterId,
  categories,
  currency,
  form,
  submit,
}: {
  id: string;
  action: string;
  theaterId: string;
  categories: SeatCategory[];
  currency: string;
  form: CardForm;
  submit: string;
}) {
  const { values, errors } = form;
  return (
    <>
      <ErrorSummary errors={errors} message={form.message} />
      <form method="post" action={action} class="grid gap-4 max-w-md" novalidate>
        <input type="hidden" name="theater" value={theaterId} />
        <Field
          form={id}
          name="name"
          label="Name"
          errors={errors}
          value={values.name}
          required
          maxlength={60}
          hint="What managers pick it by, like Weekday matinee or Weekend evening."
        />
        <fieldset
          class="grid gap-3 border border-slate-300 rounded-md p-3 m-0"
          aria-describedby={errors.prices ? `${id}-prices-error` : `${id}-prices-hint`}
        >
          <legend class="label px-1">Prices in {currency}</legend>
          <p id={`${id}-prices-hint`} class="m-0 text-sm text-slate-700">
            A ticket's price, like 250 or 250.50. Leave a seat category empty when the card does not price it:
            showtimes on a screen with that category cannot use the card.
          </p>
          {categories.map((category) => (
            <Field
              form={id}
              name={priceField(category.id)}
              label={category.name}
              errors={errors}
              value={values[priceField(category.id)]}
              maxlength={12}
              inputmode="decimal"
            />
          ))}
          <FieldError id={`${id}-prices-error`} message={errors.prices} />
        </fieldset>
        <div>
          <button type="submit" class="btn">
            {submit}
          </button>
        </div>
      </form>
    </>
  );
}
