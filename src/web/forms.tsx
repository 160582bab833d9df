import type { z } from 'zod';
import type { FieldErrors } from '../platform/errors';

/** What a form is shown again with after a failed submission: each field's text as sent. */
export type FormValues = Record<string, string | undefined>;

type FieldProps = {
  form: string;
  name: string;
  label: string;
  errors: FieldErrors;
  value?: string | undefined;
  type?: 'text' | 'email' | 'password' | 'tel' | 'url' | 'date' | 'time';
  autocomplete?: string;
  required?: boolean;
  hint?: string;
  maxlength?: number;
  /** The keyboard a phone shows: `numeric` for a texted code. */
  inputmode?: 'numeric' | 'decimal';
  /** Rows of a multi-line field (a textarea) for longer text; a one-line input without. */
  lines?: number;
};

/** A labelled input with its hint and error tied to it by aria-describedby. */
export function Field({
  form,
  name,
  label,
  errors,
  value,
  type = 'text',
  autocomplete,
  required,
  hint,
  maxlength,
  inputmode,
  lines,
}: FieldProps) {
  const id = `${form}-${name}`;
  const error = errors[name];
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const invalid = error ? 'true' : undefined;
  return (
    <div>
      <label class="label" for={id}>
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} class="mt-0 mb-1 text-sm text-slate-700">
          {hint}
        </p>
      ) : null}
      {lines ? (
        <textarea
          id={id}
          name={name}
          class="field"
          rows={lines}
          required={required}
          maxlength={maxlength}
          aria-invalid={invalid}
          aria-describedby={described || undefined}
        >
          {value ?? ''}
        </textarea>
      ) : (
        <input
          id={id}
          name={name}
          type={type}
          class="field"
          value={type === 'password' ? undefined : (value ?? '')}
          autocomplete={autocomplete}
          required={required}
          maxlength={maxlength}
          inputmode={inputmode}
          aria-invalid={invalid}
          aria-describedby={described || undefined}
        />
      )}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

/** A summary at the top of a form that failed, announced by screen readers. */
export function ErrorSummary({ errors, message }: { errors: FieldErrors; message?: string | undefined }) {
  const count = Object.keys(errors).length;
  if (count === 0 && !message) return null;
  return (
    <Alert
      message={message ?? `Please correct ${count === 1 ? 'the field' : `the ${count} fields`} marked below.`}
    />
  );
}

/** A message about what just went wrong, announced by screen readers; nothing when there is none. */
export function Alert({ message }: { message: string | undefined }) {
  return message ? (
    <div role="alert" class="card border-red-800 mb-4">
      <p class="m-0 font-semibold text-red-800">{message}</p>
    </div>
  ) : null;
}

/** A field's error, tied to its input by id for aria-describedby. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p id={id} class="field-error">
      {message}
    </p>
  ) : null;
}

/** What the last action did ("The role is saved."), after its redirect: a status screen readers announce. */
export function StatusNotice({ message }: { message: string | undefined }) {
  return message ? (
    <p role="status" class="card border-green-800 font-semibold">
      {message}
    </p>
  ) : null;
}

/** zod issues as one message per field (the first), for showing beside the inputs. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const name = String(issue.path[0] ?? 'form');
    fields[name] ??= issue.message;
  }
  return fields;
}

/**
 * A labelled, required select whose first choice is an empty placeholder (a required select must start with
 * one), its error tied to it by aria-describedby.
 */
export function SelectField({
  form,
  name,
  label,
  placeholder,
  options,
  value,
  errors,
}: {
  form: string;
  name: string;
  label: string;
  placeholder: string;
  options: readonly { value: string; label: string }[];
  value: string | undefined;
  errors: FieldErrors;
}) {
  const id = `${form}-${name}`;
  const error = errors[name];
  return (
    <div>
      <label class="label" for={id}>
        {label}
      </label>
      <select
        id={id}
        name={name}
        class="field"
        required
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        <option value="">{placeholder}</option>
        {options.map((option) => (
          <option value={option.value} selected={value === option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}
