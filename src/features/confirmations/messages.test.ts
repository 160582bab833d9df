import { describe, expect, it } from 'vitest';
import { booking as sample } from '../../../tests/support/sample-booking';
import { confirmationSms } from './messages';

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
