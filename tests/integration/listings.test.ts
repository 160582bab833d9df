import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screens } from '../../src/demo/catalog';
import { demoShowtimes, loadDemoData } from '../../src/demo/seed';
import { keys, SCHEMA_VERSION } from '../../src/platform/db/keys';
import { fixedClock, freshTable, testApp } from '../support/db';

// 14:30 in Mumbai: Orbit of Ashes's only Mumbai show today (14:00) has started, so its page opens on tomorrow.
const now = new Date('2026-11-24T09:00:00Z');
let db: Awaited<ReturnType<typeof freshTable>>;
let app: ReturnType<typeof testApp>['app'];

const page = async (path: string) => {
  const res = await app.request(path);
  return { status: res.status, html: await res.text() };
};
const link = (showId: string) => `href="/showtimes/${showId}"`;
// Orbit of Ashes in Mumbai, from the demo programme (src/demo/seed.ts).
const subtitled = 'harbour-lights-colaba-2-20261125-1400'; // 14:00 Hindi 2D, subtitled in English, 118 seats
const night = 'sapphire-andheri-2-20261125-2100'; // 21:00 Hindi 2D, 118 seats
const threeD = ['harbour-lights-colaba-1-20261126-1400', 'sapphire-andheri-1-20261126-2100'];
const morning = 'sapphire-andheri-2-20261126-1030';
const described = 'harbour-lights-colaba-2-20261130-1730'; // captions and audio description

/** Writes `count` seats of a showtime as sold, as the booking transactions leave them. */
async function sell(showId: string, count: number) {
  const show = demoShowtimes(now).find((s) => s.id === showId);
  const screen = screens.find((s) => s.id === show?.screenId);
  const seatIds = (screen?.layout.rows ?? []).flatMap((row) =>
    row.items.flatMap((item) => (item.type === 'seat' ? [`${row.label}${item.number}`] : [])),
  );
  expect(seatIds.length).toBeGreaterThanOrEqual(count);
  const items = seatIds.slice(0, count).map((seatId) => ({
    pk: keys.show(showId),
    sk: keys.seat(seatId),
    entity: 'SeatState',
    v: SCHEMA_VERSION,
    seatId,
    state: 'sold',
    bookingId: 'listing-test',
    userId: 'listing-test',
  }));
  for (let i = 0; i < items.length; i += 25) {
    const batch = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    await db.doc.send(new BatchWriteCommand({ RequestItems: { [db.table]: batch } }));
  }
}

beforeAll(async () => {
  db = await freshTable();
  await loadDemoData(db, now);
  app = testApp(db, fixedClock(now)).app;
});
afterAll(() => db.drop());

