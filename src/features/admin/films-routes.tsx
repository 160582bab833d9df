import { type Context, Hono } from 'hono';
import type { z } from 'zod';
import { requireRole } from '../../auth/guards';
import type { SessionUser } from '../../auth/model';
import { AppError, type FieldErrors } from '../../platform/errors';
import { statusFor } from '../../web/error-pages';
import { type FormValues, fieldErrors } from '../../web/forms';
import type { LargerBodies } from '../../web/middleware/body-limit';
import { noStore } from '../../web/no-store';
import { render } from '../../web/render';
import * as films from '../catalog/films';
import type { Movie } from '../catalog/model';
import { type EncodedPoster, POSTER_ID, POSTER_MAX_BYTES } from '../catalog/posters';
import { FILM_TEXT_FIELDS, filmCreateSchema, filmEditSchema } from './film-forms';
import { FilmFormPage, type FilmFormProps } from './views/film-form';
import { FilmsPage } from './views/films-page';

/** The two film forms, which may carry a poster file. */
const FORM_PATH = /^\/admin\/films\/(?:new|[a-z0-9-]+\/edit)$/;

/**
 * The body limit of the film forms: a 5 MB poster plus the usual allowance for the rest of the form
 * (`formBytes`, MAX_BODY_BYTES), where every other route keeps the usual limit alone. A poster a little
 * over 5 MB reaches the form, which names the problem beside the field; a body over this limit is
 * refused unread, with the same problem named on the error page.
 */
export function filmUploadBodies(formBytes: number): LargerBodies {
  return {
    when: (c) => c.req.method === 'POST' && FORM_PATH.test(c.req.path),
    maxBytes: POSTER_MAX_BYTES + formBytes,
    message:
      'The poster file is larger than 5 MB, so the film was not saved. Go back and choose a JPEG, PNG or WebP image of up to 5 MB.',
  };
}

const notices: Record<string, string> = {
  created: 'The film is added.',
  saved: 'The changes are saved.',
};

type FormPage = Pick<FilmFormProps, 'values' | 'errors' | 'message' | 'keptPosterId'>;
type Status = 200 | 400 | 404 | 409 | 413 | 503;

/** A submitted film form: the checked fields and what to do with the poster, or the form to show again. */
type ReadForm<T> =
  | { ok: true; data: T; poster: films.PosterChange; page: FormPage }
  | { ok: false; page: FormPage; status: Status };

const text = (value: unknown) => (typeof value === 'string' ? value.slice(0, 2000) : undefined);

/**
 * Reads the fields and the poster file together, so one submission reports every problem. A poster that
 * was read while other fields were refused is stored on its own and kept in the form shown again.
 */
async function readFilmForm<S extends z.ZodType>(
  c: Context,
  actor: SessionUser,
  schema: S,
): Promise<ReadForm<z.output<S>>> {
  const deps = c.var.deps;
  const body = await c.req.parseBody();
  const values: FormValues = Object.fromEntries(
    [...FILM_TEXT_FIELDS, 'removePoster'].map((name) => [name, text(body[name])]),
  );
  const parsed = schema.safeParse(body);
  let errors: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error);
  let status: Status = 400;
  let upload: EncodedPoster | undefined;
  const file = body.poster instanceof File && body.poster.size > 0 ? body.poster : undefined;
  if (file) {
    try {
      upload = await films.readPoster(deps, actor, new Uint8Array(await file.arrayBuffer()));
    } catch (error) {
      if (!AppError.match(error) || !error.fields.poster) throw error;
      errors = { ...errors, poster: error.fields.poster };
      status = statusFor(error) as Status;
    }
  }
  const earlier = text(body.posterId);
  const kept = upload ? upload.id : earlier && POSTER_ID.test(earlier) ? earlier : undefined;
  if (!parsed.success || errors.poster) {
    if (upload) await films.keepPoster(deps, actor, upload);
    return { ok: false, page: { values, errors, keptPosterId: kept }, status };
  }
  const data = parsed.data as z.output<S> & { posterId?: string; removePoster: boolean };
  const poster: films.PosterChange = upload
    ? { kind: 'upload', poster: upload }
    : data.posterId
      ? { kind: 'stored', posterId: data.posterId }
      : data.removePoster
        ? { kind: 'remove' }
        : { kind: 'keep' };
  return { ok: true, data, poster, page: { values, errors: {}, keptPosterId: kept } };
}

