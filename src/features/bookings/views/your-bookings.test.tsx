import { describe, expect, it } from 'vitest';
import { booking } from '../../../../tests/support/sample-booking';
import type { Booking } from '../../booking/model';
import { YourBookings } from './your-bookings';

const upcoming: Booking = booking;
const later: Booking = {
  ...booking,
  id: 'MM-2222-BBBB-3333',
  movieTitle: 'Monsoon <Letters>',
  startsAt: '2026-12-01T15:30:00.000Z',
  seats: [{ id: 'D4', category: 'standard', categoryName: 'Standard' }],
};
const past: Booking = {
  ...booking,
  id: 'MM-1111-AAAA-0000',
  movieTitle: 'Pixel Pals',
  startsAt: '2026-10-02T08:30:00.000Z',
};

const list = (props: { upcoming: Booking[]; past: Booking[] }) => String(<YourBookings {...props} />);

describe("the account's list of bookings", () => {
  it('says there are none yet, with no headings, when there are none', () => {
    const html = list({ upcoming: [], past: [] });
    expect(html).toBe('<p>You have no bookings yet.</p>');
  });

  it('lists upcoming bookings under their heading, each linking to its page, in the order given', () => {
    const html = list({ upcoming: [upcoming, later], past: [] });
    expect(html).toContain('<h3 class="text-lg font-bold mb-1">Upcoming</h3>');
    expect(html).not.toContain('>Past</h3>');
    expect(html).not.toContain('You have no bookings yet.');
    expect(html).toContain('<a class="link" href="/bookings/MM-7KQ2-X9RD-4PZT">Kaveri Express</a>');
    expect(html).toContain('<a class="link" href="/bookings/MM-2222-BBBB-3333">Monsoon &lt;Letters&gt;</a>');
    expect(html.indexOf('MM-7KQ2-X9RD-4PZT')).toBeLessThan(html.indexOf('MM-2222-BBBB-3333'));
  });

  it('says when, where, how many seats and the booking id, in the theater’s zone', () => {
    const html = list({ upcoming: [upcoming, later], past: [] });
    const items = [...html.matchAll(/<li>([\s\S]*?)<\/li>/g)].map(([, item = '']) =>
      item.replace(/<[^>]+>/g, '').replace(/\s+/g, ' '),
    );
    expect(items).toHaveLength(2);
    expect(items[0]).toMatch(
      /^Kaveri Express, Tue, 24 Nov 7:30 pm at Harbour Lights Colaba · 3 seats · MM-7KQ2-X9RD-4PZT$/,
    );
    expect(items[1]).toMatch(/ 9:00 pm at Harbour Lights Colaba · 1 seat · MM-2222-BBBB-3333$/);
  });

  it('lists past bookings under their own heading, after the upcoming ones', () => {
    const html = list({ upcoming: [upcoming], past: [past] });
    const upcomingAt = html.indexOf('>Upcoming</h3>');
    const pastAt = html.indexOf('>Past</h3>');
    expect(upcomingAt).toBeGreaterThanOrEqual(0);
    expect(pastAt).toBeGreaterThan(html.indexOf('href="/bookings/MM-7KQ2-X9RD-4PZT"'));
    expect(html.indexOf('href="/bookings/MM-1111-AAAA-0000"')).toBeGreaterThan(pastAt);
  });

  it('says there is nothing upcoming when every booking is past', () => {
    const html = list({ upcoming: [], past: [past] });
    expect(html).toContain('>Upcoming</h3><p class="mt-0">No upcoming bookings.</p>');
    expect(html).toContain('>Past</h3>');
    expect(html).toContain('<a class="link" href="/bookings/MM-1111-AAAA-0000">Pixel Pals</a>');
  });
});
