import { z } from 'zod';
import { minorDigits, parseMajorUnits } from '../../platform/money';
import { addDays, isCalendarDate } from '../../platform/time';
import type { CategoryPrice, SeatCategory, ShowAccess } from '../catalog/model';
import { MAX_RANGE_DAYS, parseTimes } from './expand';
import { type BatchRequest, FORMATS } from './service';

/*
 * The scheduling and price card forms as the server reads them: every field checked, with the message
 * shown beside it.
 */

const list = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) => (value === undefined ? [] : [value].flat()));

const choice = (message: string) => z.string(message).min(1, message).max(100, message);

export const batchSchema = z
  .object({
    theater: choice('Choose a theater.'),
    screen: choice('Choose a screen.'),
    movie: choice('Choose a film.'),
    from: z.string().refine(isCalendarDate, 'Enter the first date, like 2026-11-24.'),
    to: z.string().refine(isCalendarDate, 'Enter the last date, like 2026-11-30.'),
    weekdays: list.pipe(
      z
        .array(z.enum(['1', '2', '3', '4', '5', '6', '7'], 'Choose weekdays from the list.'))
        .min(1, 'Choose at least one weekday.'),
    ),
    times: z
      .string('Enter at least one start time, like 10:30, 14:00.')
      .trim()
      .min(1, 'Enter at least one start time, like 10:30, 14:00.')
      .max(300, 'Enter at most a few dozen start times.')
      .transform((text, ctx) => {
        const times = parseTimes(text);
        if (times && times.length <= 48) return times;
        ctx.addIssue({
          code: 'custom',
          message: 'Enter 24-hour times separated by commas, like 10:30, 14:00, 19:15.',
        });
        return z.NEVER;
      }),
    language: choice('Choose a language of the film.'),
    format: z.enum(FORMATS, 'Choose a format.'),
    priceCard: choice('Choose a price card.'),
    subtitles: z.string().trim().max(50, 'Choose a subtitle language from the list.').optional(),
    captions: z.literal('yes', 'Tick closed captions or leave it.').optional(),
    audioDescription: z.literal('yes', 'Tick audio description or leave it.').optional(),
    action: z.enum(['preview', 'create']).catch('preview'),
  })
  .superRefine((input, ctx) => {
    if (input.to < input.from)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'The last date must be on or after the first.' });
    else if (addDays(input.from, MAX_RANGE_DAYS - 1) < input.to)
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `Schedule at most ${MAX_RANGE_DAYS} days at once.`,
      });
  })
  .transform((input): BatchRequest & { action: 'preview' | 'create' } => ({
    theaterId: input.theater,
    screenId: input.screen,
    movieId: input.movie,
    from: input.from,
    to: input.to,
    weekdays: input.weekdays.map(Number),
    times: input.times,
    language: input.language,
    format: input.format,
    priceCardId: input.priceCard,
    access: accessOf(input),
    action: input.action,
  }));

/** What the manager ticked and chose for viewers who need text or description; undefined: nothing. */
function accessOf(input: { subtitles?: string; captions?: 'yes'; audioDescription?: 'yes' }) {
  const access: ShowAccess = {
    ...(input.subtitles ? { subtitles: input.subtitles } : {}),
    ...(input.captions ? { captions: true } : {}),
    ...(input.audioDescription ? { audioDescription: true } : {}),
  };
  return Object.keys(access).length > 0 ? access : undefined;
}

/** The batch form's fields, named as the form names them. */
export const BATCH_FIELDS = [
  'screen',
  'movie',
  'from',
  'to',
  'times',
  'language',
  'format',
  'priceCard',
  'subtitles',
  'captions',
  'audioDescription',
] as const;

/** The name of a price card's amount field for a seat category. */
export const priceField = (category: string) => `price-${category}`;

/** A price card form: a name and an amount in major units for each category that has one. */
export function priceCardSchema(categories: SeatCategory[], currency: string) {
  const prices = Object.fromEntries(
    categories.map((category) => [priceField(category.id), z.string().trim().max(12).optional()]),
  );
  return z
    .object({
      name: z
        .string('Enter a name for the card, like Weekday matinee.')
        .trim()
        .min(1, 'Enter a name for the card, like Weekday matinee.')
        .max(60, 'Keep the name to 60 characters or fewer.'),
      ...prices,
    })
    .transform((input, ctx) => {
      const fields = input as Record<string, string | undefined>;
      const parsed: CategoryPrice[] = [];
      for (const category of categories) {
        const text = fields[priceField(category.id)];
        if (!text) continue;
        const amount = parseMajorUnits(text, currency);
        if (amount === undefined) {
          const example = minorDigits(currency) > 0 ? '250 or 250.50' : '250';
          ctx.addIssue({
            code: 'custom',
            path: [priceField(category.id)],
            message: `Enter the price in ${currency}, like ${example}.`,
          });
        } else parsed.push({ category: category.id, amount });
      }
      if (parsed.length === 0 && ctx.issues.length === 0)
        ctx.addIssue({
          code: 'custom',
          path: ['prices'],
          message: 'Enter a price for at least one seat category.',
        });
      return { name: input.name, prices: parsed };
    });
}

/** Minor units as the amount a manager typed: 25000 INR → "250", 25050 → "250.50". */
export function majorUnits(amount: number, currency: string): string {
  const digits = minorDigits(currency);
  const whole = Math.floor(amount / 10 ** digits);
  const fraction = amount % 10 ** digits;
  return fraction === 0 ? String(whole) : `${whole}.${String(fraction).padStart(digits, '0')}`;
}
