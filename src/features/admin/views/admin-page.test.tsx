import { describe, expect, it } from 'vitest';
import type { OutboxMessage } from '../../confirmations/model';
import type { ContactMessage } from '../../site/model';
import { AdminPage } from './admin-page';

const message: ContactMessage = {
  id: 'msg-1',
  name: 'Meera <i>Iyer</i>',
  email: 'meera@example.com',
  topic: 'accessibility',
  message: 'The seat map skips row C <script>alert(1)</script> & more',
  receivedAt: '2026-11-24T10:30:00.000Z',
};

const failed: OutboxMessage = {
  bookingId: 'MM-7KQ2-X9RD-4PZT',
  userId: 'user-1',
  kind: 'booking-confirmation',
  status: 'failed',
  attempts: 5,
  createdAt: '2026-11-24T09:00:00.000Z',
  failedAt: '2026-11-24T09:40:00.000Z',
  emailSentAt: '2026-11-24T09:00:05.000Z',
  lastError: 'SNS said <no> & gave up',
};

const newest = (messages: ContactMessage[] = [], older?: string) => ({ messages, before: undefined, older });

const page = (props: Partial<Parameters<typeof AdminPage>[0]> = {}) =>
  String(<AdminPage messages={newest()} failedConfirmations={[]} {...props} />);

