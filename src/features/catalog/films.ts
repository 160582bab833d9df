import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { authorize } from '../../auth/authorize';
import type { SessionUser } from '../../auth/model';
import type { Deps } from '../../deps';
import { AppError } from '../../platform/errors';
import { auditPut } from '../audit/repo';
import { auditEntry } from '../audit/service';
import { FilmMissingError, PosterMissingError, putPosterImages, writeFilm } from './film-repo';
import type { Movie } from './model';
import { type EncodedPoster, encodePoster, POSTER_ID, POSTER_WIDTHS } from './posters';
import * as repo from './repo';

/*
 * Films in the back office: chain-wide, so managers and admins alike. Each write is one transaction with
 * its audit entry (and the poster images it brings), and clears this process's catalogue cache; other
 * processes show the change within CATALOG_CACHE_SECONDS.
 */

type FilmDeps = Pick<Deps, 'db' | 'clock' | 'cache' | 'images'>;

/** What the film form sets; the id only on creation. */
export type FilmFields = Pick<
  Movie,
  | 'id'
  | 'title'
  | 'synopsis'
  | 'languages'
  | 'genres'
  | 'certificate'
  | 'runtimeMinutes'
  | 'releaseDate'
  | 'cast'
  | 'trailerUrl'
>;

/**
 * What happens to the poster: a file uploaded with this form, a poster an earlier attempt at the form
 * stored, the generated one again (`remove`), or, when editing, whatever the film has now (`keep`).
 */
export type PosterChange =
  | { kind: 'upload'; poster: EncodedPoster }
  | { kind: 'stored'; posterId: string }
  | { kind: 'remove' }
  | { kind: 'keep' };

/** Colours for the generated poster of a new film, picked by its id so they stay put. */
const PALETTE: Movie['poster'][] = [
  { background: '#1d3557', accent: '#a8dadc' },
  { background: '#240046', accent: '#ff9e00' },
  { background: '#2d6a4f', accent: '#f1faee' },
  { background: '#003049', accent: '#fcbf49' },
  { background: '#6a040f', accent: '#ffba08' },
  { background: '#14213d', accent: '#fca311' },
];

/** Every film, newest release first: read fresh, since the people editing them want to see their change. */
export async function listFilms(deps: FilmDeps, actor: SessionUser): Promise<Movie[]> {
  authorize(actor, 'manager', 'admin');
  const films = await repo.listMovies(deps.db);
  return films.sort((a, b) => b.releaseDate.localeCompare(a.releaseDate) || a.title.localeCompare(b.title));
}

/** One film for its edit form; not_found when there is none. */
export async function filmToEdit(deps: FilmDeps, actor: SessionUser, filmId: string): Promise<Movie> {
  authorize(actor, 'manager', 'admin');
  const film = await repo.getMovie(deps.db, filmId);
  if (!film) throw new AppError('not_found', 'We could not find that film.');
  return film;
}

/**
 * What a form shown with a film last saw of it: the edit form sends it back, and an edit made from an
 * older copy than the table's is refused rather than silently undoing someone else's change.
 */
export function filmRevision(film: Movie): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(JSON.stringify(auditedValues(film))))).slice(
    0,
    16,
  );
}

/** Reads an uploaded poster file; see encodePoster for what it refuses. */
export async function readPoster(
  deps: FilmDeps,
  actor: SessionUser,
  bytes: Uint8Array,
): Promise<EncodedPoster> {
  authorize(actor, 'manager', 'admin');
  return encodePoster(deps, bytes);
}

/**
 * Stores an uploaded poster on its own when the rest of its form was refused, so the form shown again can
 * keep it (a file input cannot be refilled). Content-named and idempotent; unreferenced until a film
 * points to it.
 */
export async function keepPoster(deps: FilmDeps, actor: SessionUser, poster: EncodedPoster): Promise<string> {
  authorize(actor, 'manager', 'admin');
  await putPosterImages(deps.db, poster.images);
  return poster.id;
}

/** Adds a film; refuses an id already in use (conflict) and a kept poster that is not stored. */
export async function createFilm(
  deps: FilmDeps,
  actor: SessionUser,
  fields: FilmFields,
  poster: PosterChange,
): Promise<Movie> {
  authorize(actor, 'manager', 'admin');
  const film: Movie = withPoster(
    { ...detailsOf(fields), id: fields.id, poster: paletteFor(fields.id) },
    poster,
  );
  const entry = auditEntry(deps, actor, {
    action: 'created film',
    target: { kind: 'film', id: film.id, label: film.title },
    after: auditedValues(film),
  });
  try {
    await writeFilm(deps.db, 'create', {
      movie: film,
      audit: auditPut(deps.db, entry),
      ...posterWrites(poster),
    });
  } catch (error) {
    if (error instanceof repo.AlreadyExistsError) {
      const message = `A film with the short name "${film.id}" exists already. Choose another.`;
      throw new AppError('conflict', message, { id: message });
    }
    throw posterGone(error);
  }
  deps.cache.clear();
  return film;
}

