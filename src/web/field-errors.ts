import type { z } from 'zod';
import type { FieldErrors } from '../platform/errors';

/** zod issues as one message per field (the first), for showing beside the inputs. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const name = String(issue.path[0] ?? 'form');
    fields[name] ??= issue.message;
  }
  return fields;
}
