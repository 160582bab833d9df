import { z } from 'zod';
import { POSTER_ID } from '../catalog/posters';
import { isHttpsUrl } from '../catalog/transfer-schema';
import { slugOf } from './catalog-forms';

/*
 * The film form as the server reads it: every field checked, with the message shown beside it. The
 * poster file is read apart from these fields (src/features/catalog/posters.ts).
 */

/** The certificates of India's Central Board of Film Certification, as the form offers them. */
export const CERTIFICATES = ['U', 'UA 7+', 'UA 13+', 'UA 16+', 'A', 'S'] as const;

/** "Hindi, English" → ["Hindi", "English"]: a comma-separated list, blanks and repeats dropped. */
const list = (what: string, example: string) =>
  z
    .string()
    .max(500, `Keep the ${what} to 500 characters or fewer.`)
    .transform((text) => [
      ...new Set(
        text
          .split(',')
          .map((item) => item.trim())
          .filter(Boolean),
      ),
    ])
    .pipe(
      z
        .array(z.string().max(50, `Keep each of the ${what} to 50 characters or fewer.`))
        .min(1, `Enter at least one of the ${what}, like ${example}.`)
        .max(10, `Enter at most 10 ${what}.`),
    );

const fields = {
  title: z
    .string()
    .trim()
    .min(1, "Enter the film's title.")
    .max(200, 'Keep the title to 200 characters or fewer.'),
  synopsis: z
    .string()
    .trim()
    .min(1, 'Enter a short synopsis: what moviegoers read on the movie page.')
    .max(2000, 'Keep the synopsis to 2000 characters or fewer.'),
  languages: list('languages', 'Hindi, English'),
  genres: list('genres', 'Drama, Romance'),
  certificate: z.enum(CERTIFICATES, 'Choose the certificate from the list.'),
  runtimeMinutes: z
    .string()
    .trim()
    .regex(/^\d{1,3}$/, 'Enter the running time in whole minutes, like 128.')
    .transform(Number)
    .pipe(
      z
        .number()
        .min(1, 'Enter the running time in whole minutes, like 128.')
        .max(600, 'Enter at most 600 minutes.'),
    ),
  releaseDate: z.iso.date('Enter the release date, like 2026-11-06.'),
  cast: z
    .string()
    .trim()
    .max(300, 'Keep the cast to 300 characters or fewer.')
    .optional()
    .transform((text) => text || undefined),
  trailerUrl: z
    .string()
    .trim()
    .max(500, 'Keep the trailer link to 500 characters or fewer.')
    .refine(
      (text) => !text || isHttpsUrl(text),
      'Enter a link that starts with https://, like https://www.youtube.com/watch?v=…',
    )
    .optional()
    .transform((text) => text || undefined),
  /** A poster an earlier attempt at this form stored, kept while the rest was corrected. */
  posterId: z
    .string()
    .optional()
    .transform((id) => id || undefined)
    .pipe(z.string().regex(POSTER_ID, 'Choose the poster file again.').optional()),
  removePoster: z
    .string()
    .optional()
    .transform((value) => value === 'on'),
};

/** The edit form: what a film's page shows, and the revision of the film the form was made from. */
export const filmEditSchema = z.object({
  ...fields,
  revision: z.string().regex(/^[0-9a-f]{16}$/, 'Reload the page and try again.'),
});

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The form that adds a film: the edit form's fields and the film's short name, made from its title when empty. */
export const filmCreateSchema = z
  .object({
    ...fields,
    id: z
      .string()
      .trim()
      .max(80, 'Keep the short name to 80 characters or fewer.')
      .refine(
        (id) => !id || SLUG.test(id),
        'Use lower-case letters, digits and hyphens, like monsoon-letters.',
      )
      .optional(),
  })
  .transform((input, ctx) => {
    const id = input.id || slugOf(input.title, 80);
    if (!SLUG.test(id)) {
      ctx.addIssue({
        code: 'custom',
        path: ['id'],
        message: 'Enter a short name in lower-case letters, digits and hyphens, like monsoon-letters.',
      });
    }
    return { ...input, id };
  });

/** The text fields of the form, as a failed submission shows them again. */
export const FILM_TEXT_FIELDS = [
  'id',
  'title',
  'synopsis',
  'languages',
  'genres',
  'certificate',
  'runtimeMinutes',
  'releaseDate',
  'cast',
  'trailerUrl',
] as const;
