import type { FieldErrors } from '../../../platform/errors';
import { ErrorSummary, Field, type FormValues } from '../../../web/forms';
import { withNext } from './sign-up';

export function SignInForm({
  values,
  errors,
  next,
  message,
}: {
  values: FormValues;
  errors: FieldErrors;
  next: string;
  message?: string | undefined;
}) {
  // Signing up from here keeps the way back too, unless it is only the account or the home page.
  const signUpNext = next === '/account' || next === '/' ? '' : next;
  return (
    <section aria-labelledby="sign-in-title" class="max-w-md">
      <h1 id="sign-in-title" class="mt-0 text-3xl font-bold">
        Sign in
      </h1>
      <ErrorSummary errors={message ? {} : errors} message={message} />
      <form method="post" action="/sign-in" class="grid gap-4" novalidate>
        <input type="hidden" name="next" value={next} />
        <Field
          form="sign-in"
          name="email"
          label="Email address"
          type="email"
          errors={errors}
          value={values.email}
          autocomplete="username"
          required
          maxlength={254}
        />
        <Field
          form="sign-in"
          name="password"
          label="Password"
          type="password"
          errors={errors}
          autocomplete="current-password"
          required
          maxlength={128}
        />
        <div>
          <button type="submit" class="btn">
            Sign in
          </button>
        </div>
      </form>
      <p>
        <a class="link" href="/forgot-password">
          Forgot your password?
        </a>{' '}
        ·{' '}
        <a class="link" href={withNext('/sign-up', signUpNext)}>
          Create an account
        </a>
      </p>
    </section>
  );
}
