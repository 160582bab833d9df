import { describe, expect, it } from 'vitest';
import type { Showtime, Theater } from '../../catalog/model';
import { DoorShowtimes } from './door-showtimes';

const theater: Theater = {
  id: 'harbour-lights-colaba',
  cityId: 'mumbai',
  name: 'Harbour Lights Colaba',
  address: '12 Shahid Bhagat Singh Road, Colaba, Mumbai 400005',
  timeZone: 'Asia/Kolkata',
};

const show: Showtime = {
  id: 'harbour-lights-colaba-1-20261124-1930',
  movieId: 'kaveri-express',
  theaterId: theater.id,
  screenId: 'harbour-lights-colaba-1',
  cityId: 'mumbai',
  startsAt: '2026-11-24T14:00:00.000Z',
  language: 'Hindi',
  format: '2D',
  currency: 'INR',
  prices: [],
};

describe("a theater's showtimes at the door", () => {
  it('links each showtime to its door screen, at the time in the theater’s own zone', () => {
    const html = String(
      <DoorShowtimes theater={theater} shows={[{ show, title: 'Kaveri Express', screen: 'Screen 1' }]} />,
    );
    expect(html).toContain('Door check-in: Harbour Lights Colaba');
    expect(html).toMatch(
      /<a class="link text-lg" href="\/door\/harbour-lights-colaba-1-20261124-1930">7:30\s?pm · Kaveri Express · Screen 1<\/a>/,
    );
    expect(html).not.toContain('No showtimes left today.');
    expect(html).toContain('<a class="link" href="/door">Another theater</a>');
  });

  it('says when no showtime is left today, and still leads to another theater', () => {
    const html = String(<DoorShowtimes theater={theater} shows={[]} />);
    expect(html).toContain('<p>No showtimes left today.</p>');
    expect(html).not.toContain('href="/door/');
    expect(html).toContain('href="/door"');
  });
});
