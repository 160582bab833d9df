import type { LayoutGap, LayoutRow, LayoutSeat, Screen, SeatCategory } from '../features/catalog/model';
import { countSeats } from '../features/catalog/model';
import { validateCatalogue } from '../features/catalog/transfer';
import file from './catalogue.json' with { type: 'json' };

/**
 * The demo catalogue: invented cinemas and films in three cities, two time zones and two currencies. It
 * is a catalogue file (docs/catalogue-file.md) checked like any other; its showtimes are made for the
 * coming week when it is loaded (src/demo/seed.ts).
 */
const demo = validateCatalogue(file);

export const cities = demo.cities;
export const theaters = demo.theaters;
export const screens: Screen[] = demo.screens.map((screen) => ({
  ...screen,
  seatCount: countSeats(screen.layout),
}));
export const movies = demo.movies;
export const priceCards = demo.priceCards;

/** The seat categories every demo screen has. */
export const categories: SeatCategory[] = screens[0]?.categories ?? [];

type Block = number | { gap: number };
type RowSpec = {
  label: string;
  category: string;
  blocks: Block[];
  access?: Record<number, 'wheelchair' | 'companion'>;
};

/** Builds a row from blocks of seats and gaps; seats are numbered left to right across the gaps. */
export function buildRow({ label, category, blocks, access = {} }: RowSpec): LayoutRow {
  const items: (LayoutSeat | LayoutGap)[] = [];
  let number = 0;
  for (const block of blocks) {
    if (typeof block === 'number') {
      for (let i = 0; i < block; i++) {
        number++;
        const kind = access[number];
        items.push(
          kind ? { type: 'seat', number, category, access: kind } : { type: 'seat', number, category },
        );
      }
    } else {
      items.push({ type: 'gap', width: block.gap });
    }
  }
  return { label, items };
}

/** Prices per seat category in minor units, by currency. */
export const prices: Record<string, Record<string, number>> = {
  INR: { standard: 25_000, premium: 32_000, recliner: 55_000 },
  AED: { standard: 3_500, premium: 4_500, recliner: 7_500 },
};

/** Local start times of each screen's daily programme. */
export const dailySlots = ['10:30', '14:00', '17:30', '21:00'] as const;

/** Which movies each city shows: the slots rotate through this list. */
export const programme: Record<string, string[]> = {
  mumbai: [
    'monsoon-letters',
    'the-last-ferry',
    'orbit-of-ashes',
    'gully-cricket',
    'pixel-pals',
    'the-ninth-raga',
    'night-shift',
    'glass-city',
  ],
  bengaluru: [
    'kaveri-express',
    'the-last-ferry',
    'orbit-of-ashes',
    'silent-tide',
    'pixel-pals',
    'grandmas-kitchen',
    'night-shift',
    'monsoon-letters',
  ],
  dubai: ['desert-rose', 'glass-city', 'orbit-of-ashes', 'the-last-ferry', 'pixel-pals', 'monsoon-letters'],
};
