import type { FieldErrors } from '../../platform/errors';
import { ErrorSummary, Field } from '../../web/forms';
import { StatusNotice } from '../../web/layout';
import type { Booking } from '../booking/model';
import { YourBookings } from '../booking/views';
import type { SessionUser, User } from './model';

type Values = Record<string, string | undefined>;

export function SignUpForm({ values, errors }: { values: Values; errors: FieldErrors }) {
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
          hint="With the country code, like +919812345678, for booking confirmations by SMS."
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

export function SignInForm({
  values,
  errors,
  next,
  message,
}: {
  values: Values;
  errors: FieldErrors;
  next: string;
  message?: string | undefined;
}) {
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
        <a class="link" href="/sign-up">
          Create an account
        </a>
      </p>
    </section>
  );
}

export function AccountPage({
  user,
  bookings,
  profileErrors,
  passwordErrors,
  notice,
}: {
  user: User;
  bookings: { upcoming: Booking[]; past: Booking[] };
  profileErrors: FieldErrors;
  passwordErrors: FieldErrors;
  notice?: string | undefined;
}) {
  return (
    <section aria-labelledby="account-title" class="max-w-xl">
      <h1 id="account-title" class="mt-0 text-3xl font-bold">
        Your account
      </h1>
      <StatusNotice message={notice} />
      <p>
        Signed in as <strong>{user.email}</strong>.{' '}
        {user.emailVerifiedAt
          ? 'Your email is confirmed.'
          : 'Your email is not confirmed yet; booking needs it.'}
      </p>
      {user.emailVerifiedAt ? null : (
        <form method="post" action="/account/verify" class="mb-4">
          <button type="submit" class="btn-quiet">
            Send the confirmation link again
          </button>
        </form>
      )}

      <h2 class="text-xl font-bold">Your bookings</h2>
      <YourBookings {...bookings} />

      <h2 class="text-xl font-bold">Profile</h2>
      <ErrorSummary errors={profileErrors} />
      <form method="post" action="/account" class="grid gap-4" novalidate>
        <Field
          form="profile"
          name="name"
          label="Your name"
          errors={profileErrors}
          value={user.name}
          autocomplete="name"
          required
          maxlength={100}
        />
        <Field
          form="profile"
          name="mobile"
          label="Mobile number (optional)"
          type="tel"
          errors={profileErrors}
          value={user.mobile}
          autocomplete="tel"
          maxlength={16}
          hint="With the country code, like +919812345678."
        />
        <div class="flex items-center gap-2">
          <input id="profile-sms" type="checkbox" name="smsOptIn" value="yes" checked={user.smsOptIn} />
          <label for="profile-sms">Send my booking confirmations by SMS too</label>
        </div>
        <div>
          <button type="submit" class="btn">
            Save profile
          </button>
        </div>
      </form>

      <h2 class="text-xl font-bold">Change password</h2>
      <ErrorSummary errors={passwordErrors} />
      <form method="post" action="/account/password" class="grid gap-4" novalidate>
        <Field
          form="password"
          name="current"
          label="Current password"
          type="password"
          errors={passwordErrors}
          autocomplete="current-password"
          required
          maxlength={128}
        />
        <Field
          form="password"
          name="next"
          label="New password"
          type="password"
          errors={passwordErrors}
          autocomplete="new-password"
          required
          maxlength={128}
          hint="At least 8 characters. Your other devices will be signed out."
        />
        <div>
          <button type="submit" class="btn">
            Change password
          </button>
        </div>
      </form>

      <h2 class="text-xl font-bold">Devices</h2>
      <form method="post" action="/sign-out-everywhere">
        <button type="submit" class="btn-quiet">
          Sign out of all devices
        </button>
      </form>
    </section>
  );
}

export function ForgotForm({ values, errors, sent }: { values: Values; errors: FieldErrors; sent: boolean }) {
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

export function Notice({ title, children }: { title: string; children: unknown }) {
  return (
    <section aria-labelledby="notice-title" class="max-w-xl">
      <h1 id="notice-title" class="mt-0 text-3xl font-bold">
        {title}
      </h1>
      {children as never}
    </section>
  );
}

export function SignedInAs({ user }: { user: SessionUser }) {
  return <span class="text-sm">{user.name}</span>;
}
