import { describe, expect, it } from 'vitest';
import type { Mail } from './mailer';
import { base64Lines, buildMimeMessage, encodeAddress, encodeSubject, sesRequest } from './ses';

const pdf = Uint8Array.from([
  0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a, 0x00, 0xff, 0xfe, 0x80, 0x0d,
]);
const ics =
  'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:Orbit of Ashes\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';

const mail: Mail = {
  to: 'asha@example.com',
  subject: 'Your tickets for Orbit of Ashes — Screen 2, 7:30 pm 🎬',
  text: 'Hello Asha,\nyour seats: F7, F8 (₹ 480).',
  html: '<p>Hello Asha,</p><p>your seats: <b>F7, F8</b> (₹ 480).</p>',
  attachments: [
    { filename: 'tickets.pdf', contentType: 'application/pdf', content: pdf },
    {
      filename: 'show.ics',
      contentType: 'text/calendar; method=PUBLISH',
      content: new TextEncoder().encode(ics),
    },
  ],
};

type Part = { headers: Record<string, string>; body: string };

/** Splits a MIME entity into headers (unfolded, names lower-cased) and body. */
function entity(text: string): Part {
  const split = text.indexOf('\r\n\r\n');
  const head = text.slice(0, split).replace(/\r\n[ \t]/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body: text.slice(split + 4) };
}

/** The parts between `--boundary` delimiters, checking the closing delimiter is there. */
function parts(body: string, contentType: string | undefined): Part[] {
  const boundary = /boundary="([^"]+)"/.exec(contentType ?? '')?.[1];
  if (!boundary) throw new Error(`no boundary in ${contentType}`);
  const closing = `\r\n--${boundary}--`;
  const whole = `\r\n${body}\r\n`;
  const end = whole.indexOf(`${closing}\r\n`);
  expect(end, 'closing delimiter').toBeGreaterThanOrEqual(0);
  const pieces = whole.slice(0, end).split(`\r\n--${boundary}\r\n`);
  expect(pieces.shift()?.trim()).toBe('');
  return pieces.map(entity);
}

const decode = (part: Part) => Buffer.from(part.body.replace(/\r\n/g, ''), 'base64');

