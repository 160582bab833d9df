/** The catalogue's entities as the services and views see them (no key attributes). */

export type City = {
  id: string;
  name: string;
  timeZone: string;
  currency: string;
  locale: string;
  /** Booking fees set per city: a convenience fee per ticket (minor units) and the tax on it. */
  fees?: { perTicket: number; taxBasisPoints: number; taxName: string };
};

export type Theater = {
  id: string;
  cityId: string;
  name: string;
  address: string;
  timeZone: string;
  /** Refuse selections that leave a single empty seat stranded (on unless a theater turns it off). */
  isolatedSeatRule?: boolean;
};

export type SeatCategory = { id: string; name: string };

/** A seat in a row; `number` is what is printed on it. */
export type LayoutSeat = {
  type: 'seat';
  number: number;
  category: string;
  access?: 'wheelchair' | 'companion';
};
/** Empty floor between seats: an aisle or a gap, `width` seats wide. */
export type LayoutGap = { type: 'gap'; width: number };
export type LayoutRow = { label: string; items: (LayoutSeat | LayoutGap)[] };

/** Rows in order from the screen to the back. */
export type ScreenLayout = { rows: LayoutRow[] };

export type Screen = {
  id: string;
  theaterId: string;
  name: string;
  categories: SeatCategory[];
  layout: ScreenLayout;
  seatCount: number;
};

export type Movie = {
  id: string;
  title: string;
  synopsis: string;
  languages: string[];
  genres: string[];
  /** CBFC-style certificate, e.g. "U", "UA 13+", "A". */
  certificate: string;
  runtimeMinutes: number;
  releaseDate: string;
  /** Two colours for the generated SVG poster. */
  poster: { background: string; accent: string };
};

export type CategoryPrice = { category: string; amount: number };

export type Showtime = {
  id: string;
  movieId: string;
  theaterId: string;
  screenId: string;
  cityId: string;
  /** UTC instant, ISO 8601. */
  startsAt: string;
  language: string;
  format: '2D' | '3D' | 'IMAX' | '4DX';
  currency: string;
  prices: CategoryPrice[];
};

/** Counts the seats of a layout: wheelchair spaces included. */
export function countSeats(layout: ScreenLayout): number {
  return layout.rows.reduce((sum, row) => sum + row.items.filter((item) => item.type === 'seat').length, 0);
}
