import type { FieldErrors } from '../../../platform/errors';
import { ErrorSummary, Field, type FormValues } from '../../../web/forms';

/** `path` with the way back (`next`, a same-origin path) in its query, or as it is when there is none. */
export const withNext = (path: string, next: string) =>
  next ? `${path}?next=${encodeURIComponent(next)}` : path;

/**
 * The sign-up form. `next` is where the visitor was (the seat map with their seats): it rides along to
 * the confirmation link, so confirming brings them back there.
 */
export function SignUpForm({
  values,
  errors,
  next,
}: {
  values: FormValues;
  errors: FieldErrors;
  next: string;
}) {
  return (
    <section aria-labelledby="sign-up-title" class="max-w-md">
      <h1 id="sign-up-title" class="mt-0 text-3xl font-bold">
        Create an account
      </h1>
      <p>
        You need an account to book tickets. Already have one?{' '}
        <a class="link" href={withNext('/sign-in', next)}>
          Sign in
        </a>
        .
      </p>
      <ErrorSummary errors={errors} />
      <form method="post" action="/sign-up" class="grid gap-4" novalidate>
        {next ? <input type="hidden" name="next" value={next} /> : null}
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
          hint="Like 98123 45678 in your city's country, or with the country code, like +919812345678."
        />
        {/* Offered where the number is asked for; off unless ticked, and texts wait for the number's code. */}
        <div>
          <div class="flex items-center gap-2">
            <input
              id="sign-up-sms"
              type="checkbox"
              name="smsOptIn"
              value="yes"
              checked={values.smsOptIn === 'yes'}
              aria-describedby="sign-up-sms-hint"
            />
            <label for="sign-up-sms">Send my tickets by SMS too</label>
          </div>
          <p id="sign-up-sms-hint" class="mt-1 mb-0 text-sm text-slate-700">
            Only with a mobile number. We text it a code to confirm it first, from your account page.
          </p>
        </div>
        <div>
          <button type="submit" class="btn">
            Create account
          </button>
        </div>
      </form>
    </section>
  );
}

export function CheckEmail({ email, next }: { email: string; next: string }) {
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
        <a class="link" href={withNext('/sign-in', next)}>
          Sign in
        </a>
      </p>
    </section>
  );
}

/**
 * The landing of a confirmation link opened while signed out (signed in, it goes straight back to `next`):
 * signing in from here brings the visitor back where the sign-up started, their seats still chosen.
 */
export function EmailConfirmed({ next }: { next: string }) {
  return (
    <section aria-labelledby="confirmed-title" class="max-w-xl">
      <h1 id="confirmed-title" class="mt-0 text-3xl font-bold">
        Email confirmed
      </h1>
      <p>Thank you: your email address is confirmed and you can book tickets.</p>
      {next ? (
        <p>
          <a class="btn no-underline" href={withNext('/sign-in', next)}>
            {next.startsWith('/showtimes/')
              ? 'Sign in and go back to your seats'
              : 'Sign in and carry on where you were'}
          </a>
        </p>
      ) : (
        <p>
          <a class="link" href="/">
            Find a movie
          </a>
        </p>
      )}
    </section>
  );
}
