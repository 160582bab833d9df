import { formatTime } from '../../../platform/time';
import type { Showtime, Theater } from '../../catalog/model';

/** A theater's showtimes today (those started within the door's closing time too), each a link to its door screen. */
export function DoorShowtimes({
  theater,
  shows,
}: {
  theater: Theater;
  shows: { show: Showtime; title: string; screen: string }[];
}) {
  return (
    <article aria-labelledby="door-title" class="max-w-2xl">
      <h1 id="door-title" class="mt-0 text-3xl font-bold">
        Door check-in: {theater.name}
      </h1>
      {shows.length === 0 ? (
        <p>No showtimes left today.</p>
      ) : (
        <ul class="list-none p-0 flex flex-col gap-2">
          {shows.map(({ show, title, screen }) => (
            <li>
              <a class="link text-lg" href={`/door/${show.id}`}>
                {formatTime(new Date(show.startsAt), theater.timeZone)} · {title} · {screen}
              </a>
            </li>
          ))}
        </ul>
      )}
      <p>
        <a class="link" href="/door">
          Another theater
        </a>
      </p>
    </article>
  );
}
