import { describe, expect, it } from 'vitest';
import { booking } from '../../../../tests/support/sample-booking';
import type { Booking } from '../../booking/model';
import { BookingPage } from './booking-page';

const QR =
  '<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 29 29"><title>Ticket QR</title></svg>';
const CODE = 'MM1.TESTCODE.SIGNATURE';

const page = (
  options: { booking?: Booking; notice?: string; paymentLabel?: string; noTicket?: boolean } = {},
) =>
  String(
    <BookingPage
      booking={options.booking ?? booking}
      paymentLabel={options.paymentLabel ?? 'Pay at the box office'}
      ticket={options.noTicket ? undefined : { code: CODE, qr: QR }}
      delivery={<p id="delivery-news">Sent by email at 7:31 pm IST.</p>}
      notice={options.notice}
    />,
  );

/** The text of the definition after the term `term`, without tags. */
function fact(html: string, term: string): string | undefined {
  const found = new RegExp(`<dt[^>]*>${term}</dt><dd[^>]*>([\\s\\S]*?)</dd>`).exec(html);
  return found?.[1]
    ?.replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

describe('the booking page', () => {
  it('shows the booking id to give at the box office', () => {
    expect(page()).toContain(
      '<strong class="block font-mono text-3xl tracking-wider">MM-7KQ2-X9RD-4PZT</strong>',
    );
  });

  it('lists the seats in reading order, each with its category', () => {
    expect(fact(page(), 'Seats')).toBe('A1 (Standard), C7 (Premium), C8 (Premium)');
  });

  it('says what, when and where, in the theater’s zone', () => {
    const html = page();
    expect(html).toContain('<a class="link" href="/movies/kaveri-express">Kaveri Express</a>');
    expect(fact(html, 'When')).toBe('Tuesday, 24 November 2026, 7:30 pm IST');
    expect(html).toContain('<time datetime="2026-11-24T14:00:00.000Z">');
    expect(fact(html, 'Where')).toBe(
      'Harbour Lights Colaba, Screen 1 12 Shahid Bhagat Singh Road, Colaba, Mumbai 400005',
    );
  });

  it('says whether it is paid, naming the way to pay when it is not', () => {
    expect(fact(page(), 'Payment')).toBe('Paid');
    const unpaid: Booking = { ...booking, payment: { provider: 'box-office', status: 'unpaid' } };
    expect(fact(page({ booking: unpaid }), 'Payment')).toBe('Unpaid — pay at the box office');
  });

  it('shows the price with the total last', () => {
    expect(page()).toMatch(
      /<tr class="border-t-2[^"]*"><th scope="row"[^>]*>Total<\/th><td[^>]*>₹926\.20<\/td>/,
    );
  });

  it('includes the QR code as markup, with the typed code and a link to the PDF under it', () => {
    const html = page();
    expect(html).toContain(`<div class="inline-block bg-white p-2">${QR}</div>`);
    expect(html).toContain(`<p class="font-mono text-sm break-all">${CODE}</p>`);
    expect(html).toMatch(/<a class="link" href="\/bookings\/MM-7KQ2-X9RD-4PZT\/ticket\.pdf" download="">/);
  });

  it('shows the door code large, grouped, beside the QR code, and says staff can scan or type either', () => {
    const html = page({ booking: { ...booking, doorCode: 'K7MX3QPA' } });
    expect(html).toContain('<strong class="block font-mono text-4xl tracking-widest">K7MX-3QPA</strong>');
    expect(html).toContain('At the door, staff can scan the QR code or type your door code: show either.');
    expect(html.indexOf('K7MX-3QPA')).toBeLessThan(html.indexOf(QR));
    // A booking made before door codes has none: its QR code is the ticket.
    expect(page()).not.toContain('Door code');
  });

  it('says when the tickets were scanned at the door, in the theater’s zone', () => {
    const html = page({
      booking: { ...booking, admittedAt: '2026-11-24T13:42:00.000Z', admittedBy: 'Usher 1' },
    });
    expect(html).toContain(
      '<p class="card font-semibold">Scanned at the door at 7:12 pm on 24 November.</p>',
    );
    expect(html).not.toContain('Usher 1');
    expect(page()).not.toContain('Scanned at the door');
  });

  it('puts the delivery status in a live region of its own', () => {
    expect(page()).toContain(
      '<div role="status"><p id="delivery-news">Sent by email at 7:31 pm IST.</p></div>',
    );
  });

  it('announces the notice as a status, and shows none without one', () => {
    expect(page({ notice: 'We are sending your tickets again.' })).toMatch(
      /<p role="status"[^>]*>We are sending your tickets again\.<\/p>/,
    );
    expect(page()).not.toMatch(/<p role="status"/);
  });

  it('shows names from the booking as text, never markup', () => {
    const html = page({ booking: { ...booking, movieTitle: 'Loud <script>x</script> & Clear' } });
    expect(html).toContain('Loud &lt;script&gt;x&lt;/script&gt; &amp; Clear');
    expect(html).not.toContain('<script>');
  });

  it('says a moved showtime moved, from when to when, and that the ticket below is a new one', () => {
    const moved = {
      ...booking,
      movedAt: '2026-11-22T10:00:00.000Z',
      previousStartsAt: '2026-11-24T12:30:00.000Z',
    };
    const html = page({ booking: moved });
    expect(html).toContain(
      'The theater moved this showtime: it now starts Tuesday, 24 November 2026, 7:30 pm IST (it was Tuesday, 24 November 2026, 6:00 pm IST). Your ticket below has a new code; the old one no longer admits you.',
    );
    expect(html).toContain(CODE);
  });

  it('says a cancelled booking is cancelled, how the box office refunds, and shows no ticket', () => {
    const cancelled = { ...booking, cancelledAt: '2026-11-22T10:00:00.000Z' };
    const html = page({ booking: cancelled, noTicket: true });
    expect(html).toContain('>Booking cancelled</h1>');
    expect(html).toContain('at the box office of Harbour Lights Colaba for a full refund of ₹926.20.');
    expect(fact(html, 'Payment')).toBe('Nothing to pay: cancelled (see above)');
    expect(html).not.toContain(CODE);
    expect(html).not.toContain('Your ticket');
  });
});
