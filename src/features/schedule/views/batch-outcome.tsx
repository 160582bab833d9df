import { formatDay, formatTime, localDate } from '../../../platform/time';
import type { Movie } from '../../catalog/model';
import type { PlannedShow, Refusal } from '../plan';
import type { BatchResult } from '../service';

type Place = { timeZone: string; locale: string; gapMinutes: number; movies: Map<string, Movie> };

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** "Tue, 24 Nov, 7:30 pm": an instant in the theater's zone. */
function when(instant: string, place: Place): string {
  const at = new Date(instant);
  return `${formatDay(localDate(at, place.timeZone), place.locale)}, ${formatTime(at, place.timeZone, place.locale)}`;
}

/** Why a showtime is not made, in words. */
export function refusalText(refusal: Refusal, planned: PlannedShow, place: Place): string {
  switch (refusal.code) {
    case 'skipped':
      return `There is no ${planned.time} that day in ${place.timeZone}: the clocks go forward past it.`;
    case 'ambiguous':
      return `${planned.time} happens twice that day in ${place.timeZone}, as the clocks go back: choose another time.`;
    case 'past':
      return 'That time has passed.';
    case 'no-price':
      return `The price card has no price for ${refusal.categories.join(', ')}, seats this screen has.`;
    case 'overlap': {
      const film = place.movies.get(refusal.other.movieId)?.title ?? 'another showtime';
      const ends = formatTime(new Date(refusal.other.endsAt), place.timeZone, place.locale);
      const where = refusal.inBatch ? ' (earlier in this batch)' : '';
      return `Overlaps ${film}${where}, ${when(refusal.other.startsAt, place)} to ${ends}, and the ${place.gapMinutes} minutes' cleaning after it.`;
    }
    case 'busy':
      return "The screen's schedule kept changing while this was being written, so it was not. Try again.";
  }
}

function ShowLabel({ planned, place }: { planned: PlannedShow; place: Place }) {
  const day = formatDay(planned.date, place.locale);
  return planned.show ? (
    <time datetime={planned.show.startsAt}>
      {day}, {formatTime(new Date(planned.show.startsAt), place.timeZone, place.locale)}
    </time>
  ) : (
    <span>
      {day}, {planned.time}
    </span>
  );
}

function Group({
  title,
  id,
  short = false,
  children,
}: {
  title: string;
  id: string;
  /** One short line an item: set in columns where there is room. */
  short?: boolean;
  children: unknown;
}) {
  return (
    <section aria-labelledby={id}>
      <h4 id={id} class="text-base font-bold mb-1">
        {title}
      </h4>
      <ul class={short ? 'mt-0 pl-5 sm:columns-2' : 'mt-0 pl-5 grid gap-1'}>{children}</ul>
    </section>
  );
}

/**
 * A batch's showtimes by what became of them: those a preview would create (or a create made), those
 * scheduled already, and those refused, each with its reason.
 */
export function BatchOutcome({
  result,
  mode,
  movies,
}: {
  result: BatchResult;
  mode: 'preview' | 'create';
  movies: Movie[];
}) {
  const { setup } = result.context;
  const place: Place = {
    timeZone: setup.theater.timeZone,
    locale: setup.city.locale,
    gapMinutes: result.context.gapMinutes,
    movies: new Map(movies.map((movie) => [movie.id, movie])),
  };
  const of = (kind: PlannedShow['outcome']['kind']) => result.shows.filter((s) => s.outcome.kind === kind);
  const made = of(mode === 'preview' ? 'create' : 'created');
  const exists = of('exists');
  const refused = of('refused');
  const summary = [
    mode === 'preview'
      ? `${plural(made.length, 'showtime', 'showtimes')} will be created`
      : `${plural(made.length, 'showtime was', 'showtimes were')} created`,
    exists.length > 0 ? `${plural(exists.length, 'is', 'are')} scheduled already` : '',
    refused.length > 0 ? `${plural(refused.length, 'is', 'are')} refused` : '',
  ]
    .filter(Boolean)
    .join('; ');
  return (
    <section aria-labelledby="outcome-title" class="card grid gap-2">
      <h3 id="outcome-title" class="m-0 text-lg font-bold">
        {mode === 'preview' ? 'Preview: nothing is written yet' : 'Scheduled'}
      </h3>
      <p role="status" class="m-0 font-semibold">
        {summary}.
      </p>
      {made.length > 0 ? (
        <Group title={mode === 'preview' ? 'Will be created' : 'Created'} id="outcome-made" short>
          {made.map((planned) => (
            <li>
              {mode === 'create' && planned.show ? (
                <a class="link" href={`/admin/showtimes/${planned.show.showId}`}>
                  <ShowLabel planned={planned} place={place} />
                </a>
              ) : (
                <ShowLabel planned={planned} place={place} />
              )}
            </li>
          ))}
        </Group>
      ) : null}
      {exists.length > 0 ? (
        <Group title="Scheduled already" id="outcome-exists" short>
          {exists.map((planned) => (
            <li>
              <ShowLabel planned={planned} place={place} />
            </li>
          ))}
        </Group>
      ) : null}
      {refused.length > 0 ? (
        <Group title="Refused" id="outcome-refused">
          {refused.map((planned) => (
            <li>
              <ShowLabel planned={planned} place={place} />:{' '}
              {planned.outcome.kind === 'refused'
                ? refusalText(planned.outcome.refusal, planned, place)
                : null}
            </li>
          ))}
        </Group>
      ) : null}
    </section>
  );
}
