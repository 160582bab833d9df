import { formatTime } from '../../platform/time';
import type { City, Showtime, Theater } from '../catalog/model';
import type { DoorVerdict } from './service';

/** The door's start: every theater by city, each leading to its showtimes today. */
export function DoorIndex({ cities }: { cities: { city: City; theaters: Theater[] }[] }) {
  return (
    <article aria-labelledby="door-title" class="max-w-2xl">
      <h1 id="door-title" class="mt-0 text-3xl font-bold">
        Door check-in
      </h1>
      <p>Choose your theater, then the showtime you are letting in.</p>
      {cities.map(({ city, theaters }) => (
        <section aria-label={city.name}>
          <h2 class="text-xl font-bold mb-1">{city.name}</h2>
          <ul class="pl-5 mt-0">
            {theaters.map((theater) => (
              <li>
                <a class="link" href={`/door/theaters/${theater.id}`}>
                  {theater.name}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </article>
  );
}

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

function Verdict({ verdict }: { verdict: DoorVerdict }) {
  const tone =
    verdict.kind === 'admit'
      ? 'border-green-800 text-green-900'
      : verdict.kind === 'already'
        ? 'border-amber-700 text-amber-900'
        : 'border-red-800 text-red-800';
  return (
    <div role="alert" class={`card border-4 mb-4 ${tone}`}>
      <p class="m-0 text-2xl font-bold">{verdict.headline}</p>
      {verdict.kind === 'refused' ? <p class="mb-0 font-semibold">{verdict.reason}</p> : null}
      {verdict.kind === 'admit' ? (
        <p class="mb-0">
          {verdict.booking.id} ·{' '}
          {verdict.booking.payment.status === 'paid' ? (
            verdict.payment
          ) : (
            <strong class="text-lg">{verdict.payment}.</strong>
          )}
        </p>
      ) : null}
      {verdict.kind === 'already' ? (
        <p class="mb-0">Booking {verdict.booking.id}. Do not admit again.</p>
      ) : null}
    </div>
  );
}

/**
 * The door screen for one showtime: the verdict of the last scan, then the form for the next. A typed
 * code works without JavaScript; src/client/door-scanner.ts adds the camera where BarcodeDetector exists.
 */
export function DoorPage({
  showId,
  title,
  when,
  verdict,
}: {
  showId: string;
  title: string;
  when: string;
  verdict?: DoorVerdict | undefined;
}) {
  return (
    <article aria-labelledby="door-title" class="max-w-xl">
      <h1 id="door-title" class="mt-0 text-2xl font-bold">
        Check-in: {title}
      </h1>
      <p class="mt-0">{when}</p>
      {verdict ? <Verdict verdict={verdict} /> : null}
      <form method="post" action={`/door/${showId}`} class="card flex flex-col gap-3" data-door>
        <div>
          <label class="label" for="ticket-code">
            Ticket code
          </label>
          <input
            id="ticket-code"
            name="code"
            type="text"
            maxlength={600}
            autocomplete="off"
            autocapitalize="characters"
            spellcheck={false}
            class="field font-mono"
            aria-describedby="ticket-code-hint"
            autofocus
          />
          <p id="ticket-code-hint" class="mt-1 mb-0 text-sm text-slate-700">
            Scan the QR code, or type the code printed under it.
          </p>
        </div>
        <div class="flex flex-wrap gap-3">
          <button type="submit" class="btn">
            Check ticket
          </button>
        </div>
      </form>
    </article>
  );
}
