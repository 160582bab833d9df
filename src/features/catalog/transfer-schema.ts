import { z } from 'zod';
import { SHOW_FORMATS } from './model';

/*
 * The catalogue file (docs/catalogue-file.md): everything an operator loads with `npm run catalog -- import`
 * and gets back from `export`. Objects are strict so a misspelt field is refused, not silently dropped.
 * Later versions add top-level lists (seat blocks, posters) beside these; `version` says which lists a
 * file may hold. A list added within a version (price cards) may be left out of a file. The order of the fields here is the order `export` writes them in.
 */

/** The file format this code reads and writes. */
export const CATALOGUE_FORMAT_VERSION = 1;

/** True when Intl knows the zone: the one test of an IANA name that agrees with how times are rendered. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** True for an absolute https address: the only kind of outside link the catalogue shows moviegoers. */
export function isHttpsUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' && url.hostname.includes('.') && !url.username && !url.password;
  } catch {
    return false;
  }
}

function isLocale(locale: string): boolean {
  try {
    return Intl.getCanonicalLocales(locale).length === 1;
  } catch {
    return false;
  }
}

/** Ids end up in keys and URLs: lower-case letters and digits in words joined by single hyphens. */
const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a slug: lower-case letters and digits joined by hyphens')
  .max(100);
const text = (max: number) => z.string().trim().min(1).max(max);
const timeZone = z.string().refine(isTimeZone, 'must be an IANA time zone such as Asia/Kolkata');
const currency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as INR');
const count = z.number().int().min(0);
const positive = z.number().int().min(1);
const colour = z.string().regex(/^#[0-9a-f]{6}$/, 'must be a colour like #1d3557');
const date = z.iso.date();
/** The exact form of `Date#toISOString`: string order is time order in the showtime index keys. */
const instant = z
  .string()
  .refine(
    (value) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value) && isSameInstant(value),
    'must be a UTC instant like 2026-11-24T14:00:00.000Z',
  );

function isSameInstant(value: string): boolean {
  const parsed = new Date(value);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString() === value;
}

export const citySchema = z.strictObject({
  id: slug,
  name: text(100),
  timeZone,
  currency,
  locale: z.string().refine(isLocale, 'must be a BCP 47 locale such as en-IN'),
  fees: z.strictObject({ perTicket: count, taxBasisPoints: count.max(10_000), taxName: text(20) }).optional(),
});

export const theaterSchema = z.strictObject({
  id: slug,
  cityId: slug,
  name: text(200),
  address: text(300),
  timeZone,
  isolatedSeatRule: z.boolean().optional(),
  cleaningGapMinutes: count.max(240).optional(),
  cancellationPolicy: z
    .strictObject({
      steps: z.array(z.strictObject({ minutesBefore: count.max(10_080), percent: count.max(100) })).max(5),
      refundFee: z.boolean(),
    })
    .optional(),
  paymentMethods: z
    .array(z.enum(['box-office', 'stripe', 'razorpay']))
    .min(1)
    .optional(),
});

const seatSchema = z.strictObject({
  type: z.literal('seat'),
  number: positive,
  category: slug,
  access: z.enum(['wheelchair', 'companion']).optional(),
});
const gapSchema = z.strictObject({ type: z.literal('gap'), width: positive.max(20) });
const rowSchema = z.strictObject({
  label: z.string().regex(/^[A-Z]{1,3}$/, 'must be 1 to 3 capital letters'),
  items: z.array(z.discriminatedUnion('type', [seatSchema, gapSchema])).min(1),
});

const categoriesSchema = z.array(z.strictObject({ id: slug, name: text(50) })).min(1);
const layoutSchema = z.strictObject({ rows: z.array(rowSchema).min(1) });

/**
 * A screen as the file holds it: its seat count is derived from the layout on import. `version` is the
 * layout's version (absent: 1); `versions` are the earlier ones that showtimes still sell from.
 */
export const screenSchema = z.strictObject({
  id: slug,
  theaterId: slug,
  name: text(100),
  categories: categoriesSchema,
  layout: layoutSchema,
  version: positive.optional(),
  versions: z
    .array(z.strictObject({ version: positive, categories: categoriesSchema, layout: layoutSchema }))
    .min(1)
    .optional(),
});

/** A poster's id: the first 128 bits of the SHA-256 of its WebP images, as hex (catalog/posters.ts). */
const posterId = z.string().regex(/^[0-9a-f]{32}$/, 'must be a poster id: 32 hexadecimal digits');

/**
 * An uploaded poster: each width's WebP image, base64 in the file. Its id must be the hash of those
 * images, so a poster's address never shows other bytes; checked on import.
 */
