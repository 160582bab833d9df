import { formatLongDay, formatTime, localDate, zoneName } from '../../../platform/time';
import { Alert, StatusNotice } from '../../../web/forms';
import { plural } from '../../booking/wording';
import type { ShowtimeOverview } from '../../showtime-changes/service';
import { CancelForm, MoveForm, SalesSwitch, type ShowtimeForm, UnfinishedChange } from './showtime-forms';
import { SeatBlocks, type SeatsForm } from './showtime-seats';

/** The forms of the page as they were sent, when one is shown again with its errors. */
export type ShowtimeForms = {
  seats?: SeatsForm | undefined;
  move?: ShowtimeForm | undefined;
  cancel?: ShowtimeForm | undefined;
};

/** "Tuesday, 24 November 2026, 7:30 pm IST" in the theater's zone. */
function localStart(overview: ShowtimeOverview): string {
  const { show, theater, city } = overview.details;
  const at = new Date(show.startsAt);
  const locale = city?.locale;
  return `${formatLongDay(localDate(at, theater.timeZone), locale)}, ${formatTime(at, theater.timeZone, locale)} ${zoneName(at, theater.timeZone, locale)}`;
}

/** Where the showtime stands for online sales, in words. */
function salesWords(overview: ShowtimeOverview): string {
  const { show, theater, started } = overview.details;
  if (show.cancelledAt) {
    const at = new Date(show.cancelledAt);
    return `Cancelled on ${formatLongDay(localDate(at, theater.timeZone))} at ${formatTime(at, theater.timeZone)}`;
  }
  if (started) return 'Started: no longer on sale';
  return show.salesStopped ? 'Online sales stopped' : 'On sale online';
}

/** The move form starts at the showtime's own local date and time. */
function currentValues(overview: ShowtimeOverview): ShowtimeForm['values'] {
  const { show, theater } = overview.details;
  const at = new Date(show.startsAt);
  const time = new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: theater.timeZone,
  }).format(at);
  return { date: localDate(at, theater.timeZone), time };
}

/**
 * One showtime in the back office, for its theater's managers and admins: what it is and how it sells,
 * then its seat blocks, the sales switch, moving it and cancelling it. A cancelled or started showtime
 * shows what it is and nothing that would change it.
 */
export function ShowtimePage({
  overview,
  forms = {},
  notice,
  error,
  cacheSeconds,
}: {
  overview: ShowtimeOverview;
  forms?: ShowtimeForms;
  notice?: string | undefined;
  error?: string | undefined;
  cacheSeconds: number;
}) {
  const { show, movie, theater, screen, started } = overview.details;
  const { counts } = overview;
  const changeable = !show.cancelledAt && !started;
  return (
    <article aria-labelledby="showtime-title">
      <p class="mt-0">
        <a class="link" href="/admin">
          Back office
        </a>
      </p>
      <h1 id="showtime-title" class="mt-0 text-3xl font-bold">
        {movie.title}
      </h1>
      <StatusNotice message={notice} />
      <Alert message={error} />
      <dl class="grid sm:grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt class="font-semibold">When</dt>
        <dd class="m-0">
          <time datetime={show.startsAt}>{localStart(overview)}</time>
        </dd>
        <dt class="font-semibold">Where</dt>
        <dd class="m-0">
          {theater.name}, {screen.name}
        </dd>
        <dt class="font-semibold">Language and format</dt>
        <dd class="m-0">
          {show.language} · {show.format}
        </dd>
        <dt class="font-semibold">Sales</dt>
        <dd class="m-0">{salesWords(overview)}</dd>
        <dt class="font-semibold">Seats</dt>
        <dd class="m-0">
          {counts.sold} sold, {counts.held} held, {counts.blocked} blocked, {counts.free} free, of{' '}
          {counts.total}
        </dd>
        <dt class="font-semibold">Bookings</dt>
        <dd class="m-0">{plural(overview.bookings, 'booking')}</dd>
      </dl>
      <UnfinishedChange overview={overview} />
      {changeable ? (
        <>
          {/* The seat map's many checkboxes come last, so the keyboard reaches the other forms first. */}
          <SalesSwitch overview={overview} />
          <MoveForm
            overview={overview}
            form={forms.move ?? { values: currentValues(overview), errors: {} }}
          />
          <CancelForm overview={overview} form={forms.cancel ?? { values: {}, errors: {} }} />
          <SeatBlocks overview={overview} form={forms.seats ?? { values: {}, chosen: [], errors: {} }} />
        </>
      ) : (
        <p class="card">
          {show.cancelledAt
            ? 'This showtime is cancelled: nothing here changes it any more.'
            : 'This showtime has started: nothing here changes it any more.'}
        </p>
      )}
      <p class="mt-8 text-sm text-slate-700">
        Listings on this server show a change at once; other servers within {cacheSeconds} seconds. Holds and
        bookings always check the showtime itself.{' '}
        <a class="link" href={`/admin/audit?theater=${theater.id}`}>
          Audit log of {theater.name}
        </a>
      </p>
    </article>
  );
}
