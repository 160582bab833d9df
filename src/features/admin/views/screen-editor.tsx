import type { FieldErrors } from '../../../platform/errors';
import { Alert, ErrorSummary, Field, FieldError, type FormValues, StatusNotice } from '../../../web/forms';
import type { LayoutJsonError } from '../../catalog/layout-json';
import type { LayoutTextResult } from '../../catalog/layout-text';
import type { Screen, Theater } from '../../catalog/model';
import { LAYOUT_ERRORS, LAYOUT_FIELD, LayoutPreview } from './layout-preview';

/*
 * The screen editor: a screen's name, its short id when it is new, and its seat layout as text (the form
 * docs/seat-layouts.md describes), with a preview of the seat map. Without JavaScript the Preview button
 * sends the form back with the preview; with htmx the preview follows the typing. A JSON layout can be
 * imported into the text (the form's third button), and a saved one downloaded as JSON.
 */

/** The live preview's endpoint. */
export const PREVIEW_PATH = '/admin/screens/preview';

/** A layout to start a new screen from: small, and showing each kind of line once. */
export const STARTER_LAYOUT = `numbering: left-to-right

S = standard "Standard"
P = premium "Premium"
W = standard wheelchair
C = standard companion

A: WCSSSS_SSSSSS
B: SSSSSS_SSSSSS
C: PPPPPP_PPPPPP
`;

export type ScreenEditorProps = {
  theater: Theater;
  /** The screen being edited; absent when adding one. */
  screen?: Screen | undefined;
  values: FormValues;
  errors: FieldErrors;
  /** The mistakes of a JSON layout that could not be imported. */
  jsonErrors?: LayoutJsonError[] | undefined;
  result: LayoutTextResult | undefined;
  notice?: string | undefined;
  /** Something the manager must know that is not a mistake of theirs (a showtime kept its layout). */
  warning?: string | undefined;
  /** Upcoming showtimes using the screen (edit only). */
  upcoming?: number | undefined;
  /** How long other processes may show the catalogue as it was (CATALOG_CACHE_SECONDS). */
  cacheSeconds: number;
};

/** Where the editor of `screen` (or the new-screen form of `theater`) lives. */
export function editorPath(theaterId: string, screenId?: string): string {
  return `/admin/screens/${encodeURIComponent(theaterId)}/${screenId ? encodeURIComponent(screenId) : 'new'}`;
}

function LayoutHelp() {
  const entry = 'mt-2 font-mono font-semibold';
  return (
    <aside aria-labelledby="layout-help-title" class="card text-sm self-start">
      <h2 id="layout-help-title" class="mt-0 mb-2 text-base font-bold">
        How to write a layout
      </h2>
      <dl class="m-0">
        <dt class={entry}>S = standard "Standard"</dt>
        <dd class="ml-0">The legend: S stands for a seat of the category "standard", named Standard.</dd>
        <dt class={entry}>W = standard wheelchair</dt>
        <dd class="ml-0">A wheelchair space, sold as a standard seat; "companion" for a companion seat.</dd>
        <dt class={entry}>A: SSSS_SSSS</dt>
        <dd class="ml-0">
          A row, from the screen to the back: one letter per seat, one _ per seat-width of aisle.
        </dd>
        <dt class={entry}>numbering: right-to-left</dt>
        <dd class="ml-0">Seats are numbered 1, 2, 3… from the left, unless this line says otherwise.</dd>
        <dt class={entry}># a note</dt>
        <dd class="ml-0">A comment, to the end of the line.</dd>
      </dl>
    </aside>
  );
}

function LayoutField({ value, error }: { value: string | undefined; error: string | undefined }) {
  const hint = `${LAYOUT_FIELD}-hint`;
  return (
    <div class="min-w-0">
      <label class="label" for={LAYOUT_FIELD}>
        Seat layout
      </label>
      <p id={hint} class="mt-0 mb-1 text-sm text-slate-700">
        The legend, the numbering and one line per row, as "How to write a layout" shows. Mistakes are listed
        under Preview with their line and column.
      </p>
      <textarea
        id={LAYOUT_FIELD}
        name="layout"
        rows={Math.min(30, Math.max(12, (value ?? '').split('\n').length + 1))}
        // Unwrapped, so a row of seats stays one line however narrow the screen.
        class="field font-mono text-sm whitespace-pre overflow-x-auto"
        spellcheck={false}
        autocapitalize="off"
        autocomplete="off"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={[hint, error ? `${LAYOUT_FIELD}-error` : '', LAYOUT_ERRORS]
          .filter(Boolean)
          .join(' ')}
        data-hx-post={PREVIEW_PATH}
        data-hx-trigger="input delay:600ms"
        data-hx-target="#preview-body"
        data-hx-swap="innerHTML"
      >
        {value ?? ''}
      </textarea>
      <FieldError id={`${LAYOUT_FIELD}-error`} message={error} />
    </div>
  );
}

