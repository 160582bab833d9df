import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalSes, startLocalSes } from '../../src/platform/mail/node/local-ses';
import { SesMailer } from '../../src/platform/mail/ses';
import { type StoredEmail, storedEmails } from '../support/ses-store';

let ses: LocalSes | undefined;
let mailer: SesMailer;

beforeAll(async () => {
  ses = await startLocalSes();
  mailer = new SesMailer({
    region: 'us-east-1',
    endpoint: ses.endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    from: 'Movie Magic <tickets@moviemagic.local>',
    configurationSet: 'movie-magic-events',
  });
});

afterAll(async () => {
  await ses?.stop();
});

async function stored(messageId: string): Promise<StoredEmail> {
  if (!ses) throw new Error('the local SES server is not running');
  const emails = await storedEmails(ses.endpoint);
  const email = emails.find((e) => e.messageId === messageId);
  if (!email) throw new Error(`no email ${messageId} in the store: ${JSON.stringify(emails)}`);
  return email;
}

describe('SesMailer against a local SES server', () => {
  it('sends a mail without attachments', async () => {
    const { messageId } = await mailer.send({
      to: 'asha@example.com',
      subject: 'Confirm your email for Movie Magic',
      text: 'Hello Asha,\nconfirm your email: http://localhost:3000/verify-email?token=abc',
      html: '<p>Hello Asha,</p><p><a href="http://localhost:3000/verify-email?token=abc">Confirm my email</a></p>',
    });
    expect(messageId).not.toBe('');
    const email = await stored(messageId);
    expect(email.from).toBe('Movie Magic <tickets@moviemagic.local>');
    expect(email.destination.to).toEqual(['asha@example.com']);
    expect(email.subject).toBe('Confirm your email for Movie Magic');
    expect(email.body.text).toContain('verify-email?token=abc');
    expect(email.body.html).toContain('<a href="http://localhost:3000/verify-email?token=abc">');
    expect(email.attachments).toEqual([]);
  });

  it('sends a mail with a PDF and a calendar attachment as raw MIME', async () => {
    const pdf = Uint8Array.from([
      ...new TextEncoder().encode('%PDF-1.7\n'),
      0x00,
      0xff,
      0xfe,
      0x80,
      0x0d,
      0x0a,
      ...new TextEncoder().encode('%%EOF\n'),
    ]);
    const ics =
      'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Movie Magic//Tickets//EN\r\nBEGIN:VEVENT\r\n' +
      'UID:show-1@moviemagic.local\r\nDTSTART:20261124T140000Z\r\nSUMMARY:Orbit of Ashes\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
    const subject = 'Your tickets for Orbit of Ashes — Screen 2 🎬';
    const { messageId } = await mailer.send({
      to: 'ravi@example.com',
      subject,
      text: 'Hello Ravi,\nyour seats: F7, F8 (₹ 480).',
      html: '<p>Hello Ravi,</p><p>your seats: <b>F7, F8</b> (₹ 480).</p>',
      attachments: [
        { filename: 'tickets.pdf', contentType: 'application/pdf', content: pdf },
        { filename: 'show.ics', contentType: 'text/calendar', content: new TextEncoder().encode(ics) },
      ],
    });
    const email = await stored(messageId);
    expect(email.from).toContain('tickets@moviemagic.local');
    expect(email.destination.to).toEqual(['ravi@example.com']);
    expect(email.subject).toBe(subject);
    expect(email.body.text?.trim()).toBe('Hello Ravi,\nyour seats: F7, F8 (₹ 480).');
    expect(email.body.html).toContain('<b>F7, F8</b> (₹ 480)');
    expect(email.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ['tickets.pdf', 'application/pdf'],
      ['show.ics', 'text/calendar'],
    ]);
    const [first, second] = email.attachments;
    expect(new Uint8Array(Buffer.from(first?.content ?? '', 'base64'))).toEqual(pdf);
    expect(Buffer.from(second?.content ?? '', 'base64').toString('utf8')).toBe(ics);
  });

  it('serves the viewer a developer opens', async () => {
    if (!ses) throw new Error('the local SES server is not running');
    const response = await fetch(ses.viewerUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('lets SES errors reach the caller', async () => {
    // The local server, like SES, refuses a message with no body.
    await expect(
      mailer.send({ to: 'asha@example.com', subject: 'Empty', text: '', html: '' }),
    ).rejects.toMatchObject({ $metadata: { httpStatusCode: 400 } });
  });
});
