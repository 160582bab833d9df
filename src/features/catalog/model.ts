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
  /** Minutes a screen needs between one showtime's end and the next start (DEFAULT_CLEANING_GAP_MINUTES). */
  cleaningGapMinutes?: number;
  /** What a customer who cancels gets back (booking/cancellation-policy.ts); absent: DEFAULT_CANCELLATION_POLICY. */
  cancellationPolicy?: CancellationPolicy;
  /** The ways to pay the checkout offers here, of those the server has; absent: every one it has. */
  paymentMethods?: PaymentMethodId[];
};

/** A way to pay a theater may accept: at its box office, or online through a provider. */
export type PaymentMethodId = 'box-office' | 'stripe' | 'razorpay';
export const PAYMENT_METHOD_IDS: readonly PaymentMethodId[] = ['box-office', 'stripe', 'razorpay'];

/** Whether the theater takes `method` (every method, unless it lists its own). */
export const accepts = (theater: Pick<Theater, 'paymentMethods'>, method: string) =>
  !theater.paymentMethods || theater.paymentMethods.includes(method as PaymentMethodId);

/**
 * A theater's cancellation policy: each step refunds `percent` of the tickets up to `minutesBefore` the
 * show, the first step that still applies deciding; after the last, nothing. `refundFee`: whether the
 * convenience fee and its tax come back too. Each booking keeps the policy it was bought under.
 */
export type CancellationPolicy = {
  steps: { minutesBefore: number; percent: number }[];
  refundFee: boolean;
};

/** Full refund of the tickets up to 2 hours before, half until 20 minutes before, the fee kept. */
export const DEFAULT_CANCELLATION_POLICY: CancellationPolicy = {
  steps: [
    { minutesBefore: 120, percent: 100 },
    { minutesBefore: 20, percent: 50 },
  ],
  refundFee: false,
};

/** The cleaning gap a theater gets unless it sets its own. */
export const DEFAULT_CLEANING_GAP_MINUTES = 15;

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
  /**
   * The version of the layout this item holds, bumped by every change of the layout or its categories
   * (not of the name). Each earlier version is kept as a ScreenVersion, and a showtime reads the version
   * it was scheduled with or last moved to (Showtime.layoutVersion). Absent means 1.
   */
  version?: number;
};

/** An earlier layout of a screen, kept unchanged for the showtimes that were sold from it. */
export type ScreenVersion = {
  theaterId: string;
  screenId: string;
  version: number;
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
  /** Two colours for the generated SVG poster, shown while the film has no uploaded image. */
  poster: { background: string; accent: string };
  /** Main cast, one line as printed ("Name, Name, Name"). */
  cast?: string;
  /** A trailer's address, shown as a plain link. */
  trailerUrl?: string;
  /** An uploaded poster, re-encoded to WebP at each width; `id` names the stored image (content hash). */
  posterImage?: { id: string; widths: number[] };
};

/** Named prices per seat category that a theater reuses across showtimes ("Weekday matinee"). */
export type PriceCard = { id: string; theaterId: string; name: string; prices: CategoryPrice[] };

export type CategoryPrice = { category: string; amount: number };

/** The projection formats a showtime is sold in. */
export const SHOW_FORMATS = ['2D', '3D', 'IMAX', '4DX'] as const;

/**
 * What a showing offers viewers who need text on screen or a spoken description, as its theater
 * announces it: subtitles in a language, closed captions (dialogue and sounds, in the film's language),
 * audio description (on headsets).
 */
export type ShowAccess = { subtitles?: string; captions?: boolean; audioDescription?: boolean };

export type Showtime = {
  id: string;
  movieId: string;
  theaterId: string;
  screenId: string;
  cityId: string;
  /** UTC instant, ISO 8601. */
  startsAt: string;
  language: string;
  format: (typeof SHOW_FORMATS)[number];
  currency: string;
  prices: CategoryPrice[];
  /** The screen layout version the showtime was scheduled with; absent means 1. */
  layoutVersion?: number;
  /** The price card its prices were copied from, if any. */
  priceCardId?: string;
  /** Subtitles, captions or audio description of this showing; absent: none announced. */
  access?: ShowAccess;
  /** Set while a manager has stopped online sales. */
  salesStopped?: boolean;
  /** Set when the showtime was cancelled: it is no longer listed or sold. */
  cancelledAt?: string;
};

/** Counts the seats of a layout: wheelchair spaces included. */
export function countSeats(layout: ScreenLayout): number {
  return layout.rows.reduce((sum, row) => sum + row.items.filter((item) => item.type === 'seat').length, 0);
}
