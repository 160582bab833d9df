import type { FieldErrors } from '../platform/errors';
import { FieldError } from './layout';

type FieldProps = {
  form: string;
  name: string;
  label: string;
  errors: FieldErrors;
  value?: string | undefined;
  type?: 'text' | 'email' | 'password' | 'tel';
  autocomplete?: string;
  required?: boolean;
  hint?: string;
  maxlength?: number;
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
}: FieldProps) {
  const id = `${form}-${name}`;
  const error = errors[name];
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
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
      <input
        id={id}
        name={name}
        type={type}
        class="field"
        value={type === 'password' ? undefined : (value ?? '')}
        autocomplete={autocomplete}
        required={required}
        maxlength={maxlength}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described || undefined}
      />
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

/** A summary at the top of a form that failed, announced by screen readers. */
export function ErrorSummary({ errors, message }: { errors: FieldErrors; message?: string | undefined }) {
  const count = Object.keys(errors).length;
  if (count === 0 && !message) return null;
  return (
    <div role="alert" class="card border-red-800 mb-4">
      <p class="m-0 font-semibold text-red-800">
        {message ?? `Please correct ${count === 1 ? 'the field' : `the ${count} fields`} marked below.`}
      </p>
    </div>
  );
}
