import type { FieldErrors } from '../../../platform/errors';
import { Alert, FieldError } from '../../../web/forms';
import { type ContactInput, contactTopics } from '../model';

type ContactValues = Partial<Record<keyof ContactInput, string>>;

function described(name: string, errors: FieldErrors) {
  return errors[name] ? { 'aria-invalid': 'true' as const, 'aria-describedby': `contact-${name}-error` } : {};
}

export function ContactForm({
  values,
  errors,
  message,
}: {
  values: ContactValues;
  errors: FieldErrors;
  /** A message about the whole form (too many sent), shown in place of the field summary. */
  message?: string | undefined;
}) {
  const count = Object.keys(errors).length;
  return (
    <section aria-labelledby="contact-title" class="max-w-xl">
      <h1 id="contact-title" class="mt-0 text-3xl font-bold">
        Contact us
      </h1>
      <p>Questions about a booking, accessibility, or the site: write to us and we will reply by email.</p>
      <Alert message={message} />
      {count > 0 ? (
        <div role="alert" class="card border-red-800 mb-4">
          <p class="m-0 font-semibold text-red-800">
            Please correct {count === 1 ? 'the field' : `the ${count} fields`} marked below.
          </p>
        </div>
      ) : null}
      <form method="post" action="/contact" class="grid gap-4" novalidate>
        <div>
          <label class="label" for="contact-name">
            Your name
          </label>
          <input
            id="contact-name"
            name="name"
            class="field"
            autocomplete="name"
            required
            maxlength={100}
            value={values.name ?? ''}
            {...described('name', errors)}
          />
          <FieldError id="contact-name-error" message={errors.name} />
        </div>
        <div>
          <label class="label" for="contact-email">
            Email address
          </label>
          <input
            id="contact-email"
            name="email"
            type="email"
            class="field"
            autocomplete="email"
            required
            maxlength={254}
            value={values.email ?? ''}
            {...described('email', errors)}
          />
          <FieldError id="contact-email-error" message={errors.email} />
        </div>
        <div>
          <label class="label" for="contact-topic">
            Topic
          </label>
          <select id="contact-topic" name="topic" class="field" required {...described('topic', errors)}>
            {/* A required select starts with an empty choice, so no topic is picked for the visitor. */}
            <option value="">Choose a topic</option>
            {Object.entries(contactTopics).map(([value, label]) => (
              <option value={value} selected={values.topic === value}>
                {label}
              </option>
            ))}
          </select>
          <FieldError id="contact-topic-error" message={errors.topic} />
        </div>
        <div>
          <label class="label" for="contact-message">
            Message
          </label>
          <textarea
            id="contact-message"
            name="message"
            class="field"
            rows={6}
            required
            minlength={10}
            maxlength={2000}
            {...described('message', errors)}
          >
            {values.message ?? ''}
          </textarea>
          <FieldError id="contact-message-error" message={errors.message} />
        </div>
        <div>
          <button type="submit" class="btn">
            Send message
          </button>
        </div>
      </form>
    </section>
  );
}

export function ContactThanks({ reference }: { reference: string | undefined }) {
  return (
    <section class="max-w-xl">
      <h1 class="mt-0 text-3xl font-bold">Thank you</h1>
      <p>We have your message and will reply by email{reference ? ` (reference ${reference})` : ''}.</p>
      <p>
        <a class="link" href="/">
          Back to the movies
        </a>
      </p>
    </section>
  );
}
