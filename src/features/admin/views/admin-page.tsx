import { ROLES, type Role } from '../../../auth/model';
import type { FieldErrors } from '../../../platform/errors';
import {
  ErrorSummary,
  Field,
  FieldError,
  type FormValues,
  SelectField,
  StatusNotice,
} from '../../../web/forms';
import { ColumnHeads } from '../../../web/table';
import type { SetupProgress } from '../../catalog/service';
import type { OutboxMessage } from '../../confirmations/model';
import { type ContactPage, contactTopics } from '../../site/model';
import { BackOfficeMenu } from './back-office-menu';

export type RoleForm = {
  values: FormValues;
  errors: FieldErrors;
  /** Every theater, to assign to staff and managers; `chosen` are those ticked. */
  theaters: { id: string; name: string }[];
  chosen: string[];
};

const roleNames: Record<Role, string> = {
  customer: 'Customer: books tickets',
  staff: 'Staff: the door at their theaters, and contact messages',
  manager: 'Manager: runs their theaters',
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
  progress,
  notice,
}: {
  messages: ContactPage;
  failedConfirmations: OutboxMessage[];
  /** Present only for admins: staff never see the form. */
  roleForm?: RoleForm | undefined;
  progress?: SetupProgress | undefined;
  notice?: string | undefined;
}) {
  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title" class="mt-0 text-3xl font-bold">
        Admin
      </h1>
      <StatusNotice message={notice} />
      {progress ? <BackOfficeMenu progress={progress} admin={roleForm !== undefined} /> : null}
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
            <ColumnHeads names={['Received', 'Name', 'Email', 'Topic', 'Message']} />
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

function RoleFormSection({ values, errors, theaters, chosen }: RoleForm) {
  return (
    <>
      <h2 class="text-xl font-bold">Change a user's role and theaters</h2>
      <p>
        The change applies from that user's next page load, and is kept in the{' '}
        <a class="link" href="/admin/audit">
          audit log
        </a>
        .
      </p>
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
        <SelectField
          form="role"
          name="role"
          label="Role"
          placeholder="Choose a role"
          options={ROLES.map((role) => ({ value: role, label: roleNames[role] }))}
          value={values.role}
          errors={errors}
        />
        <fieldset aria-describedby={errors.theaters ? 'role-theaters-error' : 'role-theaters-hint'}>
          <legend class="label">Theaters</legend>
          <p id="role-theaters-hint" class="mt-0 mb-1 text-sm text-slate-700">
            For staff and managers: where they work. Admins have every theater; customers none.
          </p>
          {theaters.map((theater) => (
            <div class="flex items-center gap-2">
              <input
                id={`role-theater-${theater.id}`}
                type="checkbox"
                name="theaters"
                value={theater.id}
                checked={chosen.includes(theater.id)}
              />
              <label for={`role-theater-${theater.id}`}>{theater.name}</label>
            </div>
          ))}
          <FieldError id="role-theaters-error" message={errors.theaters} />
        </fieldset>
        <div>
          <button type="submit" class="btn">
            Save role
          </button>
        </div>
      </form>
    </>
  );
}
