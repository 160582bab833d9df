import { z } from 'zod';
import { LAYOUT_LIMITS } from '../catalog/layout-rules';

/*
 * The screen editor's form as the server reads it. The layout text itself is read by parseLayoutText,
 * which names each mistake's line and column; these check the rest.
 */

const name = z
  .string("Enter the screen's name, like Screen 3 or IMAX.")
  .trim()
  .min(1, "Enter the screen's name, like Screen 3 or IMAX.")
  .max(100, 'Keep the name to 100 characters or fewer.');

/** Room for the parser to report a text that is too long, without reading a body of any size as one. */
export const LAYOUT_FIELD_CHARS = LAYOUT_LIMITS.textChars + 1000;

export const newScreenSchema = z.object({
  name,
  id: z
    .string('Enter a short name, like 3 or imax.')
    .trim()
    .min(1, 'Enter a short name, like 3 or imax.')
    .max(40, 'Keep the short name to 40 characters or fewer.')
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use lower-case letters, digits and hyphens, like 3 or imax.'),
});

export const screenEditSchema = z.object({
  name,
  version: z.coerce
    .number('This form is out of date. Open the screen again.')
    .int('This form is out of date. Open the screen again.')
    .min(1, 'This form is out of date. Open the screen again.'),
});
