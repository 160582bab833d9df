import { z } from 'zod';
import { parseMajorUnits } from '../../platform/money';
import type { City } from '../catalog/model';
import { isTimeZone } from '../catalog/transfer-schema';

/*
 * The back office's catalogue forms as the server reads them: every field checked, with the message
 * shown beside it.
 */

/** "Grand Cinema, Colaba" → "grand-cinema-colaba": the short name a theater, city or film gets when none is given. */
export const slugOf = (name: string, maxLength = 60) =>
  name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/, '');

/** What a theater's add and edit forms check alike. */
const theaterFields = {
  name: z
    .string()
    .trim()
    .min(1, "Enter the theater's name.")
    .max(200, 'Keep the name to 200 characters or fewer.'),
  address: z
    .string()
    .trim()
    .min(1, 'Enter the address, as a visitor would find it.')
    .max(300, 'Keep the address to 300 characters or fewer.'),
  timeZone: z.string().refine(isTimeZone, "Choose the theater's time zone from the list."),
};

export const theaterSchema = z
  .object({
    name: theaterFields.name,
    id: z.string().trim().max(60, 'Keep the short name to 60 characters or fewer.').optional(),
    cityId: z.string().min(1, 'Choose a city from the list.').max(100, 'Choose a city from the list.'),
    address: theaterFields.address,
    timeZone: theaterFields.timeZone,
  })
  .transform(({ id, ...rest }) => ({ ...rest, id: id || slugOf(rest.name) }))
  .pipe(
    z.object({
      id: z
        .string()
        .regex(
          /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
          'Use lower-case letters, digits and hyphens, like grand-cinema-colaba.',
        ),
      name: z.string(),
      cityId: z.string(),
      address: z.string(),
      timeZone: z.string(),
    }),
  );

/** The fields of a theater an edit may change; its id and city stay. */
export const theaterEditSchema = z.object({
  ...theaterFields,
  cleaningGapMinutes: z
    .string()
    .trim()
    .regex(/^\d{0,3}$/, 'Enter whole minutes, like 15, or leave it empty for 15.')
    .transform((text) => (text === '' ? undefined : Number(text)))
    .pipe(z.number().max(240, 'Keep the cleaning gap to 240 minutes or fewer.').optional()),
});

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/** Every ISO 4217 currency the runtime formats, for the city form's list. */
export const currencies = [...CURRENCIES].sort();

function isLocale(value: string): boolean {
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}

/** "18" or "18.5" (per cent) → basis points (1800, 1850); undefined for anything else. */
function basisPoints(text: string): number | undefined {
  const match = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) return undefined;
  const points = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return points <= 10_000 ? points : undefined;
}

export const citySchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, "Enter the city's name.")
      .max(100, 'Keep the name to 100 characters or fewer.'),
    id: z.string().trim().max(60, 'Keep the short name to 60 characters or fewer.').optional(),
    timeZone: z.string().refine(isTimeZone, "Choose the city's time zone from the list."),
    currency: z.string().refine((code) => CURRENCIES.has(code), 'Choose the currency from the list.'),
    locale: z.string().trim().refine(isLocale, 'Enter a language and region code such as en-IN or en-AE.'),
    fee: z.string().trim().optional(),
    taxRate: z.string().trim().optional(),
    taxName: z.string().trim().max(20, 'Keep the tax name to 20 characters or fewer.').optional(),
  })
  .transform((input, ctx): City => {
    const id = input.id || slugOf(input.name);
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) {
      ctx.addIssue({
        code: 'custom',
        path: ['id'],
        message: 'Use lower-case letters, digits and hyphens, like mumbai.',
      });
    }
    const perTicket = parseMajorUnits(input.fee || '0', input.currency);
    if (perTicket === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['fee'],
        message: `Enter the fee per ticket in ${input.currency}, like 30 or 30.50.`,
      });
    }
    const taxBasisPoints = basisPoints(input.taxRate || '0');
    if (taxBasisPoints === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['taxRate'],
        message: 'Enter the tax on the fee in per cent, like 18 or 5.',
      });
    }
    if ((perTicket ?? 0) > 0 && !input.taxName) {
      ctx.addIssue({
        code: 'custom',
        path: ['taxName'],
        message: 'Enter the name of the tax on the fee, like GST or VAT.',
      });
    }
    const city: City = {
      id,
      name: input.name,
      timeZone: input.timeZone,
      currency: input.currency,
      locale: Intl.getCanonicalLocales(input.locale)[0] ?? input.locale,
    };
    return perTicket
      ? { ...city, fees: { perTicket, taxBasisPoints: taxBasisPoints ?? 0, taxName: input.taxName ?? '' } }
      : city;
  });
