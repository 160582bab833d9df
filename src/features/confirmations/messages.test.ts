import { describe, expect, it } from 'vitest';
import { booking as sample } from '../../../tests/support/sample-booking';
import { smsSegments } from '../../platform/sms/text';
import { cancellationMail, cancellationSms, confirmationSms, movedSms } from './messages';

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