describe('the admin page', () => {
  it('offers the role form only when it is given one', () => {
    expect(page()).not.toContain('action="/admin/roles"');
    expect(page()).not.toContain("Change a user's role");
    const withForm = page({ roleForm: { values: {}, errors: {}, theaters: [], chosen: [] } });
    expect(withForm).toContain('<form method="post" action="/admin/roles"');
    expect(withForm).toContain('<select id="role-role" name="role"');
  });

  it('starts the roles with an empty choice, which stays shown when the role sent is not one', () => {
    const html = page({
      roleForm: {
        values: { email: 'a@example.com', role: 'owner' },
        errors: { role: 'Choose customer, staff or admin.' },
        theaters: [],
        chosen: [],
      },
    });
    expect(html).toMatch(
      /<select id="role-role"[^>]*><option value="">Choose a role<\/option><option value="customer">/,
    );
    expect(html).not.toContain('selected');
  });

  it('shows a role form without errors as valid, with nothing marked', () => {
    const html = page({ roleForm: { values: {}, errors: {}, theaters: [], chosen: [] } });
    expect(html).not.toContain('aria-invalid');
    expect(html).not.toMatch(/aria-describedby="[^"]*-error"/);
    expect(html).not.toContain('role="alert"');
  });

  it('shows each error beside its field, tied to it for screen readers, with the input kept', () => {
    const html = page({
      roleForm: {
        values: { email: 'not-an-email', role: 'staff' },
        errors: {
          email: 'Enter an email address like name@example.com.',
          role: 'Choose customer, staff or admin.',
        },
        theaters: [],
        chosen: [],
      },
    });
    expect(html).toMatch(
      /<input id="role-email" name="email" type="email"[^>]*value="not-an-email"[^>]*aria-invalid="true" aria-describedby="role-email-error"/,
    );
    expect(html).toContain(
      '<p id="role-email-error" class="field-error">Enter an email address like name@example.com.</p>',
    );
    expect(html).toMatch(
      /<select id="role-role" name="role"[^>]*aria-invalid="true" aria-describedby="role-role-error"/,
    );
    expect(html).toContain(
      '<p id="role-role-error" class="field-error">Choose customer, staff or admin.</p>',
    );
    expect(html).toMatch(
      /<option value="staff" selected="">Staff: the door at their theaters, and contact messages<\/option>/,
    );
    expect(html).toMatch(/role="alert"[\s\S]*Please correct the 2 fields marked below\./);
  });

  it('marks only the field that is wrong', () => {
    const html = page({
      roleForm: {
        values: { email: 'x' },
        errors: { role: 'Choose customer, staff or admin.' },
        theaters: [],
        chosen: [],
      },
    });
    expect(html).not.toContain('role-email-error');
    expect(html).toMatch(/<select[^>]*aria-invalid="true" aria-describedby="role-role-error"/);
    expect(html).toContain('Please correct the field marked below.');
  });

  it('offers every theater as a checkbox with its label, the chosen ones ticked', () => {
    const html = page({
      roleForm: {
        values: { role: 'manager' },
        errors: {},
        theaters: [
          { id: 'grand', name: 'Grand <Cinema>' },
          { id: 'lakeview', name: 'Lakeview' },
        ],
        chosen: ['lakeview'],
      },
    });
    expect(html).toContain(
      '<input id="role-theater-grand" type="checkbox" name="theaters" value="grand"/><label for="role-theater-grand">Grand &lt;Cinema&gt;</label>',
    );
    expect(html).toContain(
      '<input id="role-theater-lakeview" type="checkbox" name="theaters" value="lakeview" checked=""/>',
    );
    expect(html).toMatch(/<option value="manager" selected="">Manager: runs their theaters<\/option>/);
  });

  it('lists contact messages as text, never markup', () => {
    const html = page({ messages: newest([message]) });
    expect(html).toContain('One message.');
    expect(html).toContain('Meera &lt;i&gt;Iyer&lt;/i&gt;');
    expect(html).toContain('The seat map skips row C &lt;script&gt;alert(1)&lt;/script&gt; &amp; more');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<i>Iyer');
    expect(html).toContain('href="mailto:meera@example.com"');
    expect(html).toContain('<td class="py-2 pr-4">Accessibility</td>');
    expect(html).toContain('<time datetime="2026-11-24T10:30:00.000Z">');
  });

  it('counts several messages in the caption and says when there are none', () => {
    expect(page()).toContain('<p>No messages yet.</p>');
    const two = page({ messages: newest([message, { ...message, id: 'msg-2', topic: 'no-such-topic' }]) });
    expect(two).toContain('The 2 newest messages, newest first.');
    expect(two).toContain('<td class="py-2 pr-4">no-such-topic</td>');
  });

  it('links to older messages and back to the newest, only where such a page exists', () => {
    expect(page()).not.toContain('Pages of contact messages');
    const cursor = '2026-11-24T10:30:00.000Z#00000000-0000-4000-8000-000000000001';
    const first = page({ messages: newest([message], cursor) });
    expect(first).toContain(
      `<a class="link" href="/admin?before=${encodeURIComponent(cursor)}#admin-messages-title">Older messages</a>`,
    );
    expect(first).not.toContain('Newest messages');
    const last = page({ messages: { messages: [message], before: cursor, older: undefined } });
    expect(last).toContain('One older message, newest first.');
    expect(last).toContain('<a class="link" href="/admin#admin-messages-title">Newest messages</a>');
    expect(last).not.toContain('Older messages');
  });

  it('lists confirmations that could not be sent, with the booking link and the error as text', () => {
    const html = page({ failedConfirmations: [failed] });
    expect(html).toContain('<a class="link" href="/bookings/MM-7KQ2-X9RD-4PZT">MM-7KQ2-X9RD-4PZT</a>');
    expect(html).toContain('5 attempts');
    expect(html).toContain('<time datetime="2026-11-24T09:40:00.000Z">');
    expect(html).toContain('(the email did go out)');
    expect(html).toContain('SNS said &lt;no&gt; &amp; gave up');
    expect(html).not.toContain('<no>');
    expect(html).not.toContain('every booking confirmation has gone out');
  });

  it('says so when every confirmation went out, and leaves out the email note when it did not go', () => {
    expect(page()).toContain('None: every booking confirmation has gone out or is on its way.');
    const { emailSentAt: _, ...noEmail } = failed;
    expect(page({ failedConfirmations: [noEmail] })).not.toContain('the email did go out');
  });

  it('announces the notice as a status, and shows none without one', () => {
    const html = page({ notice: 'The role is saved.' });
    expect(html).toMatch(/<p role="status"[^>]*>The role is saved\.<\/p>/);
    expect(page()).not.toContain('role="status"');
  });
});
