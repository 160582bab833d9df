import { describe, expect, it } from 'vitest';
import { booking as sample } from '../../../tests/support/sample-booking';
import { smsSegments } from '../../platform/sms/text';
import { generateTicketKeys } from '../../platform/ticket-keys/ticket-keys';
import { EMAIL_WIDTH } from './email-html';
import {
  cancellationMail,
  cancellationSms,
  confirmationMail,
  confirmationSms,
  movedMail,
  movedSms,
} from './messages';

const booking = {
  ...sample,
  movieTitle: 'Orbit of Ashes',
  theaterName: 'Harbour Lights Cinema, Colaba',
  seats: sample.seats.filter((seat) => seat.category === 'premium').reverse(),
};

describe('the confirmation SMS', () => {
  it('says the booking id, movie, local time, theater and seats', () => {
    expect(confirmationSms(booking)).toBe(
      'Movie Magic MM-7KQ2-X9RD-4PZT: Orbit of Ashes, Tuesday, 24 November 2026, 7:30 pm IST, Harbour Lights Cinema, Colaba. Seats C7, C8.',
    );
  });

  it('gives up the title and theater, never the seats, when the text would not fit', () => {
    const long = {
      ...booking,
      movieTitle: `Ashes’ ${'very '.repeat(20)}long`,
      seats: Array.from({ length: 10 }, (_, i) => ({
        id: `M${i + 1}`,
        category: 'recliner',
        categoryName: 'Recliner',
      })),
    };
    const text = confirmationSms(long);
    expect(text).toContain('MM-7KQ2-X9RD-4PZT');
    expect(text).toContain('7:30 pm IST');
    expect(text).toContain('Seats M1, M2, M3, M4, M5, M6, M7, M8, M9, M10.');
    expect(text.length).toBeLessThanOrEqual(2 * 153);
  });
});

describe('the news of a changed showtime', () => {
  const config = { publicOrigin: 'https://moviemagic.example', port: 3000 } as Parameters<typeof movedSms>[0];

  it('texts the new time and where the new ticket code is, in at most two segments', () => {
    const text = movedSms(config, booking);
    expect(text).toBe(
      'Movie Magic MM-7KQ2-X9RD-4PZT: Orbit of Ashes moved to Tuesday, 24 November 2026, 7:30 pm IST, Harbour Lights Cinema, Colaba. Same seats. Your ticket code changed: use the new one from your email or https://moviemagic.example/bookings/MM-7KQ2-X9RD-4PZT',
    );
    expect(smsSegments(text)).toBeLessThanOrEqual(2);
  });

  it('texts a cancellation with how the box office refunds, even for a long title', () => {
    expect(cancellationSms(booking)).toBe(
      'Movie Magic MM-7KQ2-X9RD-4PZT: Orbit of Ashes, Tuesday, 24 November 2026, 7:30 pm IST, Harbour Lights Cinema, Colaba is cancelled. Your booking is cancelled. If you paid, show this text at the box office for a full refund.',
    );
    const long = cancellationSms({ ...booking, movieTitle: `Ashes ${'very '.repeat(30)}long` });
    expect(long).toContain('is cancelled. If you paid, show this text at the box office for a full refund.');
    expect(smsSegments(long)).toBeLessThanOrEqual(2);
  });

  it('emails a cancellation in HTML and text that say the same, the refund included, nothing unescaped', () => {
    const mail = cancellationMail(
      { config },
      { ...booking, movieTitle: 'Ashes <&> Embers' },
      {
        email: 'a@example.com',
        name: 'Asha',
      },
    );
    expect(mail.subject).toBe('Cancelled: Ashes <&> Embers, Tuesday, 24 November 2026, 7:30 pm IST');
    expect(mail.text).toContain(
      'Your booking MM-7KQ2-X9RD-4PZT is cancelled and its seats (C7 (Premium), C8 (Premium)) are released.',
    );
    expect(mail.text).toContain('for a full refund of');
    expect(mail.html).toContain('Ashes &lt;&amp;&gt; Embers');
    expect(mail.html).not.toContain('<&>');
    expect(mail.text).toContain('https://moviemagic.example/movies/');
  });
});

