import type { FieldErrors } from '../../../platform/errors';
import { ErrorSummary, Field, type FormValues } from '../../../web/forms';

export function SignUpForm({ values, errors }: { values: FormValues; errors: FieldErrors }) {
  return (
    <section aria-labelledby="sign-up-title" class="max-w-md">
      <h1 id="sign-up-title" class="mt-0 text-3xl font-bold">
        Create an account
      </h1>
      <p>
        You need an account to book tickets. Already have one?{' '}
        <a class="link" href="/sign-in">
          Sign in
        </a>
        .
      </p>
      <ErrorSummary errors={errors} />
      <form method="post" action="/sign-up" class="grid gap-4" novalidate>
        <Field
          form="sign-up"
          name="name"
          label="Your name"
          errors={errors}
          value={values.name}
          autocomplete="name"
          required
          maxlength={100}
        />
        <Field
          form="sign-up"
          name="email"
          label="Email address"
          type="email"
          errors={errors}
          value={values.email}
          autocomplete="email"
          required
          maxlength={254}
        />
        <Field
          form="sign-up"
          name="password"
          label="Password"
          type="password"
          errors={errors}
          autocomplete="new-password"
          required
          maxlength={128}
          hint="At least 8 characters. A passphrase of a few words is easy to remember and hard to guess."
        />
        <Field
          form="sign-up"
          name="mobile"
          label="Mobile number (optional)"
          type="tel"
          errors={errors}
          value={values.mobile}
          autocomplete="tel"
          maxlength={16}
          hint="Like 98123 45678 in your city's country, or with the country code, like +919812345678, for booking confirmations by SMS."
        />
        <div>
          <button type="submit" class="btn">
            Create account
          </button>
        </div>
      </form>
    </section>
  );
}

export function CheckEmail({ email }: { email: string }) {
  return (
    <section aria-labelledby="check-email-title" class="max-w-xl">
      <h1 id="check-email-title" class="mt-0 text-3xl font-bold">
        Check your email
      </h1>
      <p>
        We sent a message to <strong>{email}</strong>. Open the link in it to confirm your address. You can
        sign in and browse now; booking needs a confirmed email.
      </p>
      <p>
        <a class="link" href="/sign-in">
          Sign in
        </a>
      </p>
    </section>
  );
}
