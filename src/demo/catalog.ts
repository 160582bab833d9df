import type {
  City,
  LayoutGap,
  LayoutRow,
  LayoutSeat,
  Movie,
  Screen,
  SeatCategory,
  Theater,
} from '../features/catalog/model';
import { countSeats } from '../features/catalog/model';

/** The demo catalogue: invented cinemas and films in three cities, two time zones and two currencies. */

export const cities: City[] = [
  {
    id: 'mumbai',
    name: 'Mumbai',
    timeZone: 'Asia/Kolkata',
    currency: 'INR',
    locale: 'en-IN',
    fees: { perTicket: 3_000, taxBasisPoints: 1_800, taxName: 'GST' },
  },
  {
    id: 'bengaluru',
    name: 'Bengaluru',
    timeZone: 'Asia/Kolkata',
    currency: 'INR',
    locale: 'en-IN',
    fees: { perTicket: 2_500, taxBasisPoints: 1_800, taxName: 'GST' },
  },
  {
    id: 'dubai',
    name: 'Dubai',
    timeZone: 'Asia/Dubai',
    currency: 'AED',
    locale: 'en-AE',
    fees: { perTicket: 300, taxBasisPoints: 500, taxName: 'VAT' },
  },
];

export const theaters: Theater[] = [
  {
    id: 'harbour-lights-colaba',
    cityId: 'mumbai',
    name: 'Harbour Lights Cinema, Colaba',
    address: '14 Shahid Bhagat Singh Road, Colaba, Mumbai 400005',
    timeZone: 'Asia/Kolkata',
  },
  {
    id: 'sapphire-andheri',
    cityId: 'mumbai',
    name: 'Sapphire Multiplex, Andheri West',
    address: '3rd floor, Link Square Mall, New Link Road, Andheri West, Mumbai 400053',
    timeZone: 'Asia/Kolkata',
  },
  {
    id: 'lakeview-indiranagar',
    cityId: 'bengaluru',
    name: 'Lakeview Cinemas, Indiranagar',
    address: '221 100 Feet Road, Indiranagar, Bengaluru 560038',
    timeZone: 'Asia/Kolkata',
  },
  {
    id: 'garden-city-whitefield',
    cityId: 'bengaluru',
    name: 'Garden City Screens, Whitefield',
    address: 'Phase 2, ITPL Main Road, Whitefield, Bengaluru 560066',
    timeZone: 'Asia/Kolkata',
  },
  {
    id: 'marina-picture-house',
    cityId: 'dubai',
    name: 'Marina Picture House, Dubai Marina',
    address: 'Level 2, Marina Promenade, Dubai Marina, Dubai',
    timeZone: 'Asia/Dubai',
  },
  {
    id: 'creekside-al-seef',
    cityId: 'dubai',
    name: 'Creekside Cinema, Al Seef',
    address: 'Al Seef Street, Bur Dubai, Dubai',
    timeZone: 'Asia/Dubai',
  },
];

export const categories: SeatCategory[] = [
  { id: 'standard', name: 'Standard' },
  { id: 'premium', name: 'Premium' },
  { id: 'recliner', name: 'Recliner' },
];

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

const aisle = { gap: 1 };

/** A 254-seat stadium hall: two aisles, premium rows behind, recliners at the back, wheelchair spaces in row H. */
function grandHall(theaterId: string): Screen {
  const rows = [
    ...'ABCDEFGH'.split('').map((label) =>
      buildRow({
        label,
        category: 'standard',
        blocks: [4, aisle, 14, aisle, 4],
        access: label === 'H' ? { 1: 'wheelchair', 2: 'companion', 21: 'companion', 22: 'wheelchair' } : {},
      }),
    ),
    ...'JKL'
      .split('')
      .map((label) => buildRow({ label, category: 'premium', blocks: [4, aisle, 14, aisle, 4] })),
    buildRow({ label: 'M', category: 'recliner', blocks: [2, { gap: 2 }, 8, { gap: 2 }, 2] }),
  ];
  const layout = { rows };
  return {
    id: `${theaterId}-1`,
    theaterId,
    name: 'Screen 1 · Grand Hall',
    categories,
    layout,
    seatCount: countSeats(layout),
  };
}

/** A 118-seat studio with one off-centre aisle and a wheelchair space in the front row. */
function studio(theaterId: string): Screen {
  const rows = [
    ...'ABCDEF'.split('').map((label) =>
      buildRow({
        label,
        category: 'standard',
        blocks: [5, aisle, 9],
        access: label === 'A' ? { 1: 'wheelchair', 2: 'companion' } : {},
      }),
    ),
    ...'GH'.split('').map((label) => buildRow({ label, category: 'premium', blocks: [5, aisle, 9] })),
    buildRow({ label: 'J', category: 'recliner', blocks: [3, { gap: 3 }, 3] }),
  ];
  const layout = { rows };
  return {
    id: `${theaterId}-2`,
    theaterId,
    name: 'Screen 2 · Studio',
    categories,
    layout,
    seatCount: countSeats(layout),
  };
}

export const screens: Screen[] = theaters.flatMap((theater) => [grandHall(theater.id), studio(theater.id)]);

/** Prices per seat category in minor units, by currency. */
export const prices: Record<string, Record<string, number>> = {
  INR: { standard: 25_000, premium: 32_000, recliner: 55_000 },
  AED: { standard: 3_500, premium: 4_500, recliner: 7_500 },
};

