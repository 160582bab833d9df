import { formatTime, offsetMinutes, zoneName } from '../../../platform/time';
import type { Movie, Showtime } from '../model';
import { posterSvg } from '../poster-svg';
import { posterUrl } from '../posters';

// The pieces the catalogue's pages list movies and showtimes with: poster, facts, local time, show link.

export const hours = (minutes: number) => `${Math.floor(minutes / 60)} h ${minutes % 60} min`;

const POSTER_SIZES = { thumb: [48, 72], small: [96, 144], large: [160, 240] } as const;

/**
 * A movie's poster: the uploaded one at the width the screen needs, else the generated SVG. Posters load
 * lazily, but for the first a phone shows (`priority`): that one is often the page's largest paint.
 */
export function Poster({
  movie,
  size = 'small',
  priority = false,
}: {
  movie: Movie;
  size?: keyof typeof POSTER_SIZES;
  priority?: boolean;
}) {
  const [width, height] = POSTER_SIZES[size];
  const uploaded = movie.posterImage;
  const widths = uploaded?.widths ?? [];
  // A generated poster a phone shows first comes inside the page (600 bytes): no request to wait for.
  const generated = priority
    ? `data:image/svg+xml,${encodeURIComponent(posterSvg(movie))}`
    : `/movies/${movie.id}/poster.svg`;
  return (
    <img
      src={uploaded ? posterUrl(uploaded.id, widths.at(-1) ?? 320) : generated}
      srcset={uploaded ? widths.map((w) => `${posterUrl(uploaded.id, w)} ${w}w`).join(', ') : undefined}
      sizes={uploaded ? `${width}px` : undefined}
      alt=""
      width={width}
      height={height}
      class="rounded-md shrink-0 bg-slate-200"
      loading={priority ? 'eager' : 'lazy'}
      fetchpriority={priority ? 'high' : undefined}
    />
  );
}

export function MovieFacts({ movie }: { movie: Movie }) {
  return (
    <p class="m-0 text-slate-700">
      <abbr title="Certificate">{movie.certificate}</abbr> · {hours(movie.runtimeMinutes)} ·{' '}
      {movie.genres.join(', ')}
      <br />
      {movie.languages.join(', ')}
    </p>
  );
}

/** "7:30 pm", plus the zone when the theater's clock differs from the visitor's city's. */
export function LocalTime({
  show,
  zone,
  visitorZone,
}: {
  show: Showtime;
  zone: string;
  visitorZone?: string | undefined;
}) {
  const at = new Date(show.startsAt);
  const differs = visitorZone !== undefined && offsetMinutes(at, visitorZone) !== offsetMinutes(at, zone);
  return (
    <time datetime={show.startsAt}>
      {formatTime(at, zone)}
      {differs ? ` ${zoneName(at, zone)}` : ''}
    </time>
  );
}

/**
 * A showtime in a listing: a link to its seats, or plain text once its online sales have closed
 * (`salesClosedBefore`, an instant: showtimes starting earlier no longer sell online).
 */
export function ShowLink({
  show,
  zone,
  visitorZone,
  salesClosedBefore,
}: {
  show: Showtime;
  zone: string;
  visitorZone?: string | undefined;
  salesClosedBefore: string;
}) {
  const facts = (
    <>
      <LocalTime show={show} zone={zone} visitorZone={visitorZone} />
      <span class="text-xs font-normal">
        {show.language} · {show.format}
      </span>
    </>
  );
  if (show.startsAt < salesClosedBefore) {
    return (
      <span class="time time-closed flex-col">
        {facts}
        <span class="text-xs font-normal">Online sales closed</span>
      </span>
    );
  }
  return (
    <a class="time flex-col" href={`/showtimes/${show.id}`}>
      {facts}
      {show.salesStopped ? <span class="text-xs font-normal">Online sales stopped</span> : null}
    </a>
  );
}