/** What a mail client shows for an RFC 2047 header. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?B\?([^?]*)\?=/g, (_, b64: string) => Buffer.from(b64, 'base64').toString('utf8'));
}

function build(m: Mail = mail) {
  let n = 0;
  return buildMimeMessage(m, {
    from: 'Movie Magic <tickets@moviemagic.local>',
    date: new Date('2026-11-24T09:05:03Z'),
    boundary: () => `=_test_${++n}`,
  });
}

describe('buildMimeMessage', () => {
  it('writes the envelope headers, with the subject encoded and CRLF line ends only', () => {
    const message = build();
    expect(message.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const { headers } = entity(message);
    expect(headers.from).toBe('Movie Magic <tickets@moviemagic.local>');
    expect(headers.to).toBe('asha@example.com');
    expect(headers.date).toBe('Tue, 24 Nov 2026 09:05:03 +0000');
    expect(headers['mime-version']).toBe('1.0');
    expect(headers.subject).toMatch(/^=\?UTF-8\?B\?/);
    expect(decodeWords(headers.subject ?? '')).toBe(mail.subject);
  });

  it('nests text and html in a multipart/alternative, then each attachment, under distinct boundaries', () => {
    const root = entity(build());
    expect(root.headers['content-type']).toBe('multipart/mixed; boundary="=_test_1"');
    expect(root.body.startsWith('--=_test_1\r\n')).toBe(true);
    expect(root.body.endsWith('\r\n--=_test_1--\r\n')).toBe(true);
    const [alternative, first, second, ...rest] = parts(root.body, root.headers['content-type']);
    expect(rest).toEqual([]);
    if (!alternative || !first || !second) throw new Error('parts missing');

    expect(alternative.headers['content-type']).toBe('multipart/alternative; boundary="=_test_2"');
    const [text, html, ...more] = parts(alternative.body, alternative.headers['content-type']);
    expect(more).toEqual([]);
    expect(text?.headers['content-type']).toBe('text/plain; charset=UTF-8');
    expect(text?.headers['content-transfer-encoding']).toBe('base64');
    expect(text && decode(text).toString('utf8')).toBe(mail.text);
    expect(html?.headers['content-type']).toBe('text/html; charset=UTF-8');
    expect(html && decode(html).toString('utf8')).toBe(mail.html);

    expect(first.headers['content-type']).toBe('application/pdf; name="tickets.pdf"');
    expect(first.headers['content-disposition']).toBe('attachment; filename="tickets.pdf"');
    expect(first.headers['content-transfer-encoding']).toBe('base64');
    expect(new Uint8Array(decode(first))).toEqual(pdf);
    expect(second.headers['content-type']).toBe('text/calendar; method=PUBLISH; name="show.ics"');
    expect(second.headers['content-disposition']).toBe('attachment; filename="show.ics"');
    expect(decode(second).toString('utf8')).toBe(ics);
  });

  it('puts an inline image with the html in a multipart/related, by its Content-ID, and not among the files', () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 1, 2]);
    const withImage: Mail = {
      ...mail,
      html: '<p><img src="cid:qr@moviemagic" alt="QR code"></p>',
      attachments: [
        ...(mail.attachments ?? []),
        { filename: 'qr.png', contentType: 'image/png', content: png, contentId: 'qr@moviemagic' },
      ],
    };
    const root = entity(build(withImage));
    const [alternative, ...files] = parts(root.body, root.headers['content-type']);
    expect(files.map((file) => file.headers['content-disposition'])).toEqual([
      'attachment; filename="tickets.pdf"',
      'attachment; filename="show.ics"',
    ]);
    if (!alternative) throw new Error('parts missing');
    const [text, related, ...more] = parts(alternative.body, alternative.headers['content-type']);
    expect(more).toEqual([]);
    expect(text?.headers['content-type']).toBe('text/plain; charset=UTF-8');
    expect(related?.headers['content-type']).toBe('multipart/related; boundary="=_test_3"; type="text/html"');
    const [html, image, ...rest] = parts(related?.body ?? '', related?.headers['content-type']);
    expect(rest).toEqual([]);
    expect(html && decode(html).toString('utf8')).toBe(withImage.html);
    expect(image?.headers).toMatchObject({
      'content-type': 'image/png; name="qr.png"',
      'content-id': '<qr@moviemagic>',
      'content-disposition': 'inline; filename="qr.png"',
    });
    expect(image && new Uint8Array(decode(image))).toEqual(png);
  });

  it('refuses a Content-ID that would not fit between angle brackets', () => {
    const bad: Mail = {
      ...mail,
      attachments: [
        { filename: 'qr.png', contentType: 'image/png', content: new Uint8Array(1), contentId: 'a> b' },
      ],
    };
    expect(() => build(bad)).toThrow(/content id/);
  });

  it('keeps every line within 76 characters, even for a large attachment', () => {
    const big = new Uint8Array(100_003).map((_, i) => (i * 7919) % 256);
    const message = buildMimeMessage(
      {
        ...mail,
        attachments: [{ filename: 'big.bin', contentType: 'application/octet-stream', content: big }],
      },
      { from: 'Movie Magic <tickets@moviemagic.local>' },
    );
    for (const line of message.split('\r\n')) expect(line.length).toBeLessThanOrEqual(76);
    const root = entity(message);
    const attachment = parts(root.body, root.headers['content-type'])[1];
    if (!attachment) throw new Error('attachment missing');
    const lines = attachment.body.split('\r\n');
    expect(Math.max(...lines.map((l) => l.length))).toBe(76);
    expect(new Uint8Array(decode(attachment))).toEqual(big);
  });

  it('picks fresh boundaries that base64 content can never contain', () => {
    const a = buildMimeMessage(mail, { from: 'tickets@example.com' });
    const b = buildMimeMessage(mail, { from: 'tickets@example.com' });
    const boundaryOf = (m: string) => /boundary="([^"]+)"/.exec(m)?.[1] ?? '';
    expect(boundaryOf(a)).not.toBe(boundaryOf(b));
    expect(boundaryOf(a)).toMatch(/^=_/);
    expect(parts(entity(a).body, entity(a).headers['content-type'])).toHaveLength(3);
  });

  it('encodes a non-ASCII attachment name as RFC 2231 UTF-8', () => {
    const root = entity(
      build({
        ...mail,
        attachments: [{ filename: 'billet été.pdf', contentType: 'application/pdf', content: pdf }],
      }),
    );
    const attachment = parts(root.body, root.headers['content-type'])[1];
    expect(attachment?.headers['content-disposition']).toBe(
      "attachment; filename*=UTF-8''billet%20%C3%A9t%C3%A9.pdf",
    );
  });

  it('refuses header values with line breaks rather than let them add headers', () => {
    expect(() => build({ ...mail, to: 'asha@example.com\r\nBcc: everyone@example.com' })).toThrow(
      /line break/,
    );
    expect(() =>
      build({ ...mail, attachments: [{ filename: 'a\r\nX: y', contentType: 'text/plain', content: pdf }] }),
    ).toThrow(/line break/);
    expect(() =>
      build({ ...mail, attachments: [{ filename: 'a.txt', contentType: 'text', content: pdf }] }),
    ).toThrow(/content type/);
  });
});

describe('encodeSubject', () => {
  it('leaves a short ASCII subject readable', () => {
    expect(encodeSubject('Confirm your email for Movie Magic')).toBe('Confirm your email for Movie Magic');
  });

  it('splits a long UTF-8 subject into short encoded words without splitting a character', () => {
    const subject = `Réservation confirmée — ${'🎬 Orbit of Ashes · '.repeat(6)}`.trim();
    const encoded = encodeSubject(subject);
    const words = encoded.split('\r\n ');
    expect(words.length).toBeGreaterThan(1);
    for (const word of words) {
      expect(word).toMatch(/^=\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=$/);
      expect(`Subject: ${word}`.length).toBeLessThanOrEqual(76);
      // Each word decodes to whole characters on its own.
      expect(decodeWords(word)).not.toContain('\uFFFD');
    }
    expect(decodeWords(encoded)).toBe(subject);
  });

  it('encodes a long ASCII subject too, and turns line breaks into spaces', () => {
    const long = 'A'.repeat(90);
    expect(decodeWords(encodeSubject(long))).toBe(long);
    expect(encodeSubject('two\r\nlines')).toBe('two lines');
  });
});

describe('encodeAddress', () => {
  it('keeps plain addresses and ASCII names, quotes names with specials, encodes non-ASCII names', () => {
    expect(encodeAddress('tickets@example.com')).toBe('tickets@example.com');
    expect(encodeAddress('Movie Magic <tickets@example.com>')).toBe('Movie Magic <tickets@example.com>');
    expect(encodeAddress('Movie Magic, Pune <tickets@example.com>')).toBe(
      '"Movie Magic, Pune" <tickets@example.com>',
    );
    expect(encodeAddress('Ciné Magie <tickets@example.com>')).toBe(
      `=?UTF-8?B?${Buffer.from('Ciné Magie').toString('base64')}?= <tickets@example.com>`,
    );
  });
});

describe('base64Lines', () => {
  it('wraps at 76 characters', () => {
    const lines = base64Lines(new Uint8Array(200));
    expect(lines.map((l) => l.length)).toEqual([76, 76, 76, 40]);
  });
});

describe('sesRequest', () => {
  const from = 'Movie Magic <tickets@example.com>';

  it('sends a mail without attachments as Simple content', () => {
    const { attachments: _, ...plain } = mail;
    const request = sesRequest(plain, from, 'movie-magic');
    expect(request).toEqual({
      FromEmailAddress: from,
      Destination: { ToAddresses: ['asha@example.com'] },
      ConfigurationSetName: 'movie-magic',
      Content: {
        Simple: {
          Subject: { Data: mail.subject, Charset: 'UTF-8' },
          Body: { Text: { Data: mail.text, Charset: 'UTF-8' }, Html: { Data: mail.html, Charset: 'UTF-8' } },
        },
      },
    });
  });

  it('sends a mail with attachments as a raw MIME message', () => {
    const request = sesRequest(mail, from);
    expect(request.Content?.Simple).toBeUndefined();
    expect(request.ConfigurationSetName).toBeUndefined();
    const raw = new TextDecoder().decode(request.Content?.Raw?.Data);
    expect(entity(raw).headers.from).toBe(from);
    expect(entity(raw).headers['content-type']).toMatch(/^multipart\/mixed; boundary="/);
  });
});