export const posterSchema = z.strictObject({
  id: posterId,
  images: z
    .array(
      z.strictObject({
        width: positive.max(2000),
        height: positive.max(3000),
        // 300 KB of image at most: a stored item stays far under DynamoDB's 400 KB.
        webp: z.base64('must be the image as base64').max(400_000),
      }),
    )
    .min(1),
});

export const movieSchema = z.strictObject({
  id: slug,
  title: text(200),
  synopsis: text(2000),
  languages: z.array(text(50)).min(1),
  genres: z.array(text(50)).min(1),
  certificate: text(20),
  runtimeMinutes: positive.max(600),
  releaseDate: date,
  poster: z.strictObject({ background: colour, accent: colour }),
  cast: text(300).optional(),
  trailerUrl: z
    .string()
    .max(500)
    .regex(/^https:\/\/\S+$/, 'must be an https:// address')
    .refine(isHttpsUrl, 'must be an https:// address')
    .optional(),
  posterImage: z.strictObject({ id: posterId, widths: z.array(positive.max(2000)).min(1) }).optional(),
});

export const showtimeSchema = z.strictObject({
  id: slug,
  movieId: slug,
  theaterId: slug,
  screenId: slug,
  cityId: slug,
  startsAt: instant,
  language: text(50),
  format: z.enum(SHOW_FORMATS),
  currency,
  prices: z.array(z.strictObject({ category: slug, amount: count })).min(1),
  /** The version of its screen's layout it sells from (absent: 1). */
  layoutVersion: positive.optional(),
  priceCardId: slug.optional(),
  /** Subtitles (their language), closed captions, audio description, as the theater announces them. */
  access: z
    .strictObject({
      subtitles: text(50).optional(),
      captions: z.boolean().optional(),
      audioDescription: z.boolean().optional(),
    })
    .optional(),
  /** Online sales stopped by a manager; the showtime stays listed. */
  salesStopped: z.boolean().optional(),
  /** When the showtime was cancelled: no longer listed or sold. */
  cancelledAt: instant.optional(),
});

/** A theater's named prices per seat category, which showtimes copy when they are scheduled. */
export const priceCardSchema = z.strictObject({
  id: slug,
  theaterId: slug,
  name: text(60),
  prices: z.array(z.strictObject({ category: slug, amount: count })).min(1),
});

/** The catalogue file, checked item by item; references between items are checked by `checkReferences`. */
export const catalogueSchema = z.strictObject({
  version: z.literal(
    CATALOGUE_FORMAT_VERSION,
    `must be ${CATALOGUE_FORMAT_VERSION}, the format this version reads`,
  ),
  cities: z.array(citySchema),
  theaters: z.array(theaterSchema),
  screens: z.array(screenSchema),
  // Absent from a file without uploaded posters; before the movies, which point to them.
  posters: z.array(posterSchema).default([]),
  /** Optional in a file: files written before price cards existed have none. */
  priceCards: z.array(priceCardSchema).default([]),
  movies: z.array(movieSchema),
  showtimes: z.array(showtimeSchema),
});

export type CatalogueDocument = z.output<typeof catalogueSchema>;
export type FileScreen = z.output<typeof screenSchema>;
export type FilePoster = z.output<typeof posterSchema>;

/** The lists of a document, in the order they are written, checked and applied. */
export const CATALOGUE_LISTS = [
  'cities',
  'theaters',
  'screens',
  'priceCards',
  'posters',
  'movies',
  'showtimes',
] as const;
export type CatalogueList = (typeof CATALOGUE_LISTS)[number];

/** What one item of each list is called in messages. */
export const ITEM_NAMES: Record<CatalogueList, string> = {
  cities: 'city',
  theaters: 'theater',
  screens: 'screen',
  posters: 'poster',
  priceCards: 'price card',
  movies: 'movie',
  showtimes: 'showtime',
};

/** The JSON Schema of the file (docs/catalogue.schema.json), for editors and other tools. */
export function catalogueJsonSchema(): Record<string, unknown> {
  return {
    // What a file may hold (io: input): a list with a default may be left out.
    ...z.toJSONSchema(catalogueSchema, { target: 'draft-2020-12', io: 'input' }),
    $id: 'https://moviemagic.example/catalogue.schema.json',
    title: 'Movie Magic catalogue file',
    description:
      'Cities, theaters, screens with seat layouts, price cards, uploaded posters, movies and showtimes, as `npm run catalog -- export` ' +
      'writes them and `npm run catalog -- import` reads them. Ids are checked against each other on import.',
  };
}