/** A film as its edit form first shows it. */
function valuesOf(film: Movie): FormValues {
  return {
    title: film.title,
    synopsis: film.synopsis,
    languages: film.languages.join(', '),
    genres: film.genres.join(', '),
    certificate: film.certificate,
    runtimeMinutes: String(film.runtimeMinutes),
    releaseDate: film.releaseDate,
    cast: film.cast,
    trailerUrl: film.trailerUrl,
  };
}

/** The back office's films: the list, and the forms that add a film or change one. Managers and admins. */
export function filmsRoutes() {
  const app = new Hono();

  const formPage = (c: Context, film: Movie | undefined, page: FormPage, status: Status = 200) =>
    noStore(
      render(
        c,
        film ? `Change ${film.title}` : 'Add a film',
        <FilmFormPage
          film={film}
          {...page}
          canUpload={c.var.deps.images !== undefined}
          cacheSeconds={c.var.deps.config.catalogCacheMs / 1000}
          revision={film ? films.filmRevision(film) : undefined}
        />,
        { status },
      ),
    );

  /** A refusal from the service shown on the form, the uploaded poster kept; anything else thrown on. */
  const refused = async (c: Context, film: Movie | undefined, form: FormPage, error: unknown) => {
    if (!AppError.match(error, 'conflict') && !AppError.match(error, 'bad_request')) throw error;
    // A kept poster the table no longer holds is dropped from the form shown again.
    const keptPosterId = error.fields.poster ? undefined : form.keptPosterId;
    const page = { ...form, errors: error.fields, message: error.message, keptPosterId };
    return formPage(c, film, page, statusFor(error) as Status);
  };

  app.get('/admin/films', async (c) => {
    const actor = requireRole(c, 'manager', 'admin');
    const list = await films.listFilms(c.var.deps, actor);
    const notice = notices[c.req.query('done') ?? ''];
    return noStore(render(c, 'Films', <FilmsPage films={list} notice={notice} />));
  });

  app.get('/admin/films/new', (c) => {
    requireRole(c, 'manager', 'admin');
    return formPage(c, undefined, { values: {}, errors: {} });
  });

  app.post('/admin/films/new', async (c) => {
    const actor = requireRole(c, 'manager', 'admin');
    const form = await readFilmForm(c, actor, filmCreateSchema);
    if (!form.ok) return formPage(c, undefined, form.page, form.status);
    try {
      const { posterId: _, removePoster: __, ...fields } = form.data;
      await films.createFilm(c.var.deps, actor, fields, form.poster);
    } catch (error) {
      if (form.poster.kind === 'upload') await films.keepPoster(c.var.deps, actor, form.poster.poster);
      return refused(c, undefined, form.page, error);
    }
    return c.redirect('/admin/films?done=created', 303);
  });

  app.get('/admin/films/:id/edit', async (c) => {
    const actor = requireRole(c, 'manager', 'admin');
    const film = await films.filmToEdit(c.var.deps, actor, c.req.param('id'));
    return formPage(c, film, { values: valuesOf(film), errors: {} });
  });

  app.post('/admin/films/:id/edit', async (c) => {
    const actor = requireRole(c, 'manager', 'admin');
    const film = await films.filmToEdit(c.var.deps, actor, c.req.param('id'));
    const form = await readFilmForm(c, actor, filmEditSchema);
    if (!form.ok) return formPage(c, film, form.page, form.status);
    const { revision, posterId: _, removePoster: __, ...fields } = form.data;
    try {
      await films.editFilm(c.var.deps, actor, { filmId: film.id, fields, poster: form.poster, revision });
    } catch (error) {
      if (form.poster.kind === 'upload') await films.keepPoster(c.var.deps, actor, form.poster.poster);
      // A stale form keeps its input, now against the film as it is (its revision and poster).
      if (AppError.match(error, 'conflict')) {
        return refused(c, await films.filmToEdit(c.var.deps, actor, film.id), form.page, error);
      }
      return refused(c, film, form.page, error);
    }
    return c.redirect('/admin/films?done=saved', 303);
  });

  return app;
}
