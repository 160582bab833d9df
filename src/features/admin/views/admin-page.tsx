import { ROLES, type Role } from '../../../auth/model';
import type { FieldErrors } from '../../../platform/errors';
import { ErrorSummary, Field, FieldError, type FormValues, StatusNotice } from '../../../web/forms';
import type { OutboxMessage } from '../../confirmations/model';
import { type ContactPage, contactTopics } from '../../site/model';

export type RoleForm = { values: FormValues; errors: FieldErrors };

const roleNames: Record<Role, string> = {
  customer: 'Customer: books tickets',
  staff: 'Staff: reads contact messages',
  admin: 'Admin: also changes roles',
};

// The team works across time zones, so times are shown in one that everyone can convert from.
const received = new Intl.DateTimeFormat('en-IN', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});

function topicName(topic: string): string {
  return contactTopics[topic as keyof typeof contactTopics] ?? topic;
}

export function AdminPage({
  messages,
  failedConfirmations,
  roleForm,
  notice,
}: {
  messages: ContactPage;
  failedConfirmations: OutboxMessage[];
  /** Present only for admins: staff never see the form. */
  roleForm?: RoleForm | undefined;
  notice?: string | undefined;
}) {
  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title" class="mt-0 text-3xl font-bold">
        Admin
      </h1>
      <StatusNotice message={notice} />
      <FailedConfirmations failed={failedConfirmations} />
      <ContactMessages page={messages} />
      {roleForm ? <RoleFormSection {...roleForm} /> : null}
    </section>
  );
}

/** Confirmations the outbox gave up on, newest first, with the error: the customer has not had them. */
function FailedConfirmations({ failed }: { failed: OutboxMessage[] }) {
  return (
    <>
      <h2 class="text-xl font-bold">Confirmations that could not be sent</h2>
      {failed.length === 0 ? (
        <p>None: every booking confirmation has gone out or is on its way.</p>
      ) : (
        <ul class="pl-5">
          {failed.map((message) => (
            <li>
              <a class="link" href={`/bookings/${message.bookingId}`}>
                {message.bookingId}
              </a>{' '}
              · {message.attempts} attempts · gave up{' '}
              <time datetime={message.failedAt}>{message.failedAt}</time>
              {message.emailSentAt ? ' (the email did go out)' : ''} · {message.lastError}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function caption(page: ContactPage): string {
  const count = page.messages.length;
  if (page.before) return `${count === 1 ? 'One older message' : `${count} older messages`}, newest first.`;
  return count === 1 ? 'One message.' : `The ${count} newest messages, newest first.`;
}

/** Links to the newest and the next older page of messages, when there are such pages. */
function ContactPages({ page }: { page: ContactPage }) {
  if (!page.before && !page.older) return null;
  return (
    <nav aria-label="Pages of contact messages" class="flex gap-4 py-2">
      {page.before ? (
        <a class="link" href="/admin#admin-messages-title">
          Newest messages
        </a>
      ) : null}
      {page.older ? (
        <a class="link" href={`/admin?before=${encodeURIComponent(page.older)}#admin-messages-title`}>
          Older messages
        </a>
      ) : null}
    </nav>
  );
}

function ContactMessages({ page }: { page: ContactPage }) {
  const { messages } = page;
  return (
    <>
      <h2 id="admin-messages-title" class="text-xl font-bold">
        Contact messages
      </h2>
      {messages.length === 0 ? (
        <p>{page.before ? 'No older messages.' : 'No messages yet.'}</p>
      ) : (
        // Focusable so keyboard users can scroll the table sideways on a narrow screen.
        <section class="overflow-x-auto" aria-labelledby="admin-messages-title" tabindex={0}>
          <table class="w-full border-collapse text-left align-top">
            <caption class="text-left text-sm text-slate-700 pb-2">{caption(page)} Times are UTC.</caption>
            <thead>
              <tr class="border-b border-slate-400">
                <th scope="col" class="py-2 pr-4">
                  Received
                </th>
                <th scope="col" class="py-2 pr-4">
                  Name
                </th>
                <th scope="col" class="py-2 pr-4">
                  Email
                </th>
                <th scope="col" class="py-2 pr-4">
                  Topic
                </th>
                <th scope="col" class="py-2">
                  Message
                </th>
              </tr>
            </thead>
            <tbody>
              {messages.map((message) => (
                <tr class="border-b border-slate-300 align-top">
                  <td class="py-2 pr-4 whitespace-nowrap">
                    <time datetime={message.receivedAt}>{received.format(new Date(message.receivedAt))}</time>
                  </td>
                  <th scope="row" class="py-2 pr-4 font-normal">
                    {message.name}
                  </th>
                  <td class="py-2 pr-4">
                    <a class="link" href={`mailto:${message.email}`}>
                      {message.email}
                    </a>
                  </td>
                  <td class="py-2 pr-4">{topicName(message.topic)}</td>
                  <td class="py-2 whitespace-pre-line">{message.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <ContactPages page={page} />
    </>
  );
}

function RoleFormSection({ values, errors }: RoleForm) {
  const error = errors.role;
  return (
    <>
      <h2 class="text-xl font-bold">Change a user's role</h2>
      <p>The new role applies from that user's next page load.</p>
      <ErrorSummary errors={errors} />
      <form method="post" action="/admin/roles" class="grid gap-4 max-w-md" novalidate>
        <Field
          form="role"
          name="email"
          label="Email address of the account"
          type="email"
          errors={errors}
          value={values.email}
          autocomplete="off"
          required
          maxlength={254}
        />
        <div>
          <label class="label" for="role-role">
            Role
          </label>
          <select
            id="role-role"
            name="role"
            class="field"
            required
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'role-role-error' : undefined}
          >
            {/* A required select starts with an empty choice, so no role is picked for the admin. */}
            <option value="">Choose a role</option>
            {ROLES.map((role) => (
              <option value={role} selected={values.role === role}>
                {roleNames[role]}
              </option>
            ))}
          </select>
          <FieldError id="role-role-error" message={error} />
        </div>
        <div>
          <button type="submit" class="btn">
            Save role
          </button>
        </div>
      </form>
    </>
  );
}
