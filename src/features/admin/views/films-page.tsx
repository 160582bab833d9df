import { formatLongDay } from '../../../platform/time';
import { StatusNotice } from '../../../web/forms';
import type { Movie } from '../../catalog/model';
import { hours, Poster } from '../../catalog/views/movie-listing';

/** Every film of the chain, newest release first, each a link to its form; and the way to add one. */
export function FilmsPage({ films, notice }: { films: Movie[]; notice?: string | undefined }) {
  return (
    <section aria-labelledby="films-title">
      <h1 id="films-title" class="mt-0 text-3xl font-bold">
        Films
      </h1>
      <StatusNotice message={notice} />
      <p>
        <a class="btn" href="/admin/films/new">
          Add a film
        </a>
      </p>
      {films.length === 0 ? (
        <p>No films yet.</p>
      ) : (
        <>
          <p>Newest release first. Choose a title to change its details or poster.</p>
          {/* A list, not a table: it reflows on a phone where five columns would not fit. */}
          <ul class="list-none p-0 m-0 grid gap-3">
            {films.map((film) => (
              <li class="flex gap-3 items-start border-b border-slate-300 pb-3">
                <Poster movie={film} size="thumb" />
                <div>
                  <a class="link font-semibold" href={`/admin/films/${film.id}/edit`}>
                    {film.title}
                  </a>
                  <br />
                  <span class="text-sm text-slate-700">
                    Released {formatLongDay(film.releaseDate)} · {hours(film.runtimeMinutes)} · Certificate{' '}
                    {film.certificate}
                    {film.posterImage ? ' · Uploaded poster' : ''}
                  </span>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