export const movies: Movie[] = [
  {
    id: 'monsoon-letters',
    title: 'Monsoon Letters',
    synopsis:
      'A postwoman in a hill town reads the letters nobody collects, and sets out to deliver the last one before the rains wash the road away.',
    languages: ['Hindi', 'English'],
    genres: ['Drama', 'Romance'],
    certificate: 'U',
    runtimeMinutes: 128,
    releaseDate: '2026-11-06',
    poster: { background: '#1d3557', accent: '#a8dadc' },
  },
  {
    id: 'the-last-ferry',
    title: 'The Last Ferry',
    synopsis:
      'Seven strangers on the final ferry out of a flooded port discover that one of them scuttled the others.',
    languages: ['English'],
    genres: ['Thriller', 'Mystery'],
    certificate: 'UA 13+',
    runtimeMinutes: 114,
    releaseDate: '2026-10-30',
    poster: { background: '#0b090a', accent: '#e5383b' },
  },
  {
    id: 'kaveri-express',
    title: 'Kaveri Express',
    synopsis:
      'Two rival chefs share a sleeper berth on a 36-hour train ride and a cooking contest at the end of the line.',
    languages: ['Tamil', 'Kannada', 'English'],
    genres: ['Comedy', 'Family'],
    certificate: 'U',
    runtimeMinutes: 137,
    releaseDate: '2026-11-13',
    poster: { background: '#ffb703', accent: '#023047' },
  },
  {
    id: 'orbit-of-ashes',
    title: 'Orbit of Ashes',
    synopsis:
      'A salvage crew finds a derelict station broadcasting a distress call that was sent forty years from now.',
    languages: ['English', 'Hindi'],
    genres: ['Science Fiction', 'Action'],
    certificate: 'UA 13+',
    runtimeMinutes: 149,
    releaseDate: '2026-11-20',
    poster: { background: '#240046', accent: '#ff9e00' },
  },
  {
    id: 'gully-cricket',
    title: 'Gully Cricket',
    synopsis:
      'A chawl team of misfits enters the city tournament to save their only open ground from a parking lot.',
    languages: ['Hindi', 'Marathi'],
    genres: ['Sports', 'Comedy'],
    certificate: 'U',
    runtimeMinutes: 132,
    releaseDate: '2026-10-23',
    poster: { background: '#2d6a4f', accent: '#f1faee' },
  },
  {
    id: 'silent-tide',
    title: 'Silent Tide',
    synopsis: 'A deaf lighthouse keeper on the Konkan coast signs a warning that only a child understands.',
    languages: ['Malayalam', 'English'],
    genres: ['Drama', 'Thriller'],
    certificate: 'UA 16+',
    runtimeMinutes: 121,
    releaseDate: '2026-11-06',
    poster: { background: '#003049', accent: '#fcbf49' },
  },
  {
    id: 'desert-rose',
    title: 'Desert Rose',
    synopsis:
      'A falconer and a cartographer cross the Empty Quarter to settle a border that exists only on paper.',
    languages: ['Arabic', 'English'],
    genres: ['Adventure', 'Drama'],
    certificate: 'UA 13+',
    runtimeMinutes: 141,
    releaseDate: '2026-11-13',
    poster: { background: '#9c6644', accent: '#ede0d4' },
  },
  {
    id: 'pixel-pals',
    title: 'Pixel Pals',
    synopsis: 'Two video-game sidekicks escape their cartridge to find the kid who stopped playing.',
    languages: ['English', 'Hindi', 'Tamil', 'Telugu'],
    genres: ['Animation', 'Family'],
    certificate: 'U',
    runtimeMinutes: 96,
    releaseDate: '2026-11-20',
    poster: { background: '#3a86ff', accent: '#ffbe0b' },
  },
  {
    id: 'the-ninth-raga',
    title: 'The Ninth Raga',
    synopsis: 'A tabla prodigy hunts for a lost composition said to make its listeners forget their grief.',
    languages: ['Hindi', 'Bengali'],
    genres: ['Musical', 'Drama'],
    certificate: 'U',
    runtimeMinutes: 152,
    releaseDate: '2026-10-16',
    poster: { background: '#6a040f', accent: '#ffba08' },
  },
  {
    id: 'night-shift',
    title: 'Night Shift',
    synopsis:
      'An auto-rickshaw driver on the graveyard shift becomes the only witness who can clear a stranger.',
    languages: ['Telugu', 'Hindi'],
    genres: ['Action', 'Crime'],
    certificate: 'A',
    runtimeMinutes: 139,
    releaseDate: '2026-11-13',
    poster: { background: '#14213d', accent: '#fca311' },
  },
  {
    id: 'grandmas-kitchen',
    title: "Grandma's Kitchen",
    synopsis: "Three cousins reopen their grandmother's shuttered restaurant for one last festival night.",
    languages: ['Kannada', 'English'],
    genres: ['Comedy', 'Family'],
    certificate: 'U',
    runtimeMinutes: 118,
    releaseDate: '2026-10-30',
    poster: { background: '#e76f51', accent: '#264653' },
  },
  {
    id: 'glass-city',
    title: 'Glass City',
    synopsis: 'An architect discovers that the tower she designed is listening to the people inside it.',
    languages: ['English', 'Arabic'],
    genres: ['Science Fiction', 'Mystery'],
    certificate: 'UA 16+',
    runtimeMinutes: 126,
    releaseDate: '2026-11-20',
    poster: { background: '#2b2d42', accent: '#8d99ae' },
  },
];

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
