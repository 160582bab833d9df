import { z } from 'zod';
import type { FormValues } from '../../web/forms';
import {
  type CancellationPolicy,
  DEFAULT_CANCELLATION_POLICY,
  PAYMENT_METHOD_IDS,
  type PaymentMethodId,
  type Theater,
} from '../catalog/model';

/*
 * A theater's ways to pay and cancellation policy on its edit form: which methods the checkout offers
 * there, and up to two refund steps (minutes before the show, share of the tickets) with the fee or not.
 * Stored only where they differ from the defaults, so a theater left alone follows them.
 */

const minutes = z
  .string()
  .trim()
  .regex(/^\d{1,5}$/, 'Enter whole minutes before the show, like 120.')
  .transform(Number)
  .pipe(z.number().max(10_080, 'At most a week before: 10080 minutes.'));
const percent = z
  .string()
  .trim()
  .regex(/^\d{1,3}$/, 'Enter a whole percentage from 0 to 100.')
  .transform(Number)
  .pipe(z.number().max(100, 'Enter a whole percentage from 0 to 100.'));
const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.union([z.literal('').transform(() => undefined), schema]);

export const theaterPaymentSchema = z
  .object({
    paymentMethods: z
      .array(z.enum(PAYMENT_METHOD_IDS as [PaymentMethodId, ...PaymentMethodId[]]))
      .min(1, 'Choose at least one way to pay.'),
    refundStep1Minutes: minutes,
    refundStep1Percent: percent,
    refundStep2Minutes: optional(minutes),
    refundStep2Percent: optional(percent),
    refundFee: z.enum(['on']).optional(),
  })
  .superRefine((form, ctx) => {
    if ((form.refundStep2Minutes === undefined) !== (form.refundStep2Percent === undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['refundStep2Minutes'],
        message: 'Give both the minutes and the share, or neither.',
      });
    if (form.refundStep2Minutes !== undefined && form.refundStep2Minutes >= form.refundStep1Minutes)
      ctx.addIssue({
        code: 'custom',
        path: ['refundStep2Minutes'],
        message: 'The second step comes closer to the show: fewer minutes than the first.',
      });
  })
  .transform((form): Pick<Theater, 'paymentMethods' | 'cancellationPolicy'> => {
    const policy: CancellationPolicy = {
      steps: [
        { minutesBefore: form.refundStep1Minutes, percent: form.refundStep1Percent },
        ...(form.refundStep2Minutes !== undefined && form.refundStep2Percent !== undefined
          ? [{ minutesBefore: form.refundStep2Minutes, percent: form.refundStep2Percent }]
          : []),
      ],
      refundFee: form.refundFee === 'on',
    };
    const all = PAYMENT_METHOD_IDS.every((id) => form.paymentMethods.includes(id));
    return {
      paymentMethods: all ? undefined : form.paymentMethods,
      cancellationPolicy:
        JSON.stringify(policy) === JSON.stringify(DEFAULT_CANCELLATION_POLICY) ? undefined : policy,
    };
  });

/**
 * The form's fields from a posted body (checkboxes repeat): `input` for the schema, `values` as text to
 * show again (the methods joined by commas).
 */
export function paymentFields(body: Record<string, unknown>): {
  input: Record<string, unknown>;
  values: FormValues;
} {
  const raw = body.paymentMethods;
  const methods = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter(
    (m): m is string => typeof m === 'string',
  );
  const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string).slice(0, 20) : '');
  const fields = {
    refundStep1Minutes: text('refundStep1Minutes'),
    refundStep1Percent: text('refundStep1Percent'),
    refundStep2Minutes: text('refundStep2Minutes'),
    refundStep2Percent: text('refundStep2Percent'),
  };
  const fee = text('refundFee') || undefined;
  return {
    input: { ...fields, paymentMethods: methods, refundFee: fee },
    values: { ...fields, paymentMethods: methods.join(','), refundFee: fee },
  };
}

/** The form's fields for a theater as saved. */
export function theaterPaymentValues(theater: Theater): FormValues {
  const policy = theater.cancellationPolicy ?? DEFAULT_CANCELLATION_POLICY;
  const [first, second] = [...policy.steps].sort((a, b) => b.minutesBefore - a.minutesBefore);
  return {
    paymentMethods: (theater.paymentMethods ?? PAYMENT_METHOD_IDS).join(','),
    refundStep1Minutes: String(first?.minutesBefore ?? 0),
    refundStep1Percent: String(first?.percent ?? 0),
    refundStep2Minutes: second ? String(second.minutesBefore) : '',
    refundStep2Percent: second ? String(second.percent) : '',
    refundFee: policy.refundFee ? 'on' : undefined,
  };
}