describe('the movie page, one day at a time', () => {
  it('opens on the first day with showtimes, with a tab per day marked current', async () => {
    const { status, html } = await page('/movies/orbit-of-ashes?city=mumbai');
    expect(status).toBe(200);
    const strip = html.slice(
      html.indexOf('<nav aria-label="Days"'),
      html.indexOf('</nav>', html.indexOf('<nav aria-label="Days"')),
    );
    const tabs = [...strip.matchAll(/<a class="[^"]*" href="([^"]*)"( aria-current="page")?>/g)];
    expect(tabs.map((tab) => tab[1])).toEqual(
      [24, 25, 26, 27, 28, 29, 30].map((day) => `/movies/orbit-of-ashes?city=mumbai&amp;date=2026-11-${day}`),
    );
    expect(tabs.filter((tab) => tab[2]).map((tab) => tab[1])).toEqual([
      '/movies/orbit-of-ashes?city=mumbai&amp;date=2026-11-25',
    ]);
    expect(html).toContain('<span>Today</span>');
    expect(html).toContain('<span>Tomorrow</span>');
    expect(html).toContain('Wednesday, 25 November 2026');
    expect(html).toContain(link(subtitled));
    expect(html).toContain(link(night));
    for (const id of threeD) expect(html).not.toContain(link(id));
  });

  it('lists the chosen day only, and its tabs keep the city and filters', async () => {
    const { html } = await page('/movies/orbit-of-ashes?city=mumbai&date=2026-11-26&format=3D');
    expect(html).toContain('Thursday, 26 November 2026');
    for (const id of threeD) expect(html).toContain(link(id));
    expect(html).not.toContain(link(morning)); // 2D
    expect(html).not.toContain(link('harbour-lights-colaba-1-20261128-2100')); // 3D, another day
    expect(html).toContain('href="/movies/orbit-of-ashes?city=mumbai&amp;date=2026-11-27&amp;format=3D">');
    expect(html).toMatch(
      /href="\/movies\/orbit-of-ashes\?city=mumbai&amp;date=2026-11-26&amp;format=3D" aria-current="page"/,
    );
    // The filter form keeps the day and the city, and shows the choice.
    expect(html).toContain('<input type="hidden" name="date" value="2026-11-26"/>');
    expect(html).toContain('<input type="hidden" name="city" value="mumbai"/>');
    expect(html).toContain('<option value="3D" selected="">3D</option>');
  });

  it('filters by time of day in the theater’s zone and by language', async () => {
    const morningOnly = (await page('/movies/orbit-of-ashes?city=mumbai&date=2026-11-26&time=morning')).html;
    expect(morningOnly).toContain(link(morning)); // 10:30 local, 05:00 UTC
    for (const id of threeD) expect(morningOnly).not.toContain(link(id));

    const evening = (await page('/movies/orbit-of-ashes?city=mumbai&date=2026-11-26&time=night')).html;
    expect(evening).toContain(link('sapphire-andheri-1-20261126-2100'));
    expect(evening).not.toContain(link(morning));

    const hindi = (await page('/movies/orbit-of-ashes?city=mumbai&date=2026-11-26&language=Hindi')).html;
    expect(hindi).toContain(link(morning));
    for (const id of threeD) expect(hindi).not.toContain(link(id));
  });

  it('says when the chosen day has nothing under the filters and links the next day that has', async () => {
    const { status, html } = await page('/movies/orbit-of-ashes?city=mumbai&date=2026-11-25&format=3D');
    expect(status).toBe(200);
    expect(html).toContain('No showtimes in Mumbai on this day with these filters.');
    expect(html).toContain(
      'href="/movies/orbit-of-ashes?city=mumbai&amp;date=2026-11-26&amp;format=3D">See Thursday',
    );
  });

  it('shows the price from, the format and the accessibility marks beside each time', async () => {
    const { html } = await page('/movies/orbit-of-ashes?city=mumbai&date=2026-11-25');
    const chip = html.match(new RegExp(`${link(subtitled)}>(.*?)</a>`))?.[1] ?? '';
    expect(chip).toContain('2:00 pm');
    expect(chip).toContain('Hindi · 2D');
    expect(chip).toContain('from ₹250');
    expect(chip).toContain('Subtitled: English');

    const threeDChip = (await page('/movies/orbit-of-ashes?city=mumbai&date=2026-11-26')).html.match(
      new RegExp(`${link(threeD[0] ?? '')}>(.*?)</a>`),
    )?.[1];
    expect(threeDChip).toContain('English · 3D');
    expect(threeDChip).toContain('from ₹300');

    const marked = (await page('/movies/orbit-of-ashes?city=mumbai&date=2026-11-30')).html;
    const markedChip = marked.match(new RegExp(`${link(described)}>(.*?)</a>`))?.[1] ?? '';
    expect(markedChip).toContain(
      '<span aria-hidden="true">CC</span><span class="sr-only">Closed captions</span>',
    );
    expect(markedChip).toContain(
      '<span aria-hidden="true">AD</span><span class="sr-only">Audio description</span>',
    );
    expect(marked).toContain('CC: closed captions · AD: audio description');
  });

  it('marks a showtime filling fast from 70% sold, and a sold-out one as text, on movie and theater pages', async () => {
    await sell(subtitled, 118);
    await sell(night, 83); // 70% of 118 is 82.6
    const { html } = await page('/movies/orbit-of-ashes?city=mumbai&date=2026-11-25');
    expect(html).not.toContain(link(subtitled));
    expect(html).toMatch(
      /<span class="time time-closed flex-col"><time datetime="2026-11-25T08:30:00.000Z">2:00 pm<\/time>.*?Sold out<\/span><\/span>/,
    );
    expect(html.match(new RegExp(`${link(night)}>(.*?)</a>`))?.[1]).toContain('Filling fast');

    const theater = (await page('/theaters/sapphire-andheri')).html;
    expect(theater.match(new RegExp(`${link(night)}>(.*?)</a>`))?.[1]).toContain('Filling fast');
    const colaba = (await page('/theaters/harbour-lights-colaba')).html;
    expect(colaba).not.toContain(link(subtitled));
    expect(colaba).toContain('Sold out');
  });

  it.each([
    ['date=2027-01-01', 'Choose one of the next 7 days from the dates shown.'],
    ['date=tomorrow', 'Choose one of the next 7 days from the dates shown.'],
    ['format=8K', 'Choose a format from the list: 2D, 3D, IMAX, 4DX.'],
    ['language=Klingon', 'Orbit of Ashes plays in English, Hindi. Choose one of those.'],
    ['time=brunch', 'Choose morning, afternoon, evening or night.'],
  ])('answers the bad filter %s with a 400 and the message in the page', async (filter, message) => {
    const { status, html } = await page(`/movies/orbit-of-ashes?city=mumbai&${filter}`);
    expect(status).toBe(400);
    expect(html).toContain(message);
    expect(html).toContain('Some showtime filters are not valid');
    // The rest of the page is there, without the refused value.
    expect(html).toContain('<nav aria-label="Days"');
    expect(html).toContain('href="/showtimes/');
  });
});

describe('a search that finds nothing', () => {
  it('suggests the closest titles as links', async () => {
    const { status, html } = await page('/search?q=orbitt&city=mumbai');
    expect(status).toBe(200);
    expect(html).toContain('0 movies found');
    expect(html).toContain('Did you mean');
    expect(html).toContain('<a class="link" href="/movies/orbit-of-ashes?city=mumbai">Orbit of Ashes</a>');
  });

  it('offers the same search in other cities with their counts', async () => {
    const { html } = await page('/search?q=desert&city=mumbai');
    expect(html).toContain('0 movies found');
    expect(html).toContain('The same search in other cities');
    expect(html).toContain('<a class="link" href="/search?q=desert&amp;city=dubai">Dubai: 1 movie</a>');
    expect(html).not.toContain('city=bengaluru">Bengaluru');
  });

  it('says what to try when nothing is near', async () => {
    const { html } = await page('/search?q=zzzzzz&city=mumbai');
    expect(html).toContain('Try fewer words, or another day, language or genre.');
    expect(html).not.toContain('Did you mean');
  });
});
