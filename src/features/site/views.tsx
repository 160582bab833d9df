import type { FieldErrors } from '../../platform/errors';
import { FieldError } from '../../web/layout';
import { type ContactInput, contactTopics } from './service';

export function About() {
  return (
    <article class="max-w-2xl">
      <h1 class="mt-0 text-3xl font-bold">About Movie Magic</h1>
      <p>
        Movie Magic is an open cinema ticket booking site built to work for everyone: on a slow phone
        connection, with a screen reader or keyboard alone, and with JavaScript switched off.
      </p>
      <h2 class="text-xl font-bold">What we promise</h2>
      <ul>
        <li>
          Pages are small and served from our own server: no trackers, no web fonts, no third-party scripts.
        </li>
        <li>
          Every seat is a real form control with a spoken name, and every step works without JavaScript.
        </li>
        <li>A seat is never sold twice, and you are never charged without seats.</li>
        <li>
          Showtimes are shown in the cinema's local time, with the time zone when it differs from yours.
        </li>
      </ul>
      <h2 class="text-xl font-bold">Accessibility</h2>
      <p>
        If any part of the site does not work for you, please{' '}
        <a class="link" href="/contact">
          tell us
        </a>
        . Choose "Accessibility" as the topic and we will answer.
      </p>
    </article>
  );
}

type ContactValues = Partial<Record<keyof ContactInput, string>>;

function described(name: string, errors: FieldErrors) {
  return errors[name] ? { 'aria-invalid': 'true' as const, 'aria-describedby': `contact-${name}-error` } : {};
}

export function ContactForm({ values, errors }: { values: ContactValues; errors: FieldErrors }) {
  const count = Object.keys(errors).length;
  return (
    <section aria-labelledby="contact-title" class="max-w-xl">
      <h1 id="contact-title" class="mt-0 text-3xl font-bold">
        Contact us
      </h1>
      <p>Questions about a booking, accessibility, or the site: write to us and we will reply by email.</p>
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
