import type { FieldErrors } from '../../../platform/errors';
import { ErrorSummary, Field, FieldError, type FormValues, SelectField } from '../../../web/forms';
import { MAX_BATCH, WEEKDAYS } from '../expand';
import { type BatchResult, FORMATS, type SchedulePage, subtitleLanguages } from '../service';
import { BatchOutcome } from './batch-outcome';

/** A yes-or-nothing checkbox of the batch form, ticked as sent. */
function Tick({ name, label, values }: { name: string; label: string; values: FormValues }) {
  return (
    <div class="flex items-center gap-2">
      <input id={`batch-${name}`} type="checkbox" name={name} value="yes" checked={values[name] === 'yes'} />
      <label for={`batch-${name}`}>{label}</label>
    </div>
  );
}

/** The scheduling form as sent (or as first offered), with its errors and the preview or result of it. */
export type BatchFormState = {
  values: FormValues;
  weekdays: string[];
  errors: FieldErrors;
  message?: string | undefined;
  outcome?: { result: BatchResult; mode: 'preview' | 'create' } | undefined;
};

/**
 * Schedules one showtime or many: a screen, a film, a date range, weekdays and local start times, a
 * language, a format, what it offers for viewers who need text or description, and a price card. "Preview" writes nothing and lists what would be made and what
 * would be refused; the form keeps its input, and "Create" then writes.
 */
export function BatchForm({ page, form }: { page: SchedulePage; form: BatchFormState }) {
  const { setup, movies } = page;
  const { values, errors } = form;
  const film = movies.find((movie) => movie.id === values.movie);
  const languages = film
    ? film.languages
    : [...new Set(movies.flatMap((movie) => movie.languages))].sort((a, b) => a.localeCompare(b));
  const gap = page.gapMinutes;
  const toCreate =
    form.outcome?.mode === 'preview'
      ? form.outcome.result.shows.filter((show) => show.outcome.kind === 'create').length
      : 0;
  return (
    <>
      <ErrorSummary errors={errors} message={form.message} />
      <form method="post" action="/admin/showtimes" class="grid gap-4 max-w-xl" novalidate>
        <input type="hidden" name="theater" value={setup.theater.id} />
        <SelectField
          form="batch"
          name="screen"
          label="Screen"
          placeholder="Choose a screen"
          options={setup.screens.map((s) => ({ value: s.id, label: `${s.name} (${s.seatCount} seats)` }))}
          value={values.screen}
          errors={errors}
        />
        <SelectField
          form="batch"
          name="movie"
          label="Film"
          placeholder="Choose a film"
          options={movies.map((m) => ({ value: m.id, label: `${m.title} (${m.runtimeMinutes} min)` }))}
          value={values.movie}
          errors={errors}
        />
        <div class="grid gap-4 sm:grid-cols-2">
          <Field
            form="batch"
            name="from"
            label="First date"
            type="date"
            errors={errors}
            value={values.from}
            required
          />
          <Field
            form="batch"
            name="to"
            label="Last date"
            type="date"
            errors={errors}
            value={values.to}
            required
          />
        </div>
        <fieldset
          class="border-0 p-0 m-0 min-w-0"
          aria-describedby={errors.weekdays ? 'batch-weekdays-error' : undefined}
        >
          <legend class="label">Weekdays</legend>
          <div class="flex flex-wrap gap-x-4 gap-y-1">
            {WEEKDAYS.map(({ day, name }) => (
              <div class="flex items-center gap-2">
                <input
                  id={`batch-weekday-${day}`}
                  type="checkbox"
                  name="weekdays"
                  value={String(day)}
                  checked={form.weekdays.includes(String(day))}
                />
                <label for={`batch-weekday-${day}`}>{name}</label>
              </div>
            ))}
          </div>
          <FieldError id="batch-weekdays-error" message={errors.weekdays} />
        </fieldset>
        <Field
          form="batch"
          name="times"
          label="Start times"
          errors={errors}
          value={values.times}
          required
          maxlength={300}
          hint={`24-hour local times in ${setup.theater.timeZone}, separated by commas, like 10:30, 14:00, 19:15.`}
        />
        <SelectField
          form="batch"
          name="language"
          label="Language"
          placeholder={film ? `Choose a language of ${film.title}` : 'Choose a language of the film'}
          options={languages.map((language) => ({ value: language, label: language }))}
          value={values.language}
          errors={errors}
        />
        <SelectField
          form="batch"
          name="format"
          label="Format"
          placeholder="Choose a format"
          options={FORMATS.map((format) => ({ value: format, label: format }))}
          value={values.format}
          errors={errors}
        />
        <fieldset class="border-0 p-0 m-0 min-w-0">
          <legend class="label">Subtitles, captions and audio description</legend>
          <SelectField
            form="batch"
            name="subtitles"
            label="Subtitles"
            placeholder="No subtitles"
            options={subtitleLanguages(movies).map((language) => ({ value: language, label: language }))}
            value={values.subtitles}
            errors={errors}
          />
          <div class="flex flex-wrap gap-x-4 gap-y-1 mt-2">
            <Tick name="captions" label="Closed captions (CC)" values={values} />
            <Tick name="audioDescription" label="Audio description (AD)" values={values} />
          </div>
          <FieldError id="batch-captions-error" message={errors.captions ?? errors.audioDescription} />
        </fieldset>
        <div>
          <SelectField
            form="batch"
            name="priceCard"
            label="Price card"
            placeholder="Choose a price card"
            options={setup.priceCards.map((card) => ({ value: card.id, label: card.name }))}
            value={values.priceCard}
            errors={errors}
          />
          <p class="mt-1 mb-0 text-sm">
            <a class="link" href={`/admin/price-cards?theater=${setup.theater.id}`}>
              {setup.priceCards.length === 0 ? 'Add a price card first' : 'Add or edit price cards'}
            </a>
          </p>
        </div>
        <p class="m-0 text-sm text-slate-700">
          Each showtime keeps its screen for the film's running time and then {gap} minutes' cleaning. At most{' '}
          {MAX_BATCH} showtimes at once.
        </p>
        <div>
          <button type="submit" name="action" value="preview" class="btn">
            Preview
          </button>
        </div>
        {form.outcome ? (
          <BatchOutcome result={form.outcome.result} mode={form.outcome.mode} movies={movies} />
        ) : null}
        {toCreate > 0 ? (
          <div>
            <button type="submit" name="action" value="create" class="btn">
              Create {toCreate === 1 ? '1 showtime' : `${toCreate} showtimes`}
            </button>
          </div>
        ) : null}
      </form>
    </>
  );
}
