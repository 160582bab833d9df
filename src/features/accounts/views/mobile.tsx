import type { User } from '../../../auth/model';
import type { FieldErrors } from '../../../platform/errors';
import { Field } from '../../../web/forms';
import { textsAllowed } from '../mobile';

/**
 * The account's mobile number and whether booking texts may go to it: confirmed, or a button that texts
 * a code and a field to type it into. Nothing when there is no number.
 */
export function MobileSection({ user, errors }: { user: User; errors: FieldErrors }) {
  if (!user.mobile) return null;
  if (textsAllowed(user)) {
    return (
      <p id="mobile-title">
        Your mobile number <strong>{user.mobile}</strong> is confirmed
        {user.smsOptIn ? ': booking confirmations are texted to it too.' : '.'}
      </p>
    );
  }
  return (
    <section aria-labelledby="mobile-title" class="card my-4">
      <h3 id="mobile-title" class="mt-0 text-lg font-bold">
        Confirm your mobile number
      </h3>
      <p>
        We text booking confirmations only to a number that has been confirmed. Ask for a code, then type it
        here. It is sent to <strong>{user.mobile}</strong>.
      </p>
      <form method="post" action="/account/mobile/code" class="mb-4">
        <button type="submit" class="btn-quiet">
          Text me a code
        </button>
      </form>
      <form method="post" action="/account/mobile/verify" class="grid gap-4" novalidate>
        <Field
          form="mobile"
          name="code"
          label="Code from the text"
          errors={errors}
          autocomplete="one-time-code"
          inputmode="numeric"
          maxlength={12}
          required
          hint="6 digits. A code works for 10 minutes."
        />
        <div>
          <button type="submit" class="btn">
            Confirm number
          </button>
        </div>
      </form>
    </section>
  );
}