describe('the confirmation email', () => {
  const deps = {
    config: {
      publicOrigin: 'https://moviemagic.example',
      port: 3000,
      ticketOpensMs: 3 * 3_600_000,
      ticketClosesMs: 3_600_000,
    },
    clock: { now: () => new Date('2026-11-20T10:00:00Z') },
  } as Parameters<typeof confirmationMail>[0];
  const user = { email: 'asha@example.com', name: 'Asha' };
  const withCode = {
    ...booking,
    doorCode: 'K7MX3QPA',
    payment: { provider: 'box-office', status: 'unpaid' as const },
  };

  /** Every fixed width the HTML sets, in attributes and in inline styles (max-width included). */
  const widths = (html: string) =>
    [...html.matchAll(/\bwidth(?:="|:\s*)(\d+)(?:px)?/g)].map((match) => Number(match[1]));

  it('carries the QR code as an inline PNG the HTML points at, and no SVG', async () => {
    const mail = await confirmationMail({ ...deps, tickets: await generateTicketKeys() }, withCode, user);
    const png = mail.attachments?.find((attachment) => attachment.contentType === 'image/png');
    expect(png?.contentId).toBe('qr-MM-7KQ2-X9RD-4PZT@moviemagic');
    expect(Array.from(png?.content.subarray(0, 4) ?? [])).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(mail.html).toContain(
      '<img src="cid:qr-MM-7KQ2-X9RD-4PZT@moviemagic" alt="QR code of booking MM-7KQ2-X9RD-4PZT"',
    );
    expect(mail.html).not.toMatch(/<svg/i);
    expect(mail.attachments?.map((attachment) => attachment.contentType.split(';')[0])).toEqual([
      'image/png',
      'application/pdf',
      'text/calendar',
    ]);
  });

  it('is laid out for a phone: a column of at most 600 px, no fixed width wider, no long unbroken text', async () => {
    const mail = await confirmationMail({ ...deps, tickets: await generateTicketKeys() }, withCode, user);
    expect(mail.html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(mail.html).toContain(`max-width:${EMAIL_WIDTH}px`);
    expect(widths(mail.html).length).toBeGreaterThan(1);
    expect(Math.max(...widths(mail.html))).toBeLessThanOrEqual(600);
    const words = mail.html.replace(/<[^>]+>/g, ' ').split(/\s+/);
    expect(Math.max(...words.map((word) => word.length))).toBeLessThan(40);
    expect(mail.html).not.toContain('MM1.');
  });

  it('says in both parts which to show: the door code, grouped, or the QR code', async () => {
    const mail = await confirmationMail({ ...deps, tickets: await generateTicketKeys() }, withCode, user);
    expect(mail.text).toContain('At the door, tell staff your door code, K7MX-3QPA, or show the QR code');
    expect(mail.text).toContain('Door code: K7MX-3QPA');
    expect(mail.text).toMatch(/Ticket code: MM1\./);
    expect(mail.text).toContain('Staff will ask you to pay ₹');
    expect(mail.html).toContain('At the door, show this QR code or tell staff your door code.');
    expect(mail.html).toMatch(/letter-spacing:4px">K7MX-3QPA<\/p>/);
  });

  it('for a booking made before door codes: the QR code only, and nothing to pay once paid', async () => {
    const mail = await confirmationMail({ ...deps, tickets: await generateTicketKeys() }, booking, user);
    expect(mail.text).toContain('At the door, show the QR code: it is on the attached PDF ticket');
    expect(mail.text).not.toContain('Door code');
    expect(mail.text).not.toContain('Staff will ask you to pay');
    expect(mail.html).not.toContain('Door code');
  });

  it('tells of a moved showtime with the same door code and the new QR code inline', async () => {
    const mail = await movedMail({ ...deps, tickets: await generateTicketKeys() }, withCode, user, undefined);
    expect(mail.text).toContain('Your door code, K7MX-3QPA, stays the same.');
    expect(mail.attachments?.[0]).toMatchObject({
      contentType: 'image/png',
      contentId: 'qr-MM-7KQ2-X9RD-4PZT@moviemagic',
    });
    expect(Math.max(...widths(mail.html))).toBeLessThanOrEqual(600);
  });
});
