import type { FieldErrors } from '../../../platform/errors';
import { ErrorSummary, Field, type FormValues } from '../../../web/forms';

export function ForgotForm({
  values,
  errors,
  sent,
}: {
  values: FormValues;
  errors: FieldErrors;
  sent: boolean;
}) {
  return (
    <section aria-labelledby="forgot-title" class="max-w-md">
      <h1 id="forgot-title" class="mt-0 text-3xl font-bold">
        Reset your password
      </h1>
      {sent ? (
        <p role="status">
          If an account uses <strong>{values.email}</strong>, we have sent it a link to choose a new password.
          The link expires in 30 minutes.
        </p>
      ) : (
        <>
          <p>Enter your account's email address and we will send you a link to choose a new password.</p>
          <ErrorSummary errors={errors} />
          <form method="post" action="/forgot-password" class="grid gap-4" novalidate>
            <Field
              form="forgot"
              name="email"
              label="Email address"
              type="email"
              errors={errors}
              value={values.email}
              autocomplete="email"
              required
              maxlength={254}
            />
            <div>
              <button type="submit" class="btn">
                Send reset link
              </button>
            </div>
          </form>
        </>
      )}
    </section>
  );
}

export function ResetForm({ token, errors }: { token: string; errors: FieldErrors }) {
  return (
    <section aria-labelledby="reset-title" class="max-w-md">
      <h1 id="reset-title" class="mt-0 text-3xl font-bold">
        Choose a new password
      </h1>
      <ErrorSummary errors={errors} />
      <form method="post" action="/reset-password" class="grid gap-4" novalidate>
        <input type="hidden" name="token" value={token} />
        <Field
          form="reset"
          name="password"
          label="New password"
          type="password"
          errors={errors}
          autocomplete="new-password"
          required
          maxlength={128}
          hint="At least 8 characters. Every device signed in to your account will be signed out."
        />
        <div>
          <button type="submit" class="btn">
            Set new password
          </button>
        </div>
      </form>
    </section>
  );
}