/**
 * Importing a layout from a JSON file or pasted JSON into the text (part of the editor's form, so the rest
 * of what was typed is kept). Nothing is saved until the screen is.
 */
function ImportSection({ errors }: { errors: LayoutJsonError[] }) {
  const described = errors.length > 0 ? 'import-errors' : undefined;
  return (
    <details class="card" open={errors.length > 0}>
      <summary class="font-semibold cursor-pointer">Import a layout from JSON</summary>
      <p class="text-sm text-slate-700">
        A layout in the JSON form, such as one downloaded from another screen. It replaces the text above;
        nothing is saved until you save the screen.
      </p>
      <div class="grid gap-3">
        <div>
          <label class="label" for="import-file">
            JSON file
          </label>
          <input
            id="import-file"
            type="file"
            name="file"
            accept="application/json,.json"
            aria-describedby={described}
          />
        </div>
        <div>
          <label class="label" for="import-json">
            Or paste the JSON
          </label>
          <textarea
            id="import-json"
            name="json"
            rows={5}
            class="field font-mono text-sm"
            spellcheck={false}
            aria-invalid={errors.length > 0 ? 'true' : undefined}
            aria-describedby={described}
          />
        </div>
        {errors.length > 0 ? (
          <ul id="import-errors" class="m-0 pl-6 text-sm font-semibold text-red-800">
            {errors.map((error) => (
              <li>
                {error.path ? <code>{error.path}</code> : null}
                {error.path ? ': ' : ''}
                {error.message}
              </li>
            ))}
          </ul>
        ) : null}
        <div>
          <button type="submit" name="intent" value="import" class="btn-quiet">
            Import into the editor
          </button>
        </div>
      </div>
    </details>
  );
}

/** The page that adds a screen to a theater, or edits one. */
export function ScreenEditorPage(props: ScreenEditorProps) {
  const { theater, screen, values, errors, result } = props;
  const action = editorPath(theater.id, screen?.id);
  const title = screen ? `Edit ${screen.name}` : `Add a screen to ${theater.name}`;
  return (
    <section aria-labelledby="editor-title">
      <p class="mt-0 text-sm">
        <a class="link" href="/admin/screens">
          Screens
        </a>
      </p>
      <h1 id="editor-title" class="mt-0 text-3xl font-bold">
        {title}
      </h1>
      {screen ? (
        <p>
          {theater.name} · layout version {screen.version ?? 1} · {screen.seatCount} seats ·{' '}
          {props.upcoming ?? 0} upcoming {props.upcoming === 1 ? 'showtime uses' : 'showtimes use'} it. Saving
          a changed layout makes a new version: showtimes that have not started move to it, those that have
          keep theirs. A change to a seat that is held or sold in an upcoming showtime is refused.
        </p>
      ) : (
        <p>At {theater.name}. Start from the example below, or import a JSON layout.</p>
      )}
      <p class="text-sm text-slate-700">
        Moviegoers see a saved change within {props.cacheSeconds} seconds (the catalogue cache time).
      </p>
      <StatusNotice message={props.notice} />
      <Alert message={props.warning} />
      <ErrorSummary errors={errors} />
      <form method="post" action={action} enctype="multipart/form-data" class="grid gap-4" novalidate>
        {screen ? <input type="hidden" name="version" value={values.version ?? ''} /> : null}
        <div class="grid gap-4 sm:grid-cols-2 max-w-3xl">
          <Field
            form="screen"
            name="name"
            label="Name"
            errors={errors}
            value={values.name}
            required
            maxlength={100}
          />
          {screen ? null : (
            <Field
              form="screen"
              name="id"
              label="Short name"
              errors={errors}
              value={values.id}
              required
              maxlength={40}
              hint={`Lower-case letters, digits and hyphens, like 3 or imax. The screen's id becomes ${theater.id}-3.`}
            />
          )}
        </div>
        <div class="grid gap-4 lg:grid-cols-[minmax(0,1fr)_22rem]">
          <LayoutField value={values.layout} error={errors.layout} />
          <LayoutHelp />
        </div>
        <div class="flex flex-wrap gap-3">
          <button type="submit" name="intent" value="preview" class="btn-quiet">
            Preview
          </button>
          <button type="submit" name="intent" value="save" class="btn">
            {screen ? 'Save screen' : 'Add screen'}
          </button>
        </div>
        <ImportSection errors={props.jsonErrors ?? []} />
      </form>
      {screen ? (
        <p>
          <a class="link" href={`${action}/layout.json`} download={`${screen.id}.json`}>
            Download the saved layout as JSON
          </a>
        </p>
      ) : null}
      <LayoutPreview result={result} name={values.name ?? ''} />
    </section>
  );
}