/**
 * Changes a film's details and poster; `revision` is filmRevision of the film the form was made from. The
 * audit entry holds the fields that changed, before and after.
 */
export async function editFilm(
  deps: FilmDeps,
  actor: SessionUser,
  change: { fields: Omit<FilmFields, 'id'>; poster: PosterChange; revision: string; filmId: string },
): Promise<Movie> {
  authorize(actor, 'manager', 'admin');
  const before = await filmToEdit(deps, actor, change.filmId);
  if (filmRevision(before) !== change.revision) {
    throw new AppError(
      'conflict',
      'Someone else saved this film after you opened the form, so your changes are not saved yet. Compare them with the film as it is now (its page, or the audit log), then save again.',
    );
  }
  const film = withPoster({ ...before, ...detailsOf(change.fields) }, change.poster, before.posterImage);
  const [was, is] = [auditedValues(before), auditedValues(film)];
  const changed = Object.keys({ ...was, ...is }).filter(
    (k) => JSON.stringify(was[k]) !== JSON.stringify(is[k]),
  );
  if (changed.length === 0) return before;
  const entry = auditEntry(deps, actor, {
    action: 'changed film',
    target: { kind: 'film', id: film.id, label: film.title },
    before: Object.fromEntries(changed.map((k) => [k, was[k] ?? 'none'])),
    after: Object.fromEntries(changed.map((k) => [k, is[k] ?? 'none'])),
  });
  try {
    await writeFilm(deps.db, 'replace', {
      movie: film,
      audit: auditPut(deps.db, entry),
      ...posterWrites(change.poster),
    });
  } catch (error) {
    if (error instanceof FilmMissingError) throw new AppError('not_found', 'We could not find that film.');
    throw posterGone(error);
  }
  deps.cache.clear();
  return film;
}

/** Exactly the fields the form sets, whatever else the caller's object carries. */
function detailsOf(fields: Omit<FilmFields, 'id'>): Omit<FilmFields, 'id'> {
  const { title, synopsis, languages, genres, certificate, runtimeMinutes, releaseDate, cast, trailerUrl } =
    fields;
  return { title, synopsis, languages, genres, certificate, runtimeMinutes, releaseDate, cast, trailerUrl };
}

function paletteFor(id: string): Movie['poster'] {
  const index = (sha256(new TextEncoder().encode(id))[0] ?? 0) % PALETTE.length;
  return PALETTE[index] ?? { background: '#1d3557', accent: '#a8dadc' };
}

/** The film with the poster the change leaves it: optional fields left out when empty. */
function withPoster(film: Movie, poster: PosterChange, current?: Movie['posterImage']): Movie {
  const widths = [...POSTER_WIDTHS];
  const posterImage =
    poster.kind === 'upload'
      ? { id: poster.poster.id, widths }
      : poster.kind === 'stored'
        ? { id: poster.posterId, widths }
        : poster.kind === 'keep'
          ? current
          : undefined;
  const { cast, trailerUrl, posterImage: _, ...rest } = film;
  return {
    ...rest,
    ...(cast ? { cast } : {}),
    ...(trailerUrl ? { trailerUrl } : {}),
    ...(posterImage ? { posterImage } : {}),
  };
}

function posterWrites(poster: PosterChange) {
  if (poster.kind === 'upload') return { newImages: poster.poster.images };
  if (poster.kind === 'stored') {
    if (!POSTER_ID.test(poster.posterId)) throw missingPoster();
    return { newImages: [], storedPoster: { posterId: poster.posterId, width: POSTER_WIDTHS[0] } };
  }
  return { newImages: [] };
}

const missingPoster = () => {
  const message = 'The poster chosen earlier is no longer here. Choose the file again.';
  return new AppError('bad_request', message, { poster: message });
};

function posterGone(error: unknown): unknown {
  return error instanceof PosterMissingError ? missingPoster() : error;
}

/** A film as its audit entries show it: flat values, the poster by its id. */
function auditedValues(film: Movie): Record<string, unknown> {
  const values: Record<string, unknown> = {
    title: film.title,
    synopsis: film.synopsis,
    languages: film.languages,
    genres: film.genres,
    certificate: film.certificate,
    runtimeMinutes: film.runtimeMinutes,
    releaseDate: film.releaseDate,
    cast: film.cast,
    trailerUrl: film.trailerUrl,
    posterImage: film.posterImage?.id,
  };
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}
