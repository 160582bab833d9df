import { describe, expect, it } from 'vitest';
import { appWithoutDatabase } from '../../../tests/support/db';
import { fieldRow, postForm } from '../../../tests/support/routes';
import { contactTopics } from './model';

// Everything here happens before the database is touched: the app's endpoint has nothing listening.
const app = appWithoutDatabase();

const postContact = (fields: Record<string, string>) => postForm(app, '/contact', fields);

const fields = ['name', 'email', 'topic', 'message'] as const;

describe('about page', () => {
  it('renders in the layout with its own title', async () => {
    const res = await app.request('/about');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<title>About · Movie Magic</title>');
    expect(html).toContain('<nav aria-label="Main"');
    expect(html).toMatch(/<main id="main"[^>]*><article[^>]*><h1[^>]*>About Movie Magic<\/h1>/);
    expect(html).toContain('href="/contact"');
  });
});

describe('contact form', () => {
  it('shows every field with a label tied to it, and no errors yet', async () => {
    const res = await app.request('/contact');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<title>Contact us · Movie Magic</title>');
    expect(html).toContain('<form method="post" action="/contact"');
    const labels = { name: 'Your name', email: 'Email address', topic: 'Topic', message: 'Message' };
    for (const field of fields) {
      const row = fieldRow(html, `contact-${field}`);
      expect(row).toContain(`>${labels[field]}</label>`);
      expect(row).toMatch(new RegExp(`<(input|select|textarea) id="contact-${field}" name="${field}"`));
    }
    // A required select's first choice is empty (HTML requires it), so no topic is picked for the visitor.
    expect(fieldRow(html, 'contact-topic')).toMatch(
      /<select id="contact-topic"[^>]*><option value="">Choose a topic<\/option><option value="booking">/,
    );
    for (const [value, label] of Object.entries(contactTopics)) {
      expect(html).toContain(`<option value="${value}">${label}</option>`);
    }
    expect(html).not.toContain('role="alert"');
    expect(html).not.toContain('aria-invalid');
  });

  it('answers invalid fields with 400 and each error beside its own field', async () => {
    const res = await postContact({ name: '', email: 'not-an-email', topic: 'gossip', message: 'short' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Please correct the 4 fields marked below.');
    const errors = {
      name: 'Enter your name.',
      email: 'Enter an email address like name@example.com.',
      topic: 'Choose a topic from the list.',
      message: 'Write at least 10 characters so we can help.',
    };
    for (const field of fields) {
      const row = fieldRow(html, `contact-${field}`);
      expect(row).toContain(`<p id="contact-${field}-error" class="field-error">${errors[field]}</p>`);
      expect(row).toContain(`aria-describedby="contact-${field}-error"`);
      expect(row).toContain('aria-invalid="true"');
    }
  });

  it('marks only the fields that failed', async () => {
    const res = await postContact({
      name: 'Asha',
      email: 'asha@example.com',
      topic: 'booking',
      message: 'too short',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Please correct the field marked below.');
    for (const field of ['name', 'email', 'topic'] as const) {
      const row = fieldRow(html, `contact-${field}`);
      expect(row).not.toContain('field-error');
      expect(row).not.toContain('aria-invalid');
    }
    expect(fieldRow(html, 'contact-message')).toContain('Write at least 10 characters');
  });

  it('treats a name of spaces as missing and an over-long message as too long', async () => {
    const res = await postContact({
      name: '   ',
      email: 'asha@example.com',
      topic: 'other',
      message: 'x'.repeat(2001),
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(fieldRow(html, 'contact-name')).toContain('Enter your name.');
    expect(fieldRow(html, 'contact-message')).toContain('Keep the message to 2,000 characters or fewer.');
  });

  it('shows again what the visitor typed, HTML-escaped', async () => {
    const res = await postContact({
      name: `<b>"Asha" & 'co'</b>`,
      email: 'asha@<script>',
      topic: 'refund',
      message: 'hi </textarea><script>alert(1)</script>',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(fieldRow(html, 'contact-name')).toContain(
      'value="&lt;b&gt;&quot;Asha&quot; &amp; &#39;co&#39;&lt;/b&gt;"',
    );
    expect(fieldRow(html, 'contact-email')).toContain('value="asha@&lt;script&gt;"');
    expect(fieldRow(html, 'contact-topic')).toContain(
      '<option value="refund" selected="">Refunds and cancellations</option>',
    );
    expect(fieldRow(html, 'contact-message')).toContain(
      '>hi &lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;</textarea>',
    );
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
  });

  it('keeps at most 2,000 characters of a field it shows again', async () => {
    const res = await postContact({ name: '', email: '', topic: '', message: 'y'.repeat(2500) });
    expect(res.status).toBe(400);
    const shown = /<textarea[^>]*>([^<]*)<\/textarea>/.exec(await res.text())?.[1];
    expect(shown).toBe('y'.repeat(2000));
  });

  it('shows the empty choice, not the first topic, when the one sent is not on the list', async () => {
    const res = await postContact({ name: 'Asha', email: 'asha@example.com', topic: 'gossip', message: '' });
    const row = fieldRow(await res.text(), 'contact-topic');
    expect(row).toMatch(/<select [^>]*><option value="">Choose a topic<\/option>/);
    expect(row).not.toContain('selected');
    expect(row).not.toContain('gossip');
  });
});

describe('contact thanks page', () => {
  it('shows a well-formed reference', async () => {
    const res = await app.request('/contact/thanks?ref=0a1b2c3d');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<title>Message sent · Movie Magic</title>');
    expect(html).toContain('We have your message and will reply by email (reference 0a1b2c3d).');
  });

  it.each([
    ['missing', ''],
    ['upper case', '?ref=0A1B2C3D'],
    ['too short', '?ref=0a1b2c3'],
    ['too long', '?ref=0a1b2c3d4'],
    ['not hex', '?ref=0a1b2c3g'],
    ['markup', '?ref=%3Cscript%3E'],
  ])('leaves out a reference that is %s', async (_, query) => {
    const res = await app.request(`/contact/thanks${query}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('We have your message and will reply by email.');
    expect(html).not.toContain('(reference');
    expect(html).not.toContain('<script>');
  });
});

describe('health check', () => {
  it('answers 503 JSON that is never cached when the database is unreachable', async () => {
    const res = await app.request('/healthz');
    expect(res.status).toBe(503);
    expect(res.headers.get('Content-Type')).toMatch(/^application\/json/);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    expect(await res.json()).toEqual({ status: 'unavailable', database: 'unreachable' });
  });
});
