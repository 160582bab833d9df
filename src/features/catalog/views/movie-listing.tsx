import { formatMoney } from '../../../platform/money';
import { formatTime, offsetMinutes, zoneName } from '../../../platform/time';
import type { Movie, ShowAccess, Showtime } from '../model';
import type { ListedShow } from '../movie-page';
import { posterSvg } from '../poster-svg';
import { posterUrl } from '../posters';
import { type FillState, lowestPrice } from '../showings';

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

/** Subtitles, captions and audio description as short marks, spelled out for screen readers. */
export function AccessMarks({ access }: { access: ShowAccess | undefined }) {
  if (!access) return null;
  const short = (mark: string, words: string) => (
    <span class="text-xs font-normal" title={words}>
      <span aria-hidden="true">{mark}</span>
      <span class="sr-only">{words}</span>
    </span>
  );
  return (
    <>
      {access.subtitles ? <span class="text-xs font-normal">Subtitled: {access.subtitles}</span> : null}
      {access.captions ? short('CC', 'Closed captions') : null}
      {access.audioDescription ? short('AD', 'Audio description') : null}
    </>
  );
}

/**
 * A showtime in a listing: a link to its seats, with its language, format, lowest price, accessibility
 * marks and how full it is; plain text once it is sold out or its online sales have closed
 * (`salesClosedBefore`, an instant: showtimes starting earlier no longer sell online).
 */
export function ShowLink({
  show,
  fill = 'open',
  zone,
  locale,
  visitorZone,
  salesClosedBefore,
}: {
  show: Showtime;
  fill?: FillState;
  zone: string;
  locale?: string | undefined;
  visitorZone?: string | undefined;
  salesClosedBefore: string;
}) {
  const from = lowestPrice(show);
  const facts = (
    <>
      <LocalTime show={show} zone={zone} visitorZone={visitorZone} />
      <span class="text-xs font-normal">
        {show.language} · {show.format}
      </span>
      {from === undefined ? null : (
        <span class="text-xs font-normal">
          from {formatMoney({ amount: from, currency: show.currency }, locale)}
        </span>
      )}
      <AccessMarks access={show.access} />
    </>
  );
  const closed = show.startsAt < salesClosedBefore;
  if (closed || fill === 'sold-out') {
    return (
      <span class="time time-closed flex-col">
        {facts}
        <span class="text-xs font-semibold">{closed ? 'Online sales closed' : 'Sold out'}</span>
      </span>
    );
  }
  return (
    <a class="time flex-col" href={`/showtimes/${show.id}`}>
      {facts}
      {show.salesStopped ? <span class="text-xs font-normal">Online sales stopped</span> : null}
      {fill === 'filling-fast' ? <span class="text-xs font-semibold">Filling fast</span> : null}
    </a>
  );
}

/** A group's showtimes as a row of time chips. */
export function ShowList({
  shows,
  ...listing
}: {
  shows: ListedShow[];
  zone: string;
  locale?: string | undefined;
  visitorZone?: string | undefined;
  salesClosedBefore: string;
}) {
  return (
    <ul class="flex flex-wrap gap-2 list-none p-0 mt-2 mb-0">
      {shows.map(({ show, fill }) => (
        <li>
          <ShowLink show={show} fill={fill} {...listing} />
        </li>
      ))}
    </ul>
  );
}
