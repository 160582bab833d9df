import type { FieldErrors } from '../../../platform/errors';
import { ErrorSummary, Field, FieldError, type FormValues, SelectField } from '../../../web/forms';
import type { Movie } from '../../catalog/model';
import { posterUrl } from '../../catalog/posters';
import { Poster } from '../../catalog/views/movie-listing';
import { CERTIFICATES } from '../film-forms';

export type FilmFormProps = {
  /** The film being changed; none when adding one. */
  film?: Movie | undefined;
  values: FormValues;
  errors: FieldErrors;
  /** A message for the whole form (someone else saved the film meanwhile). */
  message?: string | undefined;
  /** A poster an earlier attempt uploaded, kept while the rest is corrected. */
  keptPosterId?: string | undefined;
  /** Whether this server can read poster files (not on Workers). */
  canUpload: boolean;
  /** The catalogue cache time: how long other processes may show the old details. */
  cacheSeconds: number;
  /** filmRevision of `film`, sent back so an edit from a stale copy is refused. */
  revision?: string | undefined;
};

const certificateOptions = CERTIFICATES.map((value) => ({ value, label: value }));

/** The form that adds a film or changes one: its details, and a poster file to upload. */
export function FilmFormPage(props: FilmFormProps) {
  const { film, values, errors, message, cacheSeconds, revision } = props;
  const title = film ? `Change ${film.title}` : 'Add a film';
  const action = film ? `/admin/films/${film.id}/edit` : '/admin/films/new';
  return (
    <section aria-labelledby="film-form-heading">
      <p class="mt-0">
        <a class="link" href="/admin/films">
          All films
        </a>
      </p>
      <h1 id="film-form-heading" class="mt-0 text-3xl font-bold">
        {title}
      </h1>
      {film ? (
        <p>
          Moviegoers see changes on{' '}
          <a class="link" href={`/movies/${film.id}`}>
            the film's page
          </a>{' '}
          within the catalogue cache time ({cacheSeconds} {cacheSeconds === 1 ? 'second' : 'seconds'}).
        </p>
      ) : (
        <p>
          Moviegoers see a new film within the catalogue cache time ({cacheSeconds}{' '}
          {cacheSeconds === 1 ? 'second' : 'seconds'}).
        </p>
      )}
      <ErrorSummary errors={errors} message={message} />
      <form
        method="post"
        action={action}
        enctype="multipart/form-data"
        class="grid gap-4 max-w-xl"
        novalidate
      >
        {revision ? <input type="hidden" name="revision" value={revision} /> : null}
        <Field
          form="film"
          name="title"
          label="Title"
          errors={errors}
          value={values.title}
          required
          maxlength={200}
        />
        {film ? null : (
          <Field
            form="film"
            name="id"
            label="Short name for links (optional)"
            errors={errors}
            value={values.id}
            maxlength={80}
            hint="Lower-case letters, digits and hyphens, like monsoon-letters. Made from the title when empty; it cannot be changed later."
          />
        )}
        <Field
          form="film"
          name="synopsis"
          label="Synopsis"
          errors={errors}
          value={values.synopsis}
          required
          maxlength={2000}
          lines={4}
        />
        <Field
          form="film"
          name="languages"
          label="Languages"
          errors={errors}
          value={values.languages}
          required
          maxlength={500}
          hint="Separated by commas, like: Hindi, English."
        />
        <Field
          form="film"
          name="genres"
          label="Genres"
          errors={errors}
          value={values.genres}
          required
          maxlength={500}
          hint="Separated by commas, like: Drama, Romance."
        />
        <SelectField
          form="film"
          name="certificate"
          label="Certificate"
          placeholder="Choose a certificate"
          options={certificateOptions}
          value={values.certificate}
          errors={errors}
        />
        <Field
          form="film"
          name="runtimeMinutes"
          label="Running time in minutes"
          errors={errors}
          value={values.runtimeMinutes}
          required
          maxlength={3}
          inputmode="numeric"
          hint="Whole minutes, like 128."
        />
        <Field
          form="film"
          name="releaseDate"
          label="Release date"
          type="date"
          errors={errors}
          value={values.releaseDate}
          required
          hint="The day it opens. Where the field is plain text, type it as YYYY-MM-DD, like 2026-11-06."
        />
        <Field
          form="film"
          name="cast"
          label="Cast (optional)"
          errors={errors}
          value={values.cast}
          maxlength={300}
          hint="The main cast as one line, like: Asha Rao, Vikram Sen."
        />
        <Field
          form="film"
          name="trailerUrl"
          label="Trailer link (optional)"
          type="url"
          errors={errors}
          value={values.trailerUrl}
          maxlength={500}
          hint="An address starting with https://. The movie page shows it as a plain link."
        />
        <PosterField {...props} />
        <div>
          <button type="submit" class="btn">
            {film ? 'Save changes' : 'Add film'}
          </button>
        </div>
      </form>
    </section>
  );
}

/** The poster: what the film shows now, a file to upload (where this server can), or going back to the generated one. */
function PosterField({ film, values, errors, keptPosterId, canUpload }: FilmFormProps) {
  const id = 'film-poster';
  const error = errors.poster;
  const described = [`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <fieldset class="border border-slate-300 rounded-md p-3 m-0 grid gap-2">
      <legend class="font-semibold px-1">Poster</legend>
      {keptPosterId ? (
        <div class="flex gap-3 items-center">
          <input type="hidden" name="posterId" value={keptPosterId} />
          <img
            src={posterUrl(keptPosterId, 160)}
            alt="The poster you chose"
            width={48}
            height={72}
            class="rounded-md"
          />
          <p class="m-0">The poster you chose is kept. Choose another file only to replace it.</p>
        </div>
      ) : film ? (
        <div class="flex gap-3 items-center">
          <Poster movie={film} size="thumb" />
          <p class="m-0">
            {film.posterImage
              ? 'The film shows an uploaded poster.'
              : 'The film shows a generated poster with its title.'}
          </p>
        </div>
      ) : null}
      {canUpload ? (
        <div>
          <label class="label" for={id}>
            Poster file (optional)
          </label>
          <p id={`${id}-hint`} class="mt-0 mb-1 text-sm text-slate-700">
            A JPEG, PNG or WebP image of up to 5 MB, at least 160 × 240 pixels. It is cropped from the centre
            to the shape of a poster (2 : 3). Without one, the film shows a poster made from its title.
          </p>
          <input
            id={id}
            name="poster"
            type="file"
            accept="image/jpeg,image/png,image/webp"
            class="field"
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={described}
          />
          <FieldError id={`${id}-error`} message={error} />
        </div>
      ) : (
        <>
          <p id={`${id}-hint`} class="m-0">
            Poster uploads are done through the Node server: this copy of the site runs on Cloudflare Workers,
            which cannot re-encode images.
          </p>
          <FieldError id={`${id}-error`} message={error} />
        </>
      )}
      {film?.posterImage && !keptPosterId ? (
        <label class="flex gap-2 items-center">
          <input type="checkbox" name="removePoster" checked={values.removePoster === 'on'} />
          Show the generated poster instead of the uploaded one
        </label>
      ) : null}
    </fieldset>
  );
}
