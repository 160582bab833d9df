import { demoCatalogLoadedAt, markDemoCatalogLoaded } from '../features/catalog/bulk-writes';
import type { ShowAccess, Showtime } from '../features/catalog/model';
import { importCatalogue } from '../features/catalog/transfer';
import { CATALOGUE_FORMAT_VERSION } from '../features/catalog/transfer-schema';
import type { Db } from '../platform/db/client';
import { addDays, localDate, zonedToUtc } from '../platform/time';
import { cities, dailySlots, movies, priceCards, prices, programme, screens, theaters } from './catalog';

export const DEMO_DAYS = 7;

/**
 * Some demo showings offer subtitles, captions or audio description, so the listings show the marks:
 * each second screen's afternoon show is subtitled in English (captioned when it plays in English), and
 * every third day's evening shows are captioned and audio described.
 */
function demoAccess(
  screenId: string,
  dayNumber: number,
  slot: number,
  language: string,
): ShowAccess | undefined {
  if (slot === 1 && screenId.endsWith('-2'))
    return language === 'English' ? { captions: true } : { subtitles: 'English' };
  if (slot === 2 && dayNumber % 3 === 0) return { captions: true, audioDescription: true };
  return undefined;
}

/** The demo showtimes for the 7 local days starting today in each theater's own time zone. */
export function demoShowtimes(now: Date): Showtime[] {
  const shows: Showtime[] = [];
  for (const screen of screens) {
    const theater = theaters.find((t) => t.id === screen.theaterId);
    const city = cities.find((c) => c.id === theater?.cityId);
    if (!theater || !city) continue;
    const lineup = programme[city.id] ?? [];
    const today = localDate(now, theater.timeZone);
    const screenIndex = screens.indexOf(screen);
    for (let day = 0; day < DEMO_DAYS; day++) {
      const date = addDays(today, day);
      const dayNumber = Math.floor(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
      dailySlots.forEach((time, slot) => {
        const movieId = lineup[(dayNumber + slot * 3 + screenIndex) % lineup.length];
        const movie = movies.find((m) => m.id === movieId);
        if (!movie) return;
        const language = movie.languages[(dayNumber + slot) % movie.languages.length] ?? 'English';
        const isGrand = screen.id.endsWith('-1');
        const format = isGrand && movie.genres.includes('Science Fiction') ? '3D' : '2D';
        const cityPrices = prices[city.currency] ?? {};
        const access = demoAccess(screen.id, dayNumber, slot, language);
        shows.push({
          id: `${screen.id}-${date.replaceAll('-', '')}-${time.replace(':', '')}`,
          movieId: movie.id,
          theaterId: theater.id,
          screenId: screen.id,
          cityId: city.id,
          startsAt: zonedToUtc(date, time, theater.timeZone).toISOString(),
          language,
          format,
          currency: city.currency,
          prices: screen.categories.map((category) => ({
            category: category.id,
            amount: (cityPrices[category.id] ?? 0) + (format === '3D' ? (cityPrices.standard ?? 0) / 5 : 0),
          })),
          ...(access ? { access } : {}),
        });
      });
    }
  }
  return shows;
}

/**
 * Imports the demo catalogue with the showtimes for the coming week, through the same checks and
 * comparison as an operator's file, creating only what the table lacks: a persisted table keeps what the
 * back office changed (a renamed theater, a moved or cancelled showtime), and a second start writes
 * nothing but the new days' showtimes.
 * Bookings and seats live in items of their own and are untouched. The marker says whether this table
 * had the demo catalogue before.
 */
export async function loadDemoData(
  db: Db,
  now: Date,
): Promise<{ catalogue: 'loaded' | 'present'; showtimes: number }> {
  const deps = { db };
  const marker = await demoCatalogLoadedAt(deps);
  const shows = demoShowtimes(now);
  await importCatalogue(
    db,
    {
      version: CATALOGUE_FORMAT_VERSION,
      cities,
      theaters,
      screens: screens.map(({ seatCount: _, ...screen }) => screen),
      priceCards,
      movies,
      showtimes: shows,
    },
    { createOnly: true },
  );
  if (!marker) await markDemoCatalogLoaded(deps, now.toISOString());
  return { catalogue: marker ? 'present' : 'loaded', showtimes: shows.length };
}
