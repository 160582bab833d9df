import { describe, expect, it } from 'vitest';
import { booking } from '../../../../tests/support/sample-booking';
import type { DoorVerdict } from '../service';
import { DoorPage } from './door';

const SHOW = 'harbour-lights-colaba-1-20261124-1930';

const door = (verdict?: DoorVerdict) =>
  String(
    <DoorPage
      showId={SHOW}
      title="Kaveri Express"
      when="Tuesday, 24 November 2026, 7:30 pm · Harbour Lights Colaba, Screen 1"
      verdict={verdict}
    />,
  );

/** What the screen shows between the showtime line and the form: the verdict box's role, classes and text. */
function verdictOf(html: string): { role?: string; classes: string; text: string } | undefined {
  const start = html.indexOf('</p>', html.indexOf('<h1')) + '</p>'.length;
  const box = html.slice(start, html.indexOf(`<form method="post" action="/door/${SHOW}"`));
  if (box === '') return undefined;
  const tag = /^<div([^>]*)>/.exec(box)?.[1] ?? '';
  return {
    role: /role="([^"]*)"/.exec(tag)?.[1],
    classes: /class="([^"]*)"/.exec(tag)?.[1] ?? '',
    text: box
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  };
}

const unpaid = { ...booking, payment: { provider: 'box-office', status: 'unpaid' } } satisfies typeof booking;

describe('the door screen', () => {
  it('shows the showtime and a form for the next scan, with no verdict before the first', () => {
    const html = door();
    expect(html).toContain('Check-in: Kaveri Express');
    expect(html).toContain('Tuesday, 24 November 2026, 7:30 pm · Harbour Lights Colaba, Screen 1');
    expect(html).toContain(`<form method="post" action="/door/${SHOW}"`);
    expect(html).toMatch(/<label class="label" for="ticket-code">Ticket code<\/label>/);
    expect(html).toMatch(/<input id="ticket-code" name="code"[^>]*aria-describedby="ticket-code-hint"/);
    expect(verdictOf(html)).toBeUndefined();
  });

  it('says to admit a paid booking, in green, with its seats and booking id, announced as an alert', () => {
    const verdict = verdictOf(
      door({ kind: 'admit', headline: 'Admit 3 — Row A 1; Row C 7, 8', booking, payment: 'Paid' }),
    );
    expect(verdict?.classes).toContain('border-green-800');
    expect(verdict?.role).toBe('alert');
    expect(verdict?.text).toBe('Admit 3 — Row A 1; Row C 7, 8 MM-7KQ2-X9RD-4PZT · Paid');
  });

  it('asks for an unpaid booking to be paid first, in amber, with a form that records it and admits', () => {
    const html = door({ kind: 'collect', headline: 'Collect ₹926.20 first', booking: unpaid });
    const verdict = verdictOf(html);
    expect(verdict?.classes).toContain('border-amber-700');
    expect(verdict?.role).toBe('alert');
    expect(verdict?.text).toBe(
      'Collect ₹926.20 first Booking MM-7KQ2-X9RD-4PZT is not paid: 3 tickets, Row A 1; Row C 7, 8. Take the payment, then admit. Payment received — admit',
    );
    expect(html).toMatch(
      new RegExp(
        `<form method="post" action="/door/${SHOW}/collect"[^>]*><input type="hidden" name="bookingId" value="MM-7KQ2-X9RD-4PZT"/><button type="submit" class="btn">Payment received — admit</button></form>`,
      ),
    );
    expect(html).not.toMatch(/Admit 3/);
  });

  it('names the payment taken at the door when it admits', () => {
    const payment = 'Paid ₹926.20 at the door, taken by Usher 1';
    const verdict = verdictOf(
      door({ kind: 'admit', headline: 'Admit 3 — Row A 1; Row C 7, 8', booking, payment }),
    );
    expect(verdict?.text).toBe(`Admit 3 — Row A 1; Row C 7, 8 MM-7KQ2-X9RD-4PZT · ${payment}`);
  });

  it('says a ticket already admitted must not be admitted again, in amber', () => {
    const verdict = verdictOf(
      door({ kind: 'already', headline: 'Already admitted at 7:10 pm by Usher 1', booking }),
    );
    expect(verdict?.classes).toContain('border-amber-700');
    expect(verdict?.role).toBe('alert');
    expect(verdict?.text).toBe(
      'Already admitted at 7:10 pm by Usher 1 Booking MM-7KQ2-X9RD-4PZT. Do not admit again.',
    );
  });

  it('refuses a ticket in red, with the reason', () => {
    const verdict = verdictOf(
      door({ kind: 'refused', headline: 'Do not admit', reason: 'This ticket is for another showtime.' }),
    );
    expect(verdict?.classes).toContain('border-red-800');
    expect(verdict?.role).toBe('alert');
    expect(verdict?.text).toBe('Do not admit This ticket is for another showtime.');
  });

  it('shows a reason that quotes a movie title as text, never markup', () => {
    const html = door({
      kind: 'refused',
      headline: 'Do not admit',
      reason: 'This ticket is for another showtime: <b>Loud</b> & Clear at 9:00 pm.',
    });
    expect(html).toContain(
      'This ticket is for another showtime: &lt;b&gt;Loud&lt;/b&gt; &amp; Clear at 9:00 pm.',
    );
    expect(html).not.toContain('<b>Loud</b>');
  });
});
