import type { Child } from 'hono/jsx';
import type { User } from '../../../auth/model';
import type { FieldErrors } from '../../../platform/errors';
import { ErrorSummary, Field, StatusNotice } from '../../../web/forms';
import { MobileSection } from './mobile';

export function AccountPage({
  user,
  sections,
  profileErrors,
  passwordErrors,
  mobileErrors = {},
  notice,
}: {
  user: User;
  /** What later features add to the page (the user's bookings), shown before the profile. */
  sections: Child[];
  profileErrors: FieldErrors;
  passwordErrors: FieldErrors;
  mobileErrors?: FieldErrors;
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

      {sections}

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
          hint="Like 98123 45678 in your city's country, or with the country code, like +919812345678. We text a code to confirm it before any booking text."
        />
        <div class="flex items-center gap-2">
          <input id="profile-sms" type="checkbox" name="smsOptIn" value="yes" checked={user.smsOptIn} />
          <label for="profile-sms">Send my tickets by SMS too</label>
        </div>
        <div>
          <button type="submit" class="btn">
            Save profile
          </button>
        </div>
      </form>
      <MobileSection user={user} errors={mobileErrors} />

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
