import { describe, expect, it } from 'vitest';
import { booking as sample } from '../../../tests/support/sample-booking';
import { smsSegments } from '../../platform/sms/text';
import type { Booking, SeatCancellation } from '../booking/model';
import { seatsCancelledMail, seatsCancelledSms } from './cancelled-booking';

const config = { publicOrigin: 'https://moviemagic.example', port: 3000 } as Parameters<
  typeof seatsCancelledMail
>[0]['config'];
const [kept, gone] = sample.seats;
if (!kept || !gone) throw new Error('the sample booking has two seats');
const paid: Booking = {
  ...sample,
  seats: [kept],
  payment: {
    provider: 'stripe',
    status: 'paid',
    reference: 'pi_1',
    charged: { amount: 70_000, currency: 'INR' },
  },
};
const change: SeatCancellation = {
  at: '2026-11-20T10:00:00Z',
  byUserId: 'staff-1',
  reason: 'Seat <broken> & roped off',
  seats: [gone],
  refund: 35_400,
};

describe('the news that staff cancelled some seats', () => {
  it('emails which seat went, why, the refund, and what the same ticket still admits, nothing unescaped', () => {
    const mail = seatsCancelledMail({ config }, paid, change, { email: 'a@example.com', name: 'Asha' });
    expect(mail.subject).toContain('Seats cancelled');
    expect(mail.text).toContain(
      `cancelled seat ${gone.id} (${gone.categoryName}) of your booking ${paid.id}`,
    );
    expect(mail.text).toContain('Their reason: Seat <broken> & roped off');
    expect(mail.text).toContain(`Your tickets still admit 1 to ${kept.id}`);
    expect(mail.text).toMatch(/refunding ₹354(\.00)? for them/);
    expect(mail.html).toContain('Seat &lt;broken&gt; &amp; roped off');
    expect(mail.html).not.toContain('<broken>');
  });

  it('says what is now due at the box office for a booking not paid online', () => {
    const unpaid: Booking = { ...paid, payment: { provider: 'box-office', status: 'unpaid' } };
    const mail = seatsCancelledMail(
      { config },
      unpaid,
      { ...change, refund: 0 },
      { email: 'a@example.com', name: 'Asha' },
    );
    expect(mail.text).toContain('Nothing was charged online; at the box office you now pay');
  });

  it('texts it within two segments, the seats and refund kept for a long title', () => {
    const long = { ...paid, movieTitle: `Ashes ${'very '.repeat(30)}long` };
    const text = seatsCancelledSms(long, change);
    expect(text).toContain(gone.id);
    expect(text).toContain('Refund');
    expect(smsSegments(text)).toBeLessThanOrEqual(2);
  });
});
